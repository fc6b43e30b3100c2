"""Pass 2 of actor linking: the parser's person, organisation and group names that the registry
pass left, with their titles, appositions and runs of proper nouns."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan

from flashpoint.models import ActorInfo
from flashpoint.nlp.actor_context import SUBJECT_DEPS, Found, Ledger, LinkContext
from flashpoint.nlp.actor_names import PARTICLES, TITLE_PREFIXES, TITLE_SECTORS, TITLES, Surnames, absorb_title
from flashpoint.nlp.actor_patterns import Cand, Target
from flashpoint.nlp.docview import entities_of, pos_of, tokens_of, words_of
from flashpoint.nlp.registry import Entry, slug

__all__ = ["entity_pass"]


def entity_pass(ctx: LinkContext, ledger: Ledger, deferred: list[Cand], surnames: Surnames) -> None:
    """Link the parser's person, organisation and group names that the registry pass left."""
    doc = ctx.doc
    for ent in entities_of(doc):
        if ent.label_ not in ("ORG", "PERSON", "NORP"):
            continue
        if ledger.any_covered(ent.start, ent.end):
            continue
        start = ent.start + 1 if ent[0].lower_ == "the" else ent.start
        end = ent.end - 1 if ent.end - start > 1 and ent[-1].lower_ in ("'s", "’s") else ent.end
        if start >= end:
            continue
        if ent.label_ != "NORP":
            start, end = _propn_extent(ctx, start, end, ledger)
        _entity(ctx, doc[start:end], ent.label_, ledger, deferred, surnames)
    _propn_runs(ctx, ledger, surnames)


def _propn_extent(ctx: LinkContext, start: int, end: int, ledger: Ledger) -> tuple[int, int]:
    """Widen an entity over the proper nouns beside it that the parser left out ("[Karim] Jabbar Hassan")."""
    doc = ctx.doc
    while start > 0 and not ledger.covered[start - 1] and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
        start -= 1
    while end < len(doc) and not ledger.covered[end] and doc[end].pos_ == "PROPN" and doc[end].is_title:
        end += 1
    return start, end


def _entity(ctx: LinkContext, span: SpacySpan, label: str, ledger: Ledger, deferred: list[Cand],
            surnames: Surnames) -> None:
    if label == "PERSON":
        last = span.text.replace("-", " ").split()[-1].lower()
        known = surnames.get(last)
        if len(span) == 1 and known is not None:
            ledger.add(Found(span.start, span.end, known, "coref", person=True))
            return
    if all(i in ctx.country_at for i in range(span.start, span.end)):
        return  # a country or capital word already judged in the registry pass
    name = _untitled(span)
    hit = ctx.fuzzy(span.text)
    if hit is None and len(name) < len(span) and len(name) >= 2:
        hit = ctx.fuzzy(name.text)  # "President Abdel Fattah El Sisi": the name without its title
        span = name if hit is not None else span
    if hit is not None and hit[1] == "fuzzy":
        words = [t for t in span if t.is_alpha and t.lower_ not in PARTICLES]
        if ctx.is_place(span) or (hit[0].kind == "person" and (label != "PERSON" or len(words) < 2)):
            hit = None
    if hit is not None:
        _link_target(ctx, span, hit[0], hit[1], ledger, surnames)
        return
    if any(start <= span.start_char and span.end_char <= end for start, end in ctx.places):
        return
    if label == "PERSON" or label == "ORG" and _titled_name(span):
        _unknown_person(ctx, span, ledger, deferred, surnames)
    elif label == "ORG":
        _unknown_org(ctx, span, ledger)
    elif label == "NORP" and span.root.tag_ in ("NNPS", "NNS"):
        ledger.add(Found(span.start, span.end, ActorInfo(slug(span.text), span.text, None, "ETH"), "text"))


def _link_target(ctx: LinkContext, span: SpacySpan, target: Target, how: str, ledger: Ledger,
                 surnames: Surnames) -> None:
    if target.kind == "entry":
        entry: Entry = target.ref  # type: ignore[assignment]
        ledger.add(Found(span.start, span.end, ctx.entry_info(entry), how, country_like=entry.kind == "country-org"))
    elif target.kind == "person":
        info = ctx.person_info(target.ref, ctx.published)  # type: ignore[arg-type]
        start = absorb_title(ctx, span.start, info, ledger)
        ledger.add(Found(start, span.end, info, how, person=True))
        surnames.remember(span.text, info)


def _untitled(span: SpacySpan) -> SpacySpan:
    """The name without the title words (and hyphens) the parser put in front of it."""
    name = span
    while len(name) > 1 and (name[0].lower_ in TITLES or name[0].lower_ in TITLE_PREFIXES or name[0].is_punct):
        name = name[1:]
    return name


