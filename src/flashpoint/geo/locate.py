"""Event location: the place an event's own words attach to."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Token

from flashpoint.geo.patterns import AREA_CUES, EVENT_PREPS, NOT_LOCATION_PREPS, SETTLEMENT_CUES
from flashpoint.models import Place, Span
from flashpoint.nlp.docview import sentence_start_chars

# Dependency edges the search climbs from the trigger to the verb that carries the location
# ("launched airstrikes in X": from "airstrikes" to "launched").
CLIMB_DEPS = {"dobj", "pobj", "xcomp", "conj", "compound", "amod", "attr", "acl", "advcl", "ccomp",
              "prep", "nmod", "appos", "npadvmod", "oprd", "pcomp"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
DIRECT_DEPS = {"dobj", "pobj", "npadvmod", "attr"}
SPECIFIC = {"feature": 0, "city": 0, "region": 1, "admin1": 2, "country": 3}
MAX_CLIMB = 2
# How many sentences back a sentence without a place may look for the place being talked about.
FOCUS_SENTENCES = 3
LOCAL_FEATURES = {"city", "feature", "region", "admin1"}


def locate_event(doc: Doc, sentence: Span, trigger: Span, places: list[Place]) -> Place | None:
    """Where the event happened: the place its trigger governs through in/near/at/..., else the
    sentence's single place; in a sentence that names no place, the town or area the previous
    sentences were about ("...reached Kibumba. Two soldiers were killed"); else None.
    Places named as an origin or comparison never count."""
    inside = [p for p in places if sentence.start <= p.start and p.end <= sentence.end]
    if not inside:
        return _place_in_focus(doc, sentence, places)
    trig = doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
    if trig is not None and len(trig):
        anchors = _anchors(trig.root)
        attached = []
        for order, place in enumerate(inside):
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            dist = _attachment(span.root, set(range(span.start, span.end)), anchors)
            if dist is not None:
                attached.append((dist, SPECIFIC.get(place.feature or "", 1), order, place))
        if attached:
            return min(attached, key=lambda a: a[:3])[3]
    candidates = [p for p in inside if not _is_origin(doc, p)]
    distinct = {(p.name, p.country): p for p in candidates}
    leaves = [p for p in distinct.values() if not _contains_another(p, list(distinct.values()))]
    return leaves[0] if len(leaves) == 1 else None


def _anchors(trigger: Token) -> dict[int, int]:
    """Token index -> climb level: the trigger, then the heads that carry its modifiers."""
    anchors = {trigger.i: 0}
    tok = trigger
    for level in range(1, MAX_CLIMB + 1):
        if tok.dep_ not in CLIMB_DEPS or tok.head == tok:
            break
        tok = tok.head
        anchors.setdefault(tok.i, level)
    return anchors


def _attachment(root: Token, own: set[int], anchors: dict[int, int]) -> int | None:
    """Path length from a place up to an anchor when the path says "where" (None otherwise)."""
    path: list[Token] = []
    tok = root
    while tok.i not in anchors:
        if tok.head == tok:
            return None
        path.append(tok)
        tok = tok.head
    if not path:
        return None  # the place is the trigger itself
    preps = [t for t in path if (t.dep_ == "prep" or (t.pos_ == "ADP" and t.i not in own))
             and not _names_a_place(t)]
    if len(path) == 1 and path[0].dep_ == "nsubjpass":
        return 1  # "Kupiansk was shelled": the place is what the event happened to
    if any(t.dep_ in SUBJECT_DEPS or t.dep_ == "relcl" for t in path):
        return None
    if preps:
        nearest = preps[0].lower_
        if nearest in NOT_LOCATION_PREPS or nearest not in EVENT_PREPS:
            return None
    elif path[-1].dep_ not in DIRECT_DEPS and not (root.i not in anchors and path[-1].dep_ in ("compound", "appos")):
        return None
    return len(path) + anchors[tok.i]


def _is_origin(doc: Doc, place: Place) -> bool:
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span.root
    for _ in range(4):
        if tok.head == tok:
            return False
        tok = tok.head
        if tok.dep_ == "prep" or tok.pos_ == "ADP":
            return tok.lower_ in NOT_LOCATION_PREPS
    return False


def _contains_another(place: Place, others: list[Place]) -> bool:
    """A country or area that another place of the list lies in ("Mosul, Iraq": Iraq)."""
    for o in others:
        if o is place or o.country != place.country:
            continue
        if place.feature == "country" and o.feature != "country":
            return True
        if place.feature == "admin1" and o.admin1 == place.name and o.feature != "admin1":
            return True
    return False


def _names_a_place(prep: Token) -> bool:
    """The "of" of "the town of X" or "the province of X": part of the name, not a relation."""
    return prep.lower_ == "of" and prep.head.lower_ in SETTLEMENT_CUES | AREA_CUES


def _place_in_focus(doc: Doc, sentence: Span, places: list[Place]) -> Place | None:
    """The last local place (not a country) named in the few sentences before this one."""
    all_starts = sentence_start_chars(doc)
    before_this = bisect_left(all_starts, sentence.start)
    if before_this == 0:
        return None
    window_start = all_starts[max(0, before_this - FOCUS_SENTENCES)]
    before = [p for p in places if window_start <= p.start and p.end <= sentence.start
              and p.feature in LOCAL_FEATURES and not _is_origin(doc, p)]
    return before[-1] if before else None
