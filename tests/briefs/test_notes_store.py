"""The notes store: what the analyst adds is kept, found, filtered, backed up and versioned."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from briefs.notes import BriefRef, NotesError, NotesStore, notes_file
from briefs.notes.schema import SCHEMA_VERSION

BODY = (
    "The Space Development Agency awarded contracts for 36 missile tracking satellites.\n\n"
    "Officials said the constellation would reach initial capability in FY2028.\n"
)
REF = BriefRef("a1b2c3d4e5f6", "/corpus/space/award.md", "Tracking Layer award", BODY)
OTHER = BriefRef("0f0f0f0f0f0f", "/corpus/space/delay.md", "Tracking Layer delay", "Launch slips to 2027.\n")


@pytest.fixture
def store(tmp_path: Path) -> NotesStore:
    with NotesStore(tmp_path / "data" / "notes-default.sqlite") as s:
        yield s


def test_notes_highlights_tags_stars_and_read_marks_are_kept_across_reopening(tmp_path: Path) -> None:
    path = notes_file(tmp_path / "data", "default")
    with NotesStore(path) as s:
        note = s.add_note(REF, "Compare with the **FY2025** award.")
        start = BODY.index("36 missile")
        hl = s.add_highlight(REF, start, start + len("36 missile tracking satellites"), "how many?")
        s.tag(REF, ["Space", "follow-up"])
        s.set_starred(REF)
        s.set_read(REF)
    with NotesStore(path) as s:
        ann = s.annotations(REF.id)
    assert [n.text for n in ann.notes] == ["Compare with the **FY2025** award."]
    assert ann.notes[0].id == note.id
    assert [(h.text, h.comment, h.attached) for h in ann.highlights] == [
        ("36 missile tracking satellites", "how many?", True)]
    assert ann.highlights[0].id == hl.id
    assert ann.tags == ["Space", "follow-up"]
    assert ann.state.starred and ann.state.read and not ann.state.orphan
    assert (ann.state.path, ann.state.title) == (REF.path, REF.title)


def test_the_database_is_private_wal_and_versioned(tmp_path: Path) -> None:
    path = tmp_path / "data" / "notes-x.sqlite"
    with NotesStore(path) as s:
        s.add_note(REF, "x")
    assert path.stat().st_mode & 0o077 == 0
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()


def test_a_database_from_a_newer_brief_is_refused_not_damaged(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    with NotesStore(path) as s:
        s.add_note(REF, "kept")
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(NotesError, match="newer than this brief understands"):
        NotesStore(path)
    db = sqlite3.connect(path)
    assert db.execute("SELECT text FROM note").fetchall() == [("kept",)]
    db.close()


def test_a_file_that_is_not_a_database_is_reported_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(NotesError) as err:
        NotesStore(path)
    assert str(path) in str(err.value) and "\n" not in str(err.value)


def test_editing_and_deleting_notes_and_highlights(store: NotesStore) -> None:
    note = store.add_note(REF, "first")
    changed = store.edit_note(note.id, "second thoughts")
    assert changed.text == "second thoughts" and store.notes(REF.id)[0].text == "second thoughts"
    hl = store.add_highlight(REF, 4, 9)
    assert store.set_comment(hl.id, "why?").comment == "why?"
    store.delete_highlight(hl.id)
    store.delete_note(note.id)
    assert store.notes(REF.id) == [] and store.highlights(REF.id) == []
    with pytest.raises(KeyError):
        store.delete_note(note.id)


def test_empty_notes_tags_and_spans_outside_the_text_are_refused(store: NotesStore) -> None:
    with pytest.raises(ValueError):
        store.add_note(REF, "  \n ")
    with pytest.raises(ValueError):
        store.tag(REF, ["#"])
    with pytest.raises(ValueError):
        store.add_highlight(REF, 10, len(BODY) + 5)
    with pytest.raises(ValueError):
        store.add_highlight(BriefRef(REF.id, REF.path, REF.title), 0, 5)
    assert store.briefs() == []


def test_tags_ignore_case_and_hash_and_removal_reports_what_was_there(store: NotesStore) -> None:
    assert store.tag(REF, ["Missile Defense", "#missile defense", "missile-defense"]) == ["Missile Defense"]
    assert store.tags(REF.id) == ["Missile Defense"]
    assert store.untag(REF.id, ["MISSILE DEFENSE", "absent"]) == ["Missile Defense"]
    assert store.tags(REF.id) == []


def test_filters_give_the_ids_behind_tag_starred_unread_and_has_notes(store: NotesStore) -> None:
    store.tag(REF, ["Space"])
    store.tag(OTHER, ["space", "launch"])
    store.set_starred(OTHER)
    store.set_read(REF)
    store.add_note(REF, "budget")
    assert store.ids_tagged("#SPACE") == {REF.id, OTHER.id}
    assert store.ids_tagged("launch") == {OTHER.id}
    assert store.ids_starred() == {OTHER.id}
    assert store.ids_with_notes() == {REF.id}
    unread = store.filter_ids("unread")
    assert unread.negate and not unread.allows(REF.id) and unread.allows(OTHER.id)
    assert unread.allows("never-seen-brief")
    assert store.filter_ids("tag", "Launch").allows(OTHER.id)
    assert dict(store.all_tags()) == {"Space": 2, "launch": 1}
    store.set_starred(OTHER, False)
    assert store.ids_starred() == frozenset()


def test_searching_the_analysts_own_words(store: NotesStore) -> None:
    store.add_note(REF, "Ask the programme office about the Sécurité review.")
    store.add_note(OTHER, "Missiles again; see the \"initial capability\" date.")
    hl = store.add_highlight(REF, 0, 10, "tracking numbers look high")
    assert store.ids_matching_text("missile") == {OTHER.id}
    assert store.ids_matching_text("securite review") == {REF.id}
    assert store.ids_matching_text('"initial capability"') == {OTHER.id}
    assert store.ids_matching_text('"capability initial"') == frozenset()
    assert store.ids_matching_text("tracked") == {REF.id}   # in a highlight's comment
    hits = store.search_text("track")
    assert [(h.brief_id, h.kind, h.item_id) for h in hits] == [(REF.id, "comment", hl.id)]
    assert store.ids_matching_text("") == frozenset()


def test_another_connection_sees_each_change_and_data_version_moves(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    with NotesStore(path) as a, NotesStore(path) as b:
        before = b.data_version()
        a.add_note(REF, "from a")
        assert b.data_version() != before
        assert [n.text for n in b.notes(REF.id)] == ["from a"]
        b.tag(REF, ["from-b"])
        assert a.tags(REF.id) == ["from-b"]


def test_backup_is_a_complete_usable_copy(store: NotesStore, tmp_path: Path) -> None:
    store.add_note(REF, "one")
    store.add_highlight(REF, 4, 9, "c")
    store.tag(OTHER, ["x"])
    target = tmp_path / "backup.sqlite"
    store.backup(target)
    store.add_note(REF, "after the backup")
    with NotesStore(target) as copy:
        assert [n.text for n in copy.notes(REF.id)] == ["one"]
        assert copy.highlights(REF.id)[0].comment == "c"
        assert copy.tags(OTHER.id) == ["x"]
    assert target.stat().st_mode & 0o077 == 0


def test_forget_removes_only_that_brief(store: NotesStore) -> None:
    store.add_note(REF, "one")
    store.add_note(OTHER, "two")
    gone = store.forget(REF.id)
    assert [n.text for n in gone.notes] == ["one"]
    assert [a.state.id for a in store.briefs()] == [OTHER.id]
