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
from datetime import date, timedelta

from spacy.tokens import Doc

from flashpoint.models import DateMention
from flashpoint.nlp.anchored import finditer_at
from flashpoint.nlp.date_patterns import (FIRST_WORDS, PATTERNS, SMALL_NUMBERS, Found, Handler, Resolver,
                                          shift_month, ym)
from flashpoint.nlp.docview import text_of, word_index_of
from flashpoint.nlp.event_dates import date_for_event

__all__ = ["FIRST_WORDS", "PATTERNS", "date_for_event", "date_spans", "find_dates", "scan_dates"]


def _parse_published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _matches(doc: Doc) -> list[tuple[str, re.Match, Handler]]:
    """Every match of every date pattern in the text, resolved or not."""
    text, words = text_of(doc), word_index_of(doc)
    return [(kind, m, handler) for kind, pattern, handler in PATTERNS
            for m in finditer_at(pattern, text, words.starts(FIRST_WORDS[kind]))]


def _scan(doc: Doc, published: date | None, matches: list[tuple[str, re.Match, Handler]] | None = None) -> list[Found]:
    """Every date expression in the text, longest first, without overlaps."""
    resolver = Resolver(doc, published)
    found: list[Found] = []
    for kind, m, handler in matches if matches is not None else _matches(doc):
        try:
            value = handler(resolver, m)
        except KeyError:  # a case-insensitive match on a spelling no table holds ("laſt week")
            value = None
        if value is None and kind in ("year", "month_alone") and not _keeps_span(kind, m, published):
            continue
        found.append(Found(m.start(), m.end(), kind, value, m))
    order = {k: i for i, (k, _, _) in enumerate(PATTERNS)}
    found.sort(key=lambda f: (f.start, -(f.end - f.start), order[f.kind]))
    kept: list[Found] = []
    for f in found:
        if kept and f.start < kept[-1].end:
            continue
        kept.append(f)
    _fill_anchors(doc, kept, published)
    return kept


def _keeps_span(kind: str, m: re.Match, published: date | None) -> bool:
    """An unresolved month still marks a date span when only the publication date is missing."""
    return kind == "month_alone" and published is None and m["month"] not in ("May", "March")


def _fill_anchors(doc: Doc, found: list[Found], published: date | None) -> None:
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


def _reference(doc: Doc, found: list[Found], f: Found) -> str | None:
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
    return ym(*shift_month(y, int(value[5:7]), k))


def _clean_text(f: Found, text: str) -> tuple[int, int, str]:
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
