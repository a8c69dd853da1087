"""Corpus-wide commands: `brief entity`, `brief glossary`, `brief timeline`."""

from __future__ import annotations

import json

import click
from rich.text import Text

from tui import render
from tui.cli import EXIT_FAILED, EXIT_USAGE, Context, _stdout, cli, ensure_index, fail, pass_ctx


def _no_facts(exc: Exception) -> None:
    fail(str(exc))


@cli.command("entity")
@click.argument("name", nargs=-1, required=True)
@click.option("--limit", "-n", default=50, show_default=True, type=click.IntRange(1, 100_000),
              help="How many briefs to list.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object: name, total, briefs (id, title, date, source, path, sentence).")
@pass_ctx
def entity_cmd(ctx: Context, name: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Every brief that mentions an entity (person, organisation, place, programme),
    by any of its names ("SDA" or "Space Development Agency"), newest first, each with the
    sentence that mentions it."""
    from index.corpus import NoFacts, entity, entity_total

    text = " ".join(name)
    ensure_index(ctx.settings)
    try:
        found = entity(ctx.settings.index_dir, text, limit=limit)
        total = entity_total(ctx.settings.index_dir, text)
    except NoFacts as exc:
        _no_facts(exc)
    if as_json:
        click.echo(json.dumps({"name": text, "total": total, "briefs": [m.__dict__ for m in found]}, ensure_ascii=False))
        return
    out = _stdout()
    if not found:
        out.print(render.plain(f"No brief names {text!r}. (Try `brief search {text}`.)", "bold"))
        raise SystemExit(EXIT_FAILED)
    names = sorted({f"{m.name} ({m.type})" for m in found})
    shown = f" (showing {len(found)})" if len(found) < total else ""
    out.print(render.plain(f"{total} brief{'s' if total != 1 else ''} name {', '.join(names)}{shown}", "bold"))
    for m in found:
        out.print()
        line = Text(f"{m.date or '(undated)':<10}  ", style="cyan")
        line.append_text(render.plain(m.title, "bold"))
        out.print(line)
        out.print(render.plain(f"            {m.source} · {m.id} · {m.path}", "dim"))
        out.print(render.marked(f"            {m.sentence}", _spans(m.sentence, m.name), ""))


def _spans(sentence: str, name: str) -> list[tuple[int, int]]:
    start = sentence.lower().find(name.lower())
    return [(start + 12, start + 12 + len(name))] if start >= 0 else []


@cli.command("glossary")
@click.option("--json", "as_json", is_flag=True, help="A JSON list: short, expansions (long form -> defining ids), briefs.")
@click.option("--conflicts", is_flag=True, help="Only acronyms with more than one expansion.")
@pass_ctx
def glossary_cmd(ctx: Context, as_json: bool, conflicts: bool) -> None:
    """Every acronym defined anywhere in the corpus, with its expansion, the brief that
    defines it and how many briefs use it; conflicting expansions side by side."""
    from index.corpus import NoFacts, glossary

    ensure_index(ctx.settings)
    try:
        entries = glossary(ctx.settings.index_dir)
    except NoFacts as exc:
        _no_facts(exc)
    if conflicts:
        entries = [e for e in entries if e.conflicting]
    if as_json:
        click.echo(json.dumps([e.__dict__ for e in entries], ensure_ascii=False))
        return
    out = _stdout()
    width = max((len(e.short) for e in entries), default=4)
    for e in entries:
        longs = list(e.expansions)
        line = Text(f"{e.short:<{width}}  ", style="bold")
        if e.conflicting:
            line.append_text(render.plain(" | ".join(longs), "yellow"))
            line.append(" (conflicting)", style="yellow")
        else:
            line.append_text(render.plain(longs[0]))
        line.append(f"  — defined in {e.expansions[longs[0]][0]}, used in {e.briefs} brief{'s' if e.briefs != 1 else ''}", style="dim")
        out.print(line)
    out.print(render.plain(f"{len(entries)} acronyms", "dim"))


@cli.command("timeline")
@click.argument("what", nargs=-1, required=True)
@click.option("--limit", "-n", default=200, show_default=True, type=click.IntRange(1, 100_000),
              help="How many dated facts to list.")
@click.option("--json", "as_json", is_flag=True, help="A JSON list: value, text, sentence, id, title, brief_date.")
@pass_ctx
def timeline_cmd(ctx: Context, what: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Dated facts, in date order, from the briefs about WHAT: an entity's name (any alias)
    or else a search query (same syntax as `brief search`); each with its brief and sentence."""
    from index.corpus import NoFacts, entity_ids, timeline
    from index.query import QueryError
    from index.search import Searcher

    text = " ".join(what)
    ensure_index(ctx.settings)
    try:
        ids = entity_ids(ctx.settings.index_dir, text)
        if not ids:
            with Searcher(ctx.settings.index_dir) as searcher:
                ids = [h.id for h in searcher.search(text, limit=500, facets=False).hits]
        items = timeline(ctx.settings.index_dir, ids, limit=limit)
    except QueryError as exc:
        fail(f"query error: {exc}", EXIT_USAGE)
    except NoFacts as exc:
        _no_facts(exc)
    if as_json:
        click.echo(json.dumps([d.__dict__ for d in items], ensure_ascii=False))
        return
    out = _stdout()
    if not items:
        out.print(render.plain(f"No dated facts in the briefs about {text!r}.", "bold"))
        return
    for d in items:
        line = Text(f"{d.value:<12} ", style="cyan bold")
        line.append_text(render.plain(d.sentence))
        out.print(line)
        out.print(render.plain(f"{'':<13}{d.title} · {d.brief_date or 'undated'} · {d.id}", "dim"))


@cli.command("related")
@click.argument("ident")
@click.option("--limit", "-n", default=8, show_default=True, type=click.IntRange(1, 100),
              help="How many related briefs to list.")
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object: id, title, related (id, title, date, source, path, score, reason, kinds, entities, terms).")
@pass_ctx
def related_cmd(ctx: Context, ident: str, limit: int, as_json: bool) -> None:
    """The briefs most related to one brief (id, id prefix or path), each with a score and
    its reason: the entities and key terms they share, and the kind of link (same story,
    same programme, follow-up, same source)."""
    from index.query import QueryError
    from index.related import related
    from index.search import Searcher

    ensure_index(ctx.settings)
    with Searcher(ctx.settings.index_dir) as searcher:
        try:
            stored = searcher.get(ident)
        except QueryError as exc:
            fail(str(exc))
        if stored is None:
            fail(f"{ident}: no brief with this id or path (try `brief search`)")
        items = related(searcher, stored["id"], limit=limit)
    if as_json:
        click.echo(json.dumps({"id": stored["id"], "title": stored.get("title", ""),
                               "related": [r.as_json() for r in items]}, ensure_ascii=False))
        return
    out = _stdout()
    out.print(render.plain(f"Related to: {stored.get('title', '')}", "bold"))
    for n, r in enumerate(items, 1):
        out.print()
        line = Text(f"{n:>2}. ", style="bold")
        line.append_text(render.plain(r.title, "bold"))
        line.append(f"  {r.score:.2f}", style="cyan")
        out.print(line)
        out.print(render.plain("    " + " · ".join(x for x in (r.date or "undated", r.source, r.id) if x), "dim"))
        out.print(render.plain(f"    {r.reason}"))
