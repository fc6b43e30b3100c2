"""The faster pipeline (attribute ruler, lemmatizer, OpenBLAS matrix products) annotates exactly as
spaCy's own pipeline does."""

from __future__ import annotations

import json

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG

from conftest import CORPUS
from flashpoint.nlp.model import MODEL_MODULE


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted((CORPUS / "txt").glob("*.txt"))]
    for path in sorted((CORPUS / "jsonl").glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts.append("Y'all ain't gonna believe it: there's a dog, and I'm not sure it's hers.")
    return texts


def test_fast_pipeline_matches_spacy_token_for_token(nlp):
    original = __import__(MODEL_MODULE).load()
    assert "attribute_ruler" in original.pipe_names and "attribute_ruler" not in nlp.pipe_names
    texts = _texts()
    # The same tokenisation and sentence breaks on both sides; only the two components and the BLAS
    # behind the models' matrix products differ.
    original.add_pipe("paragraph_breaks", before="parser")
    columns = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]
    differing = []
    for ours, theirs in zip(nlp.pipe(texts), original.pipe(texts)):
        mine, spacys = ours.to_array(columns), theirs.to_array(columns)
        if not numpy.array_equal(mine, spacys):
            i = int(numpy.flatnonzero((mine != spacys).any(axis=1))[0])
            differing.append((ours[i].text, ours[i].pos_, theirs[i].pos_, ours[i].lemma_, theirs[i].lemma_))
    assert differing == []
    assert len(texts) > 15
