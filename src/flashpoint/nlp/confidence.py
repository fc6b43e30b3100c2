"""Calibrated confidence: the probability that an asserted event is right, fitted on annotated news.

The extractor's raw score (the trigger word's lexicon confidence, plus a little for each actor
found) ranks events but is no probability. ``scripts/calibrate_confidence.py`` fits a logistic
model of "this event matches an annotated event" over the features below, on the development
sets, and writes its weights to ``data/lexicon/confidence.tsv``; here they turn every event's
features into its ``confidence``. The README shows the reliability table this gives on the
held-out set.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from flashpoint.datafiles import read_table
from flashpoint.errors import DataFileError
from flashpoint.models import ActorRef, Event

_QUOTE_MARKS = ('"', "“", "”")


def _named(ref: ActorRef | None) -> float:
    """An actor the registry or a country word coded (not a bare phrase of the text)."""
    return float(ref is not None and (ref.sector is not None or ref.country is not None))


def features(event: Event, same_sentence: int) -> dict[str, float]:
    """What the model sees of one event; `same_sentence` counts the other events of its sentence."""
    return {
        "bias": 1.0,
        "raw": event.confidence,
        "source": float(event.source is not None),
        "target": float(event.target is not None),
        "source_named": _named(event.source),
        "target_named": _named(event.target),
        "place": float(event.place is not None),
        "date": float(event.date is not None),
        "quoted": float(any(mark in event.sentence.text for mark in _QUOTE_MARKS)),
        "crowded": float(min(same_sentence, 3)),
        "claimed": float(event.claimed_by is not None),
        "background": float(event.background),
        f"type:{event.type}": 1.0,
    }


def feature_rows(events: Sequence[Event]) -> list[dict[str, float]]:
    """Features of every event of one document, in order."""
    per_sentence = Counter(e.sentence.start for e in events)
    return [features(e, per_sentence[e.sentence.start] - 1) for e in events]


@dataclass(frozen=True)
class Calibrator:
    """Logistic weights by feature name; a feature the file does not name weighs nothing."""

    weights: dict[str, float]

    @classmethod
    def load(cls, path: Path | None = None) -> "Calibrator":
        source = path or Path(str(resources.files("flashpoint") / "data" / "lexicon" / "confidence.tsv"))
        weights: dict[str, float] = {}
        for number, row in read_table(source, ["feature", "weight"]):
            try:
                weights[row["feature"]] = float(row["weight"])
            except ValueError:
                raise DataFileError(str(source), number, f"weight '{row['weight']}' is not a number") from None
        if "bias" not in weights:
            raise DataFileError(str(source), 0, "no 'bias' weight")
        return cls(weights)

    def probability(self, row: dict[str, float]) -> float:
        z = sum(self.weights.get(name, 0.0) * value for name, value in row.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def apply(self, events: Sequence[Event]) -> None:
        """Replace each event's raw score by its calibrated probability of being right."""
        for event, row in zip(events, feature_rows(events)):
            event.confidence = round(self.probability(row), 3)
