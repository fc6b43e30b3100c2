"""Extraction of one article: the stages, in order, over one spaCy parse.

Each stage is a plain function or object over the parsed Doc; only this module sees them all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from flashpoint.geo import Gazetteer, Geoparser, locate_event
from flashpoint.geo.discourse import propagate
from flashpoint.models import Article, Document, EventDate, EventPlace
from flashpoint.nlp.actors import ActorLinker, group_actors, load_registry
from flashpoint.nlp.background import claimant, is_background
from flashpoint.nlp.confidence import Calibrator
from flashpoint.nlp.dates import date_for_event, scan_dates
from flashpoint.nlp.docview import views_kept
from flashpoint.nlp.events import EventFinder, EventLexicon
from flashpoint.nlp.model import load_nlp
from flashpoint.nlp.quantities import find_quantities
from flashpoint.nlp.quotes import find_quotes

BATCH_SIZE = 32


@dataclass
class Extractor:
    """Everything extraction needs, built once and passed in (constructors do no I/O)."""

    nlp: Language
    linker: ActorLinker
    geoparser: Geoparser
    events: EventFinder
    calibrator: Calibrator | None = None  # None: the raw lexicon scores (what calibration is fitted on)

    def __post_init__(self) -> None:
        self.country_words = self.linker.registry.country_words()

    @classmethod
    def load(cls) -> "Extractor":
        """The extractor with the installed model and the package's knowledge files."""
        return cls(
            nlp=load_nlp(),
            linker=ActorLinker(load_registry()),
            geoparser=Geoparser(Gazetteer.load()),
            events=EventFinder(EventLexicon.load()),
            calibrator=Calibrator.load(),
        )

    def extract(self, article: Article, doc_id: str) -> Document:
        return next(self.extract_many([(article, doc_id)]))

    def extract_many(self, items: Iterable[tuple[Article, str]]) -> Iterator[Document]:
        """Documents for (article, doc_id) pairs, parsing in batches."""
        pairs = ((article.text, (article, doc_id)) for article, doc_id in items)
        for parsed, (article, doc_id) in self.nlp.pipe(pairs, as_tuples=True, batch_size=BATCH_SIZE):
            yield self.analyse(parsed, article, doc_id)

    def analyse(self, parsed: Doc, article: Article, doc_id: str) -> Document:
        """Run every stage over one parsed article."""
        with views_kept(parsed):
            return self._analyse(parsed, article, doc_id)

    def _analyse(self, parsed: Doc, article: Article, doc_id: str) -> Document:
        document = Document.from_article(article, doc_id)
        document.places = propagate(parsed, self.geoparser.find_places(parsed))
        place_ranges = [(place.start, place.end) for place in document.places]
        mentions = self.linker.link(parsed, article.published, place_ranges)
        document.actors = group_actors(mentions)
        dates, date_ranges = scan_dates(parsed, article.published)
        document.events = self.events.find(parsed, mentions, document.places, self.country_words)
        for event in document.events:
            place = locate_event(parsed, event.sentence, event.trigger, document.places)
            event.place = EventPlace.from_place(place) if place else None
            when = date_for_event(parsed, event.sentence, event.trigger, dates, article.published)
            event.date = EventDate(when.value, when.text) if when else None
            event.background = is_background(event.date.value if event.date else None, article.published)
            trigger = parsed.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
            if trigger is not None and len(trigger):
                sides = (event.source.id if event.source else None, event.target.id if event.target else None)
                event.claimed_by = claimant(trigger.root, sides, mentions)
        if self.calibrator is not None:
            self.calibrator.apply(document.events)
        document.quotes = find_quotes(parsed, mentions)
        document.quantities = find_quantities(parsed, date_ranges)
        return document
