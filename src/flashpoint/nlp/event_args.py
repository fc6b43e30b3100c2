"""Arguments of an event trigger: source and target actors and ASSAULT mode (the toll: nlp.tolls)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from flashpoint.models import ActorMention, ActorRef, Place
from flashpoint.nlp.actor_context import quoted_tokens
from flashpoint.nlp.actor_names import TITLE_PREFIXES, TITLES
from flashpoint.nlp.agent_words import AgentWord, agent_word
from flashpoint.nlp.arg_syntax import (ACTORISH_ENTS, actorish, agent_of, between_sides, claimer_verb,
                                       conjunct, end_char, is_named, is_thing, is_time,
                                       light_governor, phrase_bounds, pobj, pobj_of, resolve_relative)
from flashpoint.nlp.arg_countries import CountryClues
from flashpoint.nlp.docview import text_of
from flashpoint.nlp.wordlists import words

if TYPE_CHECKING:
    from flashpoint.nlp.events import EventContext

__all__ = ["ArgumentFinder", "agent_of"]

_RECIPROCAL = frozenset({"AGREE", "CONSULT", "COOPERATE", "ASSAULT"})
# Types whose target may be a thing rather than an actor ("attacked a checkpoint").
_THING_TARGETS = frozenset({"ASSAULT", "COERCE"})
# Prepositions that name who an event is directed at ("offered aid to X", "talks with X").
_RECIPIENT_PREPS = frozenset({"to", "with", "against", "on", "from", "toward", "towards", "over", "upon"})
# Prepositions inside a thing's phrase that name whose it is ("calls by X", "an appeal from X").
_NONPERSON_PRONOUNS = frozenset({"it", "they", "its", "their"})
# Possessive pronouns that make an object the subject's own ("offered its troops to X").
_OWN_PRONOUNS = frozenset({"its", "their", "his", "her", "our"})
# Events that happen in one place and, by PLOVER's convention, are directed at that place's
# country when the text names no one else: a protest, a strike, a riot.
_ONE_PLACE = frozenset({"PROTEST"})
# Prepositions of a noun event's complement that name whom it is for or against:
# "relief for the displaced", "a ban on Iranian imports", "visas for Russian officials".
_COMPLEMENT_PREPS = frozenset({"for", "on", "against", "to", "toward", "towards"})
_OWNER_PREPS = frozenset({"by", "from", "of", "to", "with", "against", "on"})


class ArgumentFinder(CountryClues):
    """Finds who did what to whom around a trigger; built once per document."""

    def __init__(self, doc: Doc, mentions: list[ActorMention], context: "EventContext",
                 places: Sequence[Place] = (), country_words: Mapping[str, tuple[str, str]] | None = None):
        self.places = sorted(places, key=lambda p: p.start)
        self.country_words = country_words or {}
        self.country_names = {code: name for code, name in self.country_words.values()}
        self.doc = doc
        self.text = text_of(doc)
        self.context = context
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]
        self._quoted = quoted_tokens(doc)
        self._home_code: str | None = None  # computed on first use ("" for none)

    # -- roles ------------------------------------------------------------------------------
    def roles(self, token: Token, type_: str, of_role: frozenset[str] | None = None,
              poss_role: frozenset[str] | None = None,
              words: tuple[Token, ...] = ()) -> tuple[ActorRef | None, ActorRef | None]:
        """Source and target of the event that ``token`` (with its other trigger ``words``) names."""
        if token.pos_ in ("NOUN", "PROPN"):
            src, tgt = self._noun_roles(token, type_, of_role, poss_role)
        else:
            src, tgt = self._verb_roles(token, type_, words)
            between = between_sides(token) if src is None and tgt is None else None
            if between:
                src, tgt = between  # "fighting between the army and M23 reached the town" (a gerund)
        if src is not None and tgt is None and type_ in _RECIPROCAL:
            tgt = conjunct(src)
        if src is not None and tgt is not None and src.i == tgt.i:
            tgt = None
        source, target = self.actor(src), self.actor(tgt)
        if target is not None and tgt is not None and tgt.dep_ in ("amod", "compound", "nmod", "poss") \
                and tgt.head.pos_ == "NOUN" and not self._is_actor(tgt.head):
            left, right = phrase_bounds(tgt.head, with_of=False)  # the evidence: "an army base", "an Indian proposal"
            target.text = self.text[self.doc[left].idx:end_char(self.doc[right])]
        if type_ in _ONE_PLACE and source is not None and source.generic and source.sector:
            source = self._local(token, source)
        if target is None and type_ in _ONE_PLACE and token.dep_ not in ("compound", "amod") \
                and (token.pos_ == "VERB" or source is not None):
            target = self._home_country(token, source)
        return source, target

    def _local(self, token: Token, source: ActorRef) -> ActorRef:
        """Protesters with no country of their own are the people of the one country whose places
        the sentence names ("thousands of people marched in Lagos": Nigeria's), as PLOVER codes them."""
        sent = token.sent
        codes = {p.country for p in self.places if sent.start_char <= p.start < sent.end_char and p.country}
        if len(codes) != 1:
            return source
        code = codes.pop()
        return ActorRef(f"{code}_{source.sector}", f"{self.country_names.get(code, code)} {source.name}",
                        source.text, code, source.sector)

    def _home_country(self, token: Token, source: ActorRef | None) -> ActorRef | None:
        """The country a one-place event happens in: the protesters' own ("Iraqi protesters"), else
        the country of the one place the sentence names (several countries: none)."""
        code = source.country if source is not None else None
        text = source.text if source is not None else None
        if code is None:
            sent = token.sent
            codes = {p.country for p in self.places if sent.start_char <= p.start < sent.end_char and p.country}
            if len(codes) != 1:
                return None
            code = codes.pop()
            text = next(p.text for p in self.places if sent.start_char <= p.start < sent.end_char and p.country == code)
        return ActorRef(code, self.country_names.get(code, code), text or code, code, None)

    def _verb_roles(self, verb: Token, type_: str, words: tuple[Token, ...]) -> tuple[Token | None, Token | None]:
        source = agent_of(verb)
        if source is not None and source.lemma_.lower() in self.context.weapons and not self._is_actor(source):
            source = None  # "hit by a roadside bomb": the weapon is no actor
        target = None
        for ch in verb.children:
            if ch in words:
                continue
            if ch.dep_ == "nsubjpass":
                target = ch
            elif ch.dep_ in ("dobj", "dative") and target is None:
                target = ch
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and target is None:
            target = verb.head  # "a missile fired by the Houthis", "civilians killed by ..."
        if target is None or is_thing(target, self.context):
            target = self._prep_object(verb, type_, self.context.target_preps) or target
        if target is not None and target.pos_ == "NUM" and type_ != "ASSAULT":
            target = None
        if target is None or not self._is_actor(target):
            target = self._actor_behind(verb, target) or (target if type_ in _THING_TARGETS else None)
        elif type_ not in _THING_TARGETS and _own_possession(target):
            target = self._recipient(verb, target)  # "offered its troops to Lebanon": Lebanon
        return source, target

    def _recipient(self, verb: Token, thing: Token) -> Token | None:
        """Whom the subject's own people or things go to or come from ("recalled its ambassador to
        Moscow", "withdrew its troops from Lebanon"); none when the sentence does not say."""
        for head in (verb, thing):
            for ch in head.children:
                if ch.dep_ in ("prep", "dative") and ch.lower_ in _RECIPIENT_PREPS:
                    obj = pobj_of(ch)
                    if obj is not None and self._is_actor(obj) and not is_time(obj):
                        return obj
        return None

    def _is_actor(self, token: Token) -> bool:
        """Whether a token names an actor: a linked mention covers it, or it is a named entity."""
        if token.ent_type_ in ACTORISH_ENTS or token.pos_ == "PROPN":
            return True
        i = bisect_right(self._starts, token.idx) - 1
        if i >= 0 and self.mentions[i].start <= token.idx < self.mentions[i].end:
            return True
        return agent_word(token) is not None

    def _actor_behind(self, verb: Token, thing: Token | None, depth: int = 0) -> Token | None:
        """The actor an event is directed at when its object is a thing: "offered troops to
        Lebanon", "rejected an Indian proposal", "calls by Belarus", "demanded that the US
        cancel", "refused to meet Jordan's king"."""
        for ch in verb.children:
            if ch.dep_ in ("prep", "dative") and ch.lower_ in _RECIPIENT_PREPS:
                obj = pobj_of(ch)
                if obj is not None and self._is_actor(obj) and not is_time(obj):
                    return obj
        if thing is not None:
            for ch in thing.children:
                if ch.dep_ in ("amod", "compound", "poss", "nmod") and self._is_actor(ch) and not is_time(ch):
                    return ch
                if ch.dep_ in ("prep", "agent") and ch.lower_ in _OWNER_PREPS:
                    obj = pobj_of(ch)
                    if obj is not None and self._is_actor(obj) and not is_time(obj):
                        return obj
        for ch in verb.children:
            if ch.dep_ == "ccomp":
                subject = next((g for g in ch.children if g.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is not None and self._is_actor(subject):
                    return subject
            if ch.dep_ == "xcomp" and depth == 0:
                obj = next((g for g in ch.children if g.dep_ in ("dobj", "dative")), None)
                if obj is not None and self._is_actor(obj):
                    return obj
                found = self._actor_behind(ch, obj, depth + 1)
                if found is not None:
                    return found
        return None

    def _noun_roles(self, noun: Token, type_: str, of_role, poss_role) -> tuple[Token | None, Token | None]:
        source = target = None
        for ch in noun.children:
            if ch.dep_ == "poss":
                if poss_role and "tgt" in poss_role:
                    target = ch
                elif ch.ent_type_ != "DATE" and not is_time(ch):
                    source = ch
            elif ch.dep_ in ("compound", "amod", "nmod") and source is None and actorish(ch):
                source = ch
        between = between_sides(noun)
        if between:
            source, target = between
        of_obj = pobj(noun, "of")
        if of_obj is not None and not is_time(of_obj):
            if of_role and "src" in of_role:
                source = source or of_obj
            else:
                target = target or of_obj
        source = source or self._prep_object(noun, type_, self.context.source_preps)
        target = target or self._prep_object(noun, type_, self.context.target_preps) or self._complement(noun)
        claimer = claimer_verb(noun)
        if claimer is not None:
            source = source or agent_of(claimer)
        governor = light_governor(noun, self.context.light)
        if governor is not None:
            source = source or agent_of(governor)
            target = target or self._prep_object(governor, type_, self.context.target_preps)
        return source, target

    def _complement(self, noun: Token) -> Token | None:
        """Whom a noun event is for or against: "relief for the displaced", "sanctions on Iranian
        imports" (the country word of a thing), "visas for Russian officials"."""
        for ch in noun.children:
            if ch.dep_ != "prep" or ch.lower_ not in _COMPLEMENT_PREPS:
                continue
            obj = pobj_of(ch)
            if obj is None or is_time(obj):
                continue
            if self._is_actor(obj):
                return obj
            owner = self._owner(obj)
            if owner is not None:
                return owner
        return None

    def _owner(self, thing: Token) -> Token | None:
        """The actor word modifying a thing: "Iranian" in "Iranian imports", "Kenya's" in "Kenya's ports"."""
        for ch in thing.children:
            if ch.dep_ in ("amod", "compound", "poss", "nmod") and (self._is_actor(ch) or self._country_of(ch)):
                return ch
        return None

    def _prep_object(self, head: Token, type_: str, table: dict[str, frozenset[str]]) -> Token | None:
        for ch in head.children:
            if ch.dep_ not in ("prep", "agent", "dative"):
                continue
            types = table.get(ch.lower_)
            if types is None or type_ not in types:
                continue
            obj = next((g for g in ch.children if g.dep_ == "pobj"), None)
            if obj is not None and not is_time(obj) and not is_thing(obj, self.context):
                return obj
        return None

    # -- actors -----------------------------------------------------------------------------
    def actor(self, token: Token | None) -> ActorRef | None:
        """The ActorRef for the noun phrase headed by ``token`` (registry actor when a mention covers it)."""
        if token is None:
            return None
        token = resolve_relative(token)
        left, right = phrase_bounds(token)
        phrase = self.text[self.doc[left].idx:end_char(self.doc[right])]
        mention = self._mention_in(self.doc[left].idx, end_char(self.doc[right]), token)
        if mention is not None and not (mention.start <= token.idx < mention.end) \
                and mention.actor.id == mention.actor.country and agent_word(token) is not None:
            mention = None  # "troops from Chad": Chad's military (below), not Chad itself
        if mention is None and token.lower_ in _NONPERSON_PRONOUNS:
            if self._quoted[token.i]:
                return None  # "they" in a quotation is not the speaker's side: left empty
            mention = self._antecedent(token)
            phrase = token.text
        if mention is not None and mention.how == "generic":
            owner = self._of_actor(token)  # "troops of the Nigerian army", "members of Hamas"
            if owner is not None:
                mention = owner
        if mention is not None:
            info = mention.actor
            text = phrase if len(phrase) >= len(mention.text) else mention.text
            if mention.how == "generic":
                code = self._modifier_country(token) or self._home(token, info.sector)
                if code is not None and info.sector:  # "Kharkiv's regional governor": Ukraine's government
                    name = f"{self.country_names.get(code, code)} {info.name}"
                    return ActorRef(f"{code}_{info.sector}", name, text, code, info.sector)
                return ActorRef(info.id, info.name, text, None, info.sector, generic=True)
            named = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            country = (self._demonym_before(token) or (named is not None and self._demonym_before(named.root))
                       or info.country or self._title_country(left, mention)
                       or self._country_around(token)
                       or self._nationals(token) or self._place_in(mention) or self._office_country(token))
            return ActorRef(info.id, info.name, text, country, info.sector)
        if token.pos_ == "PRON" or token.like_num or token.is_punct:
            return None
        head_left, _ = phrase_bounds(token, with_of=False)
        head_phrase = self.text[self.doc[head_left].idx:end_char(token)]
        code = self._country_of(token)
        if code is not None:
            return ActorRef(code, self.country_names.get(code, code), phrase, code, None)
        if is_named(token) and (token.lower_ in TITLES or token.lower_ in TITLE_PREFIXES):
            return self._titled(token)  # "[Vice]-President X": the person the title names, or none
        if is_named(token):
            country = (self._demonym_before(token) or self._country_around(token) or self._nationals(token)
                       or self._office_country(token))
            return ActorRef(head_phrase, head_phrase, phrase, country, None)
        word = agent_word(token)
        if word is not None:
            return self._generic(token, word, phrase)
        owner = self._owner(token)
        if owner is not None and owner.i != token.i:
            ref = self.actor(owner)  # "Iranian imports": Iran; "the army's convoy": the army
            if ref is not None:
                ref.text = phrase
            return ref
        return None  # a thing, a place or an abstraction is no actor

    def _of_actor(self, token: Token) -> ActorMention | None:
        """A named actor whose members a kind of actor is: "fighters of [Hamas]", "[its] attack helicopters"."""
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is not None:
            found = self._mention_in(owner.idx, end_char(owner), owner)
            if found is not None and found.how != "generic" and not found.actor.id.endswith(("_CVL",)):
                return found
        for word in ("of", "from"):
            obj = pobj(token, word)
            if obj is None:
                continue
            left, right = phrase_bounds(obj)
            found = self._mention_in(self.doc[left].idx, end_char(self.doc[right]), obj)
            if found is None or found.how == "generic":
                return None
            if word == "from" and found.actor.id == found.actor.country:
                return None  # "refugees from Syria" stay refugees (of Syria), not Syria itself
            return found  # "fighters of Hamas", "fighters from the Islamic State"
        return None

    def _generic(self, token: Token, word: AgentWord, phrase: str) -> ActorRef:
        """A kind of actor ("three soldiers", "displaced families"), with the country the text gives."""
        country = self._modifier_country(token) or self._home(token, word.sector)
        if country is not None:
            name = f"{self.country_names.get(country, country)} {word.label}"
            return ActorRef(f"{country}_{word.sector}", name, phrase, country, word.sector)
        return ActorRef(word.ident, word.label, phrase, None, word.sector, generic=True)

    def _antecedent(self, pronoun: Token) -> ActorMention | None:
        """What "it" or "they" stands for: the last actor with a country or sector named before it
        in the same sentence ("Hungary said it will support")."""
        sent_start = pronoun.sent.start_char
        i = bisect_right(self._starts, pronoun.idx) - 1
        while i >= 0 and self.mentions[i].start >= sent_start:
            m = self.mentions[i]
            if m.end <= pronoun.idx and (m.actor.country or m.actor.sector) and m.text.lower() not in _NONPERSON_PRONOUNS:
                return m
            i -= 1
        return self._previous_subject(pronoun)

    def _previous_subject(self, pronoun: Token) -> ActorMention | None:
        """"The M23 launched an offensive in March. In June it captured Bunagana.": a pronoun that
        opens the main clause of a sentence with no actor before it stands for the subject of the
        previous sentence's main clause, when that subject is an actor with a country or sector."""
        if pronoun.dep_ not in ("nsubj", "nsubjpass") or pronoun.head != pronoun.sent.root:
            return None
        start = pronoun.sent.start
        if start == 0:
            return None
        previous = self.doc[start - 1].sent
        subject = next((c for c in previous.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.pos_ == "PRON":
            return None
        i = bisect_right(self._starts, subject.idx) - 1
        if i < 0:
            return None
        m = self.mentions[i]
        if not (m.start <= subject.idx < m.end) or not (m.actor.country or m.actor.sector):
            return None
        return m if m.text.lower() not in _NONPERSON_PRONOUNS else None

    def _titled(self, title: Token) -> ActorRef | None:
        """The person a title word the parser made the head stands before ("Vice-President X")."""
        for tok in self.doc[title.i + 1:title.i + 5]:
            i = bisect_right(self._starts, tok.idx) - 1
            if i >= 0 and self.mentions[i].start <= tok.idx < self.mentions[i].end and tok.ent_type_ == "PERSON":
                return self.actor(tok)
        return None

    def _mention_in(self, start: int, end: int, head: Token) -> ActorMention | None:
        if not self.mentions:
            return None
        best = None
        i = bisect_right(self._starts, end) - 1
        while i >= 0 and self.mentions[i].end > start - 400:
            m = self.mentions[i]
            if m.start < end and m.end > start:
                if m.start <= head.idx < m.end:
                    return m
                best = m if best is None or m.start < best.start else best
            i -= 1
        return best

    # -- mode -------------------------------------------------------------------------------
    def mode(self, token: Token) -> str | None:
        """The ASSAULT mode from words around the trigger (its modifiers, subject, instrument)."""
        modes = self.context.modes
        near = [token]
        near.extend(c for c in token.children if c.dep_ in ("compound", "amod", "nmod"))
        actor = agent_of(token) if token.pos_ == "VERB" else None
        if token.pos_ != "VERB":
            governor = light_governor(token, self.context.light)
            if governor is not None:
                actor = agent_of(governor)
            elif token.dep_ in ("dobj", "pobj") and token.head.pos_ == "VERB":
                actor = agent_of(token.head)
        if actor is not None:
            near.extend(actor.subtree)
        for ch in token.children:
            if ch.dep_ in ("prep", "agent") and ch.lower_ in ("with", "by", "in", "from"):
                near.extend(ch.subtree)
        for t in near:
            mode = modes.get(t.lemma_.lower()) or modes.get(t.lower_)
            if mode:
                return mode
        return None


def _own_possession(token: Token) -> bool:
    """A phrase the subject owns by a pronoun: "its troops", "their ambassador"."""
    return any(c.dep_ == "poss" and c.lower_ in _OWN_PRONOUNS for c in token.children)
