"""The load script's query set, drawn from a sample of the generated briefs, and ripgrep's
equivalents of the queries it can run (see scripts/load.py)."""

from __future__ import annotations

import math
import random
import re
import sqlite3
import subprocess
import time
from collections import Counter
from pathlib import Path

from whoosh.analysis import STOP_WORDS

# kind -> share of the queries; word kinds first (ripgrep can run those).
KINDS = {
    "word-rare": 0.07, "word-medium": 0.07, "word-common": 0.07, "two-word": 0.10,
    "phrase": 0.08, "phrase-common": 0.08, "prefix": 0.07, "prefix-3": 0.05,
    "prefix-short": 0.03, "or-not": 0.06, "fuzzy": 0.03, "field": 0.09, "date": 0.09,
    "fact-org": 0.07, "fact-money": 0.04,
}
RG_CANNOT = {  # what ripgrep cannot do, by kind
    "field": "no fields (source:/tag:/title: are only front-matter text to it)",
    "date": "no date ranges", "fact-org": "no key facts (organisations)",
    "fact-money": "no amounts", "fuzzy": "no typo tolerance",
}
_TOKEN = re.compile(r"[a-z]+")
_FRONT = re.compile(r"^---\n(.*?)\n---\n", re.S)


def sample_corpus(briefs: Path, k: int, seed: int) -> dict:
    """Document frequencies (as fractions), word sequences, sources, tags, authors, dates."""
    files = sorted(briefs.rglob("*.md"))
    rng = random.Random(seed)
    picked = rng.sample(files, min(k, len(files)))
    df: Counter[str] = Counter()
    grams: Counter[str] = Counter()
    sources, tags, authors, dates = Counter(), Counter(), Counter(), []
    for num, path in enumerate(picked):
        text = path.read_text(encoding="utf-8", errors="replace")
        m = _FRONT.match(text)
        head, body = (m.group(1), text[m.end():]) if m else ("", text)
        for key, value in re.findall(r"^(\w+): (.*)$", head, re.M):
            value = value.strip().strip('"')
            if key == "source":
                sources[value] += 1
            elif key == "author":
                authors[value.split()[-1].lower()] += 1
            elif key == "date":
                dates.append(value[:10])
            elif key == "tags":
                tags.update(re.findall(r'"([^"]+)"', value))
        words = _TOKEN.findall(body.lower())
        df.update(set(words))
        if num >= 500:  # phrases: enough from the first 500
            continue
        seen: set[str] = set()
        for line in body.lower().split("\n"):
            toks = _TOKEN.findall(line)
            for size in (2, 3):
                for i in range(len(toks) - size + 1):
                    g = toks[i:i + size]
                    if g[0] not in STOP_WORDS and g[-1] not in STOP_WORDS and len(g[0]) > 2 and len(g[-1]) > 2:
                        seen.add(" ".join(g))
        grams.update(seen)
    n, ng = max(1, len(picked)), max(1, min(500, len(picked)))
    return {"df": {w: c / n for w, c in df.items()}, "grams": {g: c / ng for g, c in grams.items()},
            "sources": sources, "tags": tags, "authors": authors, "dates": sorted(dates),
            "files": len(files), "sampled": len(picked)}


def facts_sample(index_dir: Path) -> list[str]:
    """Organisation names found as key facts, most common first (for org: queries)."""
    db = index_dir / "brief-facts.sqlite"
    if not db.exists():
        return []
    con = sqlite3.connect(db)
    try:
        rows = con.execute("SELECT name, COUNT(DISTINCT id) FROM entity WHERE type = 'organisation' "
                           "GROUP BY name ORDER BY 2 DESC LIMIT 400").fetchall()
    finally:
        con.close()
    return [re.sub(r"[^\w ]+", " ", name).lower().strip() for name, _ in rows
            if re.fullmatch(r"[A-Za-z][\w .&'-]*", name or "")]


