"""The geoparser's rules for places a reader would accept, one test (or a few) a rule.

Every sentence here is written for the test; none comes from an annotated set.
"""

from __future__ import annotations

import math

import pytest

from conftest import found, where

from flashpoint.evaluate import Report, score_place_errors
from flashpoint.geo.text import fold
from flashpoint.models import Article, Document, Event, EventPlace, Place


def texts(places):
    return [p.text for p in places]


def one(places, text):
    hits = [p for p in places if p.text == text]
    assert hits, f"{text!r} not among {texts(places)}"
    return hits[0]


# ----- recognition: what is not a place

def test_a_town_outside_the_documents_countries_is_dropped(nlp, parser):
    places = found(nlp, parser, "Myanmar's army shelled villages in Kani township of Sagaing Region, "
                                "and fighting spread towards Monywa, residents in Myanmar said.")
    assert "JPN" not in {p.country for p in places}
    assert one(places, "Sagaing Region").country == "MMR"


def test_an_explicit_container_places_a_town_anywhere(nlp, parser):
    place = one(found(nlp, parser, "Heavy rain flooded roads in Kani, Gifu, on Monday."), "Kani")
    assert place.country == "JPN"


def test_months_and_compass_words_are_not_places(nlp, parser):
    places = found(nlp, parser, "Talks in Addis Ababa collapsed in Nov, and the Eastern front "
                                "stayed quiet while Western diplomats waited.")
    assert texts(places) == ["Addis Ababa"]


def test_a_name_after_a_title_is_a_person(nlp, parser):
    places = found(nlp, parser, "Lt Col Sani Uba told reporters in Maiduguri that the road had reopened.")
    assert "Uba" not in texts(places)
    assert one(places, "Maiduguri").country == "NGA"


def test_the_head_of_a_group_name_must_lie_in_the_documents_countries(nlp, parser):
    places = found(nlp, parser, "Fano militiamen clashed with federal troops near Gondar in Ethiopia's "
                                "Amhara region. A Fano commander said the fighting would go on.")
    assert "ITA" not in {p.country for p in places}
    assert {p.country for p in places} == {"ETH"}


def test_a_newspapers_name_is_not_a_place(nlp, parser):
    places = found(nlp, parser, "The Jordan Times reported that prices rose again in Amman.")
    assert texts(places) == ["Amman"]


def test_a_river_is_not_the_town_of_its_name(nlp, parser):
    places = found(nlp, parser, "Rebels declared a strike along the San Juan river in Colombia.")
    assert "San Juan" not in texts(places)


def test_a_person_named_like_a_place_is_not_one_elsewhere(nlp, parser):
    text = ("Skater Georgia Miller, 14, trained in Calgary, Alberta. Georgia said she loved the ice, "
            "and Georgia will compete in Canada next year.")
    assert "GEO" not in {p.country for p in found(nlp, parser, text)}


def test_an_actor_modifier_is_not_a_place(nlp, parser):
    places = found(nlp, parser, "Iran-backed fighters fired rockets at a base in Deir ez-Zor.")
    assert "Iran" not in texts(places)


# ----- recognition: what is

def test_all_caps_datelines_are_read(nlp, parser):
    places = found(nlp, parser, "Town news\nLITCHFIELD — Police arrested a man on Tuesday after a crash "
                                "on the main road, the Connecticut state police said.")
    assert any(p.text == "LITCHFIELD" for p in places)


def test_a_city_the_model_calls_a_people_is_kept_in_a_place_context(nlp, parser, gazetteer):
    # whatever label the model gives, a known city after "in" is a place
    places = found(nlp, parser, "Residents of Aleppo, Syria, said shelling continued in Aleppo overnight.")
    assert any(p.name == "Aleppo" and p.country == "SYR" for p in places)


# ----- disambiguation

def test_same_name_towns_take_the_state_the_document_names(nlp, parser):
    text = "Kentucky officials said Paris was cut off by the flood, and schools in Bourbon County closed."
    places = found(nlp, parser, text)
    assert one(places, "Paris").country == "USA" and one(places, "Paris").admin1 == "Kentucky"


def test_a_state_wins_when_the_documents_counties_lie_in_it(nlp, parser):
    text = "Schools in Georgia will close early, officials in Oconee County and Barrow County said."
    assert one(found(nlp, parser, text), "Georgia").country == "USA"


def test_a_capital_is_meant_by_its_name(nlp, parser):
    place = one(found(nlp, parser, "Officials in Washington said the aid package was ready."), "Washington")
    assert place.feature == "city" and place.country == "USA" and abs(place.lon + 77.0) < 1


def test_a_country_name_never_loses_to_an_area_of_that_name(nlp, parser):
    text = "Troops from Niger and Chad joined the operation in Borno State, Nigeria."
    assert one(found(nlp, parser, text), "Niger").feature == "country"


def test_oceans_and_macro_regions_are_regions(nlp, parser):
    places = found(nlp, parser, "Ships crossing the Atlantic face new rules, officials in North Africa said.")
    assert one(places, "Atlantic").feature == "region" and one(places, "Atlantic").country is None
    assert one(places, "North Africa").feature == "region"


def test_a_county_is_the_county_not_a_town_of_its_name(nlp, parser):
    place = one(found(nlp, parser, "Deputies searched the woods in Metcalfe County, Kentucky, on Sunday."),
                "Metcalfe County")
    assert place.feature == "admin2" and place.admin1 == "Kentucky" and 36.5 < place.lat < 37.5


