"""The gazetteer's build parts: the record collector, the feature codes and the name keys of areas."""

from __future__ import annotations

import math
from collections import defaultdict

from flashpoint.geo.text import fold, strip_article

FEATURES = ("country", "admin1", "city", "region", "feature", "admin2")
CURATED, NEEDS_CONTEXT, CAPITAL = 1, 2, 4
# Suffixes that name an area's kind: "Anbar province", "Donetska oblast".
AREA_WORDS = ("governorate", "province", "region", "state", "oblast", "district", "county",
              "prefecture", "department", "division", "territory", "parish", "muhafazat")



def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))



class Builder:
    """Collects records and name keys; turned into the index's columns at the end."""

    def __init__(self) -> None:
        self.gid: list[int] = []
        self.name: list[str] = []
        self.country: list[str | None] = []
        self.admin1: list[str | None] = []
        self.feature: list[int] = []
        self.lat: list[float] = []
        self.lon: list[float] = []
        self.pop: list[int] = []
        self.flags: list[int] = []
        self.keys: dict[str, dict[int, int]] = defaultdict(dict)  # key -> {idx: 0 primary / 1 alternate}
        self.by_gid: dict[int, int] = {}

    def add(self, gid: int | None, name: str, country: str | None, admin1: str | None, feature: str,
            lat: float | None, lon: float | None, pop: int, flags: int = 0) -> int:
        idx = len(self.name)
        self.gid.append(gid if gid is not None else -1)
        self.name.append(name)
        self.country.append(country)
        self.admin1.append(admin1)
        self.feature.append(FEATURES.index(feature))
        self.lat.append(lat if lat is not None else math.nan)
        self.lon.append(lon if lon is not None else math.nan)
        self.pop.append(pop)
        self.flags.append(flags)
        if gid is not None:
            self.by_gid.setdefault(gid, idx)
        return idx

    def key(self, name: str, idx: int, alternate: bool) -> None:
        key = fold(name)
        if len(key) < 2:
            return
        kind = 1 if alternate else 0
        slot = self.keys[key]
        slot[idx] = min(slot.get(idx, kind), kind)
        bare = strip_article(key)
        if bare:
            self.keys[bare].setdefault(idx, 1)


def area_keys(name: str) -> set[str]:
    """Keys of an area's name with and without its article and kind word."""
    key = fold(name)
    keys = {key}
    words = key.split()
    if len(words) > 1 and words[-1] in AREA_WORDS:
        keys.add(" ".join(words[:-1]))
    for k in list(keys):
        bare = strip_article(k)
        if bare:
            keys.add(bare)
    return keys
