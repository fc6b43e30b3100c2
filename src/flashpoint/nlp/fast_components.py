"""Faster drop-in replacements for two spaCy components of the small English model, giving
token-for-token the same annotations (tests/test_fast_components.py compares them).

spaCy's attribute ruler runs its ~180 patterns through the Matcher token by token; 56 of them map a
tag to a part of speech and morphology and match every token, which made the ruler cost as much as
the parser. Here each one-token pattern is tested on whole attribute arrays at once (numpy), the
few multi-token ones go through the Matcher, and the matches are applied in the original order
(later patterns still win). The lemmatizer is spaCy's own, behind a
cache of its answers read and written as arrays, so a token object is made only for a form not
seen before.
"""

from __future__ import annotations

import re

import numpy
from spacy import attrs as spacy_attrs
from spacy.attrs import LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.pipeline.lemmatizer import Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

ORIGINAL_RULER = "attribute_ruler"
ORIGINAL_LEMMATIZER = "lemmatizer"


class TagMapRuler:
    """The attribute ruler with its one-token patterns tested on whole attribute arrays."""

    def __init__(self, original: AttributeRuler):
        self.vocab = original.vocab
        self.attrs = original.attrs  # normalised, one per pattern, in order
        self.indices = original.indices
        # One-token patterns that name the word are looked up by the word; the few others are tested
        # on every token.
        self.by_word: dict[int, list[tuple[int, list[tuple[int, str, object]]]]] = {}
        self.any_word: list[tuple[int, list[tuple[int, str, object]]]] = []
        self.multi = Matcher(original.vocab)
        self.pairs: list[tuple[int, list[tuple[int, str, object]], list[tuple[int, str, object]]]] = []
        self._searched: dict[tuple[re.Pattern[str], int], bool] = {}  # (pattern, word) -> matches
        self._arrays: dict[frozenset[int], numpy.ndarray] = {}
        # The leading run of tag-only patterns (the tag map) is applied first, as whole arrays:
        # every later pattern overrides it, exactly as the matches would be applied in order.
        self.tag_map: dict[int, tuple[int | None, int | None]] = {}
        for number, pattern in enumerate(original.patterns):
            alternatives = pattern["patterns"]
            if len(self.tag_map) == number and self._is_tag_map_entry(pattern):
                attrs = pattern["attrs"]
                pos = self.vocab.strings[attrs["POS"]] if "POS" in attrs else None
                morph = self.vocab.morphology.add(attrs["MORPH"]) if "MORPH" in attrs else None
                self.tag_map[self.vocab.strings.add(alternatives[0][0]["TAG"])] = (pos, morph)
                continue
            if not all(len(tokens) == 1 for tokens in alternatives):
                if all(len(tokens) == 2 and not any("OP" in t for t in tokens) for tokens in alternatives):
                    for first, second in alternatives:  # "there is", "gon na": tested as arrays too
                        self.pairs.append((number, self._conditions(first), self._conditions(second)))
                else:
                    self.multi.add(str(number), alternatives)
                continue
            for tokens in alternatives:
                conditions = self._conditions(tokens[0])
                words = [c for c in conditions if c[0] == 0 and c[1] == "in"]
                if not words:
                    self.any_word.append((number, conditions))
                    continue
                rest = [c for c in conditions if c is not words[0]]
                for word in words[0][2]:
                    self.by_word.setdefault(word, []).append((number, rest))

    @staticmethod
    def _is_tag_map_entry(pattern: dict) -> bool:
        alternatives = pattern["patterns"]
        return (
            len(alternatives) == 1 and len(alternatives[0]) == 1 and set(alternatives[0][0]) == {"TAG"}
            and isinstance(alternatives[0][0]["TAG"], str) and set(pattern["attrs"]) <= {"POS", "MORPH"}
        )

    def _apply_tag_map(self, doc: Doc) -> None:
        values = doc.to_array([TAG, POS, MORPH])
        tags, where = numpy.unique(values[:, 0], return_inverse=True)
        for column, part in ((1, 0), (2, 1)):
            mapped = [self.tag_map.get(tag, (None, None))[part] for tag in tags.tolist()]
            known = numpy.array([m is not None for m in mapped], dtype=bool)[where]
            replacement = numpy.array([m or 0 for m in mapped], dtype=values.dtype)[where]
            values[:, column] = numpy.where(known, replacement, values[:, column])
        doc.from_array([POS, MORPH], numpy.ascontiguousarray(values[:, 1:]))

    def _conditions(self, token_pattern: dict) -> list[tuple[int, str, object]]:
        """(column, test, operand) for each key of a Matcher token pattern."""
        conditions = []
        for key, value in token_pattern.items():
            if key not in COLUMNS:
                raise ValueError(f"attribute ruler: unsupported pattern key {key!r}")
            column = COLUMNS.index(key)
            if key == "IS_SPACE":
                conditions.append((column, "is", bool(value)))
            elif isinstance(value, str):
                conditions.append((column, "in", frozenset([self.vocab.strings.add(value)])))
            elif isinstance(value, dict) and set(value) <= {"IN", "NOT_IN"} and len(value) == 1:
                test, words = next(iter(value.items()))
                conditions.append((column, test.lower().replace("_", " "), frozenset(self.vocab.strings.add(w) for w in words)))
            elif isinstance(value, dict) and set(value) == {"REGEX"}:
                conditions.append((column, "regex", re.compile(value["REGEX"])))
            else:
                raise ValueError(f"attribute ruler: unsupported pattern value {value!r}")
        return conditions

    def _mask(self, values: numpy.ndarray, conditions: list[tuple[int, str, object]]) -> numpy.ndarray:
        mask = numpy.ones(len(values), dtype=bool)
        for column, test, operand in conditions:
            data = values[:, column]
            if test == "is":
                mask &= (data != 0) == operand
            elif test == "regex":
                unique, where = numpy.unique(data, return_inverse=True)
                hits = numpy.array([self._search(operand, h) for h in unique.tolist()], dtype=bool)
                mask &= hits[where]
            else:
                if len(data) < SMALL:  # numpy.isin costs more than it saves on a few rows
                    inside = numpy.fromiter((v in operand for v in data.tolist()), dtype=bool, count=len(data))
                else:
                    inside = numpy.isin(data, self._array_of(operand))
                mask &= inside if test == "in" else ~inside
        return mask

    def _search(self, pattern: re.Pattern[str], key: int) -> bool:
        found = self._searched.get((pattern, key))
        if found is None:
            found = self._searched[(pattern, key)] = bool(pattern.search(self.vocab.strings[key]))
        return found

    def _array_of(self, words: frozenset[int]) -> numpy.ndarray:
        array = self._arrays.get(words)
        if array is None:
            array = self._arrays[words] = numpy.array(sorted(words), dtype=numpy.uint64)
        return array

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if self.tag_map:
            self._apply_tag_map(doc)
        values = doc.to_array([getattr(spacy_attrs, name) for name in COLUMNS])
        found: set[tuple[int, int, int]] = set()
        words, where = numpy.unique(values[:, 0], return_inverse=True)
        for k, word in enumerate(words.tolist()):
            entries = self.by_word.get(word)
            if entries:
                positions = numpy.flatnonzero(where == k)
                rows = values[positions]
                for number, conditions in entries:
                    found.update((number, i, i + 1) for i in positions[self._mask(rows, conditions)].tolist())
        for number, conditions in self.any_word:
            found.update((number, i, i + 1) for i in numpy.flatnonzero(self._mask(values, conditions)).tolist())
        if len(doc) > 1:
            for number, first, second in self.pairs:
                both = self._mask(values[:-1], first) & self._mask(values[1:], second)
                found.update((number, i, i + 2) for i in numpy.flatnonzero(both).tolist())
        if len(self.multi):
            found.update((int(self.vocab.strings[key]), start, end) for key, start, end in self.multi(doc))
        for number, start, end in sorted(found):  # later patterns win, as in spaCy's ruler
            index = self.indices[number]
            token = doc[start + index] if 0 <= index < end - start else doc[start:end][index]
            set_token_attrs(token, self.attrs[number])
        return doc


