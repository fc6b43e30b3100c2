"""Syntax helpers for event arguments: who does a verb, a noun phrase's extent, its prepositions
and owners, and which tokens can stand in an actor slot (used by ``nlp.event_args``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from flashpoint.nlp.agent_words import agent_word
from flashpoint.nlp.background import another_occasion
from flashpoint.nlp.wordlists import words

if TYPE_CHECKING:
    from flashpoint.nlp.events import EventContext

_SUBJ = ("nsubj", "csubj")
_CONTROL_OBJ = ("dobj", "dative")  # "urged X to", "forced X to": the object does the xcomp
_NP_LEFT = frozenset({"compound", "amod", "nmod", "poss", "case", "nummod", "quantmod", "npadvmod"})
_NP_RIGHT_OF = frozenset({"of", "from"})
ACTORISH_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON", "FAC"})
# Named entities that can stand in an actor slot by themselves (a place or a date never does).
_NAMED_ACTOR_ENTS = frozenset({"NORP", "ORG", "PERSON"})
_NOT_ACTOR_ENTS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "MONEY", "QUANTITY", "PERCENT",
                             "CARDINAL", "ORDINAL", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"})
# Verbs whose object is an effort that the subject makes: "led the push to retake", "launched a
# bid to seize", "made an attempt to storm".
_LEADING = frozenset("lead spearhead head launch mount direct organize organise join begin start resume "
                     "continue make step renew".split())


def agent_of(verb: Token, depth: int = 0) -> Token | None:
    """Who does the verb: its subject, the "by" agent of a passive, or a controlling clause's subject."""
    if depth > 4:
        return None
    passive = any(ch.dep_ in ("nsubjpass", "auxpass") for ch in verb.children)
    for ch in verb.children:
        if ch.dep_ == "agent":
            return next((g for g in ch.children if g.dep_ == "pobj"), None)
        if ch.dep_ in _SUBJ and not passive:
            return ch
    if passive:
        return None
    head = verb.head
    if head == verb:
        return None
    if verb.dep_ == "xcomp":
        controller = next((c for c in head.children if c.dep_ in _CONTROL_OBJ), None)
        if controller is None:
            on = next((c for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")), None)
            controller = pobj_of(on) if on is not None else None
        if controller is not None and head.lemma_.lower() in _LEADING and inanimate(controller):
            controller = None  # "X led the push to retake the town": X retakes, not the push
        return controller or agent_of(head, depth + 1)
    if verb.dep_ == "advcl" and head.lemma_.lower() in words("stopping"):
        plan = next((c for c in head.children if c.dep_ == "dobj"), None)  # "foiled a plot [to bomb]"
        return plan_owner(plan) if plan is not None else None
    if verb.dep_ in ("conj", "advcl") and head.pos_ in ("VERB", "AUX"):
        if another_occasion(verb, head):
            return None  # "held the line, a day after shelling killed 14": not the holders' killing
        return agent_of(head, depth + 1)
    if verb.dep_ == "acomp":  # "Syria is willing to withdraw": the adjective's subject
        return agent_of(head, depth + 1)
    if verb.dep_ == "relcl":
        return None
    if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        owner = plan_owner(head)
        if owner is not None:
            return owner  # "a plan by Islamic State militants to attack", "the group's bid to seize"
        if head.dep_ == "dobj" and head.head.lemma_.lower() not in words("stopping"):
            return agent_of(head.head, depth + 1)  # "X led the push to retake the town": X retakes
        return None  # "the army foiled a plot to bomb the prison": the army is no bomber
    if verb.dep_ == "pcomp" and head.head.pos_ == "VERB" and head.lower_ not in ("of", "for"):
        return agent_of(head.head, depth + 1)
    return None


def in_side_clause(token: Token) -> bool:
    """Inside a relative or participial clause that describes a noun."""
    return any(a.dep_ in ("relcl", "acl") for a in (token, *token.ancestors))


def plan_owner(noun: Token) -> Token | None:
    """Whose plan, plot or bid a noun is: its "by" phrase or its possessor."""
    for ch in noun.children:
        if ch.dep_ == "prep" and ch.lower_ == "by":
            return next((g for g in ch.children if g.dep_ == "pobj"), None)
        if ch.dep_ == "poss" and ch.pos_ != "PRON":
            return ch
    return None


def light_governor(noun: Token, light: frozenset[str]) -> Token | None:
    """The light verb that performs an event noun: "carried out an airstrike", "the deal X reached"."""
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in light:
        return noun.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prt" and noun.head.head.lemma_.lower() in light:
        return noun.head.head
    for ch in noun.children:
        if ch.dep_ == "relcl" and ch.lemma_.lower() in light:
            return ch
    return None


def between_sides(noun: Token) -> tuple[Token, Token | None] | None:
    """"talks between X and Y", "fighting between X and Y"."""
    prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"), None)
    if prep is None:
        return None
    first = pobj_of(prep)
    if first is None:
        return None
    for ch in first.lefts:
        if ch.dep_ in ("nmod", "compound") and conjunct(ch) is not None:
            return ch, first  # "between the army and M23 rebels" parsed as one phrase: two sides
    return first, conjunct(first)


def conjunct(token: Token) -> Token | None:
    return next((c for c in token.children if c.dep_ == "conj"), None)


def pobj(head: Token, prep_word: str) -> Token | None:
    for ch in head.children:
        if ch.dep_ == "prep" and ch.lower_ == prep_word:
            return pobj_of(ch)
    return None


def pobj_of(prep: Token) -> Token | None:
    return next((g for g in prep.children if g.dep_ == "pobj"), None)


def resolve_relative(token: Token) -> Token:
    """"fighters who attacked": the relative pronoun stands for the noun the clause modifies."""
    if token.tag_ in ("WP", "WDT") and token.head.dep_ == "relcl":
        return token.head.head
    return token


def phrase_bounds(token: Token, with_of: bool = True) -> tuple[int, int]:
    """Token indices of the noun phrase: left modifiers, the head, and an "of/from" phrase."""
    left = token.i
    for ch in token.lefts:
        if ch.dep_ in _NP_LEFT or (ch.dep_ == "det" and ch.tag_ != "DT"):
            left = min(left, ch.left_edge.i)
    right = token.i
    if with_of:
        for ch in token.rights:
            if ch.dep_ == "prep" and ch.lower_ in _NP_RIGHT_OF:
                right = max(right, ch.right_edge.i)
            elif ch.dep_ == "conj" and ch.i == right + 2 or ch.dep_ == "cc" and ch.i == right + 1:
                continue
    while left < token.i and token.doc[left].is_punct:
        left += 1
    return left, right


def end_char(token: Token) -> int:
    return token.idx + len(token.text)


def claimer_verb(noun: Token) -> Token | None:
    """The verb of "X claimed responsibility for [the bombing]", "X took credit for [the attack]"."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "for":
        return None
    owner = noun.head.head
    if owner.lemma_.lower() not in ("responsibility", "credit", "blame") or owner.dep_ != "dobj":
        return None
    verb = owner.head
    return verb if verb.lemma_.lower() in ("claim", "take", "accept", "admit") else None


def inanimate(token: Token) -> bool:
    """A common noun that names no kind of actor ("the push", "an effort")."""
    return token.pos_ == "NOUN" and not token.ent_type_ and agent_word(token) is None


def is_named(token: Token) -> bool:
    """A name the parser found, or a proper noun outside any place, date or number entity."""
    if token.ent_type_ in _NAMED_ACTOR_ENTS:
        return True
    return token.pos_ == "PROPN" and token.ent_type_ not in _NOT_ACTOR_ENTS


def actorish(token: Token) -> bool:
    return token.ent_type_ in ACTORISH_ENTS or token.pos_ == "PROPN"


def is_time(token: Token) -> bool:
    return token.ent_type_ in ("DATE", "TIME")


def is_thing(token: Token, context: "EventContext") -> bool:
    """A weapon or instrument word ("with drones"), never an actor."""
    return token.lemma_.lower() in context.modes and token.ent_type_ not in ACTORISH_ENTS
