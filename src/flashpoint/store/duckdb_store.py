"""The default store: one DuckDB file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

from flashpoint.errors import StoreError
from flashpoint.store.base import StoredArticle
from flashpoint.store.rows import EVENT_COLUMNS, document_rows
from flashpoint.store.schema import MIGRATIONS, SCHEMA_VERSION

_ARTICLE_COLUMNS = [
    "id", "content_hash", "doc_id", "source", "title", "url", "outlet", "published",
    "language", "text", "duplicate_of", "minhash", "extraction",
]
_TABLE_COLUMNS = {
    "actors": ["article_id", "actor_id", "name", "country", "sector", "generic"],
    "actor_mentions": ["article_id", "actor_id", "start_char", "end_char", "text"],
    "places": ["article_id", "text", "start_char", "end_char", "geonameid", "name", "country", "admin1", "feature", "lat", "lon"],
    "events": EVENT_COLUMNS,
    "quotes": ["article_id", "text", "start_char", "end_char", "speaker_text", "speaker_name", "speaker_actor_id"],
    "quantities": ["article_id", "text", "start_char", "end_char", "value", "high", "unit", "about"],
}


class DuckDBStore:
    def __init__(self, connection: duckdb.DuckDBPyConnection):
        self.connection = connection

    @classmethod
    def open(cls, path: str | Path, read_only: bool = False) -> "DuckDBStore":
        """Open (creating and migrating as needed) the store at `path` (":memory:" for a scratch one)."""
        try:
            connection = duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as err:
            raise StoreError(f"cannot open database {path}: {err}") from err
        # No progress bar (cursors made from this connection inherit it): DuckDB draws one on
        # standard output for a long query, which would land inside the CLI's CSV or JSON Lines.
        connection.execute("SET enable_progress_bar = false")
        store = cls(connection)
        if not read_only:
            store.migrate()
        return store

    def schema_version(self) -> int:
        self.connection.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = self.connection.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def migrate(self) -> None:
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(f"database schema version {current} is newer than this Flashpoint ({SCHEMA_VERSION}): upgrade Flashpoint")
        for version in range(current + 1, SCHEMA_VERSION + 1):
            with self._transaction():
                self.connection.execute(MIGRATIONS[version - 1])
                self.connection.execute("INSERT INTO schema_version VALUES (?)", [version])

    class _Transaction:
        def __init__(self, connection: duckdb.DuckDBPyConnection):
            self.connection = connection

        def __enter__(self) -> None:
            self.connection.execute("BEGIN TRANSACTION")

        def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
            self.connection.execute("ROLLBACK" if exc_type else "COMMIT")

    def _transaction(self) -> "DuckDBStore._Transaction":
        return self._Transaction(self.connection)

    def has_content(self, content_hash: str) -> bool:
        row = self.connection.execute("SELECT 1 FROM articles WHERE content_hash = ?", [content_hash]).fetchone()
        return row is not None

    def duplicate_root(self, article_id: str) -> str:
        """Follow `duplicate_of` links to the first publication of a story."""
        seen = {article_id}
        while True:
            row = self.connection.execute("SELECT duplicate_of FROM articles WHERE id = ?", [article_id]).fetchone()
            if not row or row[0] is None or row[0] in seen:
                return article_id
            article_id = row[0]
            seen.add(article_id)

    def published_of(self, article_id: str) -> str | None:
        """The stored article's publication day (YYYY-MM-DD), or None."""
        row = self.connection.execute("SELECT strftime(published, '%Y-%m-%d') FROM articles WHERE id = ?", [article_id]).fetchone()
        return row[0] if row else None

    def add(self, stored: StoredArticle) -> None:
        a = stored.article
        values = [
            stored.article_id, stored.content_hash, stored.doc_id, a.source, a.title, a.url, a.outlet,
            a.published, a.language, a.text, stored.duplicate_of, stored.minhash, stored.extraction,
        ]
        try:
            with self._transaction():
                self._insert("articles", _ARTICLE_COLUMNS, [values])
                if stored.supersedes:
                    # an earlier-published copy arrived late: it is the story's original now
                    self.connection.execute(
                        "UPDATE articles SET duplicate_of = ? WHERE id = ? OR duplicate_of = ?",
                        [stored.article_id, stored.supersedes, stored.supersedes],
                    )
                if stored.document is not None:
                    for table, rows in document_rows(stored.article_id, stored.document).items():
                        self._insert(table, _TABLE_COLUMNS[table], rows)
        except duckdb.Error as err:
            raise StoreError(f"could not store {a.source}: {err}") from err

    def replace(self, stored: StoredArticle) -> None:
        """Store an article's new extraction (a retry): its status and extracted rows, in one transaction."""
        try:
            with self._transaction():
                for table in _TABLE_COLUMNS:
                    self.connection.execute(f"DELETE FROM {table} WHERE article_id = ?", [stored.article_id])
                self.connection.execute("UPDATE articles SET extraction = ? WHERE id = ?", [stored.extraction, stored.article_id])
                if stored.document is not None:
                    for table, rows in document_rows(stored.article_id, stored.document).items():
                        self._insert(table, _TABLE_COLUMNS[table], rows)
        except duckdb.Error as err:
            raise StoreError(f"could not store {stored.article.source} again: {err}") from err

    def _insert(self, table: str, columns: list[str], rows: list[list[Any]]) -> None:
        """Rows sent column by column and unnested into the table by one statement: DuckDB's
        executemany runs one statement a row, and binding every value of a multi-row VALUES list
        costs several times more, which made writing an article slower than extracting it."""
        if not rows:
            return
        values = [list(column) for column in zip(*rows)]
        unnested = ", ".join(f"unnest(${i + 1})" for i in range(len(columns)))
        self.connection.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {unnested}", values)

    def record_error(self, source: str, code: str, reason: str) -> None:
        self.connection.execute("INSERT INTO ingest_errors (source, code, reason) VALUES (?, ?, ?)", [source, code, reason])

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        rows = self.connection.execute("SELECT id, minhash FROM articles WHERE minhash IS NOT NULL ORDER BY ingested_at, id").fetchall()
        yield from ((row[0], bytes(row[1])) for row in rows)

    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cursor = self.connection.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def articles(self, limit: int | None = None) -> list[dict[str, Any]]:
        sql = (
            "SELECT id, doc_id, title, url, outlet, strftime(published, '%Y-%m-%d') AS published, language, "
            "source, duplicate_of, extraction, text FROM articles ORDER BY published NULLS LAST, id"
        )
        return self.query(sql + (f" LIMIT {int(limit)}" if limit else ""))

    def events(self, limit: int | None = None) -> list[dict[str, Any]]:
        sql = "SELECT * FROM events ORDER BY article_id, sentence_start, id"
        return self.query(sql + (f" LIMIT {int(limit)}" if limit else ""))

    def counts(self) -> dict[str, int]:
        tables = ["articles", "events", "fused_events", "actors", "places", "quotes", "quantities", "ingest_errors"]
        return {t: int(self.connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}

    def fuse(self, rebuild: bool = False) -> Any:
        """Fuse the mentions not yet fused into events (all of them with `rebuild`): a FuseReport."""
        from flashpoint.fusion import fuse  # imported here: the store's readers do not need it

        try:
            return fuse(self.connection, rebuild)
        except duckdb.Error as err:
            raise StoreError(f"could not fuse events: {err}") from err

    def close(self) -> None:
        self.connection.close()
