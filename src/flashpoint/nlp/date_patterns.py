"""The date patterns and the resolver that turns each match into a value (``YYYY``, ``YYYY-MM``
or ``YYYY-MM-DD``) against the publication date; ``flashpoint.nlp.dates`` scans a Doc with them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

from spacy.tokens import Doc, Token

from flashpoint.nlp.wordlists import words
from flashpoint.nlp.anchored import DIGITS
from flashpoint.nlp.docview import text_of

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
class Found:
    start: int
    end: int
    kind: str
    value: str | None  # None: could not be resolved (no publication date, or an anchor to fill)
    match: re.Match


def ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def shift_month(y: int, m: int, k: int) -> tuple[int, int]:
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
    return ym(th.year, th.month)


def _prev_word(text: str, start: int) -> str:
    m = re.search(r"([A-Za-z]+)[\s-]*$", text[max(0, start - 30):start])
    return m.group(1).lower() if m else ""


class Resolver:
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
        return ym(int(year), _month_num(m["month"]))

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
        return ym(int(m["year"]), _month_num(m["month"]))

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
            return ym(py + {"last": -1, "this": 0, "next": 1}[yrel], mo)
        if rel in ("last", "past", "previous"):
            return ym(py if mo < pm else py - 1, mo)
        if rel in ("next", "coming"):
            return ym(py if mo > pm else py + 1, mo)
        if rel == "this":
            return ym(py, mo)
        return ym(self._year_for(mo, None, m), mo)

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
            return ym(*shift_month(self.pub.year, self.pub.month, k))
        if unit == "week":
            if k == 0:
                return ym(self.pub.year, self.pub.month)
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
        return ym(saturday.year, saturday.month)

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
            return ym(d.year, d.month)
        if unit.startswith("month"):
            return ym(*shift_month(self.pub.year, self.pub.month, -n))
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


Handler = Callable[[Resolver, re.Match], "str | None"]

# (kind, pattern, handler); earlier patterns win over later ones of the same extent
PATTERNS: list[tuple[str, re.Pattern[str], Handler]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})\b"), Resolver.iso),
    ("month_range", re.compile(
        rf"\b(?i:between|from)\s+{_PART}{_M}(?:\s+(?P<yeara>1[89]\d\d|20\d\d))?\s+(?i:and|to|until|through|till)\s+"
        rf"{_M2}(?:,?\s+{_Y}\b)?"), Resolver.month_range),
    ("month_range", re.compile(rf"\b{_M}\s*[-–]\s*{_M2},?\s+{_Y}\b"), Resolver.month_range),
    ("day_month", re.compile(
        rf"\b(?:{_WD},?\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*[-–]\s*[0-3]?\d(?:st|nd|rd|th)?)?\s+(?:of\s+)?{_MA}"
        rf"(?:,?\s+{_Y})?\b"), Resolver.day_month),
    ("day_month", re.compile(
        rf"\b(?:{_WD},?\s+)?{_MA}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s*[:.]\d)(?:\s*[-–]\s*[0-3]?\d\b)?"
        rf"(?:,?\s+{_Y}\b)?"), Resolver.day_month),
    ("month_year", re.compile(rf"\b{_PART}{_MA},?\s+(?:of\s+)?{_Y}\b"), Resolver.month_year),
    ("season", re.compile(
        r"\b(?:(?P<rel>last|this|next|past)\s+(?P<season>spring|summer|autumn|fall|winter)\b"
        rf"|(?:the\s+)?(?P<season2>spring|summer|autumn|winter)\s+of\s+{_Y}\b)", re.I), Resolver.season),
    ("year_range", re.compile(rf"\b(?i:between|from)\s+{_PART}{_Y}\s+(?i:and|to|until|through)\s+{_Y2}\b"), Resolver.year_range),
    ("year_range", re.compile(rf"\b{_PART}{_Y}\s*[-–/]\s*(?:\d\d|{_Y2})\b(?!-)"), Resolver.year_range),
    ("year", re.compile(rf"(?<![\w$€£.,-]){_PART}{_Y}(?:'s)?(?![\w%]|,\d|\.\d)"), Resolver.year),
    ("anchor", re.compile(
        r"\b(?:the\s+(?:previous|following|next)\s+day|the\s+day\s+(?:before|after)|a\s+day\s+(?:earlier|later))\b",
        re.I), Resolver.anchor),
    ("day_word", re.compile(
        r"\b(?:the\s+day\s+before\s+yesterday|yesterday|today|tonight|tomorrow|last\s+night"
        r"|this\s+(?:morning|afternoon|evening))\b", re.I), Resolver.day_word),
    ("ago", re.compile(rf"\b{_NUM}\s+(?P<unit>days?|weeks?|months?|years?|decades?)\s+ago\b", re.I), Resolver.ago),
    ("shift", re.compile(rf"\b{_NUM}\s+(?P<unit>days?|weeks?|months?|years?)\s+(?P<dir>later|earlier)\b", re.I),
     Resolver.anchor),
    ("period", re.compile(
        r"\b(?:(?:early|late|earlier|later|mid)[\s-]+)?(?:in\s+)?"
        r"(?P<rel>last|this|next|past|coming|the\s+previous|the\s+past|the\s+following)\s+(?P<unit>week|month|year|weekend)\b",
        re.I), Resolver.period),
    ("weekend", re.compile(r"\b(?:over|at|during)\s+the\s+weekend\b", re.I), Resolver.weekend),
    ("weekday", re.compile(
        rf"\b(?:(?P<rel>(?i:last|this|next|past|coming|previous))\s+)?{_WD}(?:\s+(?:morning|afternoon|evening|night))?"),
        Resolver.weekday),
    ("month_alone", re.compile(
        rf"\b(?:(?P<rel>(?i:last|this|next|past|coming|previous))\s+)?{_PART}{_M}\b(?!\s+\d)"
        r"(?:\s+(?:of\s+)?(?P<yrel>last|this|next)\s+year)?"), Resolver.month_alone),
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
