"""Corpus-wide commands on the bundled sample briefs: entity, glossary, timeline."""

from __future__ import annotations

import json

from click.testing import CliRunner

from tui.cli import cli


def run(*args: str):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(cli, ["--corpus", "samples", *args], catch_exceptions=False)
    return result


def test_entity_by_acronym_or_name_lists_the_same_briefs_newest_first() -> None:
    by_acronym = json.loads(run("entity", "--json", "SDA").output)
    by_name = json.loads(run("entity", "--json", "Space", "Development", "Agency").output)
    assert by_acronym["total"] == by_name["total"] >= 10
    assert [b["id"] for b in by_acronym["briefs"]] == [b["id"] for b in by_name["briefs"]]
    dates = [b["date"] for b in by_acronym["briefs"] if b["date"]]
    assert dates == sorted(dates, reverse=True)
    first = by_acronym["briefs"][0]
    assert "Space Development Agency" in first["sentence"] or "SDA" in first["sentence"]


def test_entity_person_by_surname_and_unknown_name() -> None:
    result = run("entity", "Dana", "Whitfield")
    assert result.exit_code == 0 and "Dana Whitfield (person)" in result.output
    assert run("entity", "Nobody Atall").exit_code == 1


def test_glossary_lists_expansions_with_where_and_how_often() -> None:
    data = json.loads(run("glossary", "--json").output)
    entries = {e["short"]: e for e in data}
    assert "Conventional Prompt Strike" in entries["CPS"]["expansions"]
    assert entries["CPS"]["briefs"] >= 2
    shorts = [e["short"].lower() for e in data]
    assert shorts == sorted(shorts)
    text = run("glossary").output
    assert "CPS" in text and "used in" in text


def test_timeline_of_a_programme_is_in_date_order_with_sentences() -> None:
    items = json.loads(run("timeline", "--json", "Tracking", "Layer").output)
    assert len(items) >= 10
    from index.corpus import date_key

    keys = [date_key(i["value"]) for i in items]
    assert keys == sorted(keys)
    assert all(i["sentence"] and i["title"] for i in items)
    assert any(i["value"] == "2027-Q1" for i in items)
