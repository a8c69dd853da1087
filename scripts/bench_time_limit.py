#!/usr/bin/env python3
"""What the search time limit does to slow queries on an existing index: each query with no
limit, then with the given limits (index/deadline.py). Prints figures; not a test.

    python scripts/bench_time_limit.py INDEX [--limits 0.05 0.1 0.5] [--runs 5] [QUERY ...]

Per query and limit: median milliseconds, how many runs were partial, the briefs matched,
and how many of the 20 hits shown are among the 20 best of the search without a limit
(every hit of a partial search has its full score; it is the best of the briefs it covered).
The machine's other work moves these figures: compare rows from the same run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.search import NO_LIMIT, Searcher  # noqa: E402

SLOW = ['"federal government"', "pro*", "con*", "program OR congress OR federal OR report",
        "congress federal program report agency", "governmant~2", "congress NOT federal"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("index", type=Path)
    ap.add_argument("queries", nargs="*", default=SLOW)
    ap.add_argument("--limits", type=float, nargs="+", default=[0.05, 0.1, 0.5], help="seconds")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    print(f"{'query':42} {'limit':>8} {'median ms':>10} {'partial':>8} {'matched':>8} {'top 20 kept':>12}")
    with Searcher(args.index) as s:
        for q in args.queries:
            s.search(q, time_limit=NO_LIMIT)  # warm: norms, facet lists, word list
            rows = []
            for limit in [NO_LIMIT, *args.limits]:
                runs = [s.search(q, time_limit=limit) for _ in range(args.runs)]
                rows.append((limit, runs))
            best = {h.id for h in rows[0][1][-1].hits}
            for limit, runs in rows:
                ms = statistics.median(r.elapsed_ms for r in runs)
                partial = sum(r.partial for r in runs)
                matched = statistics.median(r.total for r in runs)
                kept = statistics.median(len(best & {h.id for h in r.hits}) for r in runs)
                shown = "none" if limit == NO_LIMIT else f"{limit * 1000:.0f} ms"
                print(f"{q[:42]:42} {shown:>8} {ms:>10.1f} {partial:>5}/{len(runs)} {matched:>8.0f} {kept:>12.0f}")


if __name__ == "__main__":
    main()
