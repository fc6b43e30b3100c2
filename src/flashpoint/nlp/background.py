"""Temporal scope of an event: running tolls, period dates, background events and claims.

"Boko Haram has killed 40,000 since 2009" counts a war, not one attack; "since 2009" is a span,
not the event's date; an event dated years before the article is background, not news; "the
group claimed it killed 22 soldiers" is the group's word. The cue words live in
``data/lexicon/background.tsv``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path

from collections.abc import Sequence

from spacy.tokens import Token

from flashpoint.datafiles import read_table
from flashpoint.errors import DataFileError
from flashpoint.models import ActorMention, ActorRef
from flashpoint.nlp.wordlists import words

KINDS = ("period", "cumulative", "conflict", "total", "claim", "multitude", "sequence", "trend")
# a count at or above this is a population figure, not the victims of one act
MULTITUDE = 1000
# an event that ended more than this long before publication is background
BACKGROUND_AFTER = timedelta(days=366)


@dataclass(frozen=True)
class ScopeCues:
    """Cue words by kind (lower case; several-word cues as one string)."""

    period: frozenset[str]
    cumulative: frozenset[str]
    conflict: frozenset[str]
    total: frozenset[str]
    claim: frozenset[str]
    multitude: frozenset[str] = frozenset()
    sequence: frozenset[str] = frozenset()
    trend: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: Path | None = None) -> "ScopeCues":
        source = path or Path(str(resources.files("flashpoint") / "data" / "lexicon" / "background.tsv"))
        words: dict[str, set[str]] = {k: set() for k in KINDS}
        for number, row in read_table(source, ["word", "kind"]):
            if not row["word"]:
                raise DataFileError(str(source), number, "empty word")
            if row["kind"] not in KINDS:
                raise DataFileError(str(source), number, f"unknown kind '{row['kind']}' (one of {', '.join(KINDS)})")
            words[row["kind"]].add(row["word"].lower())
        return cls(**{k: frozenset(v) for k, v in words.items()})


@lru_cache(maxsize=1)
def cues() -> ScopeCues:
    """The packaged cue file, read once per process."""
    return ScopeCues.load()


def is_running_total(verb: Token) -> bool:
    """A killing verb whose count is a running total: a conflict as its subject, a period
    ("since 2009", "over the past decade" with a perfect tense), "so far", or a toll noun."""
    c = cues()
    subject = next((ch for ch in verb.children if ch.dep_ in ("nsubj", "agent")), None)
    if subject is not None and subject.dep_ == "agent":
        subject = next((g for g in subject.children if g.dep_ == "pobj"), None)
    if subject is not None and (subject.lemma_.lower() in c.conflict
                                or f"{subject.head.lower_} {subject.lower_}" in c.conflict):
        return True
    perfect = any(ch.dep_ == "aux" and ch.lemma_.lower() == "have" for ch in verb.children)
    for ch in verb.children:
        if ch.dep_ == "prep" and ch.lower_ in c.period:
            return True
        if ch.dep_ == "prep" and ch.lower_ in ("over", "in", "during") and perfect and _is_span_of_time(ch):
            return True
        if ch.dep_ in ("advmod", "npadvmod", "prep") and _phrase(ch) in c.cumulative:
            return True
    head = verb.head
    return head != verb and head.lemma_.lower() in c.total


def is_statistic(verb: Token) -> bool:
    """A harm verb that states a figure, not an act: no one does it but a conflict, or an
    agentless passive counts thousands in a state or a running total.

    "the war has killed thousands", "the insurgency began in 2017 and has displaced a million",
    "1.7 million people are displaced", "three million have been displaced since the coup".
    An actor's own running total ("security forces have killed 1,200 since the coup") stays an
    event: someone did it."""
    c = cues()
    clause, aux = verb, {ch.lemma_.lower() for ch in verb.children if ch.dep_ in ("aux", "auxpass")}
    while clause.dep_ == "conj" and clause.head != clause and not _subject_of(clause):
        clause = clause.head  # "has killed 4,000 and displaced a million": the first verb's subject
        aux |= {ch.lemma_.lower() for ch in clause.children if ch.dep_ == "aux"}
    subject = _subject_of(clause)
    if subject is None:
        return False
    perfect = "have" in aux
    running = perfect or any(_cue(ch, c) for ch in (*verb.children, *clause.children))
    if subject.dep_ != "nsubjpass":
        return running and (subject.lemma_.lower() in c.conflict
                            or f"{subject.head.lower_} {subject.lower_}" in c.conflict)
    if any(ch.dep_ == "agent" for ch in verb.children) or not _multitude(subject, c):
        return False
    state = any(ch.dep_ == "auxpass" and ch.tag_ in ("VBP", "VBZ") for ch in verb.children)
    return running or state


def is_trend(noun: Token) -> bool:
    """An event noun whose verb tells how often such events happen ("attacks on officers
    increase", "kidnappings have doubled"): a trend, not one event."""
    return noun.dep_ in ("nsubj", "nsubjpass") and noun.head.lemma_.lower() in cues().trend


def another_occasion(clause: Token, event: Token) -> bool:
    """A clause hanging on an event's word that tells another occasion: it has a doer of its own
    ("advanced on the city, while shelling killed seven"), or a time of its own before, after or
    during the event ("repelled an assault, a day after shelling killed 14"). A pronoun subject
    ("they killed nine") or the event's own word ("the attack killed 12") is the same occasion."""
    c = cues()
    for ch in clause.children:
        if ch.dep_ == "nsubj" and (ch.pos_ in ("NOUN", "PROPN") or ch.tag_ == "VBG") and ch.i != event.i:
            return True
        if ch.dep_ == "mark" and ch.lower_ in c.sequence:
            return True
        if ch.dep_ == "npadvmod" and any(g.dep_ == "prep" and g.lower_ in c.sequence for g in ch.children):
            return True
    return False


def _subject_of(verb: Token) -> Token | None:
    return next((ch for ch in verb.children if ch.dep_ in ("nsubj", "nsubjpass")), None)


def _cue(child: Token, c: ScopeCues) -> bool:
    """A period ("since the coup") or a cumulative phrase ("so far") on the verb."""
    if child.dep_ == "prep" and child.lower_ in c.period:
        return True
    return child.dep_ in ("advmod", "npadvmod", "prep") and _phrase(child) in c.cumulative


def _multitude(noun: Token, c: ScopeCues) -> bool:
    """The phrase counts thousands or more ("1.7 million people", "tens of thousands")."""
    for t in noun.subtree:
        if t.lower_ in c.multitude:
            return True
        if t.like_num:
            try:
                if float(t.text.replace(",", "")) >= MULTITUDE:
                    return True
            except ValueError:
                continue
    return False


def _phrase(token: Token) -> str:
    words = [t.lower_ for t in token.subtree]
    return " ".join(words[:2]) if len(words) > 1 else words[0]


def _is_span_of_time(prep: Token) -> bool:
    """'over the past decade', 'in the last two years': a preposition over a stretch of time."""
    obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
    if obj is None:
        return False
    return obj.lemma_.lower() in {"year", "decade", "month", "week", "period"} and any(
        g.lower_ in ("past", "last", "previous") for g in obj.children)


def is_period(text_before: str) -> bool:
    """A date preceded by 'since', 'until'... names a stretch of time, not a moment."""
    words = text_before.lower().split()
    return bool(words) and words[-1] in cues().period


def date_end(value: str) -> date | None:
    """The last day that a YYYY, YYYY-MM or YYYY-MM-DD value covers."""
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 1:
            return date(parts[0], 12, 31)
        if len(parts) == 2:
            y, m = parts
            return date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)
        return date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


