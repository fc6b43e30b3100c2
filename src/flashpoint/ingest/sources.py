"""From what the user names (files, folders, URLs) to articles, whatever the format."""

from __future__ import annotations

import gzip
import io
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from flashpoint.errors import FetchFailed, InputError, InputTooLarge, MalformedInput, UnsupportedInput
from flashpoint.ingest.feeds import read_feed
from flashpoint.ingest.html import read_html
from flashpoint.ingest.published import published_from_dateline, published_from_name
from flashpoint.ingest.records import read_json, read_jsonl
from flashpoint.ingest.text import decode_bytes
from flashpoint.ingest.warc import read_warc
from flashpoint.models import Article

# One article in a file: more than this is a data dump or a mistake, not a news story.
MAX_ARTICLE_BYTES = 10 * 1024 * 1024
# Containers of many articles (JSON Lines, feeds, archives).
MAX_CONTAINER_BYTES = 4 * 1024 * 1024 * 1024
FETCH_TIMEOUT_S = 30

FORMATS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc", ".warc.gz": "warc", ".arc.gz": "warc",
}
_SINGLE_ARTICLE = {"text", "html"}


@dataclass(frozen=True)
class Input:
    """One thing to read: a local file or a URL."""

    name: str
    path: Path | None = None

    @property
    def is_url(self) -> bool:
        return self.path is None


def format_of(name: str) -> str | None:
    lower = name.lower()
    for suffix in sorted(FORMATS, key=len, reverse=True):
        if lower.endswith(suffix):
            return FORMATS[suffix]
    return None


def expand_inputs(targets: Iterable[str]) -> tuple[list[Input], list[InputError]]:
    """Files, folders (recursively, in name order) and URLs to read, and those that cannot be."""
    inputs: list[Input] = []
    errors: list[InputError] = []
    for target in targets:
        if target.startswith(("http://", "https://")):
            inputs.append(Input(target))
            continue
        path = Path(target)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                inputs.append(Input(str(child), child))
        elif path.is_file():
            inputs.append(Input(str(path), path))
        else:
            errors.append(InputError(target, "no such file or folder"))
    return inputs, errors


def iter_articles(item: Input) -> Iterator[Article | InputError]:
    """The articles of one input, or the errors that stopped them; never raises InputError."""
    try:
        yield from _read(item)
    except InputError as err:
        yield err


def _read(item: Input) -> Iterator[Article | InputError]:
    if item.is_url:
        yield from read_feed(_fetch(item.name), item.name)
        return
    assert item.path is not None
    kind = format_of(item.name)
    if kind is None:
        raise UnsupportedInput(item.name, f"unsupported file type '{item.path.suffix or item.path.name}' (expected .txt, .html, .json, .jsonl, .rss/.atom/.xml, .warc[.gz])")
    size = item.path.stat().st_size
    limit = MAX_ARTICLE_BYTES if kind in _SINGLE_ARTICLE else MAX_CONTAINER_BYTES
    if size > limit:
        raise InputTooLarge(item.name, f"too large for a {kind} input: {size:,} bytes (limit {limit:,})")
    if kind == "warc":
        with item.path.open("rb") as stream:
            yield from read_warc(stream, item.name)
        return
    data = item.path.read_bytes()
    if kind == "feed":
        yield from read_feed(data, item.name)
        return
    text = decode_bytes(data, item.name)
    if kind == "text":
        yield Article(
            text=text, source=item.name, title=headline_of(text),
            published=published_from_name(item.name) or published_from_dateline(text),
        )
    elif kind == "html":
        yield read_html(text, item.name)
    elif kind == "json":
        yield from read_json(text, item.name)
    elif kind == "jsonl":
        yield from read_jsonl(text, item.name)


def headline_of(text: str) -> str | None:
    """The first line of a plain-text story when it stands alone like a headline."""
    head, _, rest = text.lstrip("\ufeff").lstrip().partition("\n")
    head = head.strip()
    if head and len(head) <= 200 and rest.startswith("\n") and not head.endswith((".", ",", ";")):
        return head
    return None


def _fetch(url: str) -> bytes:
    """Download a feed (the only thing Flashpoint fetches, and only when the user names a URL)."""
    request = urllib.request.Request(url, headers={"User-Agent": "flashpoint/0.1 (+feed reader)"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_S) as response:
            data = response.read(MAX_CONTAINER_BYTES + 1)
    except (OSError, ValueError) as err:
        raise FetchFailed(url, f"could not fetch: {err}") from err
    if len(data) > MAX_CONTAINER_BYTES:
        raise InputTooLarge(url, "feed larger than the limit")
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.GzipFile(fileobj=io.BytesIO(data)).read()
        except OSError as err:
            raise MalformedInput(url, f"bad gzip data: {err}") from err
    return data
