"""Articles out of the store: a page of them, one with every extracted span, and the contract's
document rebuilt from the tables."""

from __future__ import annotations

from typing import Any

import duckdb

from flashpoint.query.events import EVENT_SELECT, EVENTS_FROM, fetch_dicts
from flashpoint.query.params import Cursor, check_limit
from flashpoint.store.rows import event_dict

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
ARTICLE_SORT = "-published"  # newest first; the only order articles are listed in
_PUBLISHED_KEY = "coalesce(a.published, DATE '0001-01-01')"  # undated articles come last
_ARTICLE_FIELDS = (
    "a.id, a.doc_id, a.title, a.outlet, a.url, strftime(a.published, '%Y-%m-%d') AS published, "
    "a.language, a.extraction, a.source, a.duplicate_of, "
    "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events"
)


def list_articles(
    conn: duckdb.DuckDBPyConnection,
    q: str | None = None,
    outlet: str | None = None,
    limit: int | None = None,
    cursor: str | None = None,
) -> dict[str, Any]:
    """A page of articles, newest first: {"articles", "total", "next_cursor"}.
    `q` matches title or text (case-insensitive); `outlet` the outlet's name."""
    limit = check_limit(limit, DEFAULT_LIMIT, MAX_LIMIT)
    after = Cursor.decode(cursor, ARTICLE_SORT, id_type=str)
    clauses, params = ["TRUE"], []
    if q and q.strip():
        clauses.append("(contains(lower(a.title), lower(?)) OR contains(lower(a.text), lower(?)))")
        params += [q.strip(), q.strip()]
    if outlet and outlet.strip():
        clauses.append("lower(a.outlet) = lower(?)")
        params.append(outlet.strip())
    total = int(conn.execute(f"SELECT count(*) FROM articles a WHERE {' AND '.join(clauses)}", params).fetchone()[0])
    if after is not None:
        clauses.append(f"({_PUBLISHED_KEY} < ? OR ({_PUBLISHED_KEY} = ? AND a.id < ?))")
        params += [after.key, after.key, after.id]
    rows = fetch_dicts(
        conn,
        f"SELECT {_ARTICLE_FIELDS}, {_PUBLISHED_KEY} AS sort_key FROM articles a WHERE {' AND '.join(clauses)} "
        f"ORDER BY sort_key DESC, a.id DESC LIMIT ?",
        params + [limit + 1],
    )
    page = rows[:limit]
    next_cursor = None
    if len(rows) > limit:
        next_cursor = Cursor(ARTICLE_SORT, page[-1]["sort_key"], page[-1]["id"]).encode()
    for row in page:
        row.pop("sort_key")
    return {"articles": page, "total": total, "next_cursor": next_cursor}


