"""What the pipeline needs of a store; DuckDB implements it, PostgreSQL can too."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from flashpoint.models import Article, Document


@dataclass
class StoredArticle:
    """An article as the pipeline hands it to the store: the article, its identity and its fate."""

    article: Article
    article_id: str
    content_hash: str
    doc_id: str
    minhash: bytes | None
    duplicate_of: str | None
    extraction: str  # done / skipped: ... / failed: ...
    document: Document | None
    # the story's former original, when this copy was published earlier: it and its copies
    # become near-duplicates of this article when it is stored
    supersedes: str | None = None


class Store(Protocol):
    def has_content(self, content_hash: str) -> bool: ...

    def duplicate_root(self, article_id: str) -> str: ...

    def published_of(self, article_id: str) -> str | None: ...

    def add(self, stored: StoredArticle) -> None:
        """Write an article and everything extracted from it in one transaction."""

    def record_error(self, source: str, code: str, reason: str) -> None: ...

    def signatures(self) -> Iterator[tuple[str, bytes]]: ...

    def articles(self, limit: int | None = None) -> list[dict[str, Any]]: ...

    def events(self, limit: int | None = None) -> list[dict[str, Any]]: ...

    def counts(self) -> dict[str, int]: ...

    def fuse(self, rebuild: bool = False) -> Any:
        """Fuse the mentions not yet fused into events (all of them with `rebuild`)."""

    def close(self) -> None: ...
