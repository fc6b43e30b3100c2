"""Events out of the store: a filtered, sorted page; every match (for exports); one event in detail."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import duckdb

from flashpoint.query.params import LEVELS, Cursor, EventFilter, Sort, check_choice, check_limit
from flashpoint.store.rows import event_dict

DEFAULT_LIMIT = 100
MAX_LIMIT = 500
# Rows fetched at a time while streaming an export: bounded memory whatever the match count.
STREAM_BATCH = 1000

EVENTS_FROM = "FROM events e JOIN articles a ON a.id = e.article_id"
EVENT_SELECT = (
    "SELECT e.*, a.title AS article_title, a.outlet AS article_outlet, a.url AS article_url, "
    "strftime(a.published, '%Y-%m-%d') AS article_published, a.doc_id AS article_doc_id "
)
# The table of each level. Filters never need the articles (EventFilter.where), so a query
# reads one table; the few rows a page shows get their articles by key (with_articles).
TABLES = {"event": "fused_events", "mention": "events"}
ARTICLE_OF = (
    "SELECT id, title, outlet, url, strftime(published, '%Y-%m-%d'), doc_id, duplicate_of FROM articles WHERE id IN ({})"
)
ARTICLE_KEYS = ("article_title", "article_outlet", "article_url", "article_published", "article_doc_id", "article_duplicate_of")


def level_of(level: str | None) -> str:
    """"event" (fused events, the default) or "mention"; anything else is a BadParameter."""
    return check_choice(level, LEVELS, "event", "level")


def source_of(level: str) -> tuple[str, bool]:
    """The FROM clause of a level, and whether it is the fused one."""
    return f"FROM {TABLES[level]} e", level == "event"


def marks(count: int) -> str:
    """`count` placeholders: a key list stays parameters, and DuckDB looks each key up in the
    table's index (a list bound as one array parameter is scanned for instead)."""
    return ", ".join("?" * count)


def with_articles(conn: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows given their article's title, outlet, url, published day, doc id and near-duplicate
    root, looked up by key in one query."""
    ids = sorted({row["article_id"] for row in rows})
    found: dict[str, tuple[Any, ...]] = {}
    if ids:
        found = {r[0]: r[1:] for r in conn.execute(ARTICLE_OF.format(marks(len(ids))), ids).fetchall()}
    for row in rows:
        row.update(zip(ARTICLE_KEYS, found.get(row["article_id"], (None,) * len(ARTICLE_KEYS))))
    return rows


def rows_by_id(
    conn: duckdb.DuckDBPyConnection, level: str, ids: list[int], articles: bool = True, columns: tuple[str, ...] = (),
) -> list[dict[str, Any]]:
    """The rows of `ids` (in that order) of a level's table, with their articles unless
    `articles` is False (the caller looks them up with others' in one with_articles); only
    `columns` (with id and article_id) when given: each column read costs a lookup per row."""
    if not ids:
        return []
    wanted = ", ".join(dict.fromkeys(("id", "article_id", *columns))) if columns else "*"
    rows = fetch_dicts(conn, f"SELECT {wanted} FROM {TABLES[level]} WHERE id IN ({marks(len(ids))})", list(ids))
    by_id = {row["id"]: row for row in rows}
    ordered = [by_id[i] for i in ids if i in by_id]
    return with_articles(conn, ordered) if articles else ordered


def rows_of(cursor: duckdb.DuckDBPyConnection, batch: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in batch]


def fetch_dicts(conn: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params or [])
    return rows_of(cursor, cursor.fetchall())


def api_event(row: dict[str, Any]) -> dict[str, Any]:
    """The contract's event (flashpoint.store.rows.event_dict) plus its filing day and article."""
    event = event_dict(row)
    day = row.get("day")
    event["day"] = day.isoformat() if isinstance(day, date) else day
    event["article"] = {
        "id": row["article_id"],
        "title": row.get("article_title"),
        "outlet": row.get("article_outlet"),
        "url": row.get("article_url"),
        "published": row.get("article_published"),
    }
    return event


def count_events(conn: duckdb.DuckDBPyConnection, filters: EventFilter, level: str | None = None) -> int:
    source, fused = source_of(level_of(level))
    where, params = filters.where(fused)
    return int(conn.execute(f"SELECT count(*) {source} WHERE {where}", params).fetchone()[0])


def _rows_as_events(conn: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]], fused: bool) -> list[dict[str, Any]]:
    if not fused:
        return [api_event(r) for r in rows]
    from flashpoint.query.fused import fused_events  # noqa: PLC0415 - fused builds on this module

    return fused_events(conn, rows)


