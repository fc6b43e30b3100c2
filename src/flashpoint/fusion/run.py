"""Fusing the store: new mentions join existing events or found new ones; --rebuild starts over."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import duckdb

from flashpoint.fusion import factors
from flashpoint.fusion.assign import Assignment, FusionIndex, assign
from flashpoint.fusion.mentions import Mention, load_mentions
from flashpoint.fusion.summary import summarise
from flashpoint.store import fused as tables

# How far outside the new mentions' days already-fused mentions are loaded as candidates: more
# than the widest window (a month and its slack), so incremental fusion sees what a rebuild sees.
CANDIDATE_MARGIN = timedelta(days=40)
DAY_MARGIN = timedelta(days=7)  # more than any window of a day or a publication date


@dataclass
class FuseReport:
    mentions: int  # mentions fused in this run
    joined: int  # of which joined an event (the rest founded one)
    events: int  # fused events written (new or changed)
    total_events: int  # fused events in the store

    def summary(self) -> str:
        return (f"fused {self.mentions} mentions ({self.joined} joined an event); "
                f"{self.events} events written, {self.total_events} in the store")


def fuse(conn: duckdb.DuckDBPyConnection, rebuild: bool = False, knowledge: factors.Knowledge | None = None) -> FuseReport:
    """Fuse every mention not yet fused (all of them with `rebuild`), in one transaction."""
    knowledge = knowledge or factors.load()
    conn.execute("BEGIN TRANSACTION")
    try:
        if rebuild:
            tables.clear(conn)
        report = _fuse_pending(conn, knowledge)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return report


def _existing_candidates(conn: duckdb.DuckDBPyConnection, pending: list[Mention], knowledge: factors.Knowledge) -> list[Mention]:
    """Fused mentions that blocking could pair with `pending`: same types, nearby days (or only a
    year), or the same stories."""
    days = [d for m in pending for d in (m.lo, m.hi) if d is not None]
    types = sorted({m.type for m in pending})
    stories = sorted({m.story for m in pending})
    near = "FALSE"
    params: list[object] = [types]
    if days:
        # a day's mention is filed under the days of its window, a month's under its month
        first, last = min(days), max(days)
        near = ("(length(e.date_value) = 4 OR e.day BETWEEN ? AND ? "
                "OR (length(e.date_value) = 7 AND e.day BETWEEN ? AND ?))")
        params += [first - DAY_MARGIN, last + DAY_MARGIN, first - CANDIDATE_MARGIN, last + CANDIDATE_MARGIN]
    countries = "TRUE"
    if all(m.place_country for m in pending):  # blocks of their countries, and of unknown ones
        countries = "(e.place_country IS NULL OR e.place_country IN (SELECT unnest(?)))"
        params.append(sorted({m.place_country for m in pending}))
    where = (f"fm.fused_id IS NOT NULL AND ((e.type IN (SELECT unnest(?)) AND {near} AND {countries}) "
             "OR coalesce(a.duplicate_of, a.id) IN (SELECT unnest(?)))")
    return load_mentions(conn, where, params + [stories], knowledge)


def _fuse_pending(conn: duckdb.DuckDBPyConnection, knowledge: factors.Knowledge) -> FuseReport:
    pending = load_mentions(conn, "fm.fused_id IS NULL", [], knowledge)
    touched: set[int] = set()
    assignments: list[Assignment] = []
    if pending:
        index = FusionIndex()
        stories = {m.story for m in pending}
        for mention in _existing_candidates(conn, pending, knowledge):
            assert mention.fused_id is not None
            index.add(mention, mention.fused_id)
            if mention.story in stories:  # its story's originality may have changed (syndication)
                touched.add(mention.fused_id)
        assignments = assign(pending, index, knowledge)
        links, factor_rows = [], []
        for a in assignments:
            touched.add(a.fused_id)
            links.append([a.mention_id, a.fused_id, a.matched_id, a.comparison.score if a.comparison else None])
            if a.comparison:
                factor_rows += [[a.mention_id, f.factor, f.level, f.weight] for f in a.comparison.factors]
        tables.write_links(conn, links, factor_rows)
    by_event: dict[int, list[dict]] = {}
    for row in tables.mention_rows(conn, touched):
        by_event.setdefault(row["fused_id"], []).append(row)
    tables.replace_events(conn, [summarise(fused_id, rows, knowledge) for fused_id, rows in sorted(by_event.items())])
    total = int(conn.execute("SELECT count(*) FROM fused_events").fetchone()[0])
    joined = sum(1 for a in assignments if a.comparison is not None)
    return FuseReport(len(pending), joined, len(by_event), total)
