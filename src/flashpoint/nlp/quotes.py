"""Quotations and who said them.

A quote is the inside of a pair of quotation marks, straight ("...") or curly (“...”). Its
speaker is the subject of the nearest speech verb around it (the verbs are listed in
``data/lexicon/quotes_speech_verbs.tsv``), or the object of "according to":

- after the quote when it ends with a comma, "?" or "!" (``"...," Harba insisted``,
  ``"...," said Harba``);
- before it otherwise (``Harba said: "..."``, ``He added that ... "partial quote"``);
- failing both, the speaker of the previous quote in the same paragraph (a quote split
  across sentences), or of the last quote of the previous paragraph when this one opens a
  paragraph (a long quotation running over paragraphs).

"he said" / "she added" is resolved to the most recent person named before it (actor
mentions that are spaCy PERSON entities, PERSON entities, earlier speakers), and a bare
surname ("Harba") to the full name given earlier ("Saleem Harba").

Short scare quotes of one to three words (called the attack "cowardly") are not kept unless
a speech verb attributes them directly (``"Never," he said`` or ``he said: "Never."``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable
from importlib.resources import files
from pathlib import Path

from spacy.tokens import Doc, Token

from flashpoint.datafiles import read_table
from flashpoint.models import ActorMention, Quote, Speaker
from flashpoint.nlp.docview import entities_of, text_of, tokens_of
from flashpoint.nlp.linebreaks import breaks_line, line_start, wrapping_breaks

SHORT_WORDS = 3
_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_GROUP_PRONOUNS = {"it", "they"}
_RELATIVE = {"who", "which", "that"}
_SUBJ_CLIMB = {"conj", "advcl", "xcomp", "acl", "pcomp", "ccomp", "relcl", "prep", "pobj"}
_QUOTE_CHARS = re.compile("[\u201c\u201d\"]")  # the only characters that open or close a quotation


@lru_cache(maxsize=None)
def _lexicon(name: str, column: str) -> frozenset[str]:
    """One column of a data/lexicon table, lower-cased (read by the one reader of knowledge files)."""
    path = Path(str(files("flashpoint") / "data" / "lexicon" / name))
    return frozenset(row[column].lower() for _, row in read_table(path, [column]) if row[column])


def speech_verbs() -> frozenset[str]:
    return _lexicon("quotes_speech_verbs.tsv", "lemma")


def titles() -> frozenset[str]:
    return _lexicon("quotes_titles.tsv", "title")


@dataclass
class _Raw:
    open: int  # offset of the opening mark
    close: int  # offset of the closing mark (end of paragraph when unclosed)
    start: int  # inside, after stripping
    end: int
    para: int
    closed: bool


@dataclass
class _Person:
    start: int
    name: str
    actor_id: str | None
    subject: bool = False  # named as the subject of its clause (the likely antecedent of "he")


# -- finding the quotation marks ---------------------------------------------------------------

def _paragraphs(text: str) -> list[tuple[int, int]]:
    """The lines of the story, a hard-wrapped paragraph's lines joined (`linebreaks`)."""
    out, pos = [], 0
    wraps = wrapping_breaks(text)
    for m in re.finditer(r"\n\s*\n|\n", text):
        if m.group() == "\n" and m.start() in wraps:
            continue
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(a, b) for a, b in out if b > a]


def _quote_marks(text: str) -> list[_Raw]:
    """Pairs of quotation marks, paragraph by paragraph; an unclosed one runs to the paragraph end."""
    raws: list[_Raw] = []
    for para, (a, b) in enumerate(_paragraphs(text)):
        open_at: int | None = None
        open_kind = ""
        for mark in _QUOTE_CHARS.finditer(text, a, b):
            i, c = mark.start(), mark.group()
            if open_at is None and (c == "\u201c" or (c == '"' and _opens(text, i))):
                open_at, open_kind = i, c
            elif open_at is not None and (
                (open_kind == "\u201c" and c == "\u201d") or (open_kind == '"' and c == '"')
            ):
                raws.append(_make_raw(text, open_at, i, para, True))
                open_at = None
            elif open_at is not None and open_kind == "\u201c" and c == "\u201c":
                open_at = i  # a stray opening mark: start again
        if open_at is not None:
            raws.append(_make_raw(text, open_at, b, para, False))
    return [r for r in raws if r.end > r.start]


def _opens(text: str, i: int) -> bool:
    """A straight mark opens when it is not glued to a word on its left (5'11" is no quote)."""
    return i == 0 or not text[i - 1].isalnum() or text[i - 1] in "([{"


