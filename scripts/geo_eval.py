"""Score the geoparser on annotated sets: Acc@161 over gold toponyms, precision, speed.

Usage: python scripts/geo_eval.py /work/shared/gold/lgl.jsonl [more.jsonl ...] [--errors N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from flashpoint.geo import Gazetteer, Geoparser
from flashpoint.geo.gazetteer import haversine_km
from flashpoint.nlp.model import load_nlp


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").lower().split())


def matches(gold: dict, place) -> bool:
    """The README's rule: text containment either way, same country, within 161 km when given."""
    g, s = _norm(gold["text"]), _norm(place.text)
    if not (g in s or s in g) or place.country != gold.get("country"):
        return False
    if gold.get("lat") is not None and gold.get("lon") is not None:
        if place.lat is None or place.lon is None:
            return False
        return haversine_km(gold["lat"], gold["lon"], place.lat, place.lon) <= 161
    return True


def evaluate(path: str, nlp, parser: Geoparser, show_errors: int) -> dict:
    docs = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    gold_total = found = sys_total = sys_right = 0
    elapsed = 0.0
    errors = []
    for d in docs:
        doc = nlp(d["text"])
        t = time.perf_counter()
        places = parser.find_places(doc)
        elapsed += time.perf_counter() - t
        gold = d.get("places") or []
        gold_total += len(gold)
        sys_total += len(places)
        for g in gold:
            if any(matches(g, p) for p in places):
                found += 1
            else:
                near = [p for p in places if _norm(g["text"]) in _norm(p.text) or _norm(p.text) in _norm(g["text"])]
                errors.append((d["doc_id"], g["text"], g.get("country"),
                               [(p.name, p.country, p.feature) for p in near][:2]))
        for p in places:
            if any(matches(g, p) for g in gold):
                sys_right += 1
            elif show_errors:
                errors.append((d["doc_id"], "FP:" + p.text, p.name, p.country))
    for e in errors[:show_errors]:
        print("   ", e)
    return {
        "file": path,
        "docs": len(docs),
        "gold": gold_total,
        "acc161": found / gold_total if gold_total else None,
        "precision": sys_right / sys_total if sys_total else None,
        "system_places": sys_total,
        "toponyms_per_s": sys_total / elapsed if elapsed else None,
        "geoparse_s": elapsed,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("files", nargs="+")
    ap.add_argument("--errors", type=int, default=0, help="print this many misses and false positives")
    args = ap.parse_args()
    t = time.perf_counter()
    gaz = Gazetteer.load()
    print(f"gazetteer load: {time.perf_counter() - t:.2f}s, {len(gaz)} places")
    nlp = load_nlp()
    parser = Geoparser(gaz)
    for path in args.files:
        r = evaluate(path, nlp, parser, args.errors)
        acc = f"{r['acc161']:.3f}" if r["acc161"] is not None else "n/a"
        prec = f"{r['precision']:.3f}" if r["precision"] is not None else "n/a"
        print(f"{r['file']}: docs {r['docs']}, gold toponyms {r['gold']}, Acc@161 {acc}, "
              f"precision {prec} ({r['system_places']} system places), "
              f"{r['toponyms_per_s']:.0f} toponyms/s (geoparsing only, {r['geoparse_s']:.2f}s)")


if __name__ == "__main__":
    main()
