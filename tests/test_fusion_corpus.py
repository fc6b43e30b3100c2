"""Fusion of the example corpus, and `flashpoint events` / `flashpoint fuse` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import run_cli
from flashpoint.store import open_store

SENNAR_OUTLETS = {"Nile Courier", "Frontline Digest", "Sudan Monitor Daily"}


def query(db: Path, sql: str, params: list | None = None) -> list[dict]:
    store = open_store(db, read_only=True)
    try:
        return store.query(sql, params)
    finally:
        store.close()


def fused_ids_of(db: Path, where: str, params: list | None = None) -> set[int]:
    rows = query(db, "SELECT DISTINCT fm.fused_id FROM events e JOIN articles a ON a.id = e.article_id "
                     f"JOIN fused_mentions fm ON fm.mention_id = e.id WHERE {where}", params)
    return {r["fused_id"] for r in rows}


def cli_events(db: Path, *args: str) -> list[dict]:
    result = run_cli("events", "--db", str(db), "--format", "jsonl", *args)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_the_sennar_drone_strike_is_one_event_with_three_sources(corpus_db: Path) -> None:
    ids = fused_ids_of(corpus_db, "e.type = 'ASSAULT' AND e.mode = 'aerial' AND a.outlet IN (SELECT unnest(?)) "
                                  "AND e.date_value = '2024-10-12'", [sorted(SENNAR_OUTLETS)])
    assert len(ids) == 1
    event = query(corpus_db, "SELECT * FROM fused_events WHERE id = ?", [ids.pop()])[0]
    assert event["num_articles"] == 3 and event["num_sources"] == 3 and event["place_name"] == "Sennar"
    assert event["day"].isoformat() == "2024-10-12" and event["first_reported"].isoformat() == "2024-10-12"
    assert event["fatalities"] == 25 and (event["fatalities_low"], event["fatalities_high"]) == (18, 25)


def test_the_syndicated_copy_is_linked_to_the_earlier_original(corpus_db: Path) -> None:
    copies = query(corpus_db, "SELECT id, outlet, strftime(published, '%Y-%m-%d') AS published, duplicate_of, source "
                              "FROM articles WHERE title ILIKE '%bulk carrier%' ORDER BY published")
    original, copy = copies
    # The copy (HTML) is read before the original (txt), yet the earlier-published text is the original.
    assert original["source"].endswith("2024-07-15-yemen-red-sea-ship.txt") and original["duplicate_of"] is None
    assert copy["duplicate_of"] == original["id"]
    ids = fused_ids_of(corpus_db, "e.type = 'ASSAULT' AND a.id IN (?, ?) AND e.sentence_text ILIKE '%was hit by a missile%'",
                       [original["id"], copy["id"]])
    assert len(ids) == 1
    event = query(corpus_db, "SELECT * FROM fused_events WHERE id = ?", [ids.pop()])[0]
    assert event["num_articles"] == 2 and event["num_sources"] == 1 and event["corroboration"] != "multiple_sources"
    assert event["article_id"] == original["id"]


def test_the_prison_attack_and_the_border_town_attack_are_one_event_each(corpus_db: Path) -> None:
    # The foiled plot (the lead's "foiled a plan ... to attack the Panorama prison" and the quote's
    # "planning to attack the prison") is one event, a plan; the storming of January 2022 that the
    # article recalls is another, asserted and background.
    prison = fused_ids_of(corpus_db, "e.type = 'ASSAULT' AND (e.sentence_text ILIKE '%foiled a plan%' "
                                     "OR e.sentence_text ILIKE '%planning to attack the prison%')")
    assert len(prison) == 1
    plot = query(corpus_db, "SELECT * FROM fused_events WHERE id = ?", [next(iter(prison))])[0]
    assert plot["status"] == "hypothetical" and plot["num_mentions"] >= 2
    stormed = fused_ids_of(corpus_db, "e.type = 'ASSAULT' AND e.trigger_text = 'stormed' "
                                      "AND e.sentence_text ILIKE '%Ghwayran prison%'")
    assert len(stormed) == 1 and not stormed & prison
    assert query(corpus_db, "SELECT background FROM fused_events WHERE id = ?", [next(iter(stormed))])[0]["background"]
    border_town = fused_ids_of(corpus_db, "e.type = 'ASSAULT' AND (e.sentence_text ILIKE '%Malam-Fatori%' "
                                          "OR e.sentence_text ILIKE 'ISWAP fighters attack military base in Borno%' "
                                          "OR e.sentence_text ILIKE '%arrived in dozens of gun trucks%')")
    assert len(border_town) == 1
    event = query(corpus_db, "SELECT * FROM fused_events WHERE id = ?", [border_town.pop()])[0]
    assert event["num_mentions"] >= 4 and event["place_country"] == "NGA"


def test_cli_events_lists_fused_events_with_the_api_filters(corpus_db: Path) -> None:
    events = cli_events(corpus_db)
    mentions = cli_events(corpus_db, "--mentions")
    assert len(events) < len(mentions) == query(corpus_db, "SELECT count(*) AS n FROM events")[0]["n"]
    days = [e["day"] for e in events if e["day"]]
    assert days == sorted(days, reverse=True), "not sorted by date, newest first"
    for event in events:
        assert {"id", "type", "status", "source", "target", "place", "date", "fatalities", "sentence", "trigger",
                "num_mentions", "num_articles", "num_sources", "first_reported", "last_reported", "corroboration",
                "fatalities_range", "mentions"} <= set(event)
        assert len(event["mentions"]) == event["num_mentions"]
        assert all({"article_id", "doc_id", "outlet", "url", "published", "sentence", "trigger"} <= set(m) for m in event["mentions"])
    october = cli_events(corpus_db, "--type", "ASSAULT", "--country", "SDN", "--start", "2024-10-01", "--end", "2024-10-31",
                         "--q", "drone")
    sennar = [e for e in october if {m["outlet"] for m in e["mentions"]} >= SENNAR_OUTLETS]
    assert len(sennar) == 1, "the Sennar drone strike is not listed exactly once"
    assert all(e["type"] == "ASSAULT" and e["place"]["country"] == "SDN" for e in october)
    by_outlet = cli_events(corpus_db, "--outlet", "nile courier", "--min-confidence", "0.9", "--sort", "id")
    assert by_outlet and all(any(m["outlet"] == "Nile Courier" for m in e["mentions"]) and e["confidence"] >= 0.9 for e in by_outlet)
    assert [e["id"] for e in by_outlet] == sorted(e["id"] for e in by_outlet)
    bad = run_cli("events", "--db", str(corpus_db), "--type", "EXPLODE")
    assert bad.returncode == 1 and "type" in bad.stderr


def test_cli_events_csv_and_table(corpus_db: Path) -> None:
    result = run_cli("events", "--db", str(corpus_db), "--format", "csv", "--limit", "5")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 5 and {"num_sources", "num_articles", "corroboration", "fatalities_range", "mentions"} <= set(rows[0])
    assert all(len(json.loads(r["mentions"])) == int(r["num_mentions"]) for r in rows)
    table = run_cli("events", "--db", str(corpus_db), "--limit", "3")
    assert table.returncode == 0 and "num_sources" in table.stdout and "corroboration" in table.stdout


def test_cli_fuse_rebuild_gives_the_same_events(corpus_db: Path) -> None:
    before = query(corpus_db, "SELECT mention_id, fused_id FROM fused_mentions ORDER BY mention_id")
    again = run_cli("fuse", "--db", str(corpus_db))
    assert again.returncode == 0 and again.stdout.startswith("fused 0 mentions")
    rebuilt = run_cli("fuse", "--db", str(corpus_db), "--rebuild")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert f"fused {len(before)} mentions" in rebuilt.stdout
    assert query(corpus_db, "SELECT mention_id, fused_id FROM fused_mentions ORDER BY mention_id") == before
