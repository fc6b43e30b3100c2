"""First-level areas for the gazetteer: pycountry's subdivisions, linked to GeoNames' admin1 codes, with points."""

from __future__ import annotations

import re
from collections import defaultdict

from flashpoint.geo.builder import FEATURES, Builder, area_keys, haversine_km
from flashpoint.geo.datafiles import AliasRow
from flashpoint.geo.sources import area_names, area_points, mid
from flashpoint.geo.text import fold

# Words that make an English area name too generic to be a key ("Central", "North East", "Coast"):
# such areas keep their pycountry name only.
GENERIC_AREA_WORDS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "centre", "center", "middle", "upper", "lower", "north-east", "north-west", "south-east",
    "south-west", "northeast", "northwest", "southeast", "southwest", "far", "coast", "coastal",
    "capital", "islands", "island", "lakes", "lake", "highlands", "mountain", "valley", "river",
    "region", "province", "district", "state", "territory", "the", "and", "of", "city", "great",
    "federal", "national", "autonomous", "republic", "special", "metropolitan", "new",
})

def vote_links(b: Builder, code_of: dict[int, tuple[str, str]],
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


def add_admin1(b: Builder, city_rows: list[tuple[int, str, str]], iso2_to_3: dict[str, str],
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
                for key in area_keys(name):
                    admin_alias_points[(row.country, key)] = (row.lat, row.lon)

    code_of = {idx: (cc, code) for idx, cc, code in city_rows}
    csc_points, csc_named, csc_cities = area_points()
    point_by_key = {(cc, k): point for (cc, name), point in csc_named.items() for k in area_keys(name)}
    voted = vote_links(b, code_of, cities_by_key, iso2_to_3, csc_cities)
    names: dict[tuple[str, str], str] = {}
    pending = []
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        cc = sub.country_code
        iso3 = iso2_to_3.get(cc)
        if iso3 is None:
            continue
        keys = area_keys(sub.name)
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
    english = area_names()
    for sub, iso3, lat, lon, pop, keys in pending:
        idx = b.add(None, sub.name, iso3, sub.name, "admin1", lat, lon, pop)
        b.key(sub.name, idx, False)
        extra = _english_keys(b, english.get((sub.country_code, sub.code.split("-", 1)[1])), iso3)
        for k in keys | extra | _bracket_keys(sub.name):
            b.keys[k].setdefault(idx, 0)
    return names


def _english_keys(b: Builder, name: str | None, iso3: str) -> set[str]:
    """Keys of an area's English name, where pycountry gives only the local one ("Bavaria",
    "Catalonia"): none for a generic name ("Central", "North East"), a country's name, or the name
    of a town of the same country (English "Alexandria" and "Valencia" are the cities)."""
    if not name or any(ch.isdigit() for ch in name) or not name[:1].isupper():
        return set()
    keys = {k for k in area_keys(name) if k and not set(k.replace("-", " ").split()) <= GENERIC_AREA_WORDS}
    country, city = FEATURES.index("country"), FEATURES.index("city")
    return {k for k in keys if len(k) > 3 and not any(
        b.feature[i] == country or b.feature[i] == city and b.country[i] == iso3 for i in b.keys.get(k, {}))}


def _bracket_keys(name: str) -> set[str]:
    """Keys of a pycountry name with its other forms in brackets ("Wales [Cymru GB-CYM]",
    "Catalunya [Cataluña]"): the name before the brackets and the forms inside, codes left out."""
    if "[" not in name or "]" not in name:
        return set()
    main, inner = name.split("[", 1)
    forms = [" ".join(w for w in part.split() if not re.fullmatch(r"[A-Z]{2}-[A-Z0-9]+", w))
             for part in inner.rsplit("]", 1)[0].split(",")]
    return {k for form in [main.strip(), *forms] if form[:1].isupper() for k in area_keys(form) if len(k) > 2}
