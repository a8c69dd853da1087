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
    """`root` and every process descended from it: from each process's list of children
    (Linux 3.5+), or by scanning /proc (which reads every process's stat file)."""
    try:
        out, todo = [], [root]
        while todo:
            pid = todo.pop()
            out.append(pid)
            for task in os.scandir(f"/proc/{pid}/task"):
                todo.extend(int(c) for c in Path(task.path, "children").read_text().split())
        return out
    except OSError:
        pass
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

    def __init__(self, root: int, every: float = 0.2, pss_every: float = 1.0) -> None:
        super().__init__(daemon=True)
        self.root, self.every, self.pss_every = root, every, pss_every
        self.rss_mb = self.pss_mb = self.hwm_mb = self.root_hwm_mb = 0.0
        self.procs = 0
        self.cpu_s = 0.0  # what the sampling itself cost (it shares the machine's cores)
        self._halt = threading.Event()
        self._pids: list[int] = []
        self._pss_at = 0.0

    def run(self) -> None:
        while not self._halt.is_set():
            started = time.thread_time()
            self.sample()
            self.cpu_s += time.thread_time() - started
            self._halt.wait(self.every)

    def sample(self) -> None:
        """RSS and high-water marks from each process's status every `every` s (cheap);
        the tree and PSS every `pss_every` s: smaps_rollup walks a process's page tables
        (at 0.1 s for both, the sampling took ~12% of a core from the build it measured)."""
        now = time.monotonic()
        full = now - self._pss_at >= self.pss_every
        if full or not self._pids:
            self._pids = tree(self.root)
        rss = pss = 0
        for pid in self._pids:
            try:
                status = Path(f"/proc/{pid}/status").read_text()
                rollup = Path(f"/proc/{pid}/smaps_rollup").read_text() if full else ""
            except OSError:
                continue
            rss += _kb(status, "VmRSS")
            pss += _kb(rollup, "Pss")
            self.hwm_mb = max(self.hwm_mb, _kb(status, "VmHWM") / 1024)
            if pid == self.root:
                self.root_hwm_mb = _kb(status, "VmHWM") / 1024
        self.rss_mb = max(self.rss_mb, rss / 1024)
        if full:
            self._pss_at = now
            self.pss_mb = max(self.pss_mb, pss / 1024)
        self.procs = max(self.procs, len(self._pids))

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
            "procs": mem.procs, "sampling_cpu_s": mem.cpu_s}
