"""Index in a child process, reporting progress as JSON lines (for the app).

Indexing is CPU-bound Python: run in a thread of the app, it would hold the GIL and make
every keystroke wait. A child process keeps the interface responsive, gets its own worker
pool without forking a threaded process, and is stopped with SIGINT like Ctrl-C on
`brief index`, which keeps the last committed batch. Whoosh's write lock keeps it and
`brief index` in a shell from writing at the same time (the loser reports "busy").

Parent side: `IndexRun(...).events()` yields dicts:
  {"phase": "scanning"|"indexing"|"committing", "done": int, "total": int}
  {"finished": True, "added": .., "updated": .., "removed": .., "unchanged": ..,
   "failed": int, "failures": [[path, reason], ...], "notes": [...], "total": int,
   "elapsed": float, "interrupted": bool, "niceness": int}
  {"busy": "message"} or {"error": "message"}

The child runs at a lower priority (NICENESS): on two cores a re-index (a writer and two
loader workers) left the app's searches a third of a core, and the 95th percentile of
queries at 50,000 briefs rose from ~130 to ~185 ms while it ran. On an idle machine the
build takes as long as before.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

MAX_FAILURES_SENT = 20
NICENESS = 10  # added to the child's (see the module's doc); its workers inherit it
PROGRESS_EVERY = 0.2  # seconds between progress lines


class IndexRun:
    """One background indexing run in a child process."""

    def __init__(self, index_dir: Path, folders: list[Path], max_file_bytes: int, full: bool = True):
        args = {
            "index_dir": str(Path(index_dir).absolute()),  # the child runs elsewhere
            "folders": [str(Path(f).absolute()) for f in folders],
            "max_file_bytes": int(max_file_bytes),
            "full": bool(full),
        }
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "index.background", json.dumps(args)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=str(Path(__file__).resolve().parent.parent),
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            start_new_session=True,  # a Ctrl-C meant for the app's terminal isn't the child's
        )

    def events(self) -> Iterator[dict[str, object]]:
        """Progress and the final result, as the child reports them (blocks; use a thread)."""
        assert self.proc.stdout is not None
        last: dict[str, object] | None = None
        for raw in self.proc.stdout:
            try:
                event = json.loads(raw)
            except ValueError:
                continue
            if isinstance(event, dict):
                last = event
                yield event
        code = self.proc.wait()
        if last is None or not ({"finished", "busy", "error"} & set(last)):
            yield {"error": f"background indexing stopped unexpectedly (exit status {code})"}

    def stop(self, wait: float = 5.0) -> None:
        """Ask the child to stop as Ctrl-C would (the last committed batch stays)."""
        if self.proc.poll() is not None:
            return
        try:
            self.proc.send_signal(signal.SIGINT)
            self.proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        except ProcessLookupError:
            pass


def _emit(event: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def child_main(argv: list[str]) -> int:
    """The child: index, printing progress lines and one final line."""
    import sqlite3

    from index.indexer import IndexBusy, Indexer
    from index.store import IndexUnsafe, write_error_message

    args = json.loads(argv[0])
    try:
        niceness = os.nice(NICENESS)
    except OSError:  # not allowed here: run as we are
        niceness = os.nice(0)
    last = [0.0]

    def progress(phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY or done == total:
            last[0] = now
            _emit({"phase": phase, "done": done, "total": total})

    indexer = Indexer(Path(args["index_dir"]), int(args["max_file_bytes"]), progress=progress)
    try:
        report = indexer.run([Path(f) for f in args["folders"]], full=bool(args["full"]))
    except IndexBusy as exc:
        _emit({"busy": str(exc)})
        return 3
    except IndexUnsafe as exc:
        _emit({"error": str(exc)})
        return 2
    except KeyboardInterrupt:
        _emit({"error": "indexing interrupted"})
        return 130
    except (OSError, sqlite3.Error) as exc:  # a full disk reaches SQLite first, as "disk I/O error"
        _emit({"error": write_error_message(Path(args["index_dir"]), exc)})
        return 1
    except Exception as exc:  # a bug: one line for the app rather than "stopped unexpectedly"
        _emit({"error": f"indexing failed: {type(exc).__name__}: {exc}"})
        return 1
    _emit({
        "finished": True,
        "added": report.added,
        "updated": report.updated,
        "removed": report.removed,
        "unchanged": report.unchanged,
        "failed": len(report.failed),
        "failures": [list(f) for f in report.failed[:MAX_FAILURES_SENT]],
        "notes": list(report.notes),
        "total": report.total_briefs,
        "elapsed": round(report.elapsed, 3),
        "interrupted": report.interrupted,
        "niceness": niceness,
    })
    return 0


if __name__ == "__main__":
    sys.exit(child_main(sys.argv[1:]))
