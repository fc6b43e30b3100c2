"""Events that were missed (recall), on sentences written for these tests: each a class of news language."""

from __future__ import annotations

import pytest

from flashpoint.errors import DataFileError
from flashpoint.models import Article, Event
from flashpoint.nlp.events import EventFinder, EventLexicon
from flashpoint.nlp.lemma_fixes import read_fixes


@pytest.fixture(scope="module")
def code(nlp):
    finder = EventFinder(EventLexicon.load())

    def run(text: str) -> list[Event]:
        return finder.find(nlp(text), [])
    return run


@pytest.fixture(scope="module")
def extract(extractor):
    def run(text: str) -> list[Event]:
        return extractor.extract(Article(text=text, source="t.txt", published="2025-03-14", language="en"), "t").events
    return run


def found(events: list[Event], type_: str, status: str = "asserted") -> list[Event]:
    return [e for e in events if e.type == type_ and e.status == status]


def test_verb_after_a_denied_clause_is_the_deniers_act(code):
    events = code("A police spokesman denied that officers had beaten the prisoners and blamed the guards for the injuries.")
    blame = found(events, "ACCUSE")
    assert blame, [(e.type, e.status, e.trigger.text) for e in events]
    assert blame[0].source is not None and "spokesman" in blame[0].source.text
    assert found(events, "ASSAULT", "negated")  # the beating stays denied


def test_negated_main_clause_leaves_its_after_clause_asserted(code):
    events = code("After the rebels stormed the depot, the guards did not resist.")
    assert found(events, "ASSAULT"), [(e.type, e.status, e.trigger.text) for e in events]


def test_if_clause_stays_hypothetical(code):
    events = code("If the militia attacks the port, the navy will respond.")
    assert not found(events, "ASSAULT")


@pytest.mark.parametrize("text, type_", [
    ("Hundreds of nurses staged a protest outside the ministry on Monday.", "PROTEST"),
    ("Junior officers staged a coup in the capital last week.", "COERCE"),
    ("The insurgents have waged attacks on police posts across the province.", "ASSAULT"),
])
def test_misread_verb_forms_are_lemmatised(code, text, type_):
    assert found(code(text), type_), [(e.type, e.status, e.trigger.text) for e in code(text)]


def test_bad_lemma_fix_line_raises(tmp_path):
    path = tmp_path / "lemmas.tsv"
    path.write_text("form\tpos\tlemma\nstaged\tVERB\tstage\nwaged\tVRB\twage\n")
    with pytest.raises(DataFileError) as err:
        read_fixes(path)
    assert err.value.line == 3 and "VRB" in err.value.reason


@pytest.mark.parametrize("text, type_", [
    ("The governor lifted the state of emergency in the northern districts on Friday.", "CONCEDE"),
    ("The dockworkers' union called off its week-long strike after the pay offer.", "CONCEDE"),
    ("The militia declared a unilateral ceasefire for the holidays.", "RETREAT"),
    ("Border troops were put on alert after the shooting.", "MOBILIZE"),
    ("The coast guard remained on alert along the northern shore.", "MOBILIZE"),
    ("The mayor shifted the blame for the riots to the opposition.", "ACCUSE"),
    ("Riot police prevented a rally planned by the opposition outside the court.", "COERCE"),
    ("The donors suspended part of their development programme for the country.", "SANCTION"),
    ("The foreign minister telephoned her Kenyan counterpart on Sunday.", "CONSULT"),
])
def test_trigger_vocabulary(code, text, type_):
    assert found(code(text), type_), [(e.type, e.status, e.trigger.text) for e in code(text)]


def test_purpose_of_a_call_is_done_by_calling(code):
    events = code("The premier phoned the Emir on Monday to discuss the hostages.")
    assert found(code("The premier phoned the Emir on Monday to discuss the hostages."), "CONSULT")
    assert not found(events, "CONSULT", "hypothetical")


