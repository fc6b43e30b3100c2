"""Date expressions: find them in a parsed Doc and resolve them against the publication date.

Every value is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, as precise as the words allow (a day is
never invented). Relative expressions ("last February", "late last month", "on Tuesday",
"three years ago") need the publication date; without one they are skipped, while absolute
ones ("3 March 2019", "June 2014", "mid-2016") still resolve.

Durations ("for three hours", "nearly a decade") and times of day are not dates. The rules are
regular expressions over the text plus a look at the parse (is a month "in" the future, is a
four-digit number a year or a count); dateparser is not used: it does not know "late last
month", and the patterns here are an order of magnitude faster.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

from spacy.tokens import Doc, Token

from flashpoint.models import DateMention, Span
from flashpoint.nlp.background import another_occasion, is_background, is_period
from flashpoint.nlp.wordlists import words
from flashpoint.nlp.anchored import DIGITS, finditer_at
from flashpoint.nlp.docview import text_of, word_index_of

MONTHS = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
}
MONTH_ABBR = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
    "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}
WEEKDAYS = {"Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4, "Saturday": 5, "Sunday": 6}
SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None,
}

_M = "(?P<month>" + "|".join(MONTHS) + ")"
_M2 = "(?P<month2>" + "|".join(MONTHS) + ")"
_MA = "(?P<month>" + "|".join(list(MONTHS) + [a + r"\.?" for a in MONTH_ABBR]) + ")"
_Y = r"(?P<year>1[89]\d\d|20\d\d)"
_Y2 = r"(?P<year2>1[89]\d\d|20\d\d)"
_WD = "(?P<weekday>" + "|".join(WEEKDAYS) + ")"
_PART = r"(?:(?P<part>(?i:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of))[\s-]+)?"
_NUM = r"(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a\s+few)"


@dataclass
class _Found:
    start: int
    end: int
    kind: str
    value: str | None  # None: could not be resolved (no publication date, or an anchor to fill)
    match: re.Match


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _month_num(name: str) -> int:
    name = name.rstrip(".")
    return MONTHS.get(name) or MONTH_ABBR[name]


def _valid_day(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def _week_month(monday: date) -> str:
    """The month a week belongs to: the month of its Thursday (as ISO weeks do)."""
    th = monday + timedelta(days=3)
    return _ym(th.year, th.month)


def _prev_word(text: str, start: int) -> str:
    m = re.search(r"([A-Za-z]+)[\s-]*$", text[max(0, start - 30):start])
    return m.group(1).lower() if m else ""


class _Resolver:
    """Turns the regex matches into values; holds the publication date and the Doc."""

    def __init__(self, doc: Doc, published: date | None):
        self.doc = doc
        self.text = text_of(doc)
        self.pub = published

    # -- context --------------------------------------------------------------------------
    def is_future(self, start: int, end: int) -> bool:
        """Whether the expression is governed by a future verb ("will meet in September")."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return False
        tok: Token = span.root
        seen = 0
        while tok.pos_ not in ("VERB", "AUX") and tok.head != tok and seen < 6:
            if tok.lower_ in words("future_head"):
                return True
            tok, seen = tok.head, seen + 1
        for _ in range(2):
            if tok.lower_ in words("future_head"):
                return True
            if any(c.dep_ == "aux" and c.lower_ in words("future_aux") for c in tok.children):
                return True
            if tok.dep_ not in ("xcomp", "conj") or tok.head == tok:
                break
            tok = tok.head
        return False

    # -- absolute -------------------------------------------------------------------------
    def iso(self, m: re.Match) -> str | None:
        y, mo, d = int(m["y"]), int(m["mo"]), int(m["d"])
        return f"{y:04d}-{mo:02d}-{d:02d}" if _valid_day(y, mo, d) else None

    def month_range(self, m: re.Match) -> str | None:
        year = m.groupdict().get("yeara") or m["year"]
        if year is None:
            return self._month_alone(m, _month_num(m["month"]))
        return _ym(int(year), _month_num(m["month"]))

    def day_month(self, m: re.Match) -> str | None:
        mo, d = _month_num(m["month"]), int(m["day"])
        if m["year"]:
            y = int(m["year"])
        else:
            if self.pub is None:
                return None
            y = self._year_for(mo, d, m)
        return f"{y:04d}-{mo:02d}-{d:02d}" if _valid_day(y, mo, d) else None

    def month_year(self, m: re.Match) -> str | None:
        return _ym(int(m["year"]), _month_num(m["month"]))

    def year_range(self, m: re.Match) -> str | None:
        return m["year"]

    def year(self, m: re.Match) -> str | None:
        if not self._is_year(m):
            return None
        return m["year"]

    def _is_year(self, m: re.Match) -> bool:
        start, end = m.start("year"), m.end("year")
        before = self.text[max(0, start - 2):start]
        if re.search(r"[$€£#,.\d]\s?$", before) and not m["part"]:
            return False
        if re.match(r"\s*(?:%|percent|per\s+cent|[,.]\d|\s*[-–]\s*\d)", self.text[end:end + 8]):
            return False
        prev = _prev_word(self.text, m.start())
        if prev in words("time_prep") or m["part"]:
            return True
        if prev in words("quantity"):
            return False
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return True
        tok = span[0]
        if tok.ent_type_ in ("CARDINAL", "MONEY", "QUANTITY", "PERCENT"):
            return False
        nxt = tok.nbor(1) if tok.i + 1 < len(self.doc) else None
        if nxt is not None and nxt.tag_ == "NNS" and tok.ent_type_ != "DATE" and tok.dep_ == "nummod":
            return False
        return True

    # -- relative to the publication date ---------------------------------------------------
    def _year_for(self, mo: int, d: int | None, m: re.Match) -> int:
        """Most recent (month, day) not after publication, or the next one when in the future."""
        assert self.pub is not None
        pub_key = (self.pub.month, self.pub.day if d is not None else 0)
        key = (mo, d if d is not None else 0)
        if self.is_future(m.start(), m.end()):
            return self.pub.year if key >= pub_key else self.pub.year + 1
        return self.pub.year if key <= pub_key else self.pub.year - 1

    def month_alone(self, m: re.Match) -> str | None:
        prev = _prev_word(self.text, m.start())
        month = m["month"]
        if month in ("May", "March") and not (m["rel"] or m["part"] or m["yrel"] or prev in words("time_prep")):
            return None
        return self._month_alone(m, MONTHS[month])

    def _month_alone(self, m: re.Match, mo: int) -> str | None:
        if self.pub is None:
            return None
        rel = (m.groupdict().get("rel") or "").lower()
        yrel = (m.groupdict().get("yrel") or "").lower()
        py, pm = self.pub.year, self.pub.month
        if yrel:
            return _ym(py + {"last": -1, "this": 0, "next": 1}[yrel], mo)
        if rel in ("last", "past", "previous"):
            return _ym(py if mo < pm else py - 1, mo)
        if rel in ("next", "coming"):
            return _ym(py if mo > pm else py + 1, mo)
        if rel == "this":
            return _ym(py, mo)
        return _ym(self._year_for(mo, None, m), mo)

    def weekday(self, m: re.Match) -> str | None:
        if self.pub is None:
            return None
        wd = WEEKDAYS[m["weekday"]]
        rel = (m["rel"] or "").lower()
        back = (self.pub.weekday() - wd) % 7
        fwd = (wd - self.pub.weekday()) % 7
        if rel in ("last", "past", "previous"):
            day = self.pub - timedelta(days=back or 7)
        elif rel in ("next", "coming"):
            day = self.pub + timedelta(days=fwd or 7)
        elif self.is_future(m.start(), m.end()):
            day = self.pub + timedelta(days=fwd)
        else:
            day = self.pub - timedelta(days=back)
        return day.isoformat()

    def day_word(self, m: re.Match) -> str | None:
        if self.pub is None:
            return None
        word = re.sub(r"\s+", " ", m[0].lower())
        if word in ("yesterday", "last night"):
            return (self.pub - timedelta(days=1)).isoformat()
        if word == "the day before yesterday":
            return (self.pub - timedelta(days=2)).isoformat()
        if word == "tomorrow":
            return (self.pub + timedelta(days=1)).isoformat()
        return self.pub.isoformat()

    def period(self, m: re.Match) -> str | None:
        if self.pub is None:
            return None
        rel = re.sub(r"\s+", " ", m["rel"].lower()).replace("the ", "")
        k = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "following": 1, "coming": 1}[rel]
        unit = m["unit"].lower()
        if unit == "year":
            return f"{self.pub.year + k:04d}"
        if unit == "month":
            return _ym(*_shift_month(self.pub.year, self.pub.month, k))
        if unit == "week":
            if k == 0:
                return _ym(self.pub.year, self.pub.month)
            monday = self.pub - timedelta(days=self.pub.weekday()) + timedelta(weeks=k)
            return _week_month(monday)
        return self._weekend(k)

    def weekend(self, m: re.Match) -> str | None:
        return self._weekend(0) if self.pub is not None else None

    def _weekend(self, k: int) -> str | None:
        assert self.pub is not None
        back = (self.pub.weekday() - 5) % 7
        saturday = self.pub - timedelta(days=back) + timedelta(weeks=k if k > 0 else 0)
        if k < 0 and back < 2:  # published on the weekend: "last weekend" is the one before
            saturday -= timedelta(weeks=1)
        return _ym(saturday.year, saturday.month)

    def ago(self, m: re.Match) -> str | None:
        if self.pub is None:
            return None
        n = SMALL_NUMBERS.get(re.sub(r"\s+", " ", m["n"].lower()), None) if not m["n"].isdigit() else int(m["n"])
        if n is None:
            return None
        unit = m["unit"].lower()
        if unit.startswith("day"):
            return (self.pub - timedelta(days=n)).isoformat()
        if unit.startswith("week"):
            d = self.pub - timedelta(weeks=n)
            return _ym(d.year, d.month)
        if unit.startswith("month"):
            return _ym(*_shift_month(self.pub.year, self.pub.month, -n))
        if unit.startswith("decade"):
            n *= 10
        return f"{self.pub.year - n:04d}"

    def season(self, m: re.Match) -> str | None:
        if m["year"]:
            return m["year"]
        if self.pub is None:
            return None
        rel = m["rel"].lower()
        start = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}[m["season"].lower()]
        if rel in ("last", "past"):
            return f"{self.pub.year if start < self.pub.month - 2 else self.pub.year - 1:04d}"
        if rel == "next":
            return f"{self.pub.year if start > self.pub.month else self.pub.year + 1:04d}"
        return f"{self.pub.year:04d}"

    def anchor(self, m: re.Match) -> str | None:
        return None  # filled in by _fill_anchors, once the other dates are known


