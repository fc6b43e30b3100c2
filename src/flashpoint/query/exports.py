"""Every event of a query as a download: CSV, JSON Lines or GeoJSON, produced piece by piece so
that an export of millions of events never sits in memory whole."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from flashpoint.output import csv_cell, flat

EXPORT_FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "jsonl": ("application/x-ndjson; charset=utf-8", "jsonl"),
    "geojson": ("application/geo+json", "geojson"),
}
# The columns of a flat event, in order: the nested event's fields as dotted names, as the
# CLI's CSV writes them (source.id, place.lat). Fixed, so that every export has the same header.
FLAT_COLUMNS = [
    "id", "article_id", "type", "mode", "cameo", "status",
    *(f"{role}.{field}" for role in ("source", "target") for field in ("id", "name", "text", "country", "sector")),
    "place.text", "place.name", "place.country", "place.admin1", "place.lat", "place.lon", "place.geonameid",
    "date.value", "date.text", "day", "fatalities",
    "sentence.start", "sentence.end", "sentence.text",
    "trigger.start", "trigger.end", "trigger.text", "confidence",
    "article.id", "article.title", "article.outlet", "article.url", "article.published",
    # fused events only (empty for mentions)
    "num_mentions", "num_articles", "num_sources", "first_reported", "last_reported", "corroboration",
    "fatalities_range", "fatalities_contradicted",
]
_ROWS_PER_CHUNK = 200


def flat_event(event: dict[str, Any]) -> dict[str, Any]:
    """An API event as one level of dotted keys (flattened as the CLI's CSV flattens rows,
    flashpoint.output), in FLAT_COLUMNS order; a missing part (no target, no place) gives nulls."""
    columns = flat(event)
    return {column: _cell(columns.get(column)) for column in FLAT_COLUMNS}


def _cell(value: Any) -> Any:
    """Lists (a fused event's fatalities_range) as JSON, as the CLI writes them."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value


def _chunks(lines: Iterable[str]) -> Iterator[str]:
    """Lines joined into chunks of a few hundred: fewer, larger writes to the client."""
    chunk: list[str] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= _ROWS_PER_CHUNK:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)


def csv_lines(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The header, then the events in chunks of _ROWS_PER_CHUNK rows (one writer, one buffer)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(FLAT_COLUMNS)
    rows = 0
    for event in events:
        writer.writerow([csv_cell(v) for v in flat_event(event).values()])
        rows += 1
        if rows % _ROWS_PER_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def jsonl_lines(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    yield from _chunks(json.dumps(event, ensure_ascii=False) + "\n" for event in events)


def geojson_parts(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A FeatureCollection of the events that have coordinates; properties are the flat event."""
    yield '{"type": "FeatureCollection", "features": ['

    def features() -> Iterator[str]:
        first = True
        for event in events:
            place = event.get("place") or {}
            if place.get("lat") is None or place.get("lon") is None:
                continue
            feature = {
                "type": "Feature",
                "id": event["id"],
                "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
                "properties": flat_event(event),
            }
            yield ("" if first else ",\n") + json.dumps(feature, ensure_ascii=False)
            first = False

    yield from _chunks(features())
    yield "]}\n"


def export_lines(fmt: str, events: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The download of `events` in `fmt` (a key of EXPORT_FORMATS), piece by piece."""
    writers = {"csv": csv_lines, "jsonl": jsonl_lines, "geojson": geojson_parts}
    return writers[fmt](events)
