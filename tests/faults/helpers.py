"""Shared pieces of the fault suite: generated corpora, the background child, checks."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from index.search import Searcher
from index.store import open_index

ROOT = Path(__file__).resolve().parents[2]
MAX_BYTES = 1 << 20
COMMON = "cadence"  # every generated brief holds this word


def token(n: int, version: int = 0) -> str:
    """A word that only brief `n` (at this version of its text) holds: `kq17v2`."""
    return f"kq{n}v{version}"


def write_brief(folder: Path, n: int, version: int = 0) -> Path:
    """One small Markdown brief with a unique token, a date, an amount and an acronym."""
    path = folder / f"b{n:04d}.md"
    path.write_text(
        f"---\ntitle: Brief {n} version {version}\ndate: 2026-0{1 + n % 9}-1{n % 10}\n---\n"
        f"The National Space Agency (NSA{n % 7}) said the launch {COMMON} of mission {token(n, version)} "
        f"would cost $1{n % 10}0 million. Officials met in Geneva on 3 March 2026.\n",
        encoding="utf-8",
    )
    return path


def write_corpus(folder: Path, n: int) -> dict[int, int]:
    """`n` briefs; returns {brief number: version} as the model of what should be indexed."""
    folder.mkdir(parents=True, exist_ok=True)
    age(*(write_brief(folder, i) for i in range(n)))
    return {i: 0 for i in range(n)}


def age(*paths: Path) -> None:
    """Date files a few seconds back, past briefs.files.SETTLE_SECONDS, so that reading
    them doesn't wait for them to hold still (each date differs, so edits still show)."""
    past = time.time() - 5
    for path in paths:
        os.utime(path, (past, past))


class Child:
    """`python -m index.background` in its own process group, its lines read by a thread."""

    def __init__(self, index_dir: Path, folders: list[Path], full: bool = True):
        args = {
            "index_dir": str(index_dir), "folders": [str(f) for f in folders],
            "max_file_bytes": MAX_BYTES, "full": full,
        }
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "index.background", json.dumps(args)],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            cwd=str(ROOT), env={**os.environ, "PYTHONUNBUFFERED": "1"}, start_new_session=True,
        )
        self.lines: queue.Queue[dict | None] = queue.Queue()  # type: ignore[type-arg]
        self.events: list[dict] = []  # type: ignore[type-arg]
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            try:
                self.lines.put(json.loads(raw))
            except ValueError:
                continue
        self.lines.put(None)

    def next_event(self, timeout: float) -> dict | None:  # type: ignore[type-arg]
        """The next JSON line, or None at the end of output (or after `timeout`)."""
        try:
            event = self.lines.get(timeout=timeout)
        except queue.Empty:
            return None
        if event is not None:
            self.events.append(event)
        return event

    def finish(self, timeout: float = 60) -> dict:  # type: ignore[type-arg]
        """Read to the end; the last event (the summary, or busy/error)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            event = self.next_event(timeout=max(0.1, deadline - time.monotonic()))
            if event is None:
                break
        self.proc.wait(timeout=max(1, deadline - time.monotonic()))
        self._reader.join(timeout=5)
        assert self.events, f"the child printed nothing; stderr: {self.stderr()}"
        return self.events[-1]

    def kill(self) -> None:
        """SIGKILL the child and its worker processes at once, as a crash would."""
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)  # its own group (start_new_session)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=30)
        self._reader.join(timeout=5)
        while self.next_event(timeout=0) is not None:
            pass

    def stderr(self) -> str:
        if self.proc.poll() is None or self.proc.stderr is None:
            return ""
        return self.proc.stderr.read().decode("utf-8", "replace")[-2000:]


def search_total(index_dir: Path, query: str) -> int:
    with Searcher(index_dir) as s:
        return s.search(query, limit=5).total


def assert_matches_model(index_dir: Path, model: dict[int, int], searched: int = 25) -> None:
    """The index holds exactly the briefs of the model, each once, at its current version;
    the words of `searched` of them (spread over the model) find them, old words don't."""
    ix, note = open_index(index_dir, create=False)
    assert ix is not None, note
    with ix.searcher() as raw:
        titles = sorted(f["title"] for f in raw.reader().all_stored_fields())
    assert titles == sorted(f"Brief {n} version {v}" for n, v in model.items())
    with Searcher(index_dir) as s:
        assert s.search(COMMON, limit=1).total == len(model)
        numbers = sorted(model)
        for n in numbers[:: max(1, len(numbers) // searched)]:
            version = model[n]
            hits = s.search(token(n, version), limit=3, facets=False, collapse=False)
            assert hits.total == 1, f"brief {n} version {version}: {hits.total} hits"
            if version:
                stale = s.search(token(n, version - 1), limit=3, facets=False, collapse=False)
                assert stale.total == 0, f"brief {n}: its previous text is still indexed"


def configure(home: Path, *folders: Path) -> Path:
    """Point the isolated config (tests/conftest.py) at `folders`; returns the index folder."""
    lines = ["folders:"] + [f"  - {json.dumps(str(f))}" for f in folders]
    (home / "config.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return home / "cache" / "index" / "default"


def keep_notes(home: Path) -> tuple[Path, bytes]:
    """A file in the data folder (where notes live), to check that nothing touches it."""
    data = home / "data"
    data.mkdir(parents=True, exist_ok=True)
    content = os.urandom(512) + "\n# My notes on brief 7\nnever to be touched\n".encode()
    (data / "notes-default.md").write_bytes(content)
    return data / "notes-default.md", content
