"""Counts over the filtered events: actors, places, a timeline, the actor network, filter choices.

Every count is of fused events (one a real-world event, however many reports tell it)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import duckdb

from flashpoint.query.events import FUSED_FROM as EVENTS_FROM, fetch_dicts
from flashpoint.query.params import INTERVALS, SORTS, SPLITS, STATUSES, EventFilter, check_choice, check_limit
from flashpoint.query.quadclass import side_of, sides


def list_actors(
    conn: duckdb.DuckDBPyConnection, filters: EventFilter, q: str | None = None, limit: int | None = None
) -> dict[str, Any]:
    """Actors of the matching events, most events first; `q` matches id or name (case-insensitive)."""
    limit = check_limit(limit, 50, 1000)
    where, params = filters.where(fused=True)
    roles = " UNION ALL ".join(
        f"SELECT e.{role}_id AS id, e.{role}_name AS name, e.{role}_country AS country, e.{role}_sector AS sector, "
        f"e.id AS event_id, {int(role == 'source')} AS as_source, {int(role == 'target')} AS as_target "
        f"{EVENTS_FROM} WHERE e.{role}_id IS NOT NULL AND {where}"
        for role in ("source", "target")
    )
    having, more = "", []
    if q and q.strip():
        having = "HAVING contains(lower(id), lower(?)) OR contains(lower(mode(name)), lower(?))"
        more = [q.strip(), q.strip()]
    sql = (
        f"SELECT id, mode(name) AS name, mode(country) AS country, mode(sector) AS sector, "
        f"count(DISTINCT event_id) AS events, sum(as_source)::INTEGER AS as_source, sum(as_target)::INTEGER AS as_target "
        f"FROM ({roles}) GROUP BY id {having} ORDER BY events DESC, id LIMIT ?"
    )
    return {"actors": fetch_dicts(conn, sql, params + params + more + [limit])}


def list_places(conn: duckdb.DuckDBPyConnection, filters: EventFilter, limit: int | None = None) -> dict[str, Any]:
    """Places of the matching events, most events first (a map draws these)."""
    limit = check_limit(limit, 500, 10000)
    where, params = filters.where(fused=True)
    sql = (
        "SELECT e.place_geonameid AS geonameid, e.place_name AS name, e.place_country AS country, "
        "mode(e.place_admin1) AS admin1, avg(e.place_lat) AS lat, avg(e.place_lon) AS lon, count(*) AS events "
        f"{EVENTS_FROM} WHERE e.place_name IS NOT NULL AND {where} "
        "GROUP BY e.place_geonameid, e.place_name, e.place_country ORDER BY events DESC, name LIMIT ?"
    )
    return {"places": fetch_dicts(conn, sql, params + [limit])}


def timeline(
    conn: duckdb.DuckDBPyConnection, filters: EventFilter, interval: str | None = None, split: str | None = None
) -> dict[str, Any]:
    """Matching events counted per period (the first day of each day/week/month; weeks start
    on Monday) and per type or status. Periods without events are left out; events with no
    date and an undated article are counted in `undated`."""
    interval = check_choice(interval, INTERVALS, "month", "interval")
    split = check_choice(split, SPLITS, "type", "split")
    where, params = filters.where(fused=True)
    column = {"type": "e.type", "status": "e.status"}[split]  # chosen from a fixed set, not user text
    rows = conn.execute(
        f"SELECT CAST(date_trunc(?, e.day) AS DATE) AS period, {column} AS key, count(*) AS n "
        f"{EVENTS_FROM} WHERE e.day IS NOT NULL AND {where} GROUP BY ALL ORDER BY period, key",
        [interval] + params,
    ).fetchall()
    series: dict[str, dict[str, int]] = {}
    for period, key, n in rows:
        series.setdefault(period.isoformat(), {})[key] = int(n)
    undated = int(conn.execute(f"SELECT count(*) {EVENTS_FROM} WHERE e.day IS NULL AND {where}", params).fetchone()[0])
    return {
        "interval": interval,
        "split": split,
        "series": [{"period": period, "counts": counts} for period, counts in series.items()],
        "keys": sorted({key for _, key, _ in rows}),
        "undated": undated,
    }


def network(conn: duckdb.DuckDBPyConnection, filters: EventFilter, limit: int | None = None) -> dict[str, Any]:
    """Who acts on whom among the matching events that name both actors: directed edges
    source -> target with counts of cooperation and conflict (data/lexicon/plover_quadclass.tsv),
    the `limit` heaviest edges and their actors. An actor acting on itself is no edge."""
    limit = check_limit(limit, 100, 1000)
    where, params = filters.where(fused=True)
    rows = conn.execute(
        "SELECT e.source_id, e.target_id, e.type, count(*) AS n, "
        "any_value(e.source_name), any_value(e.source_country), any_value(e.target_name), any_value(e.target_country) "
        f"{EVENTS_FROM} WHERE e.source_id IS NOT NULL AND e.target_id IS NOT NULL AND e.source_id <> e.target_id "
        f"AND {where} GROUP BY e.source_id, e.target_id, e.type",
        params,
    ).fetchall()
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    actors: dict[str, dict[str, Any]] = {}
    for source, target, event_type, n, s_name, s_country, t_name, t_country in rows:
        edge = edges.setdefault((source, target), {"source": source, "target": target, "count": 0, "cooperation": 0, "conflict": 0})
        edge["count"] += n
        side = side_of(event_type)
        if side != "neutral":
            edge[side] += n
        actors.setdefault(source, {"id": source, "name": s_name, "country": s_country})
        actors.setdefault(target, {"id": target, "name": t_name, "country": t_country})
    kept = sorted(edges.values(), key=lambda e: (-e["count"], e["source"], e["target"]))[:limit]
    degree: dict[str, int] = defaultdict(int)
    for edge in kept:
        edge["kind"] = _edge_kind(edge["cooperation"], edge["conflict"])
        degree[edge["source"]] += edge["count"]
        degree[edge["target"]] += edge["count"]
    nodes = [{**actors[actor_id], "events": n} for actor_id, n in degree.items()]
    nodes.sort(key=lambda node: (-node["events"], node["id"]))
    return {"nodes": nodes, "edges": kept}


def _edge_kind(cooperation: int, conflict: int) -> str:
    if cooperation and not conflict:
        return "cooperation"
    if conflict and not cooperation:
        return "conflict"
    return "mixed"


def meta(conn: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """What the filter controls offer: the values present in the store, and its size."""

    def column(sql: str) -> list[Any]:
        return [row[0] for row in conn.execute(sql).fetchall()]

    day_min, day_max = conn.execute("SELECT min(day), max(day) FROM events").fetchone()
    tables = ["articles", "events", "fused_events", "actors", "places", "quotes", "quantities", "ingest_errors"]
    counts = {t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}
    return {
        "types": column("SELECT DISTINCT type FROM events ORDER BY type"),
        "statuses": list(STATUSES),
        "countries": column("SELECT DISTINCT place_country FROM events WHERE place_country IS NOT NULL ORDER BY 1"),
        "admin1": fetch_dicts(
            conn,
            "SELECT DISTINCT place_country AS country, place_admin1 AS name FROM events "
            "WHERE place_admin1 IS NOT NULL ORDER BY 1, 2",
        ),
        "outlets": column("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY 1"),
        "date_min": day_min.isoformat() if day_min else None,
        "date_max": day_max.isoformat() if day_max else None,
        "counts": counts,
        "sorts": list(SORTS),
        "intervals": list(INTERVALS),
        "splits": list(SPLITS),
        "quadclass": sides(),
    }
