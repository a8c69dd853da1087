"""Nothing committed is lost: a writer killed with SIGKILL at random moments, and two
processes (two SSH sessions) writing the same notes database at once."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefs.notes import NotesStore

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

WRITER = r"""
import sys
from briefs.notes import BriefRef, NotesStore

path, run = sys.argv[1], int(sys.argv[2])
body = "The agency awarded contracts for 36 missile tracking satellites. " * 40
ref = BriefRef("crash0000001", "/c/a.md", "Crash test", body)
store = NotesStore(path)
i = 0
while True:
    key = f"run{run}-note{i}"
    note = store.add_note(ref, key + " " + "words " * ((i * 397 + run * 31) % 3000))
    store.tag(ref, [f"t{i % 5}"])
    if i % 4 == 0:
        store.add_highlight(ref, i % 500, i % 500 + 30, key)
    print(note.id, key, flush=True)
    i += 1
"""

TWIN = r"""
import os, sys, time
from briefs.notes import BriefRef, NotesStore

path, name, go, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
shared = BriefRef("shared000001", "/c/shared.md", "Shared", "Shared brief text for both writers.")
store = NotesStore(path)
print("ready", flush=True)
while not os.path.exists(go):
    time.sleep(0.005)
for i in range(count):
    store.add_note(shared, f"{name} note {i}")
    store.tag(shared, [f"{name}-{i % 3}"])
    store.set_starred(shared, i % 2 == 0)
deadline = time.time() + 60
while time.time() < deadline:
    others = [n for n in store.notes(shared.id) if not n.text.startswith(name + " ")]
    if len(others) >= count:
        break
    time.sleep(0.02)
print("saw", len(others), flush=True)
"""


def _text_of(key: str) -> str:
    i, run = int(key.split("note")[1]), int(key[3:].split("-")[0])
    return key + " " + "words " * ((i * 397 + run * 31) % 3000)


def _spawn(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_sigkill_while_writing_never_loses_a_committed_note(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    rng = random.Random(20260601)
    committed: dict[int, str] = {}
    for run in range(20):
        proc = _spawn(WRITER, str(path), str(run))
        assert proc.stdout is not None
        first = proc.stdout.readline()  # it is writing: now kill it at a random moment
        assert first, proc.stderr.read() if proc.stderr else ""
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(proc.pid, signal.SIGKILL)
        rest, _ = proc.communicate()
        assert proc.returncode == -signal.SIGKILL
        complete = (first + rest).split("\n")[:-1]  # a line cut off by the kill was never reported
        for line in complete:
            note_id, key = line.split()
            committed[int(note_id)] = _text_of(key)
        db = sqlite3.connect(path)
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.close()
        with NotesStore(path) as store:
            saved = {n.id: n.text for n in store.notes("crash0000001")}
        missing = [i for i in committed if saved.get(i) != committed[i]]
        assert not missing, f"run {run}: notes reported committed but lost or changed: {missing[:5]}"
    assert len(committed) >= 20


def test_two_processes_write_at_once_and_each_sees_the_others_notes(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    go = tmp_path / "go"
    NotesStore(path).close()  # created once; both then open the same file
    twins = [_spawn(TWIN, str(path), name, str(go), "40") for name in ("left", "right")]
    for proc in twins:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    go.touch()
    outputs = [proc.communicate(timeout=120) for proc in twins]
    for proc, (out, err) in zip(twins, outputs):
        assert proc.returncode == 0, err
        assert out.strip() == "saw 40", out + err
    with NotesStore(path) as store:
        texts = sorted(n.text for n in store.notes("shared000001"))
        assert texts == sorted([f"left note {i}" for i in range(40)] + [f"right note {i}" for i in range(40)])
        assert set(store.tags("shared000001")) == {f"{n}-{i}" for n in ("left", "right") for i in range(3)}