_Handler = Callable[[_Resolver, re.Match], "str | None"]

# (kind, pattern, handler); earlier patterns win over later ones of the same extent
PATTERNS: list[tuple[str, re.Pattern[str], _Handler]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})\b"), _Resolver.iso),
    ("month_range", re.compile(
        rf"\b(?i:between|from)\s+{_PART}{_M}(?:\s+(?P<yeara>1[89]\d\d|20\d\d))?\s+(?i:and|to|until|through|till)\s+"
        rf"{_M2}(?:,?\s+{_Y}\b)?"), _Resolver.month_range),
    ("month_range", re.compile(rf"\b{_M}\s*[-–]\s*{_M2},?\s+{_Y}\b"), _Resolver.month_range),
    ("day_month", re.compile(
        rf"\b(?:{_WD},?\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*[-–]\s*[0-3]?\d(?:st|nd|rd|th)?)?\s+(?:of\s+)?{_MA}"
        rf"(?:,?\s+{_Y})?\b"), _Resolver.day_month),
    ("day_month", re.compile(
        rf"\b(?:{_WD},?\s+)?{_MA}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s*[:.]\d)(?:\s*[-–]\s*[0-3]?\d\b)?"
        rf"(?:,?\s+{_Y}\b)?"), _Resolver.day_month),
    ("month_year", re.compile(rf"\b{_PART}{_MA},?\s+(?:of\s+)?{_Y}\b"), _Resolver.month_year),
    ("season", re.compile(
        r"\b(?:(?P<rel>last|this|next|past)\s+(?P<season>spring|summer|autumn|fall|winter)\b"
        rf"|(?:the\s+)?(?P<season2>spring|summer|autumn|winter)\s+of\s+{_Y}\b)", re.I), _Resolver.season),
    ("year_range", re.compile(rf"\b(?i:between|from)\s+{_PART}{_Y}\s+(?i:and|to|until|through)\s+{_Y2}\b"), _Resolver.year_range),
    ("year_range", re.compile(rf"\b{_PART}{_Y}\s*[-–/]\s*(?:\d\d|{_Y2})\b(?!-)"), _Resolver.year_range),
    ("year", re.compile(rf"(?<![\w$€£.,-]){_PART}{_Y}(?:'s)?(?![\w%]|,\d|\.\d)"), _Resolver.year),
    ("anchor", re.compile(
        r"\b(?:the\s+(?:previous|following|next)\s+day|the\s+day\s+(?:before|after)|a\s+day\s+(?:earlier|later))\b",
        re.I), _Resolver.anchor),
    ("day_word", re.compile(
        r"\b(?:the\s+day\s+before\s+yesterday|yesterday|today|tonight|tomorrow|last\s+night"
        r"|this\s+(?:morning|afternoon|evening))\b", re.I), _Resolver.day_word),
    ("ago", re.compile(rf"\b{_NUM}\s+(?P<unit>days?|weeks?|months?|years?|decades?)\s+ago\b", re.I), _Resolver.ago),
    ("shift", re.compile(rf"\b{_NUM}\s+(?P<unit>days?|weeks?|months?|years?)\s+(?P<dir>later|earlier)\b", re.I),
     _Resolver.anchor),
    ("period", re.compile(
        r"\b(?:(?:early|late|earlier|later|mid)[\s-]+)?(?:in\s+)?"
        r"(?P<rel>last|this|next|past|coming|the\s+previous|the\s+past|the\s+following)\s+(?P<unit>week|month|year|weekend)\b",
        re.I), _Resolver.period),
    ("weekend", re.compile(r"\b(?:over|at|during)\s+the\s+weekend\b", re.I), _Resolver.weekend),
    ("weekday", re.compile(
        rf"\b(?:(?P<rel>(?i:last|this|next|past|coming|previous))\s+)?{_WD}(?:\s+(?:morning|afternoon|evening|night))?"),
        _Resolver.weekday),
    ("month_alone", re.compile(
        rf"\b(?:(?P<rel>(?i:last|this|next|past|coming|previous))\s+)?{_PART}{_M}\b(?!\s+\d)"
        r"(?:\s+(?:of\s+)?(?P<yrel>last|this|next)\s+year)?"), _Resolver.month_alone),
]


