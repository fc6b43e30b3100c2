"""Scoring the extractor on annotated documents, exactly as the SPEC's "How quality is measured" says.

The gold format is described in shared/gold/README.md: events matched by anchor and type, with
modality, source, target, place, date and fatalities; places by Acc@161; quotes; quantities.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flashpoint.errors import GoldFormatError
from flashpoint.models import ActorRef, Article, Document, Event

ACC_KM = 161.0
FIELDS = ("source", "target", "place", "date", "fatalities")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Curly quotes to straight, dashes to "-", white space collapsed, lower case."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip().lower()


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class Ratio:
    right: int = 0
    total: int = 0

    def add(self, right: bool) -> None:
        self.right += int(right)
        self.total += 1

    @property
    def value(self) -> float | None:
        return self.right / self.total if self.total else None


@dataclass
class TypeCounts:
    tp: int = 0
    fp: int = 0
    fn: int = 0


@dataclass
class Report:
    """The SPEC's figures for one annotated set, and the errors behind them."""

    name: str
    documents: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    annotated_events: int = 0  # all statuses and optional ones: zero for a places-only set
    modality_errors: int = 0
    fields: dict[str, Ratio] = field(default_factory=lambda: {f: Ratio() for f in FIELDS})
    places: Ratio = field(default_factory=Ratio)
    quotes: Ratio = field(default_factory=Ratio)
    quantities: Ratio = field(default_factory=Ratio)
    wrong_country: Ratio = field(default_factory=Ratio)  # right = placed in a country no gold toponym has
    false_places: int = 0  # system places that overlap no gold toponym
    place_words: int = 0  # words of the documents that have gold toponyms
    per_type: dict[str, TypeCounts] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    # (confidence, right) for every scored asserted event: the reliability of `confidence`
    confidence: list[tuple[float, bool]] = field(default_factory=list)

    @property
    def gold_events(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if (self.tp + self.fp) else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if (self.tp + self.fn) else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if (p + r) else 0.0

    def type_counts(self, event_type: str) -> TypeCounts:
        return self.per_type.setdefault(event_type, TypeCounts())

    def figures(self) -> dict[str, float | None]:
        """The headline figures (None where there is nothing to count: n/a)."""
        has_events = self.annotated_events > 0
        out: dict[str, float | None] = {
            "event_precision": self.precision if has_events else None,
            "event_recall": self.recall if has_events else None,
            "event_f1": self.f1 if has_events else None,
            "modality_errors": float(self.modality_errors) if has_events else None,
        }
        for name, ratio in self.fields.items():
            out[f"{name}_accuracy"] = ratio.value
        out["places_acc161"] = self.places.value
        out["wrong_country_rate"] = self.wrong_country.value
        out["false_places_per_1000_words"] = (1000 * self.false_places / self.place_words) if self.place_words else None
        out["quotes_found"] = self.quotes.value
        out["quantities_found"] = self.quantities.value
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "set": self.name,
            "documents": self.documents,
            "events": {"tp": self.tp, "fp": self.fp, "fn": self.fn, "modality_errors": self.modality_errors},
            "figures": self.figures(),
            "counts": {
                **{f"{k}": [v.right, v.total] for k, v in self.fields.items()},
                "places": [self.places.right, self.places.total],
                "wrong_country": [self.wrong_country.right, self.wrong_country.total],
                "false_places": [self.false_places, self.place_words],
                "quotes": [self.quotes.right, self.quotes.total],
                "quantities": [self.quantities.right, self.quantities.total],
            },
            "per_type": {t: vars(c) for t, c in sorted(self.per_type.items())},
            "calibration": reliability(self.confidence) if self.annotated_events else None,
        }


CONFIDENCE_BANDS = ((0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))


