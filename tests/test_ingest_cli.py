"""`flashpoint ingest`, `articles` and `events` driven as a user runs them, on real files."""

from __future__ import annotations

import json
import shutil

from conftest import FIXTURES, run_cli

BAD = FIXTURES / "bad"
GOOD = FIXTURES / "good"


def _articles(db) -> list[dict]:
    result = run_cli("articles", "--db", str(db), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_every_bad_input_is_named_with_its_reason_and_the_batch_goes_on(tmp_path):
    db = tmp_path / "store.duckdb"
    result = run_cli("ingest", str(BAD), str(GOOD), str(tmp_path / "nowhere.txt"), "--db", str(db), "--no-extract")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    expected = {
        "binary.txt": "binary file",
        "empty.txt": "empty file",
        "whitespace_only.txt": "empty file",
        "bad_encoding.txt": "no text encoding fits",
        "malformed.json": "malformed JSON at line 1",
        "malformed.jsonl:2": "malformed JSON line",
        "record_without_text.jsonl:1": "no `text` field",
        "malformed_feed.xml": "not a readable RSS/Atom feed",
        "truncated.warc.gz": "truncated WARC record",
        "unsupported.pdf": "unsupported file type '.pdf'",
        "nowhere.txt": "no such file or folder",
    }
    failed_lines = [line for line in out.splitlines() if line.startswith("failed: ")]
    for name, reason in expected.items():
        assert any(name in line and reason in line for line in failed_lines), f"{name}: {reason} not in\n{out}"
    assert len(failed_lines) == len(expected)
    assert "not extracted: " in out and "language 'fr'" in out and "language 'es'" in out
    # good files and the two good lines of malformed.jsonl are stored; the rest is not
    stored = _articles(db)
    sources = {a["source"] for a in stored}
    assert any(s.endswith("malformed.jsonl:1") for s in sources)
    assert any(s.endswith("malformed.jsonl:3") for s in sources)
    assert not any("binary" in s or "truncated" in s or "record_without_text" in s for s in sources)
    languages = {a["doc_id"]: a["language"] for a in stored}
    assert languages["non_english.txt"] == "fr" and languages["non_english_es.txt"] == "es"
    assert out.strip().splitlines()[-1] == f"{len(stored)} new, 0 duplicates, 0 near-duplicates, {len(expected)} failed"


def test_strict_makes_a_failure_an_exit_status(tmp_path):
    result = run_cli("ingest", str(BAD / "binary.txt"), "--db", str(tmp_path / "s.duckdb"), "--no-extract", "--strict")
    assert result.returncode == 1
    assert "failed: " in result.stdout


def test_reingest_stores_nothing_new(tmp_path):
    db = tmp_path / "store.duckdb"
    first = run_cli("ingest", str(GOOD), "--db", str(db), "--no-extract")
    stored = len(_articles(db))
    second = run_cli("ingest", str(GOOD), "--db", str(db), "--no-extract")
    assert first.stdout.strip().endswith(f"{stored} new, 0 duplicates, 0 near-duplicates, 0 failed")
    assert second.stdout.strip().endswith(f"0 new, {stored} duplicates, 0 near-duplicates, 0 failed")
    assert len(_articles(db)) == stored


def test_syndicated_near_copy_is_linked_to_the_original(tmp_path):
    original = (GOOD / "short_article.txt").read_text(encoding="utf-8")
    copy = original.replace("security officials said on Tuesday", "officials told this newspaper on Tuesday")
    copy = copy.replace("Gunmen kill four soldiers", "Four soldiers killed")
    assert copy != original
    (tmp_path / "a-original.txt").write_text(original, encoding="utf-8")
    (tmp_path / "b-copy.txt").write_text(copy, encoding="utf-8")
    db = tmp_path / "store.duckdb"
    result = run_cli("ingest", str(tmp_path / "a-original.txt"), str(tmp_path / "b-copy.txt"), "--db", str(db), "--no-extract")
    assert result.stdout.strip().endswith("1 new, 0 duplicates, 1 near-duplicates, 0 failed")
    by_name = {a["doc_id"]: a for a in _articles(db)}
    assert by_name["b-copy.txt"]["duplicate_of"] == by_name["a-original.txt"]["id"]
    assert by_name["a-original.txt"]["duplicate_of"] is None


def test_html_keeps_the_article_and_its_metadata_not_the_page_furniture(tmp_path):
    db = tmp_path / "store.duckdb"
    run_cli("ingest", str(GOOD / "article.html"), "--db", str(db), "--no-extract")
    (article,) = _articles(db)
    assert article["outlet"] == "Sahel Dispatch"
    assert article["published"] == "2024-08-14"
    assert article["url"] == "https://saheldispatch.example/burkina-faso/drone-strikes-kaya-militants"
    assert article["title"]
    for furniture in ("Advertisements", "Leave a Reply", "Share this", "The army always says dozens", "Related stories"):
        assert furniture not in article["text"]
    assert len(article["text"].split()) > 150


def test_feeds_and_json_lines_give_one_article_per_entry_with_dates(tmp_path):
    db = tmp_path / "store.duckdb"
    run_cli("ingest", str(GOOD / "feed.rss"), str(GOOD / "feed.atom"), str(GOOD / "articles.jsonl"), "--db", str(db), "--no-extract")
    stored = _articles(db)
    by_outlet: dict[str, list[str]] = {}
    for article in stored:
        by_outlet.setdefault(article["outlet"], []).append(article["published"])
    assert sorted(by_outlet["Kivu Monitor"]) == ["2024-05-01", "2024-05-04"]
    assert by_outlet["Desert Fronts"] == ["2024-07-09"]
    assert by_outlet["Horn Observer"] == ["2024-11-20"]
    assert all(a["url"] and a["title"] for a in stored)


def test_articles_and_events_list_in_every_format(tmp_path):
    db = tmp_path / "store.duckdb"
    run_cli("ingest", str(GOOD / "articles.jsonl"), "--db", str(db), "--no-extract")
    (first, *_rest) = _articles(db)
    for key in ("id", "title", "url", "outlet", "published", "language", "text", "duplicate_of"):
        assert key in first
    table = run_cli("articles", "--db", str(db))
    assert table.returncode == 0 and "Horn Observer" in table.stdout
    csv_out = run_cli("articles", "--db", str(db), "--format", "csv")
    assert csv_out.stdout.splitlines()[0].startswith("id,")
    events = run_cli("events", "--db", str(db), "--format", "jsonl")
    assert events.returncode == 0 and events.stdout == ""  # ingested without extraction


def test_a_folder_is_read_recursively(tmp_path):
    nested = tmp_path / "in" / "deeper"
    nested.mkdir(parents=True)
    shutil.copy(GOOD / "short_article.txt", nested / "2024-03-05-tuz.txt")
    db = tmp_path / "store.duckdb"
    run_cli("ingest", str(tmp_path / "in"), "--db", str(db), "--no-extract")
    (article,) = _articles(db)
    assert article["published"] == "2024-03-05"  # from the file's name
    assert article["title"].startswith("Gunmen kill four soldiers")