def _make_raw(text: str, open_at: int, close: int, para: int, closed: bool) -> _Raw:
    start, end = open_at + 1, close
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return _Raw(open_at, close, start, end, para, closed)


# -- speakers -----------------------------------------------------------------------------

def _is_speech(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in speech_verbs() or (
        tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to"
    )


def _is_subject(tok: Token) -> bool:
    """Whether a name token is (part of) its clause's subject, directly or as an apposition."""
    for _ in range(4):
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return True
        if tok.dep_ not in ("compound", "appos", "flat") or tok.head == tok:
            return False
        tok = tok.head
    return False


def _subject(verb: Token, outside: "Callable[[int], bool]" = lambda pos: True) -> Token | None:
    """Who does the speaking: the verb's subject, climbing to the clause that has one.

    ``outside(offset)`` tells whether an offset lies outside every quotation (a subject inside
    the quote is the quote's own, not the speaker).
    """
    if verb.lower_ == "according":
        to = verb.nbor(1)
        objs = [c for c in to.children if c.dep_ == "pobj"]
        return objs[0] if objs else (to.nbor(1) if to.i + 1 < len(verb.doc) else None)
    v = verb
    for _ in range(4):
        subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and outside(c.idx)]
        if subj:
            s = min(subj, key=lambda c: abs(c.i - v.i))
            if s.lower_ in _RELATIVE and v.dep_ == "relcl":
                return v.head
            return s
        if v.dep_ in _SUBJ_CLIMB and v.head != v:
            v = v.head
        else:
            break
    for c in verb.rights:  # inverted order: "said Harba"
        if c.pos_ == "PROPN" and c.dep_ in ("dobj", "attr", "dep", "npadvmod", "oprd", "appos", "nsubj"):
            return c
    return None


def _name_run(tok: Token) -> tuple[int, int]:
    """Token indices [i, j) of the run of proper nouns (with hyphens) around a name token."""
    doc = tok.doc

    def part(t: Token) -> bool:
        return t.pos_ == "PROPN" or (t.text in ("-", ".") and not t.whitespace_) or t.lower_.rstrip(".") in titles() and t.text[:1].isupper()

    i = tok.i
    while i > 0 and part(doc[i - 1]) and doc[i - 1].text != "'s" and not doc[i - 1].is_sent_end:
        i -= 1
    j = tok.i + 1
    while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].head.i in range(i, j + 1) and doc[j - 1].text != ",":
        j += 1
    return i, j


def _strip_titles(words: list[str]) -> list[str]:
    while len(words) > 1 and words[0].lower().rstrip(".") in titles():
        words = words[1:]
    return words


def _clean_name(text: str) -> str:
    words = [w for w in re.split(r"\s+", text.strip()) if w]
    return " ".join(_strip_titles(words))


