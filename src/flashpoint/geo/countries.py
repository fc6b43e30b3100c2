"""The document's countries: a place outside the countries a text is about needs strong evidence.

The last steps of resolution (`Geoparser` inherits them): a town of a name in an area the text
names wins over one elsewhere, a namesake abroad gives way to the town where the text's other
places lie, and a town outside the text's countries and their neighbours stays only with a
container, a cue, or fame.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from flashpoint.geo.gazetteer import Entry, Gazetteer
from flashpoint.geo.patterns import AREA_CUES

if TYPE_CHECKING:
    from flashpoint.geo.mentions import Mention

# A town outside the countries a document names (and their neighbours) stays only with a
# container ("Kani, Gifu") or when it is this well known.
WELL_KNOWN_POPULATION = 1_000_000
UNIQUE_AREA_POPULATION = 500_000  # an area of a far country, with no namesake, kept alone ("Hawaii")
STRONG_CITY_POPULATION = 15000


class DocumentCountries:
    """Resolution's last steps over the mentions' first choices (needs ``self.gaz``)."""

    gaz: Gazetteer

    def _keep_to_the_documents_countries(self, live: list["Mention"]) -> None:
        """A place outside the countries the document names and their neighbours needs strong
        evidence: a container, or being a capital or a city of a million. Without it, the best
        candidate inside those countries is taken, else none. The head of an organisation's name
        ("Fano militia") must lie in a named country or a neighbour.

        The named countries are those named as countries, with the capitals and cities of a
        million; first-level areas join them once they pass the same test (a document that names
        no country is about the countries of its areas)."""
        about = {m.choice.country for m in live if m.choice is not None and m.choice.country and (
            m.choice.feature == "country" or self._well_known(m.choice))}
        areas = [m for m in live if m.choice is not None and m.choice.feature in ("admin1", "admin2")]
        self._prefer_named_areas(live)
        self._prefer_home_namesakes(live)
        if about:
            for m in areas:
                self._gate(m, about, self._near(about))
        about |= {m.choice.country for m in areas if m.choice is not None and m.choice.country}
        if not about:  # no country or area named: the country most of its towns lie in
            about = self._towns_country(live)
        if not about:
            return
        near = self._near(about)
        for m in live:
            if m.choice is not None and m.choice.feature not in ("country", "admin1", "admin2"):
                self._gate(m, about, near)

    def _prefer_named_areas(self, live: list["Mention"]) -> None:
        """A town of the name in a first-level area the document names wins over one elsewhere,
        however well known ("Paris" in an article about Kentucky is Paris, Kentucky)."""
        named = {(m.choice.country, m.choice.name) for m in live
                 if m.choice is not None and m.choice.feature == "admin1"}
        if not named:
            return
        for m in live:
            e = m.choice
            if e is None or e.feature in ("country", "admin1") or (e.country, e.admin1) in named or m.container \
                    or m.dateline and e.capital:
                continue  # "WASHINGTON —" heads a wire story from the capital, whatever the story names
            alternate = dict(m.candidates)
            local = [k for k in m.scores if (self.gaz.entry(k).country, self.gaz.entry(k).admin1) in named
                     and self.gaz.entry(k).feature != "admin1" and not alternate.get(k)]
            if local:
                m.choice = self.gaz.entry(max(local, key=m.scores.get))

    def _prefer_home_namesakes(self, live: list["Mention"]) -> None:
        """In a text whose other places all lie in one country, a name that also has a place there
        is that place, not a famous namesake abroad ("Paris", "Dublin", "Lebanon" in a story about
        towns of Texas, Ohio or Tennessee). The home reading must lie in a first-level area where
        the text's other places lie; a container or cue ("Paris, France") keeps its own reading."""
        if len({m.choice.country for m in live if m.choice is not None and m.choice.country
                and m.choice.feature not in ("region", "feature")}) != 2:
            return  # one country, or three and more: nothing to do (most texts end here)
        for m in live:
            e = m.choice
            if e is None or e.country is None or m.container is not None or m.cue == "area" \
                    or m.dateline and e.capital:
                continue  # a settlement cue ("the City of Paris") says a town, not which
            others = [o.choice for o in live if o.key != m.key and o.choice is not None and o.choice.country]
            local = [o for o in others if o.feature not in ("country", "region", "feature")]
            homes = {o.country for o in others if o.feature not in ("region", "feature")}
            if len(homes) != 1 or len(local) < 3 or len({o.name for o in local}) < 2:
                continue
            home = next(iter(homes))
            if e.country == home:
                continue
            areas = {(o.country, o.admin1) for o in local if o.admin1} | {
                (o.country, o.name) for o in local if o.feature == "admin1"}
            alternate = dict(m.candidates)
            at_home = [k for k in m.scores if (self.gaz.entry(k).country, self.gaz.entry(k).admin1) in areas
                       and self.gaz.entry(k).feature in ("city", "admin2") and not alternate.get(k)]
            if at_home:
                m.choice = self.gaz.entry(max(at_home, key=m.scores.get))

    def _towns_country(self, live: list["Mention"]) -> set[str]:
        """A text that names no country or area is about the country where most of its towns
        lie, when two names or more lie there and no other country has as many ("Arlington" and
        "Fort Worth": the United States)."""
        names_by_country: dict[str, set[str]] = defaultdict(set)
        for m in live:
            if m.choice is not None and m.choice.country and m.choice.feature == "city":
                names_by_country[m.choice.country].add(m.key)
        ranked = sorted((len(v) for v in names_by_country.values()), reverse=True)
        if not ranked or ranked[0] < 2 or len(ranked) > 1 and ranked[1] == ranked[0]:
            return set()
        return {c for c, v in names_by_country.items() if len(v) == ranked[0]}

    def _near(self, countries: set[str]) -> set[str]:
        return countries | {n for c in countries for n in self.gaz.neighbours.get(c, ())}

    @staticmethod
    def _well_known(e: Entry) -> bool:
        return e.feature == "city" and (e.capital or e.population >= WELL_KNOWN_POPULATION)

    def _gate(self, m: "Mention", about: set[str], near: set[str]) -> None:
        e = m.choice
        if e is None or e.country is None or e.country in about or m.container is not None:
            return
        if m.cue == "settlement" and e.country in near or e.curated and not m.org_head:
            return  # "the town of Samarra"; a place an analyst added for the news it is in
        inside = [k for k in m.scores if self.gaz.entry(k).country in about]
        if m.org_head and e.country in near and not inside:
            return  # "Danbury police" in an article that names only Mexico besides
        if not m.org_head:
            if self._well_known(e) and not inside or e.feature in ("admin1", "admin2") and m.cue is not None:
                return
            if e.feature == "admin2" and m.key.rsplit(" ", 1)[-1] in AREA_CUES:
                return  # "Anderson County" names its own kind: evidence of its country by itself
            strong = e.population >= STRONG_CITY_POPULATION or e.curated or e.feature != "city"
            if e.country in near and strong:
                return
            unique = len({self.gaz.entry(i).country for i, _ in m.candidates}) == 1
            if unique and (e.feature == "city" and strong or e.population >= UNIQUE_AREA_POPULATION):
                return  # a name only one country has ("Cairns"): no other reading to prefer
        m.choice = self.gaz.entry(max(inside, key=m.scores.get)) if inside else None