def is_background(value: str | None, published: str | None) -> bool:
    """An event whose date ended more than a year before the article was published."""
    if not value or not published:
        return False
    end = date_end(value)
    try:
        pub = date.fromisoformat(published[:10])
    except ValueError:
        return False
    return end is not None and pub - end > BACKGROUND_AFTER


def _governing_verb(trigger: Token, lemmas: frozenset[str], links: frozenset[str],
                    through: frozenset[str] | None) -> Token | None:
    """The nearest word of `lemmas` above the trigger that governs it over one of `links`,
    climbing only over `through` links (None: any link), at most six steps."""
    token = trigger
    for _ in range(6):
        head = token.head
        if head == token:
            return None
        if token.dep_ in links and head.lemma_.lower() in lemmas:
            return head
        if through is not None and token.dep_ not in through:
            return None
        token = head
    return None


_CLAIM_LINKS = frozenset({"ccomp", "xcomp", "dobj", "pobj", "prep"})
_REPORT_THROUGH = frozenset({"conj", "xcomp", "ccomp", "dobj", "pobj", "prep", "advcl"})


def claiming_verb(trigger: Token) -> Token | None:
    """The verb of a claim that governs the trigger ("the group claimed it had killed"), if any."""
    return _governing_verb(trigger, cues().claim, _CLAIM_LINKS, None)


def claimant(trigger: Token, sides: tuple[str | None, str | None], mentions: Sequence[ActorMention]) -> ActorRef | None:
    """Who the event rests on, when that is an interested party: the subject of "claimed", or a
    speaker who is one of the event's own sides ("the army said it killed 30 rebels")."""
    verb = claiming_verb(trigger)
    explicit = verb is not None
    if verb is None:
        verb = _reporting_verb(trigger)
    if verb is None:
        return None
    speaker = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if speaker is None:
        return None
    mention = next((m for m in mentions if m.start <= speaker.idx < m.end), None)
    if mention is not None:
        info = mention.actor
        if explicit or info.id in sides:
            return ActorRef(info.id, info.name, mention.text, info.country, info.sector)
        return None
    if explicit and speaker.pos_ in ("NOUN", "PROPN"):
        words = [t for t in speaker.subtree if t.i <= speaker.i]
        phrase = speaker.doc[words[0].i:speaker.i + 1].text if words else speaker.text
        return ActorRef(phrase, phrase, phrase, None, None)
    return None


def _reporting_verb(trigger: Token) -> Token | None:
    return _governing_verb(trigger, words("reporting"), frozenset({"ccomp"}), _REPORT_THROUGH)
