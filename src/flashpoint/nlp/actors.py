"""The actor stage: find who is mentioned in a parsed article and link each mention to a
canonical actor (registry match, alias, fuzzy spelling, unknown named actor, country + sector
phrase, or a pronoun / "the group" referring back)."""

from __future__ import annotations

from bisect import insort
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.tokens import Doc, Span as SpacySpan

from flashpoint.models import Actor, ActorInfo, ActorMention, Span
from flashpoint.nlp.actor_patterns import Cand, Patterns, Target, norm
from flashpoint.nlp.docview import entities_of, pos_of, sentences_of, tokens_of, words_of
from flashpoint.nlp.registry import SECTOR_NOUNS, Entry, Registry, SectorWord, load_registry, slug

__all__ = ["ActorLinker", "group_actors", "load_registry"]

# A country name after one of these prepositions is a place, not an actor ("in Iraq").
LOCATIVE = frozenset(
    "in at inside across throughout near within into from around outside through via toward towards "
    "across along between beyond over under off onto".split()
)
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "csubj"})
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
FUZZY_CUTOFF = 88.0
FUZZY_CACHE_SIZE = 50_000  # remembered answers before the memo is emptied


@dataclass
class _Found:
    """A mention being built, before it becomes an ActorMention."""

    start: int  # token offsets
    end: int
    info: ActorInfo
    how: str
    person: bool = False
    country_like: bool = False  # the mention stands for a country or one of its bodies
    generic: bool = False  # "militants", "civilians": a kind of actor, not a named one


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
        run = _Run(self, patterns, doc, published, places)
        return run.execute()

    # -- helpers used by _Run ---------------------------------------------------------------
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


