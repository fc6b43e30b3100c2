"""Where articles and events are kept. DuckDB by default; the pipeline sees only `Store`."""

from __future__ import annotations

import os
from pathlib import Path

from flashpoint.store.base import Store, StoredArticle
from flashpoint.store.duckdb_store import DuckDBStore

DEFAULT_DB = "flashpoint.duckdb"


def default_db() -> str:
    return os.environ.get("FLASHPOINT_DB") or DEFAULT_DB


def open_store(db: str | Path | None = None, read_only: bool = False) -> DuckDBStore:
    """The store named by `db`, $FLASHPOINT_DB or ./flashpoint.duckdb."""
    return DuckDBStore.open(db or default_db(), read_only=read_only)


__all__ = ["Store", "StoredArticle", "DuckDBStore", "open_store", "default_db", "DEFAULT_DB"]