@pytest.mark.parametrize("text, status", [
    ("The army launched its long-planned offensive on the valley.", "asserted"),
    ("Villagers fear the army's long-planned offensive on the valley.", "hypothetical"),
])
def test_a_planned_event_carried_out_is_asserted(code, text, status):
    assert found(code(text), "ASSAULT", status), [(e.type, e.status, e.trigger.text) for e in code(text)]


def test_saying_another_must_act_is_a_demand(extract):
    events = extract("The European Union said on Monday that Serbia must hand the suspects to the tribunal.")
    demand = found(events, "REQUEST")
    assert demand, [(e.type, e.status, e.trigger.text) for e in events]
    assert "Union" in demand[0].source.text and demand[0].target.text == "Serbia"


@pytest.mark.parametrize("text", [
    "Officials said the election must be held by June.",  # no actor is asked
    "The minister said he must leave early.",  # the speaker's own duty
    "Analysts doubt that Serbia must hand over the suspects.",  # no statement
])
def test_no_demand_without_an_actor_asked_by_another(extract, text):
    assert not found(extract(text), "REQUEST")


def test_a_cooperative_plan_announced_for_an_actor_is_its_intent(extract):
    events = extract("The Japanese trade minister will visit Vietnam next week, the Vietnamese embassy said.")
    assert found(events, "AGREE"), [(e.type, e.status, e.trigger.text) for e in events]
    assert found(events, "CONSULT", "hypothetical")  # the visit itself is still to come


@pytest.mark.parametrize("text", [
    "Analysts said the two presidents will meet next month.",  # a prediction
    "The army will attack the town, officials said.",  # a hostile plan is no agreement
])
def test_no_intent_from_a_prediction_or_a_hostile_plan(extract, text):
    assert not found(extract(text), "AGREE")


@pytest.mark.parametrize("text, type_", [
    ("The opposition leader was sharply critical of the interior minister.", "ACCUSE"),
    ("The premier remained supportive of the embattled police chief.", "SUPPORT"),
    ("The mayor said she was unwilling to hand the files to the inquiry.", "REJECT"),
    ("Ankara holds the militants responsible for the car bombing.", "ACCUSE"),
    ("The rapporteur said the siege of the camp constitutes a war crime.", "ACCUSE"),
    ("Police said the ambush bears the hallmarks of the insurgents.", "ACCUSE"),
])
def test_evaluative_predicates(extract, text, type_):
    events = extract(text)
    assert found(events, type_), [(e.type, e.status, e.trigger.text) for e in events]


def test_responsible_names_the_accused_and_the_speaker_accuses(extract):
    events = extract("Kenyan officials said the Shabaab were responsible for the attack on the bus.")
    accusation = found(events, "ACCUSE")
    assert accusation and accusation[0].target is not None and "Shabaab" in accusation[0].target.text
    assert accusation[0].source is not None and "officials" in accusation[0].source.text


@pytest.mark.parametrize("text", [
    "The group said it was responsible for the bombing.",  # a claim, not an accusation
    "A critical report on the prisons was published on Monday.",  # an adjective on a noun
    "The ministry is responsible for security in the camps.",  # a duty, not a deed
])
def test_no_accusation_from_a_claim_or_an_attribute(extract, text):
    assert not found(extract(text), "ACCUSE")


@pytest.mark.parametrize("text, type_", [
    ("Senator Warren has clashed with Jared Kushner over the clearances.", "ACCUSE"),  # people quarrel
    ("Judge Okafor released Thomas Brown on bail on Friday.", "CONCEDE"),
    ("Journalist Ana Silva was prohibited from leaving the country.", "COERCE"),
    ("The union filed a complaint against the ministry.", "ACCUSE"),
    ("A suicide bomber drove a van into the gate of the barracks.", "ASSAULT"),
])
def test_rules_for_one_kind_of_word(extract, text, type_):
    events = extract(text)
    assert found(events, type_), [(e.type, e.status, e.trigger.text) for e in events]


