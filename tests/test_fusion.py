"""Fusion on the fusion test set (tests/fixtures/fusion): the distractors, the evaluation floors,
incremental fusion equal to a rebuild, stable ids, syndicated copies."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from flashpoint.api import ingest
from flashpoint.fusion.evaluate import evaluate_store, read_labels, scores
from flashpoint.store import open_store

SET = FIXTURES / "fusion"
LABELS = read_labels(SET / "labels.tsv")


def url_of(incident: str) -> list[str]:
    return [url for url, label in LABELS.items() if label == incident]


@pytest.fixture(scope="module")
def fused_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("fusion") / "set.duckdb"
    report = ingest([str(SET / "articles.jsonl")], db=db, workers=1)
    assert report.new == 52 and report.near_duplicates == 1 and report.fusion is not None
    return db


def events_of(db: Path, incident: str, event_type: str = "ASSAULT") -> dict[int, dict]:
    """The fused events holding mentions of `incident` (of `event_type`), by id."""
    store = open_store(db)
    try:
        rows = store.query(
            "SELECT DISTINCT f.* FROM fused_events f JOIN fused_mentions fm ON fm.fused_id = f.id "
            "JOIN events e ON e.id = fm.mention_id JOIN articles a ON a.id = e.article_id "
            "WHERE a.url IN (SELECT unnest(?)) AND e.type = ?", [url_of(incident), event_type])
    finally:
        store.close()
    return {r["id"]: r for r in rows}


def biggest(db: Path, incident: str) -> dict:
    return max(events_of(db, incident).values(), key=lambda r: r["num_mentions"])


def test_the_set_is_big_enough() -> None:
    lines = (SET / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    outlets = {json.loads(line)["outlet"] for line in lines}
    assert len(lines) >= 50 and len(set(LABELS.values())) >= 15 and len(outlets) >= 5


def test_fusion_meets_its_floors(fused_db: Path) -> None:
    floors = json.loads((ROOT / "tests" / "fusion_floors.json").read_text())
    store = open_store(fused_db)
    try:
        figures = evaluate_store(store.connection, LABELS)
    finally:
        store.close()
    for name, floor in floors.items():
        if not name.startswith("_"):
            assert figures[name] >= floor, f"{name} {figures[name]:.3f} is below its floor {floor}"


def test_two_attacks_in_one_town_within_a_week_stay_apart(fused_db: Path) -> None:
    post, market = events_of(fused_db, "kidal-post"), events_of(fused_db, "kidal-market")
    assert post and market and not set(post) & set(market)
    assert biggest(fused_db, "kidal-market")["num_sources"] >= 2


def test_the_same_day_and_type_in_two_provinces_stay_apart(fused_db: Path) -> None:
    kirkuk, ramadi = events_of(fused_db, "kirkuk-ied"), events_of(fused_db, "ramadi-ied")
    assert not set(kirkuk) & set(ramadi)
    assert biggest(fused_db, "kirkuk-ied")["num_sources"] == 3 and biggest(fused_db, "ramadi-ied")["num_sources"] == 3


def test_a_revised_toll_beats_the_earlier_figure(fused_db: Path) -> None:
    goma = events_of(fused_db, "goma-shelling")
    assert len(goma) == 1
    event = next(iter(goma.values()))
    assert event["num_articles"] == 4 and event["num_sources"] == 3
    assert event["fatalities"] == 19 and (event["fatalities_low"], event["fatalities_high"]) == (12, 19)
    assert event["first_reported"].isoformat() == "2025-02-11" and event["last_reported"].isoformat() == "2025-02-13"


def test_a_claim_of_responsibility_a_day_later_joins_the_attack(fused_db: Path) -> None:
    store = open_store(fused_db)
    try:
        claims = store.query(
            "SELECT fm.fused_id FROM events e JOIN articles a ON a.id = e.article_id JOIN fused_mentions fm ON fm.mention_id = e.id "
            "WHERE e.type = 'ASSAULT' AND contains(e.sentence_text, 'claimed responsibility')")
    finally:
        store.close()
    attack = biggest(fused_db, "djibo-attack")
    assert claims and {c["fused_id"] for c in claims} == {attack["id"]}
    assert attack["num_articles"] >= 4 and attack["fatalities"] == 30


def test_a_syndicated_copy_adds_mentions_but_no_source(fused_db: Path) -> None:
    event = biggest(fused_db, "mogadishu-bomb")
    assert event["num_articles"] == 3 and event["num_sources"] == 2
    assert event["corroboration"] == "multiple_sources"


def _groups(db: Path) -> tuple[set[frozenset[tuple[str, int]]], dict[tuple[str, int], int]]:
    """Fused groups as sets of (url, sentence start), and each mention's fused id."""
    store = open_store(db, read_only=True)
    try:
        rows = store.connection.execute(
            "SELECT a.url, e.sentence_start, e.trigger_start, fm.fused_id FROM events e JOIN articles a ON a.id = e.article_id "
            "JOIN fused_mentions fm ON fm.mention_id = e.id").fetchall()
    finally:
        store.close()
    groups: dict[int, set] = defaultdict(set)
    for url, start, trigger, fused in rows:
        groups[fused].add((url, start, trigger))
    return {frozenset(g) for g in groups.values()}, {(u, s, t): f for u, s, t, f in rows}


