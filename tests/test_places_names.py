"""Names of places added in the third places round: English names of first-level areas, the
points of vast areas, area names used for people, streets. Every sentence is written for the
test; none comes from an annotated set."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import found

from flashpoint.errors import DataFileError
from flashpoint.geo.build import build_index
from flashpoint.geo.datafiles import data_dir, read_area_points
from flashpoint.geo.gazetteer import haversine_km
from flashpoint.geo.text import fold


def areas(gazetteer, name, country):
    return [e for e in (gazetteer.entry(i) for i, _ in gazetteer.lookup(fold(name)))
            if e.feature == "admin1" and e.country == country]


# ----- English names of first-level areas (country_state_city's, where pycountry has the local one)

def test_areas_are_found_by_their_english_names(nlp, parser):
    places = found(nlp, parser, "Storms cut power across Bavaria and Tuscany on Sunday, and "
                                "flooding closed roads in Catalonia.")
    by_text = {p.text: (p.country, p.feature) for p in places}
    assert by_text == {"Bavaria": ("DEU", "admin1"), "Tuscany": ("ITA", "admin1"),
                       "Catalonia": ("ESP", "admin1")}


def test_an_english_area_name_that_is_a_towns_stays_the_town(nlp, parser):
    places = found(nlp, parser, "Thousands of people marched through Valencia, Spain, on Saturday, "
                                "and through Alexandria and Cairo a day later.")
    by_text = {p.text: (p.feature, p.country) for p in places}
    assert by_text["Valencia"] == ("city", "ESP") and by_text["Alexandria"] == ("city", "EGY")


def test_a_generic_english_area_name_is_no_key(gazetteer):
    # Brazil's "Federal District" (pycountry: "Distrito Federal") gives no key "Federal": a word
    # of many agencies' names ("Federal Reserve"), never a place alone
    assert not any(gazetteer.entry(i).feature == "admin1" for i, _ in gazetteer.lookup("federal"))
    assert areas(gazetteer, "Distrito Federal", "BRA")


# ----- points of vast areas (GeoNames')

def test_vast_areas_take_the_points_of_the_area_points_file(gazetteer):
    path = data_dir() / "area_points.tsv"
    import pycountry

    rows = read_area_points(path, {c.alpha_3 for c in pycountry.countries})
    assert len(rows) >= 10
    for _, country, area, lat, lon in rows:
        (entry,) = areas(gazetteer, area, country)
        assert haversine_km(entry.lat, entry.lon, lat, lon) < 1, area


def test_ontario_lies_in_the_south_of_the_province_where_gazetteers_put_it(gazetteer):
    (ontario,) = areas(gazetteer, "Ontario", "CAN")
    toronto = max((gazetteer.entry(i) for i, _ in gazetteer.lookup("toronto")), key=lambda e: e.population)
    assert haversine_km(ontario.lat, ontario.lon, toronto.lat, toronto.lon) < 800
    assert ontario.lat < 50


def test_an_unknown_area_in_the_area_points_file_is_an_error_naming_the_line(tmp_path: Path):
    copy = tmp_path / "gazetteer"
    shutil.copytree(data_dir(), copy)
    with open(copy / "area_points.tsv", "a", encoding="utf-8") as handle:
        handle.write("CAN\tAtlantis\t50.0\t-90.0\n")
    with pytest.raises(DataFileError) as err:
        build_index(copy)
    assert "area_points.tsv" in str(err.value) and "Atlantis" in str(err.value)


def test_a_bad_number_in_the_area_points_file_is_an_error(tmp_path: Path):
    path = tmp_path / "area_points.tsv"
    path.write_text("country\tarea\tlat\tlon\nCAN\tOntario\tnorth\t-84.5\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="lat 'north' is not a number"):
        read_area_points(path, {"CAN"})


# ----- an area's name used for a person

def test_an_area_name_the_model_calls_a_person_needs_context(nlp, parser):
    places = found(nlp, parser, "The suspect drove off with his niece, Brittany, on Friday, "
                                "the sheriff of Marion County said.")
    assert not any(p.country == "FRA" for p in places)


def test_an_area_after_a_preposition_is_still_a_place(nlp, parser):
    places = found(nlp, parser, "Farmers in Brittany blocked roads with tractors on Monday.")
    assert [(p.text, p.country) for p in places] == [("Brittany", "FRA")]


# ----- streets

def test_a_street_named_after_a_town_is_not_the_town(nlp, parser):
    places = found(nlp, parser, "Firefighters were called to a house on Dublin Road in Columbus, "
                                "Ohio, late on Tuesday.")
    assert not any(p.text == "Dublin" for p in places)
    assert any(p.text == "Columbus" and p.country == "USA" for p in places)


def test_a_county_road_still_names_the_county(nlp, parser):
    places = found(nlp, parser, "Deputies found the car near Polk County Road 540, east of Lakeland, Florida.")
    assert any(p.text == "Polk County" and p.admin1 == "Florida" for p in places)


# ----- makes of car, people in the possessive

def test_a_make_of_car_after_a_model_year_is_no_town(nlp, parser):
    text = ("Deputies said the driver lost control of a 1998 Honda on Elm Street in Gainesville, Florida. "
            "The Honda rolled into a ditch.")
    places = found(nlp, parser, text)
    assert not any(p.name == "Honda" for p in places)
    assert any(p.text == "Gainesville" and p.country == "USA" for p in places)


def test_a_year_before_an_event_named_after_a_county_keeps_the_county(nlp, parser):
    places = found(nlp, parser, "The 2009 Polk County Fair opens on Friday in Bartow, Florida.")
    assert any(p.text.startswith("Polk County") and p.admin1 == "Florida" for p in places)


def test_a_persons_name_in_the_possessive_is_no_place(nlp, parser):
    text = ("Lawmakers cheered when Maria Obama spoke. A clause in Obama's bill would cut aid to "
            "farmers in Iowa, Obama said.")
    places = found(nlp, parser, text)
    assert not any(p.country == "JPN" for p in places)


# ----- the country of a text that names none

def test_a_tiny_namesake_abroad_gives_way_in_a_text_whose_towns_lie_in_one_country(nlp, parser):
    text = ("Council members in Arlington approved the permit on Tuesday. Titan will drill near "
            "Fort Worth and Grand Prairie next year, the company said.")
    places = found(nlp, parser, text)
    assert {p.country for p in places} == {"USA"}


def test_a_settlement_cue_does_not_keep_a_famous_namesake_abroad(nlp, parser):
    text = ("The City of Paris will repave two streets, the mayor said. Work in Paris starts after "
            "crews finish in Danville and Champaign, and Edgar County will pay part of the cost.")
    paris = [p for p in found(nlp, parser, text) if p.text == "Paris"]
    assert paris and {p.country for p in paris} == {"USA"}


# ----- places inside other names

def test_a_county_inside_a_persons_or_a_buildings_name_is_a_place(nlp, parser):
    text = ("Alachua County Sheriff Tom Reed said the man was held at the Marion County Jail after "
            "the crash near Gainesville.")
    places = found(nlp, parser, text)
    counties = {p.text: p.admin1 for p in places if p.feature == "admin2"}
    assert counties.get("Alachua County") == "Florida"


def test_a_state_named_the_state_of_is_a_place(nlp, parser):
    places = found(nlp, parser, "The State of Illinois will pay for the new bridge at Quincy, officials said.")
    assert any(p.text == "Illinois" and p.feature == "admin1" for p in places)


def test_the_gulf_of_mexico_is_not_mexico(nlp, parser):
    places = found(nlp, parser, "The river runs south from Tyler, Texas, to the Gulf of Mexico near Beaumont.")
    assert not any(p.text == "Mexico" and p.feature == "country" for p in places)


# ----- datelines and bracketed names

def test_a_wire_dateline_keeps_the_capital_in_a_story_about_a_state(nlp, parser):
    text = ("WASHINGTON — Lawmakers voted on Tuesday to send flood aid to Pennsylvania, where "
            "rivers rose in Pittsburgh and Harrisburg last week.")
    washington = [p for p in found(nlp, parser, text) if p.text == "WASHINGTON"]
    assert washington and washington[0].lat is not None and abs(washington[0].lat - 38.9) < 0.5


def test_an_area_with_its_other_names_in_brackets_is_found_by_each(gazetteer):
    # pycountry: "Wales [Cymru GB-CYM]", "Illes Balears [Islas Baleares]"
    assert areas(gazetteer, "Wales", "GBR") and areas(gazetteer, "Cymru", "GBR")
    assert areas(gazetteer, "Islas Baleares", "ESP")
    assert not any(gazetteer.entry(i).feature == "admin1" for i, _ in gazetteer.lookup("city"))
