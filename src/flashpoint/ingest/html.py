"""HTML page to article: the main text and the page's metadata, through trafilatura."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import trafilatura

from flashpoint.errors import EmptyInput, MalformedInput
from flashpoint.ingest import limits
from flashpoint.models import Article

# Pages published before this are rare in news archives; a date outside [1990, today+1] from
# metadata is more often a template's copyright year than the article's date.
_DATE_PARAMS = {"original_date": True, "extensive_search": False}


@lru_cache(maxsize=1)
def boilerplate() -> tuple[frozenset[str], re.Pattern[str] | None]:
    """Lines such as "Advertisements" or "Share this:" that are never part of an article."""
    text = resources.files("flashpoint.data").joinpath("boilerplate.txt").read_text(encoding="utf-8")
    entries = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    exact = frozenset(e.lower() for e in entries if not e.startswith("~ "))
    patterns = [e[2:] for e in entries if e.startswith("~ ")]
    return exact, re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None


def _is_boilerplate(line: str) -> bool:
    exact, pattern = boilerplate()
    stripped = line.strip()
    if re.sub(r"[\s:.…!]+$", "", stripped.lower()) in exact:
        return True
    return bool(pattern and pattern.fullmatch(stripped))


def strip_boilerplate(text: str, title: str | None = None) -> str:
    """Drop leftover boilerplate lines, and the headline when it opens the body (kept as title)."""
    lines = [line for line in text.splitlines() if not _is_boilerplate(line)]
    if title and lines and lines[0].strip() == title.strip():
        lines = lines[1:]
    return "\n".join(lines).strip()


# A tag, roughly as a browser's tokenizer sees it: enough to count nesting without parsing.
_TAG = r"<(/?)([A-Za-z][A-Za-z0-9:-]*)(?:\s[^>]*)?>"
# Elements that never hold others, or whose end tag HTML lets a page leave out (so that an
# unclosed <p> or <li> is not counted as nesting).
_NOT_NESTING = frozenset(
    "area base br col embed hr img input link meta param source track wbr p li dt dd tr td th "
    "option optgroup rt rp thead tbody tfoot colgroup caption".split()
)


@lru_cache(maxsize=8)
def _patterns(size: int, binary: bool) -> tuple[re.Pattern, re.Pattern]:  # type: ignore[type-arg]
    """The tag pattern and the pattern of an attribute value of `size` characters or more."""
    long_value = r"""\s[A-Za-z_:][-A-Za-z0-9_:.]*\s*=\s*(?:"[^"]{%d,}"|'[^']{%d,}')""" % (size, size)
    if binary:
        return re.compile(_TAG.encode()), re.compile(long_value.encode())
    return re.compile(_TAG), re.compile(long_value)


def bounded_html(html: str | bytes, source: str) -> str | bytes:
    """The page with overlong attribute values dropped; MalformedInput when it nests too deep.

    Regular expressions, not a parser, on purpose: the check must cost little on any input, and
    must run before lxml, whose own limits end in an unhelpful empty result.
    """
    bound = limits.current()
    binary = isinstance(html, bytes)
    tag, long_value = _patterns(bound.max_attribute_chars, binary)
    if len(html) > bound.max_attribute_chars:  # else no attribute can be too long
        html = long_value.sub(b" " if binary else " ", html)  # type: ignore[call-overload]
    depth = deepest = 0
    slash = b"/>" if binary else "/>"
    for match in tag.finditer(html):
        name = match.group(2).lower()
        if isinstance(name, bytes):
            name = name.decode("ascii")
        if name in _NOT_NESTING or match.group(0).endswith(slash):
            continue
        depth = max(depth - 1, 0) if match.group(1) else depth + 1
        if depth > deepest:
            deepest = depth
            if deepest > bound.max_html_depth:
                raise MalformedInput(source, f"HTML nested deeper than {bound.max_html_depth} elements (--max-html-depth)")
    return html


def read_html(html: str | bytes, source: str, url: str | None = None) -> Article:
    """The article of an HTML page with title, canonical URL, outlet and publication date."""
    html = bounded_html(html, source)
    result = trafilatura.bare_extraction(
        html,
        url=url,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
        date_extraction_params=_DATE_PARAMS,
    )
    if result is None or not (result.text or "").strip():
        raise EmptyInput(source, "HTML page has no article text that could be extracted")
    title = (result.title or "").strip() or None
    text = strip_boilerplate(result.text, title)
    if not text:
        raise EmptyInput(source, "HTML page has no article text once boilerplate is removed")
    return Article(
        text=limits.bounded_text(text, source),
        source=source,
        title=limits.strip_controls(title)[:1000] if title else None,
        url=result.url or url,
        outlet=(result.sitename or "").strip() or None,
        published=result.date or None,
    )
