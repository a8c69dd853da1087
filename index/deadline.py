"""The time limit of one search, shared by every stage that can stop early.

A search that would take longer than its limit returns what it found so far and says so
(`Results.partial`) instead of freezing the screen. The stages take the limit in turns, so
that the last ones still have time when the first ran long: typo expansion may use the first
35%; the engine reads whole posting lists until 70% and then narrows its answer (below)
until 85%; facet counts and snippets have the rest. Each stage checks the clock every block
of postings, every few hundred words or documents: never per posting.

When the engine runs out of time it does not drop terms (that would change the scores). It
keeps an exact answer for the briefs numbered below a cut (`Horizon`): every brief there has
its full score, as without a limit, and the briefs past the cut are left out. The terms still
to be read are read only up to the cut, chosen from the reading rate so far to fit the time
left; past 85% the cut is narrowed again, and at the full limit it falls to nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable

EXPAND = 0.35  # share of the limit for expanding typos over the corpus word list
ENGINE = 0.70  # the engine reads posting lists in full until here
NARROW = 0.85  # ... then keeps a doc-number prefix that fits in the time left until here
FINISH = 0.92  # ... and, if still reading at NARROW, a narrower one that fits until here
CHECK_EVERY = 256  # words, candidates or documents between two looks at the clock
TERM_COST = 128  # opening a term's postings costs about as much as reading this many
# Scoring and combining postings, per posting, against reading one: measured 0.6-0.95 for
# words and prefixes at 50,000 briefs (phrases check positions under their own clock).
EVAL_SHARE = 0.9


class Deadline:
    """When one search must stop. `clock` is in seconds (tests give a fake one); `cut` is
    set by whichever stage stopped early because of it (the results are then partial)."""

    def __init__(self, seconds: float | None, clock: Callable[[], float] = time.perf_counter):
        self.clock = clock
        self.seconds = seconds
        self.start = clock()
        self.cut = False

    def at(self, share: float = 1.0) -> float:
        """The clock reading at which `share` of the limit is used up."""
        if self.seconds is None:
            return float("inf")
        return self.start + share * self.seconds

    def passed(self, share: float = 1.0) -> bool:
        return self.seconds is not None and self.clock() >= self.at(share)

    def left(self, share: float = 1.0) -> float:
        """Seconds until `share` of the limit is used up (0 when past it)."""
        if self.seconds is None:
            return float("inf")
        return max(0.0, self.at(share) - self.clock())


class Horizon:
    """The engine's cut: its answer is exact for doc numbers below `cap` (None: all of them).

    `tick(position)` is called every posting block and every few hundred terms or
    candidates; `position` is the first doc number the current loop has not yet dealt with
    (None between loops): at the full limit the cut falls to it, and later loops stop at
    once. `remaining()` lists, per term, (cost of opening it, its postings, the doc number
    it is read up to).
    """

    def __init__(self, deadline: Deadline, doccount: int, remaining: Callable[[], list[tuple[int, int, int]]]):
        self.deadline = deadline
        self.doccount = doccount
        self.remaining = remaining
        self.cap: int | None = None
        self.read = 0  # postings read so far and
        self.opened = 0  # terms opened: with the time spent, the reading rate
        self._narrowed = False

    def tick(self, position: int | None = None) -> None:
        dl = self.deadline
        now = dl.clock()
        if now < dl.at(ENGINE):
            return
        if self.cap is None:
            self.cap = self._fit(now, dl.at(NARROW))
        elif now >= dl.at(1.0):  # out of time: what the current loop has dealt with, if any
            self.cap = min(self.cap, position or 0)
        elif now >= dl.at(NARROW) and not self._narrowed:
            self._narrowed = True
            self.cap = min(self.cap, self._fit(now, dl.at(FINISH)))

    def settle(self) -> None:
        """Every posting read in time: cut now if scoring them all (EVAL_SHARE of the
        reading rate) would run past NARROW. Reading may end just before ENGINE with as
        much scoring left (`con*` at 50,000 briefs: 420 ms read, 280 ms scored)."""
        if self.cap is not None:
            return
        dl = self.deadline
        now = dl.clock()
        if now >= dl.at(ENGINE):  # as the next tick would
            self.cap = self._fit(now, dl.at(NARROW))
            return
        spent, done = now - dl.start, self.read + TERM_COST * self.opened
        if done <= 0 or spent <= 0:
            return
        scoring = EVAL_SHARE * sum(postings for _, postings, _ in self.remaining()) * spent / done
        if now + scoring > dl.at(NARROW):
            self.cap = self._fit(now, dl.at(NARROW))

    def below(self, doc: int) -> bool:
        return self.cap is None or doc < self.cap

    def _fit(self, now: float, until: float) -> int:
        """The largest cut whose remaining work should be done by `until`, at the rate so
        far: each term's postings still to read below the cut (and its opening), then
        scoring every posting below the cut. Postings are assumed spread evenly."""
        spent = now - self.deadline.start
        done = self.read + TERM_COST * self.opened
        terms = self.remaining()
        if not terms or done <= 0 or spent <= 0:
            return self.doccount  # nothing known about the work left, or no rate yet: no cut
        affordable = (until - now) * done / spent
        n = self.doccount

        def cost(cap: int) -> float:
            return sum(
                (opening if cap > at else 0) + postings * (max(0, cap - at) + EVAL_SHARE * cap) / n
                for opening, postings, at in terms
            )

        lo, hi = 0, n  # the largest cap with cost(cap) <= affordable (cost grows with cap)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if cost(mid) <= affordable:
                lo = mid
            else:
                hi = mid - 1
        return lo
