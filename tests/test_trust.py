"""Modality, tolls, dates and claims that decide whether an analyst can believe an event.

Sentences written for these tests (never taken from the annotated sets)."""

from __future__ import annotations

import json

import pytest

from flashpoint.errors import DataFileError, GoldFormatError
from flashpoint.evaluate import read_gold, reliability
from flashpoint.models import Article
from flashpoint.nlp.confidence import Calibrator


def events_of(extractor, text: str, published: str = "2025-03-14"):
    return extractor.extract(Article(text=text, source="t.txt", published=published, language="en"), "t.txt").events


def one(events, type_: str):
    found = [e for e in events if e.type == type_]
    assert found, f"no {type_} event in {[(e.type, e.trigger.text) for e in events]}"
    return found[0]


# -- modality in the event's own clause ----------------------------------------------------------

def test_a_foiled_plot_is_no_attack(extractor):
    events = events_of(extractor, "Security forces foiled a plot to bomb the provincial prison in Gao.")
    assert all(e.status != "asserted" for e in events if e.type == "ASSAULT")


def test_a_rejected_proposal_stays_a_proposal(extractor):
    events = events_of(extractor, "The ministry rejected a proposal to hold talks with the striking doctors.")
    assert one(events, "REJECT").status == "asserted"
    assert one(events, "CONSULT").status == "hypothetical"


def test_the_purpose_of_a_march_is_done_by_marching(extractor):
    events = events_of(extractor, "Thousands of farmers took to the streets of Accra to protest against the fuel tax.")
    assert one(events, "PROTEST").status == "asserted"


def test_no_one_killed_does_not_undo_the_bombing(extractor):
    events = events_of(extractor, "No one was killed in the bombing of the bus depot in Peshawar.")
    bombing = one(events, "ASSAULT")
    assert bombing.status == "asserted"
    assert bombing.fatalities == 0


# -- tolls and dates ------------------------------------------------------------------------------

def test_a_running_toll_is_no_events_toll(extractor):
    events = events_of(extractor, "The militia has killed more than 12,000 people since 2011.")
    killing = one(events, "ASSAULT")
    assert killing.fatalities is None
    assert killing.date is None  # "since 2011" is a stretch of time, not the event's date


def test_a_war_as_killer_is_a_running_toll(extractor):
    events = events_of(extractor, "The war has killed 9,000 civilians, the agency said.")
    assert all(e.fatalities is None for e in events)


def test_one_attack_keeps_its_toll(extractor):
    events = events_of(extractor, "Gunmen killed 14 worshippers in an attack on a church in Owo on Sunday.")
    assert one(events, "ASSAULT").fatalities == 14


def test_a_date_in_a_side_clause_dates_the_argument_not_the_event(extractor):
    events = events_of(extractor, "The rebellion, which erupted in 2012, forced 300 families from Menaka on Tuesday.")
    assert all(e.date is None or not e.date.value.startswith("2012") for e in events)


def test_a_comparison_is_another_event(extractor):
    events = events_of(extractor, "Soldiers fired on the crowd in the capital, as happened in 2019.")
    assert all(e.date is None or e.date.value != "2019" for e in events)


def test_an_event_years_back_is_background(extractor):
    events = events_of(extractor, "Two decades ago, soldiers massacred villagers near Kitgum.", published="2025-03-14")
    old = one(events, "ASSAULT")
    assert old.background is True
    recent = one(events_of(extractor, "On Monday soldiers attacked villagers near Kitgum."), "ASSAULT")
    assert recent.background is False


def test_the_next_day_follows_the_last_date(extractor):
    events = events_of(extractor, "Rebels shelled Bunia on Monday. The next day, the army bombed their camp.")
    dates = {e.trigger.text: e.date.value for e in events if e.date}
    assert dates.get("shelled") == "2025-03-10"
    assert dates.get("bombed") == "2025-03-11"


# -- claims ---------------------------------------------------------------------------------------

def test_a_partys_own_claim_is_marked_as_its_claim(extractor):
    events = events_of(extractor, "The militia claimed it had killed 40 soldiers in a raid on the barracks.")
    attack = one(events, "ASSAULT")
    assert attack.claimed_by is not None
    assert "militia" in attack.claimed_by.text.lower()


def test_a_plain_report_is_not_a_claim(extractor):
    events = events_of(extractor, "Gunmen attacked a police post in Zamfara on Friday, police said.")
    assert one(events, "ASSAULT").claimed_by is None


# -- confidence -----------------------------------------------------------------------------------

def test_confidence_is_a_probability_from_the_fitted_weights(extractor):
    events = events_of(extractor, "Nigerian troops killed 20 Boko Haram fighters near Bama on Friday.")
    assert events and all(0.0 < e.confidence < 1.0 for e in events)
    weights = Calibrator.load().weights
    assert "bias" in weights and len(weights) > 5, "confidence.tsv holds no fitted model"


