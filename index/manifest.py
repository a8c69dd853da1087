"""What the index holds per file (size, mtime, content hash, brief ids), kept beside it.

The manifest is written after each commit and records the index generation it matches;
when they disagree (a crash between the two), it is rebuilt from the index's stored fields.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from briefs.safewrite import write_atomic

MANIFEST_FILE = "brief-manifest.json"


@dataclass
class FileRecord:
    """One indexed file."""

    root: str
    rel: str
    size: int
    mtime_ns: int
    hash: str
    ids: list[str] = field(default_factory=list)


@dataclass
class Manifest:
    """Records by absolute path, and the index generation they describe."""

    generation: int = -1
    files: dict[str, FileRecord] = field(default_factory=dict)

    def owner_of(self) -> dict[str, str]:
        """Brief id -> the path of the file that holds it."""
        return {bid: path for path, rec in self.files.items() for bid in rec.ids}


def load(index_dir: Path) -> Manifest:
    try:
        data = json.loads((index_dir / MANIFEST_FILE).read_text(encoding="utf-8"))
        files = {p: FileRecord(*r) for p, r in data["files"].items()}
        return Manifest(int(data["generation"]), files)
    except (OSError, ValueError, KeyError, TypeError):
        return Manifest()


def save(index_dir: Path, manifest: Manifest) -> None:
    # Rows as plain lists: dataclasses.asdict() deep-copies and cost 0.3 s at 10,000 files.
    data = {
        "generation": manifest.generation,
        "files": {p: [r.root, r.rel, r.size, r.mtime_ns, r.hash, r.ids] for p, r in manifest.files.items()},
    }
    write_atomic(index_dir / MANIFEST_FILE, json.dumps(data, separators=(",", ":")).encode())


def from_index(ix) -> Manifest:  # type: ignore[no-untyped-def]
    """Rebuild the manifest from what the index stores (the slow, always-right path)."""
    manifest = Manifest(ix.latest_generation())
    with ix.searcher() as searcher:
        for stored in searcher.reader().all_stored_fields():
            meta = stored.get("meta") or {}
            path = stored.get("path")
            if not path:
                continue
            rec = manifest.files.get(path)
            if rec is None:
                rec = FileRecord(
                    root=meta.get("root", ""),
                    rel=stored.get("file", ""),
                    size=int(meta.get("fsize", -1)),
                    mtime_ns=int(meta.get("fmtime", -1)),
                    hash=meta.get("fhash", ""),
                )
                manifest.files[path] = rec
            rec.ids.append(stored["id"])
    return manifest
