"""Benchmark key-fact extraction (what an index build runs per brief); prints figures, not a test.

    python scripts/bench_facts.py [--folder DIR] [-n 1000] [--corpus ../shared/corpus]
    python scripts/bench_facts.py --dump out.json   # every fact of every input, to compare runs

Inputs: `n` generated briefs spread evenly over DIR's .md files (without DIR, briefs made by
scripts/bench.py's generator in a temporary folder), plus every document of the shared corpus
that briefs.load reads. Each input runs `extract(body, date, title, summary=False)` as the
index's loader workers do. Figures are CPU time (time.process_time), the median of 3 passes,
so they vary less than wall time on a shared machine; the per-extractor breakdown times each
extractor's own call (the same calls `extract` makes).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefs.facts import _expand_from_entities, extract  # noqa: E402
from briefs.load import load_file  # noqa: E402
from briefs.model import LoadError  # noqa: E402

Doc = tuple[str, str, object, str]  # (name, body, date, title)


def briefs_of(path: Path, rel: str) -> list[Doc]:
    try:
        briefs = load_file(str(path), rel)
    except LoadError:
        return []
    many = len(briefs) > 1
    return [(f"{rel}#{k}" if many else rel, b.body, b.date, b.title) for k, b in enumerate(briefs)]


def generated(folder: Path | None, n: int) -> list[Doc]:
    """`n` briefs spread evenly over the folder's .md files (sorted), or newly generated ones."""
    tmp = None
    if folder is None:
        sys.path.insert(0, str(ROOT / "scripts"))
        import bench

        tmp = Path(tempfile.mkdtemp(prefix="bench-facts-"))
        corpus = ROOT.parent / "shared" / "corpus"
        bench.generate(n, tmp, bench.corpus_sentences(corpus) if corpus.is_dir() else None)
        folder = tmp
    files = sorted(folder.rglob("*.md"))
    step = max(1, len(files) // n) if n else 1
    picked = files[::step][:n]
    docs = [d for f in picked for d in briefs_of(f, f.relative_to(folder).as_posix())]
    if tmp is not None:
        shutil.rmtree(tmp, ignore_errors=True)
    return docs


def real(corpus: Path) -> list[Doc]:
    """Every document of the shared corpus that briefs.load reads (Markdown, the feeds' items)."""
    if not corpus.is_dir():
        return []
    return [d for f in sorted(p for p in corpus.rglob("*") if p.is_file())
            for d in briefs_of(f, f.relative_to(corpus).as_posix())]


def raw_texts(corpus: Path) -> list[Doc]:
    """Texts of the corpus that are no brief files (re3d's documents, the quantity sentences):
    more inputs for --dump."""
    docs: list[Doc] = []
    for f in sorted(corpus.glob("re3d/*/documents.json")):
        for line in f.read_text(encoding="utf-8-sig").splitlines():
            if line.strip():
                row = json.loads(line)
                docs.append((f"{f.parent.name}/{row['_id']}", row["text"], None, row.get("title", "")))
    path = corpus / "quantities" / "quantities.json"
    if path.is_file():
        docs += [(f"quantities#{k}", row["req"], None, "") for k, row in enumerate(json.loads(path.read_text()))]
    return docs


def one_pass(docs: list[Doc]) -> float:
    t0 = time.process_time()
    for _, body, when, title in docs:
        extract(body, when, title, summary=False)
    return time.process_time() - t0


def breakdown(docs: list[Doc]) -> dict[str, float]:
    """CPU seconds per extractor over `docs`, calling each as `extract` does."""
    from briefs.facts import acronyms, dates, entities, money, quantities, quotes
    from briefs.facts import sentences as sentence_mod

    spent = dict.fromkeys(("sentences", "money", "quantities", "dates", "acronyms", "entities", "quotes"), 0.0)
    clock = time.process_time
    for _, body, when, _title in docs:
        t = clock()
        sents = sentence_mod.split(body)
        low = body.lower()
        t1 = clock(); spent["sentences"] += t1 - t; t = t1
        money_facts = money.extract(body, low=low)
        t1 = clock(); spent["money"] += t1 - t; t = t1
        quantities.extract(body, exclude=[(f.start, f.end) for f in money_facts], low=low)
        t1 = clock(); spent["quantities"] += t1 - t; t = t1
        dates.extract(body, when, low=low)
        t1 = clock(); spent["dates"] += t1 - t; t = t1
        acronym_facts = acronyms.extract(body)
        t1 = clock(); spent["acronyms"] += t1 - t; t = t1
        entity_facts = entities.extract(body, sents, acronym_facts)
        t1 = clock(); spent["entities"] += t1 - t; t = t1
        _expand_from_entities(acronym_facts, entity_facts)
        quotes.extract(body, sents, entity_facts)
        spent["quotes"] += clock() - t
    return spent


def dump(docs: list[Doc], out: Path) -> None:
    """Every fact of every input, all fields, in order: compare two runs byte for byte."""
    rows = {name: [dataclasses.asdict(f) for f in extract(body, when, title, summary=False)]
            for name, body, when, title in docs}
    out.write_text(json.dumps(rows, ensure_ascii=False, indent=0, sort_keys=False, default=str))
    print(f"{sum(map(len, rows.values())):,} facts of {len(rows):,} inputs written to {out}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folder", type=Path, help="briefs to read (default: generate them)")
    ap.add_argument("-n", type=int, default=1000, help="generated briefs (default 1000)")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0, help="shuffle the inputs' order (0: keep it)")
    ap.add_argument("--dump", type=Path, help="write every fact to this JSON file and stop")
    args = ap.parse_args()
    gen, corp = generated(args.folder, args.n), real(args.corpus)
    print(f"{len(gen):,} generated briefs ({sum(len(d[1]) for d in gen) / max(1, len(gen)):,.0f} chars each), "
          f"{len(corp):,} corpus documents ({sum(len(d[1]) for d in corp) / max(1, len(corp)):,.0f} chars each)")
    if args.dump:
        dump(gen + corp + raw_texts(args.corpus), args.dump)
        return
    if args.seed:
        random.Random(args.seed).shuffle(gen)
    extract("Warm-up: Gen. Ana Novak said $5 million on 3 March 2026 (DoD).", None)  # loads the data
    for label, docs in (("generated", gen), ("corpus", corp)):
        if not docs:
            continue
        runs = [one_pass(docs) for _ in range(args.passes)]
        chars = sum(len(d[1]) for d in docs)
        med = statistics.median(runs)
        print(f"\n{label}: {1000 * med / len(docs):.3f} ms per document, {1e6 * med / chars:.3f} ms per 1,000 chars "
              f"(median of {args.passes} passes: " + ", ".join(f"{r:.2f}" for r in runs) + " s)")
        parts = breakdown(docs)
        total = sum(parts.values())
        for name, spent in sorted(parts.items(), key=lambda kv: -kv[1]):
            print(f"  {name:<11}{1000 * spent / len(docs):8.3f} ms  {100 * spent / total:5.1f}%")


if __name__ == "__main__":
    main()
