"""Language identification, so that only English articles go to the English extractor."""

from __future__ import annotations

import py3langid

# Enough text to be sure of the language; the rest would only cost time.
_SAMPLE_CHARS = 2000


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when too short to tell."""
    sample = text[:_SAMPLE_CHARS]
    if len(sample.split()) < 5:
        return None
    language, _score = py3langid.classify(sample)
    return language
