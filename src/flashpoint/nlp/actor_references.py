"""Pass 3 of actor linking: words that refer back (pronouns, "the group", lone sector and agent
words) resolved to an earlier actor, or coded as a generic agent."""

from __future__ import annotations

from bisect import insort
from collections import Counter

from spacy.tokens import Span as SpacySpan

from flashpoint.models import ActorInfo
from flashpoint.nlp.actor_context import Found, Ledger, LinkContext
from flashpoint.nlp.actor_patterns import Cand
from flashpoint.nlp.registry import SectorWord, slug

DETERMINERS = frozenset({"the", "these", "those", "this", "that"})
ARMED = frozenset({"REB", "UAF", "CRM"})
# Words that refer back and, inside a quotation, stand for the speaker's own side or the other
# side as the speaker sees it: never resolved there.
_QUOTE_BLIND = frozenset({"they", "them", "their", "themselves", "we", "us", "our", "its", "itself"})

__all__ = ["reference_pass"]


def reference_pass(ctx: LinkContext, ledger: Ledger, deferred: list[Cand]) -> None:
    """Resolve pronouns and "the group" to an earlier mention; code lone sector and agent words."""
    if not deferred:
        return
    ledger.found.sort(key=lambda f: f.start)
    direct = list(ledger.found)
    countries = Counter(f.info.country for f in direct if f.info.country and f.info.sector != "IGO")
    home = countries.most_common(1)[0][0] if countries else None
    for cand in deferred:
        if ledger.any_covered(cand.start, cand.end):
            continue
        target = cand.target
        count = len(ledger.found)
        if target.kind == "coref":
            _coref(ctx, cand, target.ref, direct, ledger)  # type: ignore[arg-type]
        else:
            _lone_sector(ctx, cand, target.ref, direct, home, ledger)  # type: ignore[arg-type]
        for found in ledger.found[count:]:
            insort(direct, found, key=lambda f: f.start)


def _before(ctx: LinkContext, cand: Cand, direct: list[Found], window: int, accept) -> Found | None:
    sent = ctx.sent_of[cand.start]
    for found in reversed(direct):
        if found.start >= cand.start:
            continue
        if sent - ctx.sent_of[found.start] > window:
            return None
        if accept(found):
            return found
    return None


_ACCEPT = {
    "PERSON": lambda f: f.person,
    "ARMED": lambda f: not f.person and not f.country_like and not f.generic and f.info.sector in ARMED,
    "CRM": lambda f: not f.person and f.info.sector == "CRM",
    "ORG": lambda f: not f.person and not f.country_like and not f.generic,
    "COUNTRY": lambda f: f.country_like and f.info.id == f.info.country,
    "NONPERSON": lambda f: not f.person,
}


def _coref(ctx: LinkContext, cand: Cand, rule, direct: list[Found], ledger: Ledger) -> None:
    if ctx.quoted[cand.start] and ctx.doc[cand.start].lower_ in _QUOTE_BLIND:
        return  # "they" in a quotation is not the speaker's side: left empty, never guessed
    antecedent = _before(ctx, cand, direct, rule.window, _ACCEPT[rule.refers])
    if antecedent is not None:
        ledger.add(Found(cand.start, cand.end, antecedent.info, "coref"))


