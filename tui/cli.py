"""The `brief` command line: index, search, show, info; with no command, the app."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import click
from rich.console import Console

from briefs.config import ConfigError, Settings, load_settings, register_folders, unregister_folders
from tui import render

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_BUSY = 3
EXIT_INTERRUPTED = 130

HELP = """Read, search and annotate folders of briefs in the terminal.

\b
Where things live (each overridable; options beat environment variables):
  config file   --config / BRIEF_CONFIG       default: the user config folder, config.yaml
  corpus        --corpus / BRIEF_CORPUS       default: `corpus:` in the config, else "default"
  index         --index-dir / BRIEF_INDEX_DIR default: user cache folder/index/CORPUS
                (or BRIEF_CACHE_DIR/index/CORPUS)
  data (notes)  --data-dir / BRIEF_DATA_DIR   default: the user data folder
With no folders configured or indexed, brief uses its bundled sample briefs.
Run `brief info` to see the folders in use.
"""


def _stdout() -> Console:
    return Console(highlight=False, soft_wrap=True)


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, code: int = EXIT_FAILED) -> None:
    """One line on stderr, never interpreted as markup, then exit."""
    _stderr().print(render.plain(f"brief: {message}", "red"))
    sys.exit(code)


class Context:
    """Settings shared by every command, resolved once."""

    def __init__(self, **options: object):
        try:
            self.settings: Settings = load_settings(**options)  # type: ignore[arg-type]
        except ConfigError as exc:
            fail(str(exc), EXIT_USAGE)


pass_ctx = click.make_pass_decorator(Context)


@click.group(help=HELP, invoke_without_command=True)
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Config file (YAML).")
@click.option("--corpus", help="Which corpus (set of folders) to use.")
@click.option("--index-dir", type=click.Path(file_okay=False), help="Index folder for this corpus.")
@click.option("--data-dir", type=click.Path(file_okay=False), help="Folder for notes and state.")
@click.version_option(package_name="brief")
@click.pass_context
def cli(ctx: click.Context, **options: object) -> None:
    ctx.obj = Context(**options)
    if ctx.invoked_subcommand is None:
        _open_app(ctx)


def _open_app(ctx: click.Context) -> None:
    """Run the reader app; it indexes new and changed files in the background as it opens."""
    settings = ctx.obj.settings
    if settings.uses_samples or not settings.folders:
        ensure_index(settings)  # the 36 samples: a moment's work, done before the first screen
    from tui.app import run

    run(settings.index_dir, settings.data_dir / f"searches-{settings.corpus}.json", settings)


def ensure_index(settings: Settings) -> int:
    """Build the index when there is none yet (first run); return how many briefs it has."""
    from index.search import IndexMissing, Searcher

    if settings.uses_samples:
        # 36 small files: always in step with the installed package (a moment's work).
        return run_index(settings, settings.folders, full=True, quiet=True).total_briefs
    try:
        with Searcher(settings.index_dir) as searcher:
            return searcher.doc_count  # an index exists (perhaps empty): `brief index` updates it
    except IndexMissing as exc:
        problem = "" if not settings.index_dir.exists() else str(exc)
    if not problem:
        _stderr().print(render.plain(f"Indexing {len(settings.folders)} folder(s) for the first time…", "dim"))
    report = run_index(settings, settings.folders, full=True)
    # One line on what was wrong (the rebuild's own note names where the damage was put).
    for note in report.notes or ([problem] if problem else []):
        _stderr().print(render.plain(f"brief: {note}", "yellow"))
    return report.total_briefs


def run_index(settings: Settings, folders: list[Path], full: bool, quiet: bool = False):  # type: ignore[no-untyped-def]
    import sqlite3

    from index.indexer import IndexBusy, Indexer
    from index.store import IndexUnsafe, write_error_message

    with render.progress_bar(_stderr(), quiet) as bar:

        def progress(phase: str, done: int, total: int) -> None:
            if phase == "waiting":  # said even with --quiet: the wait may last 30 s
                _stderr().print(render.plain(
                    "brief: another brief process is indexing this corpus; waiting for it to finish…", "yellow"))
            if bar is not None:
                bar(phase, done, total)

        indexer = Indexer(settings.index_dir, settings.max_file_bytes, progress=progress)
        try:
            return indexer.run(folders, full=full)
        except IndexBusy as exc:
            fail(str(exc), EXIT_BUSY)
        except IndexUnsafe as exc:
            fail(str(exc), EXIT_USAGE)
        except (OSError, sqlite3.Error) as exc:  # a full disk reaches SQLite first ("disk I/O error")
            fail(write_error_message(settings.index_dir, exc))
    raise AssertionError("unreachable")


@cli.command("index")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--rebuild", is_flag=True, help="Throw the index away and build it again.")
@click.option("--forget", "forget", multiple=True, type=click.Path(path_type=Path),
              help="Stop indexing a folder added earlier with `brief index PATH`.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; failures and the summary only.")
@pass_ctx
def index_cmd(ctx: Context, paths: tuple[Path, ...], rebuild: bool, forget: tuple[Path, ...], quiet: bool) -> None:
    """Index folders and files of briefs (Markdown, text, HTML, RSS/Atom).

    With PATHs, index them and remember them as part of the corpus, so that `brief search`
    and the app find them from then on. With none, re-index every folder of the corpus.
    Only new and changed files are read again; removed files leave the index. Ctrl-C
    stops cleanly: what was committed stays searchable.

    Exit status: 0 all indexed, 1 some files failed (the rest is indexed), 2 bad usage
    or configuration, 3 another process is indexing, 130 interrupted.
    """
    settings = ctx.settings
    if forget:
        removed = unregister_folders(settings.data_dir, settings.corpus, list(forget))
        for f in forget:
            if Path(f).resolve() not in [r.resolve() for r in removed]:
                _stderr().print(render.plain(f"brief: {f}: was not added with `brief index PATH`", "yellow"))
        settings = load_settings(
            config_file=settings.config_file, corpus=settings.corpus if not settings.uses_samples else None,
            index_dir=settings.index_dir, data_dir=settings.data_dir,
        )
        paths = ()
    if rebuild and settings.index_dir.exists():
        from index.store import ensure_private_dir

        ensure_private_dir(settings.index_dir)  # refuse to delete a folder that is not ours
        shutil.rmtree(settings.index_dir)
    full = True
    folders = settings.folders
    if paths:
        missing = [p for p in paths if not p.exists()]
        for p in missing:
            _stderr().print(render.plain(f"brief: {p}: not found", "red"))
        paths = tuple(p for p in paths if p.exists())
        if not paths:
            sys.exit(EXIT_FAILED)
        corpus = "default" if settings.uses_samples else settings.corpus
        register_folders(settings.data_dir, corpus, [p.resolve() for p in paths])
        if settings.uses_samples:
            settings = load_settings(
                config_file=settings.config_file, corpus=corpus, data_dir=settings.data_dir,
                index_dir=None if not _index_overridden() else settings.index_dir,
            )
        folders = [p.resolve() for p in paths]
        full = False
    if not folders:
        fail("no folders to index: give a PATH, or list folders in the config file (see brief --help)",
             EXIT_USAGE)
    report = run_index(settings, folders, full=full, quiet=quiet)
    render.print_index_report(_stderr(), report, settings)
    if report.interrupted:
        sys.exit(EXIT_INTERRUPTED)
    if report.failed:
        sys.exit(EXIT_FAILED)


def _index_overridden() -> bool:
    import os

    ctx = click.get_current_context()
    return bool(ctx.find_root().params.get("index_dir") or os.environ.get("BRIEF_INDEX_DIR"))


@cli.command("search")
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", "-n", default=10, show_default=True, type=click.IntRange(1, 10_000),
              help="How many results to show.")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True,
              help="Order of results: best match first, or newest first.")
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object: query, total, hits (id, title, date, source, path, score, "
                   "snippet, highlights), facets (source, tag, year) and suggestion.")
@pass_ctx
def search_cmd(ctx: Context, query: tuple[str, ...], limit: int, sort: str, as_json: bool) -> None:
    """Search the corpus. Words are stemmed and all must match.

    \b
    Syntax (see README "Query syntax"):
      "exact phrase"   AND / OR / NOT, (parentheses)
      title:  source:  author:  tag:  type:  (tag:"missile defense" works too)
      date:2026  date:2026-03  date:[2026-01-01 to 2026-06-30]  date:>2026-01-01
      date:30d (last 30 days)  date:12w  date:6m  date:1y  date:today  date:last-month
      hyper*  (prefix, 3 letters at least)   missle~  (typo tolerance; missle~2 for two)
      is:starred  is:unread  is:read  has:notes  has:highlights  note:radar  note:"a phrase"
      (your notes; tag: finds the brief's own tags and yours; -is:read excludes)
    """
    from index.query import QueryError
    from index.search import IndexMissing, Searcher

    text = " ".join(query)
    settings = ctx.settings
    ensure_index(settings)
    from tui.notes_filter import NotesFilter

    notes = NotesFilter(settings)  # is:starred, has:notes, note:..., your tag: (opened if asked)
    try:
        with Searcher(settings.index_dir, annotations=notes) as searcher:
            results = searcher.search(text, limit=limit, sort=sort)
    except QueryError as exc:
        fail(f"query error: {exc}", EXIT_USAGE)
    except IndexMissing as exc:
        fail(str(exc))
    finally:
        notes.close()
    if as_json:
        click.echo(json.dumps(results.as_json(), ensure_ascii=False))
        return
    render.print_results(_stdout(), results)


@cli.command("show")
@click.argument("ident")
@click.option("--json", "as_json", is_flag=True, help="The brief and its metadata as one JSON object.")
@pass_ctx
def show_cmd(ctx: Context, ident: str, as_json: bool) -> None:
    """Print one brief with its metadata. IDENT is an id, a unique id prefix, or a file path."""
    from index.query import QueryError
    from index.search import IndexMissing, Searcher

    ensure_index(ctx.settings)
    try:
        with Searcher(ctx.settings.index_dir) as searcher:
            stored = searcher.get(ident)
    except (QueryError, IndexMissing) as exc:
        fail(str(exc))
    if stored is None:
        fail(f"{ident}: no brief with this id or path (try `brief search`)")
    if as_json:
        click.echo(json.dumps(render.stored_as_json(stored), ensure_ascii=False))
        return
    render.print_brief(_stdout(), stored)


@cli.command("info")
@pass_ctx
def info_cmd(ctx: Context) -> None:
    """Show the corpus, its folders, and where the config, index and notes live."""
    render.print_info(_stdout(), ctx.settings)


def main() -> None:
    try:
        cli(prog_name="brief")
    except KeyboardInterrupt:
        _stderr().print(render.plain("brief: interrupted", "yellow"))
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        sys.exit(0)


from tui import cli_facts  # noqa: E402,F401  (registers `brief facts`)

from tui import cli_corpus  # noqa: E402,F401  (registers `brief entity`, `glossary`, `timeline`)

from tui import cli_notes  # noqa: E402,F401  (registers `note`, `tag`, `star`, `read`, `highlight`, `notes`, `export`)


if __name__ == "__main__":
    main()
