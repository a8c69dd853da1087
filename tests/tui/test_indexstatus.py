"""Background indexing in the app: progress shown, the screen told of commits, folders watched."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.app import App, ComposeResult

from tests.tui.helpers import plain, sync
from tui.widgets.indexstatus import IndexChanged, IndexStatus, summary


class Host(App[None]):
    def __init__(self, status: IndexStatus) -> None:
        super().__init__()
        self.status = status
        self.changes = 0

    def compose(self) -> ComposeResult:
        yield self.status

    def on_index_changed(self, message: IndexChanged) -> None:
        self.changes += 1


def write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"---\ntitle: {name}\n---\n{text}\n", encoding="utf-8")


async def until(condition, seconds: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition not met in time")


@sync
async def test_a_run_shows_progress_then_a_summary_and_tells_the_screen(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for i in range(3):
        write(corpus, f"b{i}.md", "orbital debris report")
    (corpus / "bad.md").write_bytes(b"\x00\x00binary")
    status = IndexStatus(tmp_path / "ix", [corpus], 10 << 20, watch_seconds=0)
    app = Host(status)
    async with app.run_test() as pilot:
        status.start()
        assert status.display and "Indexing" in plain(status)
        await until(lambda: not status.running)
        await pilot.pause()
        assert app.changes >= 1
        text = plain(status)
        assert "3 new" in text and "1 could not be read" in text and "bad.md" in text


@sync
async def test_a_new_file_in_a_watched_folder_is_indexed_without_asking(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write(corpus, "first.md", "first text")
    status = IndexStatus(tmp_path / "ix", [corpus], 10 << 20, watch_seconds=0.2)
    app = Host(status)
    async with app.run_test() as pilot:
        status.start()
        await until(lambda: not status.running)
        await pilot.pause()  # let the first run's IndexChanged arrive before counting
        before = app.changes
        write(corpus, "second.md", "a brand new brief")
        await until(lambda: app.changes > before and not status.running)
        await pilot.pause()
        assert "1 new" in plain(status)
        from index.search import Searcher

        with Searcher(tmp_path / "ix") as s:
            assert s.search("brand", limit=5).total == 1


def test_summary_names_what_changed_and_the_first_failure() -> None:
    line = summary({"finished": True, "added": 2, "updated": 0, "removed": 1, "failed": 1,
                    "failures": [["/c/x.md", "binary file"]], "notes": [], "total": 41})
    assert line == "Indexed: 2 new, 1 removed; 1 could not be read (first: /c/x.md: binary file) · 41 briefs"
    assert summary({"finished": True, "total": 3}).startswith("Index up to date")


@sync
async def test_the_app_builds_a_missing_index_in_the_background_and_shows_new_files(tmp_path: Path, isolated: Path) -> None:
    from briefs.config import load_settings
    from tests.tui.helpers import search, settle
    from tui.app import BriefApp

    corpus = tmp_path / "corpus"
    write(corpus, "first.md", "the zorblat programme began")
    (isolated / "config.yaml").write_text(f"folders:\n  - {corpus}\nwatch_seconds: 1\n", encoding="utf-8")
    settings = load_settings()
    assert settings.watch_seconds == 1.0
    app = BriefApp(settings.index_dir, None, settings)
    async with app.run_test(size=(100, 30)) as pilot:
        status = app.screen.query_one(IndexStatus)
        await until(lambda: not status.running)  # the first build, started as the app opened
        await search(pilot, "zorblat")
        assert plain(app.screen.query_one("#status")).startswith("1 brief")
        write(corpus, "second.md", "zorblat again, a week later")
        for _ in range(300):
            await asyncio.sleep(0.05)
            await settle(pilot)
            if plain(app.screen.query_one("#status")).startswith("2 briefs"):
                break
        assert plain(app.screen.query_one("#status")).startswith("2 briefs")


def test_watch_seconds_from_the_config(isolated: Path) -> None:
    from briefs.config import load_settings

    (isolated / "config.yaml").write_text("watch_seconds: soon\n", encoding="utf-8")
    settings = load_settings()
    assert settings.watch_seconds == 10.0
    assert any("watch_seconds" in p for p in settings.problems)
    (isolated / "config.yaml").write_text("watch_seconds: 0\n", encoding="utf-8")
    assert load_settings().watch_seconds == 0.0
