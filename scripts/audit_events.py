"""A hand audit of the example corpus's events: draw a sample to judge, then score the judgments.

    .venv/bin/python scripts/audit_events.py sample --db /tmp/audit.duckdb > eval/audit_sample.jsonl
    (a person fills in eval/audit_judgments_roundN.jsonl: one line an event, see below)
    .venv/bin/python scripts/audit_events.py score eval/audit_judgments_round2.jsonl

`sample` ingests examples/corpus into the store when it holds no article yet, then draws N fused
events (default 50) with a fixed seed, among those the dashboard shows by default (asserted, not
background), and prints each with its evidence sentence and every field. A judgment line is the
sample line plus `"judged": {"type": true, "status": true, "source": true, "target": true,
"place": true, "date": true, "fatalities": true}` (true: right or rightly empty; false: wrong or
missing where the sentence gives it) and `"junk_actors": N` (actor slots holding something that
is no actor: a thing, a place, an abstract or event noun). `score` prints the share of events
with every field right and the junk-actor rate over filled actor slots.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from flashpoint import api
from flashpoint.query import EventFilter

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "corpus"
FIELDS = ("type", "status", "source", "target", "place", "date", "fatalities")


def _actor(ref: dict | None) -> str | None:
    if not ref:
        return None
    return f"{ref['text']} -> {ref['id']} ({ref.get('country')}, {ref.get('sector')})"


def sample(db: str, n: int, seed: int) -> None:
    if not api.list_events(db, 1, EventFilter(), None, "mention"):
        api.ingest([str(CORPUS)], db=db)
    shown = api.list_events(db, None, EventFilter(statuses=("asserted",), background=False), "id")
    for event in sorted(random.Random(seed).sample(shown, min(n, len(shown))), key=lambda e: e["id"]):
        place = event.get("place")
        print(json.dumps({
            "id": event["id"],
            "article": (event.get("article") or {}).get("title") or event.get("article_id"),
            "sentence": event["sentence"]["text"].strip(),
            "trigger": event["trigger"]["text"],
            "type": event["type"], "status": event["status"],
            "source": _actor(event.get("source")), "target": _actor(event.get("target")),
            "place": place and f"{place['name']} ({place['country']})",
            "date": event["date"]["value"] if event.get("date") else None,
            "fatalities": event.get("fatalities"),
            "num_mentions": event.get("num_mentions"),
        }, ensure_ascii=False))


def score(path: str) -> None:
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    all_right = sum(all(r["judged"][f] for f in FIELDS) for r in rows)
    slots = sum((r["source"] is not None) + (r["target"] is not None) for r in rows)
    junk = sum(r.get("junk_actors", 0) for r in rows)
    print(f"{len(rows)} events judged: {all_right} ({all_right / len(rows):.0%}) with every field right")
    for f in FIELDS:
        right = sum(r["judged"][f] for r in rows)
        print(f"  {f}: {right}/{len(rows)} right")
    print(f"junk actors: {junk} of {slots} filled actor slots ({junk / max(slots, 1):.1%})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sample")
    s.add_argument("--db", required=True)
    s.add_argument("-n", type=int, default=50)
    s.add_argument("--seed", type=int, default=2026)
    c = sub.add_parser("score")
    c.add_argument("judgments")
    args = parser.parse_args()
    if args.command == "sample":
        sample(args.db, args.n, args.seed)
    else:
        score(args.judgments)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
