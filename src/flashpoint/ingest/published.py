"""Publication dates as the sources give them (ISO, RFC 822, free text) to YYYY-MM-DD."""

from __future__ import annotations

import re
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime

import dateparser

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def normalise_published(value: object) -> str | None:
    """The calendar day of a publication date, or None when it cannot be read."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    text = str(value).strip()
    if _ISO_DAY.match(text):
        try:
            return date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    parsed = dateparser.parse(text, languages=["en"], settings={"STRICT_PARSING": True})
    return parsed.date().isoformat() if parsed else None
