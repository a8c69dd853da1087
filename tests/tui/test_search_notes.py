"""Searching by the analyst's notes from `brief search`, `brief export --query` and the app's
search path (tui/screens/loaders.py), on a real notes database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefs.config import load_settings
from tui.annotations import NotesHandle
from tui.cli import cli
from tui.screens import loaders

AWARD = "space/tracking-award.md"
AWARD_TITLE = "Space Development Agency awards Tracking Layer satellites"


def invoke(*args: str, code: int = 0):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def found(*query: str) -> list[str]:
    return [h["title"] for h in json.loads(invoke("search", "--json", *query).output)["hits"]]


@pytest.fixture
def award(small_corpus: Path) -> str:
    invoke("index", "-q", str(small_corpus))
    return json.loads(invoke("show", "--json", str(small_corpus / AWARD)).output)["id"]


def test_search_by_star_read_notes_and_tags(award: str) -> None:
    assert found("is:starred") == []
    assert "query error" not in invoke("search", "has:notes").output
    invoke("star", award)
    invoke("tag", award, "Follow up")
    invoke("note", award, "Ask the programme office about the radar coverage gap.")
    assert found("is:starred") == [AWARD_TITLE]
    assert found("tracking", "is:starred") == [AWARD_TITLE]
    assert found("has:notes") == [AWARD_TITLE]
    assert found('note:"coverage gap"') == [AWARD_TITLE]
    assert found("note:radar -is:starred") == []  # (one argument: click reads -i as an option)
    assert found('tag:"follow-up"') == [AWARD_TITLE]
    assert AWARD_TITLE in found("tracking", "is:unread")
    assert found("tracking", "is:read") == []
    invoke("read", award)
    assert found("tracking", "is:read") == [AWARD_TITLE]
    assert AWARD_TITLE not in found("tracking", "is:unread")


def test_unknown_filter_is_a_usage_error(award: str) -> None:
    out = invoke("search", "is:favourite", code=2).output
    assert "is:starred, is:unread or is:read" in out


def test_export_query_uses_notes(award: str, tmp_path: Path) -> None:
    invoke("star", award)
    invoke("note", award, "exported")
    out = tmp_path / "starred.md"
    invoke("export", "--query", "tracking is:starred", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert AWARD_TITLE in text and "exported" in text


def test_app_search_path_uses_the_notes_handle(award: str) -> None:
    invoke("star", award)
    settings = load_settings()
    handle = NotesHandle(settings)
    try:
        results = loaders.search_once(settings.index_dir, "is:starred", "relevance", handle)
        assert [h.title for h in results.hits] == [AWARD_TITLE]
        assert results.sort == "date", "filters alone list briefs newest first, and say so"
        assert loaders.search_once(settings.index_dir, "tracking is:starred", "relevance", handle).sort == "relevance"
        with pytest.raises(Exception, match="needs the notes database"):
            loaders.search_once(settings.index_dir, "is:starred", "relevance")
    finally:
        handle.close()
        loaders.close_all()
