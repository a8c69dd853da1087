"""`brief note/tag/star/read/highlight/notes/export` as a person or a script uses them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tui.cli import cli

AWARD = "space/tracking-award.md"
PASSAGE = "contracts worth $1.4 billion for 36 missile tracking satellites"


def invoke(*args: str, ok: bool = True):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def brief_id(path: Path) -> str:
    return json.loads(invoke("show", "--json", str(path)).output)["id"]


def notes_json(*args: str) -> list[dict]:  # type: ignore[type-arg]
    return json.loads(invoke("notes", "--json", *args).output)


@pytest.fixture
def award(small_corpus: Path) -> str:
    invoke("index", "-q", str(small_corpus))
    return brief_id(small_corpus / AWARD)


def test_note_tag_star_read_highlight_then_list(award: str) -> None:
    assert "Added note 1" in invoke("note", award[:6], "Compare with [the FY2025 award](x).").output
    invoke("tag", award, "#Follow-up", "budget")
    invoke("star", award)
    invoke("read", award)
    out = invoke("highlight", award, "--text", PASSAGE, "--comment", "money").output
    assert "Highlighted paragraph 1, line 1" in out
    listing = invoke("notes").output
    assert award in listing and "★" in listing and "tags: Follow-up, budget" in listing
    assert "1 note · 1 highlight" in listing
    [entry] = notes_json(award)
    assert entry["notes"][0]["text"] == "Compare with [the FY2025 award](x)."
    assert entry["tags"] == ["Follow-up", "budget"] and entry["starred"] and entry["read"]
    assert entry["highlights"][0]["text"] == "contracts worth $1.4 billion for 36 missile\ntracking satellites"
    assert entry["highlights"][0]["comment"] == "money" and entry["highlights"][0]["status"] == "attached"
    invoke("tag", award, "BUDGET", "--remove")
    invoke("star", award, "--unstar")
    invoke("read", award, "--unread")
    [entry] = notes_json(award)
    assert entry["tags"] == ["Follow-up"] and not entry["starred"] and not entry["read"]


def test_edit_and_delete_notes_and_highlights(award: str, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str | None] = []

    def editor(text: str | None = None, **_: object) -> str:
        seen.append(text)
        return "Written in the editor.\n"

    monkeypatch.setattr(click, "edit", editor)
    invoke("note", award, "--edit")
    invoke("note", award, "--note", "1")          # no text: edit note 1 in the editor
    assert seen == ["", "Written in the editor."]
    monkeypatch.setattr(click, "edit", lambda *a, **k: None)
    closed = invoke("note", award, ok=False)
    assert closed.exit_code == 1 and "No note saved" in closed.output
    invoke("note", award, "--delete", "1")
    assert notes_json(award)[0]["notes"] == []
    invoke("highlight", award, "--text", "missile")
    wrong = invoke("highlight", award, "--delete", "99", ok=False)
    assert wrong.exit_code == 1 and "has no highlight 99" in wrong.output
    invoke("highlight", award, "--delete", "1")
    assert notes_json(award)[0]["highlights"] == []


def test_highlight_reports_a_missing_or_ambiguous_passage(award: str) -> None:
    missing = invoke("highlight", award, "--text", "not in this brief", ok=False)
    assert missing.exit_code == 1 and "not in this brief's text" in missing.output
    twice = invoke("highlight", award, "--text", "tracking", ok=False)
    assert twice.exit_code == 2 and "occurs 2 times" in twice.output
    invoke("highlight", award, "--text", "tracking", "--occurrence", "2")
    unknown = invoke("note", "ffffffffffff", "x", ok=False)
    assert unknown.exit_code == 1 and "no brief with this id" in unknown.output


def test_notes_survive_an_index_rebuild(award: str) -> None:
    invoke("note", award, "kept across rebuilds")
    invoke("highlight", award, "--text", PASSAGE)
    invoke("index", "--rebuild", "-q")
    [entry] = notes_json()
    assert entry["id"] == award and not entry["orphan"]
    assert entry["notes"][0]["text"] == "kept across rebuilds"
    assert entry["highlights"][0]["status"] == "attached"


def test_an_edited_brief_moves_its_highlights_and_detaches_the_lost_one(award: str, small_corpus: Path) -> None:
    invoke("highlight", award, "--text", PASSAGE, "--comment", "money")
    invoke("highlight", award, "--text", "on Tuesday", "--comment", "when")
    path = small_corpus / AWARD
    text = path.read_text(encoding="utf-8")
    text = text.replace("# Space Development Agency awards Tracking Layer satellites\n",
                        "# Space Development Agency awards Tracking Layer satellites\n\nA new first paragraph.\n")
    path.write_text(text.replace(" on Tuesday", ", officials said,"), encoding="utf-8")
    invoke("index", "-q")
    [entry] = notes_json(award)
    body = json.loads(invoke("show", "--json", award).output)["body"]
    by_comment = {h["comment"]: h for h in entry["highlights"]}
    money, when = by_comment["money"], by_comment["when"]
    assert money["status"] == "attached" and body[money["start"] : money["end"]] == money["text"]
    assert money["start"] > body.index("A new first paragraph.")
    assert when["status"] == "detached" and when["text"] == "on Tuesday"
    shown = invoke("notes", award).output
    assert "detached" in shown and "on Tuesday" in shown


def test_a_deleted_brief_is_an_orphan_and_reattaches_when_it_returns(award: str, small_corpus: Path, tmp_path: Path) -> None:
    invoke("note", award, "do not lose me")
    invoke("tag", award, "watch")
    saved = tmp_path / "saved.md"
    shutil.move(small_corpus / AWARD, saved)
    invoke("index", "-q")
    listing = invoke("notes").output
    assert "orphan" in listing and "do not lose me" not in listing
    [entry] = notes_json("--orphans")
    assert entry["id"] == award and entry["notes"][0]["text"] == "do not lose me"
    assert "do not lose me" in invoke("notes", award).output   # an orphan is shown by its id
    shutil.move(saved, small_corpus / AWARD)
    invoke("index", "-q")
    [entry] = notes_json()
    assert entry["id"] == award and not entry["orphan"] and entry["tags"] == ["watch"]
    assert notes_json("--orphans") == []


def test_a_renamed_brief_with_a_new_id_gets_its_notes_back(small_corpus: Path, tmp_path: Path) -> None:
    invoke("index", "-q", str(small_corpus))
    glide = small_corpus / "space" / "glide-vehicles.txt"
    old = brief_id(glide)
    invoke("note", old, "glide note")
    shutil.move(glide, tmp_path / "away.txt")
    invoke("index", "-q")
    assert notes_json()[0]["orphan"]
    shutil.move(tmp_path / "away.txt", small_corpus / "renamed-later.txt")
    invoke("index", "-q")
    new = brief_id(small_corpus / "renamed-later.txt")
    assert new != old
    result = invoke("notes", "--json")
    [entry] = json.loads(result.stdout)
    assert entry["id"] == new and not entry["orphan"] and entry["notes"][0]["text"] == "glide note"


def _exported_brief(path: Path) -> dict:  # type: ignore[type-arg]
    invoke("index", "-q", str(path.parent))
    return json.loads(invoke("show", "--json", str(path)).output)


def test_export_round_trips_through_the_index(award: str, tmp_path: Path) -> None:
    invoke("note", award, "Analyst note: compare with FY2025.")
    invoke("highlight", award, "--text", PASSAGE, "--comment", "money")
    invoke("tag", award, "follow-up")
    out = tmp_path / "exports" / "award.md"
    out.parent.mkdir()
    invoke("export", award, "-o", str(out), "--facts")
    exported = _exported_brief(out)
    assert exported["id"] != award
    assert exported["title"] == "Space Development Agency awards Tracking Layer satellites"
    assert (exported["source"], exported["date"], exported["url"]) == (
        "Orbital Ledger", "2026-03-10", "https://example.com/tracking-award")
    assert exported["tags"] == ["Space", "Missile Warning", "follow-up"]
    assert exported["marking"] == "UNCLASSIFIED"
    assert exported["metadata"]["brief_id"] == award
    body = exported["body"]
    assert "Analyst note: compare with FY2025." in body
    assert "> contracts worth $1.4 billion for 36 missile" in body and "Comment: money" in body
    assert f"brief {award}" in body and "## Key facts" in body


def test_export_scopes_and_stdout(small_corpus: Path) -> None:
    invoke("index", "-q", str(small_corpus))
    award = brief_id(small_corpus / AWARD)
    delay = brief_id(small_corpus / "space" / "tracking-delay.md")
    budget = brief_id(small_corpus / "notes" / "budget.md")
    invoke("note", award, "award note")
    invoke("star", delay)
    invoke("tag", budget, "money")
    default = invoke("export").output
    assert "award note" in default and "Tracking Layer launch slips" not in default
    starred = invoke("export", "--starred").output
    assert "title: Tracking Layer launch slips to 2027" in starred
    tagged = invoke("export", "--tag", "Money").output
    assert "title: Missile defense budget overview" in tagged
    own_tag = invoke("export", "--tag", "launch").output      # the brief's own tag, from the index
    assert "Tracking Layer launch slips" in own_tag and "Launch market notes" in own_tag
    queried = invoke("export", "--query", "tracking", "--starred").output
    assert "title: Tracking Layer launch slips to 2027" in queried and "award note" not in queried
    none = invoke("export", "--tag", "nothing-has-this", ok=False)
    assert none.exit_code == 1 and "nothing to export" in none.output


def test_per_brief_export_with_unsafe_titles_stays_in_the_folder(small_corpus: Path, tmp_path: Path) -> None:
    hostile = {
        "a.md": '---\ntitle: "../../../escaped"\n---\nBody one.\n',
        "b.md": '---\ntitle: "/etc/cron.d/x"\n---\nBody two.\n',
        "c.md": '---\ntitle: "CON"\n---\nBody three.\n',
        "d.md": '---\ntitle: "bell \\a and esc \\e[31m"\n---\nBody four.\n',
        "e.md": f'---\ntitle: "{"long " * 80}"\n---\nBody five.\n',
        "f.md": '---\ntitle: ".."\n---\nBody six.\n',
    }
    folder = small_corpus / "hostile"
    folder.mkdir()
    for name, text in hostile.items():
        (folder / name).write_text(text, encoding="utf-8")
    invoke("index", "-q", str(small_corpus))
    for name in hostile:
        invoke("note", brief_id(folder / name), f"note on {name}")
    out = tmp_path / "deep" / "out"
    result = invoke("export", "--per-brief", "-o", str(out))
    assert "Wrote 6 files" in result.output
    files = list(out.iterdir())
    assert len(files) == 6 and all(f.parent == out for f in files)
    assert all(len(f.name.encode()) <= 255 and not f.name.startswith((".", "-")) for f in files)
    assert not list((tmp_path / "deep").glob("escaped*")) and not (tmp_path / "escaped").exists()
    assert all("\x1b" not in f.name and "\x07" not in f.name for f in files)
    again = invoke("export", "--per-brief", "-o", str(out), ok=False)
    assert again.exit_code == 1 and "already exists" in again.output and "--force" in again.output
    invoke("export", "--per-brief", "-o", str(out), "--force")


def test_export_never_overwrites_without_force(award: str, tmp_path: Path) -> None:
    invoke("note", award, "new notes")
    target = tmp_path / "report.md"
    target.write_text("my own report, hours of work", encoding="utf-8")
    refused = invoke("export", "-o", str(target), ok=False)
    assert refused.exit_code == 1 and "already exists; use --force" in refused.output
    assert target.read_text(encoding="utf-8") == "my own report, hours of work"
    invoke("export", "-o", str(target), "--force")
    assert "new notes" in target.read_text(encoding="utf-8")


def test_template_and_name_template_export(award: str, tmp_path: Path) -> None:
    invoke("highlight", award, "--text", PASSAGE, "--comment", "money")
    template = tmp_path / "readwise.md.j2"
    template.write_text("{{ front_matter }}\n{% for h in brief.highlights %}- {{ h.text|replace('\\n', ' ') }}"
                        " — {{ h.comment }} ({{ h.location }})\n{% endfor %}", encoding="utf-8")
    out = tmp_path / "out"
    invoke("export", award, "--per-brief", "-o", str(out), "--template", str(template),
           "--name-template", "{{ brief.date }} {{ brief.source }}")
    [written] = list(out.iterdir())
    assert written.name == "2026-03-10 Orbital Ledger.md"
    text = written.read_text(encoding="utf-8")
    assert f"- {PASSAGE} — money (paragraph 1, line 1, characters" in text
    assert _exported_brief(written)["title"] == "Space Development Agency awards Tracking Layer satellites"
    bad = tmp_path / "bad.j2"
    bad.write_text("{{ brief.__class__.__init__.__globals__ }}", encoding="utf-8")
    refused = invoke("export", award, "--template", str(bad), ok=False)
    assert refused.exit_code == 1 and str(bad) in refused.output and "Traceback" not in refused.output
    assert "{{ front_matter }}" in invoke("export", "--print-template").output


def test_backup_writes_a_copy_and_refuses_to_overwrite(award: str, tmp_path: Path) -> None:
    invoke("note", award, "backed up")
    target = tmp_path / "notes-backup.sqlite"
    invoke("notes", "--backup", str(target))
    from briefs.notes import NotesStore

    with NotesStore(target) as copy:
        assert [n.text for n in copy.notes(award)] == ["backed up"]
    again = invoke("notes", "--backup", str(target), ok=False)
    assert again.exit_code == 1 and "already exists" in again.output


def test_search_attach_and_forget(small_corpus: Path) -> None:
    invoke("index", "-q", str(small_corpus))
    award = brief_id(small_corpus / AWARD)
    delay = brief_id(small_corpus / "space" / "tracking-delay.md")
    invoke("note", award, "Ask about the interceptors' unit cost.")
    invoke("note", delay, "Supplier delay on infrared sensors.")
    assert [e["id"] for e in notes_json("--search", "interceptor cost")] == [award]
    assert notes_json("--search", '"cost unit"') == []
    invoke("notes", award, "--attach", delay)
    [entry] = notes_json()
    assert entry["id"] == delay and len(entry["notes"]) == 2
    refused = CliRunner().invoke(cli, ["notes", delay, "--forget"], input="n\n")
    assert refused.exit_code == 1 and len(notes_json()[0]["notes"]) == 2
    invoke("notes", delay, "--forget", "--yes")
    assert notes_json() == []
