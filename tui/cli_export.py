"""`brief export`: notes, highlights and key facts to Markdown (briefs/notes/export.py)."""

from __future__ import annotations

from pathlib import Path

import click

from briefs.notes import NotesStore
from briefs.notes.export import ExportBrief, ExportError, default_title, render, write, write_per_brief
from briefs.notes.reconcile import reconcile
from briefs.notes.templates import DEFAULT_LAYOUT, TemplateProblem, compile_template, load_template
from tui import render as show
from tui.cli import EXIT_FAILED, EXIT_USAGE, Context, _stderr, cli, fail, pass_ctx
from tui.cli_notes import IndexCatalog, resolve, session

_ALL = 1_000_000


@cli.command("export")
@click.argument("idents", nargs=-1)
@click.option("--tag", "tags", multiple=True, help="Briefs with this tag (yours or the brief's own); repeat to require several.")
@click.option("--query", "-q", help="Briefs matching this search (same syntax as `brief search`).")
@click.option("--starred", is_flag=True, help="Starred briefs.")
@click.option("--with-notes", is_flag=True, help="Briefs with notes or highlights (the default when no other scope is given).")
@click.option("--output", "-o", type=click.Path(path_type=Path),
              help="The Markdown file to write (standard output if not given); with --per-brief, a folder.")
@click.option("--per-brief", is_flag=True, help="One file per brief in the folder given by -o.")
@click.option("--facts", is_flag=True, help="Add each brief's key facts, each with its location.")
@click.option("--template", type=click.Path(dir_okay=False, path_type=Path),
              help="A Jinja2 template for the layout (see `--print-template` for the default one).")
@click.option("--name-template", help='Jinja2 for per-brief file names, e.g. "{{ brief.date }} {{ brief.title }}".')
@click.option("--title", help="Title of a file that holds several briefs.")
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
@click.option("--print-template", is_flag=True, help="Print the default layout template and exit.")
@pass_ctx
def export_cmd(ctx: Context, idents: tuple[str, ...], tags: tuple[str, ...], query: str | None, starred: bool,
               with_notes: bool, output: Path | None, per_brief: bool, facts: bool, template: Path | None,
               name_template: str | None, title: str | None, force: bool, print_template: bool) -> None:
    """Export notes, highlights (as block quotes with their location) and optionally key
    facts to Markdown with YAML front matter. Scope: the briefs IDENTS, and/or --tag,
    --query, --starred, --with-notes (each narrows the others); with none, every brief
    with notes. Files are written atomically and never overwritten without --force.
    An exported file is itself a brief: `brief index` reads it back."""
    if print_template:
        click.echo(DEFAULT_LAYOUT, nl=False)
        return
    if per_brief and output is None:
        fail("--per-brief needs a folder: -o DIR", EXIT_USAGE)
    if name_template and not per_brief:
        fail("--name-template names the files of --per-brief", EXIT_USAGE)
    try:
        layout = load_template(template) if template else None
        namer = compile_template(name_template, "--name-template") if name_template else None
    except TemplateProblem as exc:
        fail(str(exc), EXIT_USAGE)
    with session(ctx) as (searcher, store):
        ids, scope = _select(ctx, searcher, store, idents, tags, query, starred, with_notes)
        if not ids:
            fail(f"nothing to export: no brief {scope or 'has notes'}")
        items = _items(ctx, searcher, store, ids, facts)
    if not idents:  # newest first, then by title
        items.sort(key=lambda i: i.title.lower())
        items.sort(key=lambda i: i.date or "0000", reverse=True)
    try:
        if per_brief:
            assert output is not None
            written = write_per_brief(output, items, force, layout, str(template or "default layout"), namer)
            _stderr().print(show.plain(f"Wrote {len(written)} file{'s' if len(written) != 1 else ''} to {output}", "dim"))
            return
        text = render(items, layout, str(template or "default layout"),
                      title=title or (items[0].title if len(items) == 1 else default_title(scope, len(items))),
                      scope=scope)
        if output is None:
            click.echo(text, nl=False)
            return
        write(output, text, force)
    except (ExportError, TemplateProblem) as exc:
        fail(str(exc), EXIT_FAILED)
    _stderr().print(show.plain(f"Wrote {len(items)} brief{'s' if len(items) != 1 else ''} to {output}", "dim"))


def _select(ctx: Context, searcher, store: NotesStore, idents: tuple[str, ...], tags: tuple[str, ...],  # type: ignore[no-untyped-def]
            query: str | None, starred: bool, with_notes: bool) -> tuple[list[str], str]:
    """The ids in scope, in order, and a few words that describe the scope."""
    from index.query import QueryError
    from index.search import NO_LIMIT

    parts: list[str] = []
    chosen: list[str] | None = [resolve(searcher, store, i).id for i in idents] if idents else None
    if idents:
        parts.append(", ".join(idents))

    def narrow(found: set[str] | frozenset[str], words: str) -> None:
        nonlocal chosen
        chosen = sorted(found) if chosen is None else [i for i in chosen if i in found]
        parts.append(words)

    def searched(text: str) -> set[str]:
        from tui.notes_filter import NotesFilter

        searcher.annotations = NotesFilter(store=store)  # is:starred, note:..., your tag:
        try:
            results = searcher.search(text, limit=_ALL, facets=False, time_limit=NO_LIMIT)
        except QueryError as exc:
            fail(f"query error: {exc}", EXIT_USAGE)
        if getattr(results, "partial", False):
            _stderr().print(show.plain(f"brief: {text}: the search took too long; only part of its briefs are exported", "yellow"))
        # Near-copies folded into one search row are in scope too.
        return {i for h in results.hits for i in (h.id, *getattr(h, "copies", ()))}

    for tag in tags:
        own = searched('tag:"' + tag.replace('"', " ").strip() + '"') if tag.replace('"', "").strip() else set()
        narrow(store.ids_tagged(tag) | own, f"tag: {tag}")
    if query:
        narrow(searched(query), f"query: {query}")
    if starred:
        narrow(store.ids_starred(), "starred")
    if with_notes or chosen is None:
        narrow(store.ids_with_notes(), "with notes")
    # Bring the notes up to date (re-anchor, re-attach orphans that came back) first.
    report = reconcile(store, IndexCatalog(searcher, ctx.settings.index_dir),
                       [i for i in chosen or [] if store.state(i) is not None])
    moved = dict(report.reattached)
    return list(dict.fromkeys(moved.get(i, i) for i in chosen or [])), "; ".join(parts)


def _items(ctx: Context, searcher, store: NotesStore, ids: list[str], facts: bool) -> list[ExportBrief]:  # type: ignore[no-untyped-def]
    """One export item per brief, as the app's export builds them (tui/export_job.py)."""
    from tui.export_job import export_items  # imported here: it brings the search modules

    return export_items(searcher, store, ids, facts)

