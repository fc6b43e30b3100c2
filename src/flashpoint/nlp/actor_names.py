"""Titles and surnames around people's names: "Iraqi lawmaker [Ahmed X]", "Maliki" after
"Nouri al-Maliki"; shared by the registry and entity passes of actor linking."""

from __future__ import annotations

from dataclasses import dataclass, field

from flashpoint.models import ActorInfo
from flashpoint.nlp.actor_context import Found, Ledger, LinkContext
from flashpoint.nlp.docview import entities_of

TITLES = frozenset(
    "gen. gen general lt. lt col. col colonel maj. maj major brig. brigadier capt. capt captain "
    "sgt. mr mr. mrs mrs. ms ms. dr dr. sheikh shaikh ayatollah mullah imam sir field marshal "
    "senior lieutenant admiral adm. commander cmdr. prince king queen emir president".split()
)
TITLE_SECTORS = {
    **dict.fromkeys("gen. gen general lt. col. colonel maj. major brig. brigadier capt. captain sgt. admiral adm. lieutenant".split(), "MIL"),
    **dict.fromkeys("president minister king emir prince".split(), "GOV"),
}
# Words that open a compound title ("Vice-President", "Deputy Minister"): no part of a name.
TITLE_PREFIXES = frozenset({"vice", "deputy", "acting", "former", "ex"})
PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "ben", "de", "la"})


@dataclass
class Surnames:
    """Last words of the people linked so far: "Maliki" after "Nouri al-Maliki"."""

    by_word: dict[str, ActorInfo] = field(default_factory=dict)

    def remember(self, text: str, info: ActorInfo) -> None:
        words = text.replace("-", " ").split()
        if words:
            self.by_word.setdefault(words[-1].lower(), info)

    def get(self, word: str) -> ActorInfo | None:
        return self.by_word.get(word)


def title_before(ctx: LinkContext, start: int, ledger: Ledger) -> Found | None:
    """A country/sector or group mention just before a name: "Iraqi lawmaker [Ahmed X]"."""
    doc = ctx.doc
    position = start
    while position > 0 and doc[position - 1].lower_ in TITLES and not ledger.covered[position - 1]:
        position -= 1
    if position > 1 and doc[position - 1].text == "," and ledger.covered[position - 2]:
        position -= 1
    for found in reversed(ledger.found):
        if found.end == position and not found.person and not found.generic:
            return found
    return None


def absorb_title(ctx: LinkContext, start: int, info: ActorInfo, ledger: Ledger) -> int:
    """Merge a title mention before a person into the person; fill what the registry lacks."""
    title = title_before(ctx, start, ledger)
    if title is None:
        return start
    ledger.remove(title)
    if info.country is None:
        info.country = title.info.country
    if info.sector is None:
        info.sector = title.info.sector
    return title.start


def looks_like_lone_name(ctx: LinkContext, start: int, end: int) -> bool:
    """A one-word name ("Putin") is a person only where the parser saw a person or a bare proper noun."""
    token = ctx.doc[start]
    if token.ent_type_ == "PERSON":
        ent = next((e for e in entities_of(ctx.doc) if e.start <= start < e.end), None)
        if ent is None:
            return True
        names = [t for t in ent if t.lower_ not in TITLES and not (start <= t.i < end)]
        return not names
    return token.ent_type_ == "" and token.tag_ == "NNP"
