"""The three passes of actor linking, each a function of the document's ``LinkContext`` and the
``Ledger`` of mentions found before it:

1. ``registry_pass`` (here) (matches of the registry's phrase tables) -> the matches it leaves for later
   (lone sector words, words that refer back) and the surnames of the people it linked;
2. ``entity_pass`` (``nlp.actor_entities``) (the parser's names that are not in the registry) -> more surnames;
3. ``reference_pass`` (``nlp.actor_references``) (pronouns, "the group", lone sector words) -> nothing more.
"""

from __future__ import annotations

from flashpoint.models import ActorInfo
from flashpoint.nlp.actor_context import Found, Ledger, LinkContext
from flashpoint.nlp.actor_entities import entity_pass
from flashpoint.nlp.actor_names import Surnames, absorb_title, looks_like_lone_name
from flashpoint.nlp.actor_patterns import Cand
from flashpoint.nlp.actor_references import reference_pass
from flashpoint.nlp.registry import Entry, SectorWord

__all__ = ["Surnames", "entity_pass", "reference_pass", "registry_pass"]


# -- pass 1: registry matches ---------------------------------------------------------------
def registry_pass(ctx: LinkContext, cands: list[Cand], ledger: Ledger, surnames: Surnames) -> list[Cand]:
    """Link registry matches; return the matches left for the reference pass."""
    deferred: list[Cand] = []
    consumed: set[int] = _multinational(ctx, cands, ledger)
    for index, cand in enumerate(cands):
        if index in consumed:
            continue
        kind = cand.target.kind
        if kind == "entry":
            run = _sector_run(ctx, cands, index + 1, cand.end, possessive=True)
            end = cands[run[-1]].end if run else cand.end
            consumed.update(run)
            entry: Entry = cand.target.ref  # type: ignore[assignment]
            ledger.add(Found(cand.start, end, ctx.entry_info(entry), "registry", country_like=entry.kind == "country-org"))
        elif kind == "country":
            consumed.update(_country(ctx, cands, index, ledger))
        elif kind == "person":
            _person(ctx, cand, ledger, surnames)
        elif kind == "sector":
            if _sector_of_country(ctx, cands, index, ledger):
                consumed.add(index + 1)
            else:
                deferred.append(cand)
        else:
            deferred.append(cand)
    return deferred


def _multinational(ctx: LinkContext, cands: list[Cand], ledger: Ledger) -> set[int]:
    """ "a Franco-German-Italian force": two or more nations joined by hyphens before a sector word
    are one multinational actor with that sector and no single country. Returns the cands used."""
    doc = ctx.doc
    forms = ctx.registry.combining_forms
    used: set[int] = set()
    by_start = {c.start: i for i, c in enumerate(cands)}
    i = 0
    n = len(doc)
    while i < n:
        codes: list[str] = []
        j = i
        while j < n:
            index = by_start.get(j)
            if index is not None and cands[index].target.kind == "country" and cands[index].end == j + 1:
                codes.append(cands[index].target.ref)  # type: ignore[arg-type]
            elif doc[j].lower_ in forms:
                codes.append(forms[doc[j].lower_])
            else:
                break
            if j + 2 < n and doc[j + 1].text in ("-", "–"):
                j += 2
                continue
            j += 1
            break
        end_codes = j
        if len(codes) >= 2 and len(set(codes)) >= 2:
            index = by_start.get(end_codes)
            sector = label_word = end = None
            if index is not None and cands[index].target.kind == "sector":
                word: SectorWord = cands[index].target.ref  # type: ignore[assignment]
                sector, label_word, end = word.sector, word.label, cands[index].end
                used.add(index)
            elif end_codes < n and doc[end_codes].lemma_.lower() in _LED_BODIES:
                sector, label_word, end = "MIL", doc[end_codes].lower_, end_codes + 1
            if sector is not None and end is not None:
                label = doc[i:end_codes].text
                ident = "_".join(dict.fromkeys(codes)) + "_" + sector
                ledger.add(Found(i, end, ActorInfo(ident, f"{label} {label_word}", None, sector), "registry"))
                used.update(k for k in range(len(cands)) if i <= cands[k].start < end_codes)
                i = end
                continue
        i = max(i + 1, end_codes if len(codes) >= 2 else i + 1)
    return used


