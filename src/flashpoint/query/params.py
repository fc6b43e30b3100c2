"""What a user may ask of the store, checked once: event filters, sort orders, limits, cursors.

Every value here comes from a user (a query string, a CLI option). A bad one raises BadParameter
naming the parameter, which the API answers with 422; values only ever reach SQL as parameters.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pycountry

from flashpoint.errors import FlashpointError
from flashpoint.query.quadclass import known_types

STATUSES = ("asserted", "hypothetical", "negated")
# What an event list holds: fused events (one a real-world event) or mentions (one a sentence).
LEVELS = ("event", "mention")
INTERVALS = ("day", "week", "month")
SPLITS = ("type", "status")
# The column each sort orders by. NULLs are mapped to a value below every real one, so that
# keyset pagination compares plain values (undated events come last in "-date").
SORT_KEYS = {
    "date": "coalesce(e.day, DATE '0001-01-01')",
    "type": "e.type",
    "fatalities": "coalesce(e.fatalities, -1)",
    "id": "e.id",
}
SORTS = tuple(f"{sign}{key}" for key in SORT_KEYS for sign in ("-", ""))
DEFAULT_SORT = "-date"
NOT_A_CURSOR = "not a cursor this API gave (pass next_cursor back unchanged)"
_ADMIN1_CODE = re.compile(r"^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$")


class BadParameter(FlashpointError):
    """A query parameter that cannot be used as it is; the message names the parameter."""

    code = "E020"

    def __init__(self, parameter: str, message: str):
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter

    def __str__(self) -> str:
        return self.message


def split_values(values: str | Iterable[str] | None) -> list[str]:
    """Values given repeated (?type=A&type=B) and/or comma-separated (?type=A,B)."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def check_limit(value: int | None, default: int, maximum: int, parameter: str = "limit") -> int:
    if value is None:
        return default
    if not 1 <= value <= maximum:
        raise BadParameter(parameter, f"must be between 1 and {maximum}, got {value}")
    return value


def check_choice(value: str | None, choices: tuple[str, ...], default: str, parameter: str) -> str:
    if value is None or value == "":
        return default
    if value not in choices:
        raise BadParameter(parameter, f"must be one of {', '.join(choices)}; got {value!r}")
    return value


def parse_day(value: str | None, parameter: str) -> date | None:
    if value is None or value == "":
        return None
    try:
        if len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise BadParameter(parameter, f"{value!r} is not a date (expected YYYY-MM-DD)") from None


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """minlon,minlat,maxlon,maxlat in degrees; minlon > maxlon is a box across the antimeridian."""
    if value is None or value == "":
        return None
    parts = value.split(",")
    try:
        if len(parts) != 4:
            raise ValueError
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
    except ValueError:
        raise BadParameter("bbox", f"{value!r} is not minlon,minlat,maxlon,maxlat (four numbers)") from None
    if not all(-180 <= lon <= 180 for lon in (min_lon, max_lon)):
        raise BadParameter("bbox", "longitudes must be between -180 and 180")
    if not all(-90 <= lat <= 90 for lat in (min_lat, max_lat)):
        raise BadParameter("bbox", "latitudes must be between -90 and 90")
    if min_lat > max_lat:
        raise BadParameter("bbox", "minlat is above maxlat")
    return min_lon, min_lat, max_lon, max_lat


def country_code(value: str) -> str:
    """The store's country code (ISO 3166-1 alpha-3) for an alpha-3 or alpha-2 code or a name."""
    if re.fullmatch(r"[A-Za-z]{3}", value):
        return value.upper()  # kept as given: the store may hold codes pycountry lacks (XKX)
    try:
        return pycountry.countries.lookup(value).alpha_3
    except LookupError:
        raise BadParameter("country", f"unknown country {value!r} (use an ISO 3166-1 alpha-3 code such as SYR)") from None


@dataclass(frozen=True)
class Admin1:
    """A first-level area as the user named it: a stored name, or an ISO 3166-2 code."""

    name: str
    country: str | None = None  # set when the user gave a code: the code names the country too


