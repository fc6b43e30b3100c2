"""Mentions: the rows of the `events` table (one sentence of one article each) as fusion sees them."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import duckdb

from flashpoint.fusion.factors import Knowledge

_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class PlaceRef:
    """A place as fusion compares it."""

    name: str
    country: str | None
    admin1: str | None
    feature: str | None
    geonameid: int | None
    lat: float | None
    lon: float | None


@dataclass
class Mention:
    """One extracted event, with its article's date, outlet and syndication root."""

    id: int
    article_id: str
    story: str  # the original article's id: itself, or what it is a near-duplicate of
    original: bool  # not a near-duplicate: an independent report
    outlet: str | None
    published: date | None
    type: str
    mode: str | None
    status: str
    source_id: str | None
    source_country: str | None
    source_sector: str | None
    target_id: str | None
    target_country: str | None
    target_sector: str | None
    place_name: str | None
    place_country: str | None
    place_admin1: str | None
    place_feature: str | None
    place_geonameid: int | None
    lat: float | None
    lon: float | None
    date_value: str | None
    date_text: str | None
    fatalities: int | None
    sentence: str
    confidence: float
    fused_id: int | None = None  # the fused event it is in, once fused
    sentence_places: list[dict[str, Any]] | None = None  # every place named in its sentence
    places: tuple[PlaceRef, ...] = ()  # its own place first, then the others of its sentence
    sentence_key: str = ""  # its sentence's words, lower case (compare.words_key)
    blocks: tuple[list, list] | None = None  # (filed under, looked up in): assign._periods, cached
    lo: date | None = None  # the first and last day the event may have happened on
    hi: date | None = None

    @property
    def precision(self) -> str:
        """day / month / year from the date in the text, else published."""
        if not self.date_value:
            return "published"
        return {4: "year", 7: "month"}.get(len(self.date_value), "day")


def date_window(mention: Mention, knowledge: Knowledge) -> tuple[date | None, date | None]:
    """The first and last day the mention's event may have happened on (None: unknown)."""
    precision = mention.precision
    before, after = knowledge.windows[precision]
    try:
        if precision == "published":
            if mention.published is None:
                return None, None
            first = last = mention.published
        elif precision == "day":
            first = last = date.fromisoformat(mention.date_value or "")
        elif precision == "month":
            year, month = int(mention.date_value[:4]), int(mention.date_value[5:7])  # type: ignore[index]
            first, last = date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        else:
            year = int(mention.date_value or "")
            first, last = date(year, 1, 1), date(year, 12, 31)
    except (ValueError, TypeError):
        return None, None
    return first - timedelta(days=before), last + timedelta(days=after)


MENTION_SQL = """
SELECT e.id, e.article_id, coalesce(a.duplicate_of, a.id) AS story, a.duplicate_of IS NULL AS original,
       a.outlet, a.published, e.type, e.mode, e.status,
       e.source_id, e.source_country, e.source_sector, e.target_id, e.target_country, e.target_sector,
       e.place_name, e.place_country, e.place_admin1, f.feature AS place_feature, e.place_geonameid,
       e.place_lat AS lat, e.place_lon AS lon, e.date_value, e.date_text, e.fatalities,
       coalesce(e.sentence_text, '') AS sentence, coalesce(e.confidence, 0) AS confidence, fm.fused_id,
       sp.places AS sentence_places
FROM events e JOIN articles a ON a.id = e.article_id
LEFT JOIN fused_mentions fm ON fm.mention_id = e.id
LEFT JOIN (
    SELECT s.id AS event_id, list(struct_pack(name := p.name, country := p.country, admin1 := p.admin1,
           feature := p.feature, geonameid := p.geonameid, lat := p.lat, lon := p.lon) ORDER BY p.start_char) AS places
    FROM events s JOIN places p ON p.article_id = s.article_id
         AND p.start_char >= s.sentence_start AND p.end_char <= s.sentence_end
    GROUP BY s.id
) sp ON sp.event_id = e.id
LEFT JOIN (SELECT article_id, geonameid, min(feature) AS feature FROM places WHERE geonameid IS NOT NULL GROUP BY ALL) f
       ON f.article_id = e.article_id AND f.geonameid = e.place_geonameid
"""
_FIELDS = [
    "id", "article_id", "story", "original", "outlet", "published", "type", "mode", "status",
    "source_id", "source_country", "source_sector", "target_id", "target_country", "target_sector",
    "place_name", "place_country", "place_admin1", "place_feature", "place_geonameid", "lat", "lon",
    "date_value", "date_text", "fatalities", "sentence", "confidence", "fused_id", "sentence_places",
]


def load_mentions(conn: duckdb.DuckDBPyConnection, where: str, params: list[Any], knowledge: Knowledge) -> list[Mention]:
    """Mentions matching `where` (over `events e JOIN articles a LEFT JOIN fused_mentions fm`), in id order, windows set."""
    rows = conn.execute(f"{MENTION_SQL} WHERE {where} ORDER BY e.id", params).fetchall()
    mentions = []
    for row in rows:
        mention = Mention(**dict(zip(_FIELDS, row)))
        mention.lo, mention.hi = date_window(mention, knowledge)
        mention.places = places_of(mention)
        mention.sentence_key = " ".join(_WORDS.findall(mention.sentence.lower()))
        mentions.append(mention)
    return mentions


def places_of(mention: Mention) -> tuple[PlaceRef, ...]:
    """The mention's own place, then the other places its sentence names (an event's place is
    sometimes a river or region beside the town that the sentence also names)."""
    found: list[PlaceRef] = []
    if mention.place_name is not None:
        found.append(PlaceRef(mention.place_name, mention.place_country, mention.place_admin1, mention.place_feature,
                              mention.place_geonameid, mention.lat, mention.lon))
    for place in mention.sentence_places or ():
        ref = PlaceRef(**place)
        if ref.name and all((ref.geonameid, ref.name) != (f.geonameid, f.name) for f in found):
            found.append(ref)
    mention.sentence_places = None  # kept only as PlaceRefs
    return tuple(found)
