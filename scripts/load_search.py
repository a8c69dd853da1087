#!/usr/bin/env python3
"""The searching process of scripts/load.py: runs a query set as the app does and writes
per-query figures and its own memory as JSON. Not a test.

    python scripts/load_search.py INDEX QUERIES.json OUT.json [--limit 20] [--facets]

One Searcher, reused and refreshed before each query (as tui/screens/loaders.py does), so
commits made by another process meanwhile are picked up and their cost is counted.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index import search as search_mod  # noqa: E402
from index.query import QueryError  # noqa: E402
from index.search import Searcher  # noqa: E402


def status_mb(field: str) -> float:
    text = Path("/proc/self/status").read_text()
    m = re.search(rf"^{field}:\s+(\d+) kB", text, re.M)
    return int(m.group(1)) / 1024 if m else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("index", type=Path)
    ap.add_argument("queries", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--limit", type=int, default=20, help="rows per query, each with a snippet")
    ap.add_argument("--facets", action="store_true", help="count facets too (as `brief search`)")
    ap.add_argument("--warm", type=int, default=5, help="untimed queries first")
    args = ap.parse_args()
    queries = [tuple(q) for q in json.loads(args.queries.read_text())]

    # Count the queries that take Whoosh's time-limited path (the engine cannot run them).
    fallbacks = [0]
    whoosh_path = search_mod.Searcher._run_whoosh

    def counted(self, *a, **k):  # type: ignore[no-untyped-def]
        fallbacks[0] += 1
        return whoosh_path(self, *a, **k)

    search_mod.Searcher._run_whoosh = counted  # type: ignore[method-assign]
    t0 = time.perf_counter()
    searcher = Searcher(args.index)
    open_ms = (time.perf_counter() - t0) * 1000
    rss_open = status_mb("VmRSS")
    for _, q in queries[: args.warm]:
        try:
            searcher.search(q, limit=args.limit, facets=args.facets)
        except QueryError:
            pass
    rows, rss_max = [], 0.0
    for kind, q in queries:
        before, error, res = fallbacks[0], "", None
        wall = time.time()
        t0 = time.perf_counter()
        try:
            searcher.refresh()
            res = searcher.search(q, limit=args.limit, facets=args.facets)
        except QueryError as exc:
            error = str(exc)
        ms = (time.perf_counter() - t0) * 1000
        rows.append({
            "kind": kind, "query": q, "ms": ms, "start": wall, "end": wall + ms / 1000,
            "error": error, "total": res.total if res else 0, "hits": len(res.hits) if res else 0,
            "partial": bool(res and res.partial), "whoosh": fallbacks[0] > before,
            "snipped": sum(1 for h in res.hits if h.snippet) if res else 0,
        })
        rss_max = max(rss_max, status_mb("VmRSS"))
    searcher.close()
    args.out.write_text(json.dumps({
        "rows": rows, "open_ms": open_ms, "rss_open_mb": rss_open, "rss_max_mb": rss_max,
        "hwm_mb": status_mb("VmHWM"), "time_limit_s": search_mod.TIME_LIMIT,
    }))


if __name__ == "__main__":
    main()
