"""Reading the store: event search with filters, sorting and cursor pagination, details with
marked spans, actors, places, timeline, network and exports. The CLI and the REST API are thin
layers over these functions; each takes an open DuckDB connection (or cursor)."""

from flashpoint.query.aggregates import list_actors, list_places, meta, network, timeline
from flashpoint.query.articles import article_detail, list_articles, stored_document
from flashpoint.query.events import count_events, event_detail, iter_events, search_events
from flashpoint.query.exports import EXPORT_FORMATS, FLAT_COLUMNS, export_lines, flat_event
from flashpoint.query.params import (
    LEVELS, INTERVALS, SORTS, SPLITS, STATUSES, BadParameter, EventFilter, check_choice,
)
from flashpoint.query.quadclass import known_types, side_of, sides

__all__ = [
    "list_actors", "list_places", "meta", "network", "timeline",
    "article_detail", "list_articles", "stored_document",
    "count_events", "event_detail", "iter_events", "search_events",
    "EXPORT_FORMATS", "FLAT_COLUMNS", "export_lines", "flat_event",
    "LEVELS", "INTERVALS", "SORTS", "SPLITS", "STATUSES", "BadParameter", "EventFilter", "check_choice",
    "known_types", "side_of", "sides",
]
