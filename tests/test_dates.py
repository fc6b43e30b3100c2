"""Dates: resolving date expressions against the publication date, and the event's date."""

from __future__ import annotations

import pytest

from flashpoint.models import Span
from flashpoint.nlp.dates import date_for_event, find_dates


def values(nlp, text: str, published: str | None = "2017-09-10") -> list[tuple[str, str]]:
    return [(d.text, d.value) for d in find_dates(nlp(text), published)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The rebels seized the town in June 2014.", [("June 2014", "2014-06")]),
        ("Talks stalled in January 2014 and resumed later.", [("January 2014", "2014-01")]),
        ("Memories of the 2013 protests linger.", [("2013", "2013")]),
        ("Last February, jets struck the depot.", [("Last February", "2017-02")]),
        ("The commander was killed late last month.", [("late last month", "2017-08")]),
        ("Earlier this month, troops arrived in the valley.", [("Earlier this month", "2017-09")]),
        ("The city fell three years ago.", [("three years ago", "2014")]),
        ("Clashes broke out in October.", [("October", "2016-10")]),
        ("Gunmen attacked the market on Tuesday.", [("Tuesday", "2017-09-05")]),
        ("A bomb went off yesterday near the port.", [("yesterday", "2017-09-09")]),
        ("This week the ceasefire collapsed.", [("This week", "2017-09")]),
        ("Between January and November 2025, the toll doubled.", [("January and November 2025", "2025-01")]),
        ("On March 3 a convoy was ambushed.", [("March 3", "2017-03-03")]),
        ("On 3 March 2019 a convoy was ambushed.", [("3 March 2019", "2019-03-03")]),
        ("The report is dated 2019-03-03.", [("2019-03-03", "2019-03-03")]),
        ("By mid-2016 the group had lost most of its territory.", [("mid-2016", "2016")]),
        ("The war raged between 2014 and 2017.", [("2014 and 2017", "2014")]),
        ("They met in May last year.", [("May last year", "2016-05")]),
        ("The army invaded in February 2022 and seven months later it withdrew.",
         [("February 2022", "2022-02"), ("seven months later", "2022-09")]),
    ],
)
def test_resolves(nlp, text, expected):
    assert values(nlp, text) == expected


def test_month_in_the_future(nlp):
    assert values(nlp, "The parties will meet again in March.") == [("March", "2018-03")]


def test_previous_day_counts_from_the_sentence_date(nlp):
    got = values(nlp, "The command said on Thursday that it had bombed the camp the previous day.")
    assert got == [("Thursday", "2017-09-07"), ("the previous day", "2017-09-06")]


def test_previous_day_without_another_date_is_the_day_before_publication(nlp):
    assert values(nlp, "Police arrested two men the previous day.") == [("the previous day", "2017-09-09")]


def test_durations_and_times_are_not_dates(nlp):
    assert values(nlp, "They fought for three hours, nearly a decade after the war, at 5 p.m.") == []


def test_may_the_verb_is_no_month(nlp):
    assert values(nlp, "Aid convoys may arrive soon.") == []


def test_counts_that_look_like_years_are_not_years(nlp):
    assert values(nlp, "Some 2000 soldiers were sent in 2015.") == [("2015", "2015")]


def test_without_publication_only_absolute_dates(nlp):
    got = values(nlp, "Last month, and again on 3 March 2019 and on Tuesday, rebels attacked.", None)
    assert got == [("3 March 2019", "2019-03-03")]


def test_day_range_is_one_date(nlp):
    assert values(nlp, "A roundup for October 14-20, 2019.") == [("October 14-20, 2019", "2019-10-14")]


def event_date(nlp, text: str, trigger: str, published: str = "2019-03-14"):
    doc = nlp(text)
    dates = find_dates(doc, published)
    start = text.index(trigger)
    sentence = Span(0, len(text), text)
    return date_for_event(doc, sentence, Span(start, start + len(trigger), trigger), dates)


def test_event_date_attached_to_trigger(nlp):
    d = event_date(nlp, "Militants stormed a base on Tuesday, officials said on Wednesday.", "stormed")
    assert d is not None and d.value == "2019-03-12"


def test_event_date_of_reporting_verb_is_the_month(nlp):
    d = event_date(nlp, "Militants stormed a base near the town, officials said on Wednesday.", "stormed")
    assert d is not None and d.value == "2019-03"


def test_event_date_none_without_date(nlp):
    assert event_date(nlp, "Militants stormed a base near the town.", "stormed") is None


def test_an_after_clause_keeps_its_own_day_and_else_takes_only_the_month(extractor):
    from flashpoint.models import Article
    def events(text):
        return extractor.extract(Article(text=text, source="t.txt", published="2025-03-14", language="en"), "t").events
    stab = next(e for e in events("Police detained the cook on Thursday after he stabbed a waiter on Monday.")
                if e.trigger.text == "stabbed")
    assert stab.date is not None and stab.date.value == "2025-03-10"
    stab = next(e for e in events("The cook was detained on Thursday after he stabbed a waiter.")
                if e.trigger.text == "stabbed")
    assert stab.date is not None and stab.date.value == "2025-03"


def test_a_clause_with_its_own_doer_keeps_its_date_to_itself(extractor):
    from flashpoint.models import Article
    text = "The militia has been fighting the army for years, and clashes in May 2019 killed 40 people."
    found = extractor.extract(Article(text=text, source="t.txt", published="2025-03-14", language="en"), "t").events
    fighting = next(e for e in found if e.trigger.text == "fighting")
    assert fighting.date is None


def test_verbs_of_one_statement_share_its_day(extractor):
    from flashpoint.models import Article
    text = "In a communique on Tuesday, the rebel command denied the massacre and accused the police of lying."
    found = extractor.extract(Article(text=text, source="t.txt", published="2025-03-14", language="en"), "t").events
    accusation = next(e for e in found if e.type == "ACCUSE")
    assert accusation.date is not None and accusation.date.value == "2025-03-11"


def test_a_date_the_sentence_split_cut_belongs_to_the_sentence_it_begins_in(nlp):
    text = "The general visited the troops in Maiduguri on 2nd Oct 2016. He praised them."
    doc = nlp(text)
    dates = find_dates(doc, "2016-10-05")
    cut = text.index("Oct")  # as if the parser had ended the sentence inside the date
    trigger = text.index("visited")
    d = date_for_event(doc, Span(0, cut, text[:cut]), Span(trigger, trigger + 7, "visited"), dates)
    assert d is not None and d.value == "2016-10-02"
