"""`make bench-api`: the REST API under load, over a generated store, on loopback only.

Generates a store of synthetic events with realistic skew (`generate_store`), serves it with
`flashpoint serve` (uvicorn) on 127.0.0.1, and drives each main call with a closed loop of
keep-alive clients for a fixed time: requests a second, p50 and p99 latency. The CSV export of
100,000 rows is timed on its own while the server's resident memory is sampled.

    python benchmarks/api_load.py [--events 1000000] [--seconds 10] [--clients 1,4] [--out FILE]

Every request goes to 127.0.0.1; every loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import duckdb
import httpx
import psutil

ROOT = Path(__file__).resolve().parent.parent


def generate_store(path: Path, events: int = 1_000_000, seed: float = 0.42) -> dict[str, int]:
    """A store of `events` fused events, told by 1.25 x as many mentions over mentions/4
    articles, written by DuckDB itself from range().

    Skew as in real event data: a few actors, countries and outlets account for most events
    (power-law draws), dates cluster in bursts, most events have no fatality count and a few
    have large ones. Each fused event is founded by one mention; the extra quarter of mentions
    join random events (a second or third report). One function on purpose: a new table is one
    more INSERT ... SELECT below.
    """
    from flashpoint.query.quadclass import known_types
    from flashpoint.store import open_store
    from flashpoint.store.fused import FUSED_COLUMNS

    fused_count, events = events, events + events // 4

    path.unlink(missing_ok=True)
    open_store(path).close()  # the real schema, migrated
    con = duckdb.connect(str(path))
    con.execute("SELECT setseed(?)", [seed])
    # The commonest types first: the draws below favour the head of the list.
    head = [t for t in ("ASSAULT", "ACCUSE", "COERCE", "CONSULT", "THREATEN", "MOBILIZE", "AGREE", "PROTEST") if t in known_types()]
    types = head + [t for t in known_types() if t not in head]
    articles = max(1, events // 4)
    countries = ["SYR", "IRQ", "UKR", "SDN", "YEM", "AFG", "MLI", "NGA", "SOM", "COD", "ETH", "MMR", "LBY", "PSE", "ISR",
                 "RUS", "PAK", "IND", "MEX", "COL", "BFA", "NER", "CAF", "SSD", "LBN", "IRN", "TUR", "EGY", "KEN", "MOZ"]
    con.execute("CREATE TEMP TABLE kinds AS SELECT unnest(?) AS type, generate_subscripts(?, 1) - 1 AS i", [types, types])
    con.execute("CREATE TEMP TABLE nations AS SELECT unnest(?) AS code, generate_subscripts(?, 1) - 1 AS i", [countries, countries])
    con.execute(f"""
        INSERT INTO articles (id, content_hash, doc_id, source, title, url, outlet, published, language, text, extraction)
        SELECT printf('%016x', i), printf('%064x', i), 'doc-' || i, 'bench/' || i || '.txt', 'Story ' || i,
               'https://news.example/' || i, 'Outlet ' || CAST(floor(pow(random(), 3) * 200) AS INTEGER),
               DATE '2015-01-01' + CAST(floor(pow(random(), 0.7) * 3650) AS INTEGER), 'en',
               'Synthetic article ' || i, 'done'
        FROM range({articles}) t(i)
    """)
    con.execute(f"""
        INSERT INTO events (article_id, type, mode, status, source_id, source_name, source_country,
                            target_id, target_name, target_country, place_name, place_country, place_lat, place_lon,
                            place_geonameid, place_admin1, date_value, fatalities, sentence_start, sentence_end,
                            sentence_text, trigger_start, trigger_end, trigger_text, confidence, day)
        WITH draws AS (
            SELECT i, CAST(floor(random() * {articles}) AS BIGINT) AS art,
                   CAST(floor(pow(random(), 2.5) * {len(types)}) AS INTEGER) AS k,
                   CAST(floor(pow(random(), 3) * 2000) AS INTEGER) AS src,
                   CAST(floor(pow(random(), 3) * 2000) AS INTEGER) AS tgt,
                   CAST(floor(pow(random(), 2.2) * {len(countries)}) AS INTEGER) AS c,
                   CAST(floor(pow(random(), 2) * 5000) AS INTEGER) AS place,
                   random() AS r, random() AS f,
                   -- bursts: a third of events fall within a few weeks of one of 40 crisis dates
                   CASE WHEN random() < 0.33 THEN CAST(floor(random() * 40) * 91 + floor(random() * 21) AS INTEGER)
                        ELSE CAST(floor(random() * 3650) AS INTEGER) END AS d
            FROM range({events}) t(i)
        )
        SELECT printf('%016x', art), kinds.type, NULL,
               CASE WHEN r < 0.85 THEN 'asserted' WHEN r < 0.95 THEN 'hypothetical' ELSE 'negated' END,
               'ACT' || src, 'Actor ' || src, nations.code,
               CASE WHEN f < 0.8 THEN 'ACT' || tgt END, CASE WHEN f < 0.8 THEN 'Actor ' || tgt END, nations.code,
               'Place ' || place, nations.code, -30 + (place % 600) / 10.0, -20 + (place % 900) / 10.0,
               1000000 + place, 'Area ' || (place % 50),
               strftime(DATE '2015-01-01' + d, '%Y-%m-%d'),
               CASE WHEN f < 0.7 THEN NULL ELSE CAST(floor(pow(random(), 6) * 300) AS INTEGER) END,
               0, 60, 'Forces of actor ' || src || ' struck actor ' || tgt || ' near place ' || place || '.', 16, 22, 'struck', 0.8,
               DATE '2015-01-01' + d
        FROM draws JOIN kinds ON kinds.i = draws.k JOIN nations ON nations.i = draws.c
    """)
    # Mentions 1..fused_count found their own events; the rest join one at random.
    con.execute(f"""
        INSERT INTO fused_mentions (mention_id, fused_id, matched_id, score)
        SELECT id, CASE WHEN id <= {fused_count} THEN id ELSE 1 + CAST(floor(random() * {fused_count}) AS BIGINT) END,
               NULL, NULL FROM events
    """)
    con.execute("UPDATE fused_mentions SET matched_id = fused_id, score = 12.5 WHERE mention_id <> fused_id")
    own = [c for c in FUSED_COLUMNS if c not in ("num_mentions", "num_articles", "num_sources", "first_reported",
                                                  "last_reported", "corroboration", "fatalities_low", "fatalities_high",
                                                  "fatalities_contradicted", "status_counts", "outlets")]
    con.execute(f"""
        INSERT INTO fused_events ({', '.join(FUSED_COLUMNS)})
        WITH told AS (
            SELECT fm.fused_id, count(*) AS mentions, count(DISTINCT m.article_id) AS articles,
                   count(DISTINCT a.outlet) AS sources, min(a.published) AS first, max(a.published) AS last,
                   min(m.fatalities) AS low, max(m.fatalities) AS high,
                   list_sort(list_distinct(list(lower(a.outlet)))) AS outlets
            FROM fused_mentions fm JOIN events m ON m.id = fm.mention_id JOIN articles a ON a.id = m.article_id
            GROUP BY fm.fused_id
        )
        SELECT {', '.join('e.' + c for c in own)}, told.mentions, told.articles, told.sources, told.first, told.last,
               CASE WHEN told.low <> told.high THEN 'contradicted' WHEN told.sources > 1 THEN 'multiple_sources'
                    ELSE 'single_source' END,
               told.low, told.high, coalesce(told.low <> told.high, false), '{{"' || e.status || '": ' || told.mentions || '}}',
               told.outlets
        FROM events e JOIN told ON told.fused_id = e.id
    """)
    con.execute("""
        INSERT INTO actors (article_id, actor_id, name, country, sector)
        SELECT article_id, source_id, any_value(source_name), any_value(source_country), NULL FROM events GROUP BY article_id, source_id
    """)
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "events", "fused_events", "fused_mentions", "actors")}
    con.execute("CHECKPOINT")
    con.close()
    return counts


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _load(base: str, path: str, seconds: float, clients: int) -> dict[str, Any]:
    """A closed loop of `clients` keep-alive clients on one call for `seconds`."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client() -> None:
        nonlocal errors
        with httpx.Client(base_url=base, timeout=60) as http:
            while time.monotonic() < stop:
                started = time.perf_counter()
                response = http.get(path)
                took = time.perf_counter() - started
                with lock:
                    latencies.append(took)
                    errors += response.status_code != 200

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    ordered = sorted(latencies)
    return {
        "call": path, "requests": len(ordered), "errors": errors, "rps": round(len(ordered) / elapsed, 1),
        "p50_ms": round(1000 * statistics.median(ordered), 1) if ordered else None,
        "p99_ms": round(1000 * ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))], 1) if ordered else None,
    }