# The words each kind of pattern can begin with (lower case; DIGITS: a number), so that it is
# tried only there (see flashpoint.nlp.anchored). A pattern added above needs its words here.
_RELATIVE_WORDS = {"last", "this", "next", "past", "coming", "previous"}
_PART_WORDS = {"early", "mid", "late", "the"}
_MONTH_WORDS = {m.lower() for m in MONTHS} | {a.lower() for a in MONTH_ABBR}
_WEEKDAY_WORDS = {w.lower() for w in WEEKDAYS}
_NUM_WORDS = {DIGITS} | {w.split()[0] for w in SMALL_NUMBERS}
FIRST_WORDS: dict[str, frozenset[str]] = {kind: frozenset(words) for kind, words in {
    "iso": {DIGITS},
    "month_range": {"between", "from"} | _MONTH_WORDS,
    "day_month": _WEEKDAY_WORDS | _MONTH_WORDS | {DIGITS},
    "month_year": _PART_WORDS | _MONTH_WORDS,
    "season": {"last", "this", "next", "past", "the", "spring", "summer", "autumn", "fall", "winter"},
    "year_range": {"between", "from", DIGITS} | _PART_WORDS,
    "year": _PART_WORDS | {DIGITS},
    "anchor": {"the", "a"},
    "day_word": {"the", "yesterday", "today", "tonight", "tomorrow", "last", "this"},
    "ago": _NUM_WORDS,
    "shift": _NUM_WORDS,
    "period": {"early", "late", "earlier", "later", "mid", "in", "the"} | _RELATIVE_WORDS,
    "weekend": {"over", "at", "during"},
    "weekday": _RELATIVE_WORDS | {w + "*" for w in _WEEKDAY_WORDS},  # no \b after the name: "Fridays"
    "month_alone": _RELATIVE_WORDS | _PART_WORDS | _MONTH_WORDS,
}.items()}


