"""HTML page to article: the main text and the page's metadata, through trafilatura."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import trafilatura

from flashpoint.errors import EmptyInput
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


def read_html(html: str | bytes, source: str, url: str | None = None) -> Article:
    """The article of an HTML page with title, canonical URL, outlet and publication date."""
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
        text=text,
        source=source,
        title=title,
        url=result.url or url,
        outlet=(result.sitename or "").strip() or None,
        published=result.date or None,
    )
