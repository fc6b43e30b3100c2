#!/usr/bin/env python3
"""Check eval/heldout_events.jsonl against its source documents.

The held-out set stores anchors and document ids only. This script joins each
line with its document in ../shared/gold/<set> (the texts and places of the
source corpora, which are not copied into this repository) and verifies that

  * every anchor occurs in the text, after the gold README's normalisation
    (curly quotes to straight, en/em dashes to "-", white space collapsed,
    lower case), inside ONE sentence;
  * every `place` names an entry of the source document's `places`;
  * every alias key used as source/target is defined in the line's `aliases`,
    alias keys are never three upper-case letters, alias strings are lower case;
  * types, statuses, dates, fatalities and the other fields are well formed;
  * `published` is the source document's.

It reads files only: it does not import or run the extractor.
Standard library only. Exit status 0 when every check passes.

Usage: python3 scripts/check_heldout.py [--gold DIR] [--file FILE] [--strict]
  --strict also fails on warnings (anchor length outside 4-10 words, anchors
  that occur more than once in their document).
"""
import argparse
import json
import os
import re
import sys

TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
         "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
         "COERCE", "ASSAULT"}
STATUSES = {"asserted", "hypothetical", "negated"}
FIELDS = ["anchor", "types", "status", "source", "target", "place", "date",
          "fatalities", "optional"]
DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
ISO3_RE = re.compile(r"^[A-Z]{3}$")

# Tokens after which a period does not end a sentence.
ABBREV = {"mr", "mrs", "ms", "dr", "sgt", "lt", "capt", "const", "gov", "st", "jr", "sr",
          "no", "vs", "u.s", "a.m", "p.m", "ky", "n.c", "s.c", "ave", "rd", "co", "inc",
          "gen", "col", "maj", "rep", "sen", "prof", "jan", "feb", "mar", "apr", "jun",
          "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.n", "e.g", "i.e", "det",
          "cpl", "pvt", "man", "mt", "ft", "cr"}


def normalise(text):
    text = (text.replace("\u201c", '"').replace("\u201d", '"').replace("\u201e", '"')
            .replace("\u2018", "'").replace("\u2019", "'").replace("\u201a", "'")
            .replace("\u2013", "-").replace("\u2014", "-"))
    return re.sub(r"\s+", " ", text).strip().lower()


def sentences(norm):
    """Split normalised text at [.!?] (plus closing quotes) followed by a space,
    except after known abbreviations and single-letter initials."""
    out, start = [], 0
    for m in re.finditer(r"[.!?]+[\"')\]]*(?= )", norm):
        end = m.end()
        before = norm[start:m.start() + 1]
        word = re.search(r"([a-z.]+)\.$", before)
        if m.group().startswith(".") and word:
            w = word.group(1)
            if w in ABBREV or len(w) == 1:
                continue
        out.append((start, end))
        start = end + 1
    if start < len(norm):
        out.append((start, len(norm)))
    return out


def anchor_in_one_sentence(anchor_n, norm, spans):
    """Return (found, in_one_sentence, count)."""
    hits = [m.start() for m in re.finditer(re.escape(anchor_n), norm)]
    if not hits:
        return False, False, 0
    for h in hits:
        e = h + len(anchor_n)
        if any(s <= h and e <= t for s, t in spans):
            return True, True, len(hits)
    return True, False, len(hits)


