"""Quotes: quotation marks, speakers, pronouns, continuations and scare quotes."""

from __future__ import annotations

import pytest

from flashpoint.models import ActorInfo, ActorMention
from flashpoint.nlp.quotes import find_quotes


def quotes(nlp, text, mentions=()):
    return find_quotes(nlp(text), list(mentions))


def test_name_after_quote(nlp):
    text = '"The bridge is now under our control," Colonel Marek Dudek said on Monday.'
    (q,) = quotes(nlp, text)
    assert q.text == "The bridge is now under our control"
    assert text[q.start:q.end] == q.text
    assert q.speaker is not None and "Dudek" in q.speaker.text and q.speaker.name == "Marek Dudek"


def test_inverted_said_and_curly_quotes(nlp):
    text = "\u201cWe will hold the line until reinforcements come,\u201d said Amina Yusuf, a local councillor."
    (q,) = quotes(nlp, text)
    assert q.text.startswith("We will hold the line")
    assert q.speaker.name == "Amina Yusuf"


def test_name_before_with_colon(nlp):
    text = 'The governor, Tomas Herrera, told reporters: "Nobody will be allowed to return before the roads are cleared."'
    (q,) = quotes(nlp, text)
    assert q.speaker.name == "Tomas Herrera"


def test_surname_resolves_to_full_name_and_split_quote(nlp):
    text = (
        "Saleem Harba, a retired general, spoke to the station on Friday.\n\n"
        '"The army will have to coordinate with its neighbours," Harba insisted. '
        '"Without that, the border will stay open to the militants."'
    )
    qs = quotes(nlp, text)
    assert len(qs) == 2
    assert all(q.speaker.name == "Saleem Harba" for q in qs)
    assert qs[0].speaker.text == "Harba"


def test_pronoun_resolves_to_last_named_person(nlp):
    text = (
        "Interior minister Yusuf Dantata visited the camp on Sunday. "
        '"These families need food before anything else," he said.'
    )
    (q,) = quotes(nlp, text)
    assert q.speaker.text == "he"
    assert q.speaker.name == "Yusuf Dantata"


def test_actor_id_from_mentions(nlp):
    text = 'Ahmed Warsame, a commander, told reporters: "We repelled them after three hours of fighting."'
    mention = ActorMention(0, 13, "Ahmed Warsame", ActorInfo("SOM_MIL", "Somali military", "SOM", "MIL"))
    (q,) = quotes(nlp, text, [mention])
    assert q.speaker.actor_id == "SOM_MIL"


def test_according_to(nlp):
    text = 'According to Dr. Leila Haddad, "the hospital has run out of anaesthetics and fuel for the generators."'
    (q,) = quotes(nlp, text)
    assert q.speaker.name == "Leila Haddad"


def test_added_that_with_partial_quote(nlp):
    text = (
        "Defence minister Carlos Mendez spoke in the capital. "
        'He added that the government would not negotiate "while they keep killing our soldiers".'
    )
    (q,) = quotes(nlp, text)
    assert q.text == "while they keep killing our soldiers"
    assert q.speaker.text == "He" and q.speaker.name == "Carlos Mendez"


def test_warned_and_organisation_speaker(nlp):
    text = 'The United Nations warned that "the humanitarian situation is deteriorating by the hour".'
    (q,) = quotes(nlp, text)
    assert "United Nations" in q.speaker.text


def test_continuation_paragraph(nlp):
    text = (
        '"They burned every house on the hill," said Grace Achieng, a teacher.\n\n'
        '"My brother was taken by them, and nobody has seen him since."'
    )
    qs = quotes(nlp, text)
    assert [q.speaker.name for q in qs] == ["Grace Achieng", "Grace Achieng"]


def test_scare_quotes_are_not_quotes(nlp):
    text = 'The minister called the attack "cowardly" and promised a "robust response".'
    assert quotes(nlp, text) == []


def test_short_quote_attributed_directly_is_kept(nlp):
    text = '"Never," the spokesman said when asked about a truce.'
    (q,) = quotes(nlp, text)
    assert q.text == "Never" and "spokesman" in q.speaker.text
