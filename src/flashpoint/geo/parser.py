"""Recognise place names in a parsed Doc and resolve each to a gazetteer place.

The work is split by job: mentions.py finds the names, acceptance.py decides which are places,
resolution.py chooses each one's reading and countries.py keeps them to the document's countries.
"""

from __future__ import annotations

from spacy.tokens import Doc

from flashpoint.geo.acceptance import Acceptance
from flashpoint.geo.countries import DocumentCountries
from flashpoint.geo.gazetteer import Gazetteer
from flashpoint.geo.mentions import Mention, Recognition
from flashpoint.geo.resolution import Resolution
from flashpoint.models import Place
from flashpoint.nlp.docview import views_kept

__all__ = ["Geoparser", "Mention"]


class Geoparser(Recognition, Acceptance, Resolution, DocumentCountries):
    """Finds places in a Doc: spaCy's place entities plus gazetteer names in capitalised text."""

    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer

    def find_places(self, doc: Doc) -> list[Place]:
        """Every place mention in the doc, resolved, in text order."""
        with views_kept(doc):  # the rules read the same words many times
            return self._find_places(doc)

    def _find_places(self, doc: Doc) -> list[Place]:
        mentions = self._mentions(doc)
        if not mentions:
            return []
        self._link_context(doc, mentions)
        self._resolve(doc, mentions)
        places = []
        for m in mentions:
            if m.choice is None or m.street or m.choice.feature == "country" and self._nationality(doc, m):
                continue  # a nationality still tells which countries the text is about, but is no place
            e = m.choice
            end = m.end_with_cue or m.end
            while end > m.start + 1 and doc[end - 1].is_space:
                end -= 1
            span = doc[m.start:end]
            places.append(Place(text=span.text, start=span.start_char, end=span.end_char,
                                geonameid=e.geonameid, name=e.name, country=e.country,
                                admin1=e.admin1, feature=e.feature, lat=e.lat, lon=e.lon))
        return places
