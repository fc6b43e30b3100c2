"""Blocking and greedy assignment: each new mention joins the best-scoring fused event it is
compatible with, or founds a new one whose id is its own (so an id never changes)."""
# The founder is the first mention fused, not always the lowest id: see fusion_order.

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from flashpoint.fusion.compare import Comparison, compare
from flashpoint.fusion.factors import Knowledge
from flashpoint.fusion.mentions import Mention

# Candidates come from blocks of one type, one country, one named actor or one toll, and one day
# or month (the union of several blocking rules, as record linkage does): a mention is compared
# only with mentions whose date windows can meet its own and that share one of these.
Key = tuple[str, str, str, object]


@dataclass
class Assignment:
    """Where one mention went: its fused event, and the comparison that put it there (None when it founded the event)."""

    mention_id: int
    fused_id: int
    matched_id: int | None
    comparison: Comparison | None


def _periods(mention: Mention, querying: bool) -> list[tuple[str, int]]:
    """The (granularity, period) blocks a mention is filed under, or looked up in (cached):
    days as ordinals, months as year * 12 + month, years."""
    if mention.blocks is None:
        mention.blocks = _compute_periods(mention)
    return mention.blocks[querying]


def _compute_periods(mention: Mention) -> tuple[list, list]:
    """(filed under, looked up in): a day's mention is filed on the days of its window and looks
    in those days and their months; a month's is filed on its month and looks in its days too;
    a year's only meets other years' mentions (and its own story)."""
    if mention.lo is None or mention.hi is None:
        return [], []
    if mention.precision == "year":
        year = [("y", (mention.lo + (mention.hi - mention.lo) / 2).year)]
        return year, year
    first, last = mention.lo.toordinal(), mention.hi.toordinal()
    days = [("d", n) for n in range(first, last + 1)]
    months = sorted({d.year * 12 + d.month for d in (date.fromordinal(n) for n in range(first, last + 1, 27))}
                    | {mention.hi.year * 12 + mention.hi.month})
    month_keys = [("m", m) for m in months]
    if mention.precision == "month":
        return month_keys, month_keys + days
    return days, days + month_keys


@dataclass
class FusionIndex:
    """The mentions already fused, filed by block, and which fused event each belongs to."""

    blocks: dict[Key, list[Mention]] = field(default_factory=lambda: defaultdict(list))
    by_story: dict[str, list[Mention]] = field(default_factory=lambda: defaultdict(list))
    fused_of: dict[int, int] = field(default_factory=dict)
    generic: frozenset[str] = frozenset()  # actor ids that name a kind (knowledge.generic_actors)

    def add(self, mention: Mention, fused_id: int) -> None:
        self.fused_of[mention.id] = fused_id
        self.by_story[mention.story].append(mention)
        for key in self._keys(mention):
            for period in _periods(mention, querying=False):
                self.blocks[(mention.type, key, *period)].append(mention)

    def _keys(self, mention: Mention) -> list[str]:
        """The blocks of its places' countries (its own and those its sentence names), one per actor it names (not a mere kind) and one for its
        toll: a mention with no country meets the others through the actors or the toll they
        share (and its own story)."""
        keys = sorted({f"c:{place.country}" for place in mention.places if place.country})
        if mention.fatalities is not None:
            keys.append(f"f:{mention.fatalities}")
        for actor_id in (mention.source_id, mention.target_id):
            if actor_id and actor_id not in self.generic:
                keys.append(f"a:{actor_id}")
        return keys

    def candidates(self, mention: Mention) -> list[Mention]:
        """Fused mentions in the blocks `mention` falls in, and those of its own story, by id."""
        found: dict[int, Mention] = {m.id: m for m in self.by_story.get(mention.story, ())}
        for key in self._keys(mention):
            for period in _periods(mention, querying=True):
                for other in self.blocks.get((mention.type, key, *period), ()):
                    found[other.id] = other
        return [found[i] for i in sorted(found) if found[i].type == mention.type]


def best_event(mention: Mention, index: FusionIndex, knowledge: Knowledge) -> tuple[int, int, Comparison] | None:
    """(fused id, matched mention id, comparison) of the best compatible fused event, if any
    reaches the threshold: the event of the best-scoring mention (best link; an event is never
    merged with another afterwards, so ids stay put)."""
    by_event: dict[int, list[tuple[Mention, Comparison]]] = defaultdict(list)
    for other in index.candidates(mention):
        by_event[index.fused_of[other.id]].append((other, compare(mention, other, knowledge)))
    best: tuple[float, int, int, Comparison] | None = None
    for fused_id, pairs in sorted(by_event.items()):
        other, comparison = max(pairs, key=lambda pair: (pair[1].score, -pair[0].id))
        if comparison.score >= knowledge.threshold and (best is None or comparison.score > best[0]):
            best = (comparison.score, fused_id, other.id, comparison)
    return None if best is None else best[1:]


def informativeness(mention: Mention, knowledge: Knowledge) -> int:
    """How much a mention says about its event: a day, a place, known actors, a toll. Within an
    article the most telling mentions are fused first, so that a vague headline joins the event
    its body tells instead of founding one of its own."""
    known = lambda actor_id: actor_id is not None and actor_id not in knowledge.generic_actors  # noqa: E731
    return (4 * (mention.precision == "day") + 2 * bool(mention.places) + known(mention.source_id)
            + known(mention.target_id) + (mention.fatalities is not None))


def fusion_order(mentions: Iterable[Mention], knowledge: Knowledge) -> list[Mention]:
    """Articles in the order they were stored (by their first mention's id), and within one
    article the most informative mentions first. An article is always fused whole in one run,
    so incremental fusion meets the mentions in the order a rebuild does."""
    mentions = list(mentions)
    first: dict[str, int] = {}
    for mention in mentions:
        first[mention.article_id] = min(first.get(mention.article_id, mention.id), mention.id)
    return sorted(mentions, key=lambda m: (first[m.article_id], -informativeness(m, knowledge), m.id))


def assign(mentions: Iterable[Mention], index: FusionIndex, knowledge: Knowledge) -> list[Assignment]:
    """Fuse `mentions` into the events of `index`, which grows as they join (fusion_order)."""
    assignments = []
    for mention in fusion_order(mentions, knowledge):
        found = best_event(mention, index, knowledge)
        if found is None:
            assignments.append(Assignment(mention.id, mention.id, None, None))
            index.add(mention, mention.id)
        else:
            fused_id, matched_id, comparison = found
            assignments.append(Assignment(mention.id, fused_id, matched_id, comparison))
            index.add(mention, fused_id)
    return assignments
