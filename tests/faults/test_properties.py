"""Property-based: no query text crashes the parser or the command line, and no brief text
printed by the command line is taken as markup or reaches the terminal as a control.

Example counts stay modest (the suite runs on every commit); `--hypothesis-seed` replays.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from briefs.textsafe import clean_line, clean_text
from index.indexer import Indexer
from index.query import QueryError, parse
from index.schema import build_schema
from index.search import Hit, Results, Searcher
from tests.faults.helpers import MAX_BYTES, write_corpus
from tui import render

EXAMPLES = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CLI_EXAMPLES = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of the query language, and of what people paste into search boxes.
QUERY_PIECES = [
    "a", "cadence", "kq1v0", "Brief", " ", " ", '"', "(", ")", "*", "~", "~2", ":", "[", "]", "{", "}",
    "^", "-", "+", "!", "?", "/", "\\", "'", ".", ",", "<", ">", "=", "0", "9", "AND", "OR", "NOT",
    "TO", " to ", "title:", "date:", "tag:", "source:", "author:", "type:", "money:", "date:[",
    "2026-01-01", "2026-13-45", "30d", "last-month", "today", ">2026", "1bn", "hyp*", "t*", "é", "ß",
    "東京", "\x00", "\x1b[2J", "\u202e", "\ud7ff", "\t", "\n",
]
queries = st.one_of(st.text(max_size=60), st.lists(st.sampled_from(QUERY_PIECES), max_size=16).map("".join))

# Text meant to fool a terminal or a markup parser.
HOSTILE_PIECES = [
    "[bold]", "[/bold]", "[/]", "[", "]", "[link=https://x.example]", "[@click=app.quit]",
    "[red on white]", ":smile:", ":warning:", "\x1b[31m", "\x1b]52;c;cHduZWQ=\x07", "\x1b]0;title\x07",
    "\x1b]8;;https://x.example\x1b\\", "\x9b31m", "\x9d", "\x85", "\x07", "\x08", "\r", "\x7f",
    "\u202e", "\u2066", "\t", "\n", "word", " ", "%s", "{}", "$title", "\\", "é",
]
hostile = st.one_of(
    st.text(max_size=80), st.lists(st.sampled_from(HOSTILE_PIECES), max_size=20).map("".join)
)

CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SGR = re.compile(r"\x1b\[[0-9;]*m")  # the styles Rich itself writes


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(corpus, index) of 12 generated briefs, built once for the module."""
    base = tmp_path_factory.mktemp("props")
    write_corpus(base / "corpus", 12)
    Indexer(base / "ix", MAX_BYTES, workers=1).run([base / "corpus"])
    config = base / "config.yaml"
    config.write_text("folders:\n  - " + json.dumps(str(base / "corpus")) + "\n")
    return config, base / "ix"


@EXAMPLES
@given(queries)
def test_the_parser_raises_only_query_error(text: str) -> None:
    try:
        parse(text, build_schema(), today=date(2026, 3, 1))
    except QueryError as exc:
        assert str(exc) and "\n" not in str(exc)


@EXAMPLES
@given(text=queries)
def test_searching_raises_only_query_error(index: tuple[Path, Path], text: str) -> None:
    with Searcher(index[1]) as s:
        try:
            results = s.search(text, limit=5, today=date(2026, 3, 1))
        except QueryError:
            return
    assert results.total >= len(results.hits)


@CLI_EXAMPLES
@given(text=queries)
def test_brief_search_prints_results_or_one_line_never_a_traceback(
    index: tuple[Path, Path], text: str
) -> None:
    from tui.cli import cli

    config, ix = index
    args = ["--config", str(config), "--index-dir", str(ix), "search", "--", text]
    result = CliRunner().invoke(cli, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 2), result.output  # 2: the documented status of a query error
    if result.exit_code == 2:
        [line] = result.stderr.splitlines()
        assert line.startswith("brief: query error: ")
    assert not CONTROLS.search(result.output.replace("\n", "").replace("\t", ""))


@pytest.mark.parametrize("text", ["cad\udcff*", "cadence\udcff~", "cadenc\udcff~1"])
def test_a_stray_byte_in_a_query_is_not_taken_for_damage(index: tuple[Path, Path], text: str) -> None:
    with Searcher(index[1]) as s:
        try:
            s.search(text, limit=5)
        except QueryError:
            pass


def terminal() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, color_system="truecolor", width=4000)
    return console, out


def check_inert(output: str, *texts: str) -> None:
    """No control reached the output but Rich's own styles, and each text shows literally."""
    bare = SGR.sub("", output)
    assert not CONTROLS.search(bare.replace("\n", "").replace("\t", "")), repr(bare)
    flat = re.sub(r"\s+", "", bare)
    for text in texts:
        shown = re.sub(r"\s+", "", CONTROLS.sub("\ufffd", clean_text(text)))
        assert shown in flat, f"{text!r} was not shown as the text it is"


spans = st.lists(st.tuples(st.integers(-5, 90), st.integers(-5, 90)), max_size=4)


@EXAMPLES
@given(title=hostile, snippet=hostile, source=hostile, path=hostile, tag=hostile, marks=spans)
def test_search_results_show_brief_text_inert(
    title: str, snippet: str, source: str, path: str, tag: str, marks: list[tuple[int, int]]
) -> None:
    hit = Hit(
        id="0123456789ab", title=title, date=date(2026, 3, 1), source=source, path=path, score=1.0,
        snippet=snippet, highlights=marks, title_highlights=marks, tags=[tag], marking=tag,
        url="https://x.example", format="markdown",
    )
    results = Results(query=title, total=1, hits=[hit], facets={"source": {source: 1}, "tag": {tag: 1}})
    console, out = terminal()
    render.print_results(console, results)
    check_inert(out.getvalue(), title, snippet, source, path, tag)


def show_brief(title: str, body: str, author: str, key: str, value: str, link: str) -> str:
    stored = {
        "id": "0123456789ab", "title": title, "body": body, "author": author, "source": author,
        "path": "/corpus/x.md", "file": "x.md",
        "meta": {"tags": [value], "marking": value, "extra": {key: value}, "links": [(link, link)]},
    }
    console, out = terminal()
    render.print_brief(console, stored)
    return out.getvalue()


@EXAMPLES
@given(title=hostile, body=hostile, author=hostile, key=hostile.map(lambda k: clean_line(k)[:60]),
       value=hostile, link=hostile)
def test_a_brief_shows_its_text_and_metadata_inert(
    title: str, body: str, author: str, key: str, value: str, link: str
) -> None:
    # Metadata keys as loading stores them (briefs.load.finish cleans them); see below.
    check_inert(show_brief(title, body, author, key, value, link), title, body, value, author)


def test_metadata_keys_are_cleaned_again_when_shown() -> None:
    output = show_brief("Title", "Body", "", "\x1b]52;c;cHduZWQ=\x07k", "v", "")
    check_inert(output)


@EXAMPLES
@given(path=hostile, reason=hostile, note=hostile)
def test_index_reports_show_paths_and_reasons_inert(path: str, reason: str, note: str) -> None:
    from briefs.config import load_settings
    from index.indexer import IndexReport

    report = IndexReport(failed=[(path, reason)], warnings=[(path, reason)], notes=[note])
    console, out = terminal()
    render.print_index_report(console, report, load_settings())
    check_inert(out.getvalue(), path, reason, note)