def load_gold(gold_dir, name, cache):
    if name not in cache:
        docs = {}
        with open(os.path.join(gold_dir, name), encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                docs[d["doc_id"]] = d
        cache[name] = docs
    return cache[name]


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", default=os.path.join(root, "..", "shared", "gold"))
    ap.add_argument("--file", default=os.path.join(root, "eval", "heldout_events.jsonl"))
    ap.add_argument("--strict", action="store_true")
    args = ap.parse_args()

    errors, warnings, cache, seen = [], [], {}, set()
    counts = {}
    with open(args.file, encoding="utf-8") as f:
        lines = [l for l in f if l.strip()]
    for ln, line in enumerate(lines, 1):
        rec = json.loads(line)
        did = rec.get("doc_id")
        where = f"line {ln} ({did})"
        for k in ("doc_id", "set", "published", "aliases", "events"):
            if k not in rec:
                errors.append(f"{where}: missing field {k}")
        extra = set(rec) - {"doc_id", "set", "published", "aliases", "events"}
        if extra:
            errors.append(f"{where}: unexpected fields {sorted(extra)} (no texts or places here)")
        if did in seen:
            errors.append(f"{where}: duplicate doc_id")
        seen.add(did)
        try:
            src = load_gold(args.gold, rec["set"], cache).get(did)
        except OSError as e:
            errors.append(f"{where}: cannot read set {rec.get('set')}: {e}")
            continue
        if src is None:
            errors.append(f"{where}: not in {rec['set']}")
            continue
        if rec.get("published") != src.get("published"):
            errors.append(f"{where}: published {rec.get('published')!r} != source {src.get('published')!r}")
        aliases = rec.get("aliases") or {}
        for key, strs in aliases.items():
            if ISO3_RE.match(key):
                errors.append(f"{where}: alias key {key} reads as an ISO3 code")
            if not isinstance(strs, list) or not strs:
                errors.append(f"{where}: alias {key} needs a non-empty list")
                continue
            for s in strs:
                if not isinstance(s, str) or s != s.lower() or not s.strip():
                    errors.append(f"{where}: alias {key} string {s!r} is not lower case")
        norm = normalise(src["text"])
        spans = sentences(norm)
        place_texts = {p["text"] for p in src.get("places", [])}
        cset = counts.setdefault(rec["set"], {"documents": 0, "asserted": 0, "hypothetical": 0,
                                              "negated": 0, "optional": 0})
        cset["documents"] += 1
        for i, ev in enumerate(rec.get("events", []), 1):
            w = f"{where} event {i}"
            missing = [k for k in FIELDS if k not in ev]
            if missing:
                errors.append(f"{w}: missing {missing}")
                continue
            if set(ev) - set(FIELDS):
                errors.append(f"{w}: unexpected fields {sorted(set(ev) - set(FIELDS))}")
            a = ev["anchor"]
            an = normalise(a)
            if not an:
                errors.append(f"{w}: empty anchor")
            else:
                if re.search(r"[.!?][\"')\]]* ", an):
                    errors.append(f"{w}: anchor {a!r} contains sentence-final punctuation")
                found, one, n = anchor_in_one_sentence(an, norm, spans)
                if not found:
                    errors.append(f"{w}: anchor not in text: {a!r}")
                elif not one:
                    errors.append(f"{w}: anchor crosses a sentence boundary: {a!r}")
                if n > 1:
                    warnings.append(f"{w}: anchor occurs {n} times: {a!r}")
                nw = len(an.split())
                if not 4 <= nw <= 10:
                    warnings.append(f"{w}: anchor has {nw} words: {a!r}")
            if not isinstance(ev["types"], list) or not ev["types"] or set(ev["types"]) - TYPES:
                errors.append(f"{w}: bad types {ev['types']}")
            if ev["status"] not in STATUSES:
                errors.append(f"{w}: bad status {ev['status']}")
            if not isinstance(ev["optional"], bool):
                errors.append(f"{w}: optional must be true/false")
            for role in ("source", "target"):
                v = ev[role]
                if v is None:
                    continue
                if not isinstance(v, list) or not v:
                    errors.append(f"{w}: {role} must be null or a non-empty list")
                    continue
                for x in v:
                    if x is None or ISO3_RE.match(x):
                        continue
                    if x not in aliases:
                        errors.append(f"{w}: {role} {x!r} is no ISO3 code and no alias key")
            pl = ev["place"]
            if pl is not None:
                for p in (pl if isinstance(pl, list) else [pl]):
                    if p not in place_texts:
                        errors.append(f"{w}: place {p!r} not among the document's places")
            if ev["date"] is not None and not (isinstance(ev["date"], str) and DATE_RE.match(ev["date"])):
                errors.append(f"{w}: bad date {ev['date']!r}")
            if (ev["date"] and src.get("published") and ev["status"] == "asserted"
                    and ev["date"] > src["published"]):
                errors.append(f"{w}: asserted date {ev['date']} after published {src['published']}")
            fat = ev["fatalities"]
            if fat is not None and not (isinstance(fat, list) and fat and
                                        all(isinstance(x, int) and x >= 0 for x in fat)):
                errors.append(f"{w}: bad fatalities {fat!r}")
            if ev["optional"] is True:
                cset["optional"] += 1
            elif ev["status"] in cset:
                cset[ev["status"]] += 1
        # non-optional events first
        flags = [e.get("optional") for e in rec.get("events", [])]
        if flags != sorted(flags):
            warnings.append(f"{where}: optional events should come after the others")

    for m in warnings:
        print("WARNING", m)
    for m in errors:
        print("ERROR", m)
    for s, c in counts.items():
        print(f"{s}: {c['documents']} documents, {c['asserted']} asserted, "
              f"{c['hypothetical']} hypothetical, {c['negated']} negated (not optional), "
              f"{c['optional']} optional")
    bad = errors or (args.strict and warnings)
    print("FAILED" if bad else "OK", f"({len(errors)} errors, {len(warnings)} warnings)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
