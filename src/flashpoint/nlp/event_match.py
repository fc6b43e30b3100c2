"""Trigger matching: the constraint language of the lexicon, and the uses of a trigger word that name no event.

Pure functions over spaCy tokens; the knowledge they consult (partitive nouns, non-agents, setting
prepositions, verbs of judging) comes from ``events_context.tsv`` through EventContext.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from spacy.tokens import Token

from flashpoint.nlp.background import is_statistic, is_trend
from flashpoint.nlp.agent_words import agent_word
from flashpoint.nlp.event_args import agent_of
from flashpoint.nlp.event_lexicon import PLOVER_TYPES, Constraint, EventContext, LexEntry

if TYPE_CHECKING:
    from flashpoint.nlp.modality import ModalityCues  # noqa: F401


class _HitLike(Protocol):
    token: Token
    entry: LexEntry


# types whose verb needs an agent: a situation does not "call for" anything, a decision does not protest
_AGENTIVE = frozenset(PLOVER_TYPES) - {"ASSAULT", "COERCE"}
# statements: said in the present tense of a relative clause they are still acts ("whom the
# government accuses of plotting"); the other types there describe ("the militia that fights")
_VERBAL = frozenset({"AGREE", "CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
# types whose verbs tell a war's toll or a displacement figure ("has killed thousands", "are displaced")
_HARM = frozenset({"ASSAULT", "COERCE"})


def _non_event(token: Token, entry: LexEntry, context: EventContext) -> bool:
    """Uses of a trigger word that name no event: an inanimate agent, an imperative, a judgement.

    "the situation calls for a rethink", "Modi's pledge appealed to voters" (a non-agent subject);
    "Support our journalism", "Subscribe now" (imperatives: the author addressing the reader);
    "recognizes that the plan failed" (a verb of judging with a that-clause, not an act);
    "attacking churches is forbidden" (a generic gerund subject); "the war has killed thousands"
    (a statistic)."""
    if entry.pos != "VERB":
        return is_trend(token)  # "attacks on officers increase": how often, not one attack
    if token.dep_ in ("csubj", "csubjpass") or (
            token.tag_ == "VBG" and token.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ == "dobj" for c in token.children)):
        return True  # "attacking churches is forbidden": a generic act, no event
    if entry.type == "THREATEN" and token.dep_ == "acl":
        return True  # "a region threatened by extremists": endangered, not a threat made
    if entry.type in _AGENTIVE and entry.option("judged") is None:
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
    if entry.type not in _VERBAL and _description(token):
        return True  # "the militia that fights alongside the army", "the road supplying the troops"
    if entry.type in _HARM and is_statistic(token):
        return True  # "the war has killed thousands", "1.7 million people are displaced": a figure
    return False


_SUBJECTS = ("nsubj", "nsubjpass", "aux", "auxpass", "expl")


def _description(token: Token) -> bool:
    """A verb that describes a noun rather than telling what happened: a present-tense relative
    clause ("the militia, which fights alongside the army") or a participle on a thing ("the
    road supplying the troops"; "militants attacking the town" stays an event)."""
    if token.dep_ == "relcl":
        return token.tag_ in ("VBZ", "VBP") and not any(c.dep_ in ("aux", "auxpass") for c in token.children)
    if token.dep_ == "acl" and token.tag_ == "VBG":
        head = token.head
        return head.pos_ == "NOUN" and not head.ent_type_ and agent_word(head) is None
    return False


def _imperative(token: Token) -> bool:
    """The trigger is, or hangs subjectless below, a sentence-initial imperative root."""
    clause = token
    while clause.dep_ in ("xcomp", "advcl", "pcomp", "conj", "prep", "pobj", "dobj") and clause.head is not clause:
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
            return False
        clause = clause.head
    if clause.dep_ != "ROOT" or clause.tag_ != "VB" or any(c.dep_ in _SUBJECTS for c in clause.children):
        return False
    first = next((t for t in clause.sent if not t.is_punct and not t.is_space), clause)
    return first.i == clause.i or (first.lower_ == "please" and first.i < clause.i)


_ACCUSING = frozenset({"ACCUSE"})
_REFERRING = frozenset({"ACCUSE", "SUPPORT", "REJECT"})  # reactions to an event told elsewhere


def _refers_back(token: Token, refer: frozenset[str]) -> bool:
    """An event noun that a verb of describing takes as object, or the subject of a judgement."""
    head = token.head
    if head is token or any(c.dep_ in ("relcl", "acl") for c in token.children):
        return False
    if token.dep_ in ("dobj", "nsubjpass") and _lem(head) in refer:
        return True
    return token.dep_ == "nsubj" and _lem(head) == "be" and any(c.dep_ == "acomp" for c in head.children)


_CHARGE_PREPS = frozenset({"with", "of", "for", "to", "on"})


def _is_charge(token: Token, charges: frozenset[str]) -> bool:
    """"charged with murder", "pleaded guilty to attempted murder", "held on counts of assault":
    the event word names the charge of a legal act, not an event the text reports."""
    if token.dep_ not in ("pobj", "pcomp") or token.head.dep_ != "prep" or token.head.lower_ not in _CHARGE_PREPS:
        return False
    governor = token.head.head
    for _ in range(2):  # "guilty to", "counts of": one word between the act and the charge
        if _lem(governor) in charges or governor.lower_ in charges:
            return True
        if governor.dep_ == "pobj" and governor.head.dep_ == "prep":
            governor = governor.head.head
        elif governor.dep_ in ("acomp", "oprd", "advmod", "dobj") and governor.head is not governor:
            governor = governor.head
        else:
            return False
    return False


def _drop_embedded(hits: list[_HitLike], settings: frozenset[str],
                   context_refer: frozenset[str] = frozenset(),
                   charges: frozenset[str] = frozenset()) -> list[_HitLike]:
    """Drop events that are only the setting or the content of another event of the sentence.

    "police detained dozens during protests" is a COERCE, not also a PROTEST; "accused the army of
    killing civilians" is an ACCUSE: the killing is what is alleged, not an asserted ASSAULT."""
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
        if hit.entry.type == "ASSAULT" and _is_charge(token, charges):
            continue
        if hit.entry.pos == "NOUN" and _refers_back(token, context_refer):
            continue  # "described the killing as", "this heinous attack is unacceptable"
        if other is not None and other.entry.type != hit.entry.type:
            if hit.entry.pos == "NOUN" and prep.lower_ in settings:
                continue
            if other.entry.type in _ACCUSING and prep.lower_ in ("of", "for"):
                continue
        out.append(hit)
    return out


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


def _of_whole(token: Token, partitives: frozenset[str]) -> Token:
    """"many of those areas", "some of the fighters": the whole the part is taken from."""
    if token.pos_ in ("ADJ", "PRON", "NUM", "DET") or _lem(token) in partitives:
        for ch in token.children:
            if ch.dep_ == "prep" and ch.lower_ == "of":
                return next((g for g in ch.children if g.dep_ == "pobj"), token)
    return token


_ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _agentish(token: Token) -> bool:
    """A word that can name who acts: a pronoun, a name, or a kind of actor ("the rebels"), not
    a thing or a place ("many of those areas remain unsafe")."""
    if token.pos_ == "PRON":
        return token.lower_ not in ("that", "this", "which", "what")
    if token.ent_type_ in _ACTOR_ENTS or token.pos_ == "PROPN" or agent_word(token) is not None:
        return True
    return any(c.dep_ in ("compound", "amod", "poss") and (c.pos_ == "PROPN" or c.ent_type_ in _ACTOR_ENTS)
               for c in token.children)  # "the apex Igbo group", "Hamas's armed wing"


def _holds(c: Constraint, token: Token, entry: LexEntry, context: EventContext | None = None) -> bool:
    name, values = c.name, c.values
    partitives = context.partitives if context else frozenset()
    if name == "obj":
        obj = _through(_object(token) or _particle_object(token, entry), partitives)
        if not values:
            return obj is not None
        return obj is not None and _lem(obj) in values
    if name == "subj":
        subj = _through(_subject(token), partitives)
        return subj is not None and _lem(subj) in values
    if name == "subjent":
        subj = _subject(token)
        return subj is not None and subj.ent_type_.lower() in values and _conjuncts_are(subj, values)
    if name == "objent":
        obj = _object(token)
        return obj is not None and obj.ent_type_.lower() in values
    if name == "prep":
        return any(ch.dep_ in ("prep", "prt", "agent") and ch.lower_ in values for ch in token.children)
    if name == "mod":
        return any(ch.dep_ in ("compound", "amod", "nmod", "npadvmod", "advmod") and (_lem(ch) in values or ch.lower_ in values)
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
                if subj is not None and _lem(subj) not in nonagents and subj.lower_ not in _EXPLETIVE \
                        and _agentish(_of_whole(subj, partitives)):
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


def _conjuncts_are(token: Token, kinds: frozenset[str]) -> bool:
    """Every conjoined subject is of these entity kinds too ("Smith and the army clashed" is no quarrel)."""
    return all(c.ent_type_.lower() in kinds for c in token.children if c.dep_ == "conj")


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


def _particle_object(token: Token, entry: LexEntry) -> Token | None:
    """"handed over medicine": the parser reads the particle as a preposition; its object is the verb's."""
    if entry.pos != "VERB" or not entry.others:
        return None
    for ch in token.children:
        if ch.dep_ in ("prep", "prt") and ch.lower_ in entry.others:
            return next((g for g in ch.children if g.dep_ == "pobj"), None)
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
