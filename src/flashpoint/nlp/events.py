"""The event stage: PLOVER events from a parsed Doc, with CAMEO code, mode, modality, actors, toll.

Knowledge lives in data files (``data/lexicon/events.tsv`` for trigger words,
``events_context.tsv`` for light verbs, mode words and role prepositions, ``modality.tsv`` for
modal and negation cues); this module holds only the logic. ``EventLexicon.load()`` reads and
validates the files once; ``EventFinder(lexicon).find(doc, mentions)`` codes every sentence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Doc, Span as SpacySpan, Token

from flashpoint.models import ActorMention, ActorRef, Event, Place, Span
from flashpoint.nlp.docview import pos_of, sentences_of, tokens_of, views_kept
from flashpoint.nlp.event_args import ArgumentFinder, agent_of
from flashpoint.nlp.event_lexicon import (  # noqa: F401  (re-exported: the lexicon's public names)
    CONSTRAINTS, CONTEXT_KINDS, PLOVER_TYPES, POS_TAGS, TRIGGER_POS, Constraint, EventContext, EventLexicon,
    LexEntry, _data_dir, parse_constraints, parse_entry, read_context, read_entries)
from flashpoint.nlp.event_match import (
    _drop_embedded, _find_words, _holds, _lem, _non_event, _object, _shared_object, _through)
from flashpoint.nlp.modality import ASSERTED, modality_of, outer_conjunct
from flashpoint.nlp.event_hit import Hit
from flashpoint.nlp.event_merge import merge, substantive
from flashpoint.nlp.statements import demands, refusals, speaker_of, statements
from flashpoint.nlp.tolls import count_dead

# the links of an adjective that is a clause's predicate ("was critical of", "held it responsible")
_PREDICATIVE = frozenset({"acomp"})  # not "oprd": "held X responsible" is the verb's
# prepositions of a meeting in which another act took place ("in a meeting", "during the talks";
# "in the talks" names talks under way, told elsewhere)
_MEETING_PREPS = frozenset({"in", "at", "during"})
# a sentence of fewer words is a scrap of the page, not a report ("Police arrest 12" has three)
_FRAGMENT = 3


class EventFinder:
    """Codes the events of a parsed Doc; holds no state between documents."""

    def __init__(self, lexicon: EventLexicon):
        self.lexicon = lexicon
        self._perform = frozenset(lexicon.cues.by_kind["perform"])  # verbs that carry out their object event

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
            return [self._event(h, sent, args.text) for h in demands(sent, args, [], self.lexicon.cues)]
        hits = [hit for hit in hits if not _non_event(hit.token, hit.entry, self.lexicon.context)]
        context = self.lexicon.context
        hits = _drop_embedded(hits, context.settings, context.refer, context.charges)
        if not hits:
            return []
        for hit in hits:
            self._fill(hit, args)
        hits = [hit for hit in merge(hits, self.lexicon.context.casualty) if substantive(hit, self._perform)]
        stated = refusals(hits) + statements(hits, args)
        if not any(h.entry.type == "REQUEST" and h.status == ASSERTED for h in hits + stated):
            stated.extend(demands(sent, args, hits, self.lexicon.cues))
        return [self._event(hit, sent, args.text) for hit in hits + stated]

    # -- matching ---------------------------------------------------------------------------
    def _match(self, token: Token) -> Hit | None:
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
                return Hit(token, entry, [token, *extra])
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
    def _fill(self, hit: Hit, args: ArgumentFinder) -> None:
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
            if not _has_party(token, setting, args):
                setting = None  # "during a public meeting, the mayor spoke": no one met
        if setting is not None:
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
        speaker = speaker_of(token.head)
        return (args.actor(speaker) if speaker is not None else None), args.actor(subj)

    @staticmethod
    def _judged_roles(token: Token, args: ArgumentFinder) -> tuple[ActorRef | None, ActorRef | None]:
        """"officials said the blast bears the hallmarks of the militants", "the envoy said the
        shelling constitutes a war crime": the speaker judges the act of the subject; the "of"
        phrase of the object, when it names an actor, is the one judged."""
        speaker = speaker_of(token)
        obj = _object(token)
        owner = next((g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"), None) if obj is not None else None
        return (args.actor(speaker) if speaker is not None else None), (args.actor(owner) if owner is not None else None)

    @staticmethod
    def _frame_roles(token: Token, anchor: Token, hit: Hit, args: ArgumentFinder
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

    def _event(self, hit: Hit, sent: SpacySpan, text: str) -> Event:
        return Event(
            type=hit.entry.type, mode=hit.mode, cameo=hit.entry.cameo, status=hit.status,
            source=hit.source, target=hit.target, place=None, date=None,
            fatalities=hit.fatalities,
            sentence=Span(sent.start_char, sent.end_char, text[sent.start_char:sent.end_char]),
            trigger=_trigger_span(hit.tokens, text),
            confidence=round(hit.confidence, 3),
        )

def _has_party(meeting: Token, verb: Token, args: ArgumentFinder) -> bool:
    """A meeting with someone: "a meeting with the envoy", or the act done in it is done to an actor
    ("offered the job to Bolton in a meeting")."""
    if any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in meeting.children):
        return True
    for c in verb.children:
        if c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ == "to"):
            party = next((g for g in c.children if g.dep_ == "pobj"), None) if c.dep_ != "dobj" else c
            if party is not None and args.actor(party) is not None:
                return True
    return False


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


