"""Audit of event places: every distinct country the example corpus's events are placed in.

Extracts every article under the given paths (default: examples/corpus, what `make run` ingests)
and prints, for each country of an event place, how many events and articles it holds. An event
placed in a country that its article neither names (as a country, through one of its areas or by
its capital) nor borders is listed after the table: an analyst would call it the wrong country.

Usage: .venv/bin/python scripts/audit_places.py [paths ...]
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict

from flashpoint import api
from flashpoint.errors import InputError
from flashpoint.geo import Gazetteer
from flashpoint.geo.text import fold
from flashpoint.models import Document


def named_countries(document: Document, gazetteer: Gazetteer) -> set[str]:
    """Countries the article names: as countries, through one of their areas, or by their capital."""
    named = set()
    for p in document.places:
        if not p.country:
            continue
        if p.feature in ("country", "admin1", "admin2"):
            named.add(p.country)
        elif p.geonameid is not None and any(
                e.capital and e.geonameid == p.geonameid for e in map(gazetteer.entry, (i for i, _ in gazetteer.lookup(fold(p.name))))):
            named.add(p.country)
    return named


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=["examples/corpus"], help="files or folders to extract")
    parser.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
    args = parser.parse_args()

    gazetteer = Gazetteer.load()
    events: Counter[str] = Counter()
    articles: dict[str, set[str]] = defaultdict(set)
    outside = []
    total = placed = 0
    for document in api.extract_paths(args.paths, workers=args.workers):
        if isinstance(document, InputError):
            print(f"not read: {document.source}: {document.reason}")
            continue
        named = named_countries(document, gazetteer)
        near = named | {n for c in named for n in gazetteer.neighbours.get(c, ())}
        for event in document.events:
            total += 1
            if event.place is None:
                continue
            placed += 1
            country = event.place.country or "(none: a sea or region)"
            events[country] += 1
            articles[country].add(document.doc_id)
            if event.place.country and event.place.country not in near:
                outside.append((document.doc_id, event.place.name, event.place.country, event.trigger.text))
    print(f"{total} events, {placed} placed, in {len(events)} countries")
    print(f"{'country':<26} {'events':>6} {'articles':>8}")
    for country, count in events.most_common():
        print(f"{country:<26} {count:>6} {len(articles[country]):>8}")
    print(f"events in a country the article neither names nor borders: {len(outside)}")
    for doc_id, name, country, trigger in outside:
        print(f"  {doc_id}: {name} ({country}), event '{trigger}'")


if __name__ == "__main__":
    main()
