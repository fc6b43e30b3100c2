"""JSON and JSON Lines dumps: one article per object with text, title, url, published, outlet."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from flashpoint.errors import EmptyInput, InputError, MalformedInput
from flashpoint.ingest import limits
from flashpoint.ingest.published import normalise_published
from flashpoint.models import Article


def article_from_record(record: Any, source: str) -> Article:
    """An Article from one JSON object; the object must carry a non-empty `text`."""
    if not isinstance(record, dict):
        raise MalformedInput(source, f"expected a JSON object, found {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise MalformedInput(source, "JSON object has no `text` field (a string)")
    text = limits.bounded_text(text, source)
    if not text.strip():
        raise EmptyInput(source, "`text` is empty")
    published = record.get("published")
    return Article(
        text=text,
        source=source,
        title=_str_or_none(record.get("title")),
        url=_str_or_none(record.get("url")),
        outlet=_str_or_none(record.get("outlet")),
        published=normalise_published(published) if isinstance(published, (str, int, float)) else None,
        doc_id=_str_or_none(record.get("doc_id") or record.get("id")),
    )


def _str_or_none(value: Any) -> str | None:
    """A metadata field as text: strings and numbers kept, lists, objects and booleans dropped."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return limits.strip_controls(str(value)).strip()[:2000] or None


def read_json(text: str, source: str) -> Iterator[Article | InputError]:
    """A .json file: one object, or a list of objects."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise MalformedInput(source, f"malformed JSON at line {err.lineno}, column {err.colno}: {err.msg}") from err
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records, start=1):
        name = f"{source}#{index}" if len(records) > 1 else source
        try:
            yield article_from_record(record, name)
        except InputError as err:
            yield err


def read_jsonl(text: str, source: str) -> Iterator[Article | InputError]:
    """A .jsonl file: one object a line; a bad line is reported and the others are read."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name = f"{source}:{number}"
        try:
            yield article_from_record(json.loads(line), name)
        except json.JSONDecodeError as err:
            yield MalformedInput(name, f"malformed JSON line (column {err.colno}: {err.msg})")
        except InputError as err:
            yield err
