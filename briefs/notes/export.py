"""Export notes, highlights and key facts to Markdown: a file that is itself a brief.

YAML front matter (title, source, date, url or path, tags, classification, exported_at,
brief id) the Markdown loader reads back; then the notes, the highlights as block quotes
with their location, and optionally the key facts. Every quote and fact names the brief it
comes from. Files are written atomically and never over an existing file unless asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import yaml

from briefs.facts.group import GROUPS, group
from briefs.facts.model import Fact
from briefs.notes import anchor, filenames, templates
from briefs.notes.model import Annotations
from briefs.safewrite import write_atomic

FACT_GROUPS_EXPORTED = [g for g in GROUPS if g[0] != "keyword"]
MAX_FACTS_PER_GROUP = 25


class ExportError(Exception):
    """An export that cannot be done as asked; the message fits one line."""


@dataclass
class ExportBrief:
    """One brief to export: its metadata, its text (None for an orphan), what the analyst
    added to it, and its key facts (empty unless asked for)."""

    id: str
    title: str
    annotations: Annotations
    path: str = ""
    source: str = ""
    date: str = ""
    url: str = ""
    tags: list[str] = field(default_factory=list)
    marking: str = ""
    body: str | None = None
    facts: list[Fact] = field(default_factory=list)

    @property
    def all_tags(self) -> list[str]:
        seen: dict[str, str] = {}
        for tag in self.tags + self.annotations.tags:
            seen.setdefault(tag.lower(), tag)
        return list(seen.values())


def citation(item: ExportBrief, start: int | None = None, end: int | None = None) -> str:
    """`Title (Source, date), paragraph 3, line 12, characters 40–92; brief <id>, <url or path>`."""
    about = ", ".join(x for x in (item.source, item.date) if x)
    text = item.title + (f" ({about})" if about else "")
    if start is not None and end is not None and item.body is not None:
        text += ", " + anchor.locate(item.body, start, end).describe()
    elif start is not None and end is not None:
        text += f", characters {start}–{end}"
    where = item.url or item.path
    return text + f"; brief {item.id}" + (f", {where}" if where else "")


def short_citation(item: ExportBrief, start: int, end: int) -> str:
    """`paragraph 3, line 12, characters 40–92; brief <id>` (under the brief's own heading)."""
    if item.body is not None:
        return f"{anchor.locate(item.body, start, end).describe()}; brief {item.id}"
    return f"characters {start}–{end}; brief {item.id}"


def brief_context(item: ExportBrief) -> dict[str, object]:
    """What a template sees as `brief` (and each of `briefs`)."""
    ann = item.annotations
    highlights = []
    for h in ann.highlights:
        where = anchor.locate(item.body, h.start, h.end) if item.body is not None and h.attached else None
        last_seen = f"last seen at characters {h.start}–{h.end}"
        highlights.append({
            "id": h.id, "text": h.text, "comment": h.comment, "status": h.status,
            "attached": h.attached, "start": h.start, "end": h.end,
            "paragraph": where.paragraph if where else None, "line": where.line if where else None,
            "location": where.describe() if where else last_seen,
            "citation": citation(item, h.start, h.end) if where else f"{citation(item)} ({last_seen})",
            "short_citation": short_citation(item, h.start, h.end) if where else f"{last_seen}; brief {item.id}",
            "created": h.created, "updated": h.updated,
        })
    facts = []
    if item.facts:
        groups = group(item.facts)
        for fact_type, heading in FACT_GROUPS_EXPORTED:
            items = [{"label": " ".join(g.label.split()), "count": g.count, "type": fact_type,
                      "text": g.first.text, "start": g.first.start, "end": g.first.end,
                      "citation": citation(item, g.first.start, g.first.end),
                      "short_citation": short_citation(item, g.first.start, g.first.end)}
                     for g in (groups.get(fact_type) or [])[:MAX_FACTS_PER_GROUP]]
            if items:
                facts.append({"type": fact_type, "heading": heading, "entries": items})
    return {
        "id": item.id, "title": item.title, "path": item.path, "source": item.source,
        "date": item.date, "url": item.url, "tags": item.all_tags, "own_tags": item.tags,
        "user_tags": ann.tags, "classification": item.marking, "starred": ann.state.starred,
        "read": ann.state.read, "orphan": item.body is None, "citation": citation(item),
        "notes": [{"id": n.id, "text": n.text, "created": n.created, "updated": n.updated}
                  for n in ann.notes],
        "highlights": highlights, "facts": facts,
    }


def front_matter(items: list[ExportBrief], exported_at: str, title: str) -> str:
    """The YAML front matter block (with its --- lines) for a file holding these briefs."""
    data: dict[str, object]
    if len(items) == 1:
        b = items[0]
        data = {"title": b.title}
        data.update({k: v for k, v in (("source", b.source), ("date", b.date)) if v})
        data["url" if b.url else "path"] = b.url or b.path
        if b.all_tags:
            data["tags"] = b.all_tags
        if b.marking:
            data["classification"] = b.marking
        data.update(type="notes", brief_id=b.id, exported_at=exported_at)
    else:
        markings = list(dict.fromkeys(b.marking for b in items if b.marking))
        tags = list(dict.fromkeys(t for b in items for t in b.all_tags))
        data = {"title": title, "date": exported_at[:10]}
        if tags:
            data["tags"] = tags
        if markings:  # every marking of the briefs inside, so that none is lost
            data["classification"] = " / ".join(markings)
        data.update(type="notes", brief_ids=[b.id for b in items], exported_at=exported_at)
    dumped = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000,
                            default_flow_style=False)
    return f"---\n{dumped}---"