def test_a_bad_weight_names_the_file_and_line(tmp_path):
    bad = tmp_path / "confidence.tsv"
    bad.write_text("feature\tweight\nbias\t0.1\nraw\tlots\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="confidence.tsv, line 3"):
        Calibrator.load(bad)


def test_reliability_table_counts_each_band():
    table = reliability([(0.95, True), (0.92, False), (0.55, True), (0.3, False)])
    assert table["events"] == 4
    assert table["brier"] == pytest.approx((0.05 ** 2 + 0.92 ** 2 + 0.45 ** 2 + 0.3 ** 2) / 4)
    top = next(b for b in table["bands"] if b["band"] == "0.9-1.0")
    assert top["events"] == 2 and top["accuracy"] == 0.5


# -- anchors-only annotations ---------------------------------------------------------------------

def test_an_anchors_only_annotation_takes_its_text_from_the_named_set(tmp_path):
    (tmp_path / "source.jsonl").write_text(json.dumps(
        {"doc_id": "s-1", "published": "2024-01-02", "text": "Police arrested six men in Kano.",
         "places": [{"text": "Kano", "country": "NGA"}]}) + "\n", encoding="utf-8")
    held = tmp_path / "held.jsonl"
    held.write_text(json.dumps({"doc_id": "s-1", "set": "source.jsonl", "events": []}) + "\n", encoding="utf-8")
    (document,) = read_gold(held)
    assert document["text"].startswith("Police arrested")
    assert document["places"][0]["text"] == "Kano"
    assert document["published"] == "2024-01-02"
    held.write_text(json.dumps({"doc_id": "s-9", "set": "source.jsonl", "events": []}) + "\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="no document 's-9'"):
        read_gold(held)


def test_victims_are_counted_one_by_one_and_added_up(extractor):
    assert one(events_of(extractor, "A gunman fatally shot the mayor outside the town hall in Ciudad Obregon."),
               "ASSAULT").fatalities == 1
    assert one(events_of(extractor, "Three guards and a driver were killed in the ambush near Garissa."),
               "ASSAULT").fatalities == 4


def test_a_list_with_an_uncounted_part_has_no_toll(extractor):
    events = events_of(extractor, "The drone strike killed the commander and several of his bodyguards.")
    assert one(events, "ASSAULT").fatalities is None


def test_a_bare_verb_coordinated_with_a_plot_is_part_of_the_plot(extractor):
    events = events_of(extractor, "A man who admitted to having plotted to kidnap a judge and then attack a "
                                  "courthouse was jailed on Wednesday.")
    assert all(e.status != "asserted" for e in events if e.type == "ASSAULT")
    assert [e.status for e in events if e.trigger.text == "jailed"] == ["asserted"]


def test_who_stops_a_plot_is_not_its_author(extractor):
    events = events_of(extractor, "Police thwarted a plot by al-Shabaab militants to bomb a hotel in Mombasa.")
    bombing = one(events, "ASSAULT")
    assert bombing.status == "hypothetical"
    assert bombing.source is not None and "shabaab" in bombing.source.id.lower()
    unowned = one(events_of(extractor, "The army foiled a plot to bomb the governor's office in Kano."), "ASSAULT")
    assert unowned.source is None or unowned.source.sector != "MIL"


# -- figures are no events ------------------------------------------------------------------------

def test_a_displacement_figure_is_no_event(extractor):
    events = events_of(extractor, "Some 2.3 million people are displaced across the three provinces, the relief agency said.")
    assert not [e for e in events if e.type == "COERCE"]
    events = events_of(extractor, "Nearly 400,000 residents have been displaced since the offensive began.")
    assert not [e for e in events if e.type == "COERCE"]


def test_a_wars_toll_and_displacement_are_no_events(extractor):
    events = events_of(extractor, "The rebellion broke out in 2012 and has killed more than 6,000 people and "
                                  "displaced half a million.")
    assert not [e for e in events if e.type in ("ASSAULT", "COERCE")]


def test_an_actors_running_total_and_a_dated_displacement_stay_events(extractor):
    events = events_of(extractor, "Soldiers have killed more than 300 suspected militants since January.")
    assert one(events, "ASSAULT").source is not None
    events = events_of(extractor, "Thousands of villagers were displaced by the army's offensive on Tuesday.")
    assert one(events, "COERCE").status == "asserted"


def test_a_description_of_an_actor_or_a_thing_is_no_event(extractor):
    events = events_of(extractor, "Gunmen raided a camp of the Home Guard, the volunteer force that fights "
                                  "alongside the army, on Friday.")
    assert [e.trigger.text for e in events] == ["raided"]
    events = events_of(extractor, "The village lies on the only highway supplying the garrison in the north.")
    assert not [e for e in events if e.type == "AID"]


def test_a_present_accusation_in_a_relative_clause_is_still_made(extractor):
    events = events_of(extractor, "The preacher, whom the authorities accuse of inciting the riots, was arrested.")
    assert one(events, "ACCUSE").status == "asserted"
    assert one(events, "COERCE").status == "asserted"


# -- a toll belongs to the occasion that caused it ------------------------------------------------

def test_a_toll_told_on_another_occasion_stays_with_its_own_attack(extractor):
    events = events_of(extractor, "Insurgents pushed into the outskirts of Beira on Monday, while artillery "
                                  "fire on the port killed nine people.")
    advance = next(e for e in events if e.trigger.text == "pushed")
    assert advance.fatalities is None
    assert advance.target is None or "people" not in advance.target.text
    events = events_of(extractor, "The army said it had repelled an attack on the airport on Thursday, a day "
                                  "after Houthi shelling of a camp killed 12 people.")
    assert next(e for e in events if e.trigger.text == "repelled").fatalities is None
    assert any(e.fatalities == 12 for e in events if e.trigger.text != "repelled")


def test_a_killing_in_the_attacks_own_clause_is_its_toll(extractor):
    events = events_of(extractor, "Gunmen stormed a market in Mopti and set stalls on fire, killing 16 traders.")
    assert [e.fatalities for e in events if e.type == "ASSAULT"] == [16]


def test_one_named_kind_of_person_with_an_owner_is_one_dead(extractor):
    events = events_of(extractor, "A gunman fatally shot the governor's driver outside the court on Monday.")
    assert one(events, "ASSAULT").fatalities == 1


def test_a_trend_of_events_is_no_event(extractor):
    assert not events_of(extractor, "Kidnappings by armed gangs have doubled across the north this year.")
    assert one(events_of(extractor, "The kidnapping of two priests shocked the town."), "COERCE")
