"""The command palette (ctrl+p): briefs by title, the app's commands, earlier searches.

Titles are searched in the index as the user types, in a worker thread (nothing is loaded
up front). Every prompt is a `rich.text.Text` built from cleaned text: Textual 8.2.8 parses
a plain `str` prompt or help as markup, and `Matcher.highlight` does too, so neither is ever
given brief text or a search the user typed (HAZARDS.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.worker import WorkerCancelled, WorkerFailed

from index.query import QueryError
from tui.safe import joined, safe_line
from tui.screens import loaders

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

TITLE_LIMIT = 12
RECENT_LIMIT = 8
MATCH_STYLE = "bold underline"
_WORD = re.compile(r"\w+")


@dataclass
class TitleHit:
    """A brief found by its title."""

    id: str
    title: str
    when: str
    source: str


def title_query(text: str) -> str:
    """Words of the title as typed; the last one may be unfinished (a prefix of 3 letters or
    more; a shorter one is left out while other words are there, so results do not vanish)."""
    words = _WORD.findall(text)[:8]
    parts = [f"title:{w}" for w in words[:-1]]
    if words:
        last = words[-1]
        if len(last) >= 3:
            parts.append(f"title:{last}*")
        elif not parts:
            parts.append(f"title:{last}")
    return " ".join(parts)


def find_titles(index_dir: Path, text: str, limit: int = TITLE_LIMIT) -> list[TitleHit]:
    """Briefs whose titles hold the typed words, best first (run in a worker thread)."""
    query = title_query(text)
    if not query:
        return []
    with loaders.borrowed(index_dir) as searcher:
        try:
            found = searcher.search(query, limit=limit, facets=False, collapse=False)
        except QueryError:
            return []  # a lone stop word or a one-letter prefix: nothing to look for yet
    return [TitleHit(h.id, h.title, h.date.isoformat() if h.date else "undated", h.source) for h in found.hits]


def fuzzy_text(matcher: Matcher, candidate: str, prefix: str = "") -> Text:
    """`candidate` (untrusted, cleaned) with the fuzzily matched letters marked."""
    line = safe_line(candidate)
    if matcher.query:
        _score, offsets = matcher.fuzzy_search.match(matcher.query, line.plain)
        for offset in offsets:
            line.stylize(MATCH_STYLE, offset, offset + 1)
    return joined(Text(prefix, style="dim"), line) if prefix else line


def _main(provider: Provider) -> MainScreen | None:
    main = getattr(provider.app, "main_screen", None)
    return main() if callable(main) else None


class BriefTitles(Provider):
    """Open a brief by its title."""

    async def search(self, query: str) -> Hits:
        app = self.app
        index_dir = getattr(app, "index_dir", None)
        if index_dir is None or not query.strip():
            return
        worker = app.run_worker(partial(find_titles, index_dir, query), thread=True,
                                group="palette-titles", exit_on_error=False)
        try:
            found = await worker.wait()
        except (WorkerCancelled, WorkerFailed):
            return
        for rank, hit in enumerate(found):
            meta = joined(Text("brief"), Text(hit.when), safe_line(hit.source), separator=" · ")
            meta.stylize("dim")
            title = safe_line(hit.title, "bold")
            yield Hit(
                score=0.9 - rank / 100,
                match_display=joined(title, Text("\n"), meta),
                command=partial(self._open, hit.id),
                text=title.plain,
            )

    def _open(self, brief_id: str) -> None:
        main = _main(self)
        if main is not None:
            main.open_brief(brief_id)


class RecentSearches(Provider):
    """Run an earlier search again."""

    def _past(self) -> list[str]:
        from tui.widgets.searchbox import SearchBox

        main = _main(self)
        return list(reversed(main.query_one(SearchBox).past)) if main is not None else []

    def _run(self, query: str) -> None:
        main = _main(self)
        if main is not None:
            main.run_query(query)

    async def discover(self) -> Hits:
        for query in self._past()[:RECENT_LIMIT]:
            yield DiscoveryHit(fuzzy_text(self.matcher(""), query, "search again: "),
                               partial(self._run, query), text=query)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for past in self._past():
            score = matcher.match(past)
            if score > 0:
                yield Hit(score * 0.8, fuzzy_text(matcher, past, "search again: "),
                          partial(self._run, past), text=past)


class AppCommands(Provider):
    """The app's own commands (our names, no brief text)."""

    def commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        """(name, one line of help, what it does): ours, so safe to show as they are."""
        app = self.app
        main = _main(self)
        reindex = app.action_reindex  # type: ignore[attr-defined]
        yield "Re-index the corpus", "read new and changed files into the index", reindex
        yield "Change theme", "remembered; brief-ansi uses the terminal's colours", app.action_change_theme
        if main is not None:
            other = "date" if main.sort == "relevance" else "relevance"
            yield f"Sort by {other}", f"results are sorted by {main.sort} now", partial(main.set_sort, other)
            yield "Filter results", "by source, tag, year or entity of the results", main.action_filter
            yield "Clear filters", "remove source:, tag:, date: and entity clauses", main.action_clear_filters
            yield "Show key facts", "the open brief's facts in the side pane", partial(main.show_side, "facts")
            yield "Show related briefs", "briefs related to the open one", partial(main.show_side, "related")
            yield "Show notes and highlights", "the open brief's notes and highlights", partial(main.show_side, "notes")
            yield "Export notes to Markdown", "this brief, the search, starred, a tag or all with notes", main.action_export
            yield "Show or hide the side pane", "facts or related briefs", main.action_toggle_pane
            yield "Help: keys", "every key of the app", main.action_help
        yield "Quit", "leave brief", app.exit

    async def discover(self) -> Hits:
        for name, help_text, callback in self.commands():
            yield DiscoveryHit(Text(name), callback, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, fuzzy_text(matcher, name), callback, text=name, help=help_text)
