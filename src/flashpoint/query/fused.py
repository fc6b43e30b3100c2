"""Fused events out of the store: each with its counts, corroboration, toll and mentions."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import duckdb

from flashpoint.query.events import api_event, marks, rows_by_id, sentence_spans, with_articles

# Which mentions each fused event has (by the fused_mentions index), and how each joined.
LINKS_OF = "SELECT mention_id, fused_id, matched_id, score FROM fused_mentions WHERE fused_id IN ({})"


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def mention_summary(row: dict[str, Any]) -> dict[str, Any]:
    """A mention as a fused event lists it: where it was reported and its evidence."""
    return {
        "id": row["id"],
        "article_id": row["article_id"],
        "doc_id": row.get("article_doc_id"),
        "outlet": row.get("article_outlet"),
        "url": row.get("article_url"),
        "published": row.get("article_published"),
        "near_duplicate_of": row.get("article_duplicate_of"),
        "sentence": row["sentence_text"],
        "trigger": row["trigger_text"],
        "status": row["status"],
        "fatalities": row["fatalities"],
    }


def fused_event(row: dict[str, Any], mentions: list[dict[str, Any]]) -> dict[str, Any]:
    """A fused_events row (with its article) in the API's shape, its mentions listed."""
    event = api_event(row)
    low, high = row.get("fatalities_low"), row.get("fatalities_high")
    event.update(
        num_mentions=row["num_mentions"], num_articles=row["num_articles"], num_sources=row["num_sources"],
        first_reported=_iso(row["first_reported"]), last_reported=_iso(row["last_reported"]),
        corroboration=row["corroboration"],
        fatalities_range=[low, high] if low is not None else None,
        fatalities_contradicted=bool(row["fatalities_contradicted"]),
        statuses=json.loads(row["status_counts"] or "{}"),
        mentions=[mention_summary(m) for m in mentions],
    )
    return event


def _report_order(row: dict[str, Any]) -> tuple[Any, ...]:
    """Mentions in the order they were reported: undated articles last."""
    published = row.get("article_published")
    return (published is None, published or "", row["article_id"], row["sentence_start"] or 0, row["id"])


# What a fused event's list of mentions shows of each (mention_summary) and orders them by.
SUMMARY_COLUMNS = ("sentence_text", "trigger_text", "status", "fatalities", "sentence_start")


def _mentions_by_event(
    conn: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]], columns: tuple[str, ...] = SUMMARY_COLUMNS,
) -> dict[int, list[dict[str, Any]]]:
    """The mentions of fused events `rows`, each with its article and link, in reported order;
    of each mention `columns` (every column with ()). The fused rows that lack their article
    get it in the same lookup."""
    found: dict[int, list[dict[str, Any]]] = {}
    ids = [int(row["id"]) for row in rows]
    if not ids:
        return found
    links = {r[0]: r[1:] for r in conn.execute(LINKS_OF.format(marks(len(ids))), ids).fetchall()}
    mentions = rows_by_id(conn, "mention", sorted(links), articles=False, columns=columns)
    with_articles(conn, mentions + [row for row in rows if "article_title" not in row])
    for row in sorted(mentions, key=_report_order):
        row["fused_id"], row["matched_id"], row["score"] = links[row["id"]]
        found.setdefault(row["fused_id"], []).append(row)
    return found


def fused_events(conn: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fused rows (of one page or batch) as API events, their mentions fetched by key."""
    mentions = _mentions_by_event(conn, rows)
    return [fused_event(r, mentions.get(int(r["id"]), [])) for r in rows]


def fused_detail(conn: duckdb.DuckDBPyConnection, event_id: int) -> dict[str, Any] | None:
    """One fused event with every mention's evidence side by side: each mention in full (the
    contract's event, its article, marked spans) with the factors that joined it to the event."""
    rows = rows_by_id(conn, "event", [event_id])
    if not rows:  # a mention's id (a trigger clicked in an article): the event it is part of
        found = conn.execute("SELECT fused_id FROM fused_mentions WHERE mention_id = ?", [event_id]).fetchone()
        if found is None or found[0] == event_id:
            return None
        return fused_detail(conn, int(found[0]))
    mentions = _mentions_by_event(conn, rows, columns=()).get(event_id, [])  # evidence: every field
    event = fused_event(rows[0], mentions)
    factors: dict[int, list[dict[str, Any]]] = {}
    ids = [m["id"] for m in mentions]
    for mention_id, factor, level, weight in conn.execute(
        f"SELECT mention_id, factor, level, weight FROM fused_factors WHERE mention_id IN ({marks(len(ids))}) "
        "ORDER BY mention_id, factor", ids
    ).fetchall() if ids else []:
        factors.setdefault(mention_id, []).append({"factor": factor, "level": level, "weight": weight})
    evidence = []
    for row in mentions:
        mention = api_event(row)
        mention["sentence_spans"] = sentence_spans(conn, row)
        mention["near_duplicate_of"] = row.get("article_duplicate_of")
        mention["matched_id"] = row.get("matched_id")
        mention["score"] = row.get("score")
        mention["factors"] = factors.get(row["id"], [])
        evidence.append(mention)
    event["evidence"] = evidence
    lead = [m for m in evidence if m["article_id"] == event["article_id"] and m["sentence"] == event["sentence"]
            and m["trigger"] == event["trigger"]]
    event["sentence_spans"] = lead[0]["sentence_spans"] if lead else sentence_spans(conn, rows[0])
    event["lead_mention_id"] = lead[0]["id"] if lead else event_id  # the mention whose sentence is shown
    return event
