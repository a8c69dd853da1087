#!/usr/bin/env python3
"""Figures for the reader: rendering a 50 KB brief, opening it on screen, finding in it.

    python scripts/bench_reader.py [--runs 15] [--kb 50]

A Markdown brief of about `--kb` KB is generated (headings, paragraphs with emphasis, lists,
a quote, code, a table and links every few paragraphs), plus, when ../shared/corpus is
beside the checkout, the corpus document closest to that size. For each it prints:
  render    CPU for numbering the links and rendering the body once (as Markdown, and as
            plain text for comparison: what the reader did before it rendered Markdown);
  show      wall time of Reader.show in a headless app (render + mounting the widgets);
  find      typing a word in the find bar: matching every piece and marking them.
Medians and p95 over `--runs`. Not a test; timings on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui import links  # noqa: E402
from tui.bodyview import link_marks, render_body  # noqa: E402
from tui.widgets.findbar import find_all  # noqa: E402

WORDS = (
    "tracking layer tranche budget satellite launch interceptor office programme sensor review "
    "schedule risk contract award ground segment test flight constellation orbit warning"
).split()


def pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 2 else max(values)


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 20))]
    k = rng.randrange(len(words))
    words[k] = rng.choice(["*{}*", "**{}**", "`{}`", "_{}_"]).format(words[k])
    return " ".join(words).capitalize() + "."


def generated(kb: int, seed: int = 5) -> dict[str, Any]:
    """A stored Markdown brief of about `kb` KB (our own generated text)."""
    rng = random.Random(seed)
    parts: list[str] = []
    link_list: list[list[str]] = []
    n = 0
    while sum(len(p) for p in parts) < kb * 1000:
        n += 1
        parts.append(f"## Section {n}")
        para = " ".join(sentence(rng) for _ in range(4))
        if n % 3 == 0:
            words = f"source {n}"
            para += f" See the {words} and https://example.org/bare/{n}."
            link_list.append([words, f"https://example.com/doc/{n}"])
        parts.append(para)
        parts.append("\n".join(f"- {sentence(rng)}" for _ in range(3)))
        if n % 5 == 0:
            parts.append("> " + sentence(rng))
            parts.append("```\ncode line one\ncode line two\n```")
            parts.append("| Item | Cost |\n|---|---:|\n" + "\n".join(f"| {rng.choice(WORDS)} | {rng.randint(1, 999)} |" for _ in range(4)))
    body = "\n\n".join(parts) + "\n"
    return {"id": "bench", "title": "Bench", "body": body, "meta": {"format": "markdown", "url": "https://example.com/b", "links": link_list}}


def corpus_brief(kb: int) -> dict[str, Any] | None:
    folder = ROOT.parent / "shared" / "corpus"
    if not folder.exists():
        return None
    from briefs.load import load_file

    files = sorted(folder.glob("crs/*/*.md")) + sorted(folder.glob("gao/*.md"))
    best = min(files, key=lambda f: abs(f.stat().st_size - kb * 1000))
    b = load_file(str(best))[0]
    return {"id": best.name, "title": b.title, "body": b.body, "meta": {"format": "markdown", "url": b.url, "links": [[x.text, x.url] for x in b.links]}}


def render_ms(stored: dict[str, Any], markdown: bool, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.process_time()
        _, numbers = links.collect(stored)
        render_body(stored["body"], markdown, link_marks(numbers), 70)
        out.append((time.process_time() - t0) * 1000)
    return out


async def show_ms(stored: dict[str, Any], runs: int) -> tuple[list[float], list[float]]:
    from textual.app import App, ComposeResult
    from textual.widgets import Input

    from tui.widgets.reader import Reader

    class ReaderApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Reader(id="reader")

    shows, finds = [], []
    app = ReaderApp()
    async with app.run_test(size=(120, 40)) as pilot:
        reader = app.query_one(Reader)
        for _ in range(runs):
            t0 = time.perf_counter()
            await reader.show(stored, [])
            await pilot.pause()
            shows.append((time.perf_counter() - t0) * 1000)
            reader.action_find()
            await pilot.pause()
            bar = reader.query_one("#find", Input)
            t0 = time.perf_counter()
            bar.value = "sensor"
            await pilot.pause()
            finds.append((time.perf_counter() - t0) * 1000)
    return shows, finds


def line(label: str, values: list[float]) -> str:
    return f"  {label:<34} median {statistics.median(values):7.1f} ms   p95 {pct(values, 95):7.1f} ms"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--kb", type=int, default=50)
    args = ap.parse_args()
    cases = [("generated", generated(args.kb))]
    real = corpus_brief(args.kb)
    if real:
        cases.append((f"corpus {real['id'][:40]}", real))
    for name, stored in cases:
        body = stored["body"]
        found, _ = links.collect(stored)
        pieces = render_body(body, True, {}, 70)
        print(f"== {name}: {len(body) / 1000:.1f} KB, {len(pieces)} pieces, {len(found)} links ==")
        print(line("render as Markdown (CPU)", render_ms(stored, True, args.runs)))
        print(line("render as plain text (CPU)", render_ms(stored, False, args.runs)))
        shows, finds = asyncio.run(show_ms(stored, args.runs))
        print(line("Reader.show, Markdown (wall)", shows))
        print(line("find 'sensor' and mark (wall)", finds))
        texts = [p.rendered.plain for p in pieces]
        t0 = time.process_time()
        for _ in range(args.runs):
            matches = find_all(texts, "sensor")
        print(f"  find_all alone                     {(time.process_time() - t0) * 1000 / args.runs:7.2f} ms   ({len(matches)} matches)")


if __name__ == "__main__":
    main()
