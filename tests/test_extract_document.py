"""Whole-document extraction: the stages working together on short articles written for these tests."""

from __future__ import annotations

import pytest

from flashpoint.models import Article, Document, Event


@pytest.fixture(scope="module")
def extract(extractor):
    def run(text: str, published: str = "2024-05-20") -> Document:
        article = Article(text=text, source="test.txt", published=published, language="en")
        return extractor.extract(article, "test")
    return run


def event(document: Document, trigger: str) -> Event:
    found = [e for e in document.events if e.trigger.text.lower().startswith(trigger)]
    assert found, f"no event on {trigger!r}: {[(e.type, e.trigger.text) for e in document.events]}"
    return found[0]


def test_a_dateline_is_not_the_subject_of_the_first_sentence(extract):
    doc = extract("Ambush kills three police officers in Kenya's north\n\n"
                  "GARISSA, Kenya, May 19 — Gunmen killed three police officers in an ambush on a patrol "
                  "near the town of Dadaab on Sunday, officials said.")
    body = [e for e in doc.events if "Gunmen" in e.sentence.text]
    assert body and body[0].type == "ASSAULT"
    killed = body[0]
    assert killed.sentence.text.startswith("Gunmen killed")
    assert killed.source is not None and "GARISSA" not in killed.source.text
    assert killed.place is not None and killed.place.name == "Dadaab"


def test_a_title_case_dateline_with_a_spaced_dash(extract):
    doc = extract("Goma – Rebels shelled the outskirts of the city on Tuesday, residents said.")
    shelled = event(doc, "shelled")
    assert shelled.sentence.text.startswith("Rebels shelled")


def test_a_hyphenated_name_opening_a_paragraph_is_no_dateline(extract):
    doc = extract("Al-Shabaab fighters attacked a military base in Somalia on Monday.")
    assert event(doc, "attacked").sentence.text.startswith("Al-Shabaab fighters")


def test_place_names_the_model_takes_for_people_or_organisations_are_places_not_actors(extract):
    doc = extract("Hundreds of families fled Bamako after the clashes, and aid agencies "
                  "sent food to Mali last week.")
    names = {p.name for p in doc.places}
    assert {"Bamako", "Mali"} <= names
    assert not any(a.name in ("Bamako", "Mali") and a.country is None for a in doc.actors)


def test_a_sentence_without_a_place_takes_the_town_the_story_is_about(extract):
    doc = extract("Fighting between the army and rebels reached Kidal on Wednesday. "
                  "Two soldiers were killed and nine wounded, a military source said.")
    assert event(doc, "killed").place.name == "Kidal"


def test_a_town_that_was_attacked_is_where_the_event_was(extract):
    doc = extract("Kharkiv was shelled by Russian forces overnight, the regional governor said.")
    shelled = event(doc, "shelled")
    assert shelled.place is not None and shelled.place.name == "Kharkiv"
    assert shelled.target is not None and shelled.target.country == "UKR"


def test_the_target_is_the_actor_behind_the_thing_rejected_or_offered(extract):
    doc = extract("Pakistan rejected an Indian proposal for new border talks on Monday. "
                  "Qatar offered humanitarian aid to Sudan, the foreign ministry said.")
    assert event(doc, "rejected").target.country == "IND"
    offered = event(doc, "offered")
    assert offered.source.country == "QAT" and offered.target.country == "SDN"


def test_it_refers_to_the_country_named_before_it(extract):
    doc = extract("Turkey said on Friday that it will send more troops to northern Iraq.")
    send = event(doc, "send")
    assert send.source is not None and send.source.country == "TUR"
    assert send.status == "hypothetical"


def test_an_actor_placed_in_a_country_takes_its_country(extract):
    doc = extract("Opposition groups in Zimbabwe demanded the release of detained activists.")
    assert event(doc, "demanded").source.country == "ZWE"


def test_a_weapon_is_never_the_source(extract):
    doc = extract("An army convoy was hit by a roadside bomb near Gao on Sunday.")
    hit = event(doc, "hit")
    assert hit.source is None
    assert hit.target is not None and "convoy" in hit.target.text


def test_the_contract_dict_is_what_dataclasses_give(extract):
    import dataclasses
    import json

    document = extract(
        "Kyiv, March 3 — Russian forces shelled Kharkiv on Sunday, killing three civilians, the "
        "regional governor said. \"We will rebuild,\" he said."
    )
    assert document.events and document.quotes and document.quantities
    assert document.to_dict() == dataclasses.asdict(document)
    assert json.loads(document.to_json()) == dataclasses.asdict(document)
