"""A batch killed mid-ingest leaves no half-stored article, and a second run completes it."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

from conftest import CORPUS, ROOT, run_cli

from flashpoint.store import open_store


def _write_batch(folder, count: int) -> None:
    """Distinct articles made by shuffling the corpus's paragraphs (deterministic)."""
    paragraphs = []
    for path in sorted((CORPUS / "jsonl").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            paragraphs.extend(p for p in json.loads(line)["text"].split("\n") if len(p) > 80)
    rng = random.Random(7)
    folder.mkdir()
    for number in range(count):
        chosen = rng.sample(paragraphs, 6)
        (folder / f"2024-06-{1 + number % 28:02d}-story-{number:03d}.txt").write_text("\n\n".join(chosen), encoding="utf-8")


def _table_counts(db) -> dict:
    result = run_cli("articles", "--db", str(db), "--format", "jsonl")
    articles = [json.loads(line) for line in result.stdout.splitlines()]
    # Mentions, not fused events: a fused event is listed under its founding article, which
    # depends on which other articles are stored; each article's own mentions do not.
    listed = run_cli("events", "--mentions", "--db", str(db), "--format", "jsonl").stdout.splitlines()
    events = [json.loads(line) for line in listed]
    per_article: dict[str, int] = {}
    for event in events:
        per_article[event["article_id"]] = per_article.get(event["article_id"], 0) + 1
    return {"articles": sorted(a["id"] for a in articles), "events_per_article": per_article}


def test_killed_ingest_leaves_no_partial_rows_and_resumes(tmp_path):
    batch = tmp_path / "batch"
    _write_batch(batch, 120)
    clean_db, db = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    assert run_cli("ingest", str(batch), "--db", str(clean_db)).returncode == 0
    expected = _table_counts(clean_db)
    assert len(expected["articles"]) == 120 and expected["events_per_article"]

    open_store(db).close()  # creates and migrates the store (only ingest does, of the commands): no WAL is left after
    wal = tmp_path / "killed.duckdb.wal"
    process = subprocess.Popen(
        [sys.executable, "-m", "flashpoint", "ingest", str(batch), "--db", str(db)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ},
    )
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > 0:  # the first commit is being written
            break
        time.sleep(0.02)
    # Let that commit finish (a kill in the middle of it would discard it too) and a few more
    # begin: the kill then lands between or inside later ones, never before every one.
    time.sleep(0.5)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the ingest finished before it could be interrupted"

    partial = _table_counts(db)
    assert 0 < len(partial["articles"]) < 120
    for article_id in partial["articles"]:  # every stored article has all its events, no more
        assert partial["events_per_article"].get(article_id, 0) == expected["events_per_article"].get(article_id, 0)
    assert set(partial["events_per_article"]) <= set(partial["articles"])

    resumed = run_cli("ingest", str(batch), "--db", str(db))
    stored_before = len(partial["articles"])
    assert resumed.stdout.strip().splitlines()[-1].startswith(f"{120 - stored_before} new, {stored_before} duplicates")
    assert _table_counts(db) == expected
