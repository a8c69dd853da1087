#!/usr/bin/env python3
"""Issue 7's load run: N generated ~5 KB briefs, figures beside ripgrep, targets (not a test).

    python scripts/load.py                          # 50,000 briefs in a temporary folder
    python scripts/load.py --n 5000 --workdir /tmp/load --keep
    python scripts/load.py --n 5000 --workdir /tmp/load --skip-build   # reuse that index

In one run: generates the briefs (scripts/bench.py's generator: sentences of
../shared/corpus when present); builds the index with key facts in another process as the
app does (index/background.py, both cores), polling the process tree's memory; runs the
query set (--queries, mixed kinds, top 20 rows with snippets) in a searching process of its
own; runs what ripgrep can of it over the same files; runs the set again while other
processes re-index after 5% of the files changed; times the app's first screen and
keystroke -> results (scripts/bench_app.py). Prints one table with issue 7's targets, which
are for 50,000 briefs. Timings on a shared machine are noisy: read the load average lines.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.load_procs import TreeMemory, index_in_child  # noqa: E402
from scripts.load_queries import KINDS, RG_CANNOT, facts_sample, make_queries, rg_plan, sample_corpus, time_rg  # noqa: E402

SEED = 20260207
TARGETS = {"build_s": 300.0, "rss_mb": 500.0, "p95_ms": 150.0, "p99_ms": 400.0}
APP_BUDGETS = {"usable_s": 1.0, "key_p95_ms": 150.0}  # issue 5's, checked again at scale
EDIT = "\nA later correction to this brief was issued after review.\n"


def pct(values: list[float], q: int) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def stats(ms: list[float]) -> dict:
    return {"n": len(ms), "median": statistics.median(ms) if ms else float("nan"),
            "p95": pct(ms, 95), "p99": pct(ms, 99), "max": max(ms, default=float("nan"))}


def load_line(label: str) -> str:
    one, five, _ = os.getloadavg()
    return f"load average {label}: {one:.1f} (5 min {five:.1f}) on {os.cpu_count()} cores"


# Phases ---------------------------------------------------------------------------------------

def make_corpus(n: int, briefs: Path, corpus: Path, reuse: bool) -> dict:
    if reuse and briefs.is_dir():
        files = list(briefs.rglob("*.md"))
        print(f"reusing {len(files):,} briefs in {briefs}", flush=True)
        return {"generate_s": 0.0, "mb": sum(f.stat().st_size for f in files) / 1e6, "text": "reused"}
    from scripts.bench import corpus_sentences, generate

    shutil.rmtree(briefs, ignore_errors=True)
    sentences = corpus_sentences(corpus) if corpus.is_dir() else None
    text = f"{len(sentences):,} sentences of {corpus}" if sentences else "the built-in vocabulary"
    t0 = time.perf_counter()
    generate(n, briefs, sentences)
    took = time.perf_counter() - t0
    mb = sum(f.stat().st_size for f in briefs.rglob("*.md")) / 1e6
    print(f"generated {n:,} briefs ({mb:.1f} MB) from {text} in {took:.0f} s", flush=True)
    return {"generate_s": took, "mb": mb, "text": text}


def build(briefs: Path, index: Path) -> dict:
    shutil.rmtree(index, ignore_errors=True)
    print(load_line("before the build"), flush=True)
    r = index_in_child(index, briefs)
    ev = r["event"]
    if not ev.get("finished"):
        sys.exit(f"the build failed: {ev}")
    r["briefs"], r["failed"] = ev["total"], ev["failed"]
    r["index_mb"] = sum(f.stat().st_size for f in index.rglob("*") if f.is_file()) / 1e6
    import sqlite3

    con = sqlite3.connect(index / "brief-facts.sqlite")
    r["entities"] = con.execute("SELECT COUNT(*) FROM entity").fetchone()[0]
    r["acronyms"] = con.execute("SELECT COUNT(*) FROM acronym").fetchone()[0]
    con.close()
    print(f"built in {r['wall_s']:.1f} s: {r['briefs']:,} briefs, {r['entities']:,} entity and "
          f"{r['acronyms']:,} acronym facts; {r['failed']} failed", flush=True)
    return r


def searching(index: Path, qfile: Path, out: Path, facets: bool) -> subprocess.Popen:
    argv = [sys.executable, str(ROOT / "scripts" / "load_search.py"), str(index), str(qfile), str(out)]
    return subprocess.Popen(argv + (["--facets"] if facets else []), cwd=str(ROOT))


def query_run(index: Path, qfile: Path, out: Path, facets: bool) -> dict:
    proc = searching(index, qfile, out, facets)
    mem = TreeMemory(proc.pid, every=0.2)
    mem.start()
    proc.wait()
    mem.stop()
    if proc.returncode:
        sys.exit(f"the searching process failed (exit status {proc.returncode})")
    return json.loads(out.read_text())


def reindex_run(base: Path, briefs: Path, index: Path, qfile: Path, facets: bool, share: float) -> dict:
    """The query set again while other processes re-index after `share` of the files changed
    (80% edited, 20% only touched); rounds follow one another until the queries are done."""
    files = sorted(briefs.rglob("*.md"))
    rng = random.Random(SEED)
    rng.shuffle(files)
    per = max(1, int(len(files) * share))
    out = base / "load-reindex.json"

    def change(batch: list[Path]) -> None:
        for i, path in enumerate(batch):
            if i % 5:
                with path.open("a", encoding="utf-8") as fh:
                    fh.write(EDIT)
            else:
                os.utime(path)

    change(files[:per])
    proc = searching(index, qfile, out, facets)
    rounds: list[dict] = []
    while True:
        start = time.time()
        r = index_in_child(index, briefs)
        r["start"], r["end"] = start, time.time()
        rounds.append(r)
        if proc.poll() is not None or len(rounds) * per >= len(files) or len(rounds) >= 10:
            break
        change(files[len(rounds) * per:(len(rounds) + 1) * per])
    proc.wait()
    if proc.returncode:
        sys.exit(f"the searching process failed (exit status {proc.returncode})")
    res = json.loads(out.read_text())
    res["rounds"] = rounds
    res["per_round"] = per
    res["overlap"] = [q for q in res["rows"]
                      if any(q["start"] < r["end"] and q["end"] > r["start"] for r in rounds)]
    return res


def rg_run(queries: list[tuple[str, str]], rows: list[dict], briefs: Path, most: int) -> list[dict]:
    """ripgrep over the same files for up to `most` of the queries it can express."""
    able = [(i, k, q) for i, (k, q) in enumerate(queries) if rg_plan(k, q)]
    picked = [able[int(j * len(able) / most)] for j in range(most)] if len(able) > most else able
    subprocess.run(["rg", "-l", "-F", "zzzwarmthecache", str(briefs)], capture_output=True)
    out = []
    for i, kind, q in picked:
        ms, found = time_rg(rg_plan(kind, q), briefs)  # type: ignore[arg-type]
        out.append({"kind": kind, "query": q, "ms": ms, "files": found, "brief_ms": rows[i]["ms"],
                    "brief_total": rows[i]["total"]})
    return out


def app_run(work: Path, briefs: Path, index: Path, runs: int, typed: int) -> dict:
    try:
        from scripts import bench_app
    except ImportError as exc:
        return {"skipped": f"scripts/bench_app.py not importable ({exc})"}
    needed = ("app_env", "title_queries", "startup", "latencies")
    if not all(hasattr(bench_app, name) for name in needed) or not bench_app.BRIEF.exists():
        return {"skipped": "scripts/bench_app.py lacks " + ", ".join(needed) + " or `brief` is not installed"}
    env = bench_app.app_env(work, briefs, index)
    os.environ.update(env)
    start = bench_app.startup(env, runs)
    lat = asyncio.run(bench_app.latencies(index, bench_app.title_queries(briefs, typed), 0))
    return {"paint": start["paint"], "usable": start["usable"], "keys": lat["keys"],
            "missed": lat["missed"]}


# Report ---------------------------------------------------------------------------------------

def line(label: str, value: str, rg: str = "", target: str = "", ok: bool | None = None) -> None:
    mark = "" if ok is None else ("PASS" if ok else "MISS")
    print(f"  {label:<46}{value:>14}  {rg:>14}  {target:<11}{mark}")


def table(n: int, corpus: dict, b: dict | None, q: dict, rr: dict | None, rg: list[dict], app: dict | None) -> None:
    print(f"\n== {n:,} briefs, {corpus['mb']:.0f} MB of Markdown ({corpus['text']}) ==  "
          "targets are issue 7's, for 50,000 briefs")
    line("figure", "brief", "ripgrep", "target")
    if b:
        line(f"full build with key facts ({b['procs'] - 1} workers)", f"{b['wall_s']:.1f} s", "",
             f"<= {TARGETS['build_s']:g} s", b["wall_s"] <= TARGETS["build_s"])
        line(f"  CPU {b['cpu_s']:.0f} s = {b['cpu_s'] / b['wall_s']:.2f} cores busy; per brief",
             f"{b['cpu_s'] * 1000 / max(1, b['briefs']):.1f} ms")
        line("  build peak RSS, process tree (sum)", f"{b['rss_mb']:.0f} MB", "",
             f"<= {TARGETS['rss_mb']:g} MB", b["rss_mb"] <= TARGETS["rss_mb"])
        line("  build peak PSS, process tree (shared split)", f"{b['pss_mb']:.0f} MB")
        line("  largest single process (VmHWM)", f"{b['hwm_mb']:.0f} MB")
        line("    of which the writing process", f"{b['writer_hwm_mb']:.0f} MB")
        line("  index on disk", f"{b['index_mb']:.0f} MB")
        if "sampling_cpu_s" in b:
            line("  (memory sampling beside it took)", f"{b['sampling_cpu_s']:.1f} s CPU")
    s = stats([r["ms"] for r in q["rows"]])
    line(f"queries: {s['n']} of {len(KINDS)} kinds, top 20 + snippets, median", f"{s['median']:.1f} ms")
    line("  query p95", f"{s['p95']:.1f} ms", "", f"<= {TARGETS['p95_ms']:g} ms", s["p95"] <= TARGETS["p95_ms"])
    line("  query p99", f"{s['p99']:.1f} ms", "", f"<= {TARGETS['p99_ms']:g} ms", s["p99"] <= TARGETS["p99_ms"])
    line("  query max", f"{s['max']:.0f} ms")
    line("  searcher RSS during the queries (peak)", f"{q['hwm_mb']:.0f} MB", "",
         f"<= {TARGETS['rss_mb']:g} MB", q["hwm_mb"] <= TARGETS["rss_mb"])
    line(f"  searcher opened in {q['open_ms']:.0f} ms, RSS then", f"{q['rss_open_mb']:.0f} MB")
    if rg:
        bs, rs = stats([r["brief_ms"] for r in rg]), stats([r["ms"] for r in rg])
        line(f"the {len(rg)} queries ripgrep can run: median", f"{bs['median']:.1f} ms", f"{rs['median']:.0f} ms")
        line("  p95 / p99 of those", f"{bs['p95']:.0f} / {bs['p99']:.0f} ms", f"{rs['p95']:.0f} / {rs['p99']:.0f} ms")
    if rr:
        o = stats([r["ms"] for r in rr["overlap"]])
        line(f"while re-indexing: {o['n']} queries overlapped, median", f"{o['median']:.1f} ms")
        line("  query p95 while re-indexing", f"{o['p95']:.1f} ms", "", f"<= {TARGETS['p95_ms']:g} ms",
             o["p95"] <= TARGETS["p95_ms"])
        line("  query p99 while re-indexing", f"{o['p99']:.1f} ms", "", f"<= {TARGETS['p99_ms']:g} ms",
             o["p99"] <= TARGETS["p99_ms"])
        line("  query max while re-indexing", f"{o['max']:.0f} ms")
        line("  searcher RSS while re-indexing (peak)", f"{rr['hwm_mb']:.0f} MB", "",
             f"<= {TARGETS['rss_mb']:g} MB", rr["hwm_mb"] <= TARGETS["rss_mb"])
        peak = max(r["rss_mb"] for r in rr["rounds"])
        line("  re-indexing process tree peak RSS (sum)", f"{peak:.0f} MB", "",
             f"<= {TARGETS['rss_mb']:g} MB", peak <= TARGETS["rss_mb"])
        times = ", ".join(f"{r['wall_s']:.1f}" for r in rr["rounds"])
        line(f"  {len(rr['rounds'])} round(s) of {rr['per_round']:,} changed files: {times} s", "")
    if app and "skipped" not in app:
        paint, usable, keys = statistics.median(app["paint"]), statistics.median(app["usable"]), app["keys"]
        line(f"app first screen (first paint), median of {len(app['paint'])}", f"{paint:.2f} s")
        line("  app usable (typed keys echo), median", f"{usable:.2f} s", "",
             f"<= {APP_BUDGETS['usable_s']:g} s *", usable <= APP_BUDGETS["usable_s"])
        line(f"  keystroke -> results p95 ({len(keys)} keys)", f"{pct(keys, 95):.0f} ms", "",
             f"<= {APP_BUDGETS['key_p95_ms']:g} ms *", pct(keys, 95) <= APP_BUDGETS["key_p95_ms"])
        print("  * issue 5's budgets (issue 7 asks for the figures)")
        if app["missed"]:
            print(f"  ({app['missed']} keys got no results within 20 s: not timed)")
    elif app:
        print(f"  app figures skipped: {app['skipped']}")


def breakdown(q: dict, rr: dict | None, rg: list[dict]) -> None:
    print("\n  by kind (brief, ms)        n  median     p95     max  partial refused whoosh"
          "  re-idx p95   rg median")
    for kind in KINDS:
        rows = [r for r in q["rows"] if r["kind"] == kind]
        if not rows:
            continue
        s = stats([r["ms"] for r in rows])
        refused = sum(bool(r["error"]) for r in rows)
        partial = sum(r["partial"] for r in rows)
        whoosh = sum(r["whoosh"] for r in rows)
        during = stats([r["ms"] for r in (rr or {}).get("overlap", []) if r["kind"] == kind])
        k_rg = [r["ms"] for r in rg if r["kind"] == kind]
        rg_txt = f"{statistics.median(k_rg):.0f}" if k_rg else ("can't" if kind in RG_CANNOT else "-")
        print(f"  {kind:<22}{s['n']:>5}{s['median']:>8.1f}{s['p95']:>8.1f}{s['max']:>8.0f}"
              f"{partial:>9}{refused:>8}{whoosh:>7}{during['p95']:>12.1f}{rg_txt:>12}")
    cannot = "; ".join(f"{k}: {v}" for k, v in RG_CANNOT.items() if v)
    print(f"  ripgrep can't: {cannot}; nor stemming, ranking or snippets "
          "(it lists files; multi-word AND is one rg per word on the files left).")
    refused = [r for r in q["rows"] if r["error"]]
    for r in [r for r in refused if r["kind"] != "prefix-short"][:5] + [r for r in refused if r["kind"] == "prefix-short"][:1]:
        print(f"  refused [{r['kind']}] {r['query']}: {r['error']}")
    for label, rows in (("slowest queries", q["rows"]), ("slowest while re-indexing", (rr or {}).get("overlap", []))):
        print(f"  {label}:")
        for r in sorted(rows, key=lambda r: -r["ms"])[:6]:
            print(f"    {r['ms']:8.0f} ms  {r['total']:>6} hits  [{r['kind']}] {r['query']}")
    all_rows = q["rows"] + (rr or {}).get("overlap", [])
    partial = [r for r in all_rows if r["partial"]]
    limit_ms = q["time_limit_s"] * 1000
    over = [r for r in all_rows if r["ms"] > limit_ms and not r["partial"]]
    print(f"\n  time limit: Results.partial on {len(partial)} of {len(all_rows)} searches. "
          f"index/search.py's {q['time_limit_s']:g} s limit")
    print("  bounds every stage (index/deadline.py: typo expansion, the engine, facets, snippets; "
          f"Whoosh's TimeLimitCollector for the {sum(r['whoosh'] for r in all_rows)} searches the engine cannot run).")
    print(f"  {len(over)} searches ran past {limit_ms:.0f} ms without being partial (parsing, "
          "refresh and the first search's one-off tables are not limited).")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=50_000, help="briefs to generate (default 50,000)")
    ap.add_argument("--workdir", type=Path, help="holds N/briefs and N/index (default: a temporary folder)")
    ap.add_argument("--keep", action="store_true", help="keep the briefs and index afterwards")
    ap.add_argument("--reuse", action="store_true", help="reuse briefs generated earlier in --workdir")
    ap.add_argument("--skip-build", action="store_true", help="reuse the briefs and the index (implies --reuse)")
    ap.add_argument("--queries", type=int, default=320, help="queries in the set (default 320)")
    ap.add_argument("--rg", type=int, default=80, help="queries also run with ripgrep (0: none)")
    ap.add_argument("--reindex-share", type=float, default=0.05, help="files changed per re-index round")
    ap.add_argument("--facets", action="store_true", help="count facets with each query (as `brief search`)")
    ap.add_argument("--no-app", action="store_true", help="skip the app's first-screen and keystroke figures")
    ap.add_argument("--app-runs", type=int, default=3)
    ap.add_argument("--app-queries", type=int, default=20, help="queries typed key by key in the app")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = ap.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="brief-load-"))
    base = work / str(args.n)
    briefs, index = base / "briefs", base / "index"
    base.mkdir(parents=True, exist_ok=True)
    if args.skip_build and not (index.is_dir() and briefs.is_dir()):
        sys.exit(f"--skip-build: no briefs and index in {base}")
    print(f"workdir {work}; {load_line('at the start')}", flush=True)
    started = time.perf_counter()
    corpus = make_corpus(args.n, briefs, args.corpus, args.reuse or args.skip_build)
    b = None if args.skip_build else build(briefs, index)

    sample = sample_corpus(briefs, 1500, SEED)
    queries = make_queries(sample, facts_sample(index), args.queries, SEED)
    qfile = base / "load-queries.json"
    qfile.write_text(json.dumps(queries, indent=0))
    print(f"{len(queries)} queries ({qfile}); {load_line('before the queries')}", flush=True)
    q = query_run(index, qfile, base / "load-search.json", args.facets)
    s = stats([r["ms"] for r in q["rows"]])
    print(f"queries: median {s['median']:.1f} ms, p95 {s['p95']:.1f} ms, p99 {s['p99']:.1f} ms", flush=True)
    rg = rg_run(queries, q["rows"], briefs, args.rg) if args.rg and shutil.which("rg") else []
    if args.rg and not rg:
        print("ripgrep (rg) not found: no ripgrep column")
    print(f"ripgrep done ({len(rg)} queries); {load_line('before re-indexing')}", flush=True)
    rr = reindex_run(base, briefs, index, qfile, args.facets, args.reindex_share)
    print(f"re-index phase done: {len(rr['rounds'])} round(s)", flush=True)
    app = None if args.no_app else app_run(work, briefs, index, args.app_runs, args.app_queries)

    table(args.n, corpus, b, q, rr, rg, app)
    breakdown(q, rr, rg)
    print(f"\n{load_line('at the end')}; the run took {(time.perf_counter() - started) / 60:.1f} min. "
          "Timings on a shared machine are noisy.")
    out = work / f"load-{args.n}-results.json"
    out.write_text(json.dumps({"n": args.n, "corpus": corpus, "build": b, "queries": q,
                               "reindex": rr, "rg": rg, "app": app}, default=str))
    print(f"figures in {out}")
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)
        print("briefs and index deleted (--keep keeps them)")


if __name__ == "__main__":
    main()
