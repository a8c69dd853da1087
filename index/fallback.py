"""Queries the engine (index/engine.py) cannot run: Whoosh's own matchers and collectors,
stopped by Whoosh's time-limited collector (a real-time timer, checked between matches)."""

from __future__ import annotations

from whoosh import query as wq
from whoosh.collectors import SortingCollector, TimeLimit, TimeLimitCollector, TopCollector, WrappingCollector
from whoosh.sorting import FieldFacet


class _Recorder(WrappingCollector):
    """Remembers every matching document while the child scores the top N, so that the
    total and the facet counts come from the same pass (not a second run of the query)."""

    def __init__(self, child):  # type: ignore[no-untyped-def]
        super().__init__(child)
        self.seen: list[int] = []

    def collect(self, sub_docnum):  # type: ignore[no-untyped-def]
        self.seen.append(self.child.offset + sub_docnum)
        return self.child.collect(sub_docnum)


def run_whoosh(
    searcher, q: wq.Query, wanted: int, sort: str, time_limit: float  # type: ignore[no-untyped-def]
) -> tuple[list[tuple[int, float]], frozenset[int], bool]:
    """(top `wanted` (doc number, score), every match, stopped at the time limit)."""
    # No block-quality skipping and no matcher replacement: every match must reach the
    # recorder, which gives the total and the facets without running the query twice.
    if sort == "date":
        top = SortingCollector(FieldFacet("sortdate", reverse=True), limit=wanted)
    else:
        top = TopCollector(limit=wanted, usequality=False, replace=0)
    recorder = _Recorder(top)
    # The timer needs a positive limit, and one it can wait for when there is no limit.
    timed = TimeLimitCollector(recorder, timelimit=min(max(time_limit, 0.001), 86400.0), use_alarm=False)
    partial = False
    try:
        searcher.search_with_collector(q, timed)
    except TimeLimit:
        partial = True
    found = [(hit.docnum, hit.score or 0.0) for hit in timed.results()]
    if sort == "date":  # the collector gives the sort key as the score
        found = [(d, 0.0) for d, _ in found]
    return found, frozenset(recorder.seen), partial
