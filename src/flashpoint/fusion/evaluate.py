"""How well fusion groups mentions: pairwise precision/recall of "same event", and B-cubed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Any

import duckdb

from flashpoint.datafiles import read_table


def read_labels(path: Path) -> dict[str, str]:
    """url -> incident, from a labels file (tests/fixtures/fusion/labels.tsv)."""
    return {row["url"]: row["incident"] for _, row in read_table(path, ["url", "incident"])}


def _pairs(counts: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in counts.values())


def scores(gold: Mapping[Any, Hashable], predicted: Mapping[Any, Hashable]) -> dict[str, float]:
    """Pairwise and B-cubed precision, recall and F1 of `predicted` clusters against `gold`
    (item -> cluster, over the same items)."""
    items = list(gold)
    both = Counter((gold[i], predicted[i]) for i in items)
    by_gold, by_pred = Counter(gold[i] for i in items), Counter(predicted[i] for i in items)
    together = _pairs(both)
    pair_p = together / _pairs(by_pred) if _pairs(by_pred) else 1.0
    pair_r = together / _pairs(by_gold) if _pairs(by_gold) else 1.0
    b3_p = sum(both[(gold[i], predicted[i])] / by_pred[predicted[i]] for i in items) / len(items) if items else 1.0
    b3_r = sum(both[(gold[i], predicted[i])] / by_gold[gold[i]] for i in items) / len(items) if items else 1.0

    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    return {
        "pairwise_precision": pair_p, "pairwise_recall": pair_r, "pairwise_f1": f1(pair_p, pair_r),
        "bcubed_precision": b3_p, "bcubed_recall": b3_r, "bcubed_f1": f1(b3_p, b3_r),
        "mentions": len(items), "gold_events": len(by_gold), "fused_events": len(by_pred),
    }


def evaluate_store(conn: duckdb.DuckDBPyConnection, labels: Mapping[str, str]) -> dict[str, float]:
    """Score the fused store against labels (article url -> incident): a mention's gold event is
    its article's incident and its own type."""
    rows = conn.execute(
        "SELECT e.id, a.url, e.type, fm.fused_id FROM events e JOIN articles a ON a.id = e.article_id "
        "JOIN fused_mentions fm ON fm.mention_id = e.id WHERE a.url IN (SELECT unnest(?))", [sorted(labels)]
    ).fetchall()
    gold = {mention: (labels[url], event_type) for mention, url, event_type, _ in rows}
    predicted = {mention: fused for mention, _, _, fused in rows}
    return scores(gold, predicted)
