"""The event stage: PLOVER events from a parsed Doc, with CAMEO code, mode, modality, actors, toll.

Knowledge lives in data files (``data/lexicon/events.tsv`` for trigger words,
``events_context.tsv`` for light verbs, mode words and role prepositions, ``modality.tsv`` for
modal and negation cues); this module holds only the logic. ``EventLexicon.load()`` reads and
validates the files once; ``EventFinder(lexicon).find(doc, mentions)`` codes every sentence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span as SpacySpan, Token

from flashpoint.models import ActorMention, ActorRef, Event, Place, Span
from flashpoint.quadclass import side_of
from flashpoint.nlp.background import another_occasion
from flashpoint.nlp.docview import pos_of, sentences_of, tokens_of, views_kept
from flashpoint.nlp.event_args import ArgumentFinder, agent_of
from flashpoint.nlp.event_lexicon import (  # noqa: F401  (re-exported: the lexicon's public names)
    CONSTRAINTS, CONTEXT_KINDS, PLOVER_TYPES, POS_TAGS, TRIGGER_POS, Constraint, EventContext, EventLexicon,
    LexEntry, _data_dir, parse_constraints, parse_entry, read_context, read_entries)
from flashpoint.nlp.event_match import (
    _drop_embedded, _find_words, _holds, _lem, _non_event, _object, _shared_object, _through)
from flashpoint.nlp.modality import ASSERTED, HYPOTHETICAL, NEGATED, modality_of, outer_conjunct
from flashpoint.nlp.tolls import count_dead

_FUTURE = frozenset({"will", "would", "wo", "shall", "'ll"})
_WILLING = frozenset({"willing", "prepared", "ready"})
_REPORTING = frozenset({"say", "announce", "tell", "confirm", "state", "declare", "insist", "add", "reiterate",
                        "conclude", "warn", "claim", "stress"})
# speakers who predict what others will do rather than announce it
_PREDICTORS = frozenset({"analyst", "expert", "observer", "commentator", "economist", "critic", "poll", "survey",
                         "forecast", "scholar", "researcher", "academic", "pundit", "some", "many", "other"})
# the links of an adjective that is a clause's predicate ("was critical of", "held it responsible")
_PREDICATIVE = frozenset({"acomp"})  # not "oprd": "held X responsible" is the verb's
# prepositions of a meeting in which another act took place ("in a meeting", "during the talks";
# "in the talks" names talks under way, told elsewhere)
_MEETING_PREPS = frozenset({"in", "at", "during"})
# modals by which a speaker says another must act ("said Sudan must return the helicopter")
_OBLIGING = frozenset({"must", "should"})
# a sentence of fewer words is a scrap of the page, not a report ("Police arrest 12" has three)
_FRAGMENT = 3
# dependency links over which two same-type triggers are one event ("stormed ..., killing 11")
_MERGE_DEPS = frozenset({"advcl", "dobj", "pobj", "nsubj", "nsubjpass", "xcomp", "relcl", "compound", "acl"})


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
        if sum(1 for i in range(sent.start, sent.end) if not tokens[i].is_punct
               and not tokens[i].is_space) < _FRAGMENT:
            return []  # "arrested", "the promised": a scrap of a page (a caption, a cut line), no report
        if not hits:
            return self._demands(sent, args, [])
        hits = [hit for hit in hits if not _non_event(hit.token, hit.entry, self.lexicon.context)]
        context = self.lexicon.context
        hits = _drop_embedded(hits, context.settings, context.refer, context.charges)
        if not hits:
            return []
        for hit in hits:
            self._fill(hit, args)
        hits = [hit for hit in _merge(hits, self.lexicon.context.casualty) if _substantive(hit, self.lexicon.context.light)]
        events = [self._event(hit, sent, args.text) for hit in hits]
        events.extend(self._refusals(hits, sent, args.text))
        events.extend(self._statements(hits, sent, args))
        if not any(e.type == "REQUEST" and e.status == ASSERTED for e in events):
            events.extend(self._demands(sent, args, hits))
        return events

    def _demands(self, sent: SpacySpan, args: ArgumentFinder, hits: list[_Hit]) -> list[Event]:
        """"Russia said Sudan must return the helicopter": a speaker saying that another actor must
        act makes a demand (REQUEST, from the speaker to that actor), whatever the act named."""
        taken = {h.token.i for h in hits}
        out = []
        for token in sent:
            if token.dep_ != "ccomp" or token.pos_ not in ("VERB", "AUX") or token.i in taken:
                continue
            reporter = token.head
            if _lem(reporter) not in _REPORTING or modality_of(reporter, self.lexicon.cues) != ASSERTED:
                continue
            if not any(c.dep_ == "aux" and c.lower_ in _OBLIGING for c in token.children):
                continue
            subj = next((c for c in token.children if c.dep_ == "nsubj"), None)  # a passive's subject is not asked
            speaker = next((c for c in reporter.children if c.dep_ == "nsubj"), None)
            if subj is None or speaker is None or subj.pos_ == "PRON" or _lem(subj) == _lem(speaker):
                continue
            target, source = args.actor(subj), args.actor(speaker)
            if target is None or source is None or target.id == source.id:
                continue
            entry = LexEntry((_lem(token),), "VERB", "REQUEST", "10", None, (), 0.6)
            hit = _Hit(token, entry, [token], source=source, target=target, confidence=0.66)
            out.append(self._event(hit, sent, args.text))
        return out

    # -- matching ---------------------------------------------------------------------------
    def _match(self, token: Token) -> _Hit | None:
        pos = "VERB" if token.pos_ == "VERB" else "NOUN" if token.pos_ in ("NOUN", "PROPN") else (
            "ADJ" if token.pos_ == "ADJ" and token.dep_ in _PREDICATIVE else None)
        if pos is None:
            return None  # "a critical report": only a predicate adjective names an act ("was critical of")
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
            if pos == "ADJ" and entry.option("swap") is not None and not _judged_subject(token):
                continue  # "it was responsible": a claim or a culprit unknown, no accusation
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
        setting = None
        if entry.type == "CONSULT" and token.dep_ == "pobj" and token.head.lower_ in _MEETING_PREPS \
                and token.head.head.pos_ == "VERB" and (token.head.lower_ == "during" or any(
                    c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)):
            setting = token.head.head  # "offered him the post in a meeting": the offerer met him
            agent = agent_of(setting)
            hit.source = hit.source or (args.actor(agent) if agent is not None else None)
        outer = outer_conjunct(token) if token.pos_ == "VERB" else None
        if outer is not None:
            agent = agent_of(outer)  # "X denied that troops had burned it and blamed Y": X blames
            hit.source = args.actor(agent) if agent is not None else None
        if hit.target is not None and token.pos_ == "VERB":
            obj = _object(token)
            through = _through(obj, context.partitives)
            if (obj is not None and through is not None and _is_weapon(through, context.weapons)
                    and _inside(hit.target.text, obj, token)):
                hit.target = None  # "fired a total of 10 rounds": the munition is no target
        if hit.source is not None and token.pos_ == "VERB":
            obj = _object(token)
            if obj is not None and _inside(hit.source.text, obj, token):
                hit.source = None  # "barrel bombs were dropped": a word of the object is no source
        if hit.source is not None and hit.source.text.lower().rstrip("s") in context.weapons:
            hit.source = None  # "barrel bombs": the weapon is no source
        if token.pos_ == "ADJ":
            hit.source, hit.target = self._predicate_roles(token, entry, args)
        elif entry.option("judged") is not None:
            hit.source, hit.target = self._judged_roles(token, args)
        elif entry.option("swap") is not None:
            hit.source, hit.target = None, hit.source  # "came under fire": the subject is the target
        if hit.target is None and token.pos_ == "VERB" and not any(c.dep_ == "dobj" for c in token.children):
            shared = _shared_object(token)
            if shared is not None:
                hit.target = args.actor(shared)  # "trained and armed the militia"
        hit.mode = entry.mode or (args.mode(token) if entry.type == "ASSAULT" else None)
        if entry.type == "ASSAULT":
            hit.fatalities = count_dead(token, self.lexicon.context.kill)
        hit.status = modality_of(token if setting is None else setting, self.lexicon.cues)  # a meeting is as its act
        conf = entry.confidence + (0.06 if hit.source else 0.0) + (0.04 if hit.target else 0.0)
        hit.confidence = min(conf, 0.99)

    @staticmethod
    def _predicate_roles(token: Token, entry: LexEntry, args: ArgumentFinder) -> tuple[ActorRef | None, ActorRef | None]:
        """Roles of a predicate adjective: "X was critical of Y" (X, Y); with ``swap`` the subject is
        the one judged and the speaker judges ("officials said Russia was responsible for the attack")."""
        subj = next((c for c in token.head.children if c.dep_ == "nsubj"), None) if token.head is not token else None
        obj = next((g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"), None)
        if entry.option("swap") is None:
            return args.actor(subj), args.actor(obj)
        speaker = _speaker(token.head)
        return (args.actor(speaker) if speaker is not None else None), args.actor(subj)

    @staticmethod
    def _judged_roles(token: Token, args: ArgumentFinder) -> tuple[ActorRef | None, ActorRef | None]:
        """"officials said the blast bears the hallmarks of the militants", "the envoy said the
        shelling constitutes a war crime": the speaker judges the act of the subject; the "of"
        phrase of the object, when it names an actor, is the one judged."""
        speaker = _speaker(token)
        obj = _object(token)
        owner = next((g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"), None) if obj is not None else None
        return (args.actor(speaker) if speaker is not None else None), (args.actor(owner) if owner is not None else None)

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
            if hit.status != NEGATED or side_of(hit.entry.type) != "cooperation" or have_reject:
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
            kind = _intent_kind(hit.token, side_of(hit.entry.type) == "cooperation")
            if kind is None:
                continue
            if kind == "REQUEST":
                type_, cameo = "REQUEST", "10"
            elif _hostile(hit.entry.type) or _conditional(hit.token, ("unless",)):
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


def _judged_subject(adjective: Token) -> bool:
    """The predicate adjective's clause has a subject that names someone, not a pronoun."""
    subj = next((c for c in adjective.head.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.pos_ != "PRON"


def _is_weapon(token: Token, weapons: frozenset[str]) -> bool:
    low = token.lower_
    return _lem(token) in weapons or low in weapons or (low.endswith("s") and low[:-1] in weapons)


def _inside(text: str, head: Token, trigger: Token) -> bool:
    """The words of ``text`` all lie in the phrase headed by ``head``, outside the trigger's own clause
    ("a missile fired by the Houthis at Jizan": the Houthis and Jizan are the firing's, not the missile's)."""
    words = text.split()
    own = {t.i for t in trigger.subtree} if trigger in head.subtree else set()
    subtree = {t.text for t in head.subtree if t.i not in own}
    return bool(words) and all(w in subtree for w in words)


def _intent_kind(token: Token, cooperative: bool = False) -> str | None:
    """'INTENT' when the speaker announces its own act, 'REQUEST' when it says another must act.

    A cooperative act announced for another ("Finland will give Tanzania a grant, a ministry
    statement said", "the foreign minister will visit Albania, the embassy said") is that actor's
    announced intent too, unless the speaker only predicts it (an analyst, an expert)."""
    clause = token
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ == "dobj" and token.head.pos_ == "VERB":
        clause = token.head  # "will provide food aid": the verb carries the tense
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
    if aux & _FUTURE and (same or cooperative and subj.pos_ != "PRON" and _lem(speaker) not in _PREDICTORS):
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
    for x, y in ((ta, tb), (tb, ta)):
        if y.head == x and y.pos_ == "VERB" and another_occasion(y, x):
            return False  # "advanced on the city, while shelling killed seven": two occasions
    for x, y in ((a, b), (b, a)):
        if x.entry.type == "ASSAULT" and _lem(y.token) in casualty and (
                y.source is None or x.source is None or y.source.text == x.source.text) and (
                x.token in y.token.subtree or not another_occasion(y.token, y.token.head)):
            return True  # a killing on an occasion of its own reports only the attack inside its clause
    for x, y in ((ta, tb), (tb, ta)):
        if y.head == x and y.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in y.children):
            return True
        verb = y.head
        if y.dep_ == "dobj" and verb.dep_ == "conj" and verb.head == x and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return True  # "endorsed the statement and showed its solidarity": one act of support
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


def _substantive(hit: _Hit, light: frozenset[str] = frozenset()) -> bool:
    """A verb always names an event; a bare noun only with an actor, a toll or a light verb.

    "condemned the attack" or "fled the fighting" refer back to an event already coded;
    "hundreds staged a protest" performs one, whoever its doer.
    """
    if hit.entry.pos in ("VERB", "ADJ") or hit.merged:
        return True  # a predicate adjective is a clause's verb ("was unwilling to commit")
    token = hit.token
    if token.dep_ == "dobj" and token.head.pos_ == "VERB" and _lem(token.head) in light:
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


def _hostile(event_type: str) -> bool:
    """A conflict type that, announced, is a threat (a demand announced is a demand, not a threat);
    the sides are data/lexicon/plover_quadclass.tsv's."""
    return side_of(event_type) == "conflict" and event_type != "REQUEST"
