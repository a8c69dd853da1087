"""Memory of a process tree and indexing runs in another process, for scripts/load.py."""

from __future__ import annotations

import os
import re
import resource
import threading
import time
from pathlib import Path

from briefs.files import DEFAULT_MAX_BYTES
from index.background import IndexRun


def _kb(text: str, field: str) -> int:
    m = re.search(rf"^{field}:\s+(\d+) kB", text, re.M)
    return int(m.group(1)) if m else 0


def tree(root: int) -> list[int]:
    """`root` and every process descended from it (by scanning /proc)."""
    parent: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            parent[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(p for p, pp in parent.items() if pp == pid)
    return out


class TreeMemory(threading.Thread):
    """Polls a process tree: peak of the summed RSS and PSS, largest single peak (VmHWM).

    RSS counts pages the forked workers share with their parent once per process (an
    over-count); PSS splits them between the sharers (what the tree really holds).
    """

    def __init__(self, root: int, every: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.root, self.every = root, every
        self.rss_mb = self.pss_mb = self.hwm_mb = self.root_hwm_mb = 0.0
        self.procs = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            self.sample()
            self._halt.wait(self.every)

    def sample(self) -> None:
        rss = pss = 0
        pids = tree(self.root)
        for pid in pids:
            try:
                status = Path(f"/proc/{pid}/status").read_text()
                rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            except OSError:
                continue
            rss += _kb(status, "VmRSS")
            pss += _kb(rollup, "Pss")
            self.hwm_mb = max(self.hwm_mb, _kb(status, "VmHWM") / 1024)
            if pid == self.root:
                self.root_hwm_mb = _kb(status, "VmHWM") / 1024
        self.rss_mb = max(self.rss_mb, rss / 1024)
        self.pss_mb = max(self.pss_mb, pss / 1024)
        self.procs = max(self.procs, len(pids))

    def stop(self) -> None:
        self._halt.set()
        self.join()


def child_cpu() -> float:
    """CPU seconds (user + system) of every child process waited for so far."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def index_in_child(index_dir: Path, briefs: Path) -> dict:
    """Run `index.background` (what the app starts; both cores) and measure it."""
    cpu0, t0 = child_cpu(), time.perf_counter()
    run = IndexRun(index_dir, [briefs], DEFAULT_MAX_BYTES, full=True)
    mem = TreeMemory(run.proc.pid)
    mem.start()
    last: dict = {}
    for event in run.events():
        last = event
    wall = time.perf_counter() - t0
    mem.stop()
    return {"wall_s": wall, "cpu_s": child_cpu() - cpu0, "event": last, "rss_mb": mem.rss_mb,
            "pss_mb": mem.pss_mb, "hwm_mb": mem.hwm_mb, "writer_hwm_mb": mem.root_hwm_mb,
            "procs": mem.procs}
