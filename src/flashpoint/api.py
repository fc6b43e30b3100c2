"""The library's front door: ingest, extract, query, evaluate. The CLI and the web API call these."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from flashpoint import evaluate as scoring
from flashpoint import pipeline
from flashpoint.errors import BadOption, EmptyInput, InputError, InputTooLarge
from flashpoint.ingest.published import normalise_published
from flashpoint.ingest.sources import Input, expand_inputs, iter_articles
from flashpoint.models import Article, Document
from flashpoint.parallel import Job, available_cores, extract_in_order, worth_workers
from flashpoint.store import open_store


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
    workers: int | None = None,
    retry_failed: bool = False,
) -> pipeline.IngestReport:
    """Ingest files, folders and feed URLs into the store at `db`, extracting in `workers`
    processes (default: one per core); with `retry_failed`, failed extractions are retried first."""
    store = open_store(db)
    try:
        extractor = get_extractor if extract else None
        return pipeline.ingest(
            targets, store, extractor, on_input, on_total, published_option(published), workers_option(workers),
            retry_failed,
        )
    finally:
        store.close()


def workers_option(value: int | None) -> int:
    """A user's --workers: default one per core; zero or fewer is an error."""
    if value is None:
        return available_cores()
    if value < 1:
        raise BadOption(f"--workers {value} must be at least 1")
    return value


def extract_paths(
    targets: Iterable[str], published: str | None = None, doc_id: str | None = None, workers: int | None = None,
) -> Iterator[Document | InputError]:
    """The contract's Document for every article in `targets`, in input order (nothing is stored)."""
    yield from _extract(targets, published, doc_id, workers, None)


def extract_json_lines(
    targets: Iterable[str], published: str | None = None, doc_id: str | None = None, workers: int | None = None,
) -> Iterator[str | InputError]:
    """`extract_paths` as the contract's JSON, one line a document, serialised by the workers."""
    yield from _extract(targets, published, doc_id, workers, Document.to_json)


def _extract(
    targets: Iterable[str], published: str | None, doc_id: str | None, workers: int | None,
    finish: Callable[[Document], Any] | None,
) -> Iterator[Any]:
    fallback_date = published_option(published)
    inputs, missing = expand_inputs(targets)
    yield from missing

    def read() -> Iterator[Article | InputError]:
        for item in inputs:
            for result in iter_articles(item):
                yield result if isinstance(result, InputError) else pipeline.prepare(result, fallback_date)

    def job_for(result: Article | InputError) -> Job | None:
        if isinstance(result, InputError) or result.language not in pipeline.EXTRACTED_LANGUAGES:
            return None
        return result, doc_id or pipeline.doc_id_for(result)

    count = workers_option(workers)
    for result, extracted in extract_in_order(read(), job_for, count, get_extractor, worth_workers(inputs), finish):
        if isinstance(result, InputError):
            yield result
        elif extracted is not None:
            yield extracted
        else:  # not English: the article without extraction
            document = Document.from_article(result, doc_id or pipeline.doc_id_for(result))
            yield finish(document) if finish else document


