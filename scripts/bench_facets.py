#!/usr/bin/env python3
"""Figures for the app's filter picker (ctrl+f): facet counts of a query, or of every brief.

    python scripts/bench_facets.py --index-dir /tmp/b/10000/index report space ""

For each query ("" is the empty search box: every brief), times `tui.facets.count` as the
picker runs it: sources, tags, years and entities counted over every match. "first" is the
first call in the process (it opens a searcher and reads the per-document tables: the
entities of every brief, once per index generation); then the median and the slowest of
`--runs` more, with CPU time beside wall time (steadier on a shared machine). Read only:
the index is never written. Not a test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui import facets  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--index-dir", required=True, type=Path)
    ap.add_argument("--runs", type=int, default=8)
    ap.add_argument("queries", nargs="+", help='queries to count ("" for every brief)')
    args = ap.parse_args()
    for query in args.queries:
        wall, cpu = [], []
        for _ in range(args.runs + 1):
            t0, c0 = time.perf_counter(), time.process_time()
            counts = facets.count(args.index_dir, query, "relevance")
            wall.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        top = ", ".join(f"{v.label} {v.count}" for v in counts.values.get("entity", [])[:2])
        print(f"{query or '(every brief)'!r:>16}: {counts.total:6d} briefs   first {wall[0]:7.1f} ms "
              f"({cpu[0]:.1f} CPU)   then median {statistics.median(wall[1:]):6.1f} ms "
              f"({statistics.median(cpu[1:]):.1f} CPU), slowest {max(wall[1:]):6.1f} ms"
              f"{'   PARTIAL' if getattr(counts, 'partial', False) else ''}")
        print(f"{'':18}top entities: {top}")


if __name__ == "__main__":
    main()