class _Run:
    """The work of linking one document (kept apart so the linker itself holds no per-doc state)."""

    def __init__(self, linker: ActorLinker, patterns: Patterns, doc: Doc, published: str | None,
                 places: Sequence[tuple[int, int]] = ()) -> None:
        self.places = places
        self.linker = linker
        self.patterns = patterns
        self.doc = doc
        self.published = published
        self.found: list[_Found] = []
        self.deferred: list[Cand] = []
        self.country_at: dict[int, str] = {}  # token -> country code of any country word there
        self.covered = bytearray(len(doc))
        self.surnames: dict[str, ActorInfo] = {}
        self.sent_of: list[int] = []
        for index, sent in enumerate(sentences_of(doc)):
            self.sent_of.extend([index] * (sent.end - sent.start))

    # -- the three passes -------------------------------------------------------------------
    def execute(self) -> list[ActorMention]:
        cands = self.patterns.candidates(self.doc)
        self._registry_pass(cands)
        self._entity_pass()
        self._reference_pass()
        self.found.sort(key=lambda f: (f.start, f.end))
        doc = self.doc
        mentions = []
        for f in self.found:
            span = doc[f.start:f.end]
            mentions.append(ActorMention(span.start_char, span.end_char, span.text, f.info, f.how))
        return mentions

    def _add(self, found: _Found) -> None:
        self.found.append(found)
        self.covered[found.start:found.end] = b"\x01" * (found.end - found.start)

    # -- pass 1: registry matches -----------------------------------------------------------
    def _registry_pass(self, cands: list[Cand]) -> None:
        for cand in cands:
            if cand.target.kind == "country":
                for i in range(cand.start, cand.end):
                    self.country_at[i] = cand.target.ref  # type: ignore[assignment]
        consumed: set[int] = set()
        for index, cand in enumerate(cands):
            if index in consumed:
                continue
            kind = cand.target.kind
            if kind == "entry":
                run = self._sector_run(cands, index + 1, cand.end, possessive=True)
                end = cands[run[-1]].end if run else cand.end
                consumed.update(run)
                entry: Entry = cand.target.ref  # type: ignore[assignment]
                self._add(_Found(cand.start, end, self.linker.entry_info(entry), "registry",
                                 country_like=entry.kind == "country-org"))
            elif kind == "country":
                consumed.update(self._country(cands, index))
            elif kind == "person":
                self._person(cand)
            elif kind == "sector":
                of_country = self._sector_of_country(cands, index)
                if of_country:
                    consumed.add(index + 1)
                else:
                    self.deferred.append(cand)
            else:
                self.deferred.append(cand)

    def _sector_run(self, cands: list[Cand], first: int, after: int, *, possessive: bool) -> list[int]:
        """Indices of sector-word matches right after token ``after`` ("Iraqi [jet] [fighter-bombers]")."""
        doc = self.doc
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

    @staticmethod
    def _sector_of(cands: list[Cand], run: list[int]) -> SectorWord:
        words: list[SectorWord] = [cands[i].target.ref for i in run]  # type: ignore[misc]
        strong = [w for w in words if not w.weak]
        return (strong or words)[-1]

    def _country(self, cands: list[Cand], index: int) -> list[int]:
        """Emit what a country word means here; return the indices of cands it consumed."""
        doc = self.doc
        cand = cands[index]
        code: str = cand.target.ref  # type: ignore[assignment]
        surface = doc[cand.start:cand.end].text.lower()
        kinds = self.patterns.country_kinds.get((code, surface), {"name"})
        run = self._sector_run(cands, index + 1, cand.end, possessive=bool(kinds & {"name", "capital"}))
        if run:
            word = self._sector_of(cands, run)
            end = cands[run[-1]].end
            self._add(_Found(cand.start, end, self.linker.country_info(code, word.sector), "registry", country_like=True))
            return run
        span = doc[cand.start:cand.end]
        if "people" in kinds:
            self._add(_Found(cand.start, cand.end, self.linker.country_info(code, "CVL"), "registry", country_like=True))
        elif "name" in kinds and not self._is_place(span):
            self._add(_Found(cand.start, cand.end, self.linker.country_info(code), "registry", country_like=True))
        elif "capital" in kinds and self._is_agent(span):
            self._add(_Found(cand.start, cand.end, self.linker.country_info(code, "GOV"), "registry", country_like=True))
        return []

    def _sector_of_country(self, cands: list[Cand], index: int) -> bool:
        """ "the army of Sudan": a sector word, "of", a country name."""
        doc = self.doc
        cand = cands[index]
        if index + 1 >= len(cands) or cand.end >= len(doc) or doc[cand.end].lower_ != "of":
            return False
        nxt = cands[index + 1]
        if nxt.start != cand.end + 1 or nxt.target.kind != "country":
            return False
        code: str = nxt.target.ref  # type: ignore[assignment]
        if "name" not in self.patterns.country_kinds.get((code, doc[nxt.start:nxt.end].text.lower()), set()):
            return False
        word: SectorWord = cand.target.ref  # type: ignore[assignment]
        if word.alone != "state":
            return False
        self._add(_Found(cand.start, nxt.end, self.linker.country_info(code, word.sector), "registry", country_like=True))
        return True

    def _is_place(self, span: SpacySpan) -> bool:
        root = span.root
        if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE:
            return True
        if root.dep_ == "conj":
            head = root.head
            return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE
        return False

    def _is_agent(self, span: SpacySpan) -> bool:
        root = span.root
        doc = self.doc
        if span.end < len(doc) and doc[span.end].text in ("-", "–", "—", "(") and span.start <= 2:
            return False  # a dateline: "Mogadishu – ..."
        if span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s"):
            return True
        if root.dep_ in SUBJECT_DEPS:
            return True
        if root.dep_ == "pobj" and root.head.dep_ == "agent":
            return True
        return root.dep_ == "conj" and root.head.dep_ in SUBJECT_DEPS

    def _title_before(self, start: int) -> _Found | None:
        """A country/sector or group mention just before a name: "Iraqi lawmaker [Ahmed X]"."""
        doc = self.doc
        position = start
        while position > 0 and doc[position - 1].lower_ in TITLES and not self.covered[position - 1]:
            position -= 1
        if position > 1 and doc[position - 1].text == "," and self.covered[position - 2]:
            position -= 1
        for found in reversed(self.found):
            if found.end == position and not found.person and not found.generic:
                return found
        return None

    def _person(self, cand: Cand) -> None:
        doc = self.doc
        person_id: str = cand.target.ref  # type: ignore[assignment]
        if cand.target.single and not self._looks_like_lone_name(cand.start, cand.end):
            return
        info = self.linker.person_info(person_id, self.published)
        start = self._absorb_title(cand.start, info)
        self._add(_Found(start, cand.end, info, "registry", person=True))
        self._remember_surname(doc[cand.start:cand.end], info)
        person = self.linker.registry.people[person_id]
        for alias in [person.name] + person.aliases:
            words = alias.replace("-", " ").split()
            if words:
                self.surnames.setdefault(words[-1].lower(), info)

    def _absorb_title(self, start: int, info: ActorInfo) -> int:
        """Merge a title mention before a person into the person; fill what the registry lacks."""
        title = self._title_before(start)
        if title is None:
            return start
        self.found.remove(title)
        if info.country is None:
            info.country = title.info.country
        if info.sector is None:
            info.sector = title.info.sector
        return title.start

    def _looks_like_lone_name(self, start: int, end: int) -> bool:
        """A one-word name ("Putin") is a person only where the parser saw a person or a bare proper noun."""
        token = self.doc[start]
        if token.ent_type_ == "PERSON":
            ent = next((e for e in entities_of(self.doc) if e.start <= start < e.end), None)
            if ent is None:
                return True
            names = [t for t in ent if t.lower_ not in TITLES and not (start <= t.i < end)]
            return not names
        return token.ent_type_ == "" and token.tag_ == "NNP"

    def _remember_surname(self, span, info: ActorInfo) -> None:
        if not span:
            return
        words = span.text.replace("-", " ").split()
        if words:
            self.surnames.setdefault(words[-1].lower(), info)

    # -- pass 2: named entities not in the registry ------------------------------------------
    def _entity_pass(self) -> None:
        doc = self.doc
        for ent in entities_of(doc):
            if ent.label_ not in ("ORG", "PERSON", "NORP"):
                continue
            if any(self.covered[ent.start:ent.end]):
                continue
            start = ent.start + 1 if ent[0].lower_ == "the" else ent.start
            end = ent.end - 1 if ent.end - start > 1 and ent[-1].lower_ in ("'s", "’s") else ent.end
            if start >= end:
                continue
            if ent.label_ != "NORP":
                start, end = self._propn_extent(start, end)
            span = doc[start:end]
            self._entity(span, ent.label_)
        self._propn_runs()

    def _propn_extent(self, start: int, end: int) -> tuple[int, int]:
        """Widen an entity over the proper nouns beside it that the parser left out ("[Karim] Jabbar Hassan")."""
        doc = self.doc
        while start > 0 and not self.covered[start - 1] and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
            start -= 1
        while end < len(doc) and not self.covered[end] and doc[end].pos_ == "PROPN" and doc[end].is_title:
            end += 1
        return start, end

    def _entity(self, span: SpacySpan, label: str) -> None:
        linker = self.linker
        if label == "PERSON":
            last = span.text.replace("-", " ").split()[-1].lower()
            if len(span) == 1 and last in self.surnames:
                self._add(_Found(span.start, span.end, self.surnames[last], "coref", person=True))
                return
        if all(i in self.country_at for i in range(span.start, span.end)):
            return  # a country or capital word already judged in the registry pass
        hit = linker.fuzzy(span.text)
        if hit is not None and hit[1] == "fuzzy":
            words = [t for t in span if t.is_alpha and t.lower_ not in PARTICLES]
            if self._is_place(span) or (hit[0].kind == "person" and (label != "PERSON" or len(words) < 2)):
                hit = None
        if hit is not None:
            self._link_target(span, hit[0], hit[1])
            return
        if any(start <= span.start_char and span.end_char <= end for start, end in self.places):
            return
        if label == "PERSON":
            self._unknown_person(span)
        elif label == "ORG":
            self._unknown_org(span)
        elif label == "NORP" and span.root.tag_ in ("NNPS", "NNS"):
            self._add(_Found(span.start, span.end, ActorInfo(slug(span.text), span.text, None, "ETH"), "text"))

    def _link_target(self, span: SpacySpan, target: Target, how: str) -> None:
        if target.kind == "entry":
            entry: Entry = target.ref  # type: ignore[assignment]
            self._add(_Found(span.start, span.end, self.linker.entry_info(entry), how, country_like=entry.kind == "country-org"))
        elif target.kind == "person":
            info = self.linker.person_info(target.ref, self.published)  # type: ignore[arg-type]
            start = self._absorb_title(span.start, info)
            self._add(_Found(start, span.end, info, how, person=True))
            self._remember_surname(span, info)

    def _unknown_person(self, span: SpacySpan) -> None:
        name = span
        while len(name) > 1 and name[0].lower_ in TITLES:
            name = name[1:]
        info = ActorInfo(slug(name.text), name.text, None, None)
        start = self._absorb_title(span.start, info)
        if info.country is None and info.sector is None:
            self._apposition(span, info)
        if info.sector is None:
            before = self.doc[span.start - 1].lower_ if span.start > 0 else ""
            info.sector = TITLE_SECTORS.get(span[0].lower_) or TITLE_SECTORS.get(before)
        self._add(_Found(start, span.end, info, "text", person=True))
        self._remember_surname(span, info)

    def _apposition(self, span: SpacySpan, info: ActorInfo) -> None:
        """ "Ahmed X, an Iraqi lawmaker, said": take the country and sector of the apposition."""
        doc = self.doc
        if span.end + 2 >= len(doc) or doc[span.end].text != ",":
            return
        position = span.end + 1
        if doc[position].lower_ in ("a", "an", "the"):
            position += 1
        for found in self.found:
            if found.start == position and found.country_like:
                info.country, info.sector = found.info.country, found.info.sector
                self.found.remove(found)
                return
        for cand in self.deferred:
            if position <= cand.start <= position + 1 and cand.target.kind == "sector":
                info.sector = cand.target.ref.sector  # type: ignore[union-attr]
                return

    def _unknown_org(self, span: SpacySpan) -> None:
        if not any(t.is_title or t.is_upper for t in span) or len(span.text) < 3:
            return
        if self._is_place(span):
            return
        country = next((self.country_at[i] for i in range(span.start, span.end) if i in self.country_at), None)
        if country is None and span.start > 0:
            country = self.country_at.get(span.start - 1)
        sector = None
        cues = self.linker.registry.name_cues
        lowered = " " + " ".join(t.lower_ for t in span) + " "
        best = -1
        for cue, cue_sector in cues.items():
            at = lowered.rfind(" " + cue + " ")
            if at > best:
                best, sector = at, cue_sector
        if country is None and span.start > 0 and self.found and self.found[-1].end == span.start and self.found[-1].country_like:
            country = self.found[-1].info.country
        if len(span) == 1 and sector is None and span.root.dep_ not in SUBJECT_DEPS:
            return  # a lone unknown word the parser called an organisation is as often a place
        self._add(_Found(span.start, span.end, ActorInfo(slug(span.text), span.text, country, sector), "text"))

    def _propn_runs(self) -> None:
        """Proper-noun runs the parser did not call entities: surnames seen before, or near spellings."""
        doc = self.doc
        pos, words, tokens = pos_of(doc), words_of(doc), tokens_of(doc)
        i = 0
        n = len(doc)
        while i < n:
            if self.covered[i] or pos[i] != "PROPN":
                i += 1
                continue
            j = i
            while j < n and not self.covered[j] and (pos[j] == "PROPN" or (words[j] == "-" and j + 1 < n and pos[j + 1] == "PROPN")):
                j += 1
            if tokens[i].ent_type_ not in ("GPE", "LOC", "FAC", "DATE"):
                span = doc[i:j]
                last = span[-1].lower_
                if last in self.surnames and len(span) <= 3:
                    self._add(_Found(i, j, self.surnames[last], "coref", person=True))
                elif len(span.text) >= 5:
                    hit = self.linker.fuzzy(span.text)
                    if hit is not None and hit[1] == "fuzzy" and hit[0].kind == "entry":
                        self._link_target(span, hit[0], hit[1])
            i = max(j, i + 1)

    # -- pass 3: words that refer back --------------------------------------------------------
    def _reference_pass(self) -> None:
        if not self.deferred:
            return
        self.found.sort(key=lambda f: f.start)
        direct = list(self.found)
        countries = Counter(f.info.country for f in direct if f.info.country and f.info.sector != "IGO")
        home = countries.most_common(1)[0][0] if countries else None
        for cand in self.deferred:
            if any(self.covered[cand.start:cand.end]):
                continue
            target = cand.target
            count = len(self.found)
            if target.kind == "coref":
                self._coref(cand, target.ref, direct)  # type: ignore[arg-type]
            else:
                self._lone_sector(cand, target.ref, direct, home)  # type: ignore[arg-type]
            for found in self.found[count:]:
                insort(direct, found, key=lambda f: f.start)

    def _before(self, cand: Cand, direct: list[_Found], window: int, accept) -> _Found | None:
        sent = self.sent_of[cand.start]
        for found in reversed(direct):
            if found.start >= cand.start:
                continue
            if sent - self.sent_of[found.start] > window:
                return None
            if accept(found):
                return found
        return None

    def _coref(self, cand: Cand, rule, direct: list[_Found]) -> None:
        accept = {
            "PERSON": lambda f: f.person,
            "ARMED": lambda f: not f.person and not f.country_like and not f.generic and f.info.sector in ARMED,
            "CRM": lambda f: not f.person and f.info.sector == "CRM",
            "ORG": lambda f: not f.person and not f.country_like and not f.generic,
            "COUNTRY": lambda f: f.country_like and f.info.id == f.info.country,
            "NONPERSON": lambda f: not f.person,
        }[rule.refers]
        antecedent = self._before(cand, direct, rule.window, accept)
        if antecedent is not None:
            self._add(_Found(cand.start, cand.end, antecedent.info, "coref"))

    def _lone_sector(self, cand: Cand, word: SectorWord, direct: list[_Found], home: str | None) -> None:
        doc = self.doc
        determiner = cand.start > 0 and doc[cand.start - 1].lower_ in DETERMINERS
        start = cand.start - 1 if determiner else cand.start
        norp = self._norp_before(cand.start)
        if norp is not None:
            text = norp.text
            info = ActorInfo(f"{slug(text)}_{word.sector}", f"{text} {word.label}", None, word.sector)
            self._add(_Found(norp.start, cand.end, info, "text"))
            return
        if word.alone == "state":
            is_country = lambda f: f.country_like and f.info.country  # noqa: E731
            found = self._before(cand, direct, 0, is_country) or (None if home else self._before(cand, direct, 2, is_country))
            code = found.info.country if found else home
            if code:
                self._add(_Found(start, cand.end, self.linker.country_info(code, word.sector), "coref", country_like=True))
        elif word.alone == "group":
            if determiner:
                wanted = {"CRM"} if word.sector == "CRM" else ARMED
                found = self._before(cand, direct, 6, lambda f: not f.person and not f.country_like and not f.generic and f.info.sector in wanted)
                if found is not None:
                    self._add(_Found(start, cand.end, found.info, "coref"))
                    return
            self._add(_Found(cand.start, cand.end, self._generic(word), "text", generic=True))
        elif word.alone == "generic":
            self._add(_Found(cand.start, cand.end, self._generic(word), "text", generic=True))

    @staticmethod
    def _generic(word: SectorWord) -> ActorInfo:
        return ActorInfo(slug(word.label), word.label, None, word.sector)

    def _norp_before(self, start: int) -> SpacySpan | None:
        """ "Kurdish fighters", "Fulani herders": a group adjective that is not a country."""
        doc = self.doc
        if start == 0:
            return None
        token = doc[start - 1]
        if token.ent_type_ != "NORP" or self.covered[start - 1] or (start - 1) in self.country_at:
            return None
        first = start - 1
        while first > 0 and doc[first - 1].ent_type_ == "NORP" and doc[first - 1].ent_iob_ != "B" and not self.covered[first - 1]:
            first -= 1
        if doc[first].ent_iob_ != "B" and first > 0 and doc[first - 1].ent_type_ == "NORP":
            first -= 1
        return doc[first:start]


def group_actors(mentions: list[ActorMention]) -> list[Actor]:
    """The contract's ``actors`` list: one entry per actor id with its mention spans, in order of first mention."""
    actors: dict[str, Actor] = {}
    for mention in mentions:
        info = mention.actor
        actor = actors.get(info.id)
        if actor is None:
            actor = actors[info.id] = Actor(info.id, info.name, info.country, info.sector)
        actor.mentions.append(Span(mention.start, mention.end, mention.text))
    return list(actors.values())
