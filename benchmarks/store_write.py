"""Store write throughput: extracted documents written to a fresh DuckDB file, one transaction each.

Extraction runs first and is not timed; the same documents are then written under new identities
until `--articles` are stored, so the figure is the store's alone.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

from flashpoint.api import get_extractor
from flashpoint.ingest import dedup
from flashpoint.models import Article
from flashpoint.pipeline import prepare
from flashpoint.store.base import StoredArticle
from flashpoint.store.duckdb_store import DuckDBStore
from flashpoint.store.rows import document_rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("jsonl", type=Path, help="articles as JSON Lines (benchmarks/corpus.py writes one)")
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--extract", type=int, default=32, help="distinct documents to extract first")
    args = parser.parse_args()
    records = [json.loads(line) for line in args.jsonl.read_text(encoding="utf-8").splitlines()[: args.extract]]
    articles = [prepare(Article(source=r["id"], text=r["text"], title=r["title"], published=r["published"])) for r in records]
    documents = list(get_extractor().extract_many((a, a.source) for a in articles))
    pairs = list(islice(cycle(zip(articles, documents)), args.articles))
    rows = sum(len(table) for _, d in pairs for table in document_rows("x", d).values())
    with tempfile.TemporaryDirectory() as folder:
        store = DuckDBStore.open(Path(folder) / "bench.duckdb")
        started = time.perf_counter()
        for number, (article, document) in enumerate(pairs):
            content_hash = dedup.content_hash(f"{number}\n{article.text}")
            store.add(StoredArticle(article, content_hash[:16], content_hash, article.source, None, None, "done", document))
        seconds = time.perf_counter() - started
        store.close()
    print(json.dumps({"articles": len(pairs), "rows": rows, "seconds": seconds}))


if __name__ == "__main__":
    main()
