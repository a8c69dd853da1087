"""Shared fixtures: every test gets its own config, cache and data folders."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_path(*parts: str) -> Path:
    """A path in ../shared/corpus; the test is skipped (failed in CI) when it is absent."""
    path = CORPUS.joinpath(*parts)
    if not path.exists():
        if os.environ.get("BRIEF_CI"):
            pytest.fail(f"{path} is missing in CI: ../shared must be beside the checkout")
        pytest.skip(f"{path} is absent (../shared/corpus is only beside CI and dev checkouts)")
    return path


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Config, cache and data folders inside the test's own temporary folder."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("BRIEF_CONFIG", str(home / "config.yaml"))
    monkeypatch.setenv("BRIEF_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("BRIEF_DATA_DIR", str(home / "data"))
    monkeypatch.delenv("BRIEF_CORPUS", raising=False)
    monkeypatch.delenv("BRIEF_INDEX_DIR", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return home


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """A private copy of our own small fixture corpus, safe to edit."""
    target = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "corpus", target)
    return target
