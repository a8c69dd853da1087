"""`brief facts`: the key facts of briefs given by id or by path, grouped or as JSON lines."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from tui import render
from tui.cli import EXIT_FAILED, Context, _stderr, _stdout, cli, ensure_index, pass_ctx


@cli.command("facts")
@click.argument("targets", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object per brief per line: id, title, facts (type, text, start, end, "
                   "and amount/currency, value, unit, long, speaker, aliases by type).")
@click.option("--type", "types", multiple=True,
              help="Only these fact types (person, organisation, place, programme, money, date, "
                   "quantity, acronym, quote, key_sentence, keyword); repeatable.")
@pass_ctx
def facts_cmd(ctx: Context, targets: tuple[str, ...], as_json: bool, types: tuple[str, ...]) -> None:
    """Print the key facts of briefs: TARGETS are ids (or unique id prefixes) or file paths.

    A file path is read directly, whether indexed or not, and for a plain-text file the
    `start`/`end` offsets index the file's decoded text exactly. Many targets in one call
    are processed in one process, so scoring a thousand files is one command.
    """
    from briefs.facts import extract
    from briefs.load import load_file
    from briefs.model import LoadError

    failed = False
    searcher = None
    out = _stdout()
    try:
        for target in targets:
            try:
                if os.path.exists(target):
                    items = [(b.id, b.title, extract(b.body, b.date, b.title)) for b in load_file(target, rel=Path(target).name)]
                else:
                    if searcher is None:
                        from index.search import Searcher

                        ensure_index(ctx.settings)
                        searcher = Searcher(ctx.settings.index_dir)
                    stored = searcher.get(target)
                    if stored is None:
                        raise LoadError(target, "no brief with this id, and no such file")
                    items = [(stored["id"], stored.get("title", ""), stored_facts(stored))]
            except LoadError as exc:
                _stderr().print(render.plain(f"brief: {exc.path}: {exc.reason}", "red"))
                failed = True
                continue
            except Exception as exc:  # the index search raises QueryError for ambiguous prefixes
                _stderr().print(render.plain(f"brief: {target}: {exc}", "red"))
                failed = True
                continue
            for ident, title, facts in items:
                if types:
                    facts = [f for f in facts if f.type in types]
                if as_json:
                    line = {"id": ident, "title": title, "facts": [f.as_json() for f in facts]}
                    click.echo(json.dumps(line, ensure_ascii=False))
                else:
                    render.print_facts(out, ident, title, facts)
    finally:
        if searcher is not None:
            searcher.close()
    if failed:
        raise SystemExit(EXIT_FAILED)


def stored_facts(stored: dict):  # type: ignore[no-untyped-def,type-arg]
    """Facts kept in the index for a brief, with its key sentences and keywords (made now:
    the index leaves them out), or all extracted now from its stored text."""
    from briefs.facts import extract, summarise
    from briefs.facts.store import decode_facts

    packed = stored.get("facts")
    if packed:
        return summarise(decode_facts(packed), stored.get("body", ""), stored.get("title", ""))
    when = stored.get("date")
    return extract(stored.get("body", ""), when.date() if when else None, stored.get("title", ""))
