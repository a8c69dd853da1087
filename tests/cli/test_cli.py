"""The command line as a script or a person uses it: exit codes, output, JSON, help."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tui.cli import cli


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_index_then_search_finds_the_folder_with_no_setup(small_corpus: Path) -> None:
    result = invoke("index", str(small_corpus))
    assert result.exit_code == 0, result.output
    assert "5 added, 0 updated, 0 removed, 0 unchanged, 0 failed" in result.output
    found = invoke("search", "glide", "vehicles")
    assert found.exit_code == 0
    assert "Notes on hypersonic glide vehicles" in found.output
    assert str(small_corpus / "space" / "glide-vehicles.txt") in found.output
    again = invoke("index")
    assert "0 added, 0 updated, 0 removed, 5 unchanged" in again.output


def test_failures_are_listed_and_set_the_exit_status(small_corpus: Path) -> None:
    (small_corpus / "broken.md").write_bytes(b"\x00\xff" * 50)
    result = invoke("index", str(small_corpus))
    assert result.exit_code == 1
    assert f"failed: {small_corpus / 'broken.md'}: binary file" in result.output
    assert "5 added" in result.output and "1 failed" in result.output


def test_search_json_has_the_documented_shape(small_corpus: Path) -> None:
    invoke("index", str(small_corpus))
    result = invoke("search", "--json", "--limit", "1", "tracking")
    data = json.loads(result.output)
    assert set(data) >= {"query", "total", "hits", "facets", "suggestion"}
    assert data["query"] == "tracking" and data["total"] == 3 and len(data["hits"]) == 1
    hit = data["hits"][0]
    assert set(hit) >= {"id", "title", "date", "source", "path", "score", "snippet"}
    assert set(data["facets"]) == {"source", "tag", "year"}
    start, end = hit["highlights"][0]
    assert hit["snippet"][start:end].lower().startswith("track")


def test_did_you_mean_and_query_errors(small_corpus: Path) -> None:
    invoke("index", str(small_corpus))
    result = invoke("search", "intercepter")
    assert "No briefs match" in result.output and "Did you mean: interceptor" in result.output
    bad = CliRunner().invoke(cli, ["search", '"unclosed'])
    assert bad.exit_code == 2
    assert "query error: unclosed quote" in bad.output
    assert "Traceback" not in bad.output


def test_show_prints_metadata_and_body(small_corpus: Path) -> None:
    invoke("index", str(small_corpus))
    hit = json.loads(invoke("search", "--json", "agency statement").output)["hits"][0]
    shown = invoke("show", hit["id"][:7])
    assert shown.exit_code == 0
    assert "UNCLASSIFIED" in shown.output and "Orbital Ledger" in shown.output
    assert "region: Indo-Pacific" in shown.output
    assert "persistent custody of hypersonic glide vehicles" in shown.output
    assert "https://example.com/sda-statement" in shown.output
    data = json.loads(invoke("show", "--json", hit["id"]).output)
    assert data["tags"] == ["Space", "Missile Warning"] and data["marking"] == "UNCLASSIFIED"
    assert invoke("show", "ffffffffffff").exit_code == 1


def test_markup_and_escapes_in_briefs_are_printed_literally(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "evil.md").write_text(
        "---\ntitle: \"[bold red]Boom[/] [link=file:///etc]x[/link] \\e]52;c;aGk=\\a\"\n---\n"
        "Body with [/] and \x1b[2J clear screen and [@click=app.quit]quit[/].\n"
    )
    invoke("index", str(corpus))
    for args in (("search", "boom"), ("show", "evil.md"), ("search", "clear screen")):
        result = invoke(*args) if args[0] == "search" else invoke("show", str(corpus / "evil.md"))
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.output and "\x07" not in result.output
    assert "[bold red]Boom[/]" in invoke("search", "boom").output
    assert "[@click=app.quit]quit[/]" in invoke("show", str(corpus / "evil.md")).output


def test_first_run_uses_the_bundled_samples() -> None:
    info = invoke("info")
    assert "samples (bundled sample briefs)" in info.output
    result = invoke("search", '"tracking layer"')
    assert result.exit_code == 0
    assert "Tracking Layer" in result.output


def test_config_file_names_the_corpus_folders(small_corpus: Path, isolated: Path) -> None:
    (isolated / "config.yaml").write_text(
        f"corpus: work\ncorpora:\n  work:\n    folders: [{small_corpus / 'space'}]\nmax_file_size_mb: 2\n"
    )
    assert "corpus: work" in invoke("info").output
    result = invoke("index")
    assert "3 added" in result.output and "corpus 'work'" in result.output
    assert (isolated / "cache" / "index" / "work").is_dir()
    other = invoke("--corpus", "other", "index", str(small_corpus / "notes"))
    assert "2 added" in other.output and (isolated / "cache" / "index" / "other").is_dir()
    assert invoke("search", "vulcan").output.startswith("No briefs match")
    assert "Launch market notes" in invoke("--corpus", "other", "search", "vulcan").output


def test_bad_config_is_one_clear_line(isolated: Path) -> None:
    (isolated / "config.yaml").write_text("corpora: [unclosed\n")
    result = CliRunner().invoke(cli, ["info"])
    assert result.exit_code == 2
    assert str(isolated / "config.yaml") in result.output and "invalid YAML" in result.output


def test_forget_removes_a_folder(small_corpus: Path) -> None:
    invoke("index", str(small_corpus / "space"))
    invoke("index", str(small_corpus / "notes"))
    result = invoke("index", "--forget", str(small_corpus / "notes"))
    assert "2 removed" in result.output and "3 briefs" in result.output


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help(name: str) -> None:
    command = cli.commands[name]
    assert command.help and len(command.help) > 40
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{name} {param.name} has no help"
    assert invoke(name, "--help").exit_code == 0
