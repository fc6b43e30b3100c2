"""Corrections to the rule lemmatizer's wrong guesses for verb forms ("staged" -> "stag").

spaCy's English rule lemmatizer strips a suffix and keeps the first candidate its word list knows,
so "staged", "waged" and "raged" become "stag", "wag" and "rag", and the event stage then misses
"staged a protest" or "waged attacks". The corrections are data (``data/lexicon/lemmas.tsv``:
form, part of speech, lemma); this component applies them after the lemmatizer.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from flashpoint.datafiles import read_table
from flashpoint.errors import DataFileError

_POS = frozenset({"VERB", "NOUN", "ADJ", "AUX"})


def read_fixes(path: Path) -> dict[tuple[str, str], str]:
    """(lower-case form, part of speech) -> lemma; a bad line raises DataFileError."""
    fixes = {}
    for number, row in read_table(path, ["form", "pos", "lemma"]):
        if not row["form"] or not row["lemma"]:
            raise DataFileError(str(path), number, "a form and a lemma are needed")
        if row["pos"] not in _POS:
            raise DataFileError(str(path), number, f"unknown part of speech '{row['pos']}' (one of {', '.join(sorted(_POS))})")
        fixes[(row["form"].lower(), row["pos"])] = row["lemma"].lower()
    return fixes


@lru_cache(maxsize=1)
def default_fixes() -> dict[tuple[str, str], str]:
    """The packaged corrections, read once per process."""
    return read_fixes(Path(str(resources.files("flashpoint") / "data" / "lexicon" / "lemmas.tsv")))


@Language.component("lemma_fixes")
def lemma_fixes(doc: Doc) -> Doc:
    """Set the corrected lemma of every token whose form and part of speech the table names."""
    fixes = default_fixes()
    for token in doc:
        lemma = fixes.get((token.lower_, token.pos_))
        if lemma is not None:
            token.lemma_ = lemma
    return doc
