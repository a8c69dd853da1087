"""Markdown export: a valid brief with its front matter, citations on every quote and fact,
user templates in a sandbox, safe file names, and no overwriting unless asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefs.facts import extract
from briefs.load import load_bytes
from briefs.notes import BriefRef, NotesStore
from briefs.notes.export import ExportBrief, ExportError, render, write, write_per_brief
from briefs.notes.filenames import brief_file_name, inside
from briefs.notes.templates import TemplateProblem, compile_template

BODY = (
    "The Space Development Agency awarded contracts worth $1.4 billion for 36 missile\n"
    "tracking satellites on Tuesday.\n\n"
    "\"We need persistent custody of hypersonic glide vehicles,\" said Col. Ines Harrow.\n"
)


def _item(store: NotesStore, brief_id: str = "fcd2e93a6689", title: str = "Tracking Layer award: $1.4bn",
          marking: str = "UNCLASSIFIED", facts: bool = False) -> ExportBrief:
    ref = BriefRef(brief_id, f"/corpus/{brief_id}.md", title, BODY)
    store.add_note(ref, "Compare with the FY2025 award.\n\n- check the *unit cost*")
    start = BODY.index("contracts worth")
    store.add_highlight(ref, start, start + len("contracts worth $1.4 billion"), "money")
    store.tag(ref, ["follow-up", "Space"])
    return ExportBrief(brief_id, title, store.annotations(brief_id), path=ref.path, source="Orbital Ledger",
                       date="2026-03-10", url="https://example.com/award", tags=["Space", "Missile Warning"],
                       marking=marking, body=BODY, facts=extract(BODY, None, title) if facts else [])


@pytest.fixture
def store(tmp_path: Path) -> NotesStore:
    with NotesStore(tmp_path / "notes.sqlite") as s:
        yield s


def test_an_export_reads_back_as_a_brief_with_its_front_matter(store: NotesStore) -> None:
    text = render([_item(store)], exported_at="2026-06-01T10:00:00Z")
    brief = load_bytes("/exports/award.md", text.encode("utf-8"), rel="award.md")[0]
    assert brief.warnings == []
    assert brief.title == "Tracking Layer award: $1.4bn"
    assert (brief.source, brief.date.isoformat(), brief.url) == ("Orbital Ledger", "2026-03-10", "https://example.com/award")
    assert brief.tags == ["Space", "Missile Warning", "follow-up"]
    assert brief.marking == "UNCLASSIFIED"
    assert brief.meta["brief_id"] == "fcd2e93a6689" and brief.meta["exported_at"] == "2026-06-01T10:00:00Z"
    assert "Compare with the FY2025 award." in brief.body and "check the *unit cost*" in brief.body
    assert "> contracts worth $1.4 billion" in brief.body


def test_every_quote_and_fact_cites_its_brief_and_location(store: NotesStore) -> None:
    text = render([_item(store, facts=True)])
    lines = text.splitlines()
    quote = lines.index("> contracts worth $1.4 billion")
    citation = lines[quote + 2]
    start = BODY.index("contracts worth")
    assert citation.startswith("— Tracking Layer award: $1.4bn (Orbital Ledger, 2026-03-10)")
    assert f"paragraph 1, line 1, characters {start}–{start + 28}" in citation
    assert "brief fcd2e93a6689" in citation and "https://example.com/award" in citation
    facts = [line for line in lines[lines.index("## Key facts"):] if line.startswith("- ")]
    assert facts and all("; brief fcd2e93a6689" in line and "characters " in line for line in facts)


def test_a_detached_highlight_and_an_orphan_are_exported_not_dropped(store: NotesStore) -> None:
    item = _item(store)
    store.sync(BriefRef(item.id, item.path, item.title, "All rewritten.\n"))
    orphan = ExportBrief(item.id, item.title, store.annotations(item.id), path=item.path)
    text = render([orphan])
    assert "no longer in the corpus" in text
    assert "> contracts worth $1.4 billion" in text and "detached" in text and "**Comment:** money" in text


def test_several_briefs_in_one_file_keep_every_marking(store: NotesStore) -> None:
    items = [_item(store, "aaaaaaaaaaaa", "One", "UNCLASSIFIED"), _item(store, "bbbbbbbbbbbb", "Two", "CUI")]
    text = render(items, title="Notes on 2 briefs")
    brief = load_bytes("/x/all.md", text.encode("utf-8"))[0]
    assert brief.title == "Notes on 2 briefs"
    assert brief.marking == "UNCLASSIFIED / CUI"
    assert brief.meta["brief_ids"] == "aaaaaaaaaaaa, bbbbbbbbbbbb"
    assert "## One" in text and "## Two" in text


def test_a_user_template_controls_the_layout(store: NotesStore) -> None:
    template = compile_template(
        "# {{ brief.title }}\n{% for h in brief.highlights %}{{ h.text|quote }} ({{ h.location }})\n{% endfor %}"
        "tags={{ brief.tags|yaml }} notes={{ brief.notes|length }} & <b>raw</b>\n")
    text = render([_item(store)], template, "mine.j2")
    start = BODY.index("contracts worth")
    assert text == (f"# Tracking Layer award: $1.4bn\n> contracts worth $1.4 billion "
                    f"(paragraph 1, line 1, characters {start}–{start + 28})\n"
                    "tags=[Space, Missile Warning, follow-up] notes=1 & <b>raw</b>\n")


@pytest.mark.parametrize("source, message", [
    ("{{ brief.__class__.__mro__ }}", "mine.j2"),
    ("{{ brief.titel }}", "titel"),
    ("{% for x in range(10**9) %}{% endfor %}", "mine.j2"),
])
def test_a_user_template_cannot_reach_python_internals_and_fails_in_one_line(
        store: NotesStore, source: str, message: str) -> None:
    with pytest.raises(TemplateProblem) as err:
        render([_item(store)], compile_template(source, "mine.j2"), "mine.j2")
    assert message in str(err.value) and "\n" not in str(err.value)


def test_a_template_syntax_error_names_the_line() -> None:
    with pytest.raises(TemplateProblem, match=r"mine.j2: line 2: "):
        compile_template("fine\n{% for %}\n", "mine.j2")


@pytest.mark.parametrize("title", [
    "../../etc/passwd", "/absolute/path", "..", ".", "", "   ", "CON", "nul.txt", "-rf --no-preserve-root",
    "bell\x07 esc\x1b[31m nul\x00", "right\u202eto-left", "a/b\\c:d*e?f\"g<h>i|j", "x" * 300, "é" * 300,
])
def test_file_names_from_any_title_stay_in_the_folder(tmp_path: Path, title: str) -> None:
    name = brief_file_name(title, "fcd2e93a6689")
    target = inside(tmp_path, name)
    assert target.parent == tmp_path.resolve()
    assert len(name.encode("utf-8")) <= 255 and name.endswith("-fcd2e93a6689.md")
    assert not name.startswith((".", "-")) and name.split("-")[0].upper() not in ("CON", "NUL")
    assert all(c.isprintable() and c not in "/\\\x00" for c in name)
    target.write_text("ok", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "ok"


def test_per_brief_export_refuses_to_overwrite_then_overwrites_with_force(store: NotesStore, tmp_path: Path) -> None:
    items = [_item(store, "aaaaaaaaaaaa", "../../escape"), _item(store, "bbbbbbbbbbbb", "Second")]
    out = tmp_path / "out"
    written = write_per_brief(out, items, force=False)
    assert sorted(p.name for p in out.iterdir()) == ["Second-bbbbbbbbbbbb.md", "escape-aaaaaaaaaaaa.md"]
    assert written[0].parent == out.resolve() and not (tmp_path / "escape-aaaaaaaaaaaa.md").exists()
    written[1].write_text("the analyst's own edits", encoding="utf-8")
    with pytest.raises(ExportError, match="already exists .*use --force"):
        write_per_brief(out, items, force=False)
    assert written[1].read_text(encoding="utf-8") == "the analyst's own edits"
    write_per_brief(out, items, force=True)
    assert "the analyst's own edits" not in written[1].read_text(encoding="utf-8")
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []  # no temporary files left


def test_a_name_template_names_the_files_and_duplicates_get_the_id(store: NotesStore, tmp_path: Path) -> None:
    items = [_item(store, "aaaaaaaaaaaa", "Same"), _item(store, "bbbbbbbbbbbb", "Same")]
    namer = compile_template("{{ brief.date }} {{ brief.title }}/../x")
    written = write_per_brief(tmp_path / "out", items, force=False, name_template=namer)
    assert [p.name for p in written] == ["2026-03-10 Same-..-x.md", "2026-03-10 Same-..-x-bbbbbbbbbbbb.md"]


def test_writing_one_file_refuses_an_existing_file_or_a_folder(store: NotesStore, tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(ExportError, match="already exists"):
        write(target, "new", force=False)
    assert target.read_text(encoding="utf-8") == "keep me"
    with pytest.raises(ExportError, match="is a folder"):
        write(tmp_path, "new", force=True)
    write(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "new"
