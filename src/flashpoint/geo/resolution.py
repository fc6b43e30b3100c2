"""Resolution: each accepted mention's reading, scored from its prior and the document's other places."""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from spacy.tokens import Doc

from flashpoint.geo.gazetteer import Entry, Gazetteer
from flashpoint.geo.mentions import Mention
from flashpoint.nlp.docview import sentence_starts

# Weights of the resolution score (see Geoparser._score).
W_POP, W_COUNTRY, W_ADMIN1, W_CURATED_AREA, W_CURATED, W_ALTERNATE = 0.6, 3.0, 1.0, 2.0, 1.0, -1.0
W_AREA_CUE, W_SETTLEMENT_CUE, W_CONTAINER, W_FOCUS, W_TOP_FOCUS = 4.0, 2.0, 8.0, 2.0, 1.0
W_LIST_COUNTRY, W_LIST_ADMIN1, W_SENTENCE, W_SAME_NAME_AREA = 3.0, 2.0, 1.0, -1.5
W_MAJOR_CITY, W_ADMIN1_FOCUS, W_CAPITAL, W_NAMED_AREA, W_AREA_VOTE = 1.5, 1.5, 2.5, 2.5, 1.0
MAX_AREA_VOTES = 4
CAPITAL_POPULATION = 200_000  # a capital this size is meant by its name ("Washington")
MAJOR_CITY_POPULATION = 1_000_000


class Resolution:
    """Scores each mention's candidates and chooses (needs ``self.gaz`` and the other mixins)."""

    gaz: Gazetteer

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
