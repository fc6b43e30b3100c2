"""Convert the PETRARCH2/Phoenix CAMEO verb dictionary into Flashpoint trigger rows.

Usage:
    python scripts/convert_phoenix_verbs.py [PATH/TO/CAMEO.2.0.txt] [--out FILE]

Reads the verb dictionary (synonym sets, verb blocks and their patterns, see
../shared/phoenix/dictionaries.rst), maps every CAMEO code to a PLOVER type through
``src/flashpoint/data/lexicon/cameo_plover.tsv`` and writes our 7-column trigger format
(``events_phoenix.tsv``). What is kept, and why (precision first):

- a pattern ``- * OBJECT [code]`` becomes ``verb VERB TYPE code - obj=object`` (a synonym set or
  a braced phrase gives its head words; a braced phrase's other words must be dependents), a
  pre-verb noun a ``subj=`` constraint, a prepositional phrase ``(FOR AID)`` a ``pp=for:aid``
  constraint, a particle (``SET * OFF &WEAPON``) a second word of the trigger;
- a pattern applies to the verb its comment names (the verb it was written for), not to the
  whole synonym block: blocks are loose ("ARRANGE" holds set, put, post, stage, base);
- isolated verbs (a verb without a pattern) are left out by default: measured on the development
  sets they added only false positives ("is exonerated", "failed", "voted"); ``--isolated`` keeps
  those that carry a code of their own in ``[...]`` and are off the stop list (a block's default
  code is never used); ``--generic-patterns`` keeps the patterns of generic verbs, which the
  curated light-verb + event-noun rows cover already (measured: more false positives);
- verbs already in the hand-curated ``events.tsv`` are left out (the curated rows win);
- codes that map to no PLOVER type (CAMEO 01, statements) are dropped, and so are CAMEO 03
  "express intent to..." patterns ("ensure security", "iron out differences"): an intention is
  the modality of the act it names, which the curated rows and the modality stage code;
- converted rows get a lower confidence than curated ones.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEXICON = ROOT / "src" / "flashpoint" / "data" / "lexicon"
DEFAULT_SOURCE = ROOT.parent / "shared" / "phoenix" / "CAMEO.2.0.txt"
if not DEFAULT_SOURCE.exists():
    DEFAULT_SOURCE = Path("/work/shared/phoenix/CAMEO.2.0.txt")

PARTICLES = {"off", "up", "down", "out", "back", "away", "over", "in", "on", "aside", "forward", "through"}
PREPOSITIONS = {"to", "for", "with", "against", "on", "in", "into", "from", "of", "at", "by", "over", "toward",
                "towards", "about", "upon", "across", "along", "under", "behind", "before", "after", "near",
                "as", "between", "among", "through", "within", "without", "around", "onto", "inside", "outside"}
# generic verbs whose bare use names no event: kept only with a pattern (object/preposition)
STOP_VERBS = {
    "say", "tell", "go", "come", "get", "make", "take", "give", "put", "set", "have", "be", "do", "see", "look",
    "meet", "think", "know", "want", "use", "find", "leave", "call", "keep", "let", "begin", "seem", "help",
    "show", "hear", "play", "run", "move", "live", "believe", "bring", "happen", "write", "provide", "sit",
    "stand", "lose", "pay", "include", "continue", "change", "lead", "understand", "watch", "follow", "stop",
    "create", "speak", "read", "allow", "add", "spend", "grow", "open", "walk", "win", "offer", "remember",
    "consider", "appear", "buy", "wait", "serve", "die", "send", "expect", "build", "stay", "fall", "cut",
    "reach", "remain", "suggest", "raise", "pass", "report", "decide", "pull", "hold", "turn", "start",
    "ask", "work", "try", "feel", "become", "mean", "place", "post", "base", "stage", "station", "position",
    "hope", "wish", "plan", "intend", "prepare", "note", "observe", "state", "comment", "describe", "explain",
    "express", "voice", "announce", "declare", "claim", "insist", "stress", "emphasize", "emphasise",
    "repeat", "reiterate", "predict", "estimate", "quote", "circulate", "signal", "revive", "strive",
    "arrive", "assemble", "cable", "concern", "worry", "acknowledge", "admit", "recognize", "recognise",
    "address", "attend", "deal", "handle", "face", "join", "enter", "return", "visit", "receive", "accept",
    "agree", "approve", "welcome", "support", "back", "defend", "protect", "save", "order", "urge", "push",
    "press", "pressure", "seek", "fight", "act", "pose", "bear", "bind", "drive", "carry", "fly", "head",
    "mark", "issue", "release", "launch", "hit", "strike", "draw", "point", "close", "end", "finish",
    "fail", "vote", "aim", "determine", "apply", "contribute", "communicate", "search", "monitor", "affirm",
    "count", "extend", "remain", "resume", "maintain", "collapse", "strain", "benefit", "favor", "favour",
    "embark", "gather", "react", "encourage", "fly", "travel", "arrange", "indicate", "fulfill", "fulfil",
    "export", "import", "adopt", "accelerate", "propose", "plant", "walk", "challenge", "transfer",
}
GENERIC_PATTERNS = False  # --generic-patterns: keep patterns of generic verbs ("give * WELCOME")
_CODE = re.compile(r"\[([^\]]*)\]")
_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")


def singular(word: str) -> str:
    """A naive singular (the dictionary spells most objects in the plural or singular freely)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ics")):
        return word[:-1]
    return word


