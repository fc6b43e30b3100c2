"""Two mentions compared factor by factor: a level per factor, its match weight, their sum."""

from __future__ import annotations

import math
from dataclasses import dataclass

from flashpoint.fusion.factors import VETO, Knowledge
from flashpoint.fusion.mentions import Mention, PlaceRef


@dataclass(frozen=True)
class Factor:
    """One factor's verdict on a pair: the level it found and that level's weight."""

    factor: str
    level: str
    weight: float


@dataclass(frozen=True)
class Comparison:
    """A pair's factors and total score (-inf when any factor makes them incompatible)."""

    factors: tuple[Factor, ...]
    score: float

    @classmethod
    def of(cls, factors: tuple[Factor, ...]) -> "Comparison":
        weights = [f.weight for f in factors]
        return cls(factors, VETO if VETO in weights else sum(weights))

    @property
    def vetoed(self) -> bool:
        return self.score == VETO


def kilometres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def type_level(a: Mention, b: Mention) -> str:
    if a.type != b.type:
        return "other_type"
    if a.mode and b.mode:
        return "same_mode" if a.mode == b.mode else "other_mode"
    return "mode_unknown"


def date_level(a: Mention, b: Mention) -> str:
    if a.precision == "day" and b.precision == "day" and a.date_value == b.date_value:
        return "same_day"
    if a.lo is None or b.lo is None or a.hi is None or b.hi is None:
        return "overlap"  # no date at all: nothing says the dates differ
    return "overlap" if a.lo <= b.hi and b.lo <= a.hi else "disjoint"


def _contains(big: PlaceRef, small: PlaceRef) -> bool:
    """`big` is the country or first-level area that `small` lies in."""
    if big.country is None or big.country != small.country:
        return False
    if big.feature == "country":
        return True
    return big.feature == "admin1" and big.name in (small.admin1, small.name)


_WIDE = ("country", "admin1")


def _place_pair(a: PlaceRef, b: PlaceRef, knowledge: Knowledge) -> str:
    same = (a.geonameid is not None and a.geonameid == b.geonameid) or (
        (a.geonameid is None or b.geonameid is None) and a.name == b.name and a.country == b.country)
    if same:  # one country or province in both says no more than that one contains the other
        return "contains" if a.feature in _WIDE or b.feature in _WIDE else "same"
    if _contains(a, b) or _contains(b, a):
        return "contains"
    if a.country and b.country and a.country != b.country:
        return "far"
    if None not in (a.lat, a.lon, b.lat, b.lon):
        km = kilometres(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
        if km <= knowledge.near_km:
            return "near"
        return "far" if km > knowledge.far_km else "nearby"
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return "far"
    return "nearby"


_PLACE_ORDER = ("same", "near", "contains", "nearby", "far")


def place_level(a: Mention, b: Mention, knowledge: Knowledge) -> str:
    """The best level between any place of one mention's sentence and any of the other's."""
    if not a.places and not b.places:
        return "both_unknown"
    if not a.places or not b.places:
        return "one_unknown"
    levels = {_place_pair(x, y, knowledge) for x in a.places for y in b.places}
    return min(levels, key=_PLACE_ORDER.index)


def actor_level(a_id: str | None, a_country: str | None, a_sector: str | None,
                b_id: str | None, b_country: str | None, b_sector: str | None,
                generic: frozenset[str] = frozenset()) -> str:
    """Actors the registry knows nothing about (no country, no sector: words of the text such
    as "the market") and generic kinds ("gunmen": MILITANTS) say too little to tell two events
    apart, so they count as unknown."""
    if a_id is None or b_id is None or not (a_country or a_sector) or not (b_country or b_sector):
        return "one_unknown"
    if a_id in generic or b_id in generic:
        return "one_unknown"
    if a_id == b_id:
        return "same"
    if a_country and a_sector and (a_country, a_sector) == (b_country, b_sector):
        return "same_kind"
    return "different"


def fatalities_level(a: Mention, b: Mention) -> str:
    if a.fatalities is None or b.fatalities is None:
        return "one_unknown"
    return "same" if a.fatalities == b.fatalities else "different"


def article_level(a: Mention, b: Mention) -> str:
    if a.article_id == b.article_id:
        return "same_article"
    return "same_story" if a.story == b.story else "other"


def status_level(a: Mention, b: Mention) -> str:
    """A plan, a threat or a prediction is not the act: a hypothetical mention joins only
    hypothetical ones (asserted and negated ones may join: a denial of an attack is about it)."""
    hypothetical = (a.status == "hypothetical", b.status == "hypothetical")
    if hypothetical[0] != hypothetical[1]:
        return "plan_and_act"
    return "same" if a.status == b.status else "asserted_and_denied"


def sentence_level(a: Mention, b: Mention) -> str:
    return "identical" if a.sentence_key and a.sentence_key == b.sentence_key else "different"


def compare(a: Mention, b: Mention, knowledge: Knowledge) -> Comparison:
    """Every factor's level and weight for the pair (a, b); a pair whose type or date is
    incompatible is not compared further (it cannot be one event)."""
    weights = knowledge.weights
    generic = knowledge.generic_actors
    first = (("type", type_level(a, b)), ("status", status_level(a, b)), ("date", date_level(a, b)))
    factors = tuple(Factor(name, level, weights[name][level]) for name, level in first)
    if any(f.weight == VETO for f in factors):
        return Comparison.of(factors)
    levels = (
        ("place", place_level(a, b, knowledge)),
        ("source", actor_level(a.source_id, a.source_country, a.source_sector, b.source_id, b.source_country, b.source_sector, generic)),
        ("target", actor_level(a.target_id, a.target_country, a.target_sector, b.target_id, b.target_country, b.target_sector, generic)),
        ("fatalities", fatalities_level(a, b)),
        ("article", article_level(a, b)),
        ("sentence", sentence_level(a, b)),
    )
    return Comparison.of(factors + tuple(Factor(name, level, weights[name][level]) for name, level in levels))