def search_events(
    conn: duckdb.DuckDBPyConnection,
    filters: EventFilter,
    sort: str | None = None,
    limit: int | None = None,
    cursor: str | None = None,
    level: str | None = None,
) -> dict[str, Any]:
    """One page of matching events (fused events; mentions with level="mention"):
    {"events", "total", "next_cursor"} (null on the last page)."""
    level = level_of(level)
    source, fused = source_of(level)
    order = Sort.parse(sort)
    limit = check_limit(limit, DEFAULT_LIMIT, MAX_LIMIT)
    after = Cursor.decode(cursor, order.name)
    where, params = filters.where(fused)
    if after is not None:
        clause, more = order.after(after)
        where, params = f"{where} AND {clause}", params + more
    # The page's keys first (a top-n over two columns), then its rows by key.
    sql = f"SELECT e.id, {order.expression} AS sort_key {source} WHERE {where} ORDER BY {order.order_by()} LIMIT ?"
    keys = conn.execute(sql, params + [limit + 1]).fetchall()  # one more tells whether a next page exists
    page = keys[:limit]
    next_cursor = None
    if len(keys) > limit:
        next_cursor = Cursor(order.name, page[-1][1], int(page[-1][0])).encode()
    rows = rows_by_id(conn, level, [int(key[0]) for key in page], articles=not fused)  # fused: with their mentions
    return {"events": _rows_as_events(conn, rows, fused), "total": count_events(conn, filters, level), "next_cursor": next_cursor}


def iter_events(
    conn: duckdb.DuckDBPyConnection, filters: EventFilter, sort: str | None = None, level: str | None = None,
    mentions: bool = True,
) -> Iterator[dict[str, Any]]:
    """Every matching event in order, fetched in batches (exports and the CLI stream these).
    Fused events list their mentions unless `mentions` is False (a CSV has no column for them)."""
    source, fused = source_of(level_of(level))
    order = Sort.parse(sort)
    where, params = filters.where(fused)
    # One pass joins the articles (a lookup per row would cost more over a whole export). The
    # rows stream from one cursor; mentions are looked up through another (a query on the
    # streaming cursor would end its result after the first batch).
    result = conn.cursor()
    lookups = conn.cursor()
    try:
        result.execute(
            f"{EVENT_SELECT}, a.duplicate_of AS article_duplicate_of {source} LEFT JOIN articles a ON a.id = e.article_id "
            f"WHERE {where} ORDER BY {order.order_by()}", params,
        )
        while batch := result.fetchmany(STREAM_BATCH):
            rows = rows_of(result, batch)
            if fused and not mentions:
                from flashpoint.query.fused import fused_event  # noqa: PLC0415 - fused builds on this module

                yield from (fused_event(row, []) for row in rows)
            else:
                yield from _rows_as_events(lookups, rows, fused)
    finally:
        lookups.close()
        result.close()


def event_row(conn: duckdb.DuckDBPyConnection, event_id: int) -> dict[str, Any] | None:
    rows = rows_by_id(conn, "mention", [event_id])
    return rows[0] if rows else None


