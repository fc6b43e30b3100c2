"""Hard-wrapped text: a break that only wraps a line is white space, not the end of a sentence."""

from __future__ import annotations

import textwrap

import pytest

from flashpoint.models import Article, Document
from flashpoint.nlp.linebreaks import line_start, wrapping_breaks

STORY = (
    "Gunmen kill six villagers in raid on farming settlement in central Mali\n\n"
    "MOPTI, Mali, June 3 — Gunmen on motorbikes killed six villagers and burned dozens of granaries "
    "when they raided the settlement of Sofara in the Mopti region on Sunday, local officials said.\n\n"
    "The attackers, thought to belong to a jihadist group linked to al Qaeda, fled towards the "
    "border with Burkina Faso before soldiers arrived, a Malian army spokesman said on Monday.\n\n"
    '"They came at dawn and shot at everyone who ran towards the river and the fields," the '
    "village chief told reporters, adding that two of the wounded had died in hospital.\n\n"
    "Separately, police in Bamako arrested three men suspected of smuggling weapons to the group, "
    "the security ministry said in a statement."
)


def wrapped(text: str, width: int = 68) -> str:
    return "\n\n".join(textwrap.fill(paragraph, width) for paragraph in text.split("\n\n"))


def test_the_breaks_of_a_wrapped_text_are_wraps_and_its_paragraph_breaks_are_not() -> None:
    text = wrapped(STORY)
    wraps = wrapping_breaks(text)
    singles = [i for i, ch in enumerate(text) if ch == "\n" and text[i - 1] != "\n" and text[i + 1] != "\n"]
    assert len(singles) > 8 and wraps == frozenset(singles)
    body = text.index("Gunmen on motorbikes")
    assert line_start(text, body) == text.index("MOPTI")


def test_a_text_of_one_line_per_paragraph_has_no_wraps() -> None:
    assert wrapping_breaks(STORY) == frozenset()
    one_per_line = STORY.replace("\n\n", "\n")
    assert wrapping_breaks(one_per_line) == frozenset()


def test_short_lines_of_a_list_or_headline_keep_their_breaks() -> None:
    listing = ("Rebels seize two towns\nTroops retreat to the capital\nAid convoy turned back\n"
               "Talks postponed again\nCurfew extended in the north\n")
    assert wrapping_breaks(listing) == frozenset()


@pytest.fixture(scope="module")
def extract(extractor):
    def run(text: str) -> Document:
        article = Article(text=text, source="wire.txt", published="2024-06-04", language="en")
        return extractor.extract(article, "wire")
    return run


def summary(document: Document) -> list[tuple]:
    return sorted(
        (e.type, e.status, str(e.source and e.source.id), str(e.target and e.target.id),
         str(e.place and e.place.name), str(e.date and e.date.value), " ".join(e.sentence.text.split()))
        for e in document.events
    )


def test_a_hard_wrapped_article_gives_the_events_of_the_same_article_unwrapped(extract) -> None:
    plain, wire = extract(STORY), extract(wrapped(STORY))
    assert len(plain.events) >= 3
    assert summary(wire) == summary(plain)
    raid = next(e for e in wire.events if e.trigger.text.startswith("killed"))
    assert raid.sentence.text.startswith("Gunmen on motorbikes") and raid.place and raid.place.country == "MLI"


def test_a_quote_running_over_a_wrapped_line_keeps_its_speaker(extract) -> None:
    plain, wire = extract(STORY), extract(wrapped(STORY, width=50))
    flat = lambda text: " ".join((text or "").split())
    speakers = lambda d: sorted((flat(q.text), flat(q.speaker and q.speaker.text)) for q in d.quotes)
    assert speakers(wire) == speakers(plain)
    assert any("village chief" in speaker for _, speaker in speakers(wire))


def test_a_capitalised_name_opening_a_wrapped_line_is_no_dateline(nlp) -> None:
    from flashpoint.geo.cues import is_dateline
    text = wrapped("Officials in the capital said the army had moved two brigades towards the border "
                   "overnight and that NATO, which has observers in the region, was told in advance by the "
                   "defence ministry, a spokesman said.", 50)
    doc = nlp(text)
    nato = next(t for t in doc if t.text == "NATO")
    assert "\n" in doc[nato.i - 1].text  # the wrap falls just before the name
    assert not is_dateline(doc, nato.i, nato.i + 1)
