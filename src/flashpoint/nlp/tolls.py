"""How many an attack killed: the number a killing verb at or around the trigger counts.

"killing four soldiers and a woman" is 5; "no one was killed" is 0; "the commander and several
bodyguards" is none (a part is uncounted); a running total ("has killed 40,000 since 2009") and a
killing on another occasion ("..., while shelling killed seven") are not the trigger's toll.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from flashpoint.nlp.agent_words import agent_word
from flashpoint.nlp.background import another_occasion, is_running_total

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a dozen": 12, "dozen": 12,
}
_NUMBER = re.compile(r"^\d{1,3}(,\d{3})*$|^\d+$")


def count_dead(trigger: Token, kill_words: frozenset[str]) -> int | None:
    """The number killed, when a killing verb at or right around the trigger counts the dead."""
    candidates = [trigger]
    candidates.extend(c for c in trigger.children if c.dep_ in ("advcl", "conj", "relcl")
                      and not another_occasion(c, trigger))  # "..., while shelling killed seven": the shelling's
    if trigger.dep_ in ("pobj", "nsubj", "dobj"):
        verb = trigger.head.head if trigger.dep_ == "pobj" else trigger.head
        candidates.append(verb)
    for verb in candidates:
        if verb.pos_ != "VERB" or not (verb.lemma_.lower() in kill_words or _fatally(verb)):
            continue
        victims = next((c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")), None)
        if victims is None:
            continue
        if any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in victims.children):
            return 0  # "no one was killed", "no civilians were hurt"
        n = _victims(victims)
        if n is not None:
            return None if is_running_total(verb) else n  # "has killed 40,000 since 2009" is a war's toll
    return None


def _fatally(verb: Token) -> bool:
    """'fatally shot', 'mortally wounded': a killing told by its manner."""
    return any(c.dep_ == "advmod" and c.lower_ in ("fatally", "mortally") for c in verb.children)


_NOT_PEOPLE_ENTS = frozenset({"ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "DATE", "TIME"})


def _victims(noun: Token) -> int | None:
    """How many the victims' phrase counts: its number, one for a single person ("a policeman",
    "the ambassador", "he"), and the parts of a list added up ("four soldiers and a woman")."""
    total = 0
    for part in (noun, *(c for c in noun.subtree if c.dep_ == "conj" and c.head.i in _chain(noun))):
        n = _number(part)
        if n is None and _one_person(part):
            n = 1
        if n is None:
            return None
        total += n
    return total


def _chain(noun: Token) -> set[int]:
    """The tokens of a coordination: the noun and its conjuncts, and theirs."""
    out, todo = {noun.i}, [noun]
    while todo:
        for c in todo.pop().children:
            if c.dep_ == "conj" and c.i not in out:
                out.add(c.i)
                todo.append(c)
    return out


def _one_person(noun: Token) -> bool:
    if noun.pos_ == "PRON":
        return noun.lower_ in ("he", "she", "him", "her")
    if noun.tag_ not in ("NN", "NNP") or noun.ent_type_ in _NOT_PEOPLE_ENTS:
        return False
    return noun.ent_type_ == "PERSON" or any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in noun.children) \
        or (agent_word(noun) is not None and any(c.dep_ == "poss" for c in noun.children))  # "Russia's ambassador"


def _number(noun: Token) -> int | None:
    if noun.like_num:
        return _parse_number(noun)
    for ch in noun.children:
        if ch.dep_ == "nummod":
            return _parse_number(ch)
    return None


def _parse_number(token: Token) -> int | None:
    text = token.lower_
    if _NUMBER.match(text):
        return int(text.replace(",", ""))
    return _WORD_NUMBERS.get(text)
