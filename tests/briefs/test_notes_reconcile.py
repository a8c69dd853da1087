"""A brief that disappears leaves its notes as orphans; when it comes back they re-attach."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefs.notes import BriefRef, NotesStore
from briefs.notes.reconcile import reconcile

BODY = "The agency awarded contracts for 36 missile tracking satellites.\n\nMore text follows here.\n"


class FakeCorpus:
    """The briefs present now, by id, path and title."""

    def __init__(self, *refs: BriefRef):
        self.refs = list(refs)

    def by_id(self, brief_id: str) -> BriefRef | None:
        return next((r for r in self.refs if r.id == brief_id), None)

    def by_path(self, path: str) -> list[BriefRef]:
        return [r for r in self.refs if r.path == path]

    def by_title(self, title: str) -> list[BriefRef]:
        return [r for r in self.refs if r.title == title]


@pytest.fixture
def store(tmp_path: Path) -> NotesStore:
    with NotesStore(tmp_path / "notes.sqlite") as s:
        yield s


def _annotate(store: NotesStore, ref: BriefRef) -> None:
    store.add_note(ref, f"note on {ref.id}")
    start = BODY.index("36 missile")
    store.add_highlight(ref, start, start + 10, "count")
    store.tag(ref, ["watch"])
    store.set_starred(ref)


def test_a_deleted_brief_becomes_an_orphan_and_returns_with_the_same_id(store: NotesStore) -> None:
    ref = BriefRef("aaa111", "/c/a.md", "Award", BODY)
    _annotate(store, ref)
    report = reconcile(store, FakeCorpus())
    assert report.orphans == ["aaa111"]
    assert [s.id for s in store.orphans()] == ["aaa111"]
    ann = store.annotations("aaa111")
    assert ann.state.orphan and ann.notes[0].text == "note on aaa111" and ann.highlights[0].comment == "count"
    report = reconcile(store, FakeCorpus(ref))
    assert report.returned == ["aaa111"] and store.orphans() == []


def test_a_brief_back_under_a_new_id_with_the_same_text_gets_its_notes_back(store: NotesStore) -> None:
    _annotate(store, BriefRef("old000", "/c/old-name.md", "Award", BODY))
    reconcile(store, FakeCorpus())
    moved = BriefRef("new999", "/c/new-name.md", "Award", BODY)
    report = reconcile(store, FakeCorpus(moved))
    assert report.reattached == [("old000", "new999")]
    assert store.state("old000") is None
    ann = store.annotations("new999")
    assert [n.text for n in ann.notes] == ["note on old000"]
    assert ann.tags == ["watch"] and ann.state.starred and ann.state.path == "/c/new-name.md"
    assert ann.highlights[0].attached


def test_a_brief_at_the_same_path_with_a_new_id_and_edited_text_reattaches(store: NotesStore) -> None:
    _annotate(store, BriefRef("old000", "/c/a.md", "Award", BODY))
    edited = BriefRef("idkey1", "/c/a.md", "Award (revised)", "Preface.\n\n" + BODY)
    report = reconcile(store, FakeCorpus(edited))
    assert report.reattached == [("old000", "idkey1")]
    hl = store.highlights("idkey1")[0]
    assert hl.attached and edited.body[hl.start : hl.end] == "36 missile"


def test_merging_into_a_brief_that_has_notes_keeps_both(store: NotesStore) -> None:
    _annotate(store, BriefRef("old000", "/c/a.md", "Award", BODY))
    target = BriefRef("new999", "/c/b.md", "Award", BODY)
    store.add_note(target, "already here")
    store.tag(target, ["Watch", "other"])
    store.reattach("old000", target)
    ann = store.annotations("new999")
    assert sorted(n.text for n in ann.notes) == ["already here", "note on old000"]
    assert ann.tags == ["Watch", "other"] and ann.state.starred


def test_an_unrelated_brief_is_not_given_an_orphans_notes(store: NotesStore) -> None:
    _annotate(store, BriefRef("old000", "/c/a.md", "Award", BODY))
    other_text = BriefRef("zzz222", "/c/z.md", "Award", "Completely different words.\n")
    has_own = BriefRef("yyy333", "/c/a.md", "Else", "Other text.\n")
    store.add_note(has_own, "its own note")
    reconcile(store, FakeCorpus(other_text, has_own))
    assert store.state("old000").orphan
    assert store.notes("zzz222") == [] and [n.text for n in store.notes("yyy333")] == ["its own note"]


def test_a_note_added_to_an_orphan_keeps_it_an_orphan(store: NotesStore) -> None:
    _annotate(store, BriefRef("aaa111", "/c/a.md", "Award", BODY))
    reconcile(store, FakeCorpus())
    state = store.state("aaa111")
    store.add_note(BriefRef(state.id, state.path, state.title), "a note while it is away")
    assert store.state("aaa111").orphan
    assert len(store.notes("aaa111")) == 2
