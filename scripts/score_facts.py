#!/usr/bin/env python3
"""Score the key-fact extractor against the gold sets in ../shared/corpus, per fact type.

Each module in scripts/scoring/ exposes `score(corpus: Path) -> list[Row]`. This prints
one table and compares every figure with its floor in scripts/fact_floors.json: a figure
below its floor is a regression (exit status 1). Raise a floor when the extractor improves.

    python scripts/score_facts.py [--corpus ../shared/corpus] [--only money] [--json]
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from scoring.common import Row  # noqa: E402

FLOORS = HERE / "fact_floors.json"


def run(corpus: Path, only: str | None = None) -> list[Row]:
    import scoring

    rows: list[Row] = []
    for info in pkgutil.iter_modules(scoring.__path__):
        if info.name == "common" or (only and only not in info.name):
            continue
        module = importlib.import_module(f"scoring.{info.name}")
        started = time.perf_counter()
        rows += module.score(corpus)
        print(f"# scoring.{info.name}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return rows


def check(rows: list[Row]) -> list[str]:
    floors = json.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else {}
    problems = []
    for row in rows:
        floor = floors.get(row.key)
        if floor is not None and row.value + 1e-9 < floor:
            problems.append(f"{row.key}: {row.value:.3f} is below its floor {floor:.3f}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared" / "corpus")
    parser.add_argument("--only", help="run only scoring modules whose name contains this")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"{args.corpus}: not found (the gold sets live in ../shared/corpus)", file=sys.stderr)
        return 2
    rows = run(args.corpus, args.only)
    if args.json:
        print(json.dumps([r.__dict__ for r in rows], indent=1))
    else:
        print(f"{'gold set':<12} {'fact type':<16} {'metric':<22} {'value':>7} {'n':>6}  target")
        for r in rows:
            print(f"{r.gold:<12} {r.fact:<16} {r.metric:<22} {r.value:>7.3f} {r.n:>6}  {r.target or ''}")
    problems = check(rows)
    for p in problems:
        print("REGRESSION", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
