#!/usr/bin/env python3
"""Quality of related briefs on the CRS reports in ../shared/corpus (not a test).

Prints precision at 5 of related items sharing a CRS topic with the brief, beside the rate
for random pairs, and the recall of versions of one CRS product as near-duplicates.

    python scripts/score_related.py [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index import dupes  # noqa: E402
from index.factstore import connect  # noqa: E402
from index.indexer import Indexer  # noqa: E402
from index.related import related  # noqa: E402
from index.search import Searcher  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = ap.parse_args()
    crs = args.corpus / "crs"
    if not crs.is_dir():
        print(f"{crs}: not found", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = Path(tmp) / "ix"
        Indexer(index_dir, 50 << 20).run([crs])
        with Searcher(index_dir) as s:
            stored = [s._searcher.stored_fields(n) for n in range(s._searcher.doc_count_all())]
            topics = {d["id"]: {t.lower() for t in (d.get("meta") or {}).get("tags", [])} for d in stored}
            products = {d["id"]: re.sub(r"v\d+$", "", (d.get("meta") or {}).get("key", "")) for d in stored}
            ids = [i for i in topics if topics[i]]
            hits = shown = 0
            times = []
            for brief_id in ids:
                t0 = time.perf_counter()
                items = related(s, brief_id, limit=5)
                times.append(time.perf_counter() - t0)
                shown += len(items)
                hits += sum(1 for r in items if topics.get(r.id, set()) & topics[brief_id])
            rng = random.Random(1)
            pairs = [rng.sample(ids, 2) for _ in range(5000)]
            base = sum(1 for a, b in pairs if topics[a] & topics[b]) / len(pairs)
        groups = defaultdict(list)
        for brief_id, key in products.items():
            groups[key].append(brief_id)
        version_pairs = [p for g in groups.values() for p in itertools.combinations(g, 2)]
        with connect(index_dir) as db:
            found = dupes.copies(db, list(products))
        recalled = sum(1 for a, b in version_pairs if b in found.get(a, []))
        false = sum(1 for a, cs in found.items() for b in cs if products[a] != products[b]) // 2
    print(f"CRS reports with topics: {len(ids)}")
    print(f"related precision@5 (shares a topic): {hits / max(1, shown):.3f}   random pairs: {base:.3f}")
    print(f"related look-up: median {sorted(times)[len(times) // 2] * 1000:.1f} ms")
    print(f"versions of one product found as near-duplicates: {recalled} of {len(version_pairs)}; "
          f"near-duplicate pairs across products: {false}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
