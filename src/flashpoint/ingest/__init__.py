"""Reading articles out of files, folders, JSON Lines dumps, feeds and web archives."""

from flashpoint.ingest.sources import iter_articles, expand_inputs

__all__ = ["iter_articles", "expand_inputs"]
