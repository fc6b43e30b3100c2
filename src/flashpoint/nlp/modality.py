"""Modality of an event trigger: asserted, hypothetical or negated.

The cue words live in ``data/lexicon/modality.tsv``. ``modality_of`` looks at the trigger's own
clause (modals, negation, "if", "no"), then climbs the governing chain (xcomp, ccomp, prepositional
and object links) until a governing word decides ("plan to", "denied", "called for") or a
reporting verb ("said") stops the search.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Token

from flashpoint.datafiles import read_table
from flashpoint.errors import DataFileError

ASSERTED = "asserted"
HYPOTHETICAL = "hypothetical"
NEGATED = "negated"
STATUSES = (ASSERTED, HYPOTHETICAL, NEGATED)
KINDS = ("aux", "neg", "det", "mark", "govern", "control", "modifier", "infinitive", "purpose", "perform")

# dependency links along which a trigger inherits the modality of its head
_CLIMB = frozenset(
    {"xcomp", "ccomp", "pcomp", "pobj", "dobj", "prep", "advcl", "conj", "acomp", "nsubj",
     "nsubjpass", "attr", "oprd", "agent", "dative", "compound", "appos", "npadvmod", "csubj",
     "acl"}
)
# links over which a governing word decides the trigger's modality
_GOVERNED = frozenset({"xcomp", "ccomp", "pcomp", "dobj", "prep", "acomp", "oprd", "attr", "advcl", "nsubjpass"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_MAX_STEPS = 8
# verbs of obligation whose simple past tells what was done ("had to resign", "was forced to": "had" only)
_PAST_OBLIGATION = frozenset({"have"})
# subordinators of a clause that sets another's time or cause: that other clause's negation is its own
# ("after the rebels stormed the depot, the guards did not resist": the storming happened)
# ("when" is left out: measured, it made events whose place and doer the other stages do not find)
_CIRCUMSTANCE = frozenset({"after", "before", "while", "as", "since", "because", "once", "although", "though"})


@dataclass
class ModalityCues:
    """Cue words by kind: each maps a lower-case word to the status it signals."""

    by_kind: dict[str, dict[str, str]] = field(default_factory=lambda: {k: {} for k in KINDS})

    @classmethod
    def load(cls, path: str | Path | None = None) -> "ModalityCues":
        """Read the cue file; a bad line raises DataFileError."""
        source = Path(path) if path else _default_path()
        cues = cls()
        for number, row in read_table(source, ["cue", "kind", "status"]):
            cues._add(str(source), number, row["cue"], row["kind"], row["status"])
        return cues

    def _add(self, path: str, number: int, cue: str, kind: str, status: str) -> None:
        if not cue:
            raise DataFileError(path, number, "empty cue")
        if kind not in KINDS:
            raise DataFileError(path, number, f"unknown kind '{kind}' (one of {', '.join(KINDS)})")
        if status not in STATUSES:
            raise DataFileError(path, number, f"unknown status '{status}'")
        self.by_kind[kind][cue.lower()] = status

    def get(self, kind: str, word: str) -> str | None:
        return self.by_kind[kind].get(word)


def _default_path() -> Path:
    return Path(str(resources.files("flashpoint") / "data" / "lexicon" / "modality.tsv"))


@lru_cache(maxsize=1)
def default_cues() -> ModalityCues:
    """The packaged cue file, read once per process."""
    return ModalityCues.load()


def modality_of(trigger: Token, cues: ModalityCues | None = None) -> str:
    """'asserted', 'hypothetical' or 'negated' for the event that ``trigger`` names."""
    cues = cues or default_cues()
    if _is_question(trigger):
        return HYPOTHETICAL
    shared = _shared_infinitive(trigger)
    if shared is not None:
        return modality_of(shared, cues)  # "plotted to kill X and then attack Y": attack as kill
    outer = outer_conjunct(trigger)
    if outer is not None:
        return modality_of(outer, cues)  # "denied that troops had burned it and blamed the rebels"
    token = trigger
    skip_clause = False
    adjunct = False  # climbed out of a prepositional adjunct: "no one was killed in the bombing"
    for _ in range(_MAX_STEPS):
        if not skip_clause:
            status = _clause_status(token, cues)
            if status and not (adjunct and status == NEGATED):
                return status
        head = token.head
        if head == token or token.dep_ not in _CLIMB:
            return ASSERTED
        if token.dep_ == "advcl" and _is_infinitive(token) and not _governed_by_cue(head, cues):
            if cues.get("purpose", _lemma(head)) or any(c.dep_ == "advmod" and c.lower_ == "only" for c in token.children):
                # "took to the streets to protest": as the march is; "..., only to be overruled": a result
                skip_clause, token = False, head  # "took to the streets to protest": as the march is
                continue
            return cues.get("infinitive", "to") or ASSERTED
        if token.dep_ == "acl" and _is_infinitive(token) and cues.get("govern", _lemma(head)):
            decided = cues.get("govern", _lemma(head))
            if decided != ASSERTED:
                return decided  # "a plot to attack the prison", "a proposal to hold talks"
        if token.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
            adjunct = True  # a negated clause does not negate the event named in its adjunct
        if token.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in _CIRCUMSTANCE
                                         for c in token.children):
            adjunct = True  # "when X called, Y was not there": the call stays asserted
        if token.dep_ in _SUBJECTS and _predicate_is_hypothetical(head, cues):
            return HYPOTHETICAL  # "talks are due to resume", "a fight is likely to kill"
        decided = _governing_status(token, head, cues)
        if decided and decided != ASSERTED:
            return decided  # asserted governors ("said", "began to") are transparent
        # a conjoined clause with its own subject does not share its head's auxiliaries or negation
        skip_clause = token.dep_ == "conj" and _has_subject(token)
        token = head
    return ASSERTED


def _shared_infinitive(token: Token) -> Token | None:
    """A bare verb the parser coordinated with a finite one ("who admitted to having plotted to
    execute X and then attack Y" read as "admitted ... and attack"): the infinitive before it, in
    its head's clause, is what it really continues."""
    head = token.head
    if token.dep_ != "conj" or token.tag_ != "VB" or head.tag_ not in ("VBD", "VBZ", "VBP", "VBN"):
        return None
    if any(c.dep_ in ("aux", "nsubj", "nsubjpass") for c in token.children):
        return None
    before = [t for t in head.subtree if t.i < token.i and t.tag_ == "VB" and t.dep_ in ("xcomp", "advcl", "ccomp")
              and any(c.dep_ == "aux" and c.tag_ == "TO" for c in t.children)]
    return before[-1] if before else None


def outer_conjunct(token: Token) -> Token | None:
    """A simple past the parser coordinated with a pluperfect inside a reported clause ("denied that
    troops had burned the houses and blamed the rebels"): the tenses differ, so the verb continues
    the reporting clause ("denied ... and blamed"), and takes that clause's status."""
    head = token.head
    if token.dep_ != "conj" or token.tag_ != "VBD" or head.tag_ != "VBN" or head.dep_ != "ccomp":
        return None
    if _has_subject(token) or any(c.dep_ == "aux" for c in token.children):
        return None
    if not any(c.dep_ == "aux" and c.lower_ in ("had", "has", "have") for c in head.children):
        return None
    return head.head


def _governing_status(token: Token, head: Token, cues: ModalityCues) -> str | None:
    """The status a governing word imposes on its complement, object or prepositional object."""
    lemma = _lemma(head)
    if token.dep_ == "xcomp" and cues.get("control", lemma):
        if lemma in _PAST_OBLIGATION and head.tag_ == "VBD" and not any(c.dep_ == "aux" for c in head.children):
            return ASSERTED  # "Slovenia had to endorse the statement": a past obligation, met
        return cues.get("control", lemma)
    if token.dep_ in _GOVERNED or (token.dep_ == "pobj" and head.pos_ != "ADP"):
        return cues.get("govern", lemma)
    return None


def _predicate_is_hypothetical(head: Token, cues: ModalityCues) -> bool:
    for child in head.children:
        if child.dep_ in ("acomp", "xcomp"):
            lemma = _lemma(child)
            if HYPOTHETICAL in (cues.get("govern", lemma), cues.get("control", lemma)):
                return True
    return False


def _clause_status(token: Token, cues: ModalityCues) -> str | None:
    """What the words attached to this token say (negation first, then hypothetical cues)."""
    hypothetical = False
    for child in token.children:
        dep = child.dep_
        word = child.lower_
        if dep == "neg" and cues.get("neg", word):
            return cues.get("neg", word)
        if dep == "det" and cues.get("det", word) and token.pos_ in ("NOUN", "PROPN"):
            return cues.get("det", word)
        if dep in _SUBJECTS or dep in ("dobj", "nsubjpass"):
            if any(g.dep_ == "det" and cues.get("det", g.lower_) for g in child.children):
                return NEGATED
        if dep == "aux" and cues.get("aux", word):
            hypothetical = True
        elif dep == "mark" and cues.get("mark", word):
            hypothetical = True
        elif dep == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in child.children):
            hypothetical = True
        elif dep in ("amod", "compound") and cues.get("modifier", word) == HYPOTHETICAL and not _performed(token, cues):
            hypothetical = True
        elif dep == "advmod" and word in ("never",):
            return NEGATED
    return HYPOTHETICAL if hypothetical else None


def _performed(noun: Token, cues: ModalityCues) -> bool:
    """An event noun that its verb carries out: "mounted its long-threatened invasion"."""
    return noun.dep_ == "dobj" and noun.head.pos_ == "VERB" and cues.get("perform", _lemma(noun.head)) is not None


def _is_question(token: Token) -> bool:
    sent = token.sent
    last = sent[-1]
    while last.is_punct and last.text in ('"', "'", "”", "’", ")") and last.i > sent.start:
        last = last.nbor(-1)
    return last.text == "?"


def _is_infinitive(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children) and not _has_subject(token)


def _governed_by_cue(token: Token, cues: ModalityCues) -> bool:
    lemma = _lemma(token)
    return cues.get("govern", lemma) is not None or cues.get("control", lemma) is not None


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in _SUBJECTS for c in token.children)


def _lemma(token: Token) -> str:
    return token.lemma_.lower()