@pytest.mark.parametrize("alias,country", [("UAE", "ARE"), ("Soviet Union", "RUS"), ("Trinidad", "TTO")])
def test_common_country_aliases(nlp, parser, alias, country):
    place = one(found(nlp, parser, f"The delegation flew home from {alias} on Friday."), alias)
    assert place.country == country and place.feature == "country"


# ----- the gazetteer

@pytest.mark.parametrize("name,country", [("ontario", "CAN"), ("western cape", "ZAF"), ("england", "GBR"),
                                          ("queensland", "AUS"), ("yukon", "CAN")])
def test_first_level_areas_have_points(gazetteer, name, country):
    areas = [gazetteer.entry(i) for i, _ in gazetteer.lookup(name)]
    area = next(e for e in areas if e.feature == "admin1" and e.country == country)
    assert area.lat is not None and area.lon is not None


def test_almost_every_first_level_area_has_a_point(gazetteer):
    areas = [gazetteer.entry(i) for i in range(len(gazetteer)) if gazetteer._d["feature"][i] == 1]
    missing = [e for e in areas if e.lat is None]
    assert len(areas) > 3000 and len(missing) / len(areas) < 0.05


def test_yukon_lies_in_canada_not_oklahoma(gazetteer):
    # the area data has Yukon's point in Oklahoma; the area's own towns correct it
    yukon = next(gazetteer.entry(i) for i, _ in gazetteer.lookup("yukon") if gazetteer.entry(i).feature == "admin1")
    assert yukon.lat > 58


def test_capitals_are_flagged(gazetteer):
    capitals = [gazetteer.entry(i) for i, _ in gazetteer.lookup(fold("Nairobi")) if gazetteer.entry(i).capital]
    assert [c.country for c in capitals] == ["KEN"]


# ----- event place

def test_own_clause_preposition_beats_a_demonym_in_the_actor(nlp, parser):
    place = where(nlp, parser, "A U.S. convoy was ambushed in Anbar province on Tuesday.", "ambushed")
    assert place is not None and place.name == "Al Anbar"


def test_a_dateline_places_the_article_not_the_event(nlp, parser):
    text = "KIRKUK, Iraq — Two soldiers were killed on Friday, the army said."
    assert where(nlp, parser, text, "killed") is None


def test_a_capital_speaking_for_its_government_is_not_the_place(nlp, parser):
    assert where(nlp, parser, "Washington said it would impose sanctions on the militia.", "impose") is None


def test_an_owner_is_not_the_place(nlp, parser):
    place = where(nlp, parser, "Gunmen shot Russia's consul outside a hotel in Erbil.", "shot")
    assert place is not None and place.name == "Erbil"


def test_the_siege_of_a_town_is_in_the_town(nlp, parser):
    place = where(nlp, parser, "The paramilitaries tightened their siege of El Fasher last month.", "siege")
    assert place is not None and place.name == "El Fasher"


def test_a_town_in_focus_wins_over_a_bare_country(nlp, parser):
    text = ("Rebels reached the outskirts of Goma on Monday. "
            "Fighting in Congo killed dozens of people, aid groups said.")
    place = where(nlp, parser, text, "Fighting")
    assert place is not None and place.name == "Goma"


# ----- measuring

def _place(text, country, feature="city"):
    return Place(text=text, start=0, end=len(text), geonameid=None, name=text, country=country,
                 admin1=None, feature=feature, lat=None, lon=None)


def test_wrong_country_rate_and_false_places_are_counted():
    text = " ".join(["word"] * 996) + " Mosul Fano Baghdad Atlantic"
    document = Document.from_article(Article(text=text, source="t", published=None, language="en"), "t")
    document.places = [_place("Mosul", "IRQ"), _place("Fano", "ITA"), _place("Atlantic", None, "region")]
    event = Event.__new__(Event)
    event.place = EventPlace("Fano", "Fano", "ITA", None, None, None)
    document.events = [event]
    gold = {"text": text, "places": [{"text": "Mosul", "country": "IRQ"}, {"text": "Baghdad", "country": "IRQ"}]}
    report = Report(name="t")
    score_place_errors(report, document, gold)
    figures = report.figures()
    assert report.wrong_country.right == 2 and report.wrong_country.total == 3  # Fano twice, the region not
    assert math.isclose(figures["wrong_country_rate"], 2 / 3)
    assert math.isclose(figures["false_places_per_1000_words"], 2.0)  # Fano and Atlantic in 1,000 words


def test_a_country_inside_an_agencys_name_is_not_the_place(nlp, parser):
    text = ("The tanker was sailing west of the port of Aden when it was struck, "
            "the United Kingdom Maritime Trade Operations agency said.")
    place = where(nlp, parser, text, "struck")
    assert place is None or place.country == "YEM"


def test_a_town_read_once_is_the_same_town_wherever_the_article_names_it(extractor):
    from flashpoint.models import Article
    text = ("Fighters shelled the town of Menaka on Monday. The main market of Menaka was burned, "
            "and the Menaka branch of a doctors' network treated the wounded.")
    document = extractor.extract(Article(text=text, source="t.txt", published="2025-01-08", language="en"), "t.txt")
    menaka = [p for p in document.places if p.text == "Menaka"]
    assert len(menaka) == 3 and len({p.country for p in menaka}) == 1
    assert not any(a.id.upper() == "MENAKA" for a in document.actors)


def test_a_lower_case_name_is_no_toponym(extractor):
    from flashpoint.models import Article
    text = "Displaced families camped on the west bank of the White Nile near Kosti in Sudan."
    document = extractor.extract(Article(text=text, source="t.txt", published="2025-01-08", language="en"), "t.txt")
    assert all(p.country != "PSE" for p in document.places)