def article_detail(conn: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """An article with its text and every extracted span in it; None when there is no such article."""
    rows = fetch_dicts(conn, f"SELECT {_ARTICLE_FIELDS}, a.text FROM articles a WHERE a.id = ?", [article_id])
    if not rows:
        return None
    article = rows[0]
    article["spans"] = article_spans(conn, article_id, article["text"])
    return article


def article_spans(conn: duckdb.DuckDBPyConnection, article_id: str, text: str) -> list[dict[str, Any]]:
    """Actors, places, event triggers, event dates, quotes and quantities as offsets into `text`."""
    spans: list[dict[str, Any]] = []
    for start, end, actor_id, name in conn.execute(
        "SELECT m.start_char, m.end_char, m.actor_id, a.name FROM actor_mentions m "
        "LEFT JOIN actors a ON a.article_id = m.article_id AND a.actor_id = m.actor_id WHERE m.article_id = ?",
        [article_id],
    ).fetchall():
        spans.append({"start": start, "end": end, "kind": "actor", "label": name or actor_id, "actor_id": actor_id})
    for start, end, name, country, geonameid in conn.execute(
        "SELECT start_char, end_char, name, country, geonameid FROM places WHERE article_id = ?", [article_id]
    ).fetchall():
        spans.append({"start": start, "end": end, "kind": "place", "label": name, "country": country, "geonameid": geonameid})
    spans += _event_spans(conn, article_id)
    for start, end, speaker in conn.execute(
        "SELECT start_char, end_char, coalesce(speaker_name, speaker_text) FROM quotes WHERE article_id = ?", [article_id]
    ).fetchall():
        spans.append({"start": start, "end": end, "kind": "quote", "label": speaker})
    for start, end, unit, about in conn.execute(
        "SELECT start_char, end_char, unit, about FROM quantities WHERE article_id = ?", [article_id]
    ).fetchall():
        spans.append({"start": start, "end": end, "kind": "quantity", "label": " / ".join(p for p in (unit, about) if p) or None})
    kept = [s for s in spans if s["start"] is not None and 0 <= s["start"] < s["end"] <= len(text)]
    return sorted(kept, key=lambda s: (s["start"], -s["end"], s["kind"]))


def _event_spans(conn: duckdb.DuckDBPyConnection, article_id: str) -> list[dict[str, Any]]:
    """Each event's trigger, and its date expression where the sentence holds it (dates are
    not stored with offsets, so they are found in the event's sentence)."""
    spans: list[dict[str, Any]] = []
    dates_seen: set[tuple[int, int]] = set()
    for event_id, event_type, t_start, t_end, s_start, sentence, date_text, date_value in conn.execute(
        "SELECT id, type, trigger_start, trigger_end, sentence_start, sentence_text, date_text, date_value "
        "FROM events WHERE article_id = ? ORDER BY id",
        [article_id],
    ).fetchall():
        spans.append({"start": t_start, "end": t_end, "kind": "trigger", "label": event_type, "event_id": event_id})
        at = (sentence or "").find(date_text) if date_text else -1
        if at >= 0 and (s_start + at, s_start + at + len(date_text)) not in dates_seen:
            dates_seen.add((s_start + at, s_start + at + len(date_text)))
            spans.append({"start": s_start + at, "end": s_start + at + len(date_text), "kind": "date",
                          "label": date_value, "event_id": event_id})
    return spans


def stored_document(conn: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """The SPEC's extraction contract for a stored article, rebuilt from the tables."""
    rows = fetch_dicts(
        conn,
        "SELECT doc_id, strftime(published, '%Y-%m-%d') AS published, title, url, outlet, language, text "
        "FROM articles WHERE id = ?",
        [article_id],
    )
    if not rows:
        return None
    document = rows[0]
    actors = fetch_dicts(conn, "SELECT actor_id AS id, name, country, sector FROM actors WHERE article_id = ? ORDER BY actor_id", [article_id])
    for actor in actors:
        actor["mentions"] = fetch_dicts(
            conn,
            "SELECT start_char AS start, end_char AS \"end\", text FROM actor_mentions "
            "WHERE article_id = ? AND actor_id = ? ORDER BY start_char",
            [article_id, actor["id"]],
        )
    document["actors"] = actors
    document["places"] = fetch_dicts(
        conn,
        "SELECT text, start_char AS start, end_char AS \"end\", geonameid, name, country, admin1, feature, lat, lon "
        "FROM places WHERE article_id = ? ORDER BY start_char",
        [article_id],
    )
    events = fetch_dicts(conn, f"{EVENT_SELECT} {EVENTS_FROM} WHERE e.article_id = ? ORDER BY e.id", [article_id])
    document["events"] = [_contract_event(row) for row in events]
    document["quotes"] = [
        {"text": q["text"], "start": q["start"], "end": q["end"],
         "speaker": None if q["speaker_text"] is None else
         {"text": q["speaker_text"], "name": q["speaker_name"], "actor_id": q["speaker_actor_id"]}}
        for q in fetch_dicts(
            conn,
            "SELECT text, start_char AS start, end_char AS \"end\", speaker_text, speaker_name, speaker_actor_id "
            "FROM quotes WHERE article_id = ? ORDER BY start_char",
            [article_id],
        )
    ]
    document["quantities"] = fetch_dicts(
        conn,
        "SELECT text, start_char AS start, end_char AS \"end\", value, high, unit, about FROM quantities "
        "WHERE article_id = ? ORDER BY start_char",
        [article_id],
    )
    return document


def _contract_event(row: dict[str, Any]) -> dict[str, Any]:
    """A stored event in the SPEC's shape (the store's id and article left out)."""
    event = event_dict(row)
    del event["id"], event["article_id"]
    if event["place"] is not None:
        del event["place"]["admin1"]
    return event
