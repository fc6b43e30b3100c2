"""What several stages read from one parsed Doc, computed once per document.

spaCy builds a new Python object on every `doc[i]`, `doc.ents` and `doc.sents` (and `Doc.text`
joins every token again): the stages ask for the same tokens, entities and sentences hundreds of
times an article. Here each is built once and kept in the Doc's `user_data`; the Doc is not changed
after the pipeline, so the copies stay true.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from spacy.tokens import Doc, Span, Token

from flashpoint.nlp.anchored import WordIndex

T = TypeVar("T")
_PREFIX = "flashpoint."


def _once(doc: Doc, key: str, compute: Callable[[Doc], T]) -> T:
    value = doc.user_data.get(key)
    if value is None:
        value = doc.user_data[key] = compute(doc)
    return value


def release(doc: Doc) -> None:
    """Drop the views: the token list refers back to the Doc, and that cycle would keep every Doc
    alive until the garbage collector's next full pass."""
    for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith(_PREFIX)]:
        del doc.user_data[key]


def text_of(doc: Doc) -> str:
    """The Doc's text."""
    return _once(doc, _PREFIX + "text", lambda d: d.text)


def word_index_of(doc: Doc) -> WordIndex:
    """Where each word of the text starts (for the date and number patterns)."""
    return _once(doc, _PREFIX + "word_index", lambda d: WordIndex(text_of(d)))


def tokens_of(doc: Doc) -> list[Token]:
    """The Doc's tokens, one object each for the life of the Doc."""
    return _once(doc, _PREFIX + "tokens", list)


def words_of(doc: Doc) -> list[str]:
    """Each token's text."""
    return _once(doc, _PREFIX + "words", lambda d: [t.text for t in tokens_of(d)])


def entities_of(doc: Doc) -> tuple[Span, ...]:
    """The named entities, in text order."""
    return _once(doc, _PREFIX + "entities", lambda d: d.ents)


def sentences_of(doc: Doc) -> list[Span]:
    """The sentences (one, the whole Doc, when nothing set sentence boundaries)."""
    return _once(doc, _PREFIX + "sentences", lambda d: list(d.sents) if d.has_annotation("SENT_START") else [d[:]])


def sentence_ends(doc: Doc) -> list[int]:
    """For each token, the index just past the end of its sentence."""
    def compute(d: Doc) -> list[int]:
        ends: list[int] = []
        for sentence in sentences_of(d):
            ends.extend([sentence.end] * len(sentence))
        return ends
    return _once(doc, _PREFIX + "sentence_ends", compute)


def sentence_start_chars(doc: Doc) -> list[int]:
    """The character offset where each sentence starts."""
    return _once(doc, _PREFIX + "sentence_start_chars", lambda d: [s.start_char for s in sentences_of(d)])


def sentence_starts(doc: Doc) -> list[int]:
    """For each token, the index of the first token of its sentence."""
    def compute(d: Doc) -> list[int]:
        starts: list[int] = []
        for sentence in sentences_of(d):
            starts.extend([sentence.start] * len(sentence))
        return starts
    return _once(doc, _PREFIX + "sentence_starts", compute)


def pos_of(doc: Doc) -> list[str]:
    """Each token's coarse part of speech."""
    return _once(doc, _PREFIX + "pos", lambda d: [t.pos_ for t in tokens_of(d)])
