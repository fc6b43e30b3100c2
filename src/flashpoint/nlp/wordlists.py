"""Small word lists by kind (``data/lexicon/words.tsv``): time prepositions, reporting verbs..."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from flashpoint.datafiles import read_table
from flashpoint.errors import DataFileError

KINDS = ("time_prep", "quantity", "future_aux", "future_head", "reporting", "stopping", "sequence", "state_title")


@lru_cache(maxsize=1)
def _all() -> dict[str, frozenset[str]]:
    path = Path(str(resources.files("flashpoint") / "data" / "lexicon" / "words.tsv"))
    out: dict[str, set[str]] = {k: set() for k in KINDS}
    for number, row in read_table(path, ["word", "kind"]):
        if row["kind"] not in KINDS:
            raise DataFileError(str(path), number, f"unknown kind '{row['kind']}' (one of {', '.join(KINDS)})")
        if not row["word"]:
            raise DataFileError(str(path), number, "empty word")
        out[row["kind"]].add(row["word"].lower())
    return {k: frozenset(v) for k, v in out.items()}


def words(kind: str) -> frozenset[str]:
    """The lower-case words of one kind."""
    return _all()[kind]