def event_detail(conn: duckdb.DuckDBPyConnection, event_id: int, level: str | None = None) -> dict[str, Any] | None:
    """One event with every mention's evidence (level "mention": one mention with where its
    parts fall in its sentence, and the other mentions of its fused event); None when there is none."""
    if level_of(level) == "event":
        from flashpoint.query.fused import fused_detail  # noqa: PLC0415

        return fused_detail(conn, event_id)
    row = event_row(conn, event_id)
    if row is None:
        return None
    event = api_event(row)
    event["sentence_spans"] = sentence_spans(conn, row)
    found = conn.execute("SELECT fused_id FROM fused_mentions WHERE mention_id = ?", [event_id]).fetchone()
    event["fused_id"] = found[0] if found else None
    others = [int(r[0]) for r in conn.execute(
        "SELECT mention_id FROM fused_mentions WHERE fused_id = ? AND mention_id <> ?", [event["fused_id"], event_id]
    ).fetchall()] if found else []
    rows = sorted(rows_by_id(conn, "mention", others), key=lambda r: (r["article_published"] is None, r["article_published"] or "", r["id"]))
    event["other_mentions"] = [api_event(r) for r in rows]
    return event


def sentence_spans(conn: duckdb.DuckDBPyConnection, row: dict[str, Any]) -> list[dict[str, Any]]:
    """Trigger, actors, place and date of an event as offsets relative to its sentence text."""
    start, text = row["sentence_start"], row["sentence_text"] or ""
    spans: list[dict[str, Any]] = []

    def add(kind: str, label: str | None, span: tuple[int, int] | None) -> None:
        if span is not None and 0 <= span[0] < span[1] <= len(text):
            spans.append({"start": span[0], "end": span[1], "kind": kind, "label": label, "text": text[span[0]:span[1]]})

    trigger = (row["trigger_start"] - start, row["trigger_end"] - start)
    add("trigger", row["type"], trigger)
    for role in ("source", "target"):
        if row.get(f"{role}_id") is not None:
            add(role, row[f"{role}_name"], _actor_span(conn, row, role, trigger[0]))
    if row.get("place_name") is not None:
        add("place", row["place_name"], _place_span(conn, row))
    if row.get("date_text"):
        add("date", row["date_value"], _find(text, row["date_text"], trigger[0]))
    return sorted(spans, key=lambda s: (s["start"], s["end"]))


def _actor_span(conn: duckdb.DuckDBPyConnection, row: dict[str, Any], role: str, trigger_at: int) -> tuple[int, int] | None:
    """The stored mention of the actor in the sentence nearest the trigger, preferring the
    mention whose words the event names; else the event's words for it found in the sentence."""
    start = row["sentence_start"]
    mentions = conn.execute(
        "SELECT start_char, end_char, text FROM actor_mentions WHERE article_id = ? AND actor_id = ? "
        "AND start_char >= ? AND end_char <= ?",
        [row["article_id"], row[f"{role}_id"], start, row["sentence_end"]],
    ).fetchall()
    if mentions:
        wanted = row.get(f"{role}_text")
        best = min(mentions, key=lambda m: (m[2] != wanted, abs(m[0] - start - trigger_at)))
        return best[0] - start, best[1] - start
    return _find(row["sentence_text"] or "", row.get(f"{role}_text"), trigger_at)


def _place_span(conn: duckdb.DuckDBPyConnection, row: dict[str, Any]) -> tuple[int, int] | None:
    start = row["sentence_start"]
    found = conn.execute(
        "SELECT start_char, end_char FROM places WHERE article_id = ? AND start_char >= ? AND end_char <= ? "
        "AND (geonameid = ? OR (name = ? AND country IS NOT DISTINCT FROM ?)) ORDER BY start_char LIMIT 1",
        [row["article_id"], start, row["sentence_end"], row["place_geonameid"], row["place_name"], row["place_country"]],
    ).fetchone()
    if found:
        return found[0] - start, found[1] - start
    # The place may come from the sentences before (an event's place is inherited), so it is
    # only marked when its words are in this sentence.
    return _find(row["sentence_text"] or "", row.get("place_text"), 0)


def _find(text: str, words: str | None, near: int) -> tuple[int, int] | None:
    """Where `words` occur in `text`, the occurrence nearest `near`; None when absent."""
    if not words:
        return None
    hits = []
    at = text.find(words)
    while at >= 0:
        hits.append(at)
        at = text.find(words, at + 1)
    if not hits:
        return None
    best = min(hits, key=lambda h: abs(h - near))
    return best, best + len(words)