def parse_admin1(value: str | None) -> Admin1 | None:
    if value is None or not value.strip():
        return None
    value = value.strip()
    if _ADMIN1_CODE.match(value):
        area = pycountry.subdivisions.get(code=value.upper())
        if area is not None:
            country = pycountry.countries.get(alpha_2=area.country_code)
            return Admin1(area.name, country.alpha_3 if country else None)
    return Admin1(value)


@dataclass(frozen=True)
class EventFilter:
    """The filters every event query shares (list, exports, actors, places, timeline, network)."""

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    admin1: Admin1 | None = None
    bbox: tuple[float, float, float, float] | None = None
    start: date | None = None
    end: date | None = None
    outlets: tuple[str, ...] = ()
    q: str | None = None
    min_confidence: float | None = None
    background: bool | None = None  # None: all; False: leave out events dated over a year before their article

    @classmethod
    def parse(
        cls,
        actor: str | None = None,
        source: str | None = None,
        target: str | None = None,
        type: str | Iterable[str] | None = None,  # noqa: A002 - the API's parameter name
        status: str | Iterable[str] | None = None,
        country: str | Iterable[str] | None = None,
        admin1: str | None = None,
        bbox: str | None = None,
        start: str | None = None,
        end: str | None = None,
        outlet: str | Iterable[str] | None = None,
        q: str | None = None,
        min_confidence: float | None = None,
        background: bool | None = None,
    ) -> "EventFilter":
        """Filters from the strings a user typed; raises BadParameter for one that cannot be used."""
        types = tuple(t.upper() for t in split_values(type))
        unknown = [t for t in types if t not in known_types()]
        if unknown:
            raise BadParameter("type", f"unknown event type {unknown[0]!r} (expected one of {', '.join(known_types())})")
        statuses = tuple(s.lower() for s in split_values(status))
        for value in statuses:
            check_choice(value, STATUSES, "", "status")
        first, last = parse_day(start, "start"), parse_day(end, "end")
        if first and last and first > last:
            raise BadParameter("start", f"start {first} is after end {last}")
        # Outlet names may contain commas, so they are only repeated, never split.
        outlets = tuple(o.strip() for o in ([outlet] if isinstance(outlet, str) else outlet or []) if o.strip())
        if min_confidence is not None and not 0 <= min_confidence <= 1:
            raise BadParameter("min_confidence", f"must be between 0 and 1, got {min_confidence}")
        return cls(
            actor=actor or None, source=source or None, target=target or None,
            types=types, statuses=statuses,
            countries=tuple(country_code(c) for c in split_values(country)),
            admin1=parse_admin1(admin1), bbox=parse_bbox(bbox), start=first, end=last,
            outlets=outlets, q=q.strip() if q and q.strip() else None, min_confidence=min_confidence,
            background=background,
        )

    def where(self, fused: bool = False) -> tuple[str, list[Any]]:
        """A WHERE condition over `events e` (with `fused`: over `fused_events e`, where outlet
        and q match any of the event's mentions), and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []

        def add(clause: str, *values: Any) -> None:
            clauses.append(clause)
            params.extend(values)

        if self.actor:
            add("(e.source_id = ? OR e.target_id = ?)", self.actor, self.actor)
        if self.source:
            add("e.source_id = ?", self.source)
        if self.target:
            add("e.target_id = ?", self.target)
        if self.types:
            add(f"e.type IN ({_marks(self.types)})", *self.types)
        if self.statuses:
            add(f"e.status IN ({_marks(self.statuses)})", *self.statuses)
        if self.countries:
            add(f"e.place_country IN ({_marks(self.countries)})", *self.countries)
        if self.admin1:
            # Accents and case aside: "Al Hasakah" finds the stored "Al Ḩasakah".
            add("strip_accents(lower(e.place_admin1)) = strip_accents(lower(?))", self.admin1.name)
            if self.admin1.country:
                add("e.place_country = ?", self.admin1.country)
        if self.bbox:
            min_lon, min_lat, max_lon, max_lat = self.bbox
            add("e.place_lat BETWEEN ? AND ?", min_lat, max_lat)
            if min_lon <= max_lon:
                add("e.place_lon BETWEEN ? AND ?", min_lon, max_lon)
            else:
                add("(e.place_lon >= ? OR e.place_lon <= ?)", min_lon, max_lon)
        if self.start:
            add("e.day >= ?", self.start)
        if self.end:
            add("e.day <= ?", self.end)
        # Outlet and text are a mention's: a fused event matches when any of its mentions does.
        # Each is a column of the event's table or a semi-join on keys, so the query reads one table.
        outlet_clause = f"e.article_id IN (SELECT id FROM articles WHERE lower(outlet) IN ({', '.join('lower(?)' for _ in self.outlets)}))"
        q_clause = "contains(lower(e.sentence_text), lower(?))"
        if fused:  # the fused event keeps its mentions' outlets, lower case (store schema 7)
            mentions = "e.id IN (SELECT fm.fused_id FROM fused_mentions fm JOIN events e ON e.id = fm.mention_id WHERE {})"
            # list_contains per outlet: several times faster than one list_has_any in DuckDB
            outlet_clause = "(" + " OR ".join("list_contains(e.outlets, lower(?))" for _ in self.outlets) + ")"
            q_clause = mentions.format(q_clause)
        if self.outlets:
            add(outlet_clause, *self.outlets)
        if self.q:
            add(q_clause, self.q)
        if self.min_confidence is not None:
            add("e.confidence >= ?", self.min_confidence)
        if self.background is not None:
            add("coalesce(e.background, false) = ?", self.background)
        return (" AND ".join(clauses) or "TRUE"), params


def _marks(values: tuple[Any, ...]) -> str:
    """One '?' a value: the number of placeholders is ours, the values stay parameters."""
    return ", ".join("?" for _ in values)


@dataclass(frozen=True)
class Sort:
    key: str  # a key of SORT_KEYS
    descending: bool

    @classmethod
    def parse(cls, value: str | None) -> "Sort":
        value = check_choice(value, SORTS, DEFAULT_SORT, "sort")
        return cls(value.lstrip("-"), value.startswith("-"))

    @property
    def name(self) -> str:
        return ("-" if self.descending else "") + self.key

    @property
    def expression(self) -> str:
        return SORT_KEYS[self.key]

    def order_by(self) -> str:
        direction = "DESC" if self.descending else "ASC"
        # The id breaks ties in the same direction, so (key, id) is a total, stable order.
        return f"{self.expression} {direction}, e.id {direction}"

    def after(self, cursor: "Cursor") -> tuple[str, list[Any]]:
        """Rows strictly after the cursor's row in this order (keyset pagination)."""
        op = "<" if self.descending else ">"
        if self.key == "id":
            return f"e.id {op} ?", [cursor.id]
        return f"({self.expression} {op} ? OR ({self.expression} = ? AND e.id {op} ?))", [cursor.key, cursor.key, cursor.id]


