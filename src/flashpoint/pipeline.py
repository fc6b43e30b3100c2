"""From inputs to the store: read, normalise, deduplicate, extract, write (one transaction each).

A reader can follow one article from file to database here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from flashpoint.errors import ExtractionFailed, InputError
from flashpoint.ingest import dedup
from flashpoint.ingest.language import detect_language
from flashpoint.ingest.sources import Input, expand_inputs, iter_articles
from flashpoint.ingest.text import normalise_text
from flashpoint.models import Article
from flashpoint.parallel import Job, extract_in_order, worth_workers
from flashpoint.store.base import Store, StoredArticle

EXTRACTED_LANGUAGES = {"en"}


@dataclass
class IngestReport:
    new: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[InputError] = field(default_factory=list)
    fusion: Any = None  # flashpoint.fusion.FuseReport of the fusion run after the ingest
    # Stored, but extraction raised or ran out of time: extraction = "failed: <reason>".
    extraction_failed: list[ExtractionFailed] = field(default_factory=list)
    retried: int = 0

    def summary(self) -> str:
        text = f"{self.new} new, {self.duplicates} duplicates, {self.near_duplicates} near-duplicates, {len(self.failed)} failed"
        if self.retried:
            text += f", {self.retried} re-extracted"
        if self.extraction_failed:
            text += f", {len(self.extraction_failed)} extraction failed"
        return text


def doc_id_for(article: Article) -> str:
    """The record's own id, else the file's name (with the record's place inside a container)."""
    if article.doc_id:
        return article.doc_id
    if article.source.startswith(("http://", "https://")):
        return article.source
    path, hash_mark, record = article.source.partition("#")
    return (PurePosixPath(path.replace("\\", "/")).name or path) + hash_mark + record


def prepare(article: Article, published_fallback: str | None = None) -> Article:
    """Normalise the text, tell its language, and date it when the source did not."""
    article.text = normalise_text(article.text)
    article.language = article.language or detect_language(article.text)
    article.published = article.published or published_fallback
    return article


class Ingester:
    """Holds what one ingest run knows: the store, the extractor, the near-duplicate index."""

    def __init__(
        self,
        store: Store,
        extractor: Callable[[], Any] | None,
        published_fallback: str | None = None,
        workers: int = 1,
    ):
        self.store = store
        self.published_fallback = published_fallback
        self.extractor = extractor  # loads the extractor on first use; None: extraction off
        self.workers = workers if extractor is not None else 1
        self.report = IngestReport()
        self.seen_hashes: set[str] = set()
        self.near_index = dedup.NearDuplicateIndex()
        # what this run identified, before the store has it: each article's original, its date
        self.roots: dict[str, str] = {}
        self.published: dict[str, str | None] = {}
        for article_id, signature in store.signatures():
            self.near_index.add(article_id, dedup.signature_from_bytes(signature))

    def run(self, inputs: Sequence[Input], on_input: Callable[[Input], None] | None = None) -> None:
        """Read, identify, extract and store every article of `inputs`, one transaction each."""
        articles = self.new_articles(inputs, on_input)
        start_now = worth_workers(inputs)
        for stored, document in extract_in_order(articles, self.job_for, self.workers, self._extractor, start_now):
            self.settle(stored, document)
            self.store.add(stored)
            if stored.duplicate_of:
                self.report.near_duplicates += 1
            else:
                self.report.new += 1
        self.report.fusion = self.store.fuse()  # new mentions join events or found new ones

    def settle(self, stored: StoredArticle, document: Any) -> None:
        """Record what extraction made of the article: its document, or why it failed."""
        if isinstance(document, ExtractionFailed):
            stored.extraction = f"failed: {document.reason}"
            self.report.extraction_failed.append(document)
        elif document is not None:
            stored.document = document
            stored.extraction = "done"

    def retry_failed(self) -> None:
        """Extract again every stored article whose extraction failed, replacing its row."""
        rows = self.store.query(
            "SELECT id, content_hash, doc_id, source, title, url, outlet, strftime(published, '%Y-%m-%d') AS published, "
            "language, text, duplicate_of, minhash FROM articles WHERE extraction LIKE 'failed:%' ORDER BY ingested_at, id"
        )
        stored_articles = [
            StoredArticle(
                article=Article(text=r["text"], source=r["source"], title=r["title"], url=r["url"], outlet=r["outlet"],
                                published=r["published"], language=r["language"], doc_id=r["doc_id"]),
                article_id=r["id"], content_hash=r["content_hash"], doc_id=r["doc_id"],
                minhash=bytes(r["minhash"]) if r["minhash"] is not None else None,
                duplicate_of=r["duplicate_of"], extraction="pending", document=None,
            )
            for r in rows
        ]
        for stored, document in extract_in_order(stored_articles, self.job_for, self.workers, self._extractor):
            self.settle(stored, document)
            self.store.replace(stored)
            if not isinstance(document, ExtractionFailed):
                self.report.retried += 1

    def new_articles(self, inputs: Iterable[Input], on_input: Callable[[Input], None] | None) -> Iterator[StoredArticle]:
        """Every article of every input not already stored; errors are recorded and the run goes on."""
        for item in inputs:
            for result in iter_articles(item):
                if isinstance(result, InputError):
                    self.fail(result)
                    continue
                stored = self.identify(prepare(result, self.published_fallback))
                if stored is not None:
                    yield stored
            if on_input:
                on_input(item)

    def fail(self, error: InputError) -> None:
        self.report.failed.append(error)
        self.store.record_error(error.source, error.code, error.reason)

    def identify(self, article: Article) -> StoredArticle | None:
        """The article's identity, or None when its content is already stored."""
        content_hash = dedup.content_hash(article.text)
        if content_hash in self.seen_hashes or self.store.has_content(content_hash):
            self.report.duplicates += 1
            return None
        self.seen_hashes.add(content_hash)
        article_id = content_hash[:16]
        signature = dedup.minhash_of(article.text)
        original = self.near_index.original_of(signature)
        duplicate_of = self._root(original) if original else None
        supersedes = None
        if duplicate_of and dedup.published_earlier(article.published, self._published(duplicate_of)):
            duplicate_of, supersedes = None, duplicate_of
            for other, root in self.roots.items():
                if root == supersedes or other == supersedes:
                    self.roots[other] = article_id
        self.roots[article_id] = duplicate_of or article_id
        self.published[article_id] = article.published
        self.near_index.add(article_id, signature)
        return StoredArticle(
            article=article, article_id=article_id, content_hash=content_hash, doc_id=doc_id_for(article),
            minhash=dedup.signature_bytes(signature), duplicate_of=duplicate_of,
            extraction="pending", document=None, supersedes=supersedes,
        )

    def _root(self, article_id: str) -> str:
        """The original of the story `article_id` belongs to (it may not be stored yet)."""
        return self.roots.get(article_id) or self.store.duplicate_root(article_id)

    def _published(self, article_id: str) -> str | None:
        if article_id in self.published:
            return self.published[article_id]
        return self.store.published_of(article_id)

    def job_for(self, stored: StoredArticle) -> Job | None:
        """What the extractor gets for this article, or None (with the reason recorded) when it is not extracted."""
        if stored.article.language not in EXTRACTED_LANGUAGES:
            stored.extraction = f"skipped: language '{stored.article.language or 'unknown'}' (only English is extracted)"
            self.report.skipped.append((stored.article.source, stored.extraction))
            return None
        if self.extractor is None:
            stored.extraction = "skipped: extraction off"
            return None
        return stored.article, stored.doc_id

    def _extractor(self) -> Any:
        assert self.extractor is not None
        return self.extractor()


def ingest(
    targets: Iterable[str],
    store: Store,
    extractor: Callable[[], Any] | None,
    on_input: Callable[[Input], None] | None = None,
    on_total: Callable[[int], None] | None = None,
    published_fallback: str | None = None,
    workers: int = 1,
    retry_failed: bool = False,
) -> IngestReport:
    """Ingest files, folders and feed URLs into `store`, extracting English articles.

    `extractor` is a function that returns the extractor (called only if something is extracted
    in this process); None turns extraction off. With `workers` > 1 large jobs are extracted in
    that many processes. With `retry_failed`, stored articles whose extraction failed are
    extracted again first.
    """
    inputs, missing = expand_inputs(targets)
    ingester = Ingester(store, extractor, published_fallback, workers)
    if retry_failed and extractor is not None:
        ingester.retry_failed()
    for error in missing:
        ingester.fail(error)
    if on_total:
        on_total(len(inputs))
    ingester.run(inputs, on_input)
    return ingester.report
