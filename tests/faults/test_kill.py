"""SIGKILL at random moments of background indexing, some in the middle of a commit.

Each round edits, adds and deletes a few briefs, starts the app's indexing child
(`python -m index.background`) and kills it and its workers with SIGKILL: at a random
moment, during loading, or just after it announced a commit. After every kill the index
must open and answer; at the end one uninterrupted run must leave exactly the corpus.
"""

from __future__ import annotations

import os
import random
import time
from collections import Counter
from pathlib import Path

from index.store import open_index
from tests.faults.helpers import COMMON, Child, age, assert_matches_model, write_brief, write_corpus

BRIEFS = 300
KILLS = 20
MAX_ROUNDS = 40


def mutate(corpus: Path, model: dict[int, int], rng: random.Random) -> None:
    """Edit 12 briefs, delete 2, add 2 (the model follows)."""
    for n in rng.sample(sorted(model), 2):
        (corpus / f"b{n:04d}.md").unlink()
        del model[n]
    touched = []
    for n in rng.sample(sorted(model), 12):
        model[n] += 1
        touched.append(write_brief(corpus, n, model[n]))
    start = max(model) + 1
    for n in range(start, start + 2):
        model[n] = 0
        touched.append(write_brief(corpus, n))
    age(*touched)


def wait_for(child: Child, phase: str, timeout: float = 30) -> bool:
    """Read events until one of `phase` (True) or the end of the run (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        event = child.next_event(timeout=deadline - time.monotonic())
        if event is None or "phase" not in event:
            return False
        if event["phase"] == phase:
            return True
    return False


def drain_until(child: Child, moment: float) -> None:
    """Keep reading the child's lines (so it never blocks on a full pipe) until `moment`."""
    while time.monotonic() < moment:
        event = child.next_event(timeout=max(0.0, moment - time.monotonic()))
        if event is None and child.proc.poll() is not None:
            return


def check_after_kill(index_dir: Path) -> str:
    """The index opens and answers, each file's brief at most once; returns a note if not."""
    ix, note = open_index(index_dir, create=False)
    if ix is None:
        return note  # "" when no index was created before the kill
    with ix.searcher() as s:
        paths = Counter(fields["path"] for fields in s.reader().all_stored_fields())
        assert not [p for p, n in paths.items() if n > 1], "a file's brief is in the index twice"
        docs = s.doc_count()
    if docs:
        from index.search import Searcher

        with Searcher(index_dir) as searcher:
            assert searcher.search(COMMON, limit=5).total == docs
    return ""


def test_sigkill_at_random_moments_never_costs_the_index(tmp_path: Path) -> None:
    seed = int(os.environ.get("BRIEF_FAULT_SEED") or random.randrange(1 << 30))
    rng = random.Random(seed)
    corpus, index_dir = tmp_path / "corpus", tmp_path / "ix"
    model = write_corpus(corpus, BRIEFS)
    kills = Counter[str]()
    damaged: list[str] = []
    for round_no in range(MAX_ROUNDS):
        if sum(kills.values()) >= KILLS and kills["commit"] >= 5:
            break
        if round_no:
            mutate(corpus, model, rng)
        child = Child(index_dir, [corpus])
        mode = ("commit", "loading", "anytime")[round_no % 3]
        if mode == "commit":
            reached = wait_for(child, "committing")
            if reached:
                time.sleep(rng.uniform(0, 0.15))  # a commit of this size takes ~0.1-0.3 s
        elif mode == "loading":
            reached = wait_for(child, "indexing")
            drain_until(child, time.monotonic() + rng.uniform(0, 0.2))
        else:
            reached = True
            drain_until(child, time.monotonic() + rng.uniform(0.05, 0.9))
        alive = child.proc.poll() is None
        child.kill()
        if reached and alive and not any("finished" in e for e in child.events):
            kills[mode] += 1
        note = check_after_kill(index_dir)
        if note:
            damaged.append(note)
    assert sum(kills.values()) >= KILLS and kills["commit"] >= 5, f"only {dict(kills)} kills (seed {seed})"

    final = Child(index_dir, [corpus]).finish()
    assert final.get("finished"), f"after the kills, indexing failed: {final} (seed {seed})"
    damaged += [n for n in final["notes"] if "set aside" in n]
    # HAZARDS.md: the commit is atomic at the TOC rename, so a kill never needs a rebuild.
    assert not damaged, f"kills left damage (seed {seed}): {damaged}"
    assert_matches_model(index_dir, model)
    # The facts database may hold rows of briefs lost in a kill (test_commit_gap.py).
    again = Child(index_dir, [corpus]).finish()
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, len(model)), again
