"""Rich output for the command line. Brief text only ever enters Rich as `Text`, never markup."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import datetime

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from briefs.config import Settings
from briefs.textsafe import clean_line, clean_text


def plain(text: str, style: str = "") -> Text:
    """Untrusted or not, a string becomes inert Text: no markup, no control characters."""
    return Text(clean_text(text), style=style)


def marked(text: str, spans: list[tuple[int, int]], style: str = "", mark: str = "bold reverse") -> Text:
    out = plain(text, style)
    for start, end in spans:
        out.stylize(mark, start, end)
    return out


@contextlib.contextmanager
def progress_bar(console: Console, quiet: bool = False) -> Iterator:  # type: ignore[type-arg]
    """A progress callback for the indexer, drawn as a Rich bar on stderr."""
    if quiet or not console.is_terminal:
        yield None
        return
    with Progress(
        TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=True,
    ) as bar:
        task = bar.add_task("scanning", total=None)

        def update(phase: str, done: int, total: int) -> None:
            bar.update(task, description=phase, completed=done, total=total or None)

        yield update


def print_index_report(console: Console, report, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    for note in report.notes:
        console.print(plain(note, "yellow"))
    for path, reason in report.failed:
        console.print(plain(f"failed: {path}: {reason}", "red"))
    for path, reason in report.warnings[:200]:
        console.print(plain(f"warning: {path}: {reason}", "yellow"))
    if len(report.warnings) > 200:
        console.print(plain(f"… and {len(report.warnings) - 200} more warnings", "yellow"))
    verb = "Interrupted after" if report.interrupted else "Indexed in"
    summary = (
        f"{verb} {report.elapsed:.1f} s: {report.added} added, {report.updated} updated, "
        f"{report.removed} removed, {report.unchanged} unchanged, {len(report.failed)} failed. "
        f"{report.total_briefs} briefs in corpus {settings.corpus!r}."
    )
    console.print(plain(summary, "bold"))
    if report.interrupted:
        console.print(plain("The index holds what was committed before Ctrl-C; run `brief index` again to finish.", "yellow"))


def print_results(console: Console, results) -> None:  # type: ignore[no-untyped-def]
    if results.total == 0:
        console.print(plain(f"No briefs match {results.query!r}.", "bold"))
        if results.partial:
            console.print(plain("The search stopped at its time limit before it had looked at every brief.", "yellow"))
        if results.suggestion:
            console.print(plain(f"Did you mean: {results.suggestion}", "yellow"))
        return
    shown = len(results.hits)
    head = f"{results.total} brief{'s' if results.total != 1 else ''} match {results.query!r}"
    head += f" (showing {shown})" if shown < results.total else ""
    head += f" in {results.elapsed_ms:.0f} ms"
    if results.partial:
        head += " — search stopped at its time limit; these are the best found so far"
    console.print(plain(head, "bold"))
    for n, hit in enumerate(results.hits, 1):
        console.print()
        line = Text(f"{n:>2}. ")
        line.append_text(marked(hit.title, hit.title_highlights, "bold"))
        console.print(line)
        details = " · ".join(
            x for x in (hit.date.isoformat() if hit.date else "", hit.source, hit.id, hit.marking) if x
        )
        console.print(plain(f"    {details}", "cyan"))
        if hit.also:
            console.print(plain(f"    {hit.also}", "yellow"))
        console.print(plain(f"    {hit.path}", "dim"))
        snippet = Text("    ")
        snippet.append_text(marked(hit.snippet, hit.highlights))
        console.print(snippet)
    facets = results.facets
    if facets:
        console.print()
        for name in ("source", "year", "tag"):
            counts = facets.get(name) or {}
            if counts:
                items = ", ".join(f"{k} {v}" for k, v in list(counts.items())[:8])
                console.print(plain(f"{name}: {items}", "dim"))


def stored_as_json(stored: dict) -> dict[str, object]:  # type: ignore[type-arg]
    meta = stored.get("meta") or {}
    when = stored.get("date")
    return {
        "id": stored["id"],
        "title": stored.get("title", ""),
        "date": when.date().isoformat() if isinstance(when, datetime) else None,
        "source": stored.get("source", ""),
        "author": stored.get("author", ""),
        "url": meta.get("url", ""),
        "tags": meta.get("tags", []),
        "marking": meta.get("marking", ""),
        "type": meta.get("doc_type", ""),
        "format": meta.get("format", ""),
        "path": stored.get("path", ""),
        "file": stored.get("file", ""),
        "metadata": meta.get("extra", {}),
        "links": [{"text": t, "url": u} for t, u in meta.get("links", [])],
        "warnings": meta.get("warnings", []),
        "body": stored.get("body", ""),
    }


def print_brief(console: Console, stored: dict) -> None:  # type: ignore[type-arg]
    data = stored_as_json(stored)
    if data["marking"]:
        console.print(plain(f" {data['marking']} ", "bold reverse"))
    console.print(plain(str(data["title"]), "bold"))
    rows = [
        ("id", data["id"]), ("date", data["date"] or ""), ("source", data["source"]),
        ("author", data["author"]), ("type", data["type"]), ("url", data["url"]),
        ("tags", ", ".join(data["tags"])), ("path", data["path"]),  # type: ignore[arg-type]
    ]
    rows += [(k, v) for k, v in data["metadata"].items()]  # type: ignore[union-attr]
    for key, value in rows:
        if value:
            line = Text(f"{clean_line(str(key)):>10}: ", style="cyan")
            line.append_text(plain(clean_line(str(value))))
            console.print(line)
    console.print()
    console.print(plain(str(data["body"])))
    # The reader's numbers (tui.links): the same link is "3" here and on screen; only
    # http(s) links without controls are listed (the JSON output keeps every link).
    from tui.links import collect

    links, _ = collect(stored)
    if links:
        console.print(plain("Links:", "bold"))
        for link in links:
            words = "" if link.text == link.url else f"{clean_line(link.text)} "
            console.print(plain(f"  [{link.number}] {words}<{link.url}>"))


def print_info(console: Console, settings: Settings) -> None:
    rows = [
        ("corpus", settings.corpus + (" (bundled sample briefs)" if settings.uses_samples else "")),
        ("config file", f"{settings.config_file}" + ("" if settings.config_file.exists() else " (none yet)")),
        ("index", str(settings.index_dir)),
        ("data", str(settings.data_dir)),
        ("max file size", f"{settings.max_file_bytes // (1024 * 1024)} MB"),
    ]
    for key, value in rows:
        line = Text(f"{key:>14}: ", style="cyan")
        line.append_text(plain(value))
        console.print(line)
    console.print(plain("       folders:", "cyan"))
    for folder in settings.folders:
        console.print(plain(f"    {folder}" + ("" if folder.exists() else "  (missing)")))


def print_facts(console: Console, ident: str, title: str, facts: list) -> None:  # type: ignore[type-arg]
    """Facts grouped by type, each entity once with its count of mentions."""
    from briefs.facts.group import GROUPS, group

    head = Text(f"{ident}  ", style="cyan")
    head.append_text(plain(title, "bold"))
    console.print(head)
    groups = group(facts)
    for fact_type, heading in GROUPS:
        items = groups.get(fact_type) or []
        if not items:
            continue
        console.print(plain(f"  {heading} ({len(items)})", "bold"))
        for g in items[:40]:
            count = f" ×{g.count}" if g.count > 1 else ""
            console.print(plain(f"    {clean_line(g.label)}{count}"))
        if len(items) > 40:
            console.print(plain(f"    … and {len(items) - 40} more", "dim"))
    console.print()
