"""Numbers in the text: what they are, their range, their unit and what they count.

Found: digits ("11", "1,200", "2.5 million", "$26,000", "56%"), spelled-out numbers ("nine",
"twenty-three", "a dozen", "two hundred"), fractions ("one-third"), ranges ("5,000-6,000",
"between 20 and 30", "20 to 30", "two or three"), each with its qualifier kept in the text
("at least 11", "nearly three hours") while the value stays the number itself.

Left out: years and every other date expression (found by the dates stage), times of day,
ordinals ("third", "3rd"), phone numbers, numbers inside names ("M23", "F-16s",
"Resolution 2334"), and vague amounts ("dozens", "hundreds", "several").

The word lists (number words, fractions, qualifiers, units, casualty words) are files in
``data/lexicon/quantities_*.tsv``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from spacy.tokens import Doc, Token

from flashpoint.datafiles import read_table
from flashpoint.errors import DataFileError
from flashpoint.models import Quantity
from flashpoint.nlp.dates import date_spans
from flashpoint.nlp.anchored import DIGITS, finditer_at, with_space_before
from flashpoint.nlp.docview import text_of, word_index_of
from flashpoint.nlp.linebreaks import line_start

_NAME_ENTS = {"ORG", "PRODUCT", "LAW", "FAC", "WORK_OF_ART", "EVENT", "PERSON", "GPE", "LOC"}
_SCALES = {"thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12, "bn": 10**9, "m": 10**6, "k": 1000}
_MULTIPLIERS = {"hundred", "thousand", "million", "billion", "trillion", "dozen"}
_TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century", "year-old"}
_SUBJ_OBJ = {"nsubj", "nsubjpass", "dobj", "obj", "attr", "conj", "appos", "oprd"}
_SKIP_UNIT_WORDS = {"more", "other", "additional", "extra", "further", "new", "of"}


_COLUMNS = {
    "quantities_number_words.tsv": ["word", "value"],
    "quantities_fractions.tsv": ["fraction", "value"],
    "quantities_about.tsv": ["lemma", "about"],
    "quantities_modifiers.tsv": ["modifier"],
}


@lru_cache(maxsize=None)
def _table(name: str) -> dict[str, str]:
    """A data/lexicon table as {first column (lower case): second column or ""}, through the one reader."""
    columns = _COLUMNS[name]
    path = Path(str(files("flashpoint") / "data" / "lexicon" / name))
    out: dict[str, str] = {}
    for number, row in read_table(path, columns):
        key = row[columns[0]].lower()
        if not key:
            raise DataFileError(str(path), number, f"empty {columns[0]}")
        out[key] = row[columns[1]] if len(columns) > 1 else ""
    return out


def number_words() -> dict[str, int]:
    return {k: int(v) for k, v in _table("quantities_number_words.tsv").items()}


def fractions() -> dict[str, float]:
    return {_frac_key(k): float(v) for k, v in _table("quantities_fractions.tsv").items()}


def _frac_key(s: str) -> str:
    return re.sub(r"[\s-]+", " ", s.lower())


def about_words() -> dict[str, str]:
    return _table("quantities_about.tsv")


@lru_cache(maxsize=None)
def _first_words() -> dict[str, frozenset[str]]:
    """The words each pattern can begin with, so that it is tried only there (see
    flashpoint.nlp.anchored). A number may also open with a currency sign ("US$" included) or the
    white space before it, which `_candidates` adds."""
    number = frozenset({DIGITS, "a", "an"} | {_first_word(w) for w in number_words()})
    return {
        "single": number,
        "range": number | {"between", "from"},
        "fraction": frozenset(_first_word(f) for f in fractions()),
    }


def _first_word(phrase: str) -> str:
    return re.match(r"\w+", phrase).group().lower()


_CURRENCY_SIGNS = re.compile(r"[$€£]|(?i:us\$)")  # "US$" may follow a letter: "AUS$5"


def _candidates(doc: Doc, kind: str) -> list[int]:
    text, words = text_of(doc), word_index_of(doc)
    starts = words.starts(_first_words()[kind])
    if kind == "fraction":
        return starts
    starts += [m.start() for m in _CURRENCY_SIGNS.finditer(text)]
    return with_space_before(text, sorted(starts))


@lru_cache(maxsize=None)
def _patterns() -> dict[str, re.Pattern[str]]:
    words = sorted(number_words(), key=len, reverse=True)
    numw = "(?:" + "|".join(words) + ")"
    word_num = rf"(?:an?\s+(?=(?:dozen|hundred|thousand|million|billion)\b))?{numw}(?:(?:\s+and\s+|[\s-]+){numw})*"
    digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    cur = r"(?:US\$|\$|€|£)"
    scale = r"(?:\s*(?:thousand|million|billion|trillion)\b|(?<=\d)(?:bn|m|k)\b(?=[^\w]|$))"
    num = (
        rf"(?P<cur>{cur})?\s?(?P<num>(?<![\w.,/-])(?:{digits})(?![\w,]\d)|\b{word_num}\b)"
        rf"(?P<scale>{scale})?"
    )
    num2 = num.replace(r"(?<![\w.,/-])", "").replace("?P<cur>", "?P<cur2>").replace("?P<num>", "?P<num2>").replace("?P<scale>", "?P<scale2>")
    frac = "|".join(re.escape(f).replace(r"\ ", r"[\s-]") for f in sorted(fractions(), key=len, reverse=True))
    mods = "|".join(
        re.escape(m).replace(r"\ ", r"\s+") for m in sorted(_table("quantities_modifiers.tsv"), key=len, reverse=True)
    )
    return {
        "range": re.compile(
            rf"(?:\b(?P<lead>between|from)\s+)?{num}\s*(?:-|–|—|\bto\b|\band\b|\bor\b)\s*{num2}", re.I
        ),
        "single": re.compile(num, re.I),
        "fraction": re.compile(rf"\b(?P<frac>{frac})\b", re.I),
        "modifier": re.compile(rf"\b(?:{mods})\s+$", re.I),
        "phone": re.compile(r"(?<![\w,])\+?\(?\d{1,4}\)?(?:[ .-]\d{2,4}){2,}(?![\w,])"),
        "time": re.compile(
            r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\b\.?|p\.?m\b\.?|GMT|UTC|hrs\b|o'clock)|\b\d{1,2}:\d{2}\b", re.I
        ),
    }


def _parse_words(text: str) -> int | None:
    """"twenty-three" -> 23, "two hundred and fifty" -> 250, "a dozen" -> 12."""
    table = number_words()
    total = current = 0
    seen = False
    for w in re.split(r"[\s-]+", text.lower()):
        if w in ("a", "an"):
            current = max(current, 1)
            continue
        if w == "and" or not w:
            continue
        v = table.get(w)
        if v is None:
            return None
        seen = True
        if w == "dozen":
            current = (current or 1) * 12
        elif v == 100:
            current = (current or 1) * 100
        elif v >= 1000:
            total += (current or 1) * v
            current = 0
        else:
            current += v
    return total + current if seen else None


def _number(num: str, scale: str | None, cur: str | None) -> int | float | None:
    """The value of one matched number with its scale word."""
    if num[0].isdigit():
        value = Decimal(num.replace(",", ""))
    else:
        parsed = _parse_words(num)
        if parsed is None:
            return None
        value = Decimal(parsed)
    if scale:
        s = scale.strip().lower()
        if s in ("m", "k", "bn") and not cur and s != "bn":
            return None  # "100m" is metres, not millions
        value *= _SCALES[s]
    return int(value) if value == value.to_integral_value() else float(value)


class _Finder:
    def __init__(self, doc: Doc, dates: list[tuple[int, int]] | None = None):
        self.doc = doc
        self.text = text_of(doc)
        self.blocked: list[tuple[int, int]] = list(date_spans(doc) if dates is None else dates)
        pats = _patterns()
        self.blocked += [m.span() for m in pats["phone"].finditer(self.text) if _digit_count(m[0]) >= 8]
        self.blocked += [m.span() for m in pats["time"].finditer(self.text)]
        self.taken: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        return not any(a < end and start < b for a, b in self.blocked + self.taken)

    def token_at(self, start: int, end: int) -> Token | None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span[-1] if span is not None and len(span) else None

    def in_name(self, m: re.Match, num_group: str) -> bool:
        """A number that is part of a name: "M23", "F-16s", "Resolution 2334", "Apollo 11"."""
        start, end = m.start(num_group), m.end(num_group)
        num = m[num_group]
        before = self.text[max(0, start - 2):start]
        if re.search(r"[A-Za-z]-?$", before) and not re.search(r"(?:US\$|\$|€|£)\s?$", self.text[max(0, start - 4):start]):
            return True
        after = self.text[end:end + 12]
        if re.match(r"(?:st|nd|rd|th|s)\b", after) or re.match(r"[A-Za-z]", after) and not re.match(
            r"(?:km|kg|mm|cm|m|bn|k|mph|ha)\b|%", after
        ):
            return True
        tok = self.token_at(start, end)
        if tok is None:
            return False
        if tok.ent_type_ in _NAME_ENTS:
            return True
        if num[0].isdigit() or num[0].isupper():
            prev = self.doc[tok.i - 1] if tok.i > 0 else None
            if (
                prev is not None
                and prev.pos_ == "PROPN"
                and prev.text[:1].isupper()
                and not prev.is_sent_start
                and prev.ent_type_ not in ("DATE",)
            ):
                return True
        return False

    def vague_one(self, m: re.Match) -> bool:
        """"one" counts only when a noun follows it ("one officer", not "one of", "no one")."""
        if m["num"].lower() not in ("one", "a", "an") or m["scale"]:
            return False
        tok = self.token_at(m.start("num"), m.end("num"))
        if tok is None or tok.i + 1 >= len(self.doc):
            return True
        nxt = tok.nbor(1)
        prev = tok.nbor(-1).lower_ if tok.i > 0 else ""
        return nxt.pos_ not in ("NOUN", "ADJ") or prev in ("no", "any", "each", "every", "the", "this", "that")


def _digit_count(s: str) -> int:
    return sum(c.isdigit() for c in s)


def find_quantities(doc: Doc, date_ranges: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """The numbers of the Doc with value, upper bound, unit and what they count, in text order.
    Numbers inside `date_ranges` (character spans of date expressions) are not quantities; without
    them the dates are found here."""
    finder = _Finder(doc, date_ranges)
    pats = _patterns()
    found: list[Quantity] = []
    for m in finditer_at(pats["range"], finder.text, _candidates(doc, "range")):
        q = _range(finder, m)
        if q is not None:
            found.append(q)
    for m in finditer_at(pats["fraction"], finder.text, _candidates(doc, "fraction")):
        if finder.free(m.start(), m.end()):
            value = fractions().get(_frac_key(m[0]))
            if value is None:  # matched case-insensitively in a spelling the table lacks
                continue
            found.append(_finish(finder, m.start(), m.end(), value, None, None))
    for m in finditer_at(pats["single"], finder.text, _candidates(doc, "single")):
        q = _single(finder, m)
        if q is not None:
            found.append(q)
    return sorted(found, key=lambda q: q.start)


def _range(finder: _Finder, m: re.Match) -> Quantity | None:
    joiner = finder.text[m.end("num"):m.start("num2") - (1 if m["cur2"] else 0)].strip().lower()
    lead = (m["lead"] or "").lower()
    if (lead == "between") != (joiner == "and") and joiner == "and":
        return None  # "eight civilians and 14" is two numbers, not a range
    if joiner == "or" and not (m["num"][0].isalpha() and m["num2"][0].isalpha()):
        return None
    if lead == "from" and joiner != "to":
        return None
    if not finder.free(m.start("num"), m.end()) or finder.in_name(m, "num") or finder.in_name(m, "num2"):
        return None
    cur = m["cur"] or m["cur2"]
    scale = m["scale"] or (m["scale2"] if not m["scale"] else None)
    low = _number(m["num"], m["scale"] or (scale if m["num"][0].isdigit() or m["scale2"] else None), cur)
    high = _number(m["num2"], m["scale2"], cur)
    if low is None or high is None or not low < high:
        return None
    start = m.start("lead") if m["lead"] else m.start()
    return _finish(finder, start, m.end(), low, high, cur)


def _single(finder: _Finder, m: re.Match) -> Quantity | None:
    start = m.start()
    if not finder.free(m.start("num"), m.end("num")):
        return None
    if finder.in_name(m, "num") or finder.vague_one(m):
        return None
    words = m["num"].lower().split()
    if not m["num"][0].isdigit() and (words[0] in ("a", "an") and len(words) == 1 or words[0] in _MULTIPLIERS):
        return None  # "several hundred", "thousands" are vague
    if re.match(r"[.)]\s", finder.text[m.end("num"):m.end("num") + 2]) and not finder.text[line_start(finder.text, m.start("num")):m.start("num")].strip():
        return None  # a list marker: "1. Six killed in bar attack"
    value = _number(m["num"], m["scale"], m["cur"])
    if value is None:
        return None
    start = m.start("cur") if m["cur"] else m.start("num")
    return _finish(finder, start, m.end(), value, None, m["cur"])


def _finish(finder: _Finder, start: int, end: int, value, high, cur: str | None) -> Quantity:
    """Add the qualifier before, the unit after and what the number counts."""
    text = finder.text
    mod = _patterns()["modifier"].search(text[max(0, start - 30):start])
    if mod:
        start = start - (len(text[max(0, start - 30):start]) - mod.start())
    unit: str | None = None
    about: str | None = None
    pct = re.match(r"\s*(%|percent\b|per\s+cent\b)", text[end:end + 10])
    glued = re.match(r"(km|kg|mm|cm|m|mph|ha)\b", text[end:end + 4])
    hyph = re.match(r"-([a-z]+(?:-[a-z]+)?)", text[end:end + 20])
    num_tok = finder.token_at(end - 1, end)
    if pct:
        unit, end = "%", end + pct.end()
    elif glued:
        unit, end = glued.group(1), end + glued.end()
    elif hyph:
        unit, end = hyph.group(1), end + hyph.end()
    noun = _counted_noun(num_tok, end) if num_tok is not None else None
    if noun is not None and not pct:
        if unit is None:
            unit = noun.text.lower()
        end = max(end, noun.idx + len(noun.text))
    elif unit is None and cur:
        unit = {"US$": "$"}.get(cur, cur)
    about = _about(num_tok, noun, end, text, unit)
    finder.taken.append((start, end))
    return Quantity(text=text[start:end], start=start, end=end, value=value, high=high, unit=unit, about=about)


def _counted_noun(num: Token, end: int) -> Token | None:
    """The head noun that a number counts: "11 soldiers", "30 apostate soldiers", "600 more troops"."""
    doc = num.doc
    if num.dep_ in ("nummod", "quantmod", "compound") and num.head.i > num.i and num.head.pos_ in ("NOUN", "PROPN"):
        head = num.head
        between = doc[num.i + 1:head.i]
        if head.i - num.i <= 5 and not any(t.is_punct and t.text != "-" for t in between):
            return head
    i = num.i + 1
    while i < len(doc) and doc[i].idx < end:
        i += 1
    steps = 0
    while i < len(doc) and steps < 5:
        t = doc[i]
        if t.pos_ == "NOUN" and not (i + 1 < len(doc) and doc[i + 1].pos_ == "NOUN" and doc[i + 1].dep_ != "dobj"):
            return t
        if t.pos_ in ("ADJ", "PROPN", "NOUN") or t.lower_ in _SKIP_UNIT_WORDS - {"of"} or t.text == "-":
            if t.pos_ == "ADJ" and t.lower_ in about_words():
                return None  # "nine dead"
            i, steps = i + 1, steps + 1
            continue
        return None
    return None


def _is_time_unit(unit: str | None) -> bool:
    return unit is not None and (unit.rstrip("s") in _TIME_UNITS or unit in _TIME_UNITS)


def _about(num: Token | None, noun: Token | None, end: int, text: str, unit: str | None) -> str | None:
    """What the number counts: "killed", "wounded", "displaced"... or the counted noun phrase.

    A casualty word counts when the number (or its noun) is the subject or object of it, or
    follows it directly ("nine dead", "five wounded"); durations never count casualties.
    """
    words = about_words()
    if not _is_time_unit(unit):
        follow = re.match(r"\s+(?:were\s+|are\s+|have\s+been\s+|had\s+been\s+|was\s+)?([a-z]+)", text[end:end + 30])
        word = follow.group(1) if follow else ""
        if word.endswith(("ed", "dead", "missing")):
            for form in (word, word[:-1], word[:-2]):
                if form in words:
                    return words[form]
        if num is not None:
            label = _casualty_verb(noun if noun is not None else num, words)
            if label:
                return label
    if noun is not None and num is not None:
        mods = [c for c in noun.lefts if c.dep_ in ("amod", "compound") and c.i > num.i]
        first = min([noun.i] + [c.i for c in mods])
        return noun.doc[first:noun.i + 1].text
    return None


def _casualty_verb(tok: Token, words: dict[str, str]) -> str | None:
    """The casualty verb the counted words are the subject or object of ("killing 11 soldiers")."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NUM":
        tok = tok.head.head  # "six of them were killed"
    for _ in range(3):
        head = tok.head
        if head == tok:
            return None
        if tok.dep_ in _SUBJ_OBJ and head.lemma_.lower() in words and head.pos_ in ("VERB", "ADJ", "NOUN"):
            return words[head.lemma_.lower()]
        if tok.dep_ == "conj" or (tok.dep_ == "prep" and head.pos_ == "NOUN") or tok.dep_ == "pobj":
            tok = head
            continue
        return None
    return None