def reliability(pairs: list[tuple[float, bool]]) -> dict[str, Any]:
    """The Brier score of `confidence` as a probability of being right, and accuracy per band."""
    if not pairs:
        return {"events": 0, "brier": None, "bands": []}
    brier = sum((conf - float(right)) ** 2 for conf, right in pairs) / len(pairs)
    bands = []
    for low, high in CONFIDENCE_BANDS:
        inside = [(c, r) for c, r in pairs if low <= c < high]
        if inside:
            bands.append({"band": f"{low:.1f}-{min(high, 1.0):.1f}", "events": len(inside),
                          "mean_confidence": sum(c for c, _ in inside) / len(inside),
                          "accuracy": sum(r for _, r in inside) / len(inside)})
    return {"events": len(pairs), "brier": brier, "bands": bands}


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """The annotated documents of a gold file, checked enough to score.

    A line without `text` but with `set` (an annotation kept as anchors and document ids only, as
    the held-out set in eval/ is) takes its text, publication date and places from the document of
    that `doc_id` in the named set, looked for beside the gold file, in $FLASHPOINT_GOLD_DIR and in
    ../shared/gold (from the working folder and from the gold file's repository)."""
    documents = []
    sources: dict[str, dict[str, dict[str, Any]]] = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                document = json.loads(line)
            except json.JSONDecodeError as err:
                raise GoldFormatError(f"{path}, line {number}: malformed JSON: {err.msg}") from err
            if isinstance(document, dict) and "text" not in document and isinstance(document.get("set"), str):
                document = _joined(path, number, document, sources)
            if not isinstance(document, dict) or not isinstance(document.get("text"), str):
                raise GoldFormatError(f"{path}, line {number}: a document needs a `text` string")
            documents.append(document)
    return documents


def gold_dirs(path: str | Path) -> list[Path]:
    """Where the texts of an anchors-only annotation may be found, in order."""
    here = Path(path).resolve().parent
    dirs = [Path(d) for d in (os.environ.get("FLASHPOINT_GOLD_DIR"),) if d]
    dirs.append(here)
    dirs.append(Path.cwd().resolve().parent / "shared" / "gold")
    dirs.extend(parent.parent / "shared" / "gold" for parent in here.parents if (parent / "pyproject.toml").is_file())
    return dirs


def _joined(path: str | Path, number: int, annotation: dict[str, Any],
            sources: dict[str, dict[str, dict[str, Any]]]) -> dict[str, Any]:
    """An anchors-only annotation joined with its source document's text, date and places."""
    name = annotation["set"]
    if name not in sources:
        found = next((d / name for d in gold_dirs(path) if (d / name).is_file()), None)
        if found is None:
            raise GoldFormatError(f"{path}, line {number}: the texts of set '{name}' were not found "
                                  f"(looked in {', '.join(str(d) for d in gold_dirs(path))})")
        sources[name] = {doc.get("doc_id"): doc for doc in read_gold(found)}
    source = sources[name].get(annotation.get("doc_id"))
    if source is None:
        raise GoldFormatError(f"{path}, line {number}: no document '{annotation.get('doc_id')}' in {name}")
    joined = {**annotation, "text": source["text"], "places": source.get("places") or []}
    joined.setdefault("published", source.get("published"))
    for key in ("quotes", "quantities"):
        joined.setdefault(key, [])
    return joined


def _event_matches(event: Event, gold: dict[str, Any]) -> bool:
    return normalise(gold.get("anchor") or "") in normalise(event.sentence.text) and event.type in gold["types"]


def _actor_right(ref: ActorRef | None, accepted: list[str | None], aliases: dict[str, list[str]]) -> bool:
    for code in accepted:
        if code is None:
            if ref is None:
                return True
            continue
        if ref is None:
            continue
        if _ISO3.match(code):
            if ref.country == code:
                return True
            continue
        haystack = " ".join(normalise(x or "") for x in (ref.id, ref.name, ref.text))
        if any(normalise(alias) in haystack for alias in aliases.get(code, [])):
            return True
    return False


def _place_right(event: Event, names: str | list[str], gold_places: list[dict[str, Any]]) -> bool:
    if event.place is None:
        return False
    wanted = {normalise(n) for n in ([names] if isinstance(names, str) else names)}
    for entry in gold_places:
        if normalise(entry["text"]) not in wanted or entry.get("country") != event.place.country:
            continue
        if entry.get("lat") is None or entry.get("lon") is None:
            return True
        if event.place.lat is not None and event.place.lon is not None:
            if km_between(entry["lat"], entry["lon"], event.place.lat, event.place.lon) <= ACC_KM:
                return True
    return False


def _score_fields(report: Report, event: Event, gold: dict[str, Any], document: dict[str, Any], doc_id: str) -> None:
    aliases = document.get("aliases") or {}
    checks = {
        "source": lambda: _actor_right(event.source, gold["source"], aliases),
        "target": lambda: _actor_right(event.target, gold["target"], aliases),
        "place": lambda: _place_right(event, gold["place"], document.get("places") or []),
        "date": lambda: event.date is not None and event.date.value.startswith(str(gold["date"])),
        "fatalities": lambda: event.fatalities in gold["fatalities"],
    }
    found = {
        "source": lambda: event.source and f"{event.source.name} ({event.source.country})",
        "target": lambda: event.target and f"{event.target.name} ({event.target.country})",
        "place": lambda: event.place and f"{event.place.name} ({event.place.country})",
        "date": lambda: event.date and event.date.value,
        "fatalities": lambda: event.fatalities,
    }
    for name, check in checks.items():
        if gold.get(name) is None:
            continue
        right = bool(check())
        report.fields[name].add(right)
        if not right:
            report.errors.append({"doc_id": doc_id, "kind": f"wrong {name}", "expected": gold[name],
                                  "found": found[name](), "trigger": event.trigger.text,
                                  "sentence": event.sentence.text})


