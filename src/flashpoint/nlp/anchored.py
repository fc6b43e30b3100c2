"""Regular expressions tried only where a match can begin.

The date and number patterns are long alternations that Python's `re` tries at every character of
an article; together they cost as much as all the other analysis stages. Every one of them begins
at the start of a word (after `\\b` or a lookbehind that rules out a letter before), and only a few
words can begin each: a month, "last", a digit. So each pattern names the words it can begin with,
the text's words are indexed once, and the pattern is tried (`Pattern.match`) only where one of
those words starts. Taking the leftmost match and going on after its end, as `finditer` does, this
gives exactly what `finditer` gives (tests/test_anchored.py checks every pattern on the corpus).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

DIGITS = "#digits"  # stands for every word that begins with a digit
_WORD = re.compile(r"\w+")
# Letters that `re.IGNORECASE` takes for an ASCII letter but `str.lower` does not turn into it.
_CASE_FOLDS = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0130": "i", "\u212a": "k"})


def fold_case(text: str) -> str:
    """Lower case as a case-insensitive pattern sees it ("laſt" is "last")."""
    return text.translate(_CASE_FOLDS).lower()


class WordIndex:
    """Where each word of a text starts, by its lower-case form (numbers under DIGITS). A word
    asked for with a trailing "*" stands for every word it begins ("friday*": "Fridays")."""

    def __init__(self, text: str):
        self.text = text
        self._starts: dict[str, list[int]] = {}
        for m in _WORD.finditer(text):
            word = m.group()
            key = DIGITS if word[0].isdigit() else fold_case(word)
            self._starts.setdefault(key, []).append(m.start())

    def starts(self, words: Iterable[str]) -> list[int]:
        """Offsets where any of the (lower-case) words starts, in order."""
        found: list[int] = []
        prefixes = tuple(word[:-1] for word in words if word.endswith("*"))
        for word in words:
            found.extend(self._starts.get(word, ()))
        if prefixes:
            for key, starts in self._starts.items():
                if key.startswith(prefixes):
                    found.extend(starts)
        return sorted(set(found))


def finditer_at(pattern: re.Pattern[str], text: str, candidates: list[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, trying only the candidate offsets (which must include every offset
    where a match can begin)."""
    resume = 0
    for position in candidates:
        if position < resume:
            continue
        m = pattern.match(text, position)
        if m is not None:
            yield m
            resume = m.end()


def with_space_before(text: str, positions: list[int]) -> list[int]:
    """The positions, and the one before each where it is white space (for patterns that may open
    with an optional `\\s`)."""
    out = set(positions)
    out.update(p - 1 for p in positions if p > 0 and text[p - 1].isspace())
    return sorted(out)
