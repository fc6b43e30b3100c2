"""Exact duplicates by content hash; syndicated near-copies by MinHash LSH (datasketch)."""

from __future__ import annotations

import hashlib
import re

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from datasketch import MinHash

# datasketch is imported where used: it pulls in scipy (about a second), which commands that
# only list the store should not pay.

NUM_PERM = 64
# Stored signatures are only comparable under the scheme that made them; pinned, not defaulted.
SCHEME = "affine32"
# Jaccard similarity of word 5-shingles above which two articles are one story re-published.
NEAR_DUPLICATE_THRESHOLD = 0.7
_SHINGLE = 5
_WORD = re.compile(r"\w+")


def content_hash(text: str) -> str:
    """Hash of the text with case, punctuation and spacing normalised away."""
    canonical = " ".join(_WORD.findall(text.lower()))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def minhash_of(text: str) -> "MinHash":
    from datasketch import MinHash

    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + _SHINGLE]) for i in range(max(1, len(words) - _SHINGLE + 1))}
    signature = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    signature.update_batch([s.encode("utf-8") for s in shingles])
    return signature


def signature_bytes(signature: "MinHash") -> bytes:
    return signature.hashvalues.astype(np.uint64).tobytes()


def signature_from_bytes(data: bytes) -> "MinHash":
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, hashvalues=np.frombuffer(data, dtype=np.uint64), scheme=SCHEME)


class NearDuplicateIndex:
    """The LSH index of stored articles, to find the original a new article copies."""

    def __init__(self, threshold: float = NEAR_DUPLICATE_THRESHOLD):
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, "MinHash"] = {}

    def add(self, article_id: str, signature: "MinHash") -> None:
        if article_id not in self._signatures:
            self._lsh.insert(article_id, signature)
            self._signatures[article_id] = signature

    def original_of(self, signature: "MinHash") -> str | None:
        """The most similar stored article above the threshold, if any."""
        candidates = self._lsh.query(signature)
        if not candidates:
            return None
        return max(sorted(candidates), key=lambda cid: self._signatures[cid].jaccard(signature))


def published_earlier(candidate: str | None, original: str | None) -> bool:
    """Whether a copy published on `candidate` predates the story's original, published on
    `original` (YYYY-MM-DD): the earliest-published copy is the original, whatever was read first."""
    return bool(candidate and original and candidate < original)
