"""One article whose extraction raises or hangs is stored as failed, named, and the run goes on;
`--retry-failed` extracts it again."""

from __future__ import annotations

import pickle
import time

import pytest

from flashpoint.errors import ExtractionFailed
from flashpoint.extract import Extractor
from flashpoint.ingest import limits
from flashpoint.parallel import guarded_extract
from flashpoint.pipeline import ingest
from flashpoint.store import open_store

GOOD = "Army shells rebel camp\n\nArmy artillery shelled a rebel camp near the town of Dorval on Monday, killing six fighters, a military spokesman said.\n"
CURSED = "Protest in Maren\n\nHundreds of students protested outside the parliament in Maren on Tuesday, demanding the release of detained journalists, witnesses said.\n"
SLOW = "Ceasefire talks\n\nEnvoys of the two governments met in Sorell on Wednesday to discuss a ceasefire along the disputed border, diplomats said.\n"


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in (("a_good.txt", GOOD), ("b_cursed.txt", CURSED), ("c_slow.txt", SLOW)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def faulty(monkeypatch, extractor):
    """The real extractor, with a fault injected: it raises on one article and hangs on another."""
    from flashpoint.models import Article

    # Warmed first: an extractor's first article pays for lazily loaded parts, not this test's limit.
    list(extractor.extract_many([(Article(text=GOOD, source="warm.txt", language="en"), "warm")]))
    real = Extractor.analyse

    def analyse(self, parsed, article, doc_id):
        if "Maren" in article.text:
            raise RuntimeError("simulated crash in a pipeline stage")
        if "Sorell" in article.text:
            time.sleep(30)
        return real(self, parsed, article, doc_id)

    monkeypatch.setattr(Extractor, "analyse", analyse)
    previous = limits.configure(extract_timeout_s=1.5)
    yield extractor
    limits.restore(previous)


def _extraction(store) -> dict[str, str]:
    return {row["doc_id"]: row["extraction"] for row in store.articles()}


def test_a_failing_article_is_stored_as_failed_and_the_run_goes_on(tmp_path, corpus, faulty, monkeypatch):
    store = open_store(tmp_path / "s.duckdb")
    started = time.monotonic()
    report = ingest([str(corpus)], store, lambda: faulty, workers=1)
    assert time.monotonic() - started < 25, "the hanging article was not stopped at its time limit"
    status = _extraction(store)
    assert status["a_good.txt"] == "done"
    assert status["b_cursed.txt"] == "failed: RuntimeError: simulated crash in a pipeline stage"
    assert status["c_slow.txt"].startswith("failed: extraction took longer than 1.5 s")
    assert report.new == 3
    assert {f.source.rsplit("/", 1)[-1] for f in report.extraction_failed} == {"b_cursed.txt", "c_slow.txt"}
    assert "2 extraction failed" in report.summary()
    events = store.query("SELECT a.doc_id FROM events e JOIN articles a ON a.id = e.article_id")
    assert {e["doc_id"] for e in events} == {"a_good.txt"}

    # The fault is fixed: --retry-failed extracts the two again, and only them.
    monkeypatch.undo()
    retry = ingest([], store, lambda: faulty, workers=1, retry_failed=True)
    assert retry.retried == 2 and retry.new == 0 and not retry.extraction_failed
    assert set(_extraction(store).values()) == {"done"}
    after = store.query("SELECT a.doc_id, count(*) AS n FROM events e JOIN articles a ON a.id = e.article_id GROUP BY 1")
    assert {"a_good.txt", "b_cursed.txt"} <= {row["doc_id"] for row in after}
    assert store.query("SELECT count(*) AS n FROM articles")[0]["n"] == 3
    store.close()


def test_a_raising_chunk_is_extracted_one_by_one(faulty):
    from flashpoint.models import Article

    jobs = [(Article(text=GOOD, source="a.txt", language="en"), "a"), (Article(text=CURSED, source="b.txt", language="en"), "b")]
    results = guarded_extract(faulty, jobs, timeout=0)
    assert results[0].doc_id == "a" and results[0].events
    assert isinstance(results[1], ExtractionFailed) and results[1].source == "b.txt"


def test_extraction_failures_cross_process_boundaries():
    error = ExtractionFailed("x.txt", "RuntimeError: boom")
    again = pickle.loads(pickle.dumps(error))
    assert (type(again), again.source, again.reason, str(again)) == (ExtractionFailed, "x.txt", "RuntimeError: boom", str(error))
