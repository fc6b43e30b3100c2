"""What several stages read from one parsed Doc, computed once per document.

spaCy builds a new Python object on every `doc[i]`, `doc.ents` and `doc.sents` (and `Doc.text`
joins every token again): the stages ask for the same tokens, entities and sentences hundreds of
times an article. Inside `views_kept(doc)` (the extractor's analysis of one article) each is built
once and kept in the Doc's `user_data`; the Doc is not changed after the pipeline, so the copies
stay true. Outside it, each call computes afresh: nothing is left on the Doc, which stays
serialisable, and no token list keeps it alive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from spacy.tokens import Doc, Span, Token

from flashpoint.nlp.anchored import WordIndex

T = TypeVar("T")
_VIEWS = "flashpoint.views"


@contextmanager
def views_kept(doc: Doc) -> Iterator[None]:
    """Within the block, each view of the Doc is computed once (an inner block shares the outer's)."""
    if _VIEWS in doc.user_data:
        yield
        return
    doc.user_data[_VIEWS] = {}
    try:
        yield
    finally:
        del doc.user_data[_VIEWS]


def _once(doc: Doc, key: str, compute: Callable[[Doc], T]) -> T:
    views: dict[str, Any] | None = doc.user_data.get(_VIEWS)
    if views is None:
        return compute(doc)
    value = views.get(key)
    if value is None:
        value = views[key] = compute(doc)
    return value


def text_of(doc: Doc) -> str:
    """The Doc's text."""
    return _once(doc, "text", lambda d: d.text)


def word_index_of(doc: Doc) -> WordIndex:
    """Where each word of the text starts (for the date and number patterns)."""
    return _once(doc, "word_index", lambda d: WordIndex(text_of(d)))


def tokens_of(doc: Doc) -> list[Token]:
    """The Doc's tokens, one object each for the life of the Doc."""
    return _once(doc, "tokens", list)


def words_of(doc: Doc) -> list[str]:
    """Each token's text."""
    return _once(doc, "words", lambda d: [t.text for t in tokens_of(d)])


def entities_of(doc: Doc) -> tuple[Span, ...]:
    """The named entities, in text order."""
    return _once(doc, "entities", lambda d: d.ents)


def sentences_of(doc: Doc) -> list[Span]:
    """The sentences (one, the whole Doc, when nothing set sentence boundaries)."""
    return _once(doc, "sentences", lambda d: list(d.sents) if d.has_annotation("SENT_START") else [d[:]])


def sentence_ends(doc: Doc) -> list[int]:
    """For each token, the index just past the end of its sentence."""
    return _once(doc, "sentence_ends", lambda d: _per_token(d, lambda sentence: sentence.end))


def sentence_starts(doc: Doc) -> list[int]:
    """For each token, the index of the first token of its sentence."""
    return _once(doc, "sentence_starts", lambda d: _per_token(d, lambda sentence: sentence.start))


def sentence_start_chars(doc: Doc) -> list[int]:
    """The character offset where each sentence starts."""
    return _once(doc, "sentence_start_chars", lambda d: [s.start_char for s in sentences_of(d)])


def _per_token(doc: Doc, value: Callable[[Span], int]) -> list[int]:
    out: list[int] = []
    for sentence in sentences_of(doc):
        out.extend([value(sentence)] * len(sentence))
    return out


def pos_of(doc: Doc) -> list[str]:
    """Each token's coarse part of speech."""
    return _once(doc, "pos", lambda d: [t.pos_ for t in tokens_of(d)])
