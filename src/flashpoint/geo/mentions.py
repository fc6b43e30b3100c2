"""Recognition: the stretches of a parsed Doc that may name a place, with their gazetteer candidates."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from flashpoint.geo.cues import (
    after_model_year,
    article_prefix,
    capitalised,
    capitalised_word,
    heads_a_group,
    is_dateline,
    not_a_place,
    prev_word,
)
from flashpoint.geo.gazetteer import Entry, Gazetteer
from flashpoint.geo.patterns import (
    AREA_CUES,
    DEMONYM_ENDINGS,
    NAME_PARTICLES,
    NATURAL_FEATURE_WORDS,
    NEVER_ALONE,
    PLACE_LABELS,
    SETTLEMENT_CUES,
    STREET_WORDS,
)
from flashpoint.geo.text import fold, strip_article
from flashpoint.nlp.docview import entities_of, sentence_ends, text_of, tokens_of, words_of

MAX_NAME_TOKENS = 6


@dataclass
class Mention:
    """A stretch of text that may name a place, with its gazetteer candidates."""

    start: int  # token offsets
    end: int
    key: str
    candidates: list[tuple[int, bool]]
    label: str | None  # spaCy label of the entity it is, or that contains it
    from_entity: bool
    cue: str | None = None  # "area" (Anbar province) or "settlement" (town of Al Qaim)
    end_with_cue: int | None = None
    container: "Mention | None" = None
    neighbours: list["Mention"] = field(default_factory=list)
    choice: Entry | None = None
    scores: dict[int, float] = field(default_factory=dict)
    org_head: bool = False  # "Fano militia", "the Kano fire department"
    said_within: bool = False  # its container was written out: "Lere, in the Timbuktu region"
    dateline: bool = False  # "WASHINGTON —": a wire's dateline names a city by its main name
    street: bool = False  # names a street ("Dublin Road"): its town still tells the area, but it is no place



class Recognition:
    """Finds the mentions: spaCy's place entities plus gazetteer names in capitalised text (needs ``self.gaz``)."""

    gaz: Gazetteer

    def _lookup(self, text: str) -> tuple[str, list[tuple[int, bool]]]:
        key = fold(text)
        found = self.gaz.lookup(key)
        if not found:
            bare = strip_article(key)
            if bare:
                return bare, self.gaz.lookup(bare)
        return key, found

    def _mentions(self, doc: Doc) -> list[Mention]:
        label_of: dict[int, tuple[str, int, int]] = {}
        entities = entities_of(doc)
        for ent in entities:
            for i in range(ent.start, ent.end):
                label_of[i] = (ent.label_, ent.start, ent.end)
        taken = [False] * len(doc)
        mentions: list[Mention] = []
        for ent in entities:
            if ent.label_ not in PLACE_LABELS:
                continue
            start, end = ent.start, ent.end
            while start < end and doc[start].lower_ in ("the", "a", "an"):
                start += 1
            while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s")):
                end -= 1
            cue = None
            if end - start > 1 and doc[end - 1].lower_ in AREA_CUES:
                end -= 1
                cue = "area"
            if start >= end or self._is_demonym(doc, start, end) or not_a_place(doc, start, end):
                continue
            if not any(ch.isupper() for ch in doc[start:end].text):
                continue  # "the west bank of the river" is no West Bank: English capitalises its toponyms
            key, cands = self._lookup(doc[start:end].text)
            if cue and (full := self._lookup(doc[start:end + 1].text))[1] and any(
                    self.gaz.entry(i).feature == "admin2" for i, _ in full[1]):
                key, cands, end, cue = full[0], full[1], end + 1, None  # "Metcalfe County"
            if not cands:
                continue
            m = Mention(start, end, key, cands, ent.label_, True, cue=cue)
            if cue:
                m.end_with_cue = end + 1
            mentions.append(m)
            for i in range(ent.start, ent.end):
                taken[i] = True
        mentions += self._scan(doc, taken, label_of)
        mentions.sort(key=lambda m: m.start)
        for m in mentions:
            self._read_cues(doc, m)
        heads = {m.key for m in mentions if m.org_head}
        for m in mentions:  # one name, one reading: "Fano militiamen ... Fano, a network of ..."
            m.org_head = m.key in heads
        makes = {m.key for m in mentions if after_model_year(doc, m.start) and all(
            self.gaz.entry(i).feature == "city" for i, _ in m.candidates)}  # "the 2008 Walker County Fair" stays
        for m in mentions:  # "a 1995 Honda ... the Honda's driver": a make of car throughout
            if m.key in makes and m.container is None and m.cue is None:
                m.candidates = []
        return mentions

    def _scan(self, doc: Doc, taken: list[bool], label_of: dict[int, tuple[str, int, int]]) -> list[Mention]:
        """Gazetteer names over capitalised token sequences that spaCy did not take for places."""
        # Read from plain lists: this looks at every token, and at up to six for each capitalised one.
        words = words_of(doc)
        capitalised = [w[:1].isupper() and (w[0].isalpha() or capitalised_word(w)) for w in words]
        sentence_end = sentence_ends(doc)
        offsets = [t.idx for t in tokens_of(doc)]
        text = text_of(doc)
        found = []
        i = 0
        n = len(doc)
        while i < n:
            if taken[i] or not (capitalised[i] or len(words[i]) == 2 and article_prefix(words, capitalised, i)):
                i += 1
                continue
            best = None
            limit = min(n, i + MAX_NAME_TOKENS, sentence_end[i])
            for j in range(limit, i, -1):
                if not capitalised[j - 1] or any(taken[i:j]):
                    continue
                if any(not capitalised[k] and words[k].lower() not in NAME_PARTICLES for k in range(i + 1, j - 1)):
                    continue
                key, cands = self._lookup(text[offsets[i]:offsets[j - 1] + len(words[j - 1])])
                if cands:
                    best = (j, key, cands)
                    break
            if best is None:
                i += 1
                continue
            j, key, cands = best
            if not_a_place(doc, i, j):
                i = j
                continue
            label = None
            if i in label_of:
                lab, s, e = label_of[i]
                label = lab if (s, e) == (i, j) else f"in-{lab}"
                if lab in ("DATE", "TIME") and (s, e) == (i, j) and not any(ch.isdigit() for ch in key) \
                        and key not in NEVER_ALONE and self.gaz.rules.get(key) != "never":
                    label = None  # the small model's "date" that is a bare name ("Niger and Chad")
            found.append(Mention(i, j, key, cands, label, False))
            i = j
        return found

    def _is_demonym(self, doc: Doc, start: int, end: int) -> bool:
        """ "Iraqi", "Syrians": an adjective or a people, not a place."""
        if end - start != 1:
            return False
        tok = doc[start]
        if tok.tag_ in ("JJ", "NNPS") or tok.ent_type_ == "NORP":
            return tok.lower_.endswith(DEMONYM_ENDINGS) and not self.gaz.has(fold(tok.text)) or tok.tag_ == "JJ"
        return False

    def _read_cues(self, doc: Doc, m: Mention) -> None:
        m.org_head = heads_a_group(doc, m.end_with_cue or m.end)
        m.dateline = doc[m.start:m.end].text.isupper() and is_dateline(doc, m.start, m.end)
        end = m.end_with_cue or m.end
        if end < len(doc) and doc[end].lower_ in NATURAL_FEATURE_WORDS and not (
                end + 1 < len(doc) and capitalised(doc[end + 1]) and doc[end].is_title):
            # "the San Juan river": the river, not the town; "Bab el-Mandeb strait" stays a feature;
            # but "the Texas Forest Service" is an agency named after Texas
            m.candidates = [c for c in m.candidates if self.gaz.entry(c[0]).feature in ("feature", "region")]
        if end < len(doc) and doc[end].text in STREET_WORDS and m.cue is None \
                and m.key.rsplit(" ", 1)[-1] not in AREA_CUES:
            m.street = True  # "6016 Dublin Road": a street, not Dublin; "Douglas County Road 4" is the county's
        after = doc[m.end] if m.end < len(doc) else None
        if m.cue is None and after is not None and after.lower_ in AREA_CUES:
            m.cue = "area"
            m.end_with_cue = m.end + 1
        before = prev_word(doc, m.start)
        if before is not None and before.lower_ == "of":
            cue_word = prev_word(doc, before.i)
            if cue_word is not None and cue_word.lower_ in SETTLEMENT_CUES:
                m.cue = m.cue or "settlement"
