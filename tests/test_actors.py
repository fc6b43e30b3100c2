"""The actor linker on sentences written for these tests."""

from __future__ import annotations

import pytest

from flashpoint.nlp.actors import ActorLinker, group_actors
from flashpoint.nlp.registry import load_registry


@pytest.fixture(scope="module")
def link(nlp):
    linker = ActorLinker(load_registry(), nlp)

    def run(text: str, published: str | None = "2017-06-01"):
        return linker.link(nlp(text), published)

    return run


def by_text(mentions):
    return {m.text: m.actor for m in mentions}


def test_isis_aliases_are_one_actor(link):
    text = "ISIS claimed the bombing. Daesh and ISIL are other names; the Islamic State denies nothing, and IS fighters fled."
    actors = group_actors(link(text))
    isis = [a for a in actors if a.id == "ISIS"]
    assert len(isis) == 1
    assert len(isis[0].mentions) == 5
    assert isis[0].sector == "REB" and isis[0].country is None


def test_lower_case_is_never_matches(link):
    mentions = link("This is what the minister said, and it is true that is all.")
    assert all(m.actor.id != "ISIS" for m in mentions)


def test_country_and_sector_phrases(link):
    actors = by_text(link("Iraqi F-16s bombed the depot while Sudan's army shelled the town. Somali officials said nothing."))
    assert (actors["Iraqi F-16s"].id, actors["Iraqi F-16s"].country, actors["Iraqi F-16s"].sector) == ("IRQ_MIL", "IRQ", "MIL")
    assert actors["Iraqi F-16s"].name == "Iraqi military"
    assert actors["Sudan's army"].id == "SDN_MIL"
    assert (actors["Somali officials"].country, actors["Somali officials"].sector) == ("SOM", "GOV")


def test_capital_is_an_actor_only_as_agent(link):
    said = by_text(link("Baghdad said it would not accept the plan."))
    assert said["Baghdad"].id == "IRQ_GOV"
    possessive = by_text(link("Tehran's answer came within hours."))
    assert possessive["Tehran"].country == "IRN"
    place = link("Thousands marched in Baghdad on Friday.")
    assert all(m.text != "Baghdad" for m in place)


def test_person_coded_by_role_on_the_date(link):
    text = "Nouri al-Maliki spoke to reporters. Maliki said the vote would go ahead."
    in_2013 = link(text, "2013-03-01")
    assert [(m.text, m.actor.country, m.actor.sector) for m in in_2013 if m.actor.id == "NOURI_AL_MALIKI"] == [
        ("Nouri al-Maliki", "IRQ", "GOV"),
        ("Maliki", "IRQ", "GOV"),
    ]
    # between his two terms as vice president he held no listed post: country only
    in_2016 = [m.actor for m in link(text, "2016-01-15") if m.actor.id == "NOURI_AL_MALIKI"]
    assert in_2016 and all((a.country, a.sector) == ("IRQ", None) for a in in_2016)


def test_surname_alone_needs_the_full_name_first(link):
    assert all(m.actor.id != "NOURI_AL_MALIKI" for m in link("Maliki said the talks went well."))


def test_the_group_refers_to_the_last_armed_group(link):
    mentions = link("Al-Shabaab fighters attacked a base near Kismayo. The group said it had seized weapons.")
    the_group = [m for m in mentions if m.text == "The group"]
    assert the_group and the_group[0].actor.id == "SHABAAB" and the_group[0].how == "coref"


def test_fuzzy_spelling_variant(link):
    mentions = link("Fighters of Boko Haraam raided the village at dawn.", "2016-01-01")
    assert any(m.actor.id == "BOKO_HARAM" and m.how == "fuzzy" for m in mentions)


def test_unknown_person_with_country_and_sector(link):
    actors = by_text(link("Iraqi lawmaker Karim Jabbar Hassan criticised the decision."))
    person = next(a for text, a in actors.items() if "Karim Jabbar Hassan" in text)
    assert (person.id, person.country, person.sector) == ("KARIM_JABBAR_HASSAN", "IRQ", "LEG")


def test_unknown_organisation_with_its_country(link):
    mentions = link("The Somali Fishermen's Cooperative Association said the patrols had stopped.")
    unknown = [m for m in mentions if m.how == "text" and "Fishermen" in m.text]
    assert unknown and unknown[0].actor.country == "SOM"


def test_group_actors_orders_by_first_mention(link):
    actors = group_actors(link("Hamas fired rockets. Israel responded. Hamas said the truce was over."))
    assert [a.id for a in actors][:2] == ["HAMAS", "ISR"]
    assert len(actors[0].mentions) == 2


def test_linker_builds_matchers_from_the_first_doc_without_nlp(nlp):
    linker = ActorLinker(load_registry())
    mentions = linker.link(nlp("The Houthis fired a missile."), None)
    assert [m.actor.id for m in mentions] == ["HOUTHIS"]


def test_a_registry_person_is_found_behind_the_title_the_parser_put_in_the_name():
    from flashpoint.extract import Extractor
    from flashpoint.models import Article

    document = Extractor.load().extract(
        Article(text="President Abdel Fattah El Sisi rejected the proposal on Monday.", source="t",
                published="2020-03-02"), "t")
    assert any(a.id == "ABDEL_FATTAH_EL_SISI" and a.country == "EGY" and a.sector == "GOV" for a in document.actors)
