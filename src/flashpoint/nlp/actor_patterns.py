"""Matchers built once from the registry: which surface forms name which actors, and how
they are compared (exact case for acronyms, any case for longer names)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from flashpoint.nlp.docview import words_of
from flashpoint.nlp.registry import Registry

# The kinds of thing a match can point to, in the order they win a tie of equal length.
KIND_RANK = {"entry": 0, "person": 1, "country": 2, "sector": 3, "coref": 4}


@dataclass(frozen=True)
class Target:
    kind: str  # entry / person / country / sector / coref
    ref: object  # registry Entry, person id, country code, SectorWord or CorefRule
    single: bool = False  # a one-token person alias (accepted only where the text shows a person)


@dataclass
class Cand:
    start: int
    end: int
    target: Target


_APOSTROPHES = re.compile(r"['’`ʼ]")
_SEPARATORS = re.compile(r"[-‐–—/.,]")
_SPACES = re.compile(r"\s+")


def norm(text: str) -> str:
    """Lower case, no accents, no apostrophes, hyphens as spaces: for alias and fuzzy lookups."""
    plain = text if text.isascii() else unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    plain = _APOSTROPHES.sub("", plain.lower())
    plain = _SPACES.sub(" ", _SEPARATORS.sub(" ", plain)).strip()
    return plain[4:] if plain.startswith("the ") else plain


def _is_acronym(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(token) <= 5


class Patterns:
    """The phrase matchers and lookup tables for one vocabulary."""

    def __init__(self, registry: Registry, vocab: Vocab, make_doc) -> None:
        self.targets: list[Target] = []
        self.orth = PhraseMatcher(vocab, attr="ORTH")
        self.lower = PhraseMatcher(vocab, attr="LOWER")
        self.country_kinds: dict[tuple[str, str], set[str]] = {}
        self.by_norm: dict[str, Target] = {}
        self.exact_norms: set[str] = set()  # keys that link exactly only, never as near spellings
        self.agent_grams: dict[tuple[str, ...], Target] = {}  # agent noun words -> its target
        self.agent_first: set[str] = set()
        self.agent_longest = 0
        self._make_doc = make_doc
        self._add_all(registry)

    # -- building ---------------------------------------------------------------------------
    def _key(self, target: Target) -> str:
        self.targets.append(target)
        return f"FPA{len(self.targets) - 1}"

    def _add(self, target: Target, aliases: list[str], *, any_case: bool = False,
             docs: list[Doc] | None = None) -> None:
        key = self._key(target)
        orth_docs: list[Doc] = []
        lower_docs: list[Doc] = []
        for index, alias in enumerate(aliases):
            doc = docs[index] if docs is not None else self._make_doc(alias)
            words = [t.text for t in doc]
            if any_case:
                lower_docs.append(doc)
            elif len(words) == 1:
                if alias.islower():
                    lower_docs.append(doc)
                else:
                    variants = {alias, alias.upper()} if not _is_acronym(alias) else {alias}
                    orth_docs.extend(self._make_doc(v) for v in variants)
            elif any(_is_acronym(w) and len(w) <= 4 for w in words):
                orth_docs.append(doc)
            else:
                lower_docs.append(doc)
        if orth_docs:
            self.orth.add(key, orth_docs)
        if lower_docs:
            self.lower.add(key, lower_docs)

    def _add_all(self, registry: Registry) -> None:
        for entry in registry.entries.values():
            target = Target("entry", entry)
            if entry.cased:  # converted names: looked up only on the names the parser finds
                for alias in entry.aliases:
                    key = norm(alias)
                    if len(key) >= 8 and key not in self.by_norm:
                        self.by_norm[key] = target
                        self.exact_norms.add(key)
                continue
            self._add(target, list(entry.aliases))
            for alias in entry.aliases:
                if not _is_acronym(alias) and len(norm(alias)) >= 4:
                    self.by_norm.setdefault(norm(alias), target)
        for code, country in registry.countries.items():
            kinds: dict[str, list[str]] = {
                "name": list(country.names),
                "adj": list(country.adjectives),
                "people": list(country.people),
                "capital": list(country.capitals),
            }
            surfaces: list[str] = []
            for kind, forms in kinds.items():
                for form in forms:
                    self.country_kinds.setdefault((code, form.lower()), set()).add(kind)
                    surfaces.append(form)
            if surfaces:
                self._add(Target("country", code), list(dict.fromkeys(surfaces)))
        for person in registry.people.values():
            names = [person.name] + person.aliases
            if person.exact:  # converted names: looked up only on the names the parser finds
                for name in names:
                    key = norm(name)
                    if " " in key and key not in self.by_norm:
                        self.by_norm[key] = Target("person", person.id)
                        self.exact_norms.add(key)
                continue
            docs = [self._make_doc(n) for n in names]
            multi = [(n, d) for n, d in zip(names, docs) if len(d) > 1]
            single = [(n, d) for n, d in zip(names, docs) if len(d) == 1]
            if multi:
                self._add(Target("person", person.id), [n for n, _ in multi], docs=[d for _, d in multi])
            if single:
                self._add(Target("person", person.id, single=True), [n for n, _ in single], docs=[d for _, d in single])
            for name, _ in multi:
                self.by_norm.setdefault(norm(name), Target("person", person.id))
        for word in registry.sectors:
            if word.agent:  # thousands of common nouns: a word table is cheaper than the matcher
                target = Target("sector", word)
                for form in word.words:
                    key = tuple(_WORD_RE.findall(form.lower().replace("'s", " 's")))
                    if key and key not in self.agent_grams:
                        self.agent_grams[key] = target
                        self.agent_first.add(key[0])
                        self.agent_longest = max(self.agent_longest, len(key))
                continue
            self._add(Target("sector", word), list(word.words), any_case=True)
        for rule in registry.coref:
            self._add(Target("coref", rule), list(rule.phrases), any_case=True)

    # -- matching ---------------------------------------------------------------------------
    def _agents(self, doc: Doc) -> list[Cand]:
        """Generic agent nouns (agents.tsv) in ``doc``, longest at each token, outside names."""
        if not self.agent_grams:
            return []
        lowers = [w.lower() for w in words_of(doc)]
        first, grams, longest = self.agent_first, self.agent_grams, self.agent_longest
        out: list[Cand] = []
        n = len(lowers)
        for i in range(n):
            if lowers[i] not in first:
                continue
            for length in range(min(longest, n - i), 0, -1):
                target = grams.get(tuple(lowers[i:i + length]))
                if target is not None:
                    if not _named(doc, i, i + length):
                        out.append(Cand(i, i + length, target))
                    break
        return out

    def candidates(self, doc: Doc) -> list[Cand]:
        """Non-overlapping matches, longest first, then by KIND_RANK."""
        raw = [(int(k), s, e) for k, s, e in self.orth(doc)] + [(int(k), s, e) for k, s, e in self.lower(doc)]
        strings = doc.vocab.strings
        found: list[Cand] = []
        for key, start, end in raw:
            target = self.targets[int(strings[key][3:])]
            if target.kind == "sector" and any(t.ent_type_ == "PERSON" for t in doc[start:end]):
                continue  # "Paul Farmer": a name, not the sector word
            found.append(Cand(start, end, target))
        found.extend(self._agents(doc))
        found.sort(key=lambda c: (-(c.end - c.start), KIND_RANK[c.target.kind], c.start))
        taken = bytearray(len(doc))
        chosen: list[Cand] = []
        for cand in found:
            if any(taken[cand.start:cand.end]):
                continue
            taken[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
            chosen.append(cand)
        chosen.sort(key=lambda c: c.start)
        return chosen


_NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})


_WORD_RE = re.compile(r"'s|\w+|[^\w\s]")


def _named(doc: Doc, start: int, end: int) -> bool:
    """Part of a name the parser found ("Paul Farmer", "Bishop Street"): not the agent noun."""
    return any(t.ent_type_ in _NAME_ENTS for t in doc[start:end])


__all__ = ["Cand", "Patterns", "Target", "norm"]
