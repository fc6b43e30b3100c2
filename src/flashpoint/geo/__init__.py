"""Geoparsing: the gazetteer, place recognition and resolution, and event location."""

from flashpoint.geo.gazetteer import Gazetteer
from flashpoint.geo.locate import locate_event
from flashpoint.geo.parser import Geoparser

__all__ = ["Gazetteer", "Geoparser", "locate_event"]
