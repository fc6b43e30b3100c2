"""Rows to the user's chosen format: a rich table, JSON Lines or CSV."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table


class OutputFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return None
    return value


def flat(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts as dotted columns (source.id, place.lat) for CSV and tables."""
    columns: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            columns.update(flat(value, name + "."))
        else:
            columns[name] = _plain(value)
    return columns


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: None is empty, and text that a spreadsheet would run as a
    formula gets a leading apostrophe (numbers keep their sign)."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def write_rows(
    rows: Sequence[dict[str, Any]],
    fmt: OutputFormat,
    table_columns: Sequence[str] | None = None,
    stream: TextIO | None = None,
    title: str | None = None,
) -> None:
    stream = stream or sys.stdout
    if fmt is OutputFormat.jsonl:
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False, default=_plain) + "\n")
        return
    flat_rows = [flat(row) for row in rows]
    if fmt is OutputFormat.csv:
        columns = list(dict.fromkeys(k for row in flat_rows for k in row))
        writer = csv.DictWriter(stream, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in flat_rows)
        return
    columns = list(table_columns or (flat_rows[0].keys() if flat_rows else []))
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in flat_rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    Console(file=stream, width=200 if not stream.isatty() else None).print(table)
