"""Notice when corpus folders change, cheaply enough to ask every few seconds.

A fingerprint is a hash of every brief file's path, size and modification time, from the
same walk the indexer does (so it sees exactly the files the indexer would). Comparing two
fingerprints says "something was added, changed or removed" without reading any file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from index.walk import walk


def fingerprint(roots: list[Path]) -> str:
    """A digest of the brief files under `roots` (changes when any is added, edited or removed)."""
    found, skipped = walk(roots)
    digest = hashlib.blake2b(digest_size=16)
    for f in found:
        digest.update(f"{f.path}\0{f.size}\0{f.mtime_ns}\n".encode("utf-8", "surrogateescape"))
    for s in skipped:
        digest.update(f"!{s.path}\0{s.reason}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()