def _sector_run(ctx: LinkContext, cands: list[Cand], first: int, after: int, *, possessive: bool) -> list[int]:
    """Indices of sector-word matches right after token ``after`` ("Iraqi [jet] [fighter-bombers]")."""
    doc = ctx.doc
    position = after
    if possessive and position < len(doc) and doc[position].lower_ in ("'s", "’s", "'"):
        position += 1
    run: list[int] = []
    index = first
    gap = 0
    while index < len(cands) and cands[index].target.kind == "sector":
        cand = cands[index]
        fillers = doc[position:cand.start]
        if len(fillers) > 2 - gap or any(t.pos_ not in ("ADJ", "NOUN", "PROPN", "NUM", "PUNCT") or t.text in (",", ".", ";", ":") for t in fillers):
            break
        if fillers and run:
            break  # only modifiers before the first sector word, none between
        gap += len(fillers)
        run.append(index)
        position = cand.end
        index += 1
    return run


def _sector_of(cands: list[Cand], run: list[int]) -> SectorWord:
    words: list[SectorWord] = [cands[i].target.ref for i in run]  # type: ignore[misc]
    strong = [w for w in words if not w.weak]
    return (strong or words)[-1]


def _country(ctx: LinkContext, cands: list[Cand], index: int, ledger: Ledger) -> list[int]:
    """Emit what a country word means here; return the indices of cands it consumed."""
    doc = ctx.doc
    cand = cands[index]
    code: str = cand.target.ref  # type: ignore[assignment]
    surface = doc[cand.start:cand.end].text.lower()
    kinds = ctx.patterns.country_kinds.get((code, surface), {"name"})
    led = _led_by(ctx, cand.end)
    if led is not None:  # "Saudi-led forces", "a US-led coalition": the leader's military
        run = _sector_run(ctx, cands, index + 1, led, possessive=False)
        end = cands[run[-1]].end if run else (led + 1 if led < len(doc) and doc[led].lemma_.lower() in _LED_BODIES else None)
        if end is not None:
            ledger.add(Found(cand.start, end, ctx.country_info(code, "MIL"), "registry", country_like=True))
            return run
    run = _sector_run(ctx, cands, index + 1, cand.end, possessive=bool(kinds & {"name", "capital"}))
    if run:
        word = _sector_of(cands, run)
        end = cands[run[-1]].end
        ledger.add(Found(cand.start, end, ctx.country_info(code, word.sector), "registry", country_like=True))
        return run
    span = doc[cand.start:cand.end]
    if "people" in kinds:
        ledger.add(Found(cand.start, cand.end, ctx.country_info(code, "CVL"), "registry", country_like=True))
    elif "name" in kinds and not ctx.is_place(span):
        ledger.add(Found(cand.start, cand.end, ctx.country_info(code), "registry", country_like=True))
    elif "capital" in kinds and ctx.is_agent(span):
        ledger.add(Found(cand.start, cand.end, ctx.country_info(code, "GOV"), "registry", country_like=True))
    return []


_LED_BODIES = frozenset({"coalition", "alliance", "force", "mission"})


def _led_by(ctx: LinkContext, after: int) -> int | None:
    """The token after "-led" when a country word is followed by it ("Saudi-led"), else None."""
    doc = ctx.doc
    if after + 1 < len(doc) and doc[after].text in ("-", "–") and doc[after + 1].lower_ == "led":
        return after + 2
    return None


def _sector_of_country(ctx: LinkContext, cands: list[Cand], index: int, ledger: Ledger) -> bool:
    """ "the army of Sudan": a sector word, "of", a country name."""
    doc = ctx.doc
    cand = cands[index]
    if index + 1 >= len(cands) or cand.end >= len(doc) or doc[cand.end].lower_ != "of":
        return False
    nxt = cands[index + 1]
    if nxt.start != cand.end + 1 or nxt.target.kind != "country":
        return False
    code: str = nxt.target.ref  # type: ignore[assignment]
    if "name" not in ctx.patterns.country_kinds.get((code, doc[nxt.start:nxt.end].text.lower()), set()):
        return False
    word: SectorWord = cand.target.ref  # type: ignore[assignment]
    if word.alone != "state":
        return False
    ledger.add(Found(cand.start, nxt.end, ctx.country_info(code, word.sector), "registry", country_like=True))
    return True


def _person(ctx: LinkContext, cand: Cand, ledger: Ledger, surnames: Surnames) -> None:
    doc = ctx.doc
    person_id: str = cand.target.ref  # type: ignore[assignment]
    if cand.target.single and not looks_like_lone_name(ctx, cand.start, cand.end):
        return
    info = ctx.person_info(person_id, ctx.published)
    start = absorb_title(ctx, cand.start, info, ledger)
    ledger.add(Found(start, cand.end, info, "registry", person=True))
    surnames.remember(doc[cand.start:cand.end].text, info)
    person = ctx.registry.people[person_id]
    for alias in [person.name] + person.aliases:
        surnames.remember(alias, info)
