"""A fused event's fields from its mentions: counts, the most precise place and date, the toll,
the status and how well it is corroborated."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

from flashpoint.fusion.factors import Knowledge
from flashpoint.store.rows import event_day

# How precise a place is, by its gazetteer feature: a town or named site beats a province.
_PLACE_RANK = {"feature": 4, "city": 4, "region": 2, "admin1": 1, "country": 0}
_DATE_RANK = {10: 3, 7: 2, 4: 1}
_FIGURE = re.compile(r"\s+(?:at least |about |around )?(\d{1,3}(?:,\d{3})*|\d+)\b")
_ACTOR = ("id", "name", "text", "country", "sector", "generic")
_PLACE = ("text", "name", "country", "lat", "lon", "geonameid", "admin1")


def _outlet(row: dict[str, Any]) -> str:
    return (row.get("article_outlet") or "").strip().lower() or f"article:{row['article_id']}"


def _published(row: dict[str, Any]) -> date:
    return row.get("article_published") or date.max


def _most_cited(rows: Sequence[dict[str, Any]], key: str, rank: Any = None) -> dict[str, Any] | None:
    """The row whose `key` value ranks highest (by `rank`), then is cited most, then came first."""
    cited = [r for r in rows if r.get(key) is not None]
    if not cited:
        return None
    counts = Counter(r[key] for r in cited)
    return min(cited, key=lambda r: (-(rank(r) if rank else 0), -counts[r[key]], r["id"]))


def revised_figure(sentence: str, knowledge: Knowledge) -> int | None:
    """The figure a sentence revises a toll to ("the death toll rose to 19"), if it does."""
    lowered = sentence.lower()
    for cue in knowledge.toll_cues:
        at = lowered.find(cue)
        if at >= 0:
            found = _FIGURE.match(lowered, at + len(cue))
            if found:
                return int(found.group(1).replace(",", ""))
    return None


def _with_revised_figure(row: dict[str, Any], knowledge: Knowledge) -> dict[str, Any]:
    """The mention with the figure its sentence revises the toll to, when extraction gave none."""
    if row.get("fatalities") is None:
        figure = revised_figure(row.get("sentence_text") or "", knowledge)
        if figure is not None:
            return {**row, "fatalities": figure}
    return row


def toll(rows: Sequence[dict[str, Any]], knowledge: Knowledge) -> tuple[int | None, int | None, int | None, bool]:
    """(figure, low, high, contradicted). The latest revised figure ("toll rose to") wins, else the
    figure most independent reports give. Independent outlets disagreeing on figures that no later
    revision supersedes is a contradicted toll."""
    rows = [_with_revised_figure(r, knowledge) for r in rows]
    figures = [r for r in rows if r.get("fatalities") is not None]
    if not figures:
        return None, None, None, False
    values = [r["fatalities"] for r in figures]
    independent = [r for r in figures if r.get("article_duplicate_of") is None] or figures
    revised = [r for r in independent if any(cue in (r.get("sentence_text") or "").lower() for cue in knowledge.toll_cues)]
    current = independent
    if revised:
        latest = max(revised, key=lambda r: (_published(r), r["id"]))
        figure = latest["fatalities"]
        current = [r for r in independent if _published(r) >= _published(latest)]
    else:
        # cited by the most articles; a tie goes to the latest report
        counts = Counter(value for value, _ in {(r["fatalities"], r["article_id"]) for r in independent})
        figure = max(independent, key=lambda r: (counts[r["fatalities"]], _published(r), r["id"]))["fatalities"]
    by_outlet: dict[str, set[int]] = {}
    for r in current:
        by_outlet.setdefault(_outlet(r), set()).add(r["fatalities"])
    outlets = list(by_outlet.values())
    contradicted = any(a != b for i, sa in enumerate(outlets) for sb in outlets[i + 1:] for a in sa for b in sb)
    return figure, min(values), max(values), contradicted


def _telling(row: dict[str, Any]) -> int:
    """How much a mention's sentence tells (as assign.informativeness): the event's lead
    sentence is the most telling of the earliest original report, not its headline."""
    return (4 * (len(row.get("date_value") or "") == 10) + 2 * (row.get("place_name") is not None)
            + (row.get("source_id") is not None) + (row.get("target_id") is not None) + (row.get("fatalities") is not None))


def summarise(fused_id: int, rows: Sequence[dict[str, Any]], knowledge: Knowledge) -> dict[str, Any]:
    """The fused_events row of the event `fused_id` whose mentions (events rows joined with their
    article's published, outlet and duplicate_of) are `rows`."""
    originals = [r for r in rows if r.get("article_duplicate_of") is None] or list(rows)
    lead = min(originals, key=lambda r: (_published(r), -_telling(r), r["id"]))
    fused: dict[str, Any] = {k: lead.get(k) for k in (
        "article_id", "type", "cameo", "sentence_start", "sentence_end", "sentence_text",
        "trigger_start", "trigger_end", "trigger_text")}
    fused["id"] = fused_id
    modes = Counter(r["mode"] for r in rows if r.get("mode"))
    fused["mode"] = min(modes, key=lambda m: (-modes[m], m)) if modes else None
    for role in ("source", "target"):
        chosen = _most_cited(rows, f"{role}_id")
        for part in _ACTOR:
            fused[f"{role}_{part}"] = chosen[f"{role}_{part}"] if chosen else None
    place = _most_cited(rows, "place_name", lambda r: _PLACE_RANK.get(r.get("place_feature") or "", 3))
    for part in _PLACE:
        fused[f"place_{part}"] = place[f"place_{part}"] if place else None
    dated = _most_cited(rows, "date_value", lambda r: _DATE_RANK.get(len(r["date_value"]), 0))
    fused["date_value"] = dated["date_value"] if dated else None
    fused["date_text"] = dated["date_text"] if dated else None
    published = lead.get("article_published")
    fused["day"] = event_day(fused["date_value"], published.isoformat() if published else None)
    figure, low, high, toll_contradicted = toll(rows, knowledge)
    fused.update(fatalities=figure, fatalities_low=low, fatalities_high=high, fatalities_contradicted=toll_contradicted)
    statuses = Counter(r["status"] for r in rows)
    independent_statuses = {r["status"] for r in originals}
    fused["status"] = "asserted" if "asserted" in independent_statuses else min(statuses, key=lambda s: (-statuses[s], s))
    fused["status_counts"] = json.dumps(dict(sorted(statuses.items())))
    fused["confidence"] = max(r.get("confidence") or 0.0 for r in rows)
    # background only when every mention recalls it as history; a claim only when every
    # independent report rests on a party's word
    fused["background"] = all(bool(r.get("background")) for r in rows)
    claimed = [r for r in originals if r.get("claimed_by")]
    fused["claimed_by"] = claimed[0]["claimed_by"] if claimed and len(claimed) == len(originals) else None
    sources = {_outlet(r) for r in originals}
    # Every mention's outlet, copies' too: the outlet filter matches an event any of them told.
    fused["outlets"] = sorted({r["article_outlet"].lower() for r in rows if r.get("article_outlet")})
    reported = [r["article_published"] for r in rows if r.get("article_published")]
    fused.update(
        num_mentions=len(rows), num_articles=len({r["article_id"] for r in rows}), num_sources=len(sources),
        first_reported=min(reported) if reported else None, last_reported=max(reported) if reported else None,
    )
    denied = "asserted" in independent_statuses and "negated" in independent_statuses
    if denied or toll_contradicted:
        fused["corroboration"] = "contradicted"
    else:
        fused["corroboration"] = "multiple_sources" if len(sources) > 1 else "single_source"
    return fused