def _parse_published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _matches(doc: Doc) -> list[tuple[str, re.Match, _Handler]]:
    """Every match of every date pattern in the text, resolved or not."""
    text, words = text_of(doc), word_index_of(doc)
    return [(kind, m, handler) for kind, pattern, handler in PATTERNS
            for m in finditer_at(pattern, text, words.starts(FIRST_WORDS[kind]))]


def _scan(doc: Doc, published: date | None, matches: list[tuple[str, re.Match, _Handler]] | None = None) -> list[_Found]:
    """Every date expression in the text, longest first, without overlaps."""
    resolver = _Resolver(doc, published)
    found: list[_Found] = []
    for kind, m, handler in matches if matches is not None else _matches(doc):
        try:
            value = handler(resolver, m)
        except KeyError:  # a case-insensitive match on a spelling no table holds ("laſt week")
            value = None
        if value is None and kind in ("year", "month_alone") and not _keeps_span(kind, m, published):
            continue
        found.append(_Found(m.start(), m.end(), kind, value, m))
    order = {k: i for i, (k, _, _) in enumerate(PATTERNS)}
    found.sort(key=lambda f: (f.start, -(f.end - f.start), order[f.kind]))
    kept: list[_Found] = []
    for f in found:
        if kept and f.start < kept[-1].end:
            continue
        kept.append(f)
    _fill_anchors(doc, kept, published)
    return kept


