"""The fusion tables: reading a fused event's mentions, writing what fusion decided."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import duckdb

from flashpoint.store.rows import EVENT_COLUMNS

FUSED_COLUMNS = ["id", *EVENT_COLUMNS, "num_mentions", "num_articles", "num_sources", "first_reported",
                 "last_reported", "corroboration", "fatalities_low", "fatalities_high",
                 "fatalities_contradicted", "status_counts", "outlets"]
FUSED_TABLES = ("fused_events", "fused_mentions", "fused_factors")

MENTION_ROWS_SQL = """
SELECT e.*, fm.fused_id, a.outlet AS article_outlet, a.published AS article_published,
       a.duplicate_of AS article_duplicate_of, a.title AS article_title, a.url AS article_url,
       a.doc_id AS article_doc_id, f.feature AS place_feature
FROM fused_mentions fm JOIN events e ON e.id = fm.mention_id JOIN articles a ON a.id = e.article_id
LEFT JOIN (SELECT article_id, geonameid, min(feature) AS feature FROM places WHERE geonameid IS NOT NULL GROUP BY ALL) f
       ON f.article_id = e.article_id AND f.geonameid = e.place_geonameid
"""


def insert_rows(conn: duckdb.DuckDBPyConnection, table: str, columns: list[str], rows: list[list[Any]]) -> None:
    """Rows sent column by column and unnested by one statement (as DuckDBStore._insert)."""
    if not rows:
        return
    values = [list(column) for column in zip(*rows)]
    unnested = ", ".join(f"unnest(${i + 1})" for i in range(len(columns)))
    conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {unnested}", values)


def mention_rows(conn: duckdb.DuckDBPyConnection, fused_ids: Iterable[int]) -> list[dict[str, Any]]:
    """Every mention of the fused events `fused_ids`, with its article's outlet, date and root."""
    ids = sorted(set(fused_ids))
    if not ids:
        return []
    cursor = conn.execute(f"{MENTION_ROWS_SQL} WHERE fm.fused_id IN (SELECT unnest(?)) ORDER BY e.id", [ids])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def clear(conn: duckdb.DuckDBPyConnection) -> None:
    for table in FUSED_TABLES:
        conn.execute(f"DELETE FROM {table}")


def write_links(conn: duckdb.DuckDBPyConnection, links: list[list[Any]], factors: list[list[Any]]) -> None:
    """New mention -> fused event links [mention_id, fused_id, matched_id, score] and the factors
    [mention_id, factor, level, weight] of each join."""
    insert_rows(conn, "fused_mentions", ["mention_id", "fused_id", "matched_id", "score"], links)
    insert_rows(conn, "fused_factors", ["mention_id", "factor", "level", "weight"], factors)


def replace_events(conn: duckdb.DuckDBPyConnection, events: list[dict[str, Any]]) -> None:
    """Write fused events, replacing the stored rows of the same ids."""
    if not events:
        return
    conn.execute("DELETE FROM fused_events WHERE id IN (SELECT unnest(?))", [[e["id"] for e in events]])
    insert_rows(conn, "fused_events", FUSED_COLUMNS, [[e.get(c) for c in FUSED_COLUMNS] for e in events])
