"""The app's export (run in a worker thread): the briefs in scope, their notes, one Markdown
file or one file per brief, written by briefs.notes.export (atomic, never over a file that
exists unless the analyst said yes to overwriting it).

The scopes are those of `brief export`: this brief, the current search, the starred
briefs, a tag (the analyst's or the brief's own), every brief with notes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from briefs.notes import NotesStore
from briefs.notes.export import (
    ExportBrief, ExportError, default_title, file_names, render, write, write_per_brief,
)
from briefs.notes.reconcile import reconcile
from tui.screens import loaders

SCOPES = {
    "brief": "this brief",
    "query": "the current search",
    "starred": "starred briefs",
    "tag": "briefs with a tag",
    "notes": "every brief with notes",
}
_ALL = 1_000_000


@dataclass(frozen=True)
class ExportChoice:
    """What the export dialog asked for."""

    scope: str                  # a key of SCOPES
    path: Path                  # a file, or a folder when per_brief
    per_brief: bool = False
    facts: bool = False
    value: str = ""             # the brief id, the query or the tag
    force: bool = False         # the analyst said yes to overwriting

    def forced(self) -> ExportChoice:
        return replace(self, force=True)


class TargetExists(Exception):
    """The file (or one of the per-brief files) exists: ask before overwriting it."""


def run_export(index_dir: Path, store: NotesStore, choice: ExportChoice) -> str:
    """Export as chosen; returns the one-line result. Raises TargetExists (ask, then run
    again with `choice.forced()`) or ExportError (the message fits one line)."""
    with loaders.borrowed(index_dir) as searcher:
        ids, scope = _select(searcher, store, index_dir, choice)
        if not ids:
            raise ExportError(f"nothing to export: no brief {scope}")
        items = export_items(searcher, store, ids, choice.facts)
    if choice.scope != "brief":  # newest first, then by title (as `brief export`)
        items.sort(key=lambda i: i.title.lower())
        items.sort(key=lambda i: i.date or "0000", reverse=True)
    path = choice.path
    if choice.per_brief:
        if not choice.force:
            existing = [path / n for n in file_names(items) if (path / n).exists() or (path / n).is_symlink()]
            if existing:
                more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
                raise TargetExists(f"{existing[0]} already exists{more}")
        written = write_per_brief(path, items, choice.force)
        return f"Wrote {len(written)} file{'s' if len(written) != 1 else ''} to {path}"
    if not choice.force and (path.exists() or path.is_symlink()) and not path.is_dir():
        raise TargetExists(f"{path} already exists")
    title = items[0].title if len(items) == 1 else default_title(scope, len(items))
    write(path, render(items, title=title, scope=scope), choice.force)
    return f"Wrote {len(items)} brief{'s' if len(items) != 1 else ''} to {path}"


def _select(searcher, store: NotesStore, index_dir: Path, choice: ExportChoice) -> tuple[list[str], str]:  # type: ignore[no-untyped-def]
    """The ids in scope (notes brought up to date first) and a few words naming the scope."""
    from index.query import QueryError
    from index.search import NO_LIMIT
    from tui.cli_notes import IndexCatalog

    def searched(text: str) -> set[str]:
        from tui.notes_filter import NotesFilter

        searcher.annotations = NotesFilter(store=store)  # is:starred, note:..., your tag:
        try:
            results = searcher.search(text, limit=_ALL, facets=False, time_limit=NO_LIMIT)
        except QueryError as exc:
            raise ExportError(f"query error: {exc}") from None
        finally:
            searcher.annotations = None  # the searcher goes back to the pool
        return {i for h in results.hits for i in (h.id, *getattr(h, "copies", ()))}

    value = choice.value.strip()
    if choice.scope == "brief":
        ids, words = [value] if value else [], value
    elif choice.scope == "query":
        if not value:
            raise ExportError("there is no search to export: type one first")
        ids, words = sorted(searched(value)), f"query: {value}"
    elif choice.scope == "starred":
        ids, words = sorted(store.ids_starred()), "starred"
    elif choice.scope == "tag":
        tag = value.lstrip("#").replace('"', " ").strip()
        if not tag:
            raise ExportError("give the tag to export")
        ids, words = sorted(store.ids_tagged(tag) | searched(f'tag:"{tag}"')), f"tag: {tag}"
    else:
        ids, words = sorted(store.ids_with_notes()), "with notes"
    report = reconcile(store, IndexCatalog(searcher, index_dir), [i for i in ids if store.state(i) is not None])
    moved = dict(report.reattached)
    return list(dict.fromkeys(moved.get(i, i) for i in ids)), words


def export_items(searcher, store: NotesStore, ids: list[str], facts: bool) -> list[ExportBrief]:  # type: ignore[no-untyped-def]
    """One export item per brief: its metadata and text from the index, its notes."""
    from tui.cli_facts import stored_facts

    items = []
    for brief_id in ids:
        stored = searcher.get(brief_id)
        ann = store.annotations(brief_id)
        if stored is None or stored["id"] != brief_id:  # an orphan: its notes, no text
            items.append(ExportBrief(brief_id, ann.state.title or brief_id, ann, path=ann.state.path))
            continue
        meta = stored.get("meta") or {}
        when = stored.get("date")
        items.append(ExportBrief(
            brief_id, stored.get("title", ""), ann, path=stored.get("path", ""),
            source=stored.get("source", ""), date=when.date().isoformat() if when else "",
            url=meta.get("url", ""), tags=list(meta.get("tags") or []), marking=meta.get("marking", ""),
            body=stored.get("body", ""), facts=stored_facts(stored) if facts else [],
        ))
    return items
