"""Word-level cues the geoparser reads around a name: datelines, titles, group nouns, newspapers."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from flashpoint.geo.patterns import ACTOR_SUFFIXES, GROUP_NOUNS, NEVER_ALONE, NEWSPAPER_WORDS, TITLE_WORDS
from flashpoint.nlp.docview import text_of, tokens_of, words_of
from flashpoint.nlp.linebreaks import breaks_line


def is_dateline(doc: Doc, start: int, end: int) -> bool:
    """An all-caps name opening a paragraph, then a comma, a dash, a bracket or the line's end:
    "KABUL, Afghanistan (AP) —", "BANTAM — A man...", "DETROIT" on a line of its own."""
    words = [w for w in words_of(doc)[start:end] if w.isalpha()]
    if not words or not all(w.isupper() for w in words) or sum(len(w) for w in words) < 3:
        return False
    if start == 0:
        return True  # the text's first words, in capitals
    before = tokens_of(doc)[start - 1]
    if not breaks_line(doc, before, text_of(doc)) and "\n" not in before.whitespace_ and before.text not in {".", "!", "?"}:
        return False
    if end >= len(doc):
        return True
    after = tokens_of(doc)[end]
    return after.text in {",", "(", "—", "–", "-", "--", ":"} or breaks_line(doc, after, text_of(doc)) or "\n" in tokens_of(doc)[end - 1].whitespace_


def not_a_place(doc: Doc, start: int, end: int) -> bool:
    """A compass word or month alone, part of a person's name after a title ("Lt Col Sani Uba"),
    or a newspaper's name ("The Jordan Times")."""
    words = words_of(doc)
    if end - start == 1 and words[start].lower().rstrip(".") in NEVER_ALONE:
        return True
    if end - start == 1 and _acronym(words[start]):
        return True  # "the MoD", "DoJ": an organisation's short form, not the town "Maud"
    if end < len(words) and (words[end] in ("-", "–") or capitalised_word(words[end])
                             or words[end].lower() in TITLE_WORDS):
        if end + 1 < len(words) and words[end] in ("-", "–") and words[end + 1].lower() in ACTOR_SUFFIXES:
            return True  # "Iran-backed", "Chiang Mai-based": a modifier of an actor
        if capitalised_word(words[end]) and words[end].lower() in NEWSPAPER_WORDS:
            return True
    if start == 0 or not (capitalised_word(words[start - 1]) or words[start - 1].lower() in TITLE_WORDS):
        return False
    j = start - 1
    while j >= 0 and j >= start - 3 and tokens_of(doc)[j].lower_ not in TITLE_WORDS and capitalised(tokens_of(doc)[j]) \
            and tokens_of(doc)[j].ent_type_ in ("PERSON", ""):
        j -= 1
    if j >= 0 and tokens_of(doc)[j].lower_ in TITLE_WORDS and tokens_of(doc)[j].is_title or j >= 0 and tokens_of(doc)[j].lower_ in TITLE_WORDS \
            and j < start - 1:
        return True
    return False


def _acronym(word: str) -> bool:
    """A short word with a capital after a small letter: "MoD", "DoD", "HoR" (not "McAllen")."""
    return 2 < len(word) <= 4 and word[0].isupper() and any(
        a.islower() and b.isupper() for a, b in zip(word, word[1:]))


def heads_a_group(doc: Doc, end: int) -> bool:
    """The name is followed (within two words) by a group noun: "Fano militia", "Kano State Police"."""
    for k in range(end, min(len(doc), end + 2)):
        if tokens_of(doc)[k].lower_ in GROUP_NOUNS:
            return True
        if not capitalised(tokens_of(doc)[k]):
            return False
    return False


def capitalised(tok: Token) -> bool:
    return capitalised_word(tok.text)


def capitalised_word(text: str) -> bool:
    return bool(text) and text[0].isupper() and any(ch.isalpha() for ch in text)


def article_prefix(words: list[str], capitalised: list[bool], i: int) -> bool:
    """ "al-" or "el" before a name: "al-Qaim", "el Fasher"."""
    return words[i].lower() in ("al", "el") and i + 1 < len(words) and (words[i + 1] == "-" or capitalised[i + 1])


def prev_word(doc: Doc, i: int, skip: tuple[str, ...] = ()) -> Token | None:
    j = i - 1
    while j >= 0 and tokens_of(doc)[j].lower_ in skip:
        j -= 1
    return tokens_of(doc)[j] if j >= 0 else None


VEHICLE_DETERMINERS = {"a", "an", "the", "his", "her", "their", "its", "my", "our", "your", "whose"}


def after_model_year(doc: Doc, start: int) -> bool:
    """ "a 1995 Honda", "their red 2004 Lincoln": a name after a model year is a vehicle's make."""
    year = doc[start - 1] if start > 0 else None
    if year is None or not (len(year.text) == 4 and year.text.isdigit() and 1900 <= int(year.text) <= 2039):
        return False
    before = doc[year.i - 1] if year.i > 0 else None
    if before is not None and before.tag_ == "JJ" and before.i > 0:
        before = doc[before.i - 1]  # "their red 1991 Honda"
    return before is not None and before.lower_ in VEHICLE_DETERMINERS
