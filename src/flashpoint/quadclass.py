"""Which PLOVER types count as cooperation and which as conflict (data/lexicon/plover_quadclass.tsv)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from flashpoint.datafiles import read_table
from flashpoint.errors import DataFileError

COLUMNS = ["type", "quadclass", "side"]
SIDES = ("cooperation", "conflict", "neutral")


def _path() -> Path:
    return Path(str(resources.files("flashpoint") / "data" / "lexicon" / "plover_quadclass.tsv"))


@lru_cache(maxsize=1)
def sides() -> dict[str, str]:
    """PLOVER type -> cooperation / conflict / neutral."""
    path = _path()
    table: dict[str, str] = {}
    for line, row in read_table(path, COLUMNS):
        if row["side"] not in SIDES:
            raise DataFileError(str(path), line, f"side must be one of {', '.join(SIDES)}, got {row['side']!r}")
        if not row["type"] or row["type"] != row["type"].upper():
            raise DataFileError(str(path), line, f"type must be an upper-case PLOVER type, got {row['type']!r}")
        table[row["type"]] = row["side"]
    return table


def known_types() -> tuple[str, ...]:
    return tuple(sides())


def side_of(event_type: str) -> str:
    return sides().get(event_type, "neutral")
