"""The actor stage: find who is mentioned in a parsed article and link each mention to a
canonical actor (registry match, alias, fuzzy spelling, unknown named actor, country + sector
phrase, or a pronoun / "the group" referring back)."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.tokens import Doc

from flashpoint.models import Actor, ActorInfo, ActorMention, Span
from flashpoint.nlp.actor_context import Ledger, make_context
from flashpoint.nlp.actor_passes import Surnames, entity_pass, reference_pass, registry_pass
from flashpoint.nlp.actor_patterns import Patterns, Target, norm
from flashpoint.nlp.registry import SECTOR_NOUNS, Entry, Registry, load_registry

__all__ = ["ActorLinker", "group_actors", "load_registry"]

FUZZY_CUTOFF = 88.0
FUZZY_CACHE_SIZE = 50_000  # remembered answers before the memo is emptied


class ActorLinker:
    """Links actor mentions in a parsed ``Doc`` to canonical actors.

    Built from a registry object (see ``load_registry``); the matchers are compiled once, from
    ``nlp`` when given, else on the first document, from that document's vocabulary.
    """

    def __init__(self, registry: Registry, nlp: Language | None = None) -> None:
        self.registry = registry
        self._patterns: Patterns | None = None
        self._vocab = None
        if nlp is not None:
            self._patterns = Patterns(registry, nlp.vocab, nlp.make_doc)
            self._vocab = nlp.vocab
        self._fuzzy_keys: list[str] = []
        self._fuzzy_answers: dict[str, tuple[Target, str] | None] = {}
        self._fuzzy_targets: list[Target] = []

    # -- set-up -----------------------------------------------------------------------------
    def _ready(self, doc: Doc) -> Patterns:
        if self._patterns is None or self._vocab is not doc.vocab:
            import spacy

            blank = spacy.blank("en", vocab=doc.vocab)
            self._patterns = Patterns(self.registry, doc.vocab, blank.make_doc)
            self._vocab = doc.vocab
            self._fuzzy_answers.clear()
        if not self._fuzzy_keys:
            for key, target in self._patterns.by_norm.items():
                if len(key) >= 5 and key not in self._patterns.exact_norms:
                    self._fuzzy_keys.append(key)
                    self._fuzzy_targets.append(target)
                    if key.startswith(("al ", "el ")) and len(key) >= 8:
                        self._fuzzy_keys.append(key[3:])
                        self._fuzzy_targets.append(target)
        return self._patterns

    # -- public -----------------------------------------------------------------------------
    def link(self, doc: Doc, published: str | None,
             places: Sequence[tuple[int, int]] = ()) -> list[ActorMention]:
        """Every actor mention in ``doc``, in text order; ``published`` (YYYY-MM-DD) dates people's roles.

        ``places`` are the character ranges the geoparser resolved: a name the parser took for a
        person or organisation that is one of them is a place, not an unknown actor."""
        patterns = self._ready(doc)
        cands = patterns.candidates(doc)
        ctx = make_context(doc, published, places, patterns, self, cands)
        ledger = Ledger(len(doc))
        surnames = Surnames()
        deferred = registry_pass(ctx, cands, ledger, surnames)
        entity_pass(ctx, ledger, deferred, surnames)
        reference_pass(ctx, ledger, deferred)
        mentions = []
        for f in sorted(ledger.found, key=lambda f: (f.start, f.end)):
            span = doc[f.start:f.end]
            mentions.append(ActorMention(span.start_char, span.end_char, span.text, f.info, f.how))
        return mentions

    # -- helpers used by the passes ---------------------------------------------------------
    def person_info(self, person_id: str, published: str | None) -> ActorInfo:
        person = self.registry.people[person_id]
        country, sector = person.at(published)
        return ActorInfo(person.id, person.name, country, sector)

    def entry_info(self, entry: Entry) -> ActorInfo:
        return ActorInfo(entry.id, entry.name, entry.country, entry.sector)

    def country_info(self, code: str, sector: str | None = None) -> ActorInfo:
        country = self.registry.countries[code]
        if sector is None:
            return ActorInfo(code, country.name, code, None)
        return ActorInfo(f"{code}_{sector}", f"{country.adjective} {SECTOR_NOUNS[sector]}", code, sector)

    def fuzzy(self, text: str) -> tuple[Target, str] | None:
        """The registry actor that ``text`` names, exactly after normalising ("alias") or nearly ("fuzzy")."""
        key = norm(text)
        if len(key) < 4:
            return None
        # Names recur across articles and the registry does not change while the linker lives.
        if key not in self._fuzzy_answers:
            if len(self._fuzzy_answers) > FUZZY_CACHE_SIZE:
                self._fuzzy_answers.clear()
            self._fuzzy_answers[key] = self._fuzzy_uncached(key)
        return self._fuzzy_answers[key]

    def _fuzzy_uncached(self, key: str) -> tuple[Target, str] | None:
        target = self._patterns.by_norm.get(key) if self._patterns else None
        if target is not None:
            return target, "alias"
        if len(key) < 5 or not self._fuzzy_keys:
            return None
        best = process.extractOne(key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if best is None:
            if key.startswith(("al ", "el ")):
                best = process.extractOne(key[3:], self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if best is None:
                return None
        return self._fuzzy_targets[best[2]], "fuzzy"


def group_actors(mentions: list[ActorMention]) -> list[Actor]:
    """The contract's ``actors`` list: one entry per actor id with its mention spans, in order of first mention."""
    actors: dict[str, Actor] = {}
    for mention in mentions:
        info = mention.actor
        actor = actors.get(info.id)
        if actor is None:
            actor = actors[info.id] = Actor(info.id, info.name, info.country, info.sector,
                                            generic=mention.how == "generic")
        actor.mentions.append(Span(mention.start, mention.end, mention.text))
    return list(actors.values())
