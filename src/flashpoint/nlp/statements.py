"""Events a statement makes of itself: an announced intention (AGREE, THREATEN), a refusal (REJECT), a
demand (REQUEST), around the hypothetical act the statement names.

"Iran said it will cut off electricity" is an asserted THREATEN; "would not negotiate" an asserted
REJECT; "Russia said Sudan must return the helicopter" an asserted REQUEST from Russia to Sudan.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span as SpacySpan, Token

from flashpoint.quadclass import side_of
from flashpoint.nlp.event_args import ArgumentFinder
from flashpoint.nlp.event_hit import Hit
from flashpoint.nlp.event_lexicon import LexEntry
from flashpoint.nlp.event_match import _lem
from flashpoint.nlp.modality import ASSERTED, HYPOTHETICAL, NEGATED, ModalityCues, modality_of

_FUTURE = frozenset({"will", "would", "wo", "shall", "'ll"})
_WILLING = frozenset({"willing", "prepared", "ready"})
_REPORTING = frozenset({"say", "announce", "tell", "confirm", "state", "declare", "insist", "add", "reiterate",
                        "conclude", "warn", "claim", "stress"})
# speakers who predict what others will do rather than announce it
_PREDICTORS = frozenset({"analyst", "expert", "observer", "commentator", "economist", "critic", "poll", "survey",
                         "forecast", "scholar", "researcher", "academic", "pundit", "some", "many", "other"})
# modals by which a speaker says another must act ("said Sudan must return the helicopter")
_OBLIGING = frozenset({"must", "should"})


def refusals(hits: list[Hit]) -> list[Hit]:
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
        out.append(refusal)
    return out


def statements(hits: list[Hit], args: ArgumentFinder) -> list[Hit]:
    """An actor's own announced intention is itself an asserted event.

    "Iran said it will cut off electricity" -> THREATEN; "Syria says it is willing to withdraw"
    -> AGREE; "Russia said Sudan must return the helicopter" -> REQUEST. The announced act stays
    hypothetical. Predictions about others ("analysts say the army will attack") are not coded.
    """
    out = []
    for hit in hits:
        if hit.status != HYPOTHETICAL:
            continue
        kind = intent_kind(hit.token, side_of(hit.entry.type) == "cooperation")
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
            speaker = speaker_of(hit.token)
            if speaker is not None:
                stated.source = args.actor(speaker)
        out.append(stated)
    return out


def demands(sent: SpacySpan, args: ArgumentFinder, hits: list[Hit], cues: ModalityCues) -> list[Hit]:
    """"Russia said Sudan must return the helicopter": a speaker saying that another actor must
    act makes a demand (REQUEST, from the speaker to that actor), whatever the act named."""
    taken = {h.token.i for h in hits}
    out = []
    for token in sent:
        if token.dep_ != "ccomp" or token.pos_ not in ("VERB", "AUX") or token.i in taken:
            continue
        reporter = token.head
        if _lem(reporter) not in _REPORTING or modality_of(reporter, cues) != ASSERTED:
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
        out.append(Hit(token, entry, [token], source=source, target=target, confidence=0.66))
    return out


def intent_kind(token: Token, cooperative: bool = False) -> str | None:
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
    announced = cooperative and subj.dep_ == "nsubj" and subj.pos_ != "PRON" and _lem(speaker) not in _PREDICTORS
    if aux & _FUTURE and (same or announced):  # "students would be forgiven": no doer announced
        return "INTENT"
    if aux & {"must", "should"} and not same and subj.pos_ != "PRON":
        return "REQUEST"
    return None


def speaker_of(token: Token) -> Token | None:
    """The subject of the reporting verb whose clause holds ``token`` ("Iran said it will ...": Iran)."""
    clause = token
    while clause.dep_ in ("conj", "xcomp") and clause.head != clause:
        clause = clause.head
    if clause.dep_ == "ccomp":
        return next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    return None


def _conditional(token: Token, marks: tuple[str, ...]) -> bool:
    """The trigger's clause, or its head's, has a subordinate clause opened by one of ``marks``."""
    for t in (token, token.head):
        for c in t.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children):
                return True
    return False


def _hostile(event_type: str) -> bool:
    """A conflict type that, announced, is a threat (a demand announced is a demand, not a threat);
    the sides are data/lexicon/plover_quadclass.tsv's."""
    return side_of(event_type) == "conflict" and event_type != "REQUEST"