def test_soldiers_clashing_still_fight(extract):
    events = extract("Soldiers clashed with rebels near the border on Sunday.")
    assert found(events, "ASSAULT") and not found(events, "ACCUSE")


@pytest.mark.parametrize("text, trigger, expected", [
    ("The minister had to resign after the scandal.", "resign", "asserted"),  # a past obligation, met
    ("The minister will have to resign.", "resign", "hypothetical"),
    ("The minister would have had to resign.", "resign", "hypothetical"),
    ("The general was sacked, only to be reinstated by the court a week later.", "reinstated", "asserted"),
])
def test_obligations_and_results(nlp, text, trigger, expected):
    from flashpoint.nlp.modality import modality_of
    token = next(t for t in nlp(text) if t.text == trigger)
    assert modality_of(token) == expected


def test_a_meeting_in_which_something_was_done_took_place(extract):
    events = extract("The president offered the post to General Musa in a meeting at the palace.")
    meeting = found(events, "CONSULT")
    assert meeting and meeting[0].source is not None, [(e.type, e.status, e.trigger.text) for e in events]


def test_two_verbs_of_one_support_are_one_event(extract):
    events = extract("Estonia endorsed the declaration and showed its solidarity with Finland.")
    assert len(found(events, "SUPPORT")) == 1, [(e.type, e.status, e.trigger.text) for e in events]


def test_travelling_to_meet_is_meeting(extract):
    events = extract("The Kenyan foreign minister flew to Addis Ababa on Monday to meet her Ethiopian counterpart.")
    assert found(events, "CONSULT"), [(e.type, e.status, e.trigger.text) for e in events]


@pytest.mark.parametrize("text, type_", [
    ("The two sides completed a prisoner swap on Friday.", "AGREE"),
    ("The warring parties renewed negotiations on Tuesday.", "CONSULT"),
    ("The evacuation of wounded civilians from the besieged district began at dawn.", "AID"),
])
def test_performed_event_nouns(extract, text, type_):
    events = extract(text)
    assert found(events, type_), [(e.type, e.status, e.trigger.text) for e in events]


def test_an_attack_named_as_a_subject_is_told_there(extract):
    events = extract("The deadly attack on the convoy near Kidal drew condemnation from the United Nations.")
    assert found(events, "ASSAULT"), [(e.type, e.status, e.trigger.text) for e in events]


def test_an_attack_condemned_is_not_told_again(extract):
    events = extract("The United Nations condemned the attack on the convoy.")
    assert not found(events, "ASSAULT")


@pytest.mark.parametrize("text", [
    "During a public meeting at the library, the treasurer went through the budget.",  # no one met
    "The ombudsman's office issued an early warning for six districts.",  # a bulletin, no threat
    "Providing mutual aid at the scene were firefighters from three towns.",  # an actor is needed
    "Governor Hoeven said students would be forgiven for missed school days.",  # no doer announced
    "The council left the door open to discuss the issue in June.",  # a purpose, not done
    "Pedestrians were prohibited from getting too close to the fire.",  # crowd control
])
def test_no_event_in_ordinary_local_news(extract, text):
    events = extract(text)
    assert not [e for e in events if e.status == "asserted"], [(e.type, e.status, e.trigger.text) for e in events]


def test_taken_from_their_homes_is_an_abduction(extract):
    events = extract("Police said the two farmers had been taken from their homes on Friday night by armed men.")
    assert found(events, "COERCE"), [(e.type, e.status, e.trigger.text) for e in events]
    assert not found(extract("The nurses took the children from their homes to the shelter."), "COERCE")


def test_a_statement_of_condemnation_is_the_issuers_accusation(extract):
    events = extract("The African Union issued a statement of condemnation on Sunday.")
    accusation = found(events, "ACCUSE")
    assert accusation and accusation[0].source is not None, [(e.type, e.status, e.trigger.text) for e in events]