class _Attributor:
    """Holds what speaker resolution needs: the Doc, persons named so far and actor mentions."""

    def __init__(self, doc: Doc, mentions: list[ActorMention], raws: list[_Raw], text: str):
        self.doc = doc
        self.text = text
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.raws = raws
        self.persons: list[_Person] = []
        person_ents = [e for e in entities_of(doc) if e.label_ == "PERSON"]
        for e in person_ents:
            if self._in_quote(e.start_char):
                continue
            name = _clean_name(e.text)
            actor_id = self._mention_at(e.start_char, e.end_char)
            self.persons.append(_Person(e.start_char, name, actor_id, _is_subject(e.root)))
        for m in self.mentions:
            ents = [e for e in person_ents if e.start_char < m.end and m.start < e.end_char]
            if ents:
                self.persons.append(_Person(m.start, _clean_name(m.text), m.actor.id, _is_subject(ents[0].root)))
        self.persons.sort(key=lambda p: p.start)

    def _in_quote(self, pos: int) -> bool:
        return any(r.start <= pos < r.end for r in self.raws)

    def _mention_at(self, start: int, end: int) -> str | None:
        for m in self.mentions:
            if m.start < end and start < m.end:
                return m.actor.id
        return None

    def full_name(self, name: str, before: int) -> _Person | None:
        """The longest earlier (else later) person whose name ends with this surname."""
        last = name.split()[-1].lower()
        cands = [p for p in self.persons if p.name.split()[-1].lower() == last and len(p.name) >= len(name)]
        if not cands:
            cands = self._name_runs(last, before)
        if not cands:
            return None
        earlier = [p for p in cands if p.start <= before]
        pool = earlier or cands
        return max(pool, key=lambda p: (len(p.name.split()), p.start))

    def outside(self, pos: int) -> bool:
        return not self._in_quote(pos)

    def _name_runs(self, last: str, before: int) -> list[_Person]:
        """Earlier runs of capitalised proper nouns ending with the surname (NER may miss them)."""
        out = []
        for tok in tokens_of(self.doc):
            if tok.idx >= before:
                break
            if tok.lower_ != last or tok.pos_ != "PROPN" or self._in_quote(tok.idx):
                continue
            i, j = _name_run(tok)
            words = _strip_titles([t.text for t in self.doc[i:tok.i + 1]])
            if len(words) >= 2 and all(w[:1].isupper() for w in words):
                span = self.doc[i:tok.i + 1]
                name = _clean_name(span.text)
                out.append(_Person(span.start_char, name, self._mention_at(span.start_char, span.end_char)))
        return out

    def last_person(self, before: int) -> _Person | None:
        """The antecedent of "he"/"she": the last person named as a subject in this or the
        previous sentence, else the last person named before."""
        cands = [p for p in self.persons if p.start < before]
        if not cands:
            return None
        tok = self.doc.char_span(before, before + 1, alignment_mode="expand")
        if tok is not None and len(tok):
            sent = tok[0].sent
            prev_start = self.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
            near = [p for p in cands if p.start >= prev_start and p.subject]
            if near:
                return near[-1]
        return cands[-1]

    def last_group(self, before: int) -> tuple[str, str | None] | None:
        ments = [m for m in self.mentions if m.end <= before and not any(
            p.start == m.start for p in self.persons)]
        ents = [e for e in entities_of(self.doc) if e.label_ in ("ORG", "NORP", "GPE") and e.end_char <= before]
        best_m = ments[-1] if ments else None
        best_e = ents[-1] if ents else None
        if best_m is not None and (best_e is None or best_m.start >= best_e.start_char):
            return best_m.actor.name, best_m.actor.id
        if best_e is not None:
            return best_e.text, self._mention_at(best_e.start_char, best_e.end_char)
        return None

    def speaker(self, tok: Token) -> Speaker:
        """The Speaker named by a subject token: a pronoun resolved, a name completed."""
        doc = self.doc
        if tok.pos_ == "PRON" or tok.lower_ in _PERSON_PRONOUNS | _GROUP_PRONOUNS:
            low = tok.lower_
            if low in _PERSON_PRONOUNS:
                p = self.last_person(tok.idx)
                return Speaker(tok.text, p.name if p else None, p.actor_id if p else None)
            if low in _GROUP_PRONOUNS:
                g = self.last_group(tok.idx)
                return Speaker(tok.text, g[0] if g else None, g[1] if g else None)
            return Speaker(tok.text, None, None)
        appos = [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if tok.pos_ != "PROPN" and appos:
            tok = appos[0]
        if tok.pos_ == "PROPN":
            i, j = _name_run(tok)
            span = doc[i:j]
            name = _clean_name(span.text)
            actor_id = self._mention_at(span.start_char, span.end_char)
            full = self.full_name(name, span.start_char)
            is_person = any(e.label_ == "PERSON" and e.start >= i and e.end <= j for e in entities_of(doc)) or tok.ent_type_ == "PERSON" or full is not None
            if is_person:
                if full is not None and len(full.name.split()) > len(name.split()):
                    name = full.name
                    actor_id = actor_id or full.actor_id
                self.persons.append(_Person(span.start_char, name, actor_id, True))
                self.persons.sort(key=lambda p: p.start)
            return Speaker(span.text, name, actor_id)
        span = self._noun_phrase(tok)
        return Speaker(span.text, span.text, self._mention_at(span.start_char, span.end_char))

    def _noun_phrase(self, tok: Token):
        """A common-noun speaker with its modifiers: "a military spokesman for the army"."""
        doc = self.doc
        left = tok.i
        for c in tok.lefts:
            if c.dep_ in ("det", "amod", "compound", "poss", "nmod", "case", "nummod") or c.pos_ == "PROPN":
                left = min(left, c.left_edge.i)
        right = tok.i + 1
        for c in tok.rights:
            if c.dep_ == "prep" and c.lower_ in ("for", "of", "at", "in") and "," not in [t.text for t in c.subtree]:
                right = max(right, c.right_edge.i + 1)
            elif c.dep_ in ("compound", "case"):
                right = max(right, c.i + 1)
        return doc[left:right]


def _tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="contract")
    return tokens_of(doc)[span.start:span.end] if span is not None else []