COLUMNS = ["LOWER", "TAG", "DEP", "IS_SPACE"]


SMALL = 64


class CachedLemmatizer:
    """spaCy's rule lemmatizer, asked once per (form, part of speech, morphology)."""

    def __init__(self, original: Lemmatizer):
        self.original = original
        self.answers: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        values = doc.to_array([ORTH, POS, MORPH, LEMMA])
        strings = doc.vocab.strings
        answers = self.answers
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(values.tolist()):
            if lemma == 0:  # not set by the attribute ruler, which spaCy's lemmatizer respects too
                key = (orth, pos, morph)
                lemma = answers.get(key)
                if lemma is None:
                    lemma = answers[key] = strings.add(self.original.lemmatize(doc[i])[0])
            lemmas.append(lemma)
        doc.from_array([LEMMA], numpy.array(lemmas, dtype=values.dtype).reshape(-1, 1))
        return doc


@Language.factory("flashpoint_attribute_ruler")
def make_tag_map_ruler(nlp: Language, name: str) -> TagMapRuler:
    return TagMapRuler(nlp.get_pipe(ORIGINAL_RULER))


@Language.factory("flashpoint_lemmatizer")
def make_cached_lemmatizer(nlp: Language, name: str) -> CachedLemmatizer:
    return CachedLemmatizer(nlp.get_pipe(ORIGINAL_LEMMATIZER))


def use_fast_components(nlp: Language) -> None:
    """Swap the model's attribute ruler and lemmatizer for the array-based equivalents above."""
    nlp.add_pipe("flashpoint_attribute_ruler", before=ORIGINAL_RULER)
    nlp.add_pipe("flashpoint_lemmatizer", before=ORIGINAL_LEMMATIZER)
    nlp.remove_pipe(ORIGINAL_RULER)
    nlp.remove_pipe(ORIGINAL_LEMMATIZER)
