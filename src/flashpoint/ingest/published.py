"""Publication dates as the sources give them (ISO, RFC 822, free text) to YYYY-MM-DD."""

from __future__ import annotations

import re
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime

import dateparser

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_MAX_DATE_CHARS = 100


def normalise_published(value: object) -> str | None:
    """The calendar day of a publication date, or None when it cannot be read."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        try:
            return date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
        except ValueError:
            return None
    text = str(value).strip()
    if len(text) > _MAX_DATE_CHARS:
        return None  # not a date; dateparser would only spend time on it
    if _ISO_DAY.match(text):
        try:
            return date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    try:
        parsed = dateparser.parse(text, languages=["en"], settings={"STRICT_PARSING": True})
    except (ValueError, OverflowError, TypeError, LookupError):
        return None
    return parsed.date().isoformat() if parsed else None


_NAME_DAY = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_DATELINE = re.compile(
    rf"\b(?:(?:{_MONTHS})\.? \d{{1,2}},? \d{{4}}|\d{{1,2}} (?:{_MONTHS})\.? \d{{4}})\b"
)
# A dateline stands at the head of a story; a full date further down is about an event.
_DATELINE_WINDOW = 400


def published_from_name(name: str) -> str | None:
    """A YYYY-MM-DD in a file's name, as archives and analysts commonly name stories."""
    match = _NAME_DAY.search(name.rsplit("/", 1)[-1])
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return None


def published_from_dateline(text: str) -> str | None:
    """A full date ("February 20, 2025", "3 March 2024") in the first lines of a plain-text story."""
    match = _DATELINE.search(text[:_DATELINE_WINDOW])
    return normalise_published(match.group(0)) if match else None
