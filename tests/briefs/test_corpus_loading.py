"""Every CRS and GAO report in ../shared/corpus loads with its title, date and clean text."""

from __future__ import annotations

import json
import re

import pytest

from briefs.load import load_file
from tests.conftest import corpus_path

pytestmark = pytest.mark.corpus


def test_crs_reports_load_with_metadata_and_without_clutter() -> None:
    files = sorted(corpus_path("crs").rglob("*.md"))
    assert len(files) == 92
    ids = set()
    for path in files:
        [brief] = load_file(str(path), rel=path.name)
        first_line = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert brief.title == first_line.lstrip("# ").strip(), path
        assert brief.date is not None and 2000 <= brief.date.year <= 2026, path
        assert brief.source == "CRS"
        assert brief.key.startswith("report:"), path
        ids.add(brief.id)
        head = brief.body[:1500]
        assert "Listen" not in head and "Hide Overview" not in head, path
        assert not re.search(r"\]\(https?://", brief.body), path
        assert "Version:" not in head, path
    assert len(ids) == 92, "every CRS version is its own brief with its own id"


def test_gao_reports_match_the_catalog() -> None:
    catalog = {
        entry["report_id"].upper(): entry
        for entry in json.loads(corpus_path("gao", "catalog.json").read_text(encoding="utf-8"))
    }
    files = sorted(corpus_path("gao").glob("*.md"))
    assert len(files) == 32
    for path in files:
        [brief] = load_file(str(path), rel=path.name)
        report = brief.meta["report"]
        assert brief.source == "GAO"
        if report in catalog:
            assert brief.date.isoformat() == catalog[report]["pub_date"], path
            assert brief.title == catalog[report]["title"], path
        assert len(brief.body) > 1000
