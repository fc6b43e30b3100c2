"""Shared test helpers: the real CLI in a subprocess, the fixture folders, the gold sets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT / "examples" / "corpus"
GOLD = ROOT.parent / "shared" / "gold"


def run_cli(*args: str, timeout: int = 300, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`flashpoint ARGS...` as a user runs it; returns the finished process."""
    full_env = {**os.environ, "COLUMNS": "200", **(env or {})}
    full_env.pop("FLASHPOINT_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "flashpoint", *args],
        capture_output=True, text=True, timeout=timeout, env=full_env, cwd=ROOT,
    )


@pytest.fixture(scope="session")
def nlp():
    from flashpoint.nlp.model import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def gazetteer():
    from flashpoint.geo import Gazetteer

    return Gazetteer.load()


@pytest.fixture(scope="session")
def parser(gazetteer):
    from flashpoint.geo import Geoparser

    return Geoparser(gazetteer)


def found(nlp, parser, text):
    """The places the geoparser finds in `text`."""
    return parser.find_places(nlp(text))


def where(nlp, parser, text, trigger):
    """The place the geoparser gives the event whose trigger is the first `trigger` of `text`."""
    from flashpoint.geo import locate_event
    from flashpoint.models import Span

    doc = nlp(text)
    places = parser.find_places(doc)
    start = text.index(trigger)
    sentence = next(s for s in doc.sents if s.start_char <= start < s.end_char)
    return locate_event(doc, Span(sentence.start_char, sentence.end_char, sentence.text),
                        Span(start, start + len(trigger), trigger), places)


@pytest.fixture(scope="session")
def extractor():
    from flashpoint.api import get_extractor

    return get_extractor()


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> Path:
    """A real DuckDB store holding the bundled example corpus, built once per test session."""
    from flashpoint.api import ingest

    db = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"
    report = ingest([str(CORPUS)], db=db)
    assert report.new > 0, "the example corpus stored nothing"
    return db
