"""Briefs for the reader's tests (our own writing): Markdown structure, links, hostile links."""

from __future__ import annotations

from pathlib import Path
from typing import Any

FENCE = "```"

MARKDOWN = f"""---
title: Quarzite reading test
date: 2026-03-04
source: Test Wire
url: https://example.com/quarzite-brief
---

# Quarzite programme overview

The *Quarzite* sensor is the **centrepiece** of the plan, said the [programme office](https://example.com/office).
A second line of the same paragraph ends here.

## Milestones

- First **quarzite** launch in _March_
- Second launch, see https://example.org/schedule_2026_v2.
  1. nested step about quarzite

> A quoted line on quarzite budgets.

{FENCE}text
total = 2 * quarzite_count  # *not emphasis*
{FENCE}

| Item | Cost |
|------|-----:|
| Quarzite bus | $12 million |

---

Hostile links: [javascript link](javascript:alert(1)), [local file](file:///etc/passwd),
[**[bold red]danger[/]** words](https://example.net/ok), [esc url](https://example.com/\x1b[31mred),
[tricky \x1b(0 words\x07](https://example.com/esc-text), [osc url](https://example.com/\x1b]52;c;SGVsbG8=\x07)
and [@click=app.quit]x[/].
"""

HTML = """<html><head><title>Htmlhostile page</title></head><body><article>
<h1>Htmlhostile page</h1>
<p>The htmlhostile report says <a href="https://example.com/ok-html">click \x1b]52;c;SGVsbG8=\x07 here</a>
and <a href="javascript:alert(1)">js words</a> and <a href="file:///etc/passwd">file words</a>.
More text about the htmlhostile programme follows in this paragraph so that it is kept.</p>
<p>A second paragraph about htmlhostile with enough words to be kept as article text.</p>
</article></body></html>
"""

# The numbers the reader gives these links: the front matter's URL first, then in reading
# order; the javascript:, file: and escape-carrying URLs get none.
NUMBERED = [
    "https://example.com/quarzite-brief",
    "https://example.com/office",
    "https://example.org/schedule_2026_v2",
    "https://example.net/ok",
    "https://example.com/esc-text",
]


def build_index(folder: Path, files: dict[str, str]) -> Path:
    """Index `files` (name -> text) in `folder`; returns the index folder."""
    from index.indexer import Indexer

    corpus = folder / "corpus"
    corpus.mkdir()
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    index_dir = folder / "index"
    Indexer(index_dir, 1_000_000, workers=1).run([corpus])
    return index_dir


def many_links(count: int) -> str:
    """A Markdown brief with `count` links, one per line."""
    lines = [f"- see [source number {n}](https://example.com/src/{n})" for n in range(1, count + 1)]
    return "---\ntitle: Linkheavy brief\n---\n\nLinkheavy list of sources:\n\n" + "\n".join(lines) + "\n"


def stored_markdown(body: str, **meta: Any) -> dict[str, Any]:
    """A stored brief as the reader receives it, for a body written directly."""
    return {"id": "x", "title": "T", "body": body, "meta": {"format": "markdown", **meta}}
