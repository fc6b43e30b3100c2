"""Date and number patterns tried only where their first words start find exactly what a scan of
every character finds."""

from __future__ import annotations

import json

import pytest
import spacy

from conftest import CORPUS, FIXTURES
from flashpoint.nlp import dates, quantities
from flashpoint.nlp.anchored import WordIndex, finditer_at

# Sentences that open every kind of pattern in its awkward forms: capitals, abbreviations, currency
# signs and white space before a number, a number glued to a word, underscores, other scripts.
EDGE_TEXT = """\
Between March and May 2024, two-thirds of the 1,200 displaced returned; from 2019 to 2021 the
number fell.  Last week, late last month and early 2023 talks stalled. On Tuesday, Sept. 3 and
3rd of September, 12-14 July, mid-March 2022 and the end of 2020 were named. The day before
yesterday, a day later, three days ago, several weeks earlier, the previous day. Over the weekend
US$5m, $ 40 million, £3bn and €1.5 billion were pledged; 7:30 p.m. GMT; +44 20 7946 0958.
A dozen, a few, one hundred and twenty, between 40 and 50, 10 to 12, eight or nine, x_2024,
Protests are held on Fridays; Mondays and Tuesdays. The AUS$5 million grant, plus$5, _US$5, 5US$5.
Letters a case-insensitive pattern folds: thıs week, thıs morning, İn last week, laſt Monday, ſix
people, talks resume this ſpring, shelling in the paſt week.
F-16s, M23, 1990s, 2nd, 2024-03-05, March–May 2024, the 2014/15 season, 2019-21, ١٢ (Arabic digits), 年 2024 年, this morning, tonight, the spring of 2020.
"""


def _texts() -> list[str]:
    texts = [EDGE_TEXT]
    for folder in (CORPUS, FIXTURES):
        texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.rglob("*.txt"))]
        for path in sorted(folder.rglob("*.jsonl")):
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                try:
                    texts.append(json.loads(line)["text"])
                except (ValueError, KeyError, TypeError):
                    pass  # the broken fixtures
    return texts


def _spans(matches) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]


@pytest.mark.parametrize("number", range(len(dates.PATTERNS)))
def test_each_date_pattern_finds_what_a_full_scan_finds(number):
    kind, pattern, _handler = dates.PATTERNS[number]
    found_any = False
    for text in _texts():
        candidates = WordIndex(text).starts(dates.FIRST_WORDS[kind])
        expected = _spans(pattern.finditer(text))
        assert _spans(finditer_at(pattern, text, candidates)) == expected, kind
        found_any = found_any or bool(expected)
    assert found_any, f"no text exercises the {kind} pattern"


@pytest.mark.parametrize("kind", ["single", "range", "fraction"])
def test_each_number_pattern_finds_what_a_full_scan_finds(kind):
    make_doc = spacy.blank("en")  # the candidates read only the Doc's text
    pattern = quantities._patterns()[kind]
    found_any = False
    for text in _texts():
        expected = _spans(pattern.finditer(text))
        candidates = quantities._candidates(make_doc(text), kind)
        assert _spans(finditer_at(pattern, text, candidates)) == expected, kind
        found_any = found_any or bool(expected)
    assert found_any


def test_a_missing_first_word_is_noticed():
    # The check above can fail: leave out a word a pattern begins with and matches are lost.
    kind, pattern, _handler = next(p for p in dates.PATTERNS if p[0] == "weekend")
    text = "Fighting eased over the weekend."
    assert _spans(pattern.finditer(text))
    assert not _spans(finditer_at(pattern, text, WordIndex(text).starts({"at", "during"})))


def test_dates_and_numbers_of_the_awkward_page_resolve_without_error(nlp):
    doc = nlp(EDGE_TEXT)
    mentions, spans = dates.scan_dates(doc, "2024-03-10")
    assert mentions
    assert quantities.find_quantities(doc, spans)
