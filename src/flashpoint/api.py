"""The library's front door: ingest, extract, query, evaluate. The CLI and the web API call these."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from flashpoint import evaluate as scoring
from flashpoint import pipeline
from flashpoint.errors import BadOption, InputError
from flashpoint.ingest.published import normalise_published
from flashpoint.ingest.sources import Input, expand_inputs, iter_articles
from flashpoint.models import Document
from flashpoint.store import open_store
from flashpoint.store.rows import event_dict


def published_option(value: str | None) -> str | None:
    """A user's --published date as YYYY-MM-DD; an unreadable one is an error, not ignored."""
    if value is None:
        return None
    published = normalise_published(value)
    if published is None:
        raise BadOption(f"--published {value!r} is not a date (expected YYYY-MM-DD)")
    return published


@lru_cache(maxsize=1)
def get_extractor() -> Any:
    """The extractor with the installed model and knowledge files, loaded once per process."""
    from flashpoint.extract import Extractor  # heavy: spaCy and the gazetteer

    return Extractor.load()


def ingest(
    targets: Iterable[str],
    db: str | Path | None = None,
    extract: bool = True,
    on_input: Callable[[Input], None] | None = None,
    on_total: Callable[[int], None] | None = None,
    published: str | None = None,
) -> pipeline.IngestReport:
    """Ingest files, folders and feed URLs into the store at `db`."""
    store = open_store(db)
    try:
        extractor = get_extractor() if extract else None
        return pipeline.ingest(targets, store, extractor, on_input, on_total, published_option(published))
    finally:
        store.close()


def extract_paths(
    targets: Iterable[str], published: str | None = None, doc_id: str | None = None
) -> Iterator[Document | InputError]:
    """The contract's Document for every article in `targets` (nothing is stored)."""
    fallback_date = published_option(published)
    inputs, missing = expand_inputs(targets)
    yield from missing
    extractor = None
    for item in inputs:
        for result in iter_articles(item):
            if isinstance(result, InputError):
                yield result
                continue
            article = pipeline.prepare(result, fallback_date)
            name = doc_id or pipeline.doc_id_for(article)
            if article.language not in pipeline.EXTRACTED_LANGUAGES:
                yield Document.from_article(article, name)
                continue
            extractor = extractor or get_extractor()
            yield extractor.extract(article, name)


def list_articles(db: str | Path | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    store = open_store(db)
    try:
        return store.articles(limit)
    finally:
        store.close()


def list_events(db: str | Path | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    store = open_store(db)
    try:
        return [event_dict(row) for row in store.events(limit)]
    finally:
        store.close()


def evaluate(gold_path: str | Path, on_total: Callable[[int], None] | None = None,
             on_document: Callable[[], None] | None = None) -> scoring.Report:
    """Score the extractor on an annotated set (shared/gold format)."""
    documents = scoring.read_gold(gold_path)
    if on_total:
        on_total(len(documents))
    return scoring.evaluate_documents(Path(gold_path).name, documents, get_extractor().extract_many, on_document)
