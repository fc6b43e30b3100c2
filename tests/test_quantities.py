"""Quantities: values, ranges, units, what they count, and what is not a quantity."""

from __future__ import annotations

import pytest

from flashpoint.nlp.quantities import find_quantities


def found(nlp, text):
    return [(q.value, q.high, q.unit) for q in find_quantities(nlp(text))]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Rebels burned 11 houses.", [(11, None, "houses")]),
        ("The camp holds 1,200 refugees.", [(1200, None, "refugees")]),
        ("The war displaced 2.5 million people.", [(2500000, None, "people")]),
        ("Washington keeps 5,000-6,000 personnel in the country.", [(5000, 6000, "personnel")]),
        ("Between 20 and 30 fighters surrendered.", [(20, 30, "fighters")]),
        ("Police detained 20 to 30 protesters.", [(20, 30, "protesters")]),
        ("Turnout reached 56% in the north.", [(56, None, "%")]),
        ("Turnout reached 56 percent in the north.", [(56, None, "%")]),
        ("Gunmen abducted nine students.", [(9, None, "students")]),
        ("Twenty-three soldiers deserted.", [(23, None, "soldiers")]),
        ("A dozen trucks crossed the border.", [(12, None, "trucks")]),
        ("One-third of the district is under rebel control.", [(0.333, None, None)]),
        ("The blast killed at least 11 people.", [(11, None, "people")]),
        ("More than 30 villages were emptied.", [(30, None, "villages")]),
        ("The siege lasted nearly three hours.", [(3, None, "hours")]),
        ("The convoy stopped about 90 km from the capital.", [(90, None, "km")]),
        ("Donors pledged $1 billion in aid.", [(1000000000, None, "$")]),
        ("Two or three drones were shot down.", [(2, 3, "drones")]),
    ],
)
def test_values_and_units(nlp, text, expected):
    assert found(nlp, text) == expected


def test_modifier_in_text(nlp):
    (q,) = find_quantities(nlp("The blast killed at least 11 people."))
    assert q.text == "at least 11 people"


@pytest.mark.parametrize(
    "text, about",
    [
        ("The blast killed at least 11 people.", "killed"),
        ("Four soldiers died in the ambush.", "killed"),
        ("The shelling left nine dead.", "killed"),
        ("Two policemen were wounded.", "wounded"),
        ("Fighting has displaced 20,000 people.", "displaced"),
        ("The convoy carried two armoured vehicles.", "armoured vehicles"),
    ],
)
def test_about(nlp, text, about):
    (q,) = find_quantities(nlp(text))
    assert q.about == about


@pytest.mark.parametrize(
    "text",
    [
        "The offensive began in 2014 and ended in March 2016.",
        "The attack happened on 3 March 2019.",
        "Shelling resumed at 5 p.m. and again at 22:30.",
        "He was the third commander to be killed.",
        "Call the hotline on +44 20 7946 0958 for help.",
        "M23 rebels advanced while F-16s flew overhead.",
        "The council passed Resolution 2334 after a debate.",
        "Dozens of people fled and hundreds more followed.",
        "The 1990s were a decade of war.",
        "No one was hurt.",
    ],
)
def test_not_quantities(nlp, text):
    assert find_quantities(nlp(text)) == []


def test_durations_are_quantities_not_casualties(nlp):
    (q,) = find_quantities(nlp("The town was held for three weeks before troops were killed."))
    assert (q.value, q.unit) == (3, "weeks") and q.about != "killed"
