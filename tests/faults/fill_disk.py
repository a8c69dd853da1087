"""Make Whoosh's writes fail with ENOSPC after a byte budget, as on a disk that fills up.

In-process: `with disk_fills(monkeypatch, limit, only): ...`. As a process (the way a
user meets it, exit included): `python -m tests.faults.fill_disk LIMIT ONLY brief-args...`
runs the `brief` command with the budget in place.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from whoosh.filedb.filestore import FileStorage


class Budget:
    """How many bytes may still be written (None: any), to files whose name holds `only`."""

    def __init__(self, limit: int | None, only: str = ""):
        self.limit, self.only, self.written = limit, only, 0


class _Filling:
    """A file object whose writes fail with ENOSPC once the budget is spent."""

    def __init__(self, raw, budget: Budget, name: str):  # type: ignore[no-untyped-def]
        self._raw, self._budget, self._name = raw, budget, name

    def write(self, data):  # type: ignore[no-untyped-def]
        b = self._budget
        if b.only in self._name and b.limit is not None and b.written + len(data) > b.limit:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        b.written += len(data)
        return self._raw.write(data)

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self._raw, name)


def install(limit: int | None, only: str = ""):  # type: ignore[no-untyped-def]
    """Patch Whoosh's storage; returns (budget, the original create_file to restore)."""
    budget = Budget(limit, only)
    original = FileStorage.create_file

    def create_file(self, name, *args, **kwargs):  # type: ignore[no-untyped-def]
        f = original(self, name, *args, **kwargs)
        f.file = _Filling(f.file, budget, name)
        return f

    FileStorage.create_file = create_file  # type: ignore[method-assign]
    return budget, original


@contextmanager
def disk_fills(limit: int | None, only: str = "") -> Iterator[Budget]:
    budget, original = install(limit, only)
    try:
        yield budget
    finally:
        FileStorage.create_file = original  # type: ignore[method-assign]


if __name__ == "__main__":
    install(int(sys.argv[1]), sys.argv[2])
    sys.argv = ["brief", *sys.argv[3:]]
    from tui.cli import main

    main()
