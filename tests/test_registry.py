"""The actor registry files: loaded, counted and checked line by line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flashpoint.errors import DataFileError
from flashpoint.nlp.registry import DATA_DIR, load_registry, read_registry


def test_shipped_registry_loads_with_enough_actors():
    counts = load_registry().counts()
    assert counts["countries"] >= 240
    assert counts["groups"] >= 150
    assert counts["igos"] >= 40 and counts["ngos"] >= 20
    assert counts["person_roles"] >= 300


def test_registry_is_cached():
    assert load_registry() is load_registry()


def test_person_roles_by_date():
    maliki = load_registry().people["NOURI_AL_MALIKI"]
    assert maliki.at("2010-01-01") == ("IRQ", "GOV")
    assert maliki.at("2016-01-01") == ("IRQ", None)
    assert maliki.at("2000-01-01") == ("IRQ", None)


@pytest.fixture()
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "actors"
    shutil.copytree(DATA_DIR, target)
    return target


def _append(path: Path, line: str) -> int:
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + line + "\n", encoding="utf-8")
    return len((text + line).splitlines())


def test_bad_sector_names_file_and_line(copy: Path):
    line = _append(copy / "groups.tsv", "NEWGROUP\tNew Group\tIRQ\tXYZ\tNew Group")
    with pytest.raises(DataFileError) as err:
        read_registry(copy)
    assert err.value.line == line
    assert err.value.path.endswith("groups.tsv")
    assert "XYZ" in err.value.reason


def test_bad_country_code(copy: Path):
    line = _append(copy / "groups.tsv", "NEWGROUP\tNew Group\tXXX\tREB\tNew Group")
    with pytest.raises(DataFileError, match=f"line {line}"):
        read_registry(copy)


def test_bad_date_in_people(copy: Path):
    line = _append(copy / "people.tsv", "Jane Doe\t\tIRQ\tGOV\tMinister\t2020-13\t")
    with pytest.raises(DataFileError) as err:
        read_registry(copy)
    assert err.value.line == line and "YYYY-MM-DD" in err.value.reason


def test_duplicate_id(copy: Path):
    _append(copy / "organizations.tsv", "ISIS\tAgain\t\tIGO\tAgain")
    with pytest.raises(DataFileError, match="already used"):
        read_registry(copy)


def test_wrong_number_of_columns(copy: Path):
    line = _append(copy / "countries.tsv", "IRQ\tname\t\tIraq\textra")
    with pytest.raises(DataFileError, match=f"line {line}"):
        read_registry(copy)


def test_comments_and_blank_lines_are_allowed(copy: Path):
    _append(copy / "groups.tsv", "# an analyst's note\n\nNEWGROUP\tNew Group\tIRQ\tUAF\tNew Group|NG Militia")
    registry = read_registry(copy)
    assert registry.entries["NEWGROUP"].aliases == ("New Group", "NG Militia")
