"""Plain data types shared by every stage: the SPEC's extraction contract and the ingested article.

spaCy objects never leave the extraction stage; everything after it works on these.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any


@dataclass
class Span:
    """A piece of the analysed text, by character offsets."""

    start: int
    end: int
    text: str


@dataclass
class ActorInfo:
    """What the registry (or the text) says about an actor."""

    id: str
    name: str
    country: str | None = None
    sector: str | None = None


@dataclass
class ActorMention:
    """One mention of an actor in the text, linked to what it refers to."""

    start: int
    end: int
    text: str
    actor: ActorInfo
    # how the link was made: "registry", "alias", "fuzzy", "text" (unknown actor), "coref"
    how: str = "registry"


@dataclass
class Actor:
    id: str
    name: str
    country: str | None
    sector: str | None
    mentions: list[Span] = field(default_factory=list)
    generic: bool = False  # a kind of actor ("soldiers", "villagers"), not a named one


@dataclass
class ActorRef:
    """An event's source or target: the actor plus the words that named it in the sentence."""

    id: str
    name: str
    text: str
    country: str | None = None
    sector: str | None = None
    generic: bool = False  # a kind of actor ("Iraqi soldiers", "villagers"), not a named one


@dataclass
class Place:
    text: str
    start: int
    end: int
    geonameid: int | None
    name: str
    country: str | None
    admin1: str | None
    feature: str | None  # country / admin1 / city / region / feature
    lat: float | None
    lon: float | None


@dataclass
class EventPlace:
    text: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None

    @classmethod
    def from_place(cls, place: Place) -> "EventPlace":
        return cls(place.text, place.name, place.country, place.lat, place.lon, place.geonameid)


@dataclass
class DateMention:
    """A date expression in the text resolved against the publication date."""

    start: int
    end: int
    text: str
    value: str  # YYYY, YYYY-MM or YYYY-MM-DD


@dataclass
class EventDate:
    value: str
    text: str


@dataclass
class Event:
    type: str
    mode: str | None
    cameo: str | None
    status: str  # asserted / hypothetical / negated
    source: ActorRef | None
    target: ActorRef | None
    place: EventPlace | None
    date: EventDate | None
    fatalities: int | None
    sentence: Span
    trigger: Span
    confidence: float
    # dated more than a year before publication: history the article recalls, not news
    background: bool = False
    # the party whose word the event rests on, when it is one of the event's sides or claims it
    # ("the group claimed it killed 22 soldiers"): a claim, not a confirmed fact
    claimed_by: ActorRef | None = None


@dataclass
class Speaker:
    text: str
    name: str | None
    actor_id: str | None


@dataclass
class Quote:
    text: str
    start: int
    end: int
    speaker: Speaker | None


@dataclass
class Quantity:
    text: str
    start: int
    end: int
    value: float | int
    high: float | int | None
    unit: str | None
    about: str | None


@dataclass
class Article:
    """An ingested article: the text that will be analysed and what the source says about it."""

    text: str
    source: str  # file path, URL or "path#record" that it came from
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # YYYY-MM-DD
    language: str | None = None
    doc_id: str | None = None


@dataclass
class Document:
    """The SPEC's extraction contract for one article."""

    doc_id: str
    published: str | None
    title: str | None
    url: str | None
    outlet: str | None
    language: str | None
    text: str
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)

    @classmethod
    def from_article(cls, article: Article, doc_id: str) -> "Document":
        return cls(
            doc_id=doc_id,
            published=article.published,
            title=article.title,
            url=article.url,
            outlet=article.outlet,
            language=article.language,
            text=article.text,
        )

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object, keys in the SPEC's order."""
        return plain(self)

    def to_json(self) -> str:
        """The contract's JSON object on one line."""
        return json.dumps(self.to_dict(), ensure_ascii=False)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def plain(value: Any) -> Any:
    """Dataclasses as dicts, all the way down (what `dataclasses.asdict` gives for these types, at a
    tenth of its cost: it deep-copies every string and number, which nothing here needs)."""
    if isinstance(value, (str, int, float, type(None))):
        return value
    if isinstance(value, (list, tuple)):
        return type(value)(plain(item) for item in value)
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    names = _FIELD_NAMES.get(type(value))
    if names is None:
        if not is_dataclass(value):
            raise TypeError(f"cannot make {type(value).__name__} plain")
        names = _FIELD_NAMES[type(value)] = tuple(f.name for f in fields(value))
    return {name: plain(getattr(value, name)) for name in names}