def _describe(event: Event) -> dict[str, Any]:
    return {
        "type": event.type, "status": event.status, "trigger": event.trigger.text,
        "source": event.source.name if event.source else None,
        "target": event.target.name if event.target else None,
        "sentence": event.sentence.text,
    }


@dataclass
class Matching:
    """How one document's asserted system events meet its annotation (the scorer's one matching)."""

    candidates: list[Event]
    matched: dict[int, dict[str, Any]]  # candidate index -> the asserted gold event it matches
    missed: list[dict[str, Any]]
    optional: set[int]  # candidates unmatched but matching an optional gold event: not scored

    def labels(self) -> list[tuple[Event, bool]]:
        """(event, right) for every scored asserted event: right when it matches an asserted gold event."""
        return [(e, i in self.matched) for i, e in enumerate(self.candidates) if i not in self.optional]


def match_events(system: Document, document: dict[str, Any]) -> Matching:
    """Greedy matching in annotation order: each asserted gold event takes the first unused
    asserted system event whose sentence holds its anchor and whose type it allows."""
    gold_events = document.get("events") or []
    asserted_gold = [g for g in gold_events if g.get("status") == "asserted" and not g.get("optional")]
    optional_gold = [g for g in gold_events if g.get("optional")]
    candidates = [e for e in system.events if e.status == "asserted"]
    matched: dict[int, dict[str, Any]] = {}
    missed = []
    for gold in asserted_gold:
        match = next((i for i, e in enumerate(candidates) if i not in matched and _event_matches(e, gold)), None)
        if match is None:
            missed.append(gold)
        else:
            matched[match] = gold
    optional = {i for i, e in enumerate(candidates)
                if i not in matched and any(_event_matches(e, g) for g in optional_gold)}
    return Matching(candidates, matched, missed, optional)


def score_events(report: Report, system: Document, document: dict[str, Any]) -> None:
    """Event P/R/F1 over asserted events, modality errors, and field accuracy on matches."""
    gold_events = document.get("events") or []
    report.annotated_events += len(gold_events)
    asserted_gold = [g for g in gold_events if g.get("status") == "asserted" and not g.get("optional")]
    other_gold = [g for g in gold_events if g.get("status") != "asserted" and not g.get("optional")]
    matching = match_events(system, document)
    candidates = matching.candidates
    for gold in matching.missed:
        report.fn += 1
        report.type_counts(gold["types"][0]).fn += 1
        report.errors.append({"doc_id": system.doc_id, "kind": "miss", "anchor": gold.get("anchor"), "types": gold["types"]})
    for index, gold in sorted(matching.matched.items(), key=lambda item: asserted_gold.index(item[1])):
        event = candidates[index]
        report.tp += 1
        report.type_counts(event.type).tp += 1
        _score_fields(report, event, gold, document, system.doc_id)
    report.confidence.extend((e.confidence, right) for e, right in matching.labels())
    for index, event in enumerate(candidates):
        if index in matching.matched or index in matching.optional:
            continue
        report.fp += 1
        report.type_counts(event.type).fp += 1
        kind = "false positive"
        if not any(_event_matches(event, g) for g in asserted_gold) and any(_event_matches(event, g) for g in other_gold):
            report.modality_errors += 1
            kind = "modality error"
        report.errors.append({"doc_id": system.doc_id, "kind": kind, **_describe(event)})


def score_places(report: Report, system: Document, document: dict[str, Any]) -> None:
    """Acc@161: a gold toponym is found by a system place overlapping its text, same country, near."""
    for gold in document.get("places") or []:
        wanted = normalise(gold["text"])
        found = False
        for place in system.places:
            text = normalise(place.text)
            if not (wanted in text or text in wanted) or place.country != gold.get("country"):
                continue
            if gold.get("lat") is None or gold.get("lon") is None:
                found = True
            elif place.lat is not None and place.lon is not None:
                found = km_between(gold["lat"], gold["lon"], place.lat, place.lon) <= ACC_KM
            if found:
                break
        report.places.add(found)
        if not found:
            report.errors.append({"doc_id": system.doc_id, "kind": "place missed", "text": gold["text"], "country": gold.get("country")})


