"""Where an event argument's country comes from: a country word, a place the geoparser resolved,
a demonym, a title, an office, or the country the article is about (used by ``nlp.event_args``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache

from spacy.tokens import Doc, Token

from flashpoint.models import ActorMention, Place
from flashpoint.nlp.arg_syntax import in_side_clause, pobj_of
from flashpoint.nlp.registry import load_registry
from flashpoint.nlp.wordlists import words

# Sectors of a state: their kinds of actor belong to the article's country when it has one.
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


class CountryClues:
    """The country clues of one document; ``ArgumentFinder`` sets the attributes."""

    doc: Doc
    places: Sequence[Place]
    mentions: list[ActorMention]
    country_words: Mapping[str, tuple[str, str]]
    _home_code: str | None

    def _modifier_country(self, token: Token) -> str | None:
        """The country a kind of actor's modifiers name: "Kharkiv's governor", "Malian villagers"."""
        for ch in token.children:
            if ch.dep_ in ("amod", "compound", "nmod", "poss"):
                code = self._country_of(ch)
                if code:
                    return code
        return self._country_around(token)

    def _home(self, token: Token, sector: str | None) -> str | None:
        """The country an article is about, for a state's kind of actor the text gives no country
        ("officials said", "officers fired"): the country of at least 60% of its named actors'
        mentions (two at least), when the sentence names no other country."""
        if sector not in _STATE_SECTORS:
            return None
        if self._home_code is None:
            counts = Counter(m.actor.country for m in self.mentions
                             if m.actor.country and m.how != "generic" and m.actor.sector != "IGO")
            top = counts.most_common(1)
            self._home_code = top[0][0] if top and top[0][1] >= 2 and top[0][1] >= 0.6 * sum(counts.values()) else ""
        if not self._home_code:
            return None
        sent = token.sent
        named = {p.country for p in self.places if sent.start_char <= p.start < sent.end_char and p.country}
        named |= {code for code in map(self._country_word, sent) if code}
        return self._home_code if named <= {self._home_code} else None

    def _place_in(self, mention: ActorMention) -> str | None:
        """The country of a place named inside an actor's name: "Darfur rebels", "Donetsk separatists"."""
        for place in self.places:
            if mention.start <= place.start and place.end <= mention.end and place.country:
                return place.country
        return None

    def _country_around(self, token: Token) -> str | None:
        """The country an actor phrase places itself in: "rebels in the Ivory Coast",
        "the Albanians of southern Serbia", "Kurds from Iraq"."""
        for ch in token.children:
            if ch.dep_ == "prep" and ch.lower_ in ("in", "of", "from"):
                obj = pobj_of(ch)
                if obj is not None:
                    code = self._country_of(obj)
                    if code is not None:
                        others = {self._country_of(c) for c in obj.conjuncts} - {None, code}
                        return None if others else code  # "troops from Chad and Niger": no one country
        return None

    def _demonym_before(self, token: Token) -> str | None:
        """A country adjective on the actor's head word: "Bosnian Serbs" are Bosnia's, "Iraqi
        Kurds" Iraq's, "Pakistani Taliban" Pakistan's."""
        for ch in token.lefts:
            if ch.dep_ in ("amod", "compound") and self._country_word(ch) and ch.lower_ != token.lower_:
                return self._country_word(ch)
        return None

    def _nationals(self, token: Token) -> str | None:
        """A plural demonym names a country's people ("young Algerians", "thousands of Ghanaians");
        "ethnic Albanians" are a people, not a country's nationals."""
        low = token.lower_
        if token.tag_ not in ("NNS", "NNPS") or not low.endswith("s") or not token.text[:1].isupper() \
                or any(c.lower_ == "ethnic" for c in token.lefts):
            return None
        word = self.country_words.get(low) or self.country_words.get(low[:-1])
        return word[0] if word is not None else None

    def _office_country(self, token: Token) -> str | None:
        """A person named with a state office ("President Abdelaziz Bouteflika", "Judge Ana Ruiz")
        who is in no registry holds it in the one country the sentence names, if it names one."""
        if token.ent_type_ != "PERSON":
            return None
        titles = words("state_title")
        first = token
        while first.i > 0 and first.doc[first.i - 1].ent_type_ == "PERSON":
            first = first.doc[first.i - 1]
        before = [t.lower_.rstrip(".") for t in first.doc[max(0, first.i - 3):first.i + 1]]
        if not any(w in titles for w in before):
            return None
        sent = token.sent
        said = [t for t in sent if not in_side_clause(t)]  # "the Taliban that controls Afghanistan": not the office's
        codes = {p.country for p in self.places for t in said if p.start <= t.idx < p.end and p.country}
        codes |= {code for code in map(self._country_word, said) if code}
        return codes.pop() if len(codes) == 1 else None

    def _title_country(self, left: int, mention: ActorMention) -> str | None:
        """The country word in the title before a name: "U.S. negotiator Paul Nitze", "Kenya's
        deputy minister X" (the first one, in the argument's own phrase)."""
        for tok in self.doc[left:]:
            if tok.idx >= mention.start:
                return None
            word = self._country_word(tok)
            after = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
            if word is not None and (after is None or after.text != "-"):  # not "US-backed"
                named = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
                return word if named is not None and named.root.ent_type_ == "PERSON" else None
        return None

    def _country_word(self, token: Token) -> str | None:
        """The country a country word names ("Indian", "Macedonia", "US"); an abbreviation only in
        capitals ("us" and "car" are words, "US" and "CAR" countries)."""
        word = self.country_words.get(token.lower_)
        if word is None or (token.lower_ in _abbreviations() and not token.text.isupper()):
            return None
        return word[0]

    def _country_of(self, token: Token) -> str | None:
        """The country an unlinked argument stands for: a country word ("Indian", "Macedonia")
        or a place the geoparser resolved ("Kupiansk" -> UKR)."""
        word = self._country_word(token)
        if word is not None:
            return word
        for place in self.places:
            if place.start <= token.idx < place.end:
                return place.country
        return None


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """Lower-case forms of the country names that are abbreviations in capitals only ("us", "car")."""
    forms: dict[str, bool] = {}
    for country in load_registry().countries.values():
        for name in (*country.names, *country.adjectives, *country.people):
            forms[name.lower()] = forms.get(name.lower(), True) and name.isupper()
    return frozenset(form for form, upper in forms.items() if upper)
