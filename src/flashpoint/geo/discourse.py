"""One sense per discourse: a town or area the geoparser resolved once in an article is the same
place wherever else the article names it ("the main market of Sennar" when "Sennar" was read as
a place elsewhere), so that it is never taken for an unknown actor instead.

Only towns and areas (not countries, which also stand for their governments), only words the
parser calls proper nouns, never the subject of a verb ("Khartoum said": the government), and
never a word inside a longer name ("the Sennar Emergency Response Room").
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from flashpoint.models import Place

_FEATURES = frozenset({"city", "admin1", "admin2"})
_AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "poss"})


def propagate(doc: Doc, places: list[Place]) -> list[Place]:
    """`places` plus every other mention of a resolved town or area's exact name, in text order."""
    taken = [(p.start, p.end) for p in places]
    senses: dict[str, Place] = {}
    for place in places:
        if place.feature in _FEATURES and place.text[:1].isupper() and " " not in place.text.strip(" ,"):
            senses.setdefault(place.text, place)
    added = []
    text = doc.text
    for name, place in senses.items():
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            span = doc.char_span(start, end)
            if span is None or len(span) != 1 or not _standalone(span[0]):
                continue
            added.append(replace(place, text=name, start=start, end=end))
            taken.append((start, end))
    return sorted(places + added, key=lambda p: p.start)


def _standalone(token) -> bool:
    """A proper noun alone (the small model calls many towns people): no capitalised name glued
    to it, not an agent."""
    if token.pos_ != "PROPN" or token.dep_ in _AGENT_DEPS:
        return False
    doc = token.doc
    for i in (token.i - 1, token.i + 1):
        if 0 <= i < len(doc) and doc[i].text[:1].isupper() and doc[i].pos_ == "PROPN" and not doc[i].is_sent_start:
            return False
    if token.i + 1 < len(doc) and doc[token.i + 1].text[:1].isupper() and doc[token.i + 1].pos_ in ("PROPN", "NOUN"):
        return False
    return True
