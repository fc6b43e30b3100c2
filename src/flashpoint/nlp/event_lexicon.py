"""The event lexicon: trigger rows (events*.tsv), context words (events_context.tsv) and modality cues.

``EventLexicon.load()`` reads and validates the files once; bad lines raise DataFileError naming
the file, the line and the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

from flashpoint.datafiles import read_table
from flashpoint.errors import DataFileError
from flashpoint.nlp.modality import ModalityCues

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
POS_TAGS = ("VERB", "NOUN", "ADJ")
TRIGGER_POS = frozenset({"VERB", "NOUN", "PROPN", "ADJ"})  # the parts of speech a trigger word may have
CONSTRAINTS = ("obj", "subj", "prep", "mod", "head", "nohead", "of", "poss", "xcomp", "pp", "nosubj", "noprep",
               "noobj", "noccomp", "swap", "ccomp",
               "noxcomp", "judged", "subjent", "objent")
CONTEXT_KINDS = ("light", "mode", "target_prep", "source_prep", "kill", "casualty", "weapon", "frame", "nonagent",
                 "setting", "partitive", "cognitive", "refer", "charge")
_COLUMNS = ["lemma", "pos", "type", "cameo", "mode", "requires", "confidence"]

def _data_dir() -> Path:
    return Path(str(resources.files("flashpoint") / "data" / "lexicon"))


@dataclass(frozen=True)
class Constraint:
    name: str
    values: frozenset[str] = frozenset()


@dataclass(frozen=True)
class LexEntry:
    """One row of the lexicon: a trigger word (or words) and how to code it."""

    words: tuple[str, ...]
    pos: str
    type: str
    cameo: str
    mode: str | None
    constraints: tuple[Constraint, ...]
    confidence: float

    @property
    def head(self) -> str:
        return self.words[-1] if self.pos == "NOUN" else self.words[0]

    @property
    def others(self) -> tuple[str, ...]:
        return self.words[:-1] if self.pos == "NOUN" else self.words[1:]

    @property
    def specificity(self) -> tuple[int, int]:
        return (len(self.words), len(self.constraints))

    def option(self, name: str) -> frozenset[str] | None:
        for c in self.constraints:
            if c.name == name:
                return c.values
        return None


@dataclass
class EventContext:
    light: frozenset[str] = frozenset()
    modes: dict[str, str] = field(default_factory=dict)
    target_preps: dict[str, frozenset[str]] = field(default_factory=dict)
    source_preps: dict[str, frozenset[str]] = field(default_factory=dict)
    kill: frozenset[str] = frozenset()
    casualty: frozenset[str] = frozenset()
    weapons: frozenset[str] = frozenset()
    frames: frozenset[str] = frozenset()  # "effort", "operation": the event is the compound ("mediation effort")
    nonagents: frozenset[str] = frozenset()  # "situation", "decision": never the agent of a statement or act
    settings: frozenset[str] = frozenset()  # "during", "amid": an event noun there is the setting of another
    partitives: frozenset[str] = frozenset()  # "series", "hundreds": read subjects and objects through them
    cognitive: frozenset[str] = frozenset()  # "recognize", "accept": with a clause they judge, not act
    refer: frozenset[str] = frozenset()  # "describe", "recall": an event noun they take is told elsewhere
    charges: frozenset[str] = frozenset()  # "charge", "convict": their "with/of/for" phrase is a charge


class EventLexicon:
    """Trigger words by (head lemma, part of speech), most specific entry first."""

    def __init__(self, entries: list[LexEntry], context: EventContext, cues: ModalityCues):
        self.entries = entries
        self.context = context
        self.cues = cues
        self.index: dict[tuple[str, str], list[LexEntry]] = {}
        for entry in entries:
            self.index.setdefault((entry.head, entry.pos), []).append(entry)
        for rows in self.index.values():
            rows.sort(key=lambda e: e.specificity, reverse=True)
        # a violent event ("the battle", "the attack") is never the agent of a statement
        violent = {e.head for e in entries if e.pos == "NOUN" and e.type == "ASSAULT" and len(e.words) == 1}
        self.context = replace(context, nonagents=context.nonagents | violent)

    @classmethod
    def load(cls, directory: str | Path | None = None) -> "EventLexicon":
        """Read events*.tsv (triggers), events_context.tsv and modality.tsv; bad lines raise DataFileError."""
        folder = Path(directory) if directory else _data_dir()
        entries: list[LexEntry] = []
        for path in sorted(folder.glob("events*.tsv")):
            if path.name != "events_context.tsv":
                entries.extend(read_entries(path))
        context = read_context(folder / "events_context.tsv")
        cues = ModalityCues.load(folder / "modality.tsv")
        return cls(entries, context, cues)

    def lookup(self, lemma: str, pos: str) -> list[LexEntry]:
        return self.index.get((lemma, pos), [])


def read_entries(path: Path) -> list[LexEntry]:
    """Parse one trigger file."""
    entries = []
    seen: set[tuple] = set()
    for number, row in read_table(path, _COLUMNS):
        if not all(row.values()):
            raise DataFileError(str(path), number, "expected 7 tab-separated columns (- for an empty mode or requires)")
        entry = parse_entry(str(path), number, "\t".join(row[c] for c in _COLUMNS))
        key = (entry.words, entry.pos, entry.type, entry.constraints)
        if key in seen:
            raise DataFileError(str(path), number, "duplicate entry")
        seen.add(key)
        entries.append(entry)
    return entries


def parse_entry(path: str, number: int, line: str) -> LexEntry:
    """One lexicon line -> LexEntry, or DataFileError saying what is wrong."""
    cols = [c.strip() for c in line.split("\t")]
    if len(cols) != 7:
        raise DataFileError(path, number, f"expected 7 tab-separated columns, got {len(cols)}")
    lemma, pos, type_, cameo, mode, requires, confidence = cols
    words = tuple(lemma.lower().split())
    if not words:
        raise DataFileError(path, number, "empty lemma")
    if pos not in POS_TAGS:
        raise DataFileError(path, number, f"pos must be VERB, NOUN or ADJ, not '{pos}'")
    if type_ not in PLOVER_TYPES:
        raise DataFileError(path, number, f"'{type_}' is not a PLOVER type")
    if not (cameo.isdigit() and 2 <= len(cameo) <= 4):
        raise DataFileError(path, number, f"CAMEO code must be 2 to 4 digits, not '{cameo}'")
    try:
        conf = float(confidence)
    except ValueError:
        raise DataFileError(path, number, f"confidence '{confidence}' is not a number") from None
    if not 0.0 <= conf <= 1.0:
        raise DataFileError(path, number, f"confidence {conf} is outside [0, 1]")
    return LexEntry(words, pos, type_, cameo, None if mode in ("", "-") else mode,
                    parse_constraints(path, number, requires), conf)


def parse_constraints(path: str, number: int, text: str) -> tuple[Constraint, ...]:
    if text in ("", "-"):
        return ()
    out = []
    for part in text.split(","):
        name, _, values = part.strip().partition("=")
        if name not in CONSTRAINTS:
            raise DataFileError(path, number, f"unknown constraint '{name}' (one of {', '.join(CONSTRAINTS)})")
        if name == "pp":
            prep, colon, nouns = values.partition(":")
            words = frozenset(v.strip().lower() for v in nouns.split("|") if v.strip())
            if not prep.strip() or not colon or not words:
                raise DataFileError(path, number, "constraint 'pp' needs a preposition and nouns (pp=for:aid|help)")
            out.append(Constraint(name, frozenset(f"{prep.strip().lower()}:{w}" for w in words)))
            continue
        vals = frozenset(v.strip().lower() for v in values.split("|") if v.strip())
        if name in ("subj", "prep", "mod", "head", "nohead", "of", "poss", "nosubj", "noprep", "noxcomp", "subjent",
                    "objent") and not vals:
            raise DataFileError(path, number, f"constraint '{name}' needs values ({name}=a|b)")
        out.append(Constraint(name, vals))
    return tuple(out)


def read_context(path: Path) -> EventContext:
    """Parse events_context.tsv."""
    light, kill, casualty, weapons = set(), set(), set(), set()
    frames, nonagents, settings, partitives, cognitive, refer = set(), set(), set(), set(), set(), set()
    charges: set[str] = set()
    modes: dict[str, str] = {}
    targets: dict[str, frozenset[str]] = {}
    sources: dict[str, frozenset[str]] = {}
    for number, row in read_table(path, ["word", "kind", "value"]):
        word, kind, value = row["word"].lower(), row["kind"], row["value"]
        if not word or not value:
            raise DataFileError(str(path), number, "expected 3 tab-separated columns: word, kind, value")
        if kind not in CONTEXT_KINDS:
            raise DataFileError(str(path), number, f"unknown kind '{kind}'")
        if kind == "light":
            light.add(word)
        elif kind == "kill":
            kill.add(word)
        elif kind == "casualty":
            casualty.add(word)
        elif kind == "weapon":
            weapons.add(word)
        elif kind == "frame":
            frames.add(word)
        elif kind == "nonagent":
            nonagents.add(word)
        elif kind == "setting":
            settings.add(word)
        elif kind == "partitive":
            partitives.add(word)
        elif kind == "cognitive":
            cognitive.add(word)
        elif kind == "refer":
            refer.add(word)
        elif kind == "charge":
            charges.add(word)
        elif kind == "mode":
            modes[word] = value
        else:
            types = frozenset(PLOVER_TYPES) if value == "*" else frozenset(value.split(","))
            bad = types - set(PLOVER_TYPES)
            if bad:
                raise DataFileError(str(path), number, f"unknown type(s) {sorted(bad)}")
            (targets if kind == "target_prep" else sources)[word] = types
    return EventContext(frozenset(light), modes, targets, sources, frozenset(kill), frozenset(casualty),
                        frozenset(weapons), frozenset(frames), frozenset(nonagents), frozenset(settings),
                        frozenset(partitives), frozenset(cognitive),
                        frozenset(refer), frozenset(charges))
