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
from spacy.attrs import LEMMA, MORPH, ORTH, POS
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
        self.single: list[tuple[int, list[list[tuple[int, str, object]]]]] = []
        self.multi = Matcher(original.vocab)
        for number, pattern in enumerate(original.patterns):
            alternatives = pattern["patterns"]
            if all(len(tokens) == 1 for tokens in alternatives):
                self.single.append((number, [self._conditions(tokens[0]) for tokens in alternatives]))
            else:
                self.multi.add(str(number), alternatives)

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
                conditions.append((column, "in", {self.vocab.strings.add(value)}))
            elif isinstance(value, dict) and set(value) <= {"IN", "NOT_IN"} and len(value) == 1:
                test, words = next(iter(value.items()))
                conditions.append((column, test.lower().replace("_", " "), {self.vocab.strings.add(w) for w in words}))
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
                hits = numpy.array([bool(operand.search(self.vocab.strings[int(h)])) for h in unique])
                mask &= hits[where]
            else:
                inside = numpy.isin(data, numpy.fromiter(operand, dtype=data.dtype))
                mask &= inside if test == "in" else ~inside
        return mask

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        values = doc.to_array([getattr(spacy_attrs, name) for name in COLUMNS])
        matches = [
            (number, int(i), int(i) + 1)
            for number, alternatives in self.single
            for i in numpy.flatnonzero(numpy.logical_or.reduce([self._mask(values, c) for c in alternatives]))
        ]
        matches += [(int(self.vocab.strings[key]), start, end) for key, start, end in self.multi(doc)]
        for number, start, end in sorted(matches):  # later patterns win, as in spaCy's ruler
            set_token_attrs(doc[start:end][self.indices[number]], self.attrs[number])
        return doc


COLUMNS = ["LOWER", "TAG", "DEP", "IS_SPACE"]


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