def test_incremental_fusion_keeps_ids_and_equals_a_rebuild(fused_db: Path, tmp_path: Path) -> None:
    lines = (SET / "articles.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("".join(lines[::2]), encoding="utf-8")  # every other article, then the rest
    second.write_text("".join(lines[1::2]), encoding="utf-8")
    db = tmp_path / "incremental.duckdb"
    ingest([str(first)], db=db, workers=1)
    _, ids_before = _groups(db)
    ingest([str(second)], db=db, workers=1)
    groups, ids_after = _groups(db)
    assert all(ids_after[m] == fused for m, fused in ids_before.items()), "a fused event's id changed as mentions joined"
    assert len(groups) < len(ids_after), "nothing joined across the two ingests"
    store = open_store(db)
    try:
        store.fuse(rebuild=True)
    finally:
        store.close()
    rebuilt, rebuilt_ids = _groups(db)
    assert rebuilt == groups and rebuilt_ids == ids_after


def test_the_earliest_published_copy_is_the_original(tmp_path: Path) -> None:
    lines = (SET / "articles.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    original, copy = (line for line in lines if '"Car bomb kills seven in Mogadishu"' in line)
    assert json.loads(original)["published"] < json.loads(copy)["published"]
    (tmp_path / "late.jsonl").write_text(original, encoding="utf-8")
    (tmp_path / "early.jsonl").write_text(copy, encoding="utf-8")
    db = tmp_path / "syndication.duckdb"
    ingest([str(tmp_path / "early.jsonl")], db=db, extract=False)  # the copy is read first
    report = ingest([str(tmp_path / "late.jsonl")], db=db, extract=False)
    assert report.new == 1
    store = open_store(db)
    try:
        rows = {r["outlet"]: r for r in store.articles()}
    finally:
        store.close()
    assert rows["Horn Wire"]["duplicate_of"] is None
    assert rows["Coastal Gazette"]["duplicate_of"] == rows["Horn Wire"]["id"]


def test_scores_of_known_clusterings() -> None:
    gold = {1: "a", 2: "a", 3: "b", 4: "b"}
    assert scores(gold, gold)["pairwise_f1"] == 1.0
    merged = scores(gold, {1: 0, 2: 0, 3: 0, 4: 0})
    assert merged["pairwise_precision"] == pytest.approx(2 / 6) and merged["pairwise_recall"] == 1.0
    split = scores(gold, {1: 1, 2: 2, 3: 3, 4: 4})
    assert split["pairwise_recall"] == 0.0 and split["bcubed_recall"] == 0.5 and split["bcubed_precision"] == 1.0


def test_a_bad_line_in_the_factors_file_names_the_file_and_line(tmp_path: Path) -> None:
    from flashpoint.errors import DataFileError
    from flashpoint.fusion import factors

    good = (factors.DATA_DIR / "factors.tsv").read_text(encoding="utf-8")
    bad = tmp_path / "factors.tsv"
    bad.write_text(good.replace("place\tsame\t4\t", "place\tsame\tfour\t"), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"factors.tsv, line \d+: weight must be a number, got 'four'"):
        factors.read_weights(bad)
    bad.write_text(good.replace("place\tnearby\t", "place\tclose-ish\t"), encoding="utf-8")
    with pytest.raises(DataFileError, match="unknown factor/level place/close-ish"):
        factors.read_weights(bad)
