#!/usr/bin/env python3
"""Quick start: `python3 dev.py app` opens brief on the sample briefs; `python3 dev.py test` runs
every test. Each creates ./.venv and installs what it needs the first time (and again
whenever pyproject.toml changes). Needs only Python 3.11+ (and python3-venv on Debian)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def ensure_env(extras: str = "test") -> None:
    """Create the virtual environment and install the project into it, once per change."""
    if sys.version_info < (3, 11):
        sys.exit(f"brief needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    stamp = VENV / f".installed-{extras}-{digest}"
    if stamp.exists():
        return
    if not PYTHON.exists():
        print("Creating .venv …", flush=True)
        venv.EnvBuilder(with_pip=True, clear=False).create(VENV)
    print("Installing brief and its dependencies into .venv …", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run(pip + ["-e", f"{ROOT}[{extras}]"], check=True)
    for old in VENV.glob(".installed-*"):
        old.unlink()
    stamp.touch()


def main(argv: list[str]) -> int:
    what = argv[0] if argv else "help"
    if what == "app":
        ensure_env()
        return subprocess.call([str(BIN / "brief"), "--corpus", "samples", *argv[1:]])
    if what == "test":
        ensure_env()
        args = argv[1:] or ["-n", "auto"]
        return subprocess.call([str(PYTHON), "-m", "pytest", *args], cwd=ROOT)
    print(__doc__)
    return 0 if what in ("help", "-h", "--help") else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
