"""Fusing the store: new mentions join existing events or found new ones; --rebuild starts over."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

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
    year), the same countries, actors or tolls; or the same stories."""
    types = sorted({m.type for m in pending})
    stories = sorted({m.story for m in pending})
    # The days the pending windows cover, widened: a day's or publication date's candidate is
    # filed on its day (within DAY_MARGIN of a window), a month's on its first day.
    days: set[date] = set()
    months: set[date] = set()
    for m in pending:
        if m.lo is None or m.hi is None or m.precision == "year":
            continue
        first, last = m.lo - DAY_MARGIN, m.hi + DAY_MARGIN
        days.update(first + timedelta(days=i) for i in range((last - first).days + 1))
        months.update(date(d.year, d.month, 1) for d in (first - CANDIDATE_MARGIN, m.lo, m.hi, last + CANDIDATE_MARGIN))
    near = ("(length(e.date_value) = 4 OR (coalesce(length(e.date_value), 10) <> 7 AND e.day IN (SELECT unnest(?))) "
            "OR (length(e.date_value) = 7 AND e.day IN (SELECT unnest(?))))")
    params: list[object] = [types, sorted(days), sorted(_months_between(months))]
    # the blocks of their countries, actors and tolls; a candidate with no place of its own may
    # still name a place in its sentence
    countries = ("(e.place_country IS NULL OR e.place_country IN (SELECT unnest(?)) OR e.source_id IN (SELECT unnest(?)) "
                 "OR e.target_id IN (SELECT unnest(?)) OR e.fatalities IN (SELECT unnest(?)))")
    actors = sorted({a for m in pending for a in (m.source_id, m.target_id) if a})
    tolls = sorted({m.fatalities for m in pending if m.fatalities is not None})
    countries_named = sorted({p.country for m in pending for p in m.places if p.country})
    params += [countries_named, actors, actors, tolls]
    where = (f"fm.fused_id IS NOT NULL AND ((e.type IN (SELECT unnest(?)) AND {near} AND {countries}) "
             "OR coalesce(a.duplicate_of, a.id) IN (SELECT unnest(?)))")
    return load_mentions(conn, where, params + [stories], knowledge)


def _months_between(months: set[date]) -> set[date]:
    """Every first day of a month from each month in `months` to the next two."""
    found = set()
    for month in months:
        for step in range(3):
            year, index = divmod(month.month - 1 + step, 12)
            found.add(date(month.year + year, index + 1, 1))
    return found


def _fuse_pending(conn: duckdb.DuckDBPyConnection, knowledge: factors.Knowledge) -> FuseReport:
    pending = load_mentions(conn, "fm.fused_id IS NULL", [], knowledge)
    touched: set[int] = set()
    assignments: list[Assignment] = []
    if pending:
        index = FusionIndex(generic=knowledge.generic_actors)
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
