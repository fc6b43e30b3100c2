"""The event stage: PLOVER events from a parsed Doc, with CAMEO code, mode, modality, actors, toll.

Knowledge lives in data files (``data/lexicon/events.tsv`` for trigger words,
``events_context.tsv`` for light verbs, mode words and role prepositions, ``modality.tsv`` for
modal and negation cues); this module holds only the logic. ``EventLexicon.load()`` reads and
validates the files once; ``EventFinder(lexicon).find(doc, mentions)`` codes every sentence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc, Span as SpacySpan, Token

from flashpoint.datafiles import read_table
from flashpoint.errors import DataFileError
from flashpoint.models import ActorMention, ActorRef, Event, Place, Span
from flashpoint.nlp.docview import pos_of, sentences_of, tokens_of, views_kept
from flashpoint.nlp.event_args import ArgumentFinder, agent_of, count_dead
from flashpoint.nlp.modality import ASSERTED, HYPOTHETICAL, NEGATED, ModalityCues, modality_of

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
POS_TAGS = ("VERB", "NOUN")
TRIGGER_POS = frozenset({"VERB", "NOUN", "PROPN"})  # the parts of speech a trigger word may have
CONSTRAINTS = ("obj", "subj", "prep", "mod", "head", "nohead", "of", "poss", "xcomp", "pp", "nosubj", "noprep",
               "noobj", "noccomp", "swap", "ccomp",
               "noxcomp")
CONTEXT_KINDS = ("light", "mode", "target_prep", "source_prep", "kill", "casualty", "weapon", "frame", "nonagent",
                 "setting", "partitive", "cognitive")
_COLUMNS = ["lemma", "pos", "type", "cameo", "mode", "requires", "confidence"]
# types that, when someone says they will not do them, amount to a refusal (REJECT)
_COOPERATIVE = frozenset({"CONSULT", "AGREE", "COOPERATE", "AID", "SUPPORT", "CONCEDE", "RETREAT"})
_FUTURE = frozenset({"will", "would", "wo", "shall", "'ll"})
_HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN", "PROTEST", "MOBILIZE", "REJECT", "ACCUSE"})
_WILLING = frozenset({"willing", "prepared", "ready"})
_REPORTING = frozenset({"say", "announce", "tell", "confirm", "state", "declare", "insist", "add", "reiterate",
                        "conclude", "warn", "claim"})
# dependency links over which two same-type triggers are one event ("stormed ..., killing 11")
_MERGE_DEPS = frozenset({"advcl", "dobj", "pobj", "nsubj", "nsubjpass", "xcomp", "relcl", "compound", "acl"})


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
        raise DataFileError(path, number, f"pos must be VERB or NOUN, not '{pos}'")
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
        if name in ("subj", "prep", "mod", "head", "nohead", "of", "poss", "nosubj", "noprep", "noxcomp") and not vals:
            raise DataFileError(path, number, f"constraint '{name}' needs values ({name}=a|b)")
        out.append(Constraint(name, vals))
    return tuple(out)


def read_context(path: Path) -> EventContext:
    """Parse events_context.tsv."""
    light, kill, casualty, weapons = set(), set(), set(), set()
    frames, nonagents, settings, partitives, cognitive = set(), set(), set(), set(), set()
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
                        frozenset(partitives), frozenset(cognitive))


@dataclass
class _Hit:
    """A trigger found in a sentence, before it becomes an Event."""

    token: Token
    entry: LexEntry
    tokens: list[Token]
    source: ActorRef | None = None
    target: ActorRef | None = None
    mode: str | None = None
    fatalities: int | None = None
    status: str = ASSERTED
    confidence: float = 0.0
    merged: list[Token] = field(default_factory=list)


class EventFinder:
    """Codes the events of a parsed Doc; holds no state between documents."""

    def __init__(self, lexicon: EventLexicon):
        self.lexicon = lexicon

    def find(self, doc: Doc, mentions: list[ActorMention] | None = None, places: Sequence[Place] = (),
             country_words: Mapping[str, tuple[str, str]] | None = None) -> list[Event]:
        """Every event in every sentence of ``doc``, in text order.

        ``places`` and ``country_words`` code an argument that is no linked actor by country:
        "shelled Kupiansk" is directed at Ukraine, "rejected an Indian proposal" at India."""
        args = ArgumentFinder(doc, mentions or [], self.lexicon.context, places, country_words or {})
        events: list[Event] = []
        with views_kept(doc):
            for sent in sentences_of(doc):
                events.extend(self.find_in_sentence(sent, args))
        return events

    def find_in_sentence(self, sent: SpacySpan, args: ArgumentFinder) -> list[Event]:
        pos = pos_of(sent.doc)
        tokens = tokens_of(sent.doc)
        hits = [hit for i in range(sent.start, sent.end)
                if pos[i] in TRIGGER_POS and (hit := self._match(tokens[i])) is not None]
        if not hits:
            return []
        hits = [hit for hit in hits if not _non_event(hit.token, hit.entry, self.lexicon.context)]
        hits = _drop_embedded(hits, self.lexicon.context.settings)
        if not hits:
            return []
        for hit in hits:
            self._fill(hit, args)
        hits = [hit for hit in _merge(hits, self.lexicon.context.casualty) if _substantive(hit)]
        events = [self._event(hit, sent, args.text) for hit in hits]
        events.extend(self._refusals(hits, sent, args.text))
        events.extend(self._statements(hits, sent, args))
        return events

    # -- matching ---------------------------------------------------------------------------
    def _match(self, token: Token) -> _Hit | None:
        pos = "VERB" if token.pos_ == "VERB" else "NOUN" if token.pos_ in ("NOUN", "PROPN") else None
        if pos is None:
            return None
        lemma = token.lemma_.lower()
        rows = self.lexicon.lookup(lemma, pos)
        if not rows and token.lower_ != lemma:
            rows = self.lexicon.lookup(token.lower_, pos)
        if not rows:
            rows = self._hyphenated(token, lemma, pos)
        if token.pos_ == "PROPN" and not token.is_sent_start:
            return None  # "March" the month, "Strike Force" a name
        if pos == "VERB" and token.dep_ in ("amod", "compound"):
            return None  # adjectival participle: "the negotiating table"
        if token.dep_ == "acl" and token.tag_ == "VBN" and not any(c.dep_ == "agent" for c in token.children):
            return None  # background description: "lawmakers ousted in the coup"
        for entry in rows:
            extra = _find_words(token, entry.others)
            if extra is None:
                continue
            if all(_holds(c, token, entry, self.lexicon.context) for c in entry.constraints):
                return _Hit(token, entry, [token, *extra])
        return None

    def _hyphenated(self, token: Token, lemma: str, pos: str) -> list[LexEntry]:
        """"cease-fire", "counter-attack": the parser splits the word at its hyphen; look it up whole."""
        i = token.i
        doc = token.doc
        if i < 2 or doc[i - 1].text != "-" or doc[i - 2].whitespace_ or doc[i - 1].whitespace_:
            return []
        first = doc[i - 2].lower_
        return self.lexicon.lookup(first + lemma, pos) or self.lexicon.lookup(f"{first}-{lemma}", pos)

    # -- filling ----------------------------------------------------------------------------
    def _fill(self, hit: _Hit, args: ArgumentFinder) -> None:
        token, entry = hit.token, hit.entry
        anchor = token
        context = self.lexicon.context
        if token.dep_ == "compound" and _lem(token.head) in context.frames:
            anchor = token.head  # "carried out a mediation effort": the effort's verb gives the roles
        elif (token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head != token.head
              and _lem(token.head.head) in context.partitives and token.head.head.pos_ == "NOUN"):
            anchor = token.head.head  # "carried out a series of attacks"
        hit.source, hit.target = args.roles(anchor, entry.type, entry.option("of"), entry.option("poss"),
                                            tuple(hit.tokens[1:]) if anchor is token else ())
        if anchor is not token:
            hit.source, hit.target = self._frame_roles(token, anchor, hit, args)
        if hit.target is not None and token.pos_ == "VERB":
            obj = _object(token)
            through = _through(obj, context.partitives)
            if obj is not None and through is not None and _lem(through) in context.weapons:
                hit.target = None  # "fired a total of 10 rounds": the munition is no target
        if entry.option("swap") is not None:
            hit.source, hit.target = None, hit.source  # "came under fire": the subject is the target
        if hit.target is None and token.pos_ == "VERB" and not any(c.dep_ == "dobj" for c in token.children):
            shared = _shared_object(token)
            if shared is not None:
                hit.target = args.actor(shared)  # "trained and armed the militia"
        hit.mode = entry.mode or (args.mode(token) if entry.type == "ASSAULT" else None)
        if entry.type == "ASSAULT":
            hit.fatalities = count_dead(token, self.lexicon.context.kill)
        hit.status = modality_of(token, self.lexicon.cues)
        conf = entry.confidence + (0.06 if hit.source else 0.0) + (0.04 if hit.target else 0.0)
        hit.confidence = min(conf, 0.99)

    @staticmethod
    def _frame_roles(token: Token, anchor: Token, hit: _Hit, args: ArgumentFinder
                     ) -> tuple[ActorRef | None, ActorRef | None]:
        """Roles of "a mediation effort" or "a series of attacks": the agent of the verb that governs
        the frame noun is the source; the event word itself is never its own target."""
        source, target = hit.source, hit.target
        if anchor.dep_ in ("dobj", "nsubjpass") and anchor.head.pos_ == "VERB":
            agent = agent_of(anchor.head)
            if agent is not None:
                source = args.actor(agent)
                if target is not None and source is not None and target.text == source.text:
                    target = None
        if target is not None and token.text in target.text.split():
            target = None
        if source is not None and token.text in source.text.split():
            source = None
        return source, target

    def _event(self, hit: _Hit, sent: SpacySpan, text: str) -> Event:
        return Event(
            type=hit.entry.type, mode=hit.mode, cameo=hit.entry.cameo, status=hit.status,
            source=hit.source, target=hit.target, place=None, date=None,
            fatalities=hit.fatalities,
            sentence=Span(sent.start_char, sent.end_char, text[sent.start_char:sent.end_char]),
            trigger=_trigger_span(hit.tokens, text),
            confidence=round(hit.confidence, 3),
        )

    def _refusals(self, hits: list[_Hit], sent: SpacySpan, text: str) -> list[Event]:
        """"would not negotiate": the negated cooperation is also an asserted refusal (REJECT)."""
        out = []
        have_reject = {h.token.i for h in hits if h.entry.type == "REJECT"}
        for hit in hits:
            if hit.status != NEGATED or hit.entry.type not in _COOPERATIVE or have_reject:
                continue
            if not any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in hit.token.children):
                continue
            refusal = replace(hit, entry=replace(hit.entry, type="REJECT", cameo="12", mode=None),
                              status=ASSERTED, confidence=hit.confidence * 0.75)
            out.append(self._event(refusal, sent, text))
        return out


    def _statements(self, hits: list[_Hit], sent: SpacySpan, args: ArgumentFinder) -> list[Event]:
        """An actor's own announced intention is itself an asserted event.

        "Iran said it will cut off electricity" -> THREATEN; "Syria says it is willing to withdraw"
        -> AGREE; "Russia said Sudan must return the helicopter" -> REQUEST. The announced act stays
        hypothetical. Predictions about others ("analysts say the army will attack") are not coded.
        """
        out = []
        for hit in hits:
            if hit.status != HYPOTHETICAL:
                continue
            kind = _intent_kind(hit.token)
            if kind is None:
                continue
            if kind == "REQUEST":
                type_, cameo = "REQUEST", "10"
            elif hit.entry.type in _HOSTILE or _conditional(hit.token, ("unless",)):
                type_, cameo = "THREATEN", "13"
            else:
                type_, cameo = "AGREE", "03"
            if any(h.entry.type == type_ for h in hits):
                continue
            stated = replace(hit, entry=replace(hit.entry, type=type_, cameo=cameo, mode=None),
                             status=ASSERTED, fatalities=None, confidence=hit.confidence * 0.7)
            if kind == "REQUEST":
                stated.source, stated.target = None, hit.source
                speaker = _speaker(hit.token)
                if speaker is not None:
                    stated.source = args.actor(speaker)
            out.append(self._event(stated, sent, args.text))
        return out


# types whose verb needs an agent: a situation does not "call for" anything, a decision does not protest
_AGENTIVE = frozenset(PLOVER_TYPES) - {"ASSAULT", "COERCE"}


def _non_event(token: Token, entry: LexEntry, context: EventContext) -> bool:
    """Uses of a trigger word that name no event: an inanimate agent, an imperative, a judgement.

    "the situation calls for a rethink", "Modi's pledge appealed to voters" (a non-agent subject);
    "Support our journalism", "Subscribe now" (imperatives: the author addressing the reader);
    "recognizes that the plan failed" (a verb of judging with a that-clause, not an act);
    "attacking churches is forbidden" (a generic gerund subject)."""
    if entry.pos != "VERB":
        return False
    if token.dep_ in ("csubj", "csubjpass"):
        return True
    if entry.type in _AGENTIVE:
        subj = _subject(token)
        if subj is not None and subj.pos_ == "NOUN" and not subj.ent_type_ and (
                _lem(subj) in context.nonagents or subj.lower_ in context.nonagents):
            return True
    if _imperative(token):
        return True  # "Donate today", "Please support us", "Support us by subscribing": an appeal to the reader
    if _lem(token) in context.cognitive and any(c.dep_ == "ccomp" for c in token.children):
        return True  # "recognizes that the plan failed", "accepts it was a mistake"
    if any(c.dep_ == "det" for c in token.children):
        return True  # "the injured", "the wounded": a participle used as a noun
    if token.dep_ == "pcomp" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
        return True  # "the idea of asking", "the prospect of organizing": no act, a topic
    return False


_SUBJECTS = ("nsubj", "nsubjpass", "aux", "auxpass", "expl")


def _imperative(token: Token) -> bool:
    """The trigger is, or hangs subjectless below, a sentence-initial imperative root."""
    clause = token
    while clause.dep_ in ("xcomp", "advcl", "pcomp", "conj", "prep", "pobj") and clause.head is not clause:
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
            return False
        clause = clause.head
    if clause.dep_ != "ROOT" or clause.tag_ != "VB" or any(c.dep_ in _SUBJECTS for c in clause.children):
        return False
    first = next((t for t in clause.sent if not t.is_punct and not t.is_space), clause)
    return first.i == clause.i or (first.lower_ == "please" and first.i < clause.i)


_ACCUSING = frozenset({"ACCUSE"})
_REFERRING = frozenset({"ACCUSE", "SUPPORT", "REJECT"})  # reactions to an event told elsewhere


def _drop_embedded(hits: list["_Hit"], settings: frozenset[str]) -> list["_Hit"]:
    """Drop events that are only the setting or the content of another event of the sentence.

    "police detained dozens during protests" is a COERCE, not also a PROTEST; "accused the army of
    killing civilians" is an ACCUSE: the killing is what is alleged, not an asserted ASSAULT."""
    if len(hits) < 2:
        return hits
    by_token = {h.token.i: h for h in hits}
    out = []
    for hit in hits:
        token = hit.token
        prep = token.head if token.dep_ in ("pobj", "pcomp") else None
        governor = prep.head if prep is not None and prep.dep_ == "prep" else None
        other = by_token.get(governor.i) if governor is not None else None
        if other is None and governor is not None and governor.dep_ == "dobj":
            other = by_token.get(governor.head.i)  # "accused the rebels of killing": "of" on the object
        if (hit.entry.pos == "NOUN" and token.dep_ in ("dobj", "nsubjpass") and token.head.i in by_token
                and by_token[token.head.i].entry.type in _REFERRING and hit.entry.type not in _REFERRING
                and not any(c.dep_ in ("relcl", "acl") for c in token.children)):
            continue  # "condemned the attack", "praised the rescue": the attack is coded where it is told
        if other is not None and other.entry.type != hit.entry.type:
            if hit.entry.pos == "NOUN" and prep.lower_ in settings:
                continue
            if other.entry.type in _ACCUSING and prep.lower_ in ("of", "for"):
                continue
        out.append(hit)
    return out


