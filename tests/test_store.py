"""The DuckDB store: migrations, one transaction per article, listing."""

from __future__ import annotations

import pytest

from flashpoint.errors import StoreError
from flashpoint.models import ActorRef, Article, Document, Event, Span
from flashpoint.store import DuckDBStore, StoredArticle
from flashpoint.store.schema import SCHEMA_VERSION


def _stored(article_id: str = "a1", events: int = 1) -> StoredArticle:
    text = "Rebels attacked a police post in Kidal on Monday."
    document = Document(doc_id="kidal.txt", published="2024-05-06", title=None, url=None, outlet=None, language="en", text=text)
    for _ in range(events):
        document.events.append(Event(
            type="ASSAULT", mode=None, cameo="18", status="asserted",
            source=ActorRef(id="REB", name="rebels", text="Rebels"), target=None, place=None, date=None,
            fatalities=None, sentence=Span(0, len(text), text), trigger=Span(7, 15, "attacked"), confidence=0.8,
        ))
    return StoredArticle(
        article=Article(text=text, source="kidal.txt", published="2024-05-06", language="en"),
        article_id=article_id, content_hash=article_id * 4, doc_id="kidal.txt", minhash=None,
        duplicate_of=None, extraction="done", document=document,
    )


def test_new_store_is_migrated_to_the_current_version(tmp_path):
    store = DuckDBStore.open(tmp_path / "s.duckdb")
    assert store.schema_version() == SCHEMA_VERSION
    store.close()
    again = DuckDBStore.open(tmp_path / "s.duckdb")  # reopening runs no migration twice
    assert again.schema_version() == SCHEMA_VERSION
    assert again.counts()["articles"] == 0


def test_a_store_from_a_newer_flashpoint_is_refused(tmp_path):
    store = DuckDBStore.open(tmp_path / "s.duckdb")
    store.connection.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION + 5])
    store.close()
    with pytest.raises(StoreError, match="newer"):
        DuckDBStore.open(tmp_path / "s.duckdb")


def test_article_and_its_events_are_stored_together():
    store = DuckDBStore.open(":memory:")
    store.add(_stored(events=2))
    assert store.counts()["articles"] == 1
    assert store.counts()["events"] == 2
    assert store.has_content("a1a1a1a1")


def test_a_failed_write_leaves_nothing_half_stored():
    store = DuckDBStore.open(":memory:")
    broken = _stored()
    broken.document.events[0].type = None  # violates NOT NULL after the article row is written
    with pytest.raises(StoreError):
        store.add(broken)
    counts = store.counts()
    assert counts["articles"] == 0 and counts["events"] == 0


def test_duplicate_root_follows_the_chain():
    store = DuckDBStore.open(":memory:")
    first, second, third = _stored("a1"), _stored("b2"), _stored("c3")
    second.duplicate_of = "a1"
    third.duplicate_of = "b2"
    for item in (first, second, third):
        store.add(item)
    assert store.duplicate_root("c3") == "a1"
