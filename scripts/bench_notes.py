"""Notes store figures (not a test): cost of a change, of a sync, of re-anchoring after edits,
and how often highlights are found again. Uses ../shared/corpus when present, else samples.

    python scripts/bench_notes.py [--briefs 40] [--highlights 10]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

from briefs.load import load_file
from briefs.notes import BriefRef, NotesStore
from briefs.notes.anchor import context, relocate

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
INSERT = "A paragraph inserted by a later edit of the brief.\n\n"


def _bodies(limit: int) -> list[str]:
    folder = CORPUS if CORPUS.exists() else ROOT / "briefs" / "samples"
    files = sorted(p for p in folder.rglob("*.md"))[:limit]
    return [b.body for f in files for b in load_file(str(f))[:1] if len(b.body) > 600]


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    return (f"median {statistics.median(ordered) * 1000:.2f} ms, "
            f"p95 {ordered[int(len(ordered) * 0.95) - 1] * 1000:.2f} ms, max {ordered[-1] * 1000:.2f} ms")


def store_costs(folder: Path) -> None:
    ref = BriefRef("bench0000001", "/c/a.md", "Bench", "Some brief text. " * 200)
    with NotesStore(folder / "notes.sqlite") as store:
        adds = []
        for i in range(200):
            t = time.perf_counter()
            store.add_note(ref, f"note {i} " + "words " * 40)
            adds.append(time.perf_counter() - t)
        syncs = []
        for _ in range(1000):
            t = time.perf_counter()
            store.sync(ref)
            syncs.append(time.perf_counter() - t)
        for i in range(1000):
            store.tag(BriefRef(f"b{i:011d}", f"/c/{i}.md", f"Brief {i}"), ["watch"])
        t = time.perf_counter()
        listed = store.briefs()
        listing = time.perf_counter() - t
    print(f"add_note (one transaction, fsync): {_ms(adds)}")
    print(f"sync of an unchanged brief:        {_ms(syncs)}")
    print(f"briefs() over {len(listed)} annotated briefs: {listing * 1000:.0f} ms")


def reanchoring(bodies: list[str], per_brief: int) -> None:
    rng = random.Random(20260601)
    how: Counter[str] = Counter()
    wrong = 0
    took = []
    for body in bodies:
        for _ in range(per_brief):
            start = rng.randrange(0, len(body) - 300)
            end = start + rng.randint(20, 250)
            text = body[start:end]
            if not text.strip():
                continue
            edited = body[: rng.randrange(0, start + 1)] + INSERT
            edited += body[len(edited) - len(INSERT):]
            words = list(re.finditer(r"\w{5,}", text))
            if words and rng.random() < 0.6:  # reword one word inside the passage
                w = rng.choice(words)
                a, b = start + len(INSERT) + w.start(), start + len(INSERT) + w.end()
                edited = edited[:a] + w.group()[::-1].upper() + edited[b:]
            t = time.perf_counter()
            place = relocate(edited, start, end, text, *context(body, start, end))
            took.append(time.perf_counter() - t)
            how[place.how] += 1
            wrong += place.found and abs(place.start - (start + len(INSERT))) > 10
    total = sum(how.values())
    print(f"re-anchoring {total} highlights in {len(bodies)} edited briefs: {_ms(took)}")
    print("  found: " + ", ".join(f"{k} {v}" for k, v in sorted(how.items()))
          + f"; found elsewhere (an identical or near-identical passage): {wrong}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--briefs", type=int, default=40)
    parser.add_argument("--highlights", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store_costs(Path(tmp))
    reanchoring(_bodies(args.briefs), args.highlights)


if __name__ == "__main__":
    main()
