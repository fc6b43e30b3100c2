"""The three passes of actor linking, each a function of the document's ``LinkContext`` and the
``Ledger`` of mentions found before it:

1. ``registry_pass`` (matches of the registry's phrase tables) -> the matches it leaves for later
   (lone sector words, words that refer back) and the surnames of the people it linked;
2. ``entity_pass`` (the parser's names that are not in the registry) -> more surnames;
3. ``reference_pass`` (pronouns, "the group", lone sector words) -> nothing more.
"""

from __future__ import annotations

from bisect import insort
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan

from flashpoint.models import ActorInfo
from flashpoint.nlp.actor_context import SUBJECT_DEPS, Found, Ledger, LinkContext
from flashpoint.nlp.actor_patterns import Cand, Target
from flashpoint.nlp.docview import entities_of, pos_of, tokens_of, words_of
from flashpoint.nlp.registry import Entry, SectorWord, slug

TITLES = frozenset(
    "gen. gen general lt. lt col. col colonel maj. maj major brig. brigadier capt. capt captain "
    "sgt. mr mr. mrs mrs. ms ms. dr dr. sheikh shaikh ayatollah mullah imam sir field marshal "
    "senior lieutenant admiral adm. commander cmdr. prince king queen emir president".split()
)
TITLE_SECTORS = {
    **dict.fromkeys("gen. gen general lt. col. colonel maj. major brig. brigadier capt. captain sgt. admiral adm. lieutenant".split(), "MIL"),
    **dict.fromkeys("president minister king emir prince".split(), "GOV"),
}
PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "ben", "de", "la"})
DETERMINERS = frozenset({"the", "these", "those", "this", "that"})
ARMED = frozenset({"REB", "UAF", "CRM"})
# Words that refer back and, inside a quotation, stand for the speaker's own side or the other
# side as the speaker sees it: never resolved there.
_QUOTE_BLIND = frozenset({"they", "them", "their", "themselves", "we", "us", "our", "its", "itself"})


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


def _title_before(ctx: LinkContext, start: int, ledger: Ledger) -> Found | None:
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


def _person(ctx: LinkContext, cand: Cand, ledger: Ledger, surnames: Surnames) -> None:
    doc = ctx.doc
    person_id: str = cand.target.ref  # type: ignore[assignment]
    if cand.target.single and not _looks_like_lone_name(ctx, cand.start, cand.end):
        return
    info = ctx.person_info(person_id, ctx.published)
    start = _absorb_title(ctx, cand.start, info, ledger)
    ledger.add(Found(start, cand.end, info, "registry", person=True))
    surnames.remember(doc[cand.start:cand.end].text, info)
    person = ctx.registry.people[person_id]
    for alias in [person.name] + person.aliases:
        surnames.remember(alias, info)


def _absorb_title(ctx: LinkContext, start: int, info: ActorInfo, ledger: Ledger) -> int:
    """Merge a title mention before a person into the person; fill what the registry lacks."""
    title = _title_before(ctx, start, ledger)
    if title is None:
        return start
    ledger.remove(title)
    if info.country is None:
        info.country = title.info.country
    if info.sector is None:
        info.sector = title.info.sector
    return title.start


def _looks_like_lone_name(ctx: LinkContext, start: int, end: int) -> bool:
    """A one-word name ("Putin") is a person only where the parser saw a person or a bare proper noun."""
    token = ctx.doc[start]
    if token.ent_type_ == "PERSON":
        ent = next((e for e in entities_of(ctx.doc) if e.start <= start < e.end), None)
        if ent is None:
            return True
        names = [t for t in ent if t.lower_ not in TITLES and not (start <= t.i < end)]
        return not names
    return token.ent_type_ == "" and token.tag_ == "NNP"


# -- pass 2: named entities not in the registry ----------------------------------------------
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
    hit = ctx.fuzzy(span.text)
    if hit is not None and hit[1] == "fuzzy":
        words = [t for t in span if t.is_alpha and t.lower_ not in PARTICLES]
        if ctx.is_place(span) or (hit[0].kind == "person" and (label != "PERSON" or len(words) < 2)):
            hit = None
    if hit is not None:
        _link_target(ctx, span, hit[0], hit[1], ledger, surnames)
        return
    if any(start <= span.start_char and span.end_char <= end for start, end in ctx.places):
        return
    if label == "PERSON":
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
        start = _absorb_title(ctx, span.start, info, ledger)
        ledger.add(Found(start, span.end, info, how, person=True))
        surnames.remember(span.text, info)


def _unknown_person(ctx: LinkContext, span: SpacySpan, ledger: Ledger, deferred: list[Cand],
                    surnames: Surnames) -> None:
    name = span
    while len(name) > 1 and name[0].lower_ in TITLES:
        name = name[1:]
    info = ActorInfo(slug(name.text), name.text, None, None)
    start = _absorb_title(ctx, span.start, info, ledger)
    if info.country is None and info.sector is None:
        _apposition(ctx, span, info, ledger, deferred)
    if info.sector is None:
        before = ctx.doc[span.start - 1].lower_ if span.start > 0 else ""
        info.sector = TITLE_SECTORS.get(span[0].lower_) or TITLE_SECTORS.get(before)
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


# -- pass 3: words that refer back ------------------------------------------------------------
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
        is_country = lambda f: f.country_like and f.info.country  # noqa: E731
        found = _before(ctx, cand, direct, 0, is_country) or (None if home else _before(ctx, cand, direct, 2, is_country))
        code = found.info.country if found else home
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


__all__ = ["Surnames", "entity_pass", "reference_pass", "registry_pass"]