def _titled_name(span: SpacySpan) -> bool:
    """A person's title and a name of two words or more that the parser called an organisation
    ("President Moody Awori", "General Ahmed Ali")."""
    return len(span) >= 3 and span[0].lower_ in TITLE_SECTORS and all(t.pos_ == "PROPN" and t.is_title for t in span[1:])


def _unknown_person(ctx: LinkContext, span: SpacySpan, ledger: Ledger, deferred: list[Cand],
                    surnames: Surnames) -> None:
    name = _untitled(span)
    titles = [t.lower_ for t in span[:len(span) - len(name)]]  # "Vice-President X": the name is "X"
    info = ActorInfo(slug(name.text), name.text, None, None)
    start = absorb_title(ctx, span.start, info, ledger)
    if info.country is None and info.sector is None:
        _apposition(ctx, span, info, ledger, deferred)
    if info.sector is None:
        before = ctx.doc[span.start - 1].lower_ if span.start > 0 else ""
        info.sector = next((TITLE_SECTORS[w] for w in titles if w in TITLE_SECTORS), None) or TITLE_SECTORS.get(before)
    ledger.add(Found(start, span.end, info, "text", person=True))
    surnames.remember(span.text, info)


def _apposition(ctx: LinkContext, span: SpacySpan, info: ActorInfo, ledger: Ledger, deferred: list[Cand]) -> None:
    """ "Ahmed X, an Iraqi lawmaker, said": take the country and sector of the apposition."""
    doc = ctx.doc
    if span.end + 2 >= len(doc) or doc[span.end].text != ",":
        return
    position = span.end + 1
    if doc[position].lower_ in ("a", "an", "the"):
        position += 1
    for found in ledger.found:
        if found.start == position and found.country_like:
            info.country, info.sector = found.info.country, found.info.sector
            ledger.remove(found)
            return
    for cand in deferred:
        if position <= cand.start <= position + 1 and cand.target.kind == "sector":
            info.sector = cand.target.ref.sector  # type: ignore[union-attr]
            return


def _unknown_org(ctx: LinkContext, span: SpacySpan, ledger: Ledger) -> None:
    if not any(t.is_title or t.is_upper for t in span) or len(span.text) < 3:
        return
    if ctx.is_place(span):
        return
    country = next((ctx.country_at[i] for i in range(span.start, span.end) if i in ctx.country_at), None)
    if country is None and span.start > 0:
        country = ctx.country_at.get(span.start - 1)
    sector = None
    lowered = " " + " ".join(t.lower_ for t in span) + " "
    best = -1
    for cue, cue_sector in ctx.registry.name_cues.items():
        at = lowered.rfind(" " + cue + " ")
        if at > best:
            best, sector = at, cue_sector
    last = ledger.found[-1] if ledger.found else None
    if country is None and span.start > 0 and last is not None and last.end == span.start and last.country_like:
        country = last.info.country
    if len(span) == 1 and sector is None and span.root.dep_ not in SUBJECT_DEPS:
        return  # a lone unknown word the parser called an organisation is as often a place
    ledger.add(Found(span.start, span.end, ActorInfo(slug(span.text), span.text, country, sector), "text"))


def _propn_runs(ctx: LinkContext, ledger: Ledger, surnames: Surnames) -> None:
    """Proper-noun runs the parser did not call entities: surnames seen before, or near spellings."""
    doc = ctx.doc
    pos, words, tokens = pos_of(doc), words_of(doc), tokens_of(doc)
    covered = ledger.covered
    i = 0
    n = len(doc)
    while i < n:
        if covered[i] or pos[i] != "PROPN":
            i += 1
            continue
        j = i
        while j < n and not covered[j] and (pos[j] == "PROPN" or (words[j] == "-" and j + 1 < n and pos[j + 1] == "PROPN")):
            j += 1
        if tokens[i].ent_type_ not in ("GPE", "LOC", "FAC", "DATE"):
            span = doc[i:j]
            known = surnames.get(span[-1].lower_)
            if known is not None and len(span) <= 3:
                ledger.add(Found(i, j, known, "coref", person=True))
            elif len(span.text) >= 5:
                hit = ctx.fuzzy(span.text)
                # a near spelling of a group; or, exactly, a name looked up only here (the converted
                # Phoenix names are not in the phrase tables)
                if hit is not None and (hit[0].kind == "entry" and hit[1] == "fuzzy" or hit[1] == "alias" and len(span) >= 2):
                    _link_target(ctx, span, hit[0], hit[1], ledger, surnames)
        i = max(j, i + 1)
