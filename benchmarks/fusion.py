"""Time fusion per 100,000 mentions: synthetic mentions written straight into a DuckDB store
(no extraction), then `fuse --rebuild` timed, and an incremental fuse of one more day's articles.

    python benchmarks/fusion.py [--mentions 100000] [--db /tmp/fusion-bench.duckdb]

Mentions are drawn deterministically: 8 PLOVER types, 40 countries with 5 provinces and 20 towns
each, dates over one year, articles of 1 to 6 mentions, 10% of them repeating an incident of
another article (so that fusion has something to join), a third with no date, a fifth with no
place. Nothing in the test suite runs this; BENCHMARKS.md records its figures.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta
from pathlib import Path

from flashpoint.fusion import fuse
from flashpoint.store import open_store
from flashpoint.store.rows import EVENT_COLUMNS

TYPES = ["ASSAULT", "COERCE", "PROTEST", "ACCUSE", "AGREE", "MOBILIZE", "THREATEN", "REJECT"]
START = date(2025, 1, 1)


def synthetic(mentions: int, seed: int = 7) -> tuple[list[list], list[list]]:
    """(articles rows, events rows) of about `mentions` mentions."""
    rng = random.Random(seed)
    towns = [(f"C{c:02d}", f"C{c:02d}-P{t % 5}", f"Town{c:02d}{t:02d}", 1000 * c + t, 10 + c + t / 40, 20 + c + t / 40)
             for c in range(40) for t in range(20)]
    articles, events = [], []
    incidents: list[tuple] = []
    n = 0
    while len(events) < mentions:
        n += 1
        article_id = f"{n:016x}"
        published = START + timedelta(days=rng.randrange(365))
        articles.append([article_id, f"h{n}", f"doc{n}", f"bench{n}", None, None, f"Outlet{rng.randrange(60)}",
                         published, "en", "text", None, None, "done"])
        if incidents and rng.random() < 0.1:
            incident = rng.choice(incidents)  # another report of a known incident
        else:
            incident = (rng.choice(TYPES), rng.choice(towns), published - timedelta(days=rng.randrange(2)))
            incidents.append(incident)
        for i in range(rng.randint(1, 6)):
            event_type, town, day = incident if i == 0 or rng.random() < 0.5 else (rng.choice(TYPES), rng.choice(towns), published)
            country, admin1, name, gid, lat, lon = town
            dated = rng.random() > 0.33
            placed = rng.random() > 0.2
            row = dict.fromkeys(EVENT_COLUMNS)
            row.update(
                article_id=article_id, type=event_type, status="asserted", confidence=0.8,
                date_value=day.isoformat() if dated else None, date_text="Monday" if dated else None,
                day=day if dated else published, sentence_start=10 * i, sentence_end=10 * i + 9,
                sentence_text=f"sentence {n} {i}", trigger_start=10 * i, trigger_end=10 * i + 3, trigger_text="hit",
                fatalities=rng.choice([None, None, 3, 5, 12]),
            )
            if placed:
                row.update(place_text=name, place_name=name, place_country=country, place_admin1=admin1,
                           place_lat=lat, place_lon=lon, place_geonameid=gid)
            events.append([row[c] for c in EVENT_COLUMNS])
    return articles, events


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--db", default="/tmp/fusion-bench.duckdb")
    args = parser.parse_args()
    Path(args.db).unlink(missing_ok=True)
    store = open_store(args.db)
    articles, events = synthetic(args.mentions)
    from flashpoint.store.duckdb_store import _ARTICLE_COLUMNS

    store._insert("articles", _ARTICLE_COLUMNS, articles[:-50])
    last_ids = {a[0] for a in articles[-50:]}
    store._insert("events", EVENT_COLUMNS, [e for e in events if e[0] not in last_ids])
    begin = time.perf_counter()
    report = fuse(store.connection, rebuild=True)
    full = time.perf_counter() - begin
    store._insert("articles", _ARTICLE_COLUMNS, articles[-50:])
    store._insert("events", EVENT_COLUMNS, [e for e in events if e[0] in last_ids])
    begin = time.perf_counter()
    more = fuse(store.connection)
    incremental = time.perf_counter() - begin
    print(f"{report.mentions:,} mentions fused in {full:.1f} s ({full * 100_000 / report.mentions:.1f} s per 100,000); "
          f"{report.total_events:,} events, {report.joined:,} joins")
    print(f"then 50 more articles ({more.mentions} mentions) fused incrementally in {incremental:.2f} s")
    store.close()


if __name__ == "__main__":
    main()
