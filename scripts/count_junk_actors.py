"""Count junk actors on the example corpus: actor ids that are no registry entity, no named person
or organisation and no generic agent noun (issue 12: "an actor slot takes a registry entity, a
named person or organisation, or a generic agent noun coded by sector").

    PYTHONPATH=src .venv/bin/python scripts/count_junk_actors.py [PATH...] [--list]

Extracts PATH (default examples/corpus, what `make run` ingests) with the working tree's code,
nothing stored, and judges the words that stand for each actor: the mentions of the document's
actor list and the text of every event's source and target. Words are junk when they are

- a *place* made an actor of its own: a town, region or landmark the geoparser resolved in that
  document, or words headed by "prison", "airport", "market"..., under an id of their own
  ("MALAM_FATORI", "Panorama prison"); a town that stands for its country as an event's target
  ("Kharkiv was shelled" -> UKR) follows PLOVER and the project's tests, and a capital acts for
  its government ("Kigali");
- a *thing or an event*: a lower-case head word that is a vehicle, building, weapon or
  abstraction (the converter's THING_HEADS) or an event noun of the event lexicon ("attack",
  "war") and no agent noun, on a generic agent or an unknown name ("complex terrorist attack"
  -> MILITANTS); a country's own thing ("an army base" -> the army) is its owner, as SPEC codes it;
- *no name*: an id in no registry table, no sector code and no agent noun, or a bare country,
  in words without a capitalised word (a common noun phrase: "weapons", "the bush",
  "16-year-old insurgency"; "car" coded as the Central African Republic).

An actor id of a document is junk when every word standing for it is; an event slot when its
own text is. It prints the count, the share of ids, and with --list every junk id with its reason and words.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from convert_phoenix_actors import THING_HEADS  # noqa: E402

from flashpoint import api  # noqa: E402
from flashpoint.datafiles import read_table  # noqa: E402
from flashpoint.models import Document  # noqa: E402
from flashpoint.nlp.agent_words import _table as agent_table  # noqa: E402
from flashpoint.nlp.event_lexicon import _COLUMNS as _LEXICON_COLUMNS  # noqa: E402
from flashpoint.nlp.registry import SECTORS, load_registry, slug  # noqa: E402

CORPUS = ROOT / "examples" / "corpus"
_PLACE_HEADS = frozenset({"airport", "port", "prison", "village", "market", "camp", "district", "province", "city", "town"})
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "its", "their", "his", "her", "them", "him", "our", "us"})
LEXICON = ROOT / "src" / "flashpoint" / "data" / "lexicon" / "events.tsv"
_LEADING = re.compile(r"^(?:the|a|an|its|their|his|her|our|at least|more than|about|some|\d[\d,]*|"
                      r"one|two|three|four|five|six|seven|eight|nine|ten)\s+", re.I)


def _event_nouns() -> frozenset[str]:
    """Head words of the event lexicon's noun triggers ("attack", "airstrike", "war")."""
    rows = read_table(LEXICON, _LEXICON_COLUMNS)
    return frozenset(row["lemma"].split()[-1].lower() for _, row in rows if row["pos"] == "NOUN")


def _head(text: str) -> str:
    words = re.split(r"\s+(?:of|from|in|on|at|for|with)\s+", text.strip(), maxsplit=1)[0].split()
    return words[-1].strip("\"'”’.,;:") if words else ""


def _singular(word: str) -> set[str]:
    return {word, word[:-1] if word.endswith("s") else word, word[:-2] if word.endswith("es") else word,
            word[:-3] + "y" if word.endswith("ies") else word}


class Judge:
    """Tells an actor id of a document from junk, with the registry and the lexicon loaded once."""

    def __init__(self) -> None:
        registry = load_registry()
        self.known = set(registry.countries) | set(registry.entries) | set(registry.people)
        self.countries = set(registry.countries)
        self.agents = {w.ident for w in agent_table().values()} | {slug(w.label) for w in registry.sectors}
        self.things = THING_HEADS | _event_nouns()
        self.agent_forms = set(agent_table())
        self.agent_heads = {word.split()[-1] for word in self.agent_forms}

    def coded(self, ident: str) -> bool:
        """A registry id, or a country (or group of countries, or region) coded with a sector."""
        if ident in self.known or ident in self.agents:
            return True
        parts = ident.split("_")
        return len(parts) >= 2 and parts[-1] in SECTORS

    def reason(self, ident: str, text: str, generic: bool, document: Document) -> str | None:
        """Why the words ``text`` standing for ``ident`` are no actor, or None when they are one."""
        towns = {p.text.lower() for p in document.places if p.feature != "country"}
        bare = _LEADING.sub("", text).strip()
        if bare.lower() in self.agent_forms or text.split()[0].lower() in _PRONOUNS:
            return None  # an agent noun, or a reference resolved to an earlier actor ("its fighters")
        head = _head(bare)
        low = head.lower()
        if ident not in self.known and not self.coded(ident) and (bare.lower() in towns or head in _PLACE_HEADS):
            return "place"  # "Panorama prison", "the main market of Sennar" made an actor of their own
        thing = bool(_singular(low) & self.things) and not _singular(low) & self.agent_heads
        if thing and head == low and (generic or ident in self.agents or not self.coded(ident)):
            return "thing"
        if (not self.coded(ident) or ident in self.countries) and not re.search(r"\b[A-Z]", bare):
            return "no name"  # "the bush"; "car" coded as the Central African Republic
        return None


def count(paths: list[str], show: bool) -> dict[str, int]:
    """Junk ids (every word standing for the id is junk) and junk event slots over ``paths``."""
    judge = Judge()
    tally = {"ids": 0, "junk ids": 0, "slots": 0, "junk slots": 0}
    for document in api.extract_paths(paths):
        if not isinstance(document, Document):
            continue
        seen: dict[str, list[tuple[str, bool]]] = {}
        for actor in document.actors:
            seen.setdefault(actor.id, []).extend((m.text, bool(actor.generic)) for m in actor.mentions)
        for event in document.events:
            for ref in (event.source, event.target):
                if ref is None:
                    continue
                seen.setdefault(ref.id, []).append((ref.text, bool(ref.generic)))
                tally["slots"] += 1
                why = judge.reason(ref.id, ref.text, bool(ref.generic), document)
                if why is not None:
                    tally["junk slots"] += 1
                    if show:
                        print(f"slot {why:8} {document.doc_id[:36]:36} {ref.id:28} {ref.text!r}")
        for ident, texts in sorted(seen.items()):
            tally["ids"] += 1
            reasons = [judge.reason(ident, text, generic, document) for text, generic in texts]
            if all(reasons):
                tally["junk ids"] += 1
                if show:
                    print(f"id   {reasons[0]:8} {document.doc_id[:36]:36} {ident:28} {sorted({t for t, _ in texts})}")
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", default=[str(CORPUS)])
    parser.add_argument("--list", action="store_true", help="print every junk id with its reason")
    args = parser.parse_args()
    tally = count(args.paths, args.list)
    print(f"junk actor ids: {tally['junk ids']} of {tally['ids']} ({tally['junk ids'] / max(tally['ids'], 1):.1%}); "
          f"junk event slots: {tally['junk slots']} of {tally['slots']} ({tally['junk slots'] / max(tally['slots'], 1):.1%})")


if __name__ == "__main__":
    main()
