"""`brief facts` on an indexed brief gives what reading its file gives, summary included."""

from __future__ import annotations

import json

from click.testing import CliRunner

from tui.cli import cli


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--corpus", "samples", *args], catch_exceptions=False)


def _facts(output: str) -> list[tuple[str, str, int, int]]:
    (line,) = output.splitlines()
    return sorted((f["type"], f["text"], f["start"], f["end"]) for f in json.loads(line)["facts"])


def test_indexed_brief_has_the_same_facts_as_its_file_including_key_sentences() -> None:
    hits = json.loads(run("search", "--json", "--limit", "3", "hypersonic").output)["hits"]
    assert hits
    for hit in hits:
        if hit["path"].endswith((".xml", ".rss", ".atom")):
            continue  # a feed file holds many briefs
        by_id = _facts(run("facts", "--json", hit["id"]).output)
        by_file = _facts(run("facts", "--json", hit["path"]).output)
        assert by_id == by_file
        types = {t for t, *_ in by_id}
        assert {"key_sentence", "keyword"} <= types, hit["title"]
        assert len([t for t in types if t == "key_sentence"]) == 1
