"""Where a full build's time goes: an in-process `Indexer.run` over FOLDER into a new index,
printing every 5,000 briefs the wall time a brief, and the CPU a brief of the writing process
and of the loader workers; a benchmark that prints figures, not a test.

    python scripts/bench_build.py FOLDER [--index DIR] [--every 5000] [--no-facts]

`--no-facts` builds without key facts (extraction replaced by none before the workers fork),
to compare with the same build with them. Workers run ahead of the writer, so their CPU per
interval is approximate; the totals at the end are exact.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import index.loading  # noqa: E402
from briefs.files import DEFAULT_MAX_BYTES  # noqa: E402
from index.indexer import Indexer  # noqa: E402


def children_cpu() -> float:
    """CPU seconds of this process's live children (the loader workers)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat[1]) == os.getpid():
            total += (int(stat[11]) + int(stat[12])) / tick
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--index", type=Path, help="a new index folder to keep (default: a temporary one, removed)")
    ap.add_argument("--every", type=int, default=5000)
    ap.add_argument("--no-facts", action="store_true")
    args = ap.parse_args()
    if args.no_facts:
        index.loading._facts_of = lambda brief: []  # forked workers inherit it
    if args.index is not None and args.index.exists() and any(args.index.iterdir()):
        sys.exit(f"{args.index}: not empty; give a new folder (a full build needs an empty index)")
    where = args.index or Path(tempfile.mkdtemp(prefix="bench-build-")) / "index"
    started = time.perf_counter()
    last = [0, started, 0.0, 0.0]  # briefs, wall, writer CPU, worker CPU
    last_brief = [started]

    def progress(phase: str, done: int, total: int) -> None:
        if phase == "indexing":
            last_brief[0] = time.perf_counter()
        if phase != "indexing" or done % args.every or done == last[0]:
            return
        now, writer, workers = time.perf_counter(), time.process_time(), children_cpu()
        n = done - last[0]
        print(f"{done:7,d} briefs  {now - started:6.1f} s   a brief: wall {(now - last[1]) / n * 1e3:.2f} ms, "
              f"writer {(writer - last[2]) / n * 1e3:.2f} ms, workers {(workers - last[3]) / n * 1e3:.2f} ms",
              flush=True)
        last[:4] = [done, now, writer, workers]

    report = Indexer(where, DEFAULT_MAX_BYTES, progress=progress).run([args.folder])
    wall = time.perf_counter() - started
    writer = time.process_time()
    done = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers, joined by now
    workers = done.ru_utime + done.ru_stime
    print(f"built {report.added:,} briefs ({len(report.failed)} failed) in {wall:.1f} s"
          f"{' without key facts' if args.no_facts else ''}; after the last brief "
          f"{started + wall - last_brief[0]:.1f} s (the last commit)")
    print(f"CPU: writer {writer:.1f} s, workers {workers:.1f} s "
          f"({(writer + workers) / max(report.added, 1) * 1e3:.1f} ms a brief)")
    if args.index is None:
        shutil.rmtree(where.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
