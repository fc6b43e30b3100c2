"""Fusion's knowledge, read from data/fusion/: factor weights, settings, date windows, toll cues."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from flashpoint.datafiles import read_table
from flashpoint.errors import DataFileError

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "fusion"
VETO = -math.inf
# The levels compare.py gives each factor; the data file must weigh every one of them.
LEVELS = {
    "type": ("same_mode", "mode_unknown", "other_mode", "other_type"),
    "status": ("same", "asserted_and_denied", "plan_and_act"),
    "date": ("same_day", "overlap", "disjoint"),
    "place": ("same", "near", "contains", "one_unknown", "both_unknown", "nearby", "far"),
    "source": ("same", "same_kind", "one_unknown", "different"),
    "target": ("same", "same_kind", "one_unknown", "different"),
    "fatalities": ("same", "one_unknown", "different"),
    "article": ("same_article", "same_story", "other"),
    "sentence": ("identical", "different"),
}
SETTINGS = ("threshold", "near_km", "far_km")


@dataclass(frozen=True)
class Knowledge:
    """Everything fusion decides by: weights[factor][level], the threshold, distances, windows."""

    weights: dict[str, dict[str, float]]
    threshold: float
    near_km: float
    far_km: float
    windows: dict[str, tuple[int, int]]  # precision -> (days before, days after)
    toll_cues: tuple[str, ...]
    generic_actors: frozenset[str] = frozenset()  # ids of kinds, not identities ("MILITANTS")


def _number(path: Path, line: int, value: str, what: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise DataFileError(str(path), line, f"{what} must be a number, got {value!r}") from None


def read_weights(path: Path) -> dict[str, dict[str, float]]:
    weights: dict[str, dict[str, float]] = {}
    for line, row in read_table(path, ["factor", "level", "weight", "description"]):
        factor, level = row["factor"], row["level"]
        if level not in LEVELS.get(factor, ()):
            raise DataFileError(str(path), line, f"unknown factor/level {factor}/{level} (known: {', '.join(f'{f}/{lv}' for f, lvs in LEVELS.items() for lv in lvs)})")
        weight = VETO if row["weight"] == "veto" else _number(path, line, row["weight"], "weight")
        weights.setdefault(factor, {})[level] = weight
    for factor, levels in LEVELS.items():
        missing = [lv for lv in levels if lv not in weights.get(factor, {})]
        if missing:
            raise DataFileError(str(path), 0, f"no weight for {factor}/{missing[0]}")
    return weights


def read_settings(path: Path) -> dict[str, float]:
    settings = {}
    for line, row in read_table(path, ["setting", "value", "description"]):
        if row["setting"] not in SETTINGS:
            raise DataFileError(str(path), line, f"unknown setting {row['setting']!r} (known: {', '.join(SETTINGS)})")
        settings[row["setting"]] = _number(path, line, row["value"], row["setting"])
    for name in SETTINGS:
        if name not in settings:
            raise DataFileError(str(path), 0, f"setting {name} is missing")
    return settings


def read_windows(path: Path) -> dict[str, tuple[int, int]]:
    windows = {}
    for line, row in read_table(path, ["precision", "before", "after", "description"]):
        windows[row["precision"]] = (int(_number(path, line, row["before"], "before")), int(_number(path, line, row["after"], "after")))
    for name in ("day", "month", "year", "published"):
        if name not in windows:
            raise DataFileError(str(path), 0, f"no window for precision {name}")
    return windows


SECTORS = DATA_DIR.parent / "actors" / "sectors.tsv"


def read_generic_actors(path: Path = SECTORS) -> frozenset[str]:
    """The ids extraction gives a bare sector word with no country or group ("the gunmen" ->
    MILITANTS, "civilians" -> CIVILIANS): data/actors/sectors.tsv's labels of the words that
    stand alone as a generic actor, made ids as the registry makes them."""
    ids = set()
    for _, row in read_table(path, ["words", "sector", "label", "alone", "weak"]):
        if row["alone"] in ("group", "generic") and row["label"]:
            ids.add(re.sub(r"[^A-Z0-9]+", "_", row["label"].upper()).strip("_"))
    return frozenset(ids)


@lru_cache(maxsize=4)
def load(data_dir: str = str(DATA_DIR)) -> Knowledge:
    """The fusion knowledge in `data_dir` (default: the package's data/fusion), read once."""
    folder = Path(data_dir)
    settings = read_settings(folder / "settings.tsv")
    cues = tuple(row["cue"].lower() for _, row in read_table(folder / "toll_revisions.tsv", ["cue", "description"]) if row["cue"])
    return Knowledge(
        weights=read_weights(folder / "factors.tsv"),
        threshold=settings["threshold"], near_km=settings["near_km"], far_km=settings["far_km"],
        windows=read_windows(folder / "date_windows.tsv"), toll_cues=cues,
        generic_actors=read_generic_actors(),
    )
