"""Which of a sentence's dates belongs to an event: the trigger's own clause first, never a
period, a side clause of an argument, or an old date outside the event's clause."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from flashpoint.models import DateMention, Span
from flashpoint.nlp.background import another_occasion, is_background, is_period
from flashpoint.nlp.docview import text_of
from flashpoint.nlp.wordlists import words


def _root_token(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _governing_verb(tok: Token) -> Token:
    """The nearest verb above a token (the token itself when it is a verb)."""
    steps = 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head != tok and steps < 8:
        tok, steps = tok.head, steps + 1
    return tok


def _is_ancestor(anc: Token, tok: Token) -> bool:
    return anc == tok or any(a == anc for a in tok.ancestors)


def _in_side_clause(tok: Token, trig: Token) -> bool:
    """A date inside a relative or participial clause of one of the event's arguments ("the
    insurgency, which began in 2009, has killed ...") dates that argument, not the event."""
    node, steps = tok, 0
    while node != trig and node.head != node and steps < 12:
        if node.dep_ in _SIDE_CLAUSES and node.head != trig:
            return True
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _COMPARISON for c in node.children):
            return True  # "..., as happened in 2022": another event, for comparison
        if node.dep_ in ("conj", "advcl") and node.pos_ == "VERB" and another_occasion(node, node.head):
            return True  # "has been fighting them, and clashes in 2022 killed 27": the clashes' date
        node, steps = node.head, steps + 1
    return False


_SIDE_CLAUSES = frozenset({"relcl", "acl", "appos"})
_COMPARISON = frozenset({"as", "like", "unlike", "than"})


def date_for_event(doc: Doc, sentence: Span, trigger: Span, dates: list[DateMention],
                   published: str | None = None) -> DateMention | None:
    """The date that belongs to the event whose trigger is given; None when the sentence has none.

    A date in the trigger's subtree (or on the trigger's own verb) wins; then the nearest date of
    the sentence that is not the reporting verb's. Where the only dates belong to the reporting
    verb ("X happened, officials said on Thursday") the event gets their month. A period ("since
    2009") is never the event's date, nor a date in a side clause of an argument; a date over a
    year before publication counts only in the event's own clause.
    """
    text = text_of(doc)
    # A date that begins in the sentence is its own even where the parser cut the sentence
    # inside it ("on 1st | Oct 2017.").
    inside = [d for d in dates if sentence.start <= d.start < sentence.end
              and not (is_period(text[max(0, d.start - 16):d.start]) and is_background(d.value, published))]
    if not inside:
        return None
    trig = _root_token(doc, trigger.start, trigger.end)
    if trig is None:
        return min(inside, key=lambda d: abs(d.start - trigger.start))
    trig_verb = _governing_verb(trig)
    attached, governing, reporting, other = [], [], [], []
    for d in inside:
        tok = _root_token(doc, d.start, d.end)
        if tok is None:
            other.append(d)
            continue
        if _is_ancestor(trig, tok) and _in_side_clause(tok, trig):
            continue
        verb = _governing_verb(tok)
        if verb == trig_verb or _is_ancestor(trig, tok) or _coordinated(trig_verb, verb):
            attached.append(d)  # its own clause, or one verb of it ("in a statement on Thursday, denied ... and accused")
        elif trig_verb.dep_ == "advcl" and trig_verb.head == verb:
            governing.append(d)  # the clause its "after ..."/"when ..." clause hangs on
        elif is_background(d.value, published):
            continue  # an old date elsewhere in the sentence: background, not this event's
        elif verb.lemma_.lower() in words("reporting"):
            reporting.append(d)
        else:
            other.append(d)
    near = lambda ds: min(ds, key=lambda d: abs(d.start - trigger.start))  # noqa: E731
    if attached:
        return near(attached)  # "arrested on Friday after he stabbed a guard on Tuesday": Tuesday
    if governing or other:
        d = near(governing or other)
        return _month_of(d) if _before_or_after(trig_verb) else d  # "arrested on Friday after he stabbed"
    if not reporting:
        return None
    return _month_of(near(reporting))


def _coordinated(verb: Token, other: Token) -> bool:
    """The verb is a conjunct of the other that shares its subject: one act, one date."""
    return (verb.dep_ == "conj" and verb.head == other
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children))


def _month_of(d: DateMention) -> DateMention:
    """The month of a day: the event happened near that day, not on it."""
    if len(d.value) == 10:
        return DateMention(start=d.start, end=d.end, text=d.text, value=d.value[:7])
    return d


def _before_or_after(verb: Token) -> bool:
    """The clause is set before or after another ("after he stabbed", "before fleeing"): the other
    clause's day is not its own."""
    marks = words("sequence")
    if verb.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in marks for c in verb.children)
    return verb.dep_ == "pcomp" and verb.head.lower_ in marks
