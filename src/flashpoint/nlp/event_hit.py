"""A trigger found in a sentence, before it becomes an Event (shared by the event stage's modules)."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from flashpoint.models import ActorRef
from flashpoint.nlp.event_lexicon import LexEntry
from flashpoint.nlp.modality import ASSERTED


@dataclass
class Hit:
    """A trigger found in a sentence, before it becomes an Event."""

    token: Token
    entry: LexEntry
    tokens: list[Token]
    source: ActorRef | None = None
    target: ActorRef | None = None
    mode: str | None = None
    fatalities: int | None = None
    status: str = ASSERTED
    confidence: float = 0.0
    merged: list[Token] = field(default_factory=list)
