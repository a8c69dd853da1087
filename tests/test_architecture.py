"""The core (briefs/, index/) never imports Textual, so it stays usable from scripts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_core_imports_no_textual() -> None:
    code = (
        "import sys, importlib, pkgutil\n"
        "import briefs, index\n"
        "for pkg in (briefs, index):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'tui'))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_source_module_grows_past_400_lines() -> None:
    for folder in ("briefs", "index", "tui"):
        for path in (ROOT / folder).rglob("*.py"):
            lines = path.read_text(encoding="utf-8").count("\n")
            assert lines <= 400, f"{path.relative_to(ROOT)} has {lines} lines: split it"