def make_queries(sample: dict, orgs: list[str], total: int, seed: int) -> list[tuple[str, str]]:
    """About `total` (kind, query) pairs in the shares of KINDS."""
    rng = random.Random(seed)
    df = sample["df"]
    ok = sorted(w for w in df if len(w) >= 4 and w not in STOP_WORDS)

    def near(frac: float, k: int) -> list[str]:
        cands = sorted(ok, key=lambda w: (abs(math.log(df[w] / frac)), w))[: max(3 * k, 40)]
        return [rng.choice(cands) for _ in range(k)] if len(cands) < k else rng.sample(cands, k)

    def pool(items: list[str], k: int) -> list[str]:
        items = sorted(set(items))
        return rng.sample(items, k) if len(items) >= k else [rng.choice(items) for _ in range(k)] if items else []

    count = {kind: max(1, round(total * share)) for kind, share in KINDS.items()}
    rare, med, com = near(0.003, 80), near(0.05, 80), near(0.35, 60)
    grams = sample["grams"]
    plain = [g for g in grams if not set(g.split()) & STOP_WORDS]
    common_grams = sorted(grams, key=lambda g: -grams[g])[:150]
    sources = [s.split()[0].lower() for s in sample["sources"]] or ["wire"]
    tags = [t.lower() for t in sample["tags"]] or ["budget"]
    authors = list(sample["authors"]) or ["smith"]
    years = sorted({d[:4] for d in sample["dates"]}) or ["2024"]
    out: list[tuple[str, str]] = []

    def add(kind: str, make) -> None:  # type: ignore[no-untyped-def]
        out.extend((kind, make(i)) for i in range(count[kind]))

    add("word-rare", lambda i: rare[i % len(rare)])
    add("word-medium", lambda i: med[i % len(med)])
    add("word-common", lambda i: com[i % len(com)])
    add("two-word", lambda i: f"{rng.choice(med + com)} {rng.choice(com if i % 2 else med + rare)}")
    out.extend(("phrase", f'"{g}"') for g in pool(plain, count["phrase"]))
    out.extend(("phrase-common", f'"{g}"') for g in pool(common_grams, count["phrase-common"]))
    add("prefix", lambda i: rng.choice(med + com)[: 4 + i % 2] + "*")
    add("prefix-3", lambda i: rng.choice(com + med)[:3] + "*")
    add("prefix-short", lambda i: rng.choice(com + med)[: 1 + i % 2] + "*")
    add("or-not", lambda i: f"{rng.choice(med)} {'OR' if i % 2 else 'NOT'} {rng.choice(med + com)}")
    def typo(word: str) -> str:  # two neighbouring letters swapped, not the first
        i = rng.randint(1, len(word) - 2)
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]

    add("fuzzy", lambda i: typo(rng.choice(med + com)) + "~")
    fields = [lambda: f"source:{rng.choice(sources)} {rng.choice(med)}",
              lambda: f"tag:{rng.choice(tags)}", lambda: f"tag:{rng.choice(tags)} {rng.choice(com)}",
              lambda: f"title:{rng.choice(com)}", lambda: f"title:{rng.choice(med)}",
              lambda: f"author:{rng.choice(authors)} {rng.choice(med)}"]
    add("field", lambda i: fields[i % len(fields)]())

    def day(year: str) -> str:
        return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

    dates = [lambda: f"date:[{day(rng.choice(years))} to {day(years[-1])}]",
             lambda: f"date:[{day(rng.choice(years))} to {day(rng.choice(years))}] {rng.choice(med)}",
             lambda: f"date:{rng.choice(years)}-{rng.randint(1, 12):02d} {rng.choice(com)}",
             lambda: f"date:>={day(rng.choice(years))} {rng.choice(com)}",
             lambda: f"date:{rng.choice(years)} {rng.choice(rare + med)}"]
    add("date", lambda i: _ordered_range(dates[i % len(dates)]()))
    org_words = sorted({w for o in orgs for w in o.split() if len(w) > 2 and w not in STOP_WORDS})
    org_phrases = [o for o in orgs if 2 <= len(o.split()) <= 4]
    facts = [lambda: f"org:{rng.choice(org_words)}", lambda: f'org:"{rng.choice(org_phrases)}"',
             lambda: f"org:{rng.choice(org_words)} {rng.choice(com)}"]
    if org_words and org_phrases:
        add("fact-org", lambda i: facts[i % len(facts)]())
    money = [lambda: "money:>1bn", lambda: f"money:>=500m {rng.choice(com)}",
             lambda: f"money:[100m to 2bn] {rng.choice(med)}", lambda: f"money:<1m {rng.choice(com)}"]
    add("fact-money", lambda i: money[i % len(money)]())
    return out


def _ordered_range(q: str) -> str:
    """date:[b to a] with b after a would be refused: put the ends in order."""
    m = re.match(r"date:\[(\S+) to (\S+)\](.*)", q)
    if m and m.group(1) > m.group(2):
        return f"date:[{m.group(2)} to {m.group(1)}]{m.group(3)}"
    return q


# ripgrep ------------------------------------------------------------------------------------

def rg_plan(kind: str, q: str) -> tuple[str, list[str]] | None:
    """(how, patterns) for ripgrep, or None when ripgrep cannot express the query."""
    if kind in RG_CANNOT:
        return None
    if kind.startswith(("word", "two")):
        return "and", q.split()
    if kind.startswith("phrase"):
        return "phrase", [q.strip('"')]
    if kind.startswith("prefix"):
        return "prefix", [q.rstrip("*")]
    a, op, b = q.split()
    return ("or" if op == "OR" else "not"), [a, b]


def _rg(args: list[str], targets: list[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(targets), 2000):  # keep the command line short
        out = subprocess.run(["rg", "-l", "-i", *args, "--", *targets[i:i + 2000]],
                             capture_output=True, text=True).stdout
        found.update(line for line in out.split("\n") if line)
    return found


def time_rg(plan: tuple[str, list[str]], folder: Path) -> tuple[float, int]:
    """(ms, files found) for ripgrep doing what the plan says over every brief."""
    how, pats = plan
    t0 = time.perf_counter()
    if how == "and":  # every word: search the whole folder for one, then only its files
        files = _rg(["-F", "-w", pats[0]], [str(folder)])
        for word in pats[1:]:
            files = _rg(["-F", "-w", word], sorted(files)) if files else files
    elif how == "phrase":
        files = _rg(["-F", pats[0]], [str(folder)])
    elif how == "prefix":
        files = _rg([r"\b" + re.escape(pats[0])], [str(folder)])
    elif how == "or":
        files = _rg(["-F", "-w", "-e", pats[0], "-e", pats[1]], [str(folder)])
    else:
        files = _rg(["-F", "-w", pats[0]], [str(folder)]) - _rg(["-F", "-w", pats[1]], [str(folder)])
    return (time.perf_counter() - t0) * 1000, len(files)