def now_stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def render(items: list[ExportBrief], template=None, template_name: str = "default layout",  # type: ignore[no-untyped-def]
           title: str = "Notes", scope: str = "", exported_at: str | None = None) -> str:
    """One Markdown file holding these briefs (the default layout, or a user template)."""
    stamp = exported_at or now_stamp()
    if template is None:
        template = templates.compile_template(templates.DEFAULT_LAYOUT)
    contexts = [brief_context(i) for i in items]
    text = templates.render(
        template, template_name, briefs=contexts, brief=contexts[0] if len(contexts) == 1 else None,
        exported_at=stamp, title=title, scope=scope, front_matter=front_matter(items, stamp, title),
    )
    return text if text.endswith("\n") else text + "\n"


def file_names(items: list[ExportBrief], name_template=None, template_name: str = "name template",  # type: ignore[no-untyped-def]
               exported_at: str | None = None) -> list[str]:
    """One safe, distinct file name per brief (`<title>-<id>.md`, or from a template)."""
    names: list[str] = []
    taken: set[str] = set()
    for item in items:
        if name_template is None:
            name = filenames.brief_file_name(item.title, item.id)
        else:
            rendered = templates.render(name_template, template_name, brief=brief_context(item),
                                        exported_at=exported_at or now_stamp())
            try:
                name = filenames.named(rendered)
            except filenames.UnsafeName as exc:
                raise ExportError(f"{item.id}: {exc}") from None
            if name.lower() in taken:
                name = filenames.named(f"{name[:-3]}-{item.id}")
        taken.add(name.lower())
        names.append(name)
    return names


def plan(folder: Path, names: list[str], force: bool) -> list[Path]:
    """The target paths, checked: inside the folder, and not existing unless `force`."""
    targets = []
    for name in names:
        try:
            targets.append(filenames.inside(folder, name))
        except filenames.UnsafeName as exc:
            raise ExportError(str(exc)) from None
    if not force:
        existing = [t for t in targets if t.exists() or t.is_symlink()]
        if existing:
            more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
            raise ExportError(f"{existing[0]} already exists{more}; use --force to overwrite")
    return targets


def write(path: Path, text: str, force: bool) -> None:
    """Write one export atomically; refuse an existing file (or a folder) unless `force`."""
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name (or --per-brief for a folder)")
    if not path.parent.is_dir():
        raise ExportError(f"{path.parent}: no such folder")
    if not force and (path.exists() or path.is_symlink()):
        raise ExportError(f"{path} already exists; use --force to overwrite")
    try:
        write_atomic(path, text.encode("utf-8"), overwrite=force)
    except FileExistsError:
        raise ExportError(f"{path} already exists; use --force to overwrite") from None
    except OSError as exc:
        raise ExportError(f"{path}: cannot write: {exc.strerror or exc}") from None


def write_per_brief(folder: Path, items: list[ExportBrief], force: bool, template=None,  # type: ignore[no-untyped-def]
                    template_name: str = "default layout", name_template=None,
                    exported_at: str | None = None) -> list[Path]:
    """One file per brief in `folder` (created if needed); nothing is written when any
    target exists and `force` is not given."""
    stamp = exported_at or now_stamp()
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is a file; --per-brief needs a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{folder}: cannot create the folder: {exc.strerror or exc}") from None
    targets = plan(folder, file_names(items, name_template, exported_at=stamp), force)
    texts = [render([i], template, template_name, title=i.title, exported_at=stamp) for i in items]
    for target, text in zip(targets, texts):
        write(target, text, force)
    return targets


def default_title(scope: str, count: int) -> str:
    return f"Notes on {count} briefs" + (f" ({scope})" if scope else "")