def _keeps_span(kind: str, m: re.Match, published: date | None) -> bool:
    """An unresolved month still marks a date span when only the publication date is missing."""
    return kind == "month_alone" and published is None and m["month"] not in ("May", "March")


def _fill_anchors(doc: Doc, found: list[_Found], published: date | None) -> None:
    """Resolve "the previous day", "the next day" and "seven months later" against another date.

    The reference is the sentence's other date; failing that, "the previous day" counts from the
    publication date and the forward ones from the last resolved date before them.
    """
    for f in found:
        if f.kind not in ("anchor", "shift"):
            continue
        m = f.match
        if f.kind == "shift":
            back = m["dir"].lower() == "earlier"
            word = re.sub(r"\s+", " ", m["n"].lower())
            n = int(word) if word.isdigit() else SMALL_NUMBERS.get(word)
            unit = m["unit"].lower().rstrip("s")
        else:
            back = re.search(r"previous|before|earlier", m[0], re.I) is not None
            n, unit = 1, "day"
        if n is None:
            continue
        ref = _reference(doc, found, f)
        if ref is None:
            if not (back and published is not None and f.kind == "anchor"):
                continue
            ref_value = published.isoformat()
        else:
            ref_value = ref
        f.value = _shift(ref_value, -n if back else n, unit)


def _reference(doc: Doc, found: list[_Found], f: _Found) -> str | None:
    """The value of the date that a relative-to-narrative expression counts from."""
    others = [g for g in found if g is not f and g.value and g.kind not in ("anchor", "shift")]
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is not None and len(span):
        sent = span.sent
        same = [g for g in others if sent.start_char <= g.start < sent.end_char]
        if same:
            return min(same, key=lambda g: abs(g.start - f.start)).value
    earlier = [g for g in others if g.end <= f.start]
    if earlier and not re.search(r"previous|before", f.match[0], re.I):
        return earlier[-1].value
    return None


def _shift(value: str, k: int, unit: str) -> str:
    """Move a date value by k days, weeks, months or years, keeping no more precision than it has."""
    if unit in ("day", "week"):
        if len(value) < 10:
            return value
        return (date.fromisoformat(value) + timedelta(days=k * (7 if unit == "week" else 1))).isoformat()[
            : 10 if unit == "day" else 7
        ]
    y = int(value[:4])
    if unit == "year":
        return f"{y + k:04d}" + value[4:7]
    if len(value) < 7:
        return value
    return _ym(*_shift_month(y, int(value[5:7]), k))


def _clean_text(f: _Found, text: str) -> tuple[int, int, str]:
    start, end = f.start, f.end
    s = text[start:end]
    if s.endswith("'s"):
        end -= 2
    lead = re.match(r"(?:between|from)\s+", text[start:end], re.I)
    if lead and f.kind in ("year_range", "month_range"):
        start += lead.end()
    return start, end, text[start:end]


def find_dates(doc: Doc, published: str | None) -> list[DateMention]:
    """The date expressions of the Doc that resolve to a value, in text order."""
    return scan_dates(doc, published)[0]


def scan_dates(doc: Doc, published: str | None) -> tuple[list[DateMention], list[tuple[int, int]]]:
    """One scan, two answers: the dates that resolve to a value, and the character spans of every
    date expression, resolved or not (which quantities leave out)."""
    pub = _parse_published(published)
    matches = _matches(doc)
    found = _scan(doc, pub, matches)
    # Without a publication date relative dates stay unresolved, but their spans still count.
    spans = [(f.start, f.end) for f in (found if pub else _scan(doc, date(2000, 1, 1), matches))]
    out = []
    full = text_of(doc)
    for f in found:
        if f.value is None:
            continue
        start, end, text = _clean_text(f, full)
        out.append(DateMention(start=start, end=end, text=text, value=f.value))
    return out, spans


