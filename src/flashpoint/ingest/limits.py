"""The bounds every reader keeps to: sizes, ratios, lengths, nesting, time; one set per process.

The defaults suit news; `flashpoint ingest` flags change them for one run (`configure`). Each
bound ends in a named error (InputTooLarge, MalformedInput) or, for an overlong article, a
truncation with a warning naming the file, never in a process killed for memory.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, fields, replace

MIB = 1024 * 1024
log = logging.getLogger("flashpoint.ingest")


@dataclass(frozen=True)
class Limits:
    """Every input bound, with its default."""

    max_file_bytes: int = 10 * MIB  # one article in a file (.txt, .html, one upload)
    max_container_bytes: int = 1024 * MIB  # a file of many articles read whole (.json, .jsonl, feed)
    max_decompressed_bytes: int = 4 * 1024 * MIB  # a WARC (read as a stream), and what its .gz may inflate to
    max_ratio: int = 100  # decompressed / compressed; news HTML compresses 5-20 times
    ratio_after_bytes: int = 10 * MIB  # the ratio is judged once this much is inflated
    max_record_bytes: int = 10 * MIB  # one WARC record's payload, one fetched page
    max_article_chars: int = 1_000_000  # longer text is truncated, with a warning
    max_html_depth: int = 256  # element nesting; deeper pages are refused (lxml stops there too)
    max_attribute_chars: int = 64 * 1024  # a longer attribute value is dropped before parsing
    extract_timeout_s: float = 120.0  # one article's extraction; 0 turns the limit off
    max_fetch_bytes: int = 50 * MIB  # one URL's body, decompressed
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 30.0
    max_redirects: int = 5
    allow_private: bool = False  # fetch loopback/private addresses too (or FLASHPOINT_ALLOW_PRIVATE=1)


_current = Limits()


def current() -> Limits:
    """The limits in force."""
    return _current


def configure(**changes: object) -> Limits:
    """Change some limits (None leaves one as it is) and return the previous set, to restore."""
    global _current
    previous = _current
    known = {f.name for f in fields(Limits)}
    unknown = set(changes) - known
    if unknown:
        raise TypeError(f"unknown limits: {', '.join(sorted(unknown))}")
    _current = replace(_current, **{k: v for k, v in changes.items() if v is not None})
    return previous


def restore(limits: Limits) -> None:
    global _current
    _current = limits


# Unicode's control characters (category Cc) other than tab, line feed, form feed and return.
CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """Text without control characters (NUL, escapes, C1 codes) that no article means to hold."""
    return CONTROLS.sub("", text)


def bounded_text(text: str, source: str) -> str:
    """The text without control characters, cut at max_article_chars with a warning naming the source."""
    text = strip_controls(text)
    limit = _current.max_article_chars
    if len(text) > limit:
        log.warning("%s: article truncated to %s characters (it has %s; --max-article-chars)", source, f"{limit:,}", f"{len(text):,}")
        cut = text.rfind("\n", 0, limit)
        text = text[: cut if cut > limit // 2 else limit]
    return text
