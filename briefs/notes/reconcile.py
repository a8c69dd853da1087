"""Keep the notes in step with the corpus: re-anchor edited briefs, list orphans, and
re-attach the notes of a brief that came back (same id, or same text, or same path).

The corpus is seen through a `Catalog` (the command line and the app give one backed by
the index), so this module needs no index and no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from briefs.notes.model import BriefRef
from briefs.notes.store import NotesStore


class Catalog(Protocol):
    """Where the briefs are now. Each returns refs with `body` filled in."""

    def by_id(self, brief_id: str) -> BriefRef | None: ...

    def by_path(self, path: str) -> list[BriefRef]: ...

    def by_title(self, title: str) -> list[BriefRef]: ...


@dataclass
class ReconcileReport:
    """What reconciling the notes with the corpus did."""

    present: int = 0
    reanchored: int = 0
    detached: int = 0
    reattached: list[tuple[str, str]] = field(default_factory=list)   # (old id, new id)
    orphans: list[str] = field(default_factory=list)
    returned: list[str] = field(default_factory=list)                 # orphans back, same id


def find_again(store: NotesStore, old_id: str, catalog: Catalog) -> BriefRef | None:
    """The brief an orphan's notes belong to now, if one can be told: the same text (by
    hash, among briefs at its old path or with its old title) first, then the only brief
    at its old path. A brief that already has its own notes is only taken by hash."""
    state = store.state(old_id)
    if state is None:
        return None
    candidates: dict[str, BriefRef] = {}
    at_path = catalog.by_path(state.path) if state.path else []
    for ref in at_path + (catalog.by_title(state.title) if state.title else []):
        candidates.setdefault(ref.id, ref)
    same_text = [r for r in candidates.values() if state.hash and r.hash == state.hash]
    if same_text:
        return sorted(same_text, key=lambda r: (r.path != state.path, r.id))[0]
    if len(at_path) == 1 and store.state(at_path[0].id) is None:
        return at_path[0]
    return None


def reconcile(store: NotesStore, catalog: Catalog, ids: list[str] | None = None) -> ReconcileReport:
    """Check every annotated brief (or only `ids`) against the corpus."""
    report = ReconcileReport()
    wanted = ids if ids is not None else [a.state.id for a in store.briefs()]
    for brief_id in wanted:
        state = store.state(brief_id)
        if state is None:
            continue
        ref = catalog.by_id(brief_id)
        if ref is not None:
            result = store.sync(ref)
            report.present += 1
            report.reanchored += len(result.reanchored) + len(result.reattached)
            report.detached += len(result.detached)
            if state.orphan:
                report.returned.append(brief_id)
            continue
        found = find_again(store, brief_id, catalog)
        if found is not None:
            result = store.reattach(brief_id, found)
            report.reattached.append((brief_id, found.id))
            report.reanchored += len(result.reanchored) + len(result.reattached)
            report.detached += len(result.detached)
            continue
        if not state.orphan:
            store.mark_orphan(brief_id)
        report.orphans.append(brief_id)
    return report
