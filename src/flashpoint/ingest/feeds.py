"""RSS and Atom feeds: each entry an article, taking the full content when the feed has it."""

from __future__ import annotations

from collections.abc import Iterator

import feedparser

from flashpoint.errors import InputError, MalformedInput
from flashpoint.ingest.html import read_html
from flashpoint.ingest.published import normalise_published
from flashpoint.models import Article


def read_feed(data: bytes, source: str) -> Iterator[Article | InputError]:
    """Articles of a feed; a feed that does not parse or has no entries is one error."""
    feed = feedparser.parse(data)
    if not feed.entries:
        reason = str(getattr(feed, "bozo_exception", "")) or "no entries"
        raise MalformedInput(source, f"not a readable RSS/Atom feed: {reason}")
    outlet = (feed.feed.get("title") or "").strip() or None
    for index, entry in enumerate(feed.entries, start=1):
        name = f"{source}#{entry.get('id') or entry.get('link') or index}"
        try:
            yield _entry_article(entry, name, outlet)
        except InputError as err:
            yield err


def _entry_article(entry: feedparser.FeedParserDict, source: str, outlet: str | None) -> Article:
    contents = entry.get("content") or []
    # The full text when the feed carries it; the summary is often just a teaser.
    body = max((c.get("value", "") for c in contents), key=len, default="") or entry.get("summary", "")
    html = f"<html><head><title>{entry.get('title', '')}</title></head><body><article>{body}</article></body></html>"
    article = read_html(html, source, url=entry.get("link"))
    article.title = (entry.get("title") or "").strip() or article.title
    article.url = entry.get("link") or article.url
    article.outlet = outlet or article.outlet
    published = entry.get("published_parsed") or entry.get("updated_parsed")
    article.published = normalise_published(published) or article.published
    return article