def list_articles(db: str | Path | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    store = open_store(db)
    try:
        return store.articles(limit)
    finally:
        store.close()


def list_events(
    db: str | Path | None = None, limit: int | None = None, filters: Any = None, sort: str | None = None,
    level: str = "event",
) -> list[dict[str, Any]]:
    """Fused events (level "mention": mentions) matching `filters` (a query.EventFilter), in
    `sort` order (default: newest first), through the same query library as /api/events."""
    from flashpoint.query import EventFilter, iter_events  # the read side, imported when used

    store = open_store(db)
    try:
        store.fuse()  # a store ingested before fusion existed is fused on first use
        events = iter_events(store.connection, filters or EventFilter(), sort, level)
        return [event for _, event in zip(range(limit), events)] if limit else list(events)
    finally:
        store.close()


def fuse(db: str | Path | None = None, rebuild: bool = False) -> Any:
    """Fuse the store's mentions not yet fused into events (every mention with `rebuild`): a FuseReport."""
    store = open_store(db)
    try:
        return store.fuse(rebuild)
    finally:
        store.close()


def evaluate(gold_path: str | Path, on_total: Callable[[int], None] | None = None,
             on_document: Callable[[], None] | None = None) -> scoring.Report:
    """Score the extractor on an annotated set (shared/gold format)."""
    documents = scoring.read_gold(gold_path)
    if on_total:
        on_total(len(documents))
    return scoring.evaluate_documents(Path(gold_path).name, documents, get_extractor().extract_many, on_document)


# Uploads through the REST API (POST /api/ingest). One upload is one file, as `flashpoint ingest
# FILE` reads it: same readers (chosen by the file's suffix), same pipeline, same store writes.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


@dataclass
class UploadResult:
    """What became of an uploaded file: its (first) article, and every article it held."""

    article_id: str
    status: str  # new / near-duplicate / duplicate
    extraction: str | None
    document: dict[str, Any] | None  # the SPEC's contract for the first article
    articles: list[dict[str, Any]]  # {"article_id", "status", "extraction"} for each article
    failed: list[str]  # reasons for parts that could not be read (bad JSON Lines lines)


class _RecordingStore:
    """The store, noting what the pipeline stored and which content it found already stored,
    so that an upload can answer with its article ids without changing the pipeline."""

    def __init__(self, store: Any):
        self._store = store
        self.added: list[Any] = []  # StoredArticle
        self.known_hashes: list[str] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def has_content(self, content_hash: str) -> bool:
        found = self._store.has_content(content_hash)
        if found:
            self.known_hashes.append(content_hash)
        return bool(found)

    def add(self, stored: Any) -> None:
        self._store.add(stored)
        self.added.append(stored)


UPLOAD_NAME_BYTES = 200  # file systems allow 255 bytes a name


def upload_name(filename: str | None) -> str:
    """A safe file name for an upload: its last path part, odd characters replaced, at most
    UPLOAD_NAME_BYTES bytes of UTF-8; a long name is shortened before its suffix (.txt,
    .warc.gz), which chooses the reader."""
    base = re.split(r"[\\/]", filename or "")[-1].strip()
    base = re.sub(r"[^\w.\-]+", "_", base).lstrip(".")
    if len(base.encode()) > UPLOAD_NAME_BYTES:
        suffix = re.search(r"(\.warc)?\.[A-Za-z0-9]{1,8}$", base, re.IGNORECASE)
        tail = suffix.group(0) if suffix else ""
        room = UPLOAD_NAME_BYTES - len(tail)
        base = base[: len(base) - len(tail)].encode()[:room].decode("utf-8", "ignore") + tail
    return base or "upload"


def ingest_upload(store: Any, filename: str | None, data: bytes, extract: bool = True) -> UploadResult:
    """Store the articles of one uploaded file in the open `store` (a DuckDBStore).

    Raises InputError (with the reason) when nothing in the file could be read as an article.
    """
    from flashpoint.query import stored_document  # the read side; imported here to keep start-up light

    name = upload_name(filename)
    if len(data) > MAX_UPLOAD_BYTES:
        raise InputTooLarge(name, f"too large for an upload: {len(data):,} bytes (limit {MAX_UPLOAD_BYTES:,})")
    recorder = _RecordingStore(store)
    with tempfile.TemporaryDirectory(prefix="flashpoint-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        # The source recorded is the upload's own name, not the temporary path it was read from.
        ingester = pipeline.Ingester(recorder, get_extractor if extract else None)
        ingester.run([Input(name, path)])
    failed = [error.reason for error in ingester.report.failed]
    articles = [
        {"article_id": s.article_id, "status": "near-duplicate" if s.duplicate_of else "new", "extraction": s.extraction}
        for s in recorder.added
    ]
    for content_hash in recorder.known_hashes:
        row = store.query("SELECT id, extraction FROM articles WHERE content_hash = ?", [content_hash])
        if row:
            articles.append({"article_id": row[0]["id"], "status": "duplicate", "extraction": row[0]["extraction"]})
    if not articles:
        raise failed_upload(name, failed)
    first = articles[0]
    if recorder.added:
        added = recorder.added[0]
        document = (added.document or Document.from_article(added.article, added.doc_id)).to_dict()
    else:
        document = stored_document(store.connection, first["article_id"])
    return UploadResult(first["article_id"], first["status"], first["extraction"], document, articles, failed)


def failed_upload(name: str, reasons: list[str]) -> InputError:
    if not reasons:
        return EmptyInput(name, "the file holds no article")
    return InputError(name, "; ".join(reasons))
