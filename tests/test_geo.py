"""Geoparser: gazetteer aliases, recognition, disambiguation and event location."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flashpoint.errors import DataFileError
from flashpoint.geo import Geoparser, locate_event
from flashpoint.geo.datafiles import data_dir, read_aliases
from flashpoint.geo.gazetteer import source_fingerprint
from flashpoint.models import Span


def places(nlp, parser, text):
    return parser.find_places(nlp(text))


def by_text(found, text):
    hits = [p for p in found if p.text == text or p.text.startswith(text + " ")]
    assert hits, f"{text!r} not found in {[p.text for p in found]}"
    return hits[0]


def test_population_default(nlp, parser):
    p = by_text(places(nlp, parser, "Ministers met in Paris on Monday to discuss the ceasefire."), "Paris")
    assert p.country == "FRA" and p.feature == "city"


def test_document_focus_prefers_the_countries_in_the_text(nlp, parser):
    text = ("Louisiana State Police said the fire spread across Rapides Parish on Sunday. "
            "Firefighters from Pineville and Alexandria fought it for hours.")
    assert by_text(places(nlp, parser, text), "Alexandria").country == "USA"


def test_list_context_keeps_districts_together(nlp, parser):
    found = places(nlp, parser, "Iraqi forces retook Hawija, Riyadh and Rashad in Kirkuk province last year.")
    riyadh = by_text(found, "Riyadh")
    assert riyadh.country == "IRQ"
    assert by_text(found, "Kirkuk").feature == "admin1"


def test_riyadh_alone_is_the_saudi_capital(nlp, parser):
    assert by_text(places(nlp, parser, "The foreign minister flew to Riyadh on Tuesday."), "Riyadh").country == "SAU"


@pytest.mark.parametrize("text,name,country", [
    ("A car bomb exploded in Mosul, Iraq, on Friday.", "Mosul", "IRQ"),
    ("Coalition jets struck targets near Raqqa, Syria.", "Raqqa", "SYR"),
])
def test_container_after_a_comma(nlp, parser, text, name, country):
    assert by_text(places(nlp, parser, text), name).country == country


def test_the_province_town_of(nlp, parser):
    found = places(nlp, parser, "Militants overran the Anbar town of Al Qaim before dawn.")
    qaim = by_text(found, "Al Qaim")
    assert qaim.country == "IRQ" and qaim.admin1 == "Al Anbar" and qaim.feature == "city"


def test_province_versus_town(nlp, parser):
    area = by_text(places(nlp, parser, "Fighting spread across Kirkuk province overnight."), "Kirkuk")
    town = by_text(places(nlp, parser, "A bomb hit a market in Kirkuk overnight."), "Kirkuk")
    assert area.feature == "admin1" and area.text == "Kirkuk province"
    assert town.feature == "city" and town.country == "IRQ"


def test_demonyms_are_not_places(nlp, parser):
    found = places(nlp, parser, "Iraqi and Syrian officials met Kurdish leaders in Erbil.")
    assert [p.text for p in found] == ["Erbil"]


@pytest.mark.parametrize("spelling", ["Deir ez-Zor", "Deir Ezzor", "Dayr az Zawr", "Deir el-Zour"])
def test_transliterations_resolve_to_one_place(nlp, parser, spelling):
    p = by_text(places(nlp, parser, f"Airstrikes hit positions in {spelling} on Sunday."), spelling.split()[0])
    assert p.country == "SYR" and p.geonameid == 170794 and p.name == "Deir ez-Zor"


def test_regions_from_the_alias_file(nlp, parser):
    found = places(nlp, parser, "Militants attacked a checkpoint in the Sinai Peninsula and fired into the Gaza Strip.")
    assert by_text(found, "Sinai Peninsula").country == "EGY"
    assert by_text(found, "Gaza Strip").country == "PSE"


def test_event_location_is_the_attached_place_not_the_origin(nlp, parser):
    text = "Fighters who came from Syria attacked a checkpoint in Tal Afar on Monday."
    doc = nlp(text)
    found = parser.find_places(doc)
    start = text.index("attacked")
    where = locate_event(doc, Span(0, len(text), text), Span(start, start + 8, "attacked"), found)
    assert where is not None and where.text == "Tal Afar" and where.country == "IRQ"


def test_event_location_through_a_noun_trigger(nlp, parser):
    text = "An attack on a convoy in Diyala province killed five soldiers, officials in Baghdad said."
    doc = nlp(text)
    found = parser.find_places(doc)
    where = locate_event(doc, Span(0, len(text), text), Span(3, 9, "attack"), found)
    assert where is not None and where.name == "Diyala"


def test_event_location_none_without_places(nlp, parser):
    text = "The militants attacked a checkpoint on Monday."
    doc = nlp(text)
    assert locate_event(doc, Span(0, len(text), text), Span(14, 22, "attacked"), parser.find_places(doc)) is None


def test_bad_alias_line_raises_data_file_error(tmp_path):
    path = tmp_path / "aliases.tsv"
    path.write_text(
        "# comment\n"
        "names\tfeature\tcountry\tadmin1\tlat\tlon\tgeonameid\tcontext\n"
        "Green Zone\tfeature\tIRQ\tBaghdad\t33.3\t44.39\t\t\n"
        "Nowhere\tcity\tIRQ\t\tninety\t44.0\t\t\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as err:
        read_aliases(path, {"IRQ"})
    assert err.value.line == 4 and "lat" in err.value.reason


def test_unknown_country_in_alias_line(tmp_path):
    path = tmp_path / "aliases.tsv"
    path.write_text("names\tfeature\tcountry\tadmin1\tlat\tlon\tgeonameid\tcontext\n"
                    "Somewhere\tcity\tXYZ\t\t1\t2\t\t\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="line 2"):
        read_aliases(path, {"IRQ"})


def test_shipped_alias_file_is_valid():
    import pycountry

    rows = read_aliases(data_dir() / "aliases.tsv", {c.alpha_3 for c in pycountry.countries} | {"XKX"})
    assert any("Deir Ezzor" in r.names for r in rows)


def test_cache_key_changes_with_the_data(tmp_path):
    copy = tmp_path / "gazetteer"
    shutil.copytree(data_dir(), copy)
    before = source_fingerprint(copy)
    with open(copy / "aliases.tsv", "a", encoding="utf-8") as handle:
        handle.write("Test Hill\tfeature\tIRQ\t\t33.0\t44.0\t\t\n")
    assert source_fingerprint(copy) != before
    assert Path(data_dir() / "aliases.tsv").exists()


def test_a_name_that_is_a_place_only_sometimes_needs_context(nlp, parser):
    assert not [p for p in places(nlp, parser, "Jordan Henderson scored twice on Saturday.") if p.country == "JOR"]
    assert by_text(places(nlp, parser, "Refugees crossed into Jordan overnight."), "Jordan").country == "JOR"


def test_a_town_the_model_calls_a_person_is_found_by_the_gazetteer(nlp, parser):
    found = places(nlp, parser, "Government troops pushed into Tal Afar and Al Qaim on Tuesday.")
    assert by_text(found, "Tal Afar").country == "IRQ"
