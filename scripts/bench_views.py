#!/usr/bin/env python3
"""Figures for key facts, related briefs and corpus views on an index built by bench.py.

    python scripts/bench.py --sizes 10000 --workdir /tmp/b --keep
    python scripts/bench_views.py --workdir /tmp/b --n 10000

Prints: key-fact extraction CPU per 5 KB (target <= 10 ms), near-duplicate signature CPU
as a share of the measured build (target <= 20%), related briefs median and p95 (targets
<= 50 / 150 ms; with CPU time, steadier than wall time on a shared machine), entity and
glossary look-ups (target <= 50 ms). Not a test.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefs.facts import extract  # noqa: E402
from briefs.load import load_file  # noqa: E402
from index.corpus import entity, entity_total, glossary, timeline  # noqa: E402
from index.dupes import signature  # noqa: E402
from index.related import related  # noqa: E402
from index.search import Searcher  # noqa: E402


def pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--workdir", required=True, type=Path)
    ap.add_argument("--n", type=int, default=10000)
    args = ap.parse_args()
    base = args.workdir / str(args.n)
    briefs_dir, index_dir = base / "briefs", base / "index"
    results = json.loads((args.workdir / "results.json").read_text())["results"]
    build_s = next((r["build_s"] for r in results if r["n"] == args.n), None)
    rng = random.Random(7)
    files = sorted(briefs_dir.rglob("*.md"))
    sample = [b for f in rng.sample(files, min(300, len(files))) for b in load_file(str(f))]
    chars = sum(len(b.body) for b in sample)
    t0 = time.process_time()
    for b in sample:
        extract(b.body, b.date, b.title)
    facts_ms = (time.process_time() - t0) * 1000 / (chars / 5000)
    t0 = time.process_time()
    for b in sample:
        signature(b.body)
    sig_ms = (time.process_time() - t0) * 1000 / len(sample)
    print(f"== {args.n:,} briefs: views ==")
    print(f"  key facts, CPU per 5 KB brief        {facts_ms:8.2f} ms   <= 10 ms   {'PASS' if facts_ms <= 10 else 'FAIL'}")
    if build_s:
        share = sig_ms * args.n / 1000 / build_s
        print(f"  near-duplicate signatures            {sig_ms:8.2f} ms/brief = {share:.1%} of the {build_s:.0f} s build   <= 20%   {'PASS' if share <= 0.2 else 'FAIL'}")
    with Searcher(index_dir) as s:
        ids = list(s._searcher.reader().field_terms("id"))
        times, cpu = [], []
        for brief_id in rng.sample(ids, min(60, len(ids)))[:60]:
            t0, c0 = time.perf_counter(), time.process_time()
            related(s, brief_id, limit=8)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        first, first_cpu = times[0], cpu[0]
        times, cpu = times[10:], cpu[10:]  # the first calls warm caches
        print(f"  related briefs median / p95          {statistics.median(times):8.1f} / {pct(times, 95):.1f} ms   <= 50 / 150 ms   "
              f"{'PASS' if statistics.median(times) <= 50 and pct(times, 95) <= 150 else 'FAIL'}")
        print(f"    (CPU median {statistics.median(cpu):.1f} ms; the first call, with cold caches, "
              f"{first:.1f} ms, {first_cpu:.1f} ms CPU)")
    db = sqlite3.connect(index_dir / "brief-facts.sqlite")
    names = [r[0] for r in db.execute(
        "SELECT name FROM entity GROUP BY name ORDER BY COUNT(DISTINCT id) DESC LIMIT 20")]
    counted = db.execute("SELECT 1 FROM name_count WHERE kind = '' AND name = ''").fetchone()
    db.close()
    if not counted:
        print("  (this index was built before name counts: look-ups count names the slow way; rebuild it)")
    times, with_total = [], []
    for name in names:
        t0 = time.perf_counter()
        entity(index_dir, name, limit=50)
        times.append((time.perf_counter() - t0) * 1000)
        entity_total(index_dir, name)
        with_total.append((time.perf_counter() - t0) * 1000)
    print(f"  entity look-up median / max          {statistics.median(times):8.1f} / {max(times):.1f} ms   <= 50 ms   {'PASS' if max(times) <= 50 else 'FAIL'}")
    print(f"    (with the total, as `brief entity` shows it: median {statistics.median(with_total):.1f}, max {max(with_total):.1f} ms)")
    t0 = time.perf_counter()
    entries = glossary(index_dir)
    g_ms = (time.perf_counter() - t0) * 1000
    print(f"  glossary ({len(entries):,} acronyms)              {g_ms:8.1f} ms   <= 50 ms   {'PASS' if g_ms <= 50 else 'FAIL'}")
    t0 = time.perf_counter()
    with Searcher(index_dir) as s:
        hit_ids = [h.id for h in s.search(names[0], limit=200, facets=False, collapse=False).hits] if names else []
    timeline(index_dir, hit_ids)
    print(f"  timeline of {len(hit_ids)} briefs                 {(time.perf_counter() - t0) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
