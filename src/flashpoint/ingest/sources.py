"""From what the user names (files, folders, URLs) to articles, whatever the format."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from flashpoint.errors import InputError, InputTooLarge, MalformedInput, UnsupportedInput
from flashpoint.ingest import limits
from flashpoint.ingest.bounded import gunzip_bytes
from flashpoint.ingest.feeds import read_feed
from flashpoint.ingest.fetch import fetch
from flashpoint.ingest.html import read_html
from flashpoint.ingest.published import published_from_dateline, published_from_name
from flashpoint.ingest.records import read_json, read_jsonl
from flashpoint.ingest.text import decode_bytes
from flashpoint.ingest.warc import read_warc
from flashpoint.models import Article

# Size limits live in flashpoint.ingest.limits (defaults, and the flags that change them).

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
    except (MemoryError, RecursionError, ValueError, TypeError, LookupError, OSError, UnicodeError, AttributeError) as err:
        # A reader library choking on hostile bytes: the input is named, the batch goes on.
        yield MalformedInput(item.name, f"could not be read ({type(err).__name__}: {' '.join(str(err).split())[:200]})")


def _read(item: Input) -> Iterator[Article | InputError]:
    if item.is_url:
        yield from _read_url(item.name)
        return
    assert item.path is not None
    kind = format_of(item.name)
    if kind is None:
        raise UnsupportedInput(item.name, f"unsupported file type '{item.path.suffix or item.path.name}' (expected .txt, .html, .json, .jsonl, .rss/.atom/.xml, .warc[.gz])")
    size = item.path.stat().st_size
    bound = limits.current()
    limit, flag = (
        (bound.max_file_bytes, "--max-file-mb") if kind in _SINGLE_ARTICLE
        else (bound.max_decompressed_bytes, "--max-decompressed-mb") if kind == "warc"
        else (bound.max_container_bytes, "--max-container-mb")
    )
    if size > limit:
        raise InputTooLarge(item.name, f"too large for a {kind} input: {size:,} bytes (limit {limit:,}; {flag})")
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
        text = limits.bounded_text(text, item.name)
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


def _read_url(url: str) -> Iterator[Article | InputError]:
    """A URL the user named: a feed, or a page when the server says it is HTML."""
    fetched = fetch(url)
    data = gunzip_bytes(fetched.data, url)  # a .gz served without Content-Encoding
    if "html" in fetched.content_type.lower():
        yield read_html(data, url, url=fetched.url)
    else:
        yield from read_feed(data, url)
