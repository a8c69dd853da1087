#!/usr/bin/env python3
"""Issue 5's budgets for the app at 10,000 briefs; prints figures (not a test).

    python scripts/bench_app.py --workdir /tmp/b            # generates and builds if needed
    python scripts/bench.py --sizes 10000 --workdir /tmp/b --keep   # or reuse bench.py's build

How each figure is taken:
- start-up: the installed `brief` is started in a pseudo-terminal (120x40,
  TERM=xterm-256color) on the existing index, `--runs` times. "first paint" is when the
  search box's placeholder has been written; "usable" is when two keys typed right after
  that are echoed in the search box (the input loop is live). Includes Python start-up,
  imports, the config and the index opening. Budget: usable <= 1.0 s.
- keystroke -> results: in-process, the app headless under Textual's Pilot (120x40): queries
  made of title words of random briefs are typed key by key; each key is timed from the key
  event sent to the app until its search results have been handled and the screen
  repainted (a message hook, no polling sleeps). Budget: p95 <= 150 ms.
- opening a brief: same app; Enter on the n-th result of a one-word query, timed until the
  reader and key facts are shown, and until the related briefs are shown too (they load
  after). Budget: p95 <= 200 ms for the latter.
- memory: peak resident set (VmHWM) of the `brief` process in the pseudo-terminal after a
  session of searches and opened briefs. Budget: <= 300 MB. The resident set at each stage
  is printed too, split at the end into anonymous memory and mapped files (Whoosh maps its
  segment files: those pages are the page cache, shared and reclaimable). The app starts a
  background indexing process on a configured corpus; its memory is sampled and shown apart.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import pty
import random
import re
import select
import statistics
import struct
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BRIEF = Path(sys.executable).parent / "brief"
SIZE = (120, 40)
BUDGETS = {"usable_s": 1.0, "key_p95_ms": 150.0, "open_p95_ms": 200.0, "rss_mb": 300.0}
_SEQ = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")


def pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


# The corpus and its index -----------------------------------------------------------------

def prepare(work: Path, n: int) -> tuple[Path, Path]:
    """(briefs folder, index folder): reused from an earlier run or bench.py --keep, else built."""
    briefs, index = work / str(n) / "briefs", work / str(n) / "index"
    if index.is_dir() and briefs.is_dir():
        print(f"reusing {index}")
        return briefs, index
    from briefs.files import DEFAULT_MAX_BYTES
    from index.indexer import Indexer
    from scripts.bench import corpus_sentences, generate

    corpus = ROOT.parent / "shared" / "corpus"
    sentences = corpus_sentences(corpus) if corpus.is_dir() else None
    t0 = time.perf_counter()
    generate(n, briefs, sentences)
    print(f"generated {n:,} briefs in {time.perf_counter() - t0:.0f} s", flush=True)
    t0 = time.perf_counter()
    Indexer(index, DEFAULT_MAX_BYTES).run([briefs])
    print(f"built the index in {time.perf_counter() - t0:.0f} s", flush=True)
    return briefs, index


def app_env(work: Path, briefs: Path, index: Path) -> dict[str, str]:
    """Config, cache and data folders of our own; the corpus is the generated folder."""
    home = work / "app-home"
    home.mkdir(exist_ok=True)
    (home / "config.yaml").write_text(f"folders: [{str(briefs)!r}]\n", encoding="utf-8")
    return {"BRIEF_CONFIG": str(home / "config.yaml"), "BRIEF_CACHE_DIR": str(home / "cache"),
            "BRIEF_DATA_DIR": str(home / "data"), "BRIEF_INDEX_DIR": str(index)}


def title_queries(briefs: Path, count: int, seed: int = 5) -> list[str]:
    """One- and two-word queries from the titles of random briefs (what a user would type)."""
    rng = random.Random(seed)
    files = sorted(briefs.rglob("*.md"))
    out: list[str] = []
    while len(out) < count:
        head = rng.choice(files).read_text(encoding="utf-8").split("\n---", 1)[0]
        title = re.search(r'^title: "?(.*?)"?$', head, re.M)
        words = [w.lower() for w in re.findall(r"[A-Za-z]{4,}", title.group(1) if title else "")]
        if words:
            k = rng.randint(0, len(words) - 1)
            out.append(" ".join(words[k:k + rng.choice((1, 2))]))
    return out


# `brief` in a pseudo-terminal ---------------------------------------------------------------

class Pty:
    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            try:
                import fcntl
                import termios

                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.out = bytearray()

    def pump(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if ready:
            try:
                chunk = os.read(self.fd, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                return False
            self.out += chunk
        return True

    def wait_text(self, pattern: str, since: int = 0, timeout: float = 60) -> float:
        """Seconds since start when `pattern` first shows in the text written after `since`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if re.search(pattern, _SEQ.sub(b"", bytes(self.out[since:])).decode("utf-8", "replace")):
                return time.perf_counter() - self.started
            if not self.pump(0.01):
                break
        raise RuntimeError(f"{pattern!r} never appeared")

    def quiet(self, gap: float = 0.4, limit: float = 20) -> None:
        """Read until the app has written nothing for `gap` seconds."""
        end, last = time.monotonic() + limit, len(self.out)
        while time.monotonic() < end:
            self.pump(gap)
            if len(self.out) == last:
                return
            last = len(self.out)

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def children_rss_mb(self) -> float:
        """Resident memory of the app's child processes now (background indexing), in MB."""
        total, todo = 0.0, [self.pid]
        while todo:
            pid = todo.pop()
            for task in Path(f"/proc/{pid}/task").glob("*/children"):
                kids = [int(k) for k in task.read_text().split()]
                todo += kids
                for kid in kids:
                    status = Path(f"/proc/{kid}/status")
                    found = re.search(r"VmRSS:\s+(\d+) kB", status.read_text()) if status.exists() else None
                    total += int(found.group(1)) / 1024 if found else 0
        return total

    def rss_mb(self, field: str = "VmHWM") -> float:
        """Peak (VmHWM) or current (VmRSS) resident memory of the app, in MB."""
        status = Path(f"/proc/{self.pid}/status").read_text()
        return int(re.search(rf"{field}:\s+(\d+) kB", status).group(1)) / 1024  # type: ignore[union-attr]

    def quit(self) -> int:
        self.send("\x11")  # ctrl+q
        while self.pump(0.2):
            pass
        os.close(self.fd)
        return os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])


