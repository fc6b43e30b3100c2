"""Event location: the place an event's own words attach to."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Token

from flashpoint.geo.cues import is_dateline
from flashpoint.geo.patterns import (
    ACTOR_HEADS,
    AREA_CUES,
    EVENT_PREPS,
    FROM_EVENTS,
    LOCAL_FORCES,
    NOT_LOCATION_PREPS,
    PART_NOUNS,
    SEAT_HEADS,
    SETTLEMENT_CUES,
    STATEMENT_VERBS,
    TITLE_WORDS,
    TO_EVENTS,
)
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
TOWN_NOUNS = {"city", "town", "village"}
LOCAL_FEATURES = {"city", "feature", "region", "admin1", "admin2"}
COMPASS_WORDS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                 "outside", "outskirts"}
# Prepositions of origin or comparison: a place under them is not what later sentences are about.
ORIGIN_PREPS = NOT_LOCATION_PREPS - {"of", "with", "by", "for", "about", "against"}


def locate_event(doc: Doc, sentence: Span, trigger: Span, places: list[Place]) -> Place | None:
    """Where the event happened, in this order: the place its own clause governs through
    in/near/at/... ("a U.S. convoy in Anbar": Anbar, not the demonym inside the actor), the most
    specific first; else the sentence's single place; else the town "the city" refers to, or the
    town or area the previous sentences were about ("...reached Kibumba. Two soldiers were
    killed"), which also wins over a sentence's bare country when it lies in that country, or the
    one town the article is about (not for a statement). Never a place named as an origin or comparison, an
    owner ("Russia's ambassador"), a capital or country speaking for its government ("Washington
    said"), a dateline (it places the article, not each event), or a landmark in a country no other
    place of the article lies in (a shipping route "around the Cape of Good Hope")."""
    local_countries = {p.country for p in places if p.feature not in ("feature", "region")}
    places = [p for p in places if not _in_dateline(doc, p)
              and not (p.feature == "feature" and local_countries and p.country not in local_countries)]
    inside = [p for p in places if sentence.start <= p.start and p.end <= sentence.end]
    trig = doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
    # a statement ("denied", "warned") is not placed by the article's town alone
    said = trig is not None and len(trig) > 0 and trig.root.lemma_.lower() in STATEMENT_VERBS
    if not inside:
        return _town_referred_to(doc, sentence, places) or _place_in_focus(doc, sentence, places) \
            or (None if said else _dominant_place(doc, places))
    if trig is not None and len(trig):
        anchors = _anchors(trig.root)
        attached = []
        for order, place in enumerate(inside):
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            found = _attachment(span.root, set(range(span.start, span.end)), anchors)
            if found is not None:
                dist, by_prep = found
                attached.append((not by_prep, dist, SPECIFIC.get(place.feature or "", 1), order, place))
        if attached:
            best = min(attached, key=lambda a: a[:4])[4]
            return _focus_if_broader(doc, sentence, places, best)
    actors = [p for p in inside if _is_actor(doc, p)]
    candidates = [p for p in inside if not _is_origin(doc, p) and p not in actors]
    distinct = {(p.name, p.country): p for p in candidates}
    leaves = [p for p in distinct.values() if not _contains_another(p, list(distinct.values()))]
    return _focus_if_broader(doc, sentence, places, leaves[0] if len(leaves) == 1 else None,
                             article_town=not actors and not said)


def _focus_if_broader(doc: Doc, sentence: Span, places: list[Place], found: Place | None,
                      article_town: bool = False) -> Place | None:
    """A bare country, or nothing, gives way to the town the previous sentences were about when
    that town lies in the country ("Fighting in Ukraine" after a sentence on Kupiansk)."""
    if found is not None and found.feature != "country":
        return found
    local = _place_in_focus(doc, sentence, places)
    if local is not None and (found is None or local.country == found.country):
        return local
    if found is None and article_town:  # not where a government speaks ("Rwanda denied")
        return _dominant_place(doc, places)
    return found


def _in_dateline(doc: Doc, place: Place) -> bool:
    if not place.text.isupper():
        return False  # a dateline is in capitals: most places are ruled out without the parse
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and is_dateline(doc, span.start, span.end)


def _is_actor(doc: Doc, place: Place) -> bool:
    """The place owns something ("Russia's ambassador") or speaks ("Washington said")."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    prep = root.head
    if root.dep_ == "pobj" and prep.lower_ == "in" and prep.head.lower_ in SEAT_HEADS and place.feature == "city":
        return True  # "the government in Kinshasa", "officials in Washington": a seat, not a scene
    owner = root.dep_ == "poss" or any(t.dep_ == "case" and t.head == root for t in doc[span.end:span.end + 1])
    if owner and (root.head.lower_ in ACTOR_HEADS or root.head.ent_type_ == "PERSON"):
        return True  # "Russia's ambassador", not "Greece's biggest trial"
    top = root
    while top.dep_ in ("compound", "amod", "nmod") and top.head != top:
        top = top.head  # "the United Kingdom Maritime Trade Operations agency": up to "agency"
    if top is not root and (top.dep_ in SUBJECT_DEPS or top.lower_ in ACTOR_HEADS):
        return True  # "U.S. officials warned", "U.S. Central Command said"
    if root.dep_ in ("nsubj", "csubj") and place.feature == "country":
        return True  # "the United States has carried out strikes": the actor
    return root.dep_ in ("nsubj", "csubj") and root.head.lemma_.lower() in STATEMENT_VERBS


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


def _attachment(root: Token, own: set[int], anchors: dict[int, int]) -> tuple[int, bool] | None:
    """(path length from a place up to an anchor, whether a preposition of place joins them) when
    the path says "where" (None otherwise)."""
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
        return 1, True  # "Kupiansk was shelled": the place is what the event happened to
    if any(t.dep_ in SUBJECT_DEPS or t.dep_ == "relcl" for t in path):
        return None
    if path[0].dep_ == "poss" and path[0].head.lower_ in ACTOR_HEADS:
        return None  # "shot Russia's ambassador": the owner of the target, not where
    if path[0].dep_ == "compound" and (path[0].head.lower_ in TITLE_WORDS or path[0].head.ent_type_ == "PERSON"):
        return None  # "meeting Aleppo Mayor X in Paris": the title's town, not where
    if preps:
        nearest = preps[0]
        siege_of = (nearest.lower_ == "of" and nearest.head.i == tok.i and anchors[tok.i] == 0
                    and tok.pos_ == "NOUN")  # "the siege of El Fasher", "the shelling of Kharkiv"
        lemmas = {t.lemma_.lower() for t in _anchor_tokens(tok, anchors)}
        moved = (nearest.lower_ == "from" and lemmas & FROM_EVENTS) or (
            nearest.lower_ in ("to", "into") and lemmas & TO_EVENTS)  # "withdrew from X", "sent troops to X"
        if not siege_of and not moved and (nearest.lower_ in NOT_LOCATION_PREPS or nearest.lower_ not in EVENT_PREPS):
            return None
        return len(path) + anchors[tok.i], True
    if path[-1].dep_ not in DIRECT_DEPS and not (root.i not in anchors and path[-1].dep_ in ("compound", "appos")):
        return None
    return len(path) + anchors[tok.i], path[-1].dep_ in DIRECT_DEPS


def _anchor_tokens(tok: Token, anchors: dict[int, int]) -> list[Token]:
    """The tokens of the anchors (the trigger and the heads it climbed to)."""
    return [tok.doc[i] for i in anchors]


def _is_origin(doc: Doc, place: Place, preps: set[str] = NOT_LOCATION_PREPS) -> bool:
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span.root
    if _names_local_force(tok, place):
        return False  # "raids by Montreal police": the preposition governs the force, not the town
    for _ in range(4):
        if tok.head == tok:
            return False
        tok = tok.head
        if tok.dep_ == "prep" or tok.pos_ == "ADP":
            if tok.lower_ == "of" and tok.head.lower_ in COMPASS_WORDS:
                return False  # "west of Hodeidah", "20 km north of Goma": where
            if _names_a_place(tok):
                tok = tok.head  # "the province of Aydin", "a sector of Beirut": the place's own "of"
                continue
            return tok.lower_ in preps
    return False


def _names_local_force(root: Token, place: Place) -> bool:
    """The town or area names its own police or fire service ("Montreal police officers")."""
    if place.feature not in ("city", "admin1", "admin2"):
        return False
    head = root.head
    for _ in range(2):
        if head.lower_ in LOCAL_FORCES:
            return True
        if root.dep_ != "compound" or head.dep_ != "compound":
            return False
        head = head.head
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
    """The "of" of "the town of X", "the province of X" or "a sector of X": the place's own, not a
    relation."""
    return prep.lower_ == "of" and prep.head.lower_ in SETTLEMENT_CUES | AREA_CUES | PART_NOUNS


def _town_referred_to(doc: Doc, sentence: Span, places: list[Place]) -> Place | None:
    """The town a sentence calls "the city", "the town" or "the village" ("killed 85 people in the
    city", "stormed the city's hospital"): the last town named before it, however far back."""
    span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if span is None:
        return None
    if not any(t.lower_ in TOWN_NOUNS and any(c.lower_ == "the" for c in t.children) for t in span):
        return None
    before = [p for p in places if p.end <= sentence.start and p.feature == "city"
              and not _is_origin(doc, p, ORIGIN_PREPS) and not _is_actor(doc, p)]
    return before[-1] if before else None


def _dominant_place(doc: Doc, places: list[Place]) -> Place | None:
    """The town the whole article is about, for a sentence that names no place and follows none:
    a local place named at least twice, and more often than every other local place together
    (the areas it lies in do not compete with it). An article about two towns has none."""
    counts: dict[tuple[str | None, str | None], list[Place]] = {}
    for p in places:
        if p.feature in ("city", "admin2", "admin1") and not _is_origin(doc, p, ORIGIN_PREPS) \
                and not (p.feature == "city" and _is_actor(doc, p)):
            counts.setdefault((p.name, p.country), []).append(p)
    if not counts:
        return None
    top_key = max(counts, key=lambda k: len(counts[k]))
    top = counts[top_key][0]
    others = sum(len(v) for k, v in counts.items() if k != top_key
                 and not (v[0].feature == "admin1" and v[0].country == top.country and v[0].name == top.admin1))
    if len(counts[top_key]) >= 2 and len(counts[top_key]) > others:
        return top
    return None


def _place_in_focus(doc: Doc, sentence: Span, places: list[Place]) -> Place | None:
    """The last local place (not a country) named in the few sentences before this one."""
    all_starts = sentence_start_chars(doc)
    before_this = bisect_left(all_starts, sentence.start)
    if before_this == 0:
        return None
    window_start = all_starts[max(0, before_this - FOCUS_SENTENCES)]
    before = [p for p in places if window_start <= p.start and p.end <= sentence.start
              and p.feature in LOCAL_FEATURES and not _is_origin(doc, p, ORIGIN_PREPS)
              and not (p.feature == "city" and _is_actor(doc, p))]  # "Kinshasa accuses Kigali": governments
    return before[-1] if before else None