def score_place_errors(report: Report, system: Document, document: dict[str, Any]) -> None:
    """Places in a country no gold toponym of the document is in (system places and event places,
    each counted), and system places whose text overlaps no gold toponym (per 1,000 words).

    Only documents with gold toponyms count; places without a country (seas, continents) are not
    counted for the wrong-country rate."""
    gold_places = document.get("places") or []
    if not gold_places:
        return
    countries = {g.get("country") for g in gold_places if g.get("country")}
    wanted = [normalise(g["text"]) for g in gold_places]
    placed = [(p.text, p.name, p.country) for p in system.places]
    placed += [(e.place.text, e.place.name, e.place.country) for e in system.events if e.place is not None]
    for text, name, country in placed:
        if country is None:
            continue
        wrong = country not in countries
        report.wrong_country.add(wrong)
        if wrong:
            report.errors.append({"doc_id": system.doc_id, "kind": "place in a wrong country", "text": text,
                                  "name": name, "country": country})
    report.place_words += len(document["text"].split())
    for place in system.places:
        text = normalise(place.text)
        if not any(w in text or text in w for w in wanted):
            report.false_places += 1
            report.errors.append({"doc_id": system.doc_id, "kind": "place not a gold toponym", "text": place.text,
                                  "name": place.name, "country": place.country})


def score_quotes(report: Report, system: Document, document: dict[str, Any]) -> None:
    for gold in document.get("quotes") or []:
        if gold.get("optional"):
            continue
        anchor = normalise(gold["anchor"])
        speakers = [normalise(s) for s in gold.get("speaker") or []]
        found = False
        for quote in system.quotes:
            if anchor not in normalise(quote.text) or quote.speaker is None:
                continue
            said_by = normalise(f"{quote.speaker.text or ''} | {quote.speaker.name or ''}")
            if any(s in said_by for s in speakers):
                found = True
                break
        report.quotes.add(found)
        if not found:
            report.errors.append({"doc_id": system.doc_id, "kind": "quote missed", "anchor": gold["anchor"], "speaker": gold.get("speaker")})


def score_quantities(report: Report, system: Document, document: dict[str, Any]) -> None:
    used: set[int] = set()
    for gold in document.get("quantities") or []:
        if gold.get("optional"):
            continue
        match = None
        for index, quantity in enumerate(system.quantities):
            if index in used or not math.isclose(float(quantity.value), float(gold["value"]), rel_tol=1e-6):
                continue
            if gold.get("high") is not None and (quantity.high is None or not math.isclose(float(quantity.high), float(gold["high"]), rel_tol=1e-6)):
                continue
            match = index
            break
        if match is not None:
            used.add(match)
        report.quantities.add(match is not None)
        if match is None:
            report.errors.append({"doc_id": system.doc_id, "kind": "quantity missed", "anchor": gold["anchor"], "value": gold["value"], "high": gold.get("high")})


def evaluate_documents(
    name: str,
    gold_documents: list[dict[str, Any]],
    extract_many: Callable[[Iterable[tuple[Article, str]]], Iterator[Document]],
    on_document: Callable[[], None] | None = None,
) -> Report:
    """Run the extractor over the annotated texts and score what it finds."""
    report = Report(name=name)
    items = (
        (Article(text=g["text"], source=g.get("doc_id") or f"doc-{i}", published=g.get("published"), language="en"), g.get("doc_id") or f"doc-{i}")
        for i, g in enumerate(gold_documents)
    )
    for system, gold in zip(extract_many(items), gold_documents):
        report.documents += 1
        score_events(report, system, gold)
        score_places(report, system, gold)
        score_place_errors(report, system, gold)
        score_quotes(report, system, gold)
        score_quantities(report, system, gold)
        if on_document:
            on_document()
    return report


def per_type_rows(report: Report) -> Iterator[dict[str, Any]]:
    if not report.annotated_events:
        return
    for event_type, counts in sorted(report.per_type.items()):
        p = counts.tp / (counts.tp + counts.fp) if counts.tp + counts.fp else None
        r = counts.tp / (counts.tp + counts.fn) if counts.tp + counts.fn else None
        f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
        yield {"type": event_type, "tp": counts.tp, "fp": counts.fp, "fn": counts.fn, "precision": p, "recall": r, "f1": f}