def _lone_sector(ctx: LinkContext, cand: Cand, word: SectorWord, direct: list[Found], home: str | None,
                 ledger: Ledger) -> None:
    doc = ctx.doc
    determiner = cand.start > 0 and doc[cand.start - 1].lower_ in DETERMINERS
    start = cand.start - 1 if determiner else cand.start
    region = _region_before(ctx, cand.start, ledger)
    if region is not None and word.alone in ("group", "generic", "state"):
        # "Darfur rebels", "Donbas separatists": a group named by its region (its country comes
        # from the geoparser when the event is coded)
        text = region.text
        info = ActorInfo(f"{slug(text)}_{word.sector}", f"{text} {word.label}", None, word.sector)
        ledger.add(Found(region.start, cand.end, info, "text"))
        return
    norp = _norp_before(ctx, cand.start, ledger)
    if norp is not None:
        text = norp.text
        info = ActorInfo(f"{slug(text)}_{word.sector}", f"{text} {word.label}", None, word.sector)
        ledger.add(Found(norp.start, cand.end, info, "text"))
        return
    if word.alone == "state":
        placed = _placed_in(ctx, cand)
        if placed == _SEVERAL:
            return  # "troops from Cameroon, Chad and Niger": no one country's forces
        is_country = lambda f: f.country_like and f.info.country  # noqa: E731
        found = None if placed else (_before(ctx, cand, direct, 0, is_country)
                                     or (None if home else _before(ctx, cand, direct, 2, is_country)))
        code = placed or (found.info.country if found else home)
        if code:
            ledger.add(Found(start, cand.end, ctx.country_info(code, word.sector), "coref", country_like=True))
    elif word.alone == "group":
        if determiner:
            wanted = {"CRM"} if word.sector == "CRM" else ARMED
            found = _before(ctx, cand, direct, 6, lambda f: not f.person and not f.country_like and not f.generic and f.info.sector in wanted)
            if found is not None:
                ledger.add(Found(start, cand.end, found.info, "coref"))
                return
        ledger.add(Found(cand.start, cand.end, _generic(word), "generic", generic=True))
    elif word.alone == "generic":
        if word.agent and cand.end < len(doc) and (doc[cand.end].pos_ == "PROPN" or doc[cand.end].ent_type_ == "PERSON"):
            return  # "Lieutenant Colonel [Ahmed X]": a title of a name, not a kind of actor
        ledger.add(Found(cand.start, cand.end, _generic(word), "generic", generic=True))


_SEVERAL = "several"
_PLACING = frozenset({"in", "of", "from"})


def _placed_in(ctx: LinkContext, cand: Cand) -> str | None:
    """The country a state word's own phrase names: "security forces in Guinea", "the army of
    Nigeria", "troops from Chad" (``_SEVERAL`` when it names more than one country)."""
    head = ctx.doc[cand.start:cand.end].root
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in _PLACING:
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None or obj.i not in ctx.country_at:
            continue
        codes = {ctx.country_at[t.i] for t in (obj, *obj.conjuncts) if t.i in ctx.country_at}
        return codes.pop() if len(codes) == 1 else _SEVERAL
    return None


def _generic(word: SectorWord) -> ActorInfo:
    return ActorInfo(slug(word.label), word.label, None, word.sector)


def _region_before(ctx: LinkContext, start: int, ledger: Ledger) -> SpacySpan | None:
    """A place name compounded with a sector word ("[Darfur] rebels"), not a country word."""
    doc = ctx.doc
    if start == 0:
        return None
    token = doc[start - 1]
    if token.ent_type_ not in ("GPE", "LOC") or token.dep_ != "compound" or ledger.covered[start - 1] \
            or (start - 1) in ctx.country_at or token.pos_ != "PROPN":
        return None
    first = start - 1
    while first > 0 and doc[first - 1].ent_type_ == token.ent_type_ and doc[first - 1].pos_ == "PROPN" \
            and not ledger.covered[first - 1] and (first - 1) not in ctx.country_at:
        first -= 1
    return doc[first:start]


def _norp_before(ctx: LinkContext, start: int, ledger: Ledger) -> SpacySpan | None:
    """ "Kurdish fighters", "Fulani herders": a group adjective that is not a country."""
    doc = ctx.doc
    if start == 0:
        return None
    token = doc[start - 1]
    if token.ent_type_ != "NORP" or ledger.covered[start - 1] or (start - 1) in ctx.country_at:
        return None
    first = start - 1
    while first > 0 and doc[first - 1].ent_type_ == "NORP" and doc[first - 1].ent_iob_ != "B" and not ledger.covered[first - 1]:
        first -= 1
    if doc[first].ent_iob_ != "B" and first > 0 and doc[first - 1].ent_type_ == "NORP":
        first -= 1
    return doc[first:start]
