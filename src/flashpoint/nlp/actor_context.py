"""What the actor-linking passes share: the read-only facts about one document (``LinkContext``)
and the one growing list of mentions (``Ledger``) that each pass reads and adds to."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as SpacySpan

from flashpoint.models import ActorInfo
from flashpoint.nlp.actor_patterns import Cand, Patterns, Target
from flashpoint.nlp.docview import sentences_of, text_of, tokens_of
from flashpoint.nlp.linebreaks import breaks_line
from flashpoint.nlp.registry import Entry, Registry

# A country name after one of these prepositions is a place, not an actor ("in Iraq").
LOCATIVE = frozenset(
    "in at inside across throughout near within into from around outside through via toward towards "
    "across along between beyond over under off onto".split()
)
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "csubj"})
_OPEN_QUOTES = frozenset({"“", "‘‘", "``", "«"})
_CLOSE_QUOTES = frozenset({"”", "''", "»"})


@dataclass
class Found:
    """A mention being built, before it becomes an ActorMention."""

    start: int  # token offsets
    end: int
    info: ActorInfo
    how: str
    person: bool = False
    country_like: bool = False  # the mention stands for a country or one of its bodies
    generic: bool = False  # "militants", "civilians": a kind of actor, not a named one


@dataclass(frozen=True)
class LinkContext:
    """Read-only inputs of linking one document, shared by every pass."""

    doc: Doc
    published: str | None
    places: Sequence[tuple[int, int]]  # character ranges the geoparser resolved
    patterns: Patterns
    registry: Registry
    person_info: Callable[[str, str | None], ActorInfo]
    entry_info: Callable[[Entry], ActorInfo]
    country_info: Callable[..., ActorInfo]
    fuzzy: Callable[[str], "tuple[Target, str] | None"]
    sent_of: tuple[int, ...]  # token -> sentence index
    country_at: dict[int, str]  # token -> country code of any country word there
    quoted: bytes  # token -> 1 inside a quotation

    def is_place(self, span: SpacySpan) -> bool:
        """A name used as a place: "in Iraq", "in Iraq and Syria"."""
        root = span.root
        if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE:
            return True
        if root.dep_ == "conj":
            head = root.head
            return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE
        return False

    def is_agent(self, span: SpacySpan) -> bool:
        """A name used as a doer: a subject, a possessor, the "by" of a passive."""
        root = span.root
        doc = self.doc
        if span.end < len(doc) and doc[span.end].text in ("-", "–", "—", "(") and span.start <= 2:
            return False  # a dateline: "Mogadishu – ..."
        if span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s"):
            return True
        if root.dep_ in SUBJECT_DEPS:
            return True
        if root.dep_ == "pobj" and root.head.dep_ == "agent":
            return True
        return root.dep_ == "conj" and root.head.dep_ in SUBJECT_DEPS


@dataclass
class Ledger:
    """The mentions found so far and the tokens they cover: the passes' one shared output."""

    size: int
    found: list[Found] = field(default_factory=list)
    covered: bytearray = field(init=False)

    def __post_init__(self) -> None:
        self.covered = bytearray(self.size)

    def add(self, found: Found) -> None:
        self.found.append(found)
        self.covered[found.start:found.end] = b"\x01" * (found.end - found.start)

    def remove(self, found: Found) -> None:
        """Drop a mention merged into another (its tokens stay covered: the merged mention holds them)."""
        self.found.remove(found)

    def any_covered(self, start: int, end: int) -> bool:
        return any(self.covered[start:end])


def make_context(doc: Doc, published: str | None, places: Sequence[tuple[int, int]], patterns: Patterns,
                 linker, cands: list[Cand]) -> LinkContext:
    """The read-only context of one document (``linker`` gives the info and lookup helpers)."""
    sent_of: list[int] = []
    for index, sent in enumerate(sentences_of(doc)):
        sent_of.extend([index] * (sent.end - sent.start))
    country_at: dict[int, str] = {}
    for cand in cands:
        if cand.target.kind == "country":
            for i in range(cand.start, cand.end):
                country_at[i] = cand.target.ref  # type: ignore[assignment]
    return LinkContext(
        doc=doc, published=published, places=places, patterns=patterns, registry=linker.registry,
        person_info=linker.person_info, entry_info=linker.entry_info, country_info=linker.country_info,
        fuzzy=linker.fuzzy, sent_of=tuple(sent_of), country_at=country_at, quoted=quoted_tokens(doc),
    )


def quoted_tokens(doc: Doc) -> bytes:
    """1 for each token inside a quotation: between an opening and a closing mark of one paragraph.
    A mark left unpaired (a stray '"') opens nothing."""
    out = bytearray(len(doc))
    marks: list[tuple[int, str]] = []  # (token, "open" / "close" / "both") within the paragraph
    doc_text = text_of(doc)

    def close_paragraph() -> None:
        opened: int | None = None
        straight: int | None = None
        for i, kind in marks:
            if kind == "both":
                if straight is None:
                    straight = i
                else:
                    out[straight + 1:i] = b"\x01" * (i - straight - 1)
                    straight = None
            elif kind == "open":
                opened = i
            elif opened is not None:
                out[opened + 1:i] = b"\x01" * (i - opened - 1)
                opened = None
        marks.clear()

    for token in tokens_of(doc):
        text = token.text
        if text in _OPEN_QUOTES:
            marks.append((token.i, "open"))
        elif text in _CLOSE_QUOTES:
            marks.append((token.i, "close"))
        elif text == '"':
            marks.append((token.i, "both"))
        if (token.is_space and breaks_line(doc, token, doc_text)) or "\n" in token.whitespace_:
            close_paragraph()
    close_paragraph()
    return bytes(out)


__all__ = ["Found", "Ledger", "LinkContext", "LOCATIVE", "SUBJECT_DEPS", "make_context", "quoted_tokens"]