@dataclass(frozen=True)
class Cursor:
    """Where a page ended: the sort it belongs to, the last row's sort key and id. Opaque to users."""

    sort: str
    key: Any
    id: int | str  # events have integer ids, articles hex strings

    def encode(self) -> str:
        key = self.key.isoformat() if isinstance(self.key, date) else self.key
        raw = json.dumps([self.sort, key, self.id], separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, value: str | None, sort_name: str, id_type: type = int) -> "Cursor | None":
        """The cursor in `value`, checked to belong to the order `sort_name` ("-date", "-published")."""
        if value is None or value == "":
            return None
        try:
            raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
            name, key, row_id = json.loads(raw)
            if not isinstance(name, str):
                raise ValueError
        except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
            raise BadParameter("cursor", NOT_A_CURSOR) from None
        # The order is checked first: a cursor of another order holds a key of another kind.
        if name != sort_name:
            raise BadParameter("cursor", f"was made for sort={name}, not sort={sort_name}")
        try:
            if not isinstance(row_id, id_type):
                raise ValueError
            key = _cursor_key(sort_name.lstrip("-"), key)
        except (ValueError, TypeError):
            raise BadParameter("cursor", NOT_A_CURSOR) from None
        return cls(name, key, row_id)


def _cursor_key(sort_key: str, key: Any) -> Any:
    if sort_key in ("date", "published"):
        return date.fromisoformat(key)
    if sort_key == "type":
        if not isinstance(key, str):
            raise ValueError
        return key
    if not isinstance(key, int):
        raise ValueError
    return key