def _after_region(doc: Doc, raw: _Raw, next_open: int | None, text_len: int) -> list[Token]:
    """Tokens after the closing mark up to the end of that sentence or the next quote."""
    out = []
    limit = next_open if next_open is not None else text_len
    for t in _tokens_between(doc, raw.close + 1, limit):
        if breaks_line(doc, t, text_of(doc)):
            break
        out.append(t)
        if t.text in (".", "!", "?", ";"):
            break
    return out


def _before_region(doc: Doc, raw: _Raw, prev_close: int | None) -> list[Token]:
    """Tokens from the start of the sentence (or the previous quote's end) to the opening mark."""
    lo = prev_close + 1 if prev_close is not None else 0
    toks = _tokens_between(doc, lo, raw.open)
    out: list[Token] = []
    for t in reversed(toks):
        if t.text in (".", "!", "?", ";") or breaks_line(doc, t, text_of(doc)):
            break
        out.append(t)
    return list(reversed(out))


def _governing_speech(doc: Doc, raw: _Raw) -> list[Token]:
    """The speech verb above a partial quote in the parse ("it said X had destroyed "...")."""
    span = doc.char_span(raw.start, raw.end, alignment_mode="contract")
    if span is None or not len(span):
        return []
    for anc in span.root.ancestors:
        if _is_speech(anc) and not (raw.open <= anc.idx < raw.close):
            return [anc]
    return []


def _verb_in(tokens: list[Token], last: bool) -> Token | None:
    verbs = [t for t in tokens if _is_speech(t)]
    if not verbs:
        return None
    return verbs[-1] if last else verbs[0]


def find_quotes(doc: Doc, mentions: list[ActorMention]) -> list[Quote]:
    """The quotations of the Doc with their speakers, in text order."""
    text = text_of(doc)
    raws = _quote_marks(text)
    attr = _Attributor(doc, mentions, raws, text)
    quotes: list[Quote] = []
    last_by_para: dict[int, Speaker | None] = {}
    for k, raw in enumerate(raws):
        inner = text[raw.start:raw.end]
        nxt = raws[k + 1].open if k + 1 < len(raws) else None
        prev = raws[k - 1].close if k > 0 else None
        speaker, direct = _attribute(doc, attr, raw, inner, nxt, prev)
        short = len(inner.split()) <= SHORT_WORDS
        if short and not direct:
            continue
        if speaker is None:
            speaker = _continued(text, raw, last_by_para)
        quotes.append(Quote(text=inner, start=raw.start, end=raw.end, speaker=speaker))
        last_by_para[raw.para] = speaker
    return quotes


def _attribute(
    doc: Doc, attr: _Attributor, raw: _Raw, inner: str, nxt: int | None, prev: int | None
) -> tuple[Speaker | None, bool]:
    """(speaker, whether a speech verb frames the quote directly)."""
    text = attr.text
    ends = re.sub(r"[\s\u201d\"]+$", "", text[raw.open:raw.close])[-1:] if raw.closed else "."
    after = _after_region(doc, raw, nxt, len(text)) if raw.closed else []
    before = _before_region(doc, raw, prev)
    framed_before = bool(re.search(r"[:,]\s*$", text[max(0, raw.open - 3):raw.open]))
    order: list[tuple[list[Token], bool]]
    governing = _governing_speech(doc, raw)
    if ends in (",", "?", "!", "-", "\u2014"):
        order = [(after, False), (before, True)]
    elif ends == ".":
        order = [(before, True)]
    else:
        order = [(governing, True), (before, True), (after, False)]
    for region, last in order:
        verb = _verb_in(region, last)
        if verb is None:
            continue
        subj = _subject(verb, attr.outside)
        if subj is None:
            continue
        direct = region is after and ends in (",", "?", "!") or region is before and framed_before
        return attr.speaker(subj), direct
    return None, False


def _continued(text: str, raw: _Raw, last_by_para: dict[int, Speaker | None]) -> Speaker | None:
    """An unattributed quote continues the previous quote of its paragraph (or the last paragraph's)."""
    if raw.para in last_by_para:
        return last_by_para[raw.para]
    para_start = line_start(text, raw.open)
    if text[para_start:raw.open].strip() == "" and raw.para - 1 in last_by_para:
        return last_by_para[raw.para - 1]
    return None