def _intent_kind(token: Token) -> str | None:
    """'INTENT' when the speaker announces its own act, 'REQUEST' when it says another must act."""
    clause = token
    while clause.dep_ in ("conj", "xcomp") and clause.head != clause:
        if clause.dep_ == "xcomp" and _lem(clause.head) in _WILLING:
            copula = clause.head.head
            modal = any(c.dep_ == "aux" and c.tag_ == "MD" for c in (*clause.head.children, *copula.children))
            return None if modal else "INTENT"
        clause = clause.head
    aux = {c.lower_ for c in clause.children if c.dep_ == "aux"}
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    reporter = clause.head if clause.dep_ == "ccomp" and _lem(clause.head) in _REPORTING else None
    if subj is None or reporter is None:
        return None
    speaker = next((c for c in reporter.children if c.dep_ == "nsubj"), None)
    if speaker is None:
        return None
    same = subj.pos_ == "PRON" and subj.lower_ in ("it", "they", "we", "he", "she", "i") or _lem(subj) == _lem(speaker)
    if aux & _FUTURE and same:
        return "INTENT"
    if aux & {"must", "should"} and not same and subj.pos_ != "PRON":
        return "REQUEST"
    return None


def _speaker(token: Token) -> Token | None:
    clause = token
    while clause.dep_ in ("conj", "xcomp") and clause.head != clause:
        clause = clause.head
    if clause.dep_ == "ccomp":
        return next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    return None


