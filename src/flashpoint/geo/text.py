"""Name normalisation shared by the gazetteer build and the parser."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTES = re.compile(r"[’‘ʿʾ`'´ʼ]")
_PUNCT = re.compile(r"[\-‐‑–—./,()]+")
_SPACE = re.compile(r"\s+")
# Arabic article forms that transliterations write or drop at will ("Al Qaim" = "Qaim").
ARTICLES = ("al ", "el ", "ad ", "an ", "ar ", "as ", "ash ", "at ", "az ", "ath ", "adh ")


@lru_cache(maxsize=1 << 16)  # the same names recur in every article; folding is pure
def fold(name: str) -> str:
    """Lower-case ASCII key of a name: accents, apostrophes, hyphens and a leading "the" removed."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _QUOTES.sub("", text)
    text = _PUNCT.sub(" ", text)
    text = _SPACE.sub(" ", text).strip().lower()
    if text.startswith("the "):
        text = text[4:]
    return text


def strip_article(key: str) -> str | None:
    """The key without a leading Arabic article, or None when it has none."""
    for art in ARTICLES:
        if key.startswith(art) and len(key) > len(art) + 2:
            return key[len(art):]
    return None


def is_latin(name: str) -> bool:
    """True when the name is written in Latin letters (after removing accents)."""
    folded = unicodedata.normalize("NFKD", name)
    return all(ch.isascii() or unicodedata.combining(ch) or not ch.isalpha() for ch in folded)
