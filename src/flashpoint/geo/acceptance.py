"""Acceptance: whether a mention is a place at all, from its label, its strength and its context."""

from __future__ import annotations

from spacy.tokens import Doc

from flashpoint.geo.countries import STRONG_CITY_POPULATION
from flashpoint.geo.cues import capitalised, is_dateline, prev_word
from flashpoint.geo.gazetteer import Entry, Gazetteer
from flashpoint.geo.mentions import Mention
from flashpoint.geo.patterns import (
    AREA_CUES,
    DEMONYM_ENDINGS,
    LIST_JOINERS,
    NAME_PARTICLES,
    NATIONALITY_HEADS,
    NOT_PLACE_LABELS,
    PLACE_PREPS,
    STRONG_PREPS,
)
from flashpoint.geo.text import fold

ORG_CITY_POPULATION = 50000


class Acceptance:
    """Containers, list neighbours and the acceptance of each mention (needs ``self.gaz`` and ``self._prior``)."""

    gaz: Gazetteer

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
        # a name the model calls a person and the text uses for one is that person in the
        # possessive, whatever the preposition before it ("in Obama's plan"), unless a country or
        # an area has the name
        surnames = {m.key for m in mentions if m.label in ("PERSON", "in-PERSON")}
        accepted = {id(m): self._accept_alone(doc, m) and (m.key not in people or self._has_context(doc, m, strong_only=True)
                                                           and not (m.key in surnames and _possessive(doc, m)
                                                                    and not self._has_feature(m, ("country", "admin1"))))
                    for m in mentions}
        for a, b in zip(mentions, mentions[1:]):
            if b.start == (a.end_with_cue or a.end) and accepted[id(a)] and accepted[id(b)]:
                # "Far North Queensland": a descriptor of the next place, not a place of elsewhere
                theirs = {self.gaz.entry(i).country for i, _ in b.candidates}
                if not any(self.gaz.entry(i).country in theirs for i, _ in a.candidates):
                    accepted[id(a)] = False
        # the names the model calls a person on their own ("Obama" said), not inside a longer name
        named_people = people & {m.key for m in mentions if m.label == "PERSON"}
        for _ in range(3):  # a list of places is places: let acceptance spread along lists
            for m in mentions:
                if not accepted[id(m)] and any(accepted[id(o)] for o in m.neighbours) and self._may_spread(m) \
                        and m.key not in named_people:  # "in Iowa, Obama said": no list
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
            if m.label != "PERSON" and rule is None and self._names_its_county(m):
                return True  # "McMinn County Sheriff Joe Guy", "the Vanderburgh County Jail"
            before = prev_word(doc, m.start)
            if m.label in ("in-GPE", "in-LOC") and rule is None and self._top_feature(m) == "admin1" \
                    and before is not None and before.lower_ == "of":
                return True  # "the State of Illinois": an area inside a place's name ("the Gulf of
                # Mexico", which the model calls a GPE, is no country; "Delaware Bay" no Somali region)
            if m.label == "in-PERSON":
                return False
            if m.label == "PERSON" and rule is None and self._strong(doc, m, min_population=100_000, areas=False):
                return True  # a city or country the model calls a person; an area's name ("Brittany",
                # "Flanders") is a person's as often, and needs context
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

    def _names_its_county(self, m: Mention) -> bool:
        """ "Alachua County": a name ending in its kind word whose best reading is a county."""
        return m.key.rsplit(" ", 1)[-1] in AREA_CUES and " " in m.key and self._top_feature(m) == "admin2"

    def _abbreviation(self, doc: Doc, m: Mention) -> bool:
        """ "Ky.", "Conn.": a place only in context ("Alexandria, Ky."), never "Miss Smith"."""
        text = doc[m.start:m.end].text
        return len(m.key.replace(" ", "")) <= 4 and ("." in text or m.end < len(doc) and doc[m.end].text == ".")

    def _top(self, m: Mention) -> list[Entry]:
        return [self.gaz.entry(i) for i, _ in m.candidates]

    def _top_feature(self, m: Mention) -> str | None:
        best = max(m.candidates, key=lambda c: self._prior(self.gaz.entry(c[0]), c[1]), default=None)
        return self.gaz.entry(best[0]).feature if best else None

    def _strong(self, doc: Doc, m: Mention, min_population: int = STRONG_CITY_POPULATION, areas: bool = True) -> bool:
        """A name that is a place even without context: a country, an area (unless `areas` is
        False), a sizeable town."""
        tokens = doc[m.start:m.end]
        if len(tokens) == 1 and (tokens[0].is_stop or tokens[0].lower_ in NAME_PARTICLES):
            return False
        if len(tokens) == 1 and tokens[0].pos_ != "PROPN" and not tokens[0].text.isupper():
            return False
        for idx, alt in m.candidates:
            e = self.gaz.entry(idx)
            if alt or e.needs_context:
                continue
            if e.feature == "country" or e.feature != "city" and areas:
                return True
            if e.feature == "city" and (e.population >= min_population or e.curated):
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


def _possessive(doc: Doc, m: Mention) -> bool:
    """The mention is followed by "'s"."""
    end = m.end_with_cue or m.end
    return end < len(doc) and doc[end].lower_ in ("'s", "’s")
