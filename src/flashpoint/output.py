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


def _flat(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts as dotted columns (source.id, place.lat) for CSV and tables."""
    flat: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flat(value, name + "."))
        else:
            flat[name] = _plain(value)
    return flat


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
    flat_rows = [_flat(row) for row in rows]
    if fmt is OutputFormat.csv:
        columns = list(dict.fromkeys(k for row in flat_rows for k in row))
        writer = csv.DictWriter(stream, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(flat_rows)
        return
    columns = list(table_columns or (flat_rows[0].keys() if flat_rows else []))
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in flat_rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    Console(file=stream, width=200 if not stream.isatty() else None).print(table)
