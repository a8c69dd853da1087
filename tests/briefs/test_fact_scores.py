"""Regression gate: the extractor's scores on the gold sets never fall below their floors.

The floors live in scripts/fact_floors.json; raise them as the extractor improves. The
issue's targets are printed beside each figure by `python scripts/score_facts.py`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import corpus_path

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.corpus


def test_scores_stay_above_their_floors() -> None:
    corpus = corpus_path()
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "score_facts.py"), "--corpus", str(corpus)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "REGRESSION" not in result.stderr
    assert "re3d" in result.stdout and "gum" in result.stdout
