"""Benchmark indexing and search on generated briefs; prints figures (not a test).

Wall-clock figures are the ones with targets; CPU-time figures beside them (the indexing
process and its loader workers; each query's process time) vary less when other programs
share the machine, so compare those between runs on a busy machine.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import math
import random
import re
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from whoosh.analysis import STOP_WORDS
from whoosh.lang.porter import stem

from briefs.files import DEFAULT_MAX_BYTES
from index.indexer import Indexer
from index.search import Searcher

ROOT = Path(__file__).resolve().parent.parent
SEED = 20260101
TARGETS = {"build_s": 60.0, "reindex_s": 2.0, "edit_s": 1.0, "q_median_ms": 20.0, "q_p95_ms": 60.0}
COMMON = """the of and to in a is that for it as was with be by on not he this are or his from at
which but have an they you were their one all we can her has there been if more when will would
who so no other into than its some could them these two may then do first any new like time only
over also after most such many our between under about through during must should each while
where those both however against since without within across because before among very still
these report year years part state states public national federal policy budget program support
defence defense military army navy air force missile space systems system capability capabilities
forces security strategy operations operational training equipment procurement acquisition
contract contracts industry allies alliance nato treaty threat threats deterrence nuclear
hypersonic radar satellite satellites launch vehicle vehicles aircraft fighter bomber drone drones
ship ships submarine submarines brigade battalion command commander intelligence cyber
electronic warfare logistics readiness modernization funding appropriations congress committee
department pentagon ministry government officials agency agencies cost costs schedule testing
test tests development production delivery deliveries munitions artillery armor border region
regional pacific europe china russia iran korea ukraine exercise exercises mission missions
personnel recruitment sustainment maintenance infrastructure base bases""".split()
SOURCES = ["Defense Wire", "Janes Weekly", "Breaking Brief", "Reuters Desk", "Pacific Monitor",
           "Atlantic Council Notes", "Parliament Digest", "Congress Watch", "Orbital Report",
           "Ministry Bulletin", "Harbour Gazette", "Frontline Review"]
TAGS = ["hypersonics", "space", "cyber", "nato", "aukus", "budget", "procurement", "army", "navy",
        "air-force", "missile-defence", "nuclear", "drones", "logistics", "readiness", "training",
        "industry", "exports", "sanctions", "ukraine", "taiwan", "korea", "iran", "arctic",
        "satellites", "radar", "munitions", "shipbuilding", "submarines", "fighters", "bombers",
        "intelligence", "policy", "treaty", "exercises", "recruitment", "research", "testing",
        "acquisition", "infrastructure"]
FIRST = ["Ana", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonah"]
LAST = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Fischer", "Quintero", "Novak", "Brennan"]
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"(])")
_JUNK = re.compile(r"[|*_\[\]<>{}`\\]|https?:")
_WORDS = re.compile(r"\w+(?:\.?\w+)*")  # as Whoosh tokenizes


def corpus_sentences(corpus: Path) -> list[str]:
    """Sentences of 60-300 chars from the CRS and GAO Markdown in the shared corpus."""
    out = []
    for f in sorted(corpus.glob("crs/**/*.md")) + sorted(corpus.glob("gao/*.md")):
        for line in f.read_text(encoding="utf-8", errors="replace").splitlines():
            line = line.strip()
            if not line or line[0] in "#|[!*>-" or _JUNK.search(line):
                continue
            out += [s for s in _SENT.split(line) if 60 <= len(s) <= 300 and s[-1] in ".?!"]
    return list(dict.fromkeys(out))


def vocab_sentence_maker(rng: random.Random):
    """A sentence generator drawing Zipf-distributed words from a built-in vocabulary."""
    syll = [c + v for c in "bdfgklmnprstvz" for v in ("a", "e", "i", "o", "u", "ar", "en", "or")]
    pseudo: list[str] = []
    while len(pseudo) < 2000:
        w = "".join(rng.choice(syll) for _ in range(rng.randint(2, 4)))
        if w not in pseudo and w not in COMMON:
            pseudo.append(w)
    words = list(dict.fromkeys(COMMON)) + pseudo
    cum = list(itertools.accumulate(1.0 / (r + 2.7) for r in range(len(words))))

    def sentence() -> str:
        ws = [words[bisect.bisect(cum, rng.random() * cum[-1])] for _ in range(rng.randint(8, 22))]
        if len(ws) > 12 and rng.random() < 0.5:
            ws[rng.randint(3, 8)] += ","
        return " ".join(ws).capitalize() + "."
    return sentence


def generate(n: int, out: Path, sentences: list[str] | None) -> dict:
    """Write n ~5 KB briefs under `out` in 20 folders; return df counts and samples for queries."""
    rng = random.Random(SEED + n)
    pick = (lambda: rng.choice(sentences)) if sentences else vocab_sentence_maker(rng)
    authors = [f"{f} {l}" for f in FIRST for l in LAST]
    start, span = date(2020, 1, 1), (date(2026, 4, 30) - date(2020, 1, 1)).days
    df: Counter[str] = Counter()
    samples, paths, total = [], [], 0
    for i in range(n):
        paras, size = [], 0
        while size < 4800:
            para = " ".join(pick() for _ in range(rng.randint(3, 6)))
            if paras and rng.random() < 0.25:
                para = "## " + " ".join(pick().split()[:5]).rstrip(".,;:") + "\n\n" + para
            paras.append(para)
            size += len(para) + 2
        body = "\n\n".join(paras)
        title = " ".join(pick().split()[: rng.randint(4, 9)]).rstrip(".,;:")
        when = start + timedelta(days=rng.randint(0, span))
        tags = rng.sample(TAGS, rng.randint(2, 3))
        text = (f"---\ntitle: {json.dumps(title)}\ndate: {when.isoformat()}\n"
                f"source: {json.dumps(rng.choice(SOURCES))}\n"
                f"author: {json.dumps(rng.choice(authors))}\n"
                f"tags: {json.dumps(tags)}\n---\n\n{body}\n")
        path = out / f"folder-{i % 20:02d}" / f"brief-{i:06d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        total += len(text.encode())
        paths.append(path)
        df.update(set(_WORDS.findall(body.lower())))
        if i < 200:
            samples.append(body)
    return {"df": df, "samples": samples, "paths": paths, "bytes": total}


def make_queries(n: int, gen: dict) -> tuple[list[tuple[str, str]], list[str]]:
    """50 (kind, query) pairs at chosen document frequencies, and 5 warm-up queries."""
    rng, df = random.Random(SEED), gen["df"]
    ok = sorted(w for w in df if len(w) >= 4 and w.isascii() and w.isalpha()
                and w not in STOP_WORDS)

    def near(frac: float, k: int) -> list[str]:
        cands = sorted(ok, key=lambda w: (abs(math.log(df[w] / n) - math.log(frac)), w))
        return rng.sample(cands[: max(10 * k, 60)], k)

    rare, med, com = near(0.003, 8), near(0.05, 14), near(0.4, 14)
    q = [("single-rare", w) for w in rare[:5]] + [("single-medium", w) for w in med[:5]]
    q += [("single-common", w) for w in com[:5]]
    pairs = [(med[5], med[6]), (med[7], med[8]), (med[9], med[10]), (com[5], com[6]),
             (com[7], com[8]), (com[9], com[10]), (rare[5], com[11]), (rare[6], com[5]),
             (med[11], com[6]), (med[12], com[7])]
    q += [("two-word", f"{a} {b}") for a, b in pairs]
    grams: list[list[str]] = []
    for body in gen["samples"]:
        for m in re.finditer(r"\b[A-Za-z]{3,}(?: [A-Za-z]{3,}){1,2}\b", body):
            ws = m.group(0).lower().split()
            if not any(w in STOP_WORDS for w in ws):
                grams.append(ws)
    twos = sorted({" ".join(g[:2]) for g in grams})
    threes = sorted({" ".join(g) for g in grams if len(g) == 3})
    phrases = rng.sample(twos, 5) + rng.sample(threes, min(3, len(threes)))
    q += [("phrase", f'"{p}"') for p in phrases]
    src = SOURCES[rng.randrange(len(SOURCES))].split()[0].lower()
    q += [("field", f"source:{src} {med[0]}"), ("field", f"tag:{TAGS[3]}"),
          ("field", f"tag:{TAGS[10]} {com[0]}"), ("field", f"author:{LAST[2].lower()} {med[1]}"),
          ("field", f"title:{com[1]}")]
    q += [("date", "date:[2024-01-01 to 2024-06-30]"),
          ("date", f"date:[2022-01-01 to 2022-12-31] {med[2]}"),
          ("date", f"date:2025-03 {com[2]}"), ("date", f"date:>=2025-06-01 {com[3]}"),
          ("date", f"date:2y {med[3]}")]
    stems = [stem(w) for w in med + com if len(stem(w)) >= 5][:4]  # the index holds stems
    q += [("prefix", w[: 4 + i % 2] + "*") for i, w in enumerate(stems)]
    q += [("or-not", f"{med[0]} OR {med[1]}"), ("or-not", f"{com[0]} NOT {med[2]}"),
          ("or-not", f"({rare[0]} OR {med[3]}) {com[1]}")]
    return q, [rare[7], med[13], com[12], com[13], f"{med[4]} {com[12]}"]


def _children_cpu() -> float:
    """CPU seconds used so far by finished child processes (the indexer's loader workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_rg(query: str, folder: Path) -> float:
    """ms for ripgrep to list the files holding every word of a one- or two-word query."""
    words = query.split()
    t0 = time.perf_counter()
    rg = ["rg", "-i", "-l", "-w"]
    out = subprocess.run([*rg, words[0], str(folder)], capture_output=True, text=True).stdout
    if len(words) > 1 and out.strip():
        subprocess.run([*rg, words[1], *out.split("\n")[:-1]], capture_output=True)
    return (time.perf_counter() - t0) * 1000


def bench(n: int, work: Path, sentences: list[str] | None) -> dict:
    """All figures for one corpus size."""
    base = work / str(n)
    shutil.rmtree(base, ignore_errors=True)
    briefs_dir, index_dir = base / "briefs", base / "index"
    r: dict = {"n": n}
    t0 = time.perf_counter()
    gen = generate(n, briefs_dir, sentences)
    r["generate_s"], r["corpus_mb"] = time.perf_counter() - t0, gen["bytes"] / 1e6
    print(f"  generated {r['corpus_mb']:.1f} MB in {r['generate_s']:.1f} s", flush=True)

    t0, c0, k0 = time.perf_counter(), time.process_time(), _children_cpu()
    rep = Indexer(index_dir, DEFAULT_MAX_BYTES).run([briefs_dir])
    r["build_s"] = time.perf_counter() - t0
    # CPU seconds, steadier than wall time on a shared machine: the indexing process
    # (writer) and its loader workers (reading, key facts, analysis).
    r["build_cpu_main_s"], r["build_cpu_workers_s"] = time.process_time() - c0, _children_cpu() - k0
    r["indexed"], r["failed"] = rep.total_briefs, len(rep.failed)
    r["index_mb"] = sum(f.stat().st_size for f in index_dir.rglob("*") if f.is_file()) / 1e6
    r["rss_self_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # peak so far
    r["rss_children_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"  built in {r['build_s']:.1f} s ({r['failed']} failed)", flush=True)

    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        rep = Indexer(index_dir, DEFAULT_MAX_BYTES).run([briefs_dir])
        runs.append(time.perf_counter() - t0)
        assert rep.added == rep.updated == rep.removed == 0, "re-index found changes"
    r["reindex_s"] = statistics.median(runs)

    rng, edits = random.Random(SEED + 7 * n), []
    for k, path in enumerate(rng.sample(gen["paths"], 5)):
        word = f"zqxedit{k}n{n}"
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"\nA late correction mentions {word} once.\n")
        t0 = time.perf_counter()
        Indexer(index_dir, DEFAULT_MAX_BYTES).run([briefs_dir])
        with Searcher(index_dir) as s:
            total = s.search(word).total
        edits.append(time.perf_counter() - t0)
        assert total == 1, f"edited brief not found ({total} hits for {word})"
    r["edit_median_s"], r["edit_max_s"] = statistics.median(edits), max(edits)

    queries, warm = make_queries(n, gen)
    per: list[dict] = []
    with Searcher(index_dir) as s:
        for w in warm:
            s.search(w, limit=20)
        for kind, q in queries:
            times, cpu, res = [], [], None
            for _ in range(3):
                t0, c0 = time.perf_counter(), time.process_time()
                res = s.search(q, limit=20)
                times.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
            assert res is not None and all(h.snippet is not None for h in res.hits)
            per.append({"kind": kind, "query": q, "total": res.total, "partial": res.partial,
                        "ms": times, "cpu_ms": cpu, "median_ms": statistics.median(times)})
    flat = [t for p in per for t in p["ms"]]
    flat_cpu = [t for p in per for t in p["cpu_ms"]]
    r.update(q_median_ms=statistics.median(flat), q_p95_ms=statistics.quantiles(flat, n=20)[-1],
             q_max_ms=max(flat), q_partial=sum(p["partial"] for p in per), queries=per,
             q_cpu_median_ms=statistics.median(flat_cpu),
             q_cpu_p95_ms=statistics.quantiles(flat_cpu, n=20)[-1])
    r["slowest"] = sorted(per, key=lambda p: -p["median_ms"])[:5]

    words = [p for p in per if p["kind"].startswith(("single", "two"))]
    r["brief_words_median_ms"] = statistics.median(p["median_ms"] for p in words)
    if shutil.which("rg"):
        rg = [statistics.median(time_rg(p["query"], briefs_dir) for _ in range(3)) for p in words]
        r["rg_median_ms"] = statistics.median(rg)
        r["rg_ratio"] = r["rg_median_ms"] / r["brief_words_median_ms"]
    return r


ROWS = [  # label, key, format, target key (figures with a target get PASS/FAIL)
    ("full build", "build_s", "{:.2f} s", "build_s"),
    ("  CPU: indexing process", "build_cpu_main_s", "{:.1f} s", ""),
    ("  CPU: loader workers", "build_cpu_workers_s", "{:.1f} s", ""),
    ("index size on disk", "index_mb", "{:.1f} MB", ""),
    ("peak RSS self (process, so far)", "rss_self_mb", "{:.0f} MB", ""),
    ("peak RSS largest child (forked)", "rss_children_mb", "{:.0f} MB", ""),
    ("re-index, nothing changed (med 3)", "reindex_s", "{:.3f} s", "reindex_s"),
    ("edit -> searchable, median of 5", "edit_median_s", "{:.3f} s", "edit_s"),
    ("edit -> searchable, max of 5", "edit_max_s", "{:.3f} s", "edit_s"),
    ("query median (50 q x 3, top 20)", "q_median_ms", "{:.1f} ms", "q_median_ms"),
    ("query p95", "q_p95_ms", "{:.1f} ms", "q_p95_ms"), ("query max", "q_max_ms", "{:.1f} ms", ""),
    ("  CPU time: query median", "q_cpu_median_ms", "{:.1f} ms", ""),
    ("  CPU time: query p95", "q_cpu_p95_ms", "{:.1f} ms", ""),
    ("queries with partial results", "q_partial", "{} of 50", ""),
    ("brief median, 25 word queries", "brief_words_median_ms", "{:.1f} ms", ""),
    ("rg median, same 25 queries", "rg_median_ms", "{:.1f} ms", ""),
    ("ratio rg / brief", "rg_ratio", "{:.1f} x", ""),
]


def report(r: dict) -> None:
    """One table of figures and targets for one size."""
    print(f"\n== {r['n']:,} briefs ({r['corpus_mb']:.1f} MB Markdown, {r['indexed']:,} indexed, "
          f"{r['failed']} failed) ==   targets apply at 10,000 briefs")
    for label, key, fmt, tkey in ROWS:
        if key not in r:
            print(f"  {label:<34}{'(rg not installed: skipped)':>18}")
            continue
        target = f"<= {TARGETS[tkey]:g} {fmt.split()[-1]}" if tkey else ""
        mark = ("PASS" if r[key] <= TARGETS[tkey] else "FAIL") if tkey else ""
        print(f"  {label:<34}{fmt.format(r[key]):>18}   {target:<12}{mark}")
    print("  slowest queries (median of 3):")
    for p in r["slowest"]:
        print(f"    {p['median_ms']:8.1f} ms  {p['total']:>6} hits  [{p['kind']}] {p['query']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--workdir")
    ap.add_argument("--keep", action="store_true", help="keep the generated briefs and indexes")
    ap.add_argument("--corpus", default="../shared/corpus")
    args = ap.parse_args()
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="brief-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = Path(args.corpus)
    if not corpus.is_absolute() and not corpus.exists():
        corpus = ROOT / args.corpus
    sentences = corpus_sentences(corpus) if corpus.is_dir() else None
    print(f"workdir {work}; text from " + (f"{len(sentences):,} sentences of {corpus.resolve()}"
          if sentences else "the built-in Zipf vocabulary (no corpus folder)"))
    if not shutil.which("rg"):
        print("ripgrep (rg) not installed: the rg comparison will be skipped")
    results = []
    for n in (int(s) for s in args.sizes.split(",")):
        print(f"\n-- {n:,} briefs", flush=True)
        results.append(bench(n, work, sentences))
    for r in results:
        report(r)
    out = work / "results.json"
    out.write_text(json.dumps({"targets": TARGETS, "results": results}, indent=1, default=str))
    if args.keep:
        print(f"\nkept {work}; figures in {out}")
    else:
        for r in results:
            shutil.rmtree(work / str(r["n"]), ignore_errors=True)
        print(f"\nbriefs and indexes deleted; figures in {out}")


if __name__ == "__main__":
    main()
