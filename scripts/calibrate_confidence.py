"""Fit the confidence model on annotated sets and write src/flashpoint/data/lexicon/confidence.tsv.

    .venv/bin/python scripts/calibrate_confidence.py \
        --train ../shared/gold/news_events_trnews.jsonl ../shared/gold/news_events_gwn.jsonl \
                ../shared/gold/plover_gsr.jsonl \
                ../shared/gold/articles_dev.jsonl \
        --report eval/heldout_events.jsonl

Every asserted event the extractor finds (with its raw scores, no calibration) is labelled by
the scorer's own matching: right when it matches an asserted annotated event, wrong when it
matches none, left out when it matches only an optional one. An L2-regularised logistic
regression (Newton's method in numpy: two dozen features need nothing heavier) maps the
features of flashpoint.nlp.confidence to the probability of being right. The reliability table
(Brier score, accuracy per confidence band) is printed for the training sets and for each
--report set, which the fit never sees.
"""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path

import numpy as np

from flashpoint import evaluate as scoring
from flashpoint.extract import Extractor
from flashpoint.models import Article
from flashpoint.nlp.confidence import Calibrator, feature_rows

OUT = Path(__file__).resolve().parent.parent / "src" / "flashpoint" / "data" / "lexicon" / "confidence.tsv"


def labelled(extractor: Extractor, path: str) -> list[tuple[dict[str, float], bool]]:
    """(features, right) for every scored asserted event of one annotated set."""
    documents = scoring.read_gold(path)
    items = ((Article(text=g["text"], source=g["doc_id"], published=g.get("published"), language="en"), g["doc_id"])
             for g in documents)
    out = []
    for system, gold in zip(extractor.extract_many(items), documents):
        rows = dict(zip(map(id, system.events), feature_rows(system.events)))
        out.extend((rows[id(event)], right) for event, right in scoring.match_events(system, gold).labels())
    return out


def fit(samples: list[tuple[dict[str, float], bool]], l2: float) -> dict[str, float]:
    names = sorted({name for row, _ in samples for name in row})
    x = np.array([[row.get(n, 0.0) for n in names] for row, _ in samples])
    y = np.array([float(right) for _, right in samples])
    w = np.zeros(len(names))
    penalty = np.full(len(names), l2)
    penalty[names.index("bias")] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(len(names))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return dict(zip(names, (float(v) for v in w)))


def show(title: str, calibrator: Calibrator, samples: list[tuple[dict[str, float], bool]]) -> None:
    table = scoring.reliability([(round(calibrator.probability(row), 3), right) for row, right in samples])
    raw = scoring.reliability([(row["raw"], right) for row, right in samples])
    print(f"\n{title}: {table['events']} events, Brier {table['brier']:.3f} (raw scores: {raw['brier']:.3f})")
    print("| band | events | mean confidence | share right |")
    print("| --- | --- | --- | --- |")
    for band in table["bands"]:
        print(f"| {band['band']} | {band['events']} | {band['mean_confidence']:.2f} | {band['accuracy']:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", nargs="+", required=True)
    parser.add_argument("--report", nargs="*", default=[])
    parser.add_argument("--l2", type=float, default=2.0)
    parser.add_argument("--dry-run", action="store_true", help="print, do not write the weights file")
    args = parser.parse_args()
    extractor = Extractor.load()
    extractor.calibrator = None
    train = [s for path in args.train for s in labelled(extractor, path)]
    weights = fit(train, args.l2)
    calibrator = Calibrator(weights)
    show("training sets (" + ", ".join(Path(p).name for p in args.train) + ")", calibrator, train)
    for path in args.report:
        show(f"{Path(path).name} (not seen by the fit)", calibrator, labelled(extractor, path))
    if args.dry_run:
        return
    lines = [
        "# Weights of the confidence model (flashpoint.nlp.confidence): a logistic regression of",
        "# 'this asserted event matches an annotated one' over the event's features.",
        f"# Written by scripts/calibrate_confidence.py on {datetime.date.today()} from {len(train)} labelled events of:",
        *(f"#   {Path(p).name}" for p in args.train),
        f"# L2 penalty {args.l2}. Refit after changing the extractor; do not edit by hand.",
        "feature\tweight",
        *(f"{name}\t{weight:.4f}" for name, weight in sorted(weights.items())),
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\nwrote {OUT}")


if __name__ == "__main__":
    main()
