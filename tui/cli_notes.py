"""`brief note`, `tag`, `star`, `read`, `highlight`, `notes`: the analyst's layer from the shell.

Notes live in the notes store (briefs/notes, SQLite in the data folder), never in the index.
Each command first syncs the brief's notes with its current text (re-anchoring highlights
when it was edited); `brief notes` reconciles every annotated brief with the corpus.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import click
from rich.console import Console
from rich.text import Text

from briefs.config import Settings
from briefs.notes import Annotations, BriefRef, NotesError, NotesStore
from briefs.notes.anchor import find_passage, locate
from tui import render
from tui.cli import EXIT_FAILED, EXIT_USAGE, Context, _stderr, _stdout, cli, ensure_index, fail, pass_ctx


def open_store(settings: Settings) -> NotesStore:
    try:
        return NotesStore.open(settings.data_dir, settings.corpus)
    except NotesError as exc:
        fail(str(exc))
    raise AssertionError("unreachable")


def ref_of(stored: dict) -> BriefRef:  # type: ignore[type-arg]
    return BriefRef(stored["id"], stored.get("path", ""), stored.get("title", ""), stored.get("body", ""))


class IndexCatalog:
    """The corpus as the index sees it, for reconciling notes (briefs/notes/reconcile.py)."""

    def __init__(self, searcher, index_dir: Path):  # type: ignore[no-untyped-def]
        self.searcher = searcher
        self.facts_db = Path(index_dir) / "brief-facts.sqlite"

    def _get(self, ident: str) -> dict | None:  # type: ignore[type-arg]
        try:
            return self.searcher.get(ident)
        except Exception:  # noqa: BLE001 - an ambiguous prefix or a feed path: no single brief
            return None

    def by_id(self, brief_id: str) -> BriefRef | None:
        stored = self._get(brief_id)
        return ref_of(stored) if stored and stored["id"] == brief_id else None

    def by_path(self, path: str) -> list[BriefRef]:
        stored = self._get(path) if Path(path).is_absolute() else None
        return [ref_of(stored)] if stored and stored.get("path") == path else []

    def by_title(self, title: str) -> list[BriefRef]:
        """Briefs with this exact title (the facts database beside the index keeps titles)."""
        if not self.facts_db.exists():
            return []
        key = " ".join(title.lower().replace("’", "'").split())
        try:
            with contextlib.closing(sqlite3.connect(f"file:{self.facts_db}?mode=ro", uri=True)) as db:
                ids = [r[0] for r in db.execute("SELECT id FROM brief WHERE ltitle = ? LIMIT 50", (key,))]
        except sqlite3.Error:
            return []
        return [r for r in (self.by_id(i) for i in ids) if r is not None]


@contextlib.contextmanager
def session(ctx: Context) -> Iterator[tuple[object, NotesStore]]:
    """An index searcher and the notes store, both closed afterwards."""
    from index.search import IndexMissing, Searcher

    ensure_index(ctx.settings)
    try:
        searcher = Searcher(ctx.settings.index_dir)
    except IndexMissing as exc:
        fail(str(exc))
    store = open_store(ctx.settings)
    try:
        yield searcher, store
    finally:
        store.close()
        searcher.close()


def resolve(searcher, store: NotesStore, ident: str, need_body: bool = False) -> BriefRef:  # type: ignore[no-untyped-def]
    """The brief named by an id, unique id prefix or path; an orphan known to the notes
    store counts too (unless its text is needed). Its notes are synced with its text."""
    from index.query import QueryError

    try:
        stored = searcher.get(ident)
    except QueryError as exc:
        fail(str(exc))
    if stored is not None:
        ref = ref_of(stored)
        store.sync(ref)
        return ref
    ids = store.ids_starting(ident) if len(ident) >= 4 else []
    if len(ids) == 1:
        state = store.state(ids[0])
        if need_body:
            fail(f"{ident}: the brief is no longer in the corpus (its notes are kept)")
        assert state is not None
        return BriefRef(state.id, state.path, state.title)
    fail(f"{ident}: no brief with this id or path (try `brief search`)")
    raise AssertionError("unreachable")


def _say(message: str, style: str = "") -> None:
    _stdout().print(render.plain(message, style))


def _named(ref: BriefRef) -> str:
    return f"{ref.title} ({ref.id})"


@cli.command("note")
@click.argument("ident")
@click.argument("text", required=False)
@click.option("--edit", "-e", is_flag=True, help="Write the note in $EDITOR (prefilled with TEXT).")
@click.option("--note", "note_id", type=int, help="Change note N (its number in `brief notes`) instead of adding one.")
@click.option("--delete", "delete_id", type=int, help="Delete note N.")
@pass_ctx
def note_cmd(ctx: Context, ident: str, text: str | None, edit: bool, note_id: int | None, delete_id: int | None) -> None:
    """Add a note to a brief (IDENT: id, id prefix or path). With no TEXT, or with --edit,
    the note is written in $EDITOR; an empty note is not saved. Notes are Markdown."""
    with session(ctx) as (searcher, store):
        ref = resolve(searcher, store, ident)
        if delete_id is not None:
            gone = _own(store.note(delete_id), ref, "note", delete_id)
            store.delete_note(gone.id)
            _say(f"Deleted note {gone.id} from {_named(ref)}")
            return
        current = _own(store.note(note_id), ref, "note", note_id) if note_id is not None else None
        if text is None or edit:
            start = text if text is not None else (current.text if current else "")
            text = click.edit(start, extension=".md")
            if text is None or not text.strip():
                _say("No note saved (the editor was closed without text).", "yellow")
                raise SystemExit(EXIT_FAILED)
            text = text.rstrip("\n")
        if not text.strip():
            fail("a note needs some text", EXIT_USAGE)
        if current is not None:
            store.edit_note(current.id, text)
            _say(f"Changed note {current.id} on {_named(ref)}")
        else:
            added = store.add_note(ref, text)
            _say(f"Added note {added.id} to {_named(ref)}")


def _own(item, ref: BriefRef, kind: str, number: int | None):  # type: ignore[no-untyped-def]
    if item is None or item.brief_id != ref.id:
        fail(f"{ref.id} has no {kind} {number} (see `brief notes {ref.id}`)")
    return item


@cli.command("tag")
@click.argument("ident")
@click.argument("tags", nargs=-1, required=True)
@click.option("--remove", is_flag=True, help="Remove these tags instead of adding them.")
@pass_ctx
def tag_cmd(ctx: Context, ident: str, tags: tuple[str, ...], remove: bool) -> None:
    """Tag a brief (case and a leading '#' are ignored: `Space` and `#space` are one tag)."""
    with session(ctx) as (searcher, store):
        ref = resolve(searcher, store, ident)
        if remove:
            removed = store.untag(ref.id, list(tags))
            _say(f"Removed {', '.join(removed) or 'nothing'} from {_named(ref)}")
            return
        try:
            store.tag(ref, list(tags))
        except ValueError as exc:
            fail(str(exc), EXIT_USAGE)
        _say(f"Tags of {_named(ref)}: {', '.join(store.tags(ref.id))}")


@cli.command("star")
@click.argument("ident")
@click.option("--unstar", is_flag=True, help="Remove the star.")
@pass_ctx
def star_cmd(ctx: Context, ident: str, unstar: bool) -> None:
    """Star a brief (find them again with `brief export --starred`)."""
    with session(ctx) as (searcher, store):
        ref = resolve(searcher, store, ident)
        store.set_starred(ref, not unstar)
        _say(f"{'Unstarred' if unstar else 'Starred'} {_named(ref)}")


@cli.command("read")
@click.argument("ident")
@click.option("--unread", is_flag=True, help="Mark it unread again.")
@pass_ctx
def read_cmd(ctx: Context, ident: str, unread: bool) -> None:
    """Mark a brief read, or unread again with --unread (`brief notes` shows the mark)."""
    with session(ctx) as (searcher, store):
        ref = resolve(searcher, store, ident)
        store.set_read(ref, not unread)
        _say(f"Marked {_named(ref)} {'unread' if unread else 'read'}")


@cli.command("highlight")
@click.argument("ident")
@click.option("--text", "passage", help="The passage to highlight, as it reads in `brief show` "
              "(line breaks and spacing may differ; case is matched if it can be).")
@click.option("--comment", default="", help="A comment on the highlight.")
@click.option("--occurrence", type=click.IntRange(1), help="Which one, when the passage occurs more than once.")
@click.option("--delete", "delete_id", type=int, help="Delete highlight N instead.")
@pass_ctx
def highlight_cmd(ctx: Context, ident: str, passage: str | None, comment: str, occurrence: int | None,
                  delete_id: int | None) -> None:
    """Highlight a passage of a brief, with an optional comment."""
    with session(ctx) as (searcher, store):
        if delete_id is not None:
            ref = resolve(searcher, store, ident)
            gone = _own(store.highlight(delete_id), ref, "highlight", delete_id)
            store.delete_highlight(gone.id)
            _say(f"Deleted highlight {gone.id} from {_named(ref)}")
            return
        if not passage or not passage.strip():
            fail("give the passage with --text \"...\"", EXIT_USAGE)
        ref = resolve(searcher, store, ident, need_body=True)
        body = ref.body or ""
        spans = find_passage(body, passage)
        if not spans:
            fail(f"{ref.id}: the passage is not in this brief's text (see `brief show {ref.id}`)")
        if len(spans) > 1 and occurrence is None:
            fail(f"{ref.id}: the passage occurs {len(spans)} times; give more of it or --occurrence N",
                 EXIT_USAGE)
        if occurrence is not None and occurrence > len(spans):
            fail(f"{ref.id}: the passage occurs only {len(spans)} time(s)", EXIT_USAGE)
        start, end = spans[(occurrence or 1) - 1]
        added = store.add_highlight(ref, start, end, comment)
        _say(f"Highlighted {locate(body, start, end).describe()} of {_named(ref)} (highlight {added.id})")


@cli.command("notes")
@click.argument("ident", required=False)
@click.option("--json", "as_json", is_flag=True,
              help="A JSON list, one object per brief: id, path, title, starred, read, orphan, "
                   "tags, notes (id, text, created, updated), highlights (id, start, end, text, "
                   "comment, status, created, updated).")
@click.option("--orphans", is_flag=True, help="Only briefs no longer in the corpus.")
@click.option("--search", "words", metavar="WORDS",
              help='Only briefs whose notes or highlight comments hold every word (or "phrase").')
@click.option("--attach", "attach_to", metavar="NEW", help="Move the notes of brief IDENT (an orphan) to brief NEW.")
@click.option("--forget", is_flag=True, help="Delete everything on brief IDENT (asks first).")
@click.option("--backup", "backup_to", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a consistent copy of the notes database to this file (safe while the app runs).")
@click.option("--force", is_flag=True, help="With --backup: overwrite the file.")
@click.option("--yes", is_flag=True, help="With --forget: do not ask.")
@pass_ctx
def notes_cmd(ctx: Context, ident: str | None, as_json: bool, orphans: bool, words: str | None, attach_to: str | None,
              forget: bool, backup_to: Path | None, force: bool, yes: bool) -> None:
    """List notes, highlights, tags and stars: of one brief, or of every brief that has any.
    Briefs no longer in the corpus are listed as orphans: their notes are kept, and
    re-attach by themselves when the brief comes back (or with --attach)."""
    if backup_to is not None:
        _backup(ctx, backup_to, force)
        return
    from briefs.notes.reconcile import reconcile

    with session(ctx) as (searcher, store):
        if ident is None:
            if attach_to or forget:
                fail("--attach and --forget need the IDENT of a brief", EXIT_USAGE)
            report = reconcile(store, IndexCatalog(searcher, ctx.settings.index_dir))
            items = store.briefs()
            for old, new in report.reattached:
                _stderr().print(render.plain(f"brief: notes of {old} re-attached to {new} (the brief came back)", "yellow"))
        else:
            ref = resolve(searcher, store, ident)
            if attach_to:
                new = resolve(searcher, store, attach_to, need_body=True)
                store.reattach(ref.id, new)
                _say(f"Notes of {ref.id} moved to {_named(new)}")
                return
            if forget:
                if not yes and not click.confirm(f"Delete every note, highlight and tag on {ref.id}?"):
                    raise SystemExit(EXIT_FAILED)
                store.forget(ref.id)
                _say(f"Forgot everything on {ref.id}")
                return
            shown = ref.id
            if ref.body is None:  # an orphan: perhaps its brief came back under a new id
                report = reconcile(store, IndexCatalog(searcher, ctx.settings.index_dir), [ref.id])
                shown = dict(report.reattached).get(ref.id, ref.id)
            items = [store.annotations(shown)]
        if orphans:
            items = [a for a in items if a.state.orphan]
        if words is not None:
            matching = store.ids_matching_text(words)
            items = [a for a in items if a.state.id in matching]
    if as_json:
        click.echo(json.dumps([a.as_json() for a in items], ensure_ascii=False))
        return
    out = _stdout()
    if not items:
        out.print(render.plain("No notes yet. Add one with `brief note ID \"text\"`.", "bold"))
        return
    for a in items:
        _print_annotations(out, a, full=ident is not None)


def _print_annotations(out: Console, a: Annotations, full: bool) -> None:
    s = a.state
    head = Text(f"{s.id}  ", style="cyan")
    head.append_text(render.plain(s.title or "(untitled)", "bold"))
    if s.starred:
        head.append("  ★", style="yellow")
    if s.read:
        head.append("  read", style="dim")
    if s.orphan:
        head.append_text(render.plain(f"  orphan: no longer in the corpus (last at {s.path})", "red"))
    out.print(head)
    detached = sum(1 for h in a.highlights if not h.attached)
    summary = [f"tags: {', '.join(a.tags)}" if a.tags else "",
               f"{len(a.notes)} note{'s' if len(a.notes) != 1 else ''}" if a.notes else "",
               f"{len(a.highlights)} highlight{'s' if len(a.highlights) != 1 else ''}"
               + (f" ({detached} detached)" if detached else "") if a.highlights else ""]
    out.print(render.plain("    " + (" · ".join(x for x in summary if x) or "nothing yet"), "dim"))
    if not full:
        return
    for n in a.notes:
        out.print(render.plain(f"  note {n.id} · {n.updated}", "bold"))
        for line in n.text.split("\n"):
            out.print(render.plain(f"    {line}"))
    for h in a.highlights:
        where = f"characters {h.start}–{h.end}" + ("" if h.attached else "  (detached: not found in the current text)")
        out.print(render.plain(f"  highlight {h.id} · {where}", "bold" if h.attached else "yellow"))
        for line in h.text.split("\n"):
            out.print(render.plain(f"    > {line}", "italic"))
        if h.comment:
            out.print(render.plain(f"    comment: {h.comment}"))
    out.print()


def _backup(ctx: Context, target: Path, force: bool) -> None:
    if target.exists() and not force:
        fail(f"{target} already exists; use --force to overwrite")
    if not target.parent.is_dir():
        fail(f"{target.parent}: no such folder")
    store = open_store(ctx.settings)
    try:
        store.backup(target)
    except (OSError, sqlite3.Error) as exc:
        fail(f"{target}: cannot write the backup: {exc}")
    finally:
        store.close()
    _say(f"Notes backed up to {target}")


from tui import cli_export  # noqa: E402,F401  (registers `brief export`)