def date_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of every date expression, resolved or not (quantities leave them out)."""
    spans = [(f.start, f.end) for f in _scan(doc, date(2000, 1, 1))]
    return spans


# -- which date belongs to an event ----------------------------------------------------------



def _root_token(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _governing_verb(tok: Token) -> Token:
    """The nearest verb above a token (the token itself when it is a verb)."""
    steps = 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head != tok and steps < 8:
        tok, steps = tok.head, steps + 1
    return tok


def _is_ancestor(anc: Token, tok: Token) -> bool:
    return anc == tok or any(a == anc for a in tok.ancestors)


def _in_side_clause(tok: Token, trig: Token) -> bool:
    """A date inside a relative or participial clause of one of the event's arguments ("the
    insurgency, which began in 2009, has killed ...") dates that argument, not the event."""
    node, steps = tok, 0
    while node != trig and node.head != node and steps < 12:
        if node.dep_ in _SIDE_CLAUSES and node.head != trig:
            return True
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _COMPARISON for c in node.children):
            return True  # "..., as happened in 2022": another event, for comparison
        if node.dep_ in ("conj", "advcl") and node.pos_ == "VERB" and another_occasion(node, node.head):
            return True  # "has been fighting them, and clashes in 2022 killed 27": the clashes' date
        node, steps = node.head, steps + 1
    return False


_SIDE_CLAUSES = frozenset({"relcl", "acl", "appos"})
_COMPARISON = frozenset({"as", "like", "unlike", "than"})


def date_for_event(doc: Doc, sentence: Span, trigger: Span, dates: list[DateMention],
                   published: str | None = None) -> DateMention | None:
    """The date that belongs to the event whose trigger is given; None when the sentence has none.

    A date in the trigger's subtree (or on the trigger's own verb) wins; then the nearest date of
    the sentence that is not the reporting verb's. Where the only dates belong to the reporting
    verb ("X happened, officials said on Thursday") the event gets their month. A period ("since
    2009") is never the event's date, nor a date in a side clause of an argument; a date over a
    year before publication counts only in the event's own clause.
    """
    text = text_of(doc)
    inside = [d for d in dates if sentence.start <= d.start and d.end <= sentence.end
              and not (is_period(text[max(0, d.start - 16):d.start]) and is_background(d.value, published))]
    if not inside:
        return None
    trig = _root_token(doc, trigger.start, trigger.end)
    if trig is None:
        return min(inside, key=lambda d: abs(d.start - trigger.start))
    trig_verb = _governing_verb(trig)
    attached, governing, reporting, other = [], [], [], []
    for d in inside:
        tok = _root_token(doc, d.start, d.end)
        if tok is None:
            other.append(d)
            continue
        if _is_ancestor(trig, tok) and _in_side_clause(tok, trig):
            continue
        verb = _governing_verb(tok)
        if verb == trig_verb or _is_ancestor(trig, tok) or _coordinated(trig_verb, verb):
            attached.append(d)  # its own clause, or one verb of it ("in a statement on Thursday, denied ... and accused")
        elif trig_verb.dep_ == "advcl" and trig_verb.head == verb:
            governing.append(d)  # the clause its "after ..."/"when ..." clause hangs on
        elif is_background(d.value, published):
            continue  # an old date elsewhere in the sentence: background, not this event's
        elif verb.lemma_.lower() in words("reporting"):
            reporting.append(d)
        else:
            other.append(d)
    near = lambda ds: min(ds, key=lambda d: abs(d.start - trigger.start))  # noqa: E731
    if attached:
        return near(attached)  # "arrested on Friday after he stabbed a guard on Tuesday": Tuesday
    if governing or other:
        d = near(governing or other)
        return _month_of(d) if _before_or_after(trig_verb) else d  # "arrested on Friday after he stabbed"
    if not reporting:
        return None
    return _month_of(near(reporting))


def _coordinated(verb: Token, other: Token) -> bool:
    """The verb is a conjunct of the other that shares its subject: one act, one date."""
    return (verb.dep_ == "conj" and verb.head == other
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children))


def _month_of(d: DateMention) -> DateMention:
    """The month of a day: the event happened near that day, not on it."""
    if len(d.value) == 10:
        return DateMention(start=d.start, end=d.end, text=d.text, value=d.value[:7])
    return d


def _before_or_after(verb: Token) -> bool:
    """The clause is set before or after another ("after he stabbed", "before fleeing"): the other
    clause's day is not its own."""
    marks = words("sequence")
    if verb.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in marks for c in verb.children)
    return verb.dep_ == "pcomp" and verb.head.lower_ in marks