def _conditional(token: Token, marks: tuple[str, ...]) -> bool:
    for t in (token, token.head):
        for c in t.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children):
                return True
    return False


def _find_words(token: Token, words: tuple[str, ...]) -> list[Token] | None:
    """The tokens, among the trigger's dependents and their dependents, that spell the other words."""
    if not words:
        return []
    found = []
    near = list(token.children)
    near.extend(g for c in list(near) for g in c.children)
    for word in words:
        match = next((t for t in near if t.lemma_.lower() == word or t.lower_ == word), None)
        if match is None:
            return None
        found.append(match)
    return found


_EXPLETIVE = frozenset({"it", "this", "that", "there", "what"})


def _through(token: Token | None, partitives: frozenset[str]) -> Token | None:
    """"hundreds of protesters" -> protesters; "a total of 10 rounds" -> rounds."""
    if token is None or _lem(token) not in partitives:
        return token
    for ch in token.children:
        if ch.dep_ == "prep" and ch.lower_ == "of":
            return next((g for g in ch.children if g.dep_ == "pobj"), token)
    return token


def _holds(c: Constraint, token: Token, entry: LexEntry, context: EventContext | None = None) -> bool:
    name, values = c.name, c.values
    partitives = context.partitives if context else frozenset()
    if name == "obj":
        obj = _through(_object(token), partitives)
        if not values:
            return obj is not None
        return obj is not None and _lem(obj) in values
    if name == "subj":
        subj = _through(_subject(token), partitives)
        return subj is not None and _lem(subj) in values
    if name == "prep":
        return any(ch.dep_ in ("prep", "prt", "agent") and ch.lower_ in values for ch in token.children)
    if name == "mod":
        return any(ch.dep_ in ("compound", "amod", "nmod", "npadvmod") and (_lem(ch) in values or ch.lower_ in values)
                   for ch in token.children)
    if name == "head":
        return token.head != token and (_lem(token.head) in values or token.head.lower_ in values)
    if name == "nohead":
        return token.head == token or _lem(token.head) not in values
    if name == "xcomp":
        return any(ch.dep_ == "xcomp" for ch in token.children)
    if name == "pp":
        heads = [token]
        if token.dep_ == "pobj" and token.head.lower_ == "of" and _lem(token.head.head) in partitives:
            heads.append(token.head.head)  # "a series of raids by police": the phrase hangs on "series"
        return any(f"{ch.lower_}:{_lem(g)}" in values or f"{ch.lower_}:{g.lower_}" in values
                   for h in heads for ch in h.children if ch.dep_ in ("prep", "agent", "dative")
                   for g in ch.children if g.dep_ == "pobj")
    if name == "ccomp":
        nonagents = context.nonagents if context else frozenset()
        for ch in token.children:
            if ch.dep_ == "ccomp":
                subj = next((g for g in ch.children if g.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None and _lem(subj) not in nonagents and subj.lower_ not in _EXPLETIVE:
                    return True
        return False
    if name == "nosubj":
        subj = _through(_subject(token), partitives)
        return subj is None or _lem(subj) not in values
    if name == "noprep":
        return not any(ch.dep_ in ("prep", "prt") and ch.lower_ in values for ch in token.children)
    if name == "noobj":
        obj = _through(_object(token), partitives)
        return obj is None if not values else obj is None or _lem(obj) not in values
    if name == "noxcomp":
        return not any(ch.dep_ == "xcomp" and _lem(ch) in values for ch in token.children)
    if name == "noccomp":
        return not any(ch.dep_ == "ccomp" for ch in token.children)
    return True  # role hints (of=, poss=) are not conditions


def _object(token: Token) -> Token | None:
    for ch in token.children:
        if ch.dep_ in ("dobj", "nsubjpass", "obj"):
            return ch
    if token.pos_ == "VERB":
        shared = _shared_object(token)
        if shared is not None:
            return shared
    if token.pos_ in ("NOUN", "PROPN"):
        for ch in token.children:
            if ch.dep_ == "prep" and ch.lower_ in ("of", "for", "on"):
                for g in ch.children:
                    if g.dep_ == "pobj":
                        return g
    if token.dep_ == "acl" and token.tag_ == "VBN":
        return token.head
    return None


def _shared_object(token: Token) -> Token | None:
    """The object two coordinated verbs share: "trained and armed the militia" gives "trained" its object."""
    for ch in token.children:
        if ch.dep_ == "conj" and ch.pos_ == "VERB" and ch.i > token.i and not any(
                g.dep_ in ("nsubj", "nsubjpass") for g in ch.children):
            if any(g.dep_ == "dobj" for g in token.children):
                return None
            between = [t for t in token.doc[token.i + 1:ch.i] if not t.is_punct and t.dep_ not in ("cc", "advmod")]
            if between:
                return None  # "trained in Iran and armed the militia": no object of its own, none shared
            return next((g for g in ch.children if g.dep_ == "dobj"), None)
    return None


def _subject(token: Token) -> Token | None:
    if token.pos_ == "VERB":
        return agent_of(token)
    if token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN"):
        return token.head
    return None


def _lem(token: Token) -> str:
    return token.lemma_.lower()


def _trigger_span(tokens: list[Token], text: str) -> Span:
    """The trigger word, plus its particles or objects when they stand next to it ("opened fire")."""
    head = tokens[0]
    idx = sorted(t.i for t in tokens)
    lo = hi = head.i
    for i in idx:
        if i == hi + 1:
            hi = i
    for i in reversed(idx):
        if i == lo - 1:
            lo = i
    doc = head.doc
    first, last = doc[lo], doc[hi]
    return Span(first.idx, last.idx + len(last.text), text[first.idx:last.idx + len(last.text)])


def _linked(a: _Hit, b: _Hit, casualty: frozenset[str] = frozenset()) -> bool:
    """Two triggers of one type name one event when one governs the other (not mere conjunction
    of clauses with their own subjects), or when one only reports the harm done in the other."""
    ta, tb = a.token, b.token
    for x, y in ((a, b), (b, a)):
        if x.entry.type == "ASSAULT" and _lem(y.token) in casualty and (
                y.source is None or x.source is None or y.source.text == x.source.text):
            return True
    for x, y in ((ta, tb), (tb, ta)):
        if y.head == x and y.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in y.children):
            return True
    for x, y in ((ta, tb), (tb, ta)):
        if y.head == x and y.dep_ in _MERGE_DEPS:
            return True
        if y.dep_ == "pobj" and y.head.head == x and y.head.dep_ in ("prep", "agent"):
            return True
    for x, y in ((a, b), (b, a)):
        if y.token.dep_ == "pobj" and y.token.head.head in x.tokens[1:]:
            return True  # "claimed responsibility for the bombings"
        if y in a.tokens[1:] or y in b.tokens[1:]:
            return True
    return False


def _merge(hits: list[_Hit], casualty: frozenset[str] = frozenset()) -> list[_Hit]:
    """Fold same-type triggers that govern one another into one event, keeping the stronger word."""
    kept: list[_Hit] = []
    for hit in hits:
        partner = next((k for k in kept if k.entry.type == hit.entry.type and _linked(k, hit, casualty)), None)
        if partner is None:
            kept.append(hit)
            continue
        keep, other = _prefer(partner, hit, casualty)
        keep.source = keep.source or other.source
        keep.target = keep.target or other.target
        keep.mode = keep.mode or other.mode
        keep.fatalities = keep.fatalities if keep.fatalities is not None else other.fatalities
        keep.confidence = min(0.99, max(keep.confidence, other.confidence) + 0.05)
        keep.merged.append(other.token)
        if keep is hit:
            kept[kept.index(partner)] = hit
    return kept


def _substantive(hit: _Hit) -> bool:
    """A verb always names an event; a bare noun only with an actor, a toll or a light verb.

    "condemned the attack" or "fled the fighting" refer back to an event already coded.
    """
    if hit.entry.pos == "VERB" or hit.merged:
        return True
    return hit.source is not None or hit.target is not None or hit.fatalities is not None


def _rank(hit: _Hit) -> tuple[int, float]:
    return (1 if hit.entry.pos == "VERB" else 0, hit.confidence)


def _prefer(a: _Hit, b: _Hit, casualty: frozenset[str]) -> tuple[_Hit, _Hit]:
    """(kept, folded): a casualty verb folds into the attack it reports; else the stronger word stays."""
    a_cas, b_cas = _lem(a.token) in casualty, _lem(b.token) in casualty
    if a_cas != b_cas:
        return (b, a) if a_cas else (a, b)
    return (a, b) if _rank(a) >= _rank(b) else (b, a)