def startup(env: dict[str, str], runs: int) -> dict[str, list[float]]:
    full = {"PATH": "/usr/bin:/bin", "HOME": env["BRIEF_DATA_DIR"], "TERM": "xterm-256color",
            "LANG": "C.UTF-8", **env}
    out: dict[str, list[float]] = {"version": [], "imports": [], "paint": [], "usable": []}
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import tui.app, tui.cli"], cwd=ROOT, check=True)
        out["imports"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        proc = Pty([str(BRIEF), "--version"], full)
        while proc.pump(0.2):
            pass
        os.waitpid(proc.pid, 0)
        out["version"].append(time.perf_counter() - t0)
        app = Pty([str(BRIEF)], full)
        out["paint"].append(app.wait_text(r"Search"))
        mark = len(app.out)
        app.send("zq")
        out["usable"].append(app.wait_text(r"zq", mark))
        app.quiet()
        app.quit()
    return out


def memory_session(env: dict[str, str], queries: list[str]) -> tuple[dict[str, float], int]:
    """Resident memory (MB) of `brief` at stages of a session of searches and opened briefs."""
    full = {"PATH": "/usr/bin:/bin", "HOME": env["BRIEF_DATA_DIR"], "TERM": "xterm-256color",
            "LANG": "C.UTF-8", **env}
    app = Pty([str(BRIEF)], full)
    app.wait_text(r"Search")
    app.quiet()
    stages = {"started": app.rss_mb("VmRSS")}
    children = app.children_rss_mb()
    for i, query in enumerate(queries):
        app.send("\x1b")  # escape: the search box
        app.quiet(0.2)
        app.send("\x15" + query)  # ctrl+u clears it, then the query
        app.quiet()
        if i == 0:
            stages["first search"] = app.rss_mb("VmRSS")
        for keys in ("\r", "\r", "\x1b[B\x1b[B\r"):  # results, open, open the third
            app.send(keys)
            app.quiet()
        if i == 0:
            stages["first opens"] = app.rss_mb("VmRSS")
        children = max(children, app.children_rss_mb())
    stages["end"] = app.rss_mb("VmRSS")
    stages["end: anonymous"] = app.rss_mb("RssAnon")
    stages["end: mapped files (index segments, shared libraries)"] = app.rss_mb("RssFile")
    stages["child processes, largest seen"] = children
    stages["peak"] = app.rss_mb("VmHWM")
    return stages, app.quit()


# In-process with Pilot ----------------------------------------------------------------------

class Clock:
    """Times from a key sent to the app until a given message has been handled and painted.

    A message hook notes when the awaited message is dispatched; then every message queued
    on the screen is let through and the screen repainted (what Pilot's pause does, without
    its sleeps), so the figure is the app's work, not the harness's polling.
    """

    def __init__(self) -> None:
        self.waiting: dict[type, asyncio.Event] = {}

    def hook(self, message: object) -> None:
        for cls, event in self.waiting.items():
            if isinstance(message, cls):
                event.set()

    async def time_key(self, pilot, key: str, *until: type, timeout: float = 20) -> list[float] | None:  # type: ignore[no-untyped-def]
        """ms from sending `key` until each message type in `until` was handled (None: never)."""
        from textual import events

        self.waiting = {cls: asyncio.Event() for cls in until}
        event = events.Key(key, key if len(key) == 1 else (" " if key == "space" else None))
        event.set_sender(pilot.app)
        t0 = time.perf_counter()
        pilot.app._driver.send_message(event)
        out = []
        try:
            for cls in until:
                await asyncio.wait_for(self.waiting[cls].wait(), timeout)
                await pilot._wait_for_screen()
                pilot.app.screen._on_timer_update()
                out.append((time.perf_counter() - t0) * 1000)
        except asyncio.TimeoutError:
            return None
        finally:
            self.waiting = {}
        return out


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def latencies(index: Path, queries: list[str], opens: int) -> dict[str, list[float] | int]:
    from textual.widgets import Input, OptionList

    from tui.app import BriefApp
    from tui.messages import BriefLoaded, RelatedLoaded, ResultsReady

    r: dict[str, list[float] | int] = {"keys": [], "reader": [], "related": [], "missed": 0}
    clock = Clock()
    app = BriefApp(index)
    async with app.run_test(size=SIZE, message_hook=clock.hook) as pilot:
        box = app.screen.query_one("#search", Input)
        for query in queries:
            box.focus()
            box.value = ""
            await settle(pilot)
            for ch in query:
                took = await clock.time_key(pilot, "space" if ch == " " else ch, ResultsReady)
                await settle(pilot)
                if took is None:
                    r["missed"] += 1  # type: ignore[operator]
                else:
                    r["keys"].append(took[0])  # type: ignore[union-attr]
        box.focus()
        box.value = max(queries, key=len).split()[0]  # one word: plenty of results
        await settle(pilot)
        results = app.screen.query_one("#results", OptionList)
        for i in range(opens):
            results.focus()
            results.highlighted = i % max(1, results.option_count)
            await settle(pilot)
            took = await clock.time_key(pilot, "enter", BriefLoaded, RelatedLoaded)
            await settle(pilot)
            if took is None:
                r["missed"] += 1  # type: ignore[operator]
            else:
                r["reader"].append(took[0])  # type: ignore[union-attr]
                r["related"].append(took[1])  # type: ignore[union-attr]
    return r


# Report ---------------------------------------------------------------------------------------

def row(label: str, value: float, unit: str, budget: str = "") -> None:
    mark = ""
    if budget:
        mark = "PASS" if value <= BUDGETS[budget] else "FAIL"
        budget = f"<= {BUDGETS[budget]:g} {unit}"
    print(f"  {label:<44}{value:>10.3f} {unit:<3} {budget:<11}{mark}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--workdir", type=Path, required=True, help="holds N/briefs and N/index")
    ap.add_argument("--n", type=int, default=10_000, help="corpus size (default 10,000)")
    ap.add_argument("--runs", type=int, default=5, help="start-ups to time")
    ap.add_argument("--queries", type=int, default=30, help="queries typed key by key")
    ap.add_argument("--opens", type=int, default=40, help="briefs opened")
    args = ap.parse_args()
    if not BRIEF.exists():
        sys.exit(f"{BRIEF} is missing: install the project in this Python's environment")
    args.workdir.mkdir(parents=True, exist_ok=True)
    briefs, index = prepare(args.workdir, args.n)
    env = app_env(args.workdir, briefs, index)
    os.environ.update(env)
    queries = title_queries(briefs, args.queries)
    load = os.getloadavg()
    print(f"load average before: {load[0]:.1f} (cores: {os.cpu_count()}); "
          f"{len(queries)} queries, {sum(map(len, queries))} keystrokes", flush=True)

    start = startup(env, args.runs)
    print("start-ups done", flush=True)
    lat = asyncio.run(latencies(index, queries, args.opens))
    keys, reader, related = lat["keys"], lat["reader"], lat["related"]
    assert isinstance(keys, list) and isinstance(reader, list) and isinstance(related, list)
    print("latencies done", flush=True)
    rss, status = memory_session(env, queries[:8])

    print(f"\n== brief app at {args.n:,} briefs ({index}) ==   budgets from issue 5")
    row(f"`brief --version` (Python + click), median {args.runs}", statistics.median(start["version"]), "s")
    row("Python + importing the app (tui.app, tui.cli)", statistics.median(start["imports"]), "s")
    row(f"start-up to first paint, median of {args.runs}", statistics.median(start["paint"]), "s")
    row("start-up to usable (keys echo), median", statistics.median(start["usable"]), "s", "usable_s")
    row("start-up to usable, worst", max(start["usable"]), "s", "usable_s")
    row(f"keystroke -> results, median of {len(keys)}", statistics.median(keys), "ms")
    row("keystroke -> results, p95", pct(keys, 95), "ms", "key_p95_ms")
    row("keystroke -> results, max", max(keys), "ms")
    row(f"open -> reader + key facts, median of {len(reader)}", statistics.median(reader), "ms")
    row("open -> reader + key facts, p95", pct(reader, 95), "ms")
    row("open -> ... + related shown, median", statistics.median(related), "ms")
    row("open -> ... + related shown, p95", pct(related, 95), "ms", "open_p95_ms")
    row("open -> ... + related shown, max", max(related), "ms")
    row(f"peak RSS of `brief`, {len(queries[:8])} searches, opens", rss["peak"], "MB", "rss_mb")
    print("  RSS by stage: " + ", ".join(f"{k} {v:.0f} MB" for k, v in rss.items() if k != "peak"))
    if lat["missed"]:
        print(f"  ({lat['missed']} keys or Enter presses got no results or brief within 20 s: not timed)")
    if status:
        print(f"  (the memory session's `brief` exited with status {status})")
    print(f"load average after: {os.getloadavg()[0]:.1f}. Timings on a shared machine are noisy.")


if __name__ == "__main__":
    main()
