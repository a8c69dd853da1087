"""A larger corpus for the index tests: a few hundred briefs assembled from our sample briefs.

Big enough that common words fill several posting blocks (128 postings each) and that
phrases of common words have many candidate briefs; deterministic (seeded).
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "briefs" / "samples"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def sample_sentences() -> list[str]:
    out = []
    for path in sorted(SAMPLES.rglob("*")):
        if path.suffix not in (".md", ".txt"):
            continue
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            text = text.split("---", 2)[2]
        for line in text.splitlines():
            line = line.strip()
            if len(line) > 40 and not line.startswith(("#", "|", "-", "*", "**")):
                out += [s for s in _SENTENCE.split(line) if len(s) > 30]
    return sorted(set(out))


def write_briefs(folder: Path, n: int, seed: int = 7) -> list[Path]:
    """n Markdown briefs of 8-30 sample sentences each, with titles, dates, sources, tags."""
    rng = random.Random(seed)
    sentences = sample_sentences()
    sources = ["Orbital Ledger", "Defense Wire", "Pacific Monitor", "Harbour Gazette"]
    tags = ["space", "launch", "hypersonics", "missile-defence", "budget", "allies"]
    paths = []
    for i in range(n):
        body = " ".join(rng.choice(sentences) for _ in range(rng.randint(8, 30)))
        title = " ".join(rng.choice(sentences).split()[:6]).rstrip(".,;:")
        day = date(2024, 1, 1) + timedelta(days=rng.randint(0, 900))
        path = folder / f"part-{i % 4}" / f"brief-{i:04d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"---\ntitle: \"{title}\"\ndate: {day.isoformat()}\nsource: {rng.choice(sources)}\n"
            f"tags: [{', '.join(rng.sample(tags, 2))}]\n---\n\n{body}\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def many_briefs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many") / "briefs"
    write_briefs(folder, 300)
    return folder
