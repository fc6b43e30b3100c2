"""Generic agent nouns by word: which common nouns name a kind of actor ("soldiers", "villagers",
"mayor") and with what sector, read from the registry's sector words and agents.tsv."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from flashpoint.nlp.registry import load_registry, slug


@dataclass(frozen=True)
class AgentWord:
    ident: str  # the generic actor's id ("CIVILIANS")
    label: str  # its name ("civilians")
    sector: str


@lru_cache(maxsize=1)
def _table() -> dict[str, AgentWord]:
    table: dict[str, AgentWord] = {}
    for word in load_registry().sectors:
        if word.alone == "thing":
            continue  # "jets", "convoy": things of a sector, never actors by themselves
        agent = AgentWord(slug(word.label), word.label, word.sector)
        for form in word.words:
            table.setdefault(form.lower(), agent)
    return table


def agent_word(token: Token) -> AgentWord | None:
    """The generic agent a common noun names, or None (a thing, a place, an abstraction, a name)."""
    if token.pos_ not in ("NOUN", "ADJ") or token.ent_type_ in ("PERSON", "ORG", "GPE", "LOC", "FAC"):
        return None
    table = _table()
    doc = token.doc
    start = token.i
    while start > 0 and doc[start - 1].dep_ in ("compound", "amod") and doc[start - 1].head.i == token.i:
        start -= 1
    for first in range(start, token.i):  # "air force", "riot police": the longest compound first
        found = table.get(" ".join(t.lower_ for t in doc[first:token.i + 1]))
        if found is not None:
            return found
    return table.get(token.lower_) or table.get(token.lemma_.lower())


__all__ = ["AgentWord", "agent_word"]
