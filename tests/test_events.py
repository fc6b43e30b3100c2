"""The event stage on sentences written for these tests."""

from __future__ import annotations

import shutil

import pytest

from flashpoint.errors import DataFileError
from flashpoint.models import ActorInfo, ActorMention, Event
from flashpoint.nlp.events import PLOVER_TYPES, EventFinder, EventLexicon, _data_dir


@pytest.fixture(scope="module")
def finder():
    return EventFinder(EventLexicon.load())


@pytest.fixture(scope="module")
def code(nlp, finder):
    def run(text: str, mentions=None) -> list[Event]:
        return finder.find(nlp(text), mentions or [])
    return run


def one(events: list[Event], type_: str) -> Event:
    found = [e for e in events if e.type == type_]
    assert found, f"no {type_} in {[(e.type, e.trigger.text) for e in events]}"
    return found[0]


@pytest.mark.parametrize("text, type_", [
    ("Rebels attacked an army base in the north on Monday.", "ASSAULT"),
    ("Police arrested twelve protesters outside the parliament.", "COERCE"),
    ("Thousands of teachers demonstrated in the capital against pay cuts.", "PROTEST"),
    ("The European Union imposed sanctions on the ruling generals.", "SANCTION"),
    ("The minister threatened to expel the foreign journalists.", "THREATEN"),
    ("The opposition accused the government of rigging the vote.", "ACCUSE"),
    ("The rebels rejected the peace plan proposed by the mediators.", "REJECT"),
    ("The aid agencies urged both sides to open a humanitarian corridor.", "REQUEST"),
    ("The foreign minister met his Kenyan counterpart in Nairobi.", "CONSULT"),
    ("The two governments signed a trade agreement on Friday.", "AGREE"),
    ("The president praised the mediators for their patience.", "SUPPORT"),
    ("The authorities released forty political prisoners on Sunday.", "CONCEDE"),
    ("The two navies conducted joint patrols after the countries agreed to cooperate.", "AGREE"),
    ("Japan donated ten million dollars to the flood victims.", "AID"),
    ("The army withdrew its troops from the disputed border area.", "RETREAT"),
    ("The government deployed thousands of soldiers to the border.", "MOBILIZE"),
])
def test_each_type(code, text, type_):
    event = one(code(text), type_)
    assert event.status == "asserted"
    assert event.type in PLOVER_TYPES
    assert event.cameo and event.cameo.isdigit()
    assert 0.0 <= event.confidence <= 1.0


def test_cooperate(code):
    event = one(code("The two police forces cooperated closely with each other."), "COOPERATE")
    assert event.status == "asserted"


def test_source_target_active(code):
    event = one(code("Rebels attacked an army base in the north on Monday."), "ASSAULT")
    assert event.source.text == "Rebels"
    assert "army base" in event.target.text


def test_passive_voice(code):
    event = one(code("The convoy was attacked by gunmen near the river."), "ASSAULT")
    assert event.source.text == "gunmen"
    assert event.target is None  # a convoy is a thing, no actor (issue 12, class 4)


def test_prepositional_target(code):
    event = one(code("The air force carried out strikes against insurgent positions."), "ASSAULT")
    assert "air force" in event.source.text
    assert "positions" in event.target.text
    assert event.mode == "aerial"


def test_consult_with(code):
    event = one(code("The envoy held talks with tribal leaders in the capital."), "CONSULT")
    assert "envoy" in event.source.text
    assert "leaders" in event.target.text


def test_nominal_event(code):
    event = one(code("The withdrawal of French troops ended a decade of operations."), "RETREAT")
    assert "troops" in event.source.text
    assert event.trigger.text == "withdrawal"


def test_nominal_relative_clause(code):
    event = one(code("The deal the government reached with the rebels collapsed within a week."), "AGREE")
    assert "government" in event.source.text
    assert "rebels" in event.target.text


def test_two_events_in_one_sentence(code):
    events = code("Militants kidnapped three engineers and blew up a bridge near the dam.")
    types = {e.type for e in events}
    assert {"COERCE", "ASSAULT"} <= types
    assert all(e.source is not None and e.source.text == "Militants" for e in events)


def test_mode_and_fatalities(code):
    event = one(code("A suicide bomber attacked a checkpoint, killing at least 11 policemen."), "ASSAULT")
    assert event.fatalities == 11
    assert event.mode == "explosives"
    assert sum(e.type == "ASSAULT" for e in code("A suicide bomber attacked a checkpoint, killing at least 11 policemen.")) == 1


def test_passive_fatalities(code):
    event = one(code("Twelve villagers were killed when soldiers shelled the market."), "ASSAULT")
    assert event.fatalities == 12


def test_shelling_mode(code):
    event = one(code("Government forces shelled rebel-held districts overnight."), "ASSAULT")
    assert event.mode == "shelling"


