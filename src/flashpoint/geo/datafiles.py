"""Reading the gazetteer's knowledge files (TSV with a header, # comments), each line validated."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from flashpoint.datafiles import read_table
from flashpoint.errors import DataFileError

FEATURES = ("country", "admin1", "city", "region", "feature", "admin2")
ALIAS_COLUMNS = ["names", "feature", "country", "admin1", "lat", "lon", "geonameid", "context"]


@dataclass(frozen=True)
class AliasRow:
    """One place from the aliases file."""

    names: tuple[str, ...]
    feature: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    needs_context: bool
    line: int


def data_dir() -> Path:
    """The folder of the gazetteer's data files inside the package."""
    return Path(str(resources.files("flashpoint") / "data" / "gazetteer"))


def read_tsv(path: Path, columns: list[str]) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for each data line; the header must name `columns`."""
    for number, row in read_table(path, columns):
        yield number, [row[column] for column in columns]


def _number(path: Path, line: int, column: str, text: str, low: float, high: float) -> float | None:
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise DataFileError(str(path), line, f"{column} '{text}' is not a number") from None
    if not low <= value <= high:
        raise DataFileError(str(path), line, f"{column} {value} is outside {low}..{high}")
    return value


def read_aliases(path: Path, known_countries: set[str]) -> list[AliasRow]:
    """Parse and validate the aliases file."""
    rows = []
    for line, (names, feature, country, admin1, lat, lon, gid, context) in read_tsv(path, ALIAS_COLUMNS):
        name_list = tuple(n.strip() for n in names.split("|") if n.strip())
        if not name_list:
            raise DataFileError(str(path), line, "no name")
        if feature not in FEATURES:
            raise DataFileError(str(path), line, f"feature '{feature}' is not one of {', '.join(FEATURES)}")
        if country and country not in known_countries:
            raise DataFileError(str(path), line, f"country '{country}' is not an ISO 3166-1 alpha-3 code")
        if feature in ("country", "admin1", "city") and not country:
            raise DataFileError(str(path), line, f"a {feature} needs a country")
        latv = _number(path, line, "lat", lat, -90, 90)
        lonv = _number(path, line, "lon", lon, -180, 180)
        if (latv is None) != (lonv is None):
            raise DataFileError(str(path), line, "give both lat and lon, or neither")
        if gid and not gid.isdigit():
            raise DataFileError(str(path), line, f"geonameid '{gid}' is not a number")
        if context not in ("", "yes", "no"):
            raise DataFileError(str(path), line, f"context '{context}' must be yes, no or empty")
        rows.append(AliasRow(name_list, feature, country or None, admin1 or None, latv, lonv,
                             int(gid) if gid else None, context == "yes", line))
    return rows


def read_country_points(path: Path) -> dict[str, tuple[float, float]]:
    """ISO alpha-2 -> (lat, lon)."""
    points = {}
    for line, (iso2, lat, lon) in read_tsv(path, ["iso2", "lat", "lon"]):
        latv = _number(path, line, "lat", lat, -90, 90)
        lonv = _number(path, line, "lon", lon, -180, 180)
        if len(iso2) != 2 or latv is None or lonv is None:
            raise DataFileError(str(path), line, "expected a two-letter code, lat and lon")
        points[iso2] = (latv, lonv)
    return points


def read_context_names(path: Path) -> dict[str, str]:
    """Name -> "never" / "context"."""
    rules = {}
    for line, (name, rule) in read_tsv(path, ["name", "rule"]):
        if rule not in ("never", "context") or not name:
            raise DataFileError(str(path), line, "expected a name and the rule 'never' or 'context'")
        rules[name] = rule
    return rules


def read_area_points(path: Path, known_countries: set[str]) -> list[tuple[int, str, str, float, float]]:
    """(line, country alpha-3, area name, lat, lon) for each row of the area points file."""
    rows = []
    for line, (country, area, lat, lon) in read_tsv(path, ["country", "area", "lat", "lon"]):
        if country not in known_countries:
            raise DataFileError(str(path), line, f"country '{country}' is not an ISO 3166-1 alpha-3 code")
        latv = _number(path, line, "lat", lat, -90, 90)
        lonv = _number(path, line, "lon", lon, -180, 180)
        if not area or latv is None or lonv is None:
            raise DataFileError(str(path), line, "expected a country, an area's name, lat and lon")
        rows.append((line, country, area, latv, lonv))
    return rows
