"""Counts over the filtered events: actors, places, a timeline, the actor network, filter choices.

Every count is of fused events (one a real-world event, however many reports tell it), read
from the one table `fused_events`. Generic actors ("soldiers", "villagers": a kind of actor, not
a named one) are left out of the actor list and the network unless asked for: they would tie
unrelated conflicts together."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import duckdb

from flashpoint.query.events import fetch_dicts, marks
from flashpoint.query.params import INTERVALS, SORTS, SPLITS, STATUSES, EventFilter, check_choice, check_limit
from flashpoint.query.quadclass import sides

EVENTS_FROM = "FROM fused_events e"


def _named(role: str, generic: bool) -> str:
    """The condition that an event names its `role` actor (and, unless `generic`, a named one)."""
    return f"e.{role}_id IS NOT NULL" + ("" if generic else f" AND NOT coalesce(e.{role}_generic, false)")


def list_actors(
    conn: duckdb.DuckDBPyConnection, filters: EventFilter, q: str | None = None, limit: int | None = None,
    generic: bool = False,
) -> dict[str, Any]:
    """Actors of the matching events, most events first; `q` matches the id or any name the
    actor was stored under (case-insensitive). Each actor's name, country and sector are its
    commonest; an event with the actor on both sides counts once."""
    limit = check_limit(limit, 50, 1000)
    where, params = filters.where(fused=True)
    # Counted by id alone (the names are looked up for the listed actors only). The target
    # side marks events whose source, already counted, is the same actor.
    roles = (
        f"SELECT e.source_id AS id, 1 AS s, 0 AS t, 0 AS twice {EVENTS_FROM} WHERE {_named('source', generic)} AND {where} "
        f"UNION ALL SELECT e.target_id, 0, 1, CAST(e.source_id IS NOT DISTINCT FROM e.target_id AND {_named('source', generic)} AS INTEGER) "
        f"{EVENTS_FROM} WHERE {_named('target', generic)} AND {where}"
    )
    matching, more = "", []
    if q and q.strip():
        matching = ("WHERE contains(lower(id), lower(?)) OR id IN (SELECT source_id FROM fused_events WHERE contains(lower(source_name), lower(?)) "
                    "UNION SELECT target_id FROM fused_events WHERE contains(lower(target_name), lower(?)))")
        more = [q.strip()] * 3
    counted = conn.execute(
        f"SELECT id, CAST(sum(s) + sum(t) - sum(twice) AS BIGINT) AS events, CAST(sum(s) AS INTEGER), CAST(sum(t) AS INTEGER) "
        f"FROM ({roles}) {matching} GROUP BY id ORDER BY events DESC, id LIMIT ?",
        params + params + more + [limit],
    ).fetchall()
    labels = _actor_labels(conn, [row[0] for row in counted], where, params, generic)
    actors = [{"id": actor_id, **labels.get(actor_id, {"name": None, "country": None, "sector": None}),
               "events": events, "as_source": as_source, "as_target": as_target}
              for actor_id, events, as_source, as_target in counted]
    return {"actors": actors}


def _actor_labels(
    conn: duckdb.DuckDBPyConnection, ids: list[str], where: str, params: list[Any], generic: bool,
) -> dict[str, dict[str, Any]]:
    """The commonest (name, country, sector) of each actor in `ids` among the matching events."""
    if not ids:
        return {}
    sides_sql = " UNION ALL ".join(
        f"SELECT e.{role}_id AS id, e.{role}_name AS name, e.{role}_country AS country, e.{role}_sector AS sector, count(*) AS n "
        f"{EVENTS_FROM} WHERE e.{role}_id IN ({marks(len(ids))}) AND {_named(role, generic)} AND {where} GROUP BY ALL"
        for role in ("source", "target")
    )
    rows = conn.execute(
        f"SELECT id, arg_max(name, n), arg_max(country, n), arg_max(sector, n) FROM "
        f"(SELECT id, name, country, sector, sum(n) AS n FROM ({sides_sql}) GROUP BY ALL) GROUP BY id",
        ids + params + ids + params,
    ).fetchall()
    return {r[0]: {"name": r[1], "country": r[2], "sector": r[3]} for r in rows}


def list_places(conn: duckdb.DuckDBPyConnection, filters: EventFilter, limit: int | None = None) -> dict[str, Any]:
    """Places of the matching events, most events first (a map draws these); each with its
    commonest first-level area."""
    limit = check_limit(limit, 500, 10000)
    where, params = filters.where(fused=True)
    places = fetch_dicts(
        conn,
        "SELECT e.place_geonameid AS geonameid, e.place_name AS name, e.place_country AS country, "
        "avg(e.place_lat) AS lat, avg(e.place_lon) AS lon, count(*) AS events "
        f"{EVENTS_FROM} WHERE e.place_name IS NOT NULL AND {where} "
        "GROUP BY e.place_geonameid, e.place_name, e.place_country ORDER BY events DESC, name LIMIT ?",
        params + [limit],
    )
    # The area is looked up for the listed places only (a mode over every row costs more).
    ids = sorted({p["geonameid"] for p in places if p["geonameid"] is not None})
    areas: dict[tuple[Any, ...], Any] = {}
    if ids:
        areas = {(g, n, c): a for g, n, c, a in conn.execute(
            "SELECT e.place_geonameid, e.place_name, e.place_country, mode(e.place_admin1) "
            f"{EVENTS_FROM} WHERE e.place_geonameid IN ({marks(len(ids))}) AND {where} GROUP BY ALL",
            ids + params,
        ).fetchall()}
    for place in places:
        place["admin1"] = areas.get((place["geonameid"], place["name"], place["country"]))
    return {"places": [{k: p[k] for k in ("geonameid", "name", "country", "admin1", "lat", "lon", "events")} for p in places]}


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


def network(conn: duckdb.DuckDBPyConnection, filters: EventFilter, limit: int | None = None, generic: bool = False) -> dict[str, Any]:
    """Who acts on whom among the matching events that name both actors: directed edges
    source -> target with counts of cooperation and conflict (data/lexicon/plover_quadclass.tsv),
    the `limit` heaviest edges and their actors. An actor acting on itself is no edge."""
    limit = check_limit(limit, 100, 1000)
    where, params = filters.where(fused=True)
    side = sides()
    cooperation = [t for t, s in side.items() if s == "cooperation"] or [""]
    conflict = [t for t, s in side.items() if s == "conflict"] or [""]
    rows = conn.execute(
        "SELECT e.source_id, e.target_id, count(*) AS n, "
        f"count(*) FILTER (WHERE e.type IN ({marks(len(cooperation))})), count(*) FILTER (WHERE e.type IN ({marks(len(conflict))})), "
        f"{EVENTS_FROM} WHERE {_named('source', generic)} AND {_named('target', generic)} AND e.source_id <> e.target_id "
        f"AND {where} GROUP BY e.source_id, e.target_id ORDER BY n DESC, e.source_id, e.target_id LIMIT ?",
        cooperation + conflict + params + [limit],
    ).fetchall()
    kept: list[dict[str, Any]] = []
    degree: dict[str, int] = defaultdict(int)
    for source, target, n, cooperating, fighting in rows:
        kept.append({"source": source, "target": target, "count": n, "cooperation": cooperating, "conflict": fighting,
                     "kind": _edge_kind(cooperating, fighting)})
        degree[source] += n
        degree[target] += n
    labels = _actor_labels(conn, sorted(degree), where, params, generic)
    nodes = [{"id": actor_id, "name": labels.get(actor_id, {}).get("name"), "country": labels.get(actor_id, {}).get("country"),
              "events": n} for actor_id, n in degree.items()]
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
