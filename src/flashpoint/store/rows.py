"""A Document as table rows, and rows back as contract-shaped dicts: shared by every backend."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from flashpoint.models import ActorRef, Document, Event, EventPlace, Place, plain

EVENT_COLUMNS = [
    "article_id", "type", "mode", "cameo", "status",
    "source_id", "source_name", "source_text", "source_country", "source_sector",
    "target_id", "target_name", "target_text", "target_country", "target_sector",
    "place_text", "place_name", "place_country", "place_lat", "place_lon", "place_geonameid",
    "date_value", "date_text", "fatalities",
    "sentence_start", "sentence_end", "sentence_text",
    "trigger_start", "trigger_end", "trigger_text", "confidence",
    "place_admin1", "day",  # schema 3: derived at write time (see event_day, place_admin1)
    "background", "claimed_by", "source_generic", "target_generic",  # schema 5
]


def _actor_columns(ref: ActorRef | None) -> list[Any]:
    if ref is None:
        return [None] * 5
    return [ref.id, ref.name, ref.text, ref.country, ref.sector]


def event_day(value: str | None, published: str | None) -> date | None:
    """The day an event is filed under: its date (YYYY, YYYY-MM counting as the first day),
    else the article's publication date (YYYY-MM-DD), else None."""
    for candidate in (value, published):
        if not candidate:
            continue
        padded = candidate + {4: "-01-01", 7: "-01"}.get(len(candidate), "")
        try:
            return date.fromisoformat(padded)
        except ValueError:
            continue
    return None


def place_admin1(place: EventPlace | None, places: list[Place]) -> str | None:
    """The first-level area of an event's place, taken from the same place among the
    article's places (the event's place carries no admin1 of its own)."""
    if place is None:
        return None
    for candidate in places:
        if place.geonameid is not None:
            if candidate.geonameid == place.geonameid:
                return candidate.admin1
        elif candidate.geonameid is None and candidate.name == place.name and candidate.country == place.country:
            return candidate.admin1
    return None


def event_row(article_id: str, event: Event, admin1: str | None = None, published: str | None = None) -> list[Any]:
    place = event.place
    return [
        article_id, event.type, event.mode, event.cameo, event.status,
        *_actor_columns(event.source),
        *_actor_columns(event.target),
        *( [place.text, place.name, place.country, place.lat, place.lon, place.geonameid] if place else [None] * 6 ),
        event.date.value if event.date else None,
        event.date.text if event.date else None,
        event.fatalities,
        event.sentence.start, event.sentence.end, event.sentence.text,
        event.trigger.start, event.trigger.end, event.trigger.text,
        event.confidence,
        admin1,
        event_day(event.date.value if event.date else None, published),
        event.background,
        json.dumps(plain(event.claimed_by), ensure_ascii=False) if event.claimed_by else None,
        bool(getattr(event.source, "generic", False)),
        bool(getattr(event.target, "generic", False)),
    ]


def document_rows(article_id: str, doc: Document) -> dict[str, list[list[Any]]]:
    """Rows for each extraction table."""
    return {
        "actors": [[article_id, a.id, a.name, a.country, a.sector, bool(getattr(a, "generic", False))] for a in doc.actors],
        "actor_mentions": [
            [article_id, a.id, m.start, m.end, m.text] for a in doc.actors for m in a.mentions
        ],
        "places": [
            [article_id, p.text, p.start, p.end, p.geonameid, p.name, p.country, p.admin1, p.feature, p.lat, p.lon]
            for p in doc.places
        ],
        "events": [event_row(article_id, e, place_admin1(e.place, doc.places), doc.published) for e in doc.events],
        "quotes": [
            [article_id, q.text, q.start, q.end,
             q.speaker.text if q.speaker else None,
             q.speaker.name if q.speaker else None,
             q.speaker.actor_id if q.speaker else None]
            for q in doc.quotes
        ],
        "quantities": [
            [article_id, q.text, q.start, q.end, q.value, q.high, q.unit, q.about] for q in doc.quantities
        ],
    }


def _actor_dict(row: dict[str, Any], role: str) -> dict[str, Any] | None:
    if row.get(f"{role}_id") is None:
        return None
    actor = {k: row[f"{role}_{k}"] for k in ("id", "name", "text", "country", "sector")}
    actor["generic"] = bool(row.get(f"{role}_generic"))
    return actor


def event_dict(row: dict[str, Any]) -> dict[str, Any]:
    """A stored event in the contract's shape, plus its id and article."""
    place = None
    if row.get("place_name") is not None:
        place = {k: row[f"place_{k}"] for k in ("text", "name", "country", "lat", "lon", "geonameid")}
        place["admin1"] = row.get("place_admin1")
    return {
        "id": row["id"],
        "article_id": row["article_id"],
        "type": row["type"],
        "mode": row["mode"],
        "cameo": row["cameo"],
        "status": row["status"],
        "source": _actor_dict(row, "source"),
        "target": _actor_dict(row, "target"),
        "place": place,
        "date": {"value": row["date_value"], "text": row["date_text"]} if row.get("date_value") else None,
        "fatalities": row["fatalities"],
        "sentence": {"start": row["sentence_start"], "end": row["sentence_end"], "text": row["sentence_text"]},
        "trigger": {"start": row["trigger_start"], "end": row["trigger_end"], "text": row["trigger_text"]},
        "confidence": row["confidence"],
        "background": bool(row.get("background")),
        "claimed_by": json.loads(row["claimed_by"]) if row.get("claimed_by") else None,
    }
