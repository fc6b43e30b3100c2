"""Recognise place names in a parsed Doc and resolve each to a gazetteer place."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc

from flashpoint.geo.countries import STRONG_CITY_POPULATION, DocumentCountries
from flashpoint.geo.gazetteer import Entry, Gazetteer
from flashpoint.geo.patterns import (
    AREA_CUES,
    DEMONYM_ENDINGS,
    LIST_JOINERS,
    NAME_PARTICLES,
    NATIONALITY_HEADS,
    NATURAL_FEATURE_WORDS,
    NEVER_ALONE,
    NOT_PLACE_LABELS,
    PLACE_LABELS,
    PLACE_PREPS,
    SETTLEMENT_CUES,
    STRONG_PREPS,
)
from flashpoint.geo.cues import (
    article_prefix,
    capitalised,
    capitalised_word,
    heads_a_group,
    not_a_place,
    prev_word,
    is_dateline,
)
from flashpoint.geo.text import fold, strip_article
from flashpoint.nlp.docview import (
    entities_of,
    sentence_ends,
    sentence_starts,
    text_of,
    tokens_of,
    views_kept,
    words_of,
)
from flashpoint.models import Place

MAX_NAME_TOKENS = 6
# Weights of the resolution score (see Geoparser._score).
W_POP, W_COUNTRY, W_ADMIN1, W_CURATED_AREA, W_CURATED, W_ALTERNATE = 0.6, 3.0, 1.0, 2.0, 1.0, -1.0
W_AREA_CUE, W_SETTLEMENT_CUE, W_CONTAINER, W_FOCUS, W_TOP_FOCUS = 4.0, 2.0, 8.0, 2.0, 1.0
W_LIST_COUNTRY, W_LIST_ADMIN1, W_SENTENCE, W_SAME_NAME_AREA = 3.0, 2.0, 1.0, -1.5
W_MAJOR_CITY, W_ADMIN1_FOCUS, W_CAPITAL, W_NAMED_AREA, W_AREA_VOTE = 1.5, 1.5, 2.5, 2.5, 1.0
MAX_AREA_VOTES = 4
CAPITAL_POPULATION = 200_000  # a capital this size is meant by its name ("Washington")
MAJOR_CITY_POPULATION = 1_000_000
ORG_CITY_POPULATION = 50000


@dataclass
class Mention:
    """A stretch of text that may name a place, with its gazetteer candidates."""

    start: int  # token offsets
    end: int
    key: str
    candidates: list[tuple[int, bool]]
    label: str | None  # spaCy label of the entity it is, or that contains it
    from_entity: bool
    cue: str | None = None  # "area" (Anbar province) or "settlement" (town of Al Qaim)
    end_with_cue: int | None = None
    container: "Mention | None" = None
    neighbours: list["Mention"] = field(default_factory=list)
    choice: Entry | None = None
    scores: dict[int, float] = field(default_factory=dict)
    org_head: bool = False  # "Fano militia", "the Kano fire department"
    said_within: bool = False  # its container was written out: "Lere, in the Timbuktu region"


class Geoparser(DocumentCountries):
    """Finds places in a Doc: spaCy's place entities plus gazetteer names in capitalised text."""

    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer

    # ----- recognition
    def find_places(self, doc: Doc) -> list[Place]:
        """Every place mention in the doc, resolved, in text order."""
        with views_kept(doc):  # the rules read the same words many times
            return self._find_places(doc)

    def _find_places(self, doc: Doc) -> list[Place]:
        mentions = self._mentions(doc)
        if not mentions:
            return []
        self._link_context(doc, mentions)
        self._resolve(doc, mentions)
        places = []
        for m in mentions:
            if m.choice is None or m.choice.feature == "country" and self._nationality(doc, m):
                continue  # a nationality still tells which countries the text is about, but is no place
            e = m.choice
            end = m.end_with_cue or m.end
            while end > m.start + 1 and doc[end - 1].is_space:
                end -= 1
            span = doc[m.start:end]
            places.append(Place(text=span.text, start=span.start_char, end=span.end_char,
                                geonameid=e.geonameid, name=e.name, country=e.country,
                                admin1=e.admin1, feature=e.feature, lat=e.lat, lon=e.lon))
        return places

    def _lookup(self, text: str) -> tuple[str, list[tuple[int, bool]]]:
        key = fold(text)
        found = self.gaz.lookup(key)
        if not found:
            bare = strip_article(key)
            if bare:
                return bare, self.gaz.lookup(bare)
        return key, found

    def _mentions(self, doc: Doc) -> list[Mention]:
        label_of: dict[int, tuple[str, int, int]] = {}
        entities = entities_of(doc)
        for ent in entities:
            for i in range(ent.start, ent.end):
                label_of[i] = (ent.label_, ent.start, ent.end)
        taken = [False] * len(doc)
        mentions: list[Mention] = []
        for ent in entities:
            if ent.label_ not in PLACE_LABELS:
                continue
            start, end = ent.start, ent.end
            while start < end and doc[start].lower_ in ("the", "a", "an"):
                start += 1
            while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s")):
                end -= 1
            cue = None
            if end - start > 1 and doc[end - 1].lower_ in AREA_CUES:
                end -= 1
                cue = "area"
            if start >= end or self._is_demonym(doc, start, end) or not_a_place(doc, start, end):
                continue
            if not any(ch.isupper() for ch in doc[start:end].text):
                continue  # "the west bank of the river" is no West Bank: English capitalises its toponyms
            key, cands = self._lookup(doc[start:end].text)
            if cue and (full := self._lookup(doc[start:end + 1].text))[1] and any(
                    self.gaz.entry(i).feature == "admin2" for i, _ in full[1]):
                key, cands, end, cue = full[0], full[1], end + 1, None  # "Metcalfe County"
            if not cands:
                continue
            m = Mention(start, end, key, cands, ent.label_, True, cue=cue)
            if cue:
                m.end_with_cue = end + 1
            mentions.append(m)
            for i in range(ent.start, ent.end):
                taken[i] = True
        mentions += self._scan(doc, taken, label_of)
        mentions.sort(key=lambda m: m.start)
        for m in mentions:
            self._read_cues(doc, m)
        heads = {m.key for m in mentions if m.org_head}
        for m in mentions:  # one name, one reading: "Fano militiamen ... Fano, a network of ..."
            m.org_head = m.key in heads
        return mentions

    def _scan(self, doc: Doc, taken: list[bool], label_of: dict[int, tuple[str, int, int]]) -> list[Mention]:
        """Gazetteer names over capitalised token sequences that spaCy did not take for places."""
        # Read from plain lists: this looks at every token, and at up to six for each capitalised one.
        words = words_of(doc)
        capitalised = [w[:1].isupper() and (w[0].isalpha() or capitalised_word(w)) for w in words]
        sentence_end = sentence_ends(doc)
        offsets = [t.idx for t in tokens_of(doc)]
        text = text_of(doc)
        found = []
        i = 0
        n = len(doc)
        while i < n:
            if taken[i] or not (capitalised[i] or len(words[i]) == 2 and article_prefix(words, capitalised, i)):
                i += 1
                continue
            best = None
            limit = min(n, i + MAX_NAME_TOKENS, sentence_end[i])
            for j in range(limit, i, -1):
                if not capitalised[j - 1] or any(taken[i:j]):
                    continue
                if any(not capitalised[k] and words[k].lower() not in NAME_PARTICLES for k in range(i + 1, j - 1)):
                    continue
                key, cands = self._lookup(text[offsets[i]:offsets[j - 1] + len(words[j - 1])])
                if cands:
                    best = (j, key, cands)
                    break
            if best is None:
                i += 1
                continue
            j, key, cands = best
            if not_a_place(doc, i, j):
                i = j
                continue
            label = None
            if i in label_of:
                lab, s, e = label_of[i]
                label = lab if (s, e) == (i, j) else f"in-{lab}"
                if lab in ("DATE", "TIME") and (s, e) == (i, j) and not any(ch.isdigit() for ch in key) \
                        and key not in NEVER_ALONE and self.gaz.rules.get(key) != "never":
                    label = None  # the small model's "date" that is a bare name ("Niger and Chad")
            found.append(Mention(i, j, key, cands, label, False))
            i = j
        return found

    def _is_demonym(self, doc: Doc, start: int, end: int) -> bool:
        """ "Iraqi", "Syrians": an adjective or a people, not a place."""
        if end - start != 1:
            return False
        tok = doc[start]
        if tok.tag_ in ("JJ", "NNPS") or tok.ent_type_ == "NORP":
            return tok.lower_.endswith(DEMONYM_ENDINGS) and not self.gaz.has(fold(tok.text)) or tok.tag_ == "JJ"
        return False

    def _read_cues(self, doc: Doc, m: Mention) -> None:
        m.org_head = heads_a_group(doc, m.end_with_cue or m.end)
        end = m.end_with_cue or m.end
        if end < len(doc) and doc[end].lower_ in NATURAL_FEATURE_WORDS and not (
                end + 1 < len(doc) and capitalised(doc[end + 1]) and doc[end].is_title):
            # "the San Juan river": the river, not the town; "Bab el-Mandeb strait" stays a feature;
            # but "the Texas Forest Service" is an agency named after Texas
            m.candidates = [c for c in m.candidates if self.gaz.entry(c[0]).feature in ("feature", "region")]
        after = doc[m.end] if m.end < len(doc) else None
        if m.cue is None and after is not None and after.lower_ in AREA_CUES:
            m.cue = "area"
            m.end_with_cue = m.end + 1
        before = prev_word(doc, m.start)
        if before is not None and before.lower_ == "of":
            cue_word = prev_word(doc, before.i)
            if cue_word is not None and cue_word.lower_ in SETTLEMENT_CUES:
                m.cue = m.cue or "settlement"

    # ----- context and acceptance
    def _link_context(self, doc: Doc, mentions: list[Mention]) -> None:
        """Containers ("Mosul, Iraq", "the Anbar town of Al Qaim") and list neighbours."""
        by_start = {m.start: m for m in mentions}
        for m in mentions:
            end = m.end_with_cue or m.end
            if end + 1 < len(doc) and doc[end].text == "," and (end + 1) in by_start:
                other = by_start[end + 1]
                if self._has_feature(other, ("country", "admin1")):
                    m.container = other
            elif end + 3 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "in" \
                    and doc[end + 2].lower_ == "the" and (end + 3) in by_start:
                other = by_start[end + 3]  # "the town of Lere, in the Timbuktu region"
                if other.cue == "area" and self._has_feature(other, ("admin1", "city")):
                    m.container = other
                    m.said_within = True
            # "the Anbar town of Al Qaim": Anbar, a settlement word, "of", then the name
            if m.cue == "settlement" and m.start >= 3:
                of = prev_word(doc, m.start)
                word = prev_word(doc, of.i) if of is not None else None
                prev = prev_word(doc, word.i) if word is not None else None
                while prev is not None and prev.lower_ in ("border", "desert", "northern", "southern",
                                                          "eastern", "western", "central", "frontier",
                                                          "small", "key", "strategic"):
                    prev = prev_word(doc, prev.i)
                for other in mentions:
                    if prev is not None and other.end - 1 == prev.i and self._has_feature(other, ("admin1", "country")):
                        m.container = other
        for a, b in zip(mentions, mentions[1:]):
            between = doc[(a.end_with_cue or a.end):b.start]
            if 0 < len(between) <= 3 and all(t.text in LIST_JOINERS or t.lower_ in LIST_JOINERS for t in between):
                a.neighbours.append(b)
                b.neighbours.append(a)
        people = self._person_names(doc, mentions)
        accepted = {id(m): self._accept_alone(doc, m) and (m.key not in people or self._has_context(doc, m, strong_only=True))
                    for m in mentions}
        for a, b in zip(mentions, mentions[1:]):
            if b.start == (a.end_with_cue or a.end) and accepted[id(a)] and accepted[id(b)]:
                # "Far North Queensland": a descriptor of the next place, not a place of elsewhere
                theirs = {self.gaz.entry(i).country for i, _ in b.candidates}
                if not any(self.gaz.entry(i).country in theirs for i, _ in a.candidates):
                    accepted[id(a)] = False
        for _ in range(3):  # a list of places is places: let acceptance spread along lists
            for m in mentions:
                if not accepted[id(m)] and any(accepted[id(o)] for o in m.neighbours) and self._may_spread(m):
                    accepted[id(m)] = True
        for m in mentions:
            if not accepted[id(m)]:
                m.candidates = []
            if m.container is not None and not accepted[id(m.container)]:
                m.container = None

    def _nationality(self, doc: Doc, m: Mention) -> bool:
        """A country's name describing people ("a U.S. soldier", "US and British forces"): an
        adjective, not a place."""
        if not any(self.gaz.entry(i).feature == "country" and not alt for i, alt in m.candidates):
            return False
        last = doc[m.end - 1]
        head = last.head
        if last.dep_ == "conj" and head.dep_ in ("compound", "amod", "nmod"):
            last, head = head, head.head  # "US and British forces"
        return last.dep_ in ("compound", "amod", "nmod") and head.i >= m.end and head.lower_ in NATIONALITY_HEADS

    def _person_names(self, doc: Doc, mentions: list[Mention]) -> set[str]:
        """Names the document uses for a person: inside a longer PERSON entity ("Jenny Palma",
        "Georgia Stevens") or next to "said" ("said Georgia"). Elsewhere in the document they are
        places only after a preposition of place or with a container."""
        people = set()
        for m in mentions:
            if m.label == "in-PERSON":
                people.add(m.key)
            before = prev_word(doc, m.start)
            after = doc[m.end] if m.end < len(doc) else None
            if (before is not None and before.lower_ in ("said", "says") and (m.end == len(doc) or doc[m.end].is_punct)) \
                    or (after is not None and after.lower_ in ("said", "says", "told") and m.label == "PERSON"):
                people.add(m.key)
        # "Anderson County Sheriff Greg Taylor": the small model runs the county into the name, but
        # a name ending in an area word ("County", "Parish") is an area, not a person's name
        people = {k for k in people if k.rsplit(" ", 1)[-1] not in AREA_CUES}
        return {k for k in people if not any(self.gaz.entry(i).feature == "country" and not alt
                                             for m in mentions if m.key == k for i, alt in m.candidates)
                or k in self.gaz.rules}

    def _has_feature(self, m: Mention, features: tuple[str, ...]) -> bool:
        return any(self.gaz.entry(i).feature in features for i, _ in m.candidates)

    def _rule(self, m: Mention) -> str | None:
        return self.gaz.rules.get(m.key)

    def _may_spread(self, m: Mention) -> bool:
        return self._rule(m) != "never" and (m.label is None or m.label not in NOT_PLACE_LABELS)

    def _accept_alone(self, doc: Doc, m: Mention) -> bool:
        """Whether the mention is a place on its own evidence (its label, its strength, its context)."""
        rule = self._rule(m)
        if rule != "never" and is_dateline(doc, m.start, m.end):
            return True
        if m.from_entity:
            return rule != "context" or self._has_context(doc, m, strong_only=False) or len(self._top(m)) > 0 and m.label == "GPE"
        if m.label in ("NORP", "LANGUAGE", "PRODUCT") and rule is None and not m.key.endswith(DEMONYM_ENDINGS) \
                and (" " not in m.key or m.label == "PRODUCT"):
            # the small model calls some cities peoples or products ("Aleppo", "Irapuato"): a place
            # after a preposition of place
            return self._has_context(doc, m, strong_only=True)
        if rule == "never" or (m.label and m.label.lstrip("in-") in NOT_PLACE_LABELS):
            return False
        if m.label in ("PERSON", "in-PERSON", "in-GPE", "in-LOC", "in-FAC"):
            if m.label == "in-PERSON":
                return False
            if m.label == "PERSON" and rule is None and self._strong(doc, m, min_population=100_000):
                return True
            return self._has_context(doc, m, strong_only=m.label == "PERSON")
        if m.label == "ORG" and rule is None and self._strong(doc, m, min_population=ORG_CITY_POPULATION):
            return True  # the small model calls many African and Asian towns organisations
        if m.label in ("ORG", "in-ORG"):
            return self._strong(doc, m) and self._has_context(doc, m, strong_only=False) or (
                m.label == "in-ORG" and (self._top_feature(m) == "country" or (
                    self._top_feature(m) == "admin1" and not m.key.endswith(DEMONYM_ENDINGS)) or (
                    self._top_feature(m) == "admin2" and m.key.rsplit(" ", 1)[-1] in AREA_CUES)))
        # "the Clark County Fire Department": a county's agency names the county
        if self._strong(doc, m) and rule != "context" and not self._abbreviation(doc, m):
            return True
        return self._has_context(doc, m, strong_only=False)

    def _abbreviation(self, doc: Doc, m: Mention) -> bool:
        """ "Ky.", "Conn.": a place only in context ("Alexandria, Ky."), never "Miss Smith"."""
        text = doc[m.start:m.end].text
        return len(m.key.replace(" ", "")) <= 4 and ("." in text or m.end < len(doc) and doc[m.end].text == ".")

    def _top(self, m: Mention) -> list[Entry]:
        return [self.gaz.entry(i) for i, _ in m.candidates]

    def _top_feature(self, m: Mention) -> str | None:
        best = max(m.candidates, key=lambda c: self._prior(self.gaz.entry(c[0]), c[1]), default=None)
        return self.gaz.entry(best[0]).feature if best else None

    def _strong(self, doc: Doc, m: Mention, min_population: int = STRONG_CITY_POPULATION) -> bool:
        """A name that is a place even without context: a country, an area, a sizeable town."""
        tokens = doc[m.start:m.end]
        if len(tokens) == 1 and (tokens[0].is_stop or tokens[0].lower_ in NAME_PARTICLES):
            return False
        if len(tokens) == 1 and tokens[0].pos_ != "PROPN" and not tokens[0].text.isupper():
            return False
        for idx, alt in m.candidates:
            e = self.gaz.entry(idx)
            if alt or e.needs_context:
                continue
            if e.feature != "city" or e.population >= min_population or e.curated:
                return True
        return False

    def _has_context(self, doc: Doc, m: Mention, strong_only: bool) -> bool:
        if m.cue is not None or m.container is not None:
            return True
        prev = prev_word(doc, m.start, skip=("the",))
        if prev is not None and prev.lower_ in (STRONG_PREPS if strong_only else PLACE_PREPS):
            return True
        if prev is not None and prev.text == "," and prev.i > 0 and capitalised(doc[prev.i - 1]) and self._has_feature(m, ("admin1", "country")):
            return True  # the container in "Alexandria, Ky."
        after = m.end_with_cue or m.end
        if after + 1 < len(doc) and doc[after].text == "," and capitalised(doc[after + 1]):
            key = fold(doc[after + 1].text)
            if any(self.gaz.entry(i).feature in ("country", "admin1") for i, _ in self.gaz.lookup(key)):
                return True
        return False

    # ----- resolution
    def _prior(self, e: Entry, alternate: bool) -> float:
        score = W_POP * math.log10(e.population + 10)
        if e.feature == "country":
            score += W_COUNTRY
        elif e.feature in ("admin1", "admin2"):
            score += W_ADMIN1
        elif e.curated and e.feature in ("region", "feature"):
            score += W_CURATED_AREA
        if e.curated:
            score += W_CURATED
        if e.capital and e.population >= CAPITAL_POPULATION:
            score += W_CAPITAL
        if alternate:
            score += W_ALTERNATE
        return score

    def _score(self, m: Mention, focus: Counter, chosen: dict[int, Entry], sentence_of: dict[int, int],
               sentence_countries: dict[int, Counter], own_votes: Counter | None = None,
               area_votes: Counter | None = None,
               chosen_areas: tuple[Counter, Counter] | None = None, own_areas: int = 0,
               own_named: Counter | None = None) -> dict[int, float]:
        scores = {}
        area_votes = area_votes or Counter()
        own_share = 1 / own_areas if own_areas else 0.0
        if own_votes:  # the name's own mentions do not vote for their reading
            focus = focus - own_votes
        entries = [(self.gaz.entry(i), alt) for i, alt in m.candidates]
        city_keys = {(e.country) for e, _ in entries if e.feature == "city"}
        top_focus = focus.most_common(1)[0][0] if focus else None
        area_focus = {(c.country, c.admin1) for c in chosen.values() if c.admin1 and c.country == top_focus}
        # the areas the other mentions were resolved to (by the previous pass), and the areas
        # their towns and counties lie in: counted, less this mention's own
        named_count, within_count = chosen_areas or (Counter(), Counter())
        mine = chosen.get(id(m))
        named_areas, within = set(named_count), set(within_count)
        if mine is not None and mine.feature == "admin1" and named_count[(mine.country, mine.name)] == 1:
            named_areas.discard((mine.country, mine.name))
        # an area named only by this very name does not vote for a town of the name inside it
        # ("Minnesota" twice is the state, not the town Minneota in it)
        for area, n in (own_named or {}).items():
            if named_count[area] <= n:
                named_areas.discard(area)
        if mine is not None and mine.feature in ("city", "admin2") and within_count[(mine.country, mine.admin1)] == 1:
            within.discard((mine.country, mine.admin1))
        names_country = any(e.feature == "country" and not alt for e, alt in entries)
        for e, alt in entries:
            s = self._prior(e, alt)
            if m.cue == "area":
                s += W_AREA_CUE if e.feature in ("admin1", "region") else -W_AREA_CUE / 2
            elif m.cue == "settlement":
                s += W_SETTLEMENT_CUE if e.feature == "city" else -W_SETTLEMENT_CUE
            elif e.feature == "admin1" and e.country in city_keys:
                s += W_SAME_NAME_AREA
            if m.container is not None and id(m.container) in chosen:
                c = chosen[id(m.container)]
                if c.feature == "country" and e.country == c.country:
                    s += W_CONTAINER
                elif c.feature == "admin1" and e.country == c.country:
                    s += W_CONTAINER / 2 + (W_CONTAINER / 2 if e.admin1 == c.name else 0)
                elif e.country == c.country:  # "in the Timbuktu region": the region of that town
                    s += W_CONTAINER / 2 + (W_CONTAINER / 2 if e.admin1 == c.admin1 else 0)
            if e.feature == "city" and e.population >= MAJOR_CITY_POPULATION:
                s += W_MAJOR_CITY
            if (e.country, e.admin1) in area_focus and e.feature != "admin1":
                s += W_ADMIN1_FOCUS
            if (e.country, e.admin1) in named_areas and e.feature != "admin1":
                s += W_NAMED_AREA  # a Springfield in the state the document names
            if e.feature in ("city", "admin2") and area_votes:
                # the area where the document's other names have places ("DeKalb County" and
                # "Gainesville" together: Georgia); a name of many areas votes little
                others = area_votes[(e.country, e.admin1)] - own_share
                s += W_AREA_VOTE * min(max(others, 0.0), MAX_AREA_VOTES)
            if e.feature == "admin1" and (e.country, e.name) in within:
                s += W_NAMED_AREA  # Georgia the state when the document's counties lie in it
            elif names_country and e.feature != "country" and m.cue is None and m.container is None \
                    and (e.country, e.admin1) not in named_areas:
                s -= W_COUNTRY  # a country's name never loses to a town or area of that name alone
            if e.country in focus:
                s += W_FOCUS * min(focus[e.country], 3) / 3
                if e.country == top_focus:
                    s += W_TOP_FOCUS
            for o in m.neighbours:
                c = chosen.get(id(o))
                if c is not None and c.country == e.country:
                    s += W_LIST_COUNTRY
                    if c.admin1 and c.admin1 == e.admin1:
                        s += W_LIST_ADMIN1
            others = sentence_countries.get(sentence_of[id(m)], Counter())
            s += W_SENTENCE * min(others.get(e.country, 0), 2)
            scores[e.idx] = s
        return scores

    def _resolve(self, doc: Doc, mentions: list[Mention]) -> None:
        live = [m for m in mentions if m.candidates]
        starts = sentence_starts(doc)
        sentence_of = {id(m): starts[m.start] for m in live}
        chosen: dict[int, Entry] = {}
        focus: Counter = Counter()
        votes_by_key: dict[str, Counter] = defaultdict(Counter)
        # (country, admin1) -> the names with a place there, each name's vote split among its areas
        area_votes: Counter = Counter()
        own_areas: dict[str, set] = {}
        for key, group in {m.key: m for m in live}.items():
            areas = {(e.country, e.admin1) for e in map(self.gaz.entry, (i for i, _ in group.candidates)) if e.admin1}
            own_areas[key] = areas
            for area in areas:
                area_votes[area] += 1 / len(areas)
        nationalities = {id(m) for m in live if self._nationality(doc, m)}
        for pass_no in range(2):
            sentence_countries: dict[int, Counter] = defaultdict(Counter)
            if pass_no:
                for m in live:
                    if id(m) in chosen:
                        sentence_countries[sentence_of[id(m)]][chosen[id(m)].country] += 1
            new_focus: Counter = Counter()
            new_votes: dict[str, Counter] = defaultdict(Counter)
            chosen_areas = (Counter((c.country, c.name) for c in chosen.values() if c.feature == "admin1"),
                            Counter((c.country, c.admin1) for c in chosen.values()
                                    if c.admin1 and c.feature in ("city", "admin2")))
            named_by_key: dict[str, Counter] = defaultdict(Counter)
            for m in live:
                c = chosen.get(id(m))
                if c is not None and c.feature == "admin1":
                    named_by_key[m.key][(c.country, c.name)] += 1
            for m in live:
                scores = self._score(m, focus, chosen, sentence_of, sentence_countries, votes_by_key.get(m.key),
                                     area_votes, chosen_areas, len(own_areas[m.key]), named_by_key.get(m.key))
                if pass_no:  # the mention's own choice does not vote for itself
                    mine = chosen.get(id(m))
                    if mine is not None:
                        scores = {k: v - (W_SENTENCE if self.gaz.entry(k).country == mine.country else 0)
                                  for k, v in scores.items()}
                m.scores = scores
                best = max(scores, key=scores.get)
                chosen[id(m)] = self.gaz.entry(best)
                ranked = sorted(scores.values(), reverse=True)
                margin = ranked[0] - ranked[1] if len(ranked) > 1 else 99
                e = chosen[id(m)]
                if e.country and (e.feature == "country" or margin >= 3 or
                                  len({self.gaz.entry(i).country for i, _ in m.candidates}) == 1) \
                        and id(m) not in nationalities:  # "U.S. negotiators return to Geneva": Switzerland's
                    new_focus[e.country] += 1
                    new_votes[m.key][e.country] += 1
            focus, votes_by_key = new_focus, new_votes
        # one name, one place in a document, unless a container or cue says otherwise
        by_key: dict[str, list[Mention]] = defaultdict(list)
        for m in live:
            if m.container is None and m.cue is None:
                by_key[m.key].append(m)
        for group in by_key.values():
            if len(group) > 1:
                total: Counter = Counter()
                for m in group:
                    total.update(m.scores)
                best = self.gaz.entry(max(total, key=total.get))
                for m in group:
                    chosen[id(m)] = best
        # A town found only by an alternate spelling ("Boni" for Bonn) must lie in a country
        # the document names by other means.
        named = {chosen[id(m)].country for m in live if id(m) in chosen and not dict(m.candidates).get(chosen[id(m)].idx)}
        for m in live:
            choice = chosen.get(id(m))
            if (choice is not None and dict(m.candidates).get(choice.idx) and choice.feature == "city"
                    and m.container is None and named and choice.country not in named):
                choice = None
            m.choice = choice
        for m in live:  # a town said to lie in an area of another country than any of its readings
            if m.choice is not None and m.said_within and m.container is not None and m.container.choice is not None \
                    and m.container.choice.country != m.choice.country:
                m.choice = None
        self._keep_to_the_documents_countries(live)
