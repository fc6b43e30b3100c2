"""Geoparser speed: start-up (gazetteer load) and toponyms per second, geoparsing alone.

Quality is `flashpoint evaluate` (places Acc@161); this measures only the geoparser's own cost,
over texts already parsed by spaCy.

Usage: .venv/bin/python scripts/geo_bench.py ../shared/gold/trnews.jsonl [more.jsonl ...]
"""

from __future__ import annotations

import argparse
import json
import time

from flashpoint.geo import Gazetteer, Geoparser
from flashpoint.nlp.model import load_nlp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="+", help="JSON Lines files with a `text` field")
    args = parser.parse_args()

    started = time.perf_counter()
    gazetteer = Gazetteer.load()
    startup = time.perf_counter() - started
    print(f"gazetteer start-up: {startup:.2f} s, {len(gazetteer):,} places")

    nlp = load_nlp()
    geoparser = Geoparser(gazetteer)
    texts = []
    for path in args.files:
        with open(path, encoding="utf-8") as handle:
            texts.extend(json.loads(line)["text"] for line in handle if line.strip())
    parsed = list(nlp.pipe(texts, batch_size=32))
    started = time.perf_counter()
    toponyms = sum(len(geoparser.find_places(doc)) for doc in parsed)
    elapsed = time.perf_counter() - started
    words = sum(len(doc) for doc in parsed)
    print(f"{len(parsed)} documents, {words:,} tokens, {toponyms:,} places resolved in {elapsed:.2f} s: "
          f"{toponyms / elapsed:,.0f} toponyms/s, {words / elapsed:,.0f} tokens/s (geoparsing only)")


if __name__ == "__main__":
    main()
