"""Extraction in worker processes gives what one process gives, in input order."""

from __future__ import annotations

import json

import pytest

from conftest import CORPUS, FIXTURES
from flashpoint import api, parallel
from flashpoint.errors import InputError


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of four articles in chunks of two, so that a handful of articles uses the workers."""
    monkeypatch.setattr(parallel, "BATCH_SIZE", 4)
    monkeypatch.setattr(parallel, "CHUNK_SIZE", 2)


def _results(paths, workers):
    out = []
    for result in api.extract_paths(paths, workers=workers):
        if isinstance(result, InputError):
            out.append(("error", result.source))
        else:
            out.append(json.dumps(result.to_dict(), sort_keys=True))
    return out


def test_two_workers_extract_the_same_documents_in_the_same_order(small_batches):
    paths = [str(CORPUS / "jsonl"), str(CORPUS / "txt"), str(FIXTURES / "does-not-exist.txt")]
    one = _results(paths, workers=1)
    two = _results(paths, workers=2)
    assert len(one) > 2 * parallel.BATCH_SIZE, "too few articles to reach the workers"
    assert two == one
    assert ("error", str(FIXTURES / "does-not-exist.txt")) in two


def test_workers_write_the_json_lines_one_process_writes(small_batches):
    paths = [str(CORPUS / "txt"), str(FIXTURES / "does-not-exist.txt")]
    expected = [r.source if isinstance(r, InputError) else r.to_json() for r in api.extract_paths(paths, workers=1)]
    lines = [r.source if isinstance(r, InputError) else r for r in api.extract_json_lines(paths, workers=2)]
    assert len(lines) > 2 * parallel.BATCH_SIZE
    assert lines == expected
    assert all(json.loads(line)["doc_id"] for line in lines if line.startswith("{"))


def test_ingest_with_workers_stores_what_one_process_stores(small_batches, tmp_path):
    counts = {}
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.duckdb"
        report = api.ingest([str(CORPUS / "txt")], db=db, workers=workers)
        events = api.list_events(db)
        counts[workers] = (report.new, sorted((e["article_id"], e["type"], e["trigger"]["start"]) for e in events))
    assert counts[1][0] > parallel.BATCH_SIZE
    assert counts[2] == counts[1]


def test_workers_must_be_positive():
    with pytest.raises(Exception, match="--workers 0 must be at least 1"):
        list(api.extract_paths([str(CORPUS / "txt")], workers=0))


def test_the_workers_server_starts_early_only_for_a_job_that_will_use_workers(tmp_path, monkeypatch):
    from flashpoint.entry import will_extract_in_workers

    monkeypatch.setattr(parallel, "available_cores", lambda: 2)
    big = tmp_path / "big"
    big.mkdir()
    for i in range(parallel.BATCH_SIZE):
        (big / f"{i}.txt").write_text("Soldiers shelled the town.", encoding="utf-8")
    small = tmp_path / "one.txt"
    small.write_text("Soldiers shelled the town.", encoding="utf-8")
    assert will_extract_in_workers(["extract", str(big)])
    assert will_extract_in_workers(["ingest", str(big), "--db", str(tmp_path / "x.duckdb")])
    assert not will_extract_in_workers(["extract", str(small)])
    assert not will_extract_in_workers(["extract", "-w", "1", str(big)])
    assert not will_extract_in_workers(["extract", "--workers=1", str(big)])
    assert not will_extract_in_workers(["ingest", "--no-extract", str(big)])
    assert not will_extract_in_workers(["events", "--db", str(big)])
    monkeypatch.setattr(parallel, "available_cores", lambda: 1)
    assert not will_extract_in_workers(["extract", str(big)])
