"""Time fusion per 100,000 mentions: synthetic mentions written straight into a DuckDB store
(no extraction), then `fuse --rebuild` timed, and an incremental fuse of the next day's articles.

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


def synthetic(mentions: int, seed: int = 7, days: int = 365, first_article: int = 0,
              start: date = START) -> tuple[list[list], list[list]]:
    """(articles rows, events rows) of about `mentions` mentions published over `days` days."""
    rng = random.Random(seed)
    towns = [(f"C{c:02d}", f"C{c:02d}-P{t % 5}", f"Town{c:02d}{t:02d}", 1000 * c + t, 10 + c + t / 40, 20 + c + t / 40)
             for c in range(40) for t in range(20)]
    articles, events = [], []
    incidents: list[tuple] = []
    n = first_article
    while len(events) < mentions:
        n += 1
        article_id = f"{n:016x}"
        published = start + timedelta(days=rng.randrange(days))
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
    # the next ingest: a day's news, 200 mentions published over the last two days
    new_articles, new_events = synthetic(200, seed=8, days=2, first_article=len(articles) + 1,
                                         start=START + timedelta(days=363))
    from flashpoint.store.duckdb_store import _ARTICLE_COLUMNS

    store._insert("articles", _ARTICLE_COLUMNS, articles)
    store._insert("events", EVENT_COLUMNS, events)
    wall, cpu = time.perf_counter(), time.process_time()
    report = fuse(store.connection, rebuild=True)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    store._insert("articles", _ARTICLE_COLUMNS, new_articles)
    store._insert("events", EVENT_COLUMNS, new_events)
    more_wall, more_cpu = time.perf_counter(), time.process_time()
    more = fuse(store.connection)
    more_wall, more_cpu = time.perf_counter() - more_wall, time.process_time() - more_cpu
    per = 100_000 / report.mentions
    print(f"{report.mentions:,} mentions fused in {wall:.1f} s wall, {cpu:.1f} s CPU "
          f"({wall * per:.1f} s wall, {cpu * per:.1f} s CPU per 100,000); {report.total_events:,} events, {report.joined:,} joins")
    print(f"then {len(new_articles)} more articles ({more.mentions} mentions, a day's news) fused incrementally in "
          f"{more_wall:.2f} s wall, {more_cpu:.2f} s CPU")
    store.close()


if __name__ == "__main__":
    main()
