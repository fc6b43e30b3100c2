"""Folding the triggers of one sentence that name one event ("stormed ..., killing 11"), and
dropping bare event nouns that only refer back to an event told elsewhere."""

from __future__ import annotations

from flashpoint.nlp.background import another_occasion
from flashpoint.nlp.event_hit import Hit
from flashpoint.nlp.event_match import _lem

# dependency links over which two same-type triggers are one event ("stormed ..., killing 11")
_MERGE_DEPS = frozenset({"advcl", "dobj", "pobj", "nsubj", "nsubjpass", "xcomp", "relcl", "compound", "acl"})


def linked(a: Hit, b: Hit, casualty: frozenset[str] = frozenset()) -> bool:
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


def merge(hits: list[Hit], casualty: frozenset[str] = frozenset()) -> list[Hit]:
    """Fold same-type triggers that govern one another into one event, keeping the stronger word."""
    kept: list[Hit] = []
    for hit in hits:
        partner = next((k for k in kept if k.entry.type == hit.entry.type and linked(k, hit, casualty)), None)
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


def substantive(hit: Hit, perform: frozenset[str] = frozenset()) -> bool:
    """A verb always names an event; a bare noun only with an actor, a toll or a light verb.

    "condemned the attack" or "fled the fighting" refer back to an event already coded;
    "hundreds staged a protest" performs one, whoever its doer (a verb that carries out its object:
    not "issued a warning", "provided aid", "expressed concerns", which need an actor).
    """
    if hit.entry.pos in ("VERB", "ADJ") or hit.merged:
        return True  # a predicate adjective is a clause's verb ("was unwilling to commit")
    token = hit.token
    if token.dep_ == "dobj" and token.head.pos_ == "VERB" and _lem(token.head) in perform:
        return True  # "hundreds staged a protest", "completed a prisoner swap" (modality.tsv's perform verbs)
    if hit.entry.type == "ASSAULT" and token.dep_ in ("nsubj", "nsubjpass") and any(
            c.dep_ == "prep" and c.lower_ in ("on", "against") for c in token.children):
        return True  # "the deadly attack on the convoy drew condemnation": the attack is told here
    return hit.source is not None or hit.target is not None or hit.fatalities is not None


def _rank(hit: Hit) -> tuple[int, float]:
    return (1 if hit.entry.pos == "VERB" else 0, hit.confidence)


def _prefer(a: Hit, b: Hit, casualty: frozenset[str]) -> tuple[Hit, Hit]:
    """(kept, folded): a casualty verb folds into the attack it reports; else the stronger word stays."""
    a_cas, b_cas = _lem(a.token) in casualty, _lem(b.token) in casualty
    if a_cas != b_cas:
        return (b, a) if a_cas else (a, b)
    return (a, b) if _rank(a) >= _rank(b) else (b, a)