def read_mapping(path: Path) -> list[tuple[str, str]]:
    """cameo_plover.tsv -> (code prefix, PLOVER type or -), longest prefix first."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("cameo\t"):
            continue
        code, plover = line.split("\t")[:2]
        rows.append((code.strip(), plover.strip()))
    return sorted(rows, key=lambda r: len(r[0]), reverse=True)


def plover_of(code: str, mapping: list[tuple[str, str]]) -> str | None:
    for prefix, plover in mapping:
        if code.startswith(prefix):
            return None if plover == "-" else plover
    return None


def curated_verbs(path: Path) -> set[str]:
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) == 7 and cols[1] == "VERB":
            out.add(cols[0].split()[0])
    return out


def parse_code(text: str) -> str | None:
    """'[042:043]' -> '042' (the source-side code); null codes -> None."""
    m = _CODE.search(text)
    if not m:
        return None
    code = m.group(1).split(":")[0].strip()
    return code if code.isdigit() and 2 <= len(code) <= 4 else None


def tokenize(pattern: str) -> list[str]:
    """Split a pattern body into items: WORD, {A B}, (PREP X), &SET, $, +, ^, %, *."""
    return re.findall(r"\{[^}]*\}|\([^)]*\)|[^\s{}()]+", pattern)


class Converter:
    def __init__(self, mapping: list[tuple[str, str]], skip: set[str]):
        self.mapping, self.skip = mapping, skip
        self.synsets: dict[str, list[str]] = {}
        self.rows: dict[tuple, tuple[str, float]] = {}
        self.dropped: dict[str, int] = defaultdict(int)

    def heads(self, item: str) -> tuple[list[str], list[str]] | None:
        """An object item -> (head lemmas, other required words), or None if unusable."""
        item = item.strip()
        if item.startswith("&"):
            words = self.synsets.get(item[1:])
            if not words:
                return None
            return sorted({singular(w.split()[-1]) for w in words} | {w.split()[-1] for w in words}), []
        if item.startswith("{"):
            parts = [p for p in item.strip("{}").lower().split() if p not in ("$", "+", "^", "%")]
            if not parts or any(p.startswith("&") for p in parts):
                return None
            return sorted({parts[-1], singular(parts[-1])}), parts[:-1]
        word = item.lower().replace("_", " ").split()
        if not word or not word[-1].isalpha() and "-" not in word[-1]:
            return None
        return sorted({word[-1], singular(word[-1])}), word[:-1]

    def read(self, path: Path) -> None:
        lines = path.read_text(encoding="latin-1").splitlines()
        i = 0
        in_verbs = False
        current_set: str | None = None
        block_verbs: list[tuple[list[str], str | None]] = []
        for raw in lines:
            line = raw.split("#", 1)[0].rstrip() if not raw.startswith("- ") else raw.rstrip()
            if "VERB PATTERNS" in raw:
                in_verbs = True
                continue
            if not in_verbs:
                if raw.startswith("&"):
                    current_set = raw.strip().rstrip("_").lstrip("&")
                    self.synsets[current_set] = []
                elif raw.startswith("+") and current_set:
                    self.synsets[current_set].append(raw[1:].split("#")[0].strip().rstrip("_").replace("_", " ").lower())
                continue
            if raw.startswith("&"):  # synsets defined among the verbs
                current_set = raw.strip().rstrip("_").lstrip("&")
                self.synsets[current_set] = []
                continue
            if raw.startswith("+") and current_set and not block_verbs and "{" not in raw and "[" not in raw:
                self.synsets[current_set].append(raw[1:].split("#")[0].strip().rstrip("_").replace("_", " ").lower())
                continue
            if _HEADER.match(raw):
                block_verbs = []
                current_set = None
                continue
            if raw.startswith("- "):
                self.pattern(raw, block_verbs)
                continue
            text = line.strip()
            if not text or text.startswith("&"):
                continue
            verb = self.verb_words(text)
            if verb is None:
                continue
            block_verbs.append((verb, parse_code(text)))
            current_set = None
            i += 1

    @staticmethod
    def verb_words(text: str) -> list[str] | None:
        """'+ASK_FOR {...} [020]' -> ['ask', 'for']; pre-compounds ('WIRE_+TAP') are skipped."""
        head = text.split("{")[0].split("[")[0].strip()
        if not head or " " in head:
            return None
        if "+" in head and not head.startswith("+"):
            return None
        words = head.lstrip("+").lower().split("_")
        if "and" in words or "or" in words or words[0] in ("is", "are", "was", "were"):
            return None  # "KIDNAPPED_AND_KILLED", "IS_DETERMINED": inflected phrases, not verbs
        return words if all(w.isalpha() or w == "-" for w in words) and words[0] else None

    def add(self, words: list[str], code: str, constraints: list[str], confidence: float) -> None:
        if code.startswith("03"):
            self.dropped["intent (CAMEO 03)"] += 1  # an intention is the modality of an act, not an act
            return
        plover = plover_of(code, self.mapping)
        if plover is None:
            self.dropped["no PLOVER type"] += 1
            return
        if words[0] in self.skip:
            self.dropped["curated verb"] += 1
            return
        key = (" ".join(words), "VERB", plover, ",".join(constraints) or "-")
        if key not in self.rows or confidence > self.rows[key][1]:
            self.rows[key] = (code, confidence)

    def pattern(self, raw: str, block_verbs: list[tuple[list[str], str | None]]) -> None:
        body, _, comment = raw[2:].partition("#")
        code = parse_code(body)
        if code is None or "*" not in body:
            self.dropped["null code"] += 1
            return
        named = comment.strip().split()[0].lower() if comment.strip() else ""
        verbs = [v for v, _ in block_verbs if " ".join(v) == named.replace("_", " ") or v[0] == named]
        if not verbs:
            self.dropped["pattern for no verb of the block"] += 1
            return
        body = _CODE.sub("", body)
        pre, _, post = body.partition("*")
        constraints: list[str] = []
        extra: list[str] = []
        pre_items = [t for t in tokenize(pre) if t not in ("$", "+", "^", "%")]
        if pre_items:
            got = self.heads(pre_items[-1])
            if got is None or got[1]:
                self.dropped["unusable subject"] += 1
                return
            constraints.append("subj=" + "|".join(got[0]))
        items = [t for t in tokenize(post) if t not in ("$", "+", "^", "%")]
        if items and items[0].lower() in PARTICLES and not items[0].startswith(("(", "{", "&")):
            extra.append(items.pop(0).lower())
        obj_done = pp_done = False
        for item in items:
            if item.startswith("("):
                inner = [t for t in tokenize(item.strip("()")) if t not in ("$", "+", "^", "%")]
                if not inner or inner[0].lower() not in PREPOSITIONS:
                    self.dropped["unusable phrase"] += 1
                    return
                if pp_done:
                    continue  # a second phrase only narrows; the first is kept
                prep = inner[0].lower()
                if len(inner) == 1:
                    constraints.append(f"prep={prep}")
                else:
                    got = self.heads(inner[-1])
                    if got is None:
                        self.dropped["unusable phrase"] += 1
                        return
                    constraints.append(f"pp={prep}:" + "|".join(got[0]))
                    extra.extend(w for w in got[1] if w not in extra)
                pp_done = True
            elif not obj_done:
                got = self.heads(item)
                if got is None:
                    self.dropped["unusable object"] += 1
                    return
                constraints.append("obj=" + "|".join(got[0]))
                extra.extend(w for w in got[1] if w not in extra)
                obj_done = True
        if not constraints and not extra:
            self.dropped["pattern without a condition"] += 1
            return
        if not any(c.startswith(("obj=", "pp=")) for c in constraints):
            self.dropped["pattern without an object"] += 1  # "come (TO)", "&MILITARY * remain": too loose
            return
        if not GENERIC_PATTERNS and any(" ".join(v) in STOP_VERBS or v[0] in STOP_VERBS for v in verbs):
            self.dropped["generic verb pattern"] += 1  # light verbs: the event noun is coded instead
            return
        for verb in verbs:
            self.add([*verb, *extra], code, constraints, 0.5)

    def isolated(self, path: Path) -> None:
        """Verbs with their own code in [...] (not a block default), off the stop list."""
        for raw in path.read_text(encoding="latin-1").splitlines():
            if raw.startswith(("-", "#", "&")) or _HEADER.match(raw):
                continue
            text = raw.split("#", 1)[0].strip()
            if "[" not in text:
                continue
            verb = self.verb_words(text)
            code = parse_code(text)
            if verb is None or code is None:
                continue
            if verb[0] in STOP_VERBS or "and" in verb or verb[0] in ("is", "are", "was"):
                self.dropped["generic verb"] += 1
                continue
            self.add(verb, code, [], 0.45)


HEADER = """# Flashpoint trigger rows converted from the PETRARCH2/Phoenix CAMEO verb dictionary.
# GENERATED by scripts/convert_phoenix_verbs.py from CAMEO.2.0.txt (Open Event Data Alliance,
# github.com/openeventdata/phoenix_pipeline, last update 30 April 2015); do not edit by hand:
# change the script, the CAMEO -> PLOVER mapping (cameo_plover.tsv) or the curated events.tsv
# (whose verbs this file leaves out) and run the script again.
# Same columns and constraint language as events.tsv; pp=PREP:a|b = a PREP phrase whose object
# has one of these lemmas. Confidence 0.45-0.5, below the hand-curated rows.
#
# The original dictionary is under the MIT licence:
# The MIT License (MIT)
# Copyright (c) 2015 Open Event Data Alliance
# Permission is hereby granted, free of charge, to any person obtaining a copy of
# this software and associated documentation files (the "Software"), to deal in
# the Software without restriction, including without limitation the rights to
# use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
# the Software, and to permit persons to whom the Software is furnished to do so,
# subject to the following conditions:
# The above copyright notice and this permission notice shall be included in all
# copies or substantial portions of the Software.
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
# FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
# COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
# IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
# CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
lemma\tpos\ttype\tcameo\tmode\trequires\tconfidence
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", nargs="?", default=str(DEFAULT_SOURCE))
    ap.add_argument("--out", default=str(LEXICON / "events_phoenix.tsv"))
    ap.add_argument("--types", default="", help="comma-separated PLOVER types to keep (default: all)")
    ap.add_argument("--isolated", action="store_true",
                    help="also keep isolated verbs with their own code (measured: no gain, see README)")
    ap.add_argument("--generic-patterns", action="store_true",
                    help="keep the patterns of generic verbs too (measured: see README)")
    args = ap.parse_args(argv)
    global GENERIC_PATTERNS
    GENERIC_PATTERNS = args.generic_patterns
    source = Path(args.source)
    if not source.exists():
        print(f"{source}: no such file (give the path of CAMEO.2.0.txt)", file=sys.stderr)
        return 2
    conv = Converter(read_mapping(LEXICON / "cameo_plover.tsv"), curated_verbs(LEXICON / "events.tsv"))
    conv.read(source)
    if args.isolated:
        conv.isolated(source)
    keep = set(filter(None, args.types.split(",")))
    # a verb with only an isolated row and pattern rows: both kept (the patterns are more specific)
    lines = []
    for (lemma, pos, plover, req), (code, conf) in sorted(conv.rows.items()):
        if keep and plover not in keep:
            continue
        lines.append("\t".join([lemma, pos, plover, code, "-", req, f"{conf:.2f}"]))
    Path(args.out).write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} rows -> {args.out}; dropped: " +
          ", ".join(f"{k} {v}" for k, v in sorted(conv.dropped.items())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