def _export(base: str, server: psutil.Process, rows: int) -> dict[str, Any]:
    """The CSV export of the first `rows` events of a filter, with the server's memory sampled."""
    peak = baseline = server.memory_info().rss
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, server.memory_info().rss)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.perf_counter()
    received = lines = 0
    try:
        with httpx.Client(base_url=base, timeout=600) as http, http.stream("GET", "/api/events", params={"format": "csv", "start": "2015-01-01", "end": "2016-06-30"}) as response:
            for chunk in response.iter_lines():
                lines += 1
                received += len(chunk) + 1
                if lines > rows:
                    break
    finally:
        done.set()
        sampler.join()
    return {"call": f"/api/events?format=csv ({lines - 1:,} rows)", "seconds": round(time.perf_counter() - started, 2),
            "bytes": received, "server_rss_mb_before": round(baseline / 2**20), "server_rss_mb_peak": round(peak / 2**20)}


CALLS = [
    "/api/events?status=asserted&background=false&limit=100",  # what the dashboard opens with
    "/api/events?type=ASSAULT&country=SYR&limit=100",
    "/api/events?actor=ACT3&start=2020-01-01&end=2020-12-31&sort=-fatalities&limit=100",
    "/api/events/123457",
    "/api/timeline?interval=month&type=ASSAULT",
    "/api/network?country=IRQ&limit=100",
    "/api/actors?limit=50",
    "/api/places?status=asserted&background=false&limit=500",  # the map
    "/api/meta",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", default="1,4",
                        help="Closed-loop client counts, comma-separated: 1 gives a call's latency alone, 4 under contention.")
    parser.add_argument("--db", type=Path, default=ROOT / "benchmarks" / "api_load.duckdb")
    parser.add_argument("--out", type=Path, default=None, help="Write the figures as JSON here too.")
    parser.add_argument("--reuse", action="store_true", help="Serve the store at --db as it is, when there is one.")
    args = parser.parse_args()
    started = time.perf_counter()
    if args.reuse and args.db.exists():
        conn = duckdb.connect(str(args.db), read_only=True)
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "events", "fused_events", "fused_mentions", "actors")}
        conn.close()
    else:
        counts = generate_store(args.db, args.events)
    generated = time.perf_counter() - started
    print(f"{'reused' if args.reuse else 'generated'} {counts} in {generated:.0f} s", flush=True)
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    server = subprocess.Popen(
        [sys.executable, "-m", "flashpoint", "serve", "--db", str(args.db), "--host", "127.0.0.1", "--port", str(port), "--rate-limit", "0"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(f"{base}/api/meta", timeout=60).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        clients = [int(n) for n in str(args.clients).split(",")]
        results = [{**_load(base, call, args.seconds, n), "clients": n} for call in CALLS for n in clients]
        export = _export(base, psutil.Process(server.pid), 100_000)
    finally:
        server.terminate()
        server.wait(timeout=30)
    for row in results:
        print(f"{row['call']:<85} {row['clients']} clients {row['rps']:>7} req/s  p50 {row['p50_ms']:>7} ms  "
              f"p99 {row['p99_ms']:>7} ms  errors {row['errors']}")
    print(json.dumps(export))
    if args.out:
        args.out.write_text(json.dumps({"counts": counts, "generate_s": round(generated), "calls": results, "export": export}, indent=1))


if __name__ == "__main__":
    main()