def test_labour_strike_is_protest(code):
    events = code("Dock workers began a general strike over unpaid wages.")
    assert one(events, "PROTEST")
    assert not [e for e in events if e.type == "ASSAULT"]


def test_offsets(code):
    text = "Officials said on Tuesday that militants had stormed a police station."
    event = one(code(text), "ASSAULT")
    assert text[event.trigger.start:event.trigger.end] == event.trigger.text == "stormed"
    assert text[event.sentence.start:event.sentence.end] == event.sentence.text
    assert event.status == "asserted"  # reported speech of something that happened
    assert event.place is None and event.date is None


def test_denial_gives_reject_and_negated_act(code):
    events = code("The army denied shelling civilian areas.")
    assert one(events, "REJECT").status == "asserted"
    assert one(events, "ASSAULT").status == "negated"


def test_refusal_gives_reject(code):
    events = code("The government refused to negotiate with the rebels.")
    assert one(events, "REJECT").status == "asserted"
    assert one(events, "CONSULT").status == "negated"


def test_would_not_negotiate_is_refusal(code):
    events = code("The minister said the government would not negotiate with the kidnappers.")
    assert one(events, "CONSULT").status == "negated"
    assert one(events, "REJECT").status == "asserted"


def test_threat_is_asserted_threatened_act_is_not(code):
    events = code("The militia threatened to attack the city.")
    assert one(events, "THREATEN").status == "asserted"
    assert one(events, "ASSAULT").status == "hypothetical"


def test_call_for_talks(code):
    events = code("The bishops called for talks between the two parties.")
    assert one(events, "REQUEST").status == "asserted"
    assert one(events, "CONSULT").status == "hypothetical"


def test_announced_intention_is_a_statement(code):
    events = code("The rebels said they will release all the hostages.")
    assert one(events, "CONCEDE").status == "hypothetical"
    assert one(events, "AGREE").status == "asserted"


def test_recommendation_is_not_coded_as_fact(code):
    events = code("The government should negotiate with the armed groups.")
    assert events and all(e.status != "asserted" for e in events)


def test_adjectival_participle_is_no_trigger(code):
    assert not [e for e in code("They returned to the negotiating table.") if e.trigger.text == "negotiating"]


def test_anaphoric_noun_is_not_a_new_event(code):
    events = code("The minister condemned the attack.")
    assert one(events, "ACCUSE")
    assert not [e for e in events if e.type == "ASSAULT"]


def test_mentions_give_actor_ids(nlp, finder):
    text = "Hezbollah fighters ambushed an Israeli patrol."
    doc = nlp(text)
    start = text.index("Hezbollah")
    mention = ActorMention(start, start + 9, "Hezbollah", ActorInfo("HEZBOLLAH", "Hezbollah", "LBN", "REB"))
    event = one(finder.find(doc, [mention]), "ASSAULT")
    assert event.source.id == "HEZBOLLAH"
    assert event.source.country == "LBN"
    assert "fighters" in event.source.text


def test_no_mentions_fallback_id(code):
    event = one(code("Armed settlers attacked a Palestinian village."), "ASSAULT")
    assert event.source.text == "Armed settlers" and event.source.generic  # a kind of actor, marked generic
    assert event.source.country is None


def test_lexicon_files_are_valid():
    lexicon = EventLexicon.load()
    assert len(lexicon.entries) > 300
    assert {e.type for e in lexicon.entries} == set(PLOVER_TYPES)


@pytest.mark.parametrize("line, reason", [
    ("attack\tVERB\tFIGHT\t190\t-\t-\t0.8", "PLOVER"),
    ("attack\tADV\tASSAULT\t190\t-\t-\t0.8", "pos"),
    ("attack\tVERB\tASSAULT\tx9\t-\t-\t0.8", "CAMEO"),
    ("attack\tVERB\tASSAULT\t190\t-\twhen=rain\t0.8", "constraint"),
    ("attack\tVERB\tASSAULT\t190\t-\t-\t1.8", "outside"),
    ("attack\tVERB\tASSAULT\t190", "columns"),
])
def test_bad_lexicon_line_raises(tmp_path, line, reason):
    for name in ("events_context.tsv", "modality.tsv"):
        shutil.copy(_data_dir() / name, tmp_path / name)
    header = "lemma\tpos\ttype\tcameo\tmode\trequires\tconfidence\n"
    (tmp_path / "events.tsv").write_text("# comment\n" + header + "kill\tVERB\tASSAULT\t190\t-\t-\t0.8\n" + line + "\n")
    with pytest.raises(DataFileError) as err:
        EventLexicon.load(tmp_path)
    assert err.value.line == 4
    assert reason in err.value.reason
