"""Highlights follow their passage when a brief is edited, and are kept (detached) when it goes."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefs.notes import BriefRef, NotesStore
from briefs.notes.anchor import context, find_passage, locate, relocate

BODY = (
    "Heavy launch demand grew in 2025.\n\n"
    "The Space Development Agency awarded contracts worth $1.4 billion for 36 missile\n"
    "tracking satellites on Tuesday. The satellites join the transport layer.\n\n"
    "Officials said the missile tracking constellation would reach initial capability in FY2028.\n"
)
PASSAGE = "awarded contracts worth $1.4 billion for 36 missile\ntracking satellites"


def _highlight(body: str, passage: str) -> tuple[int, int, str, str, str]:
    start = body.index(passage)
    end = start + len(passage)
    before, after = context(body, start, end)
    return start, end, passage, before, after


def test_unchanged_text_keeps_its_place() -> None:
    place = relocate(BODY, *_highlight(BODY, PASSAGE))
    assert place.how == "same" and BODY[place.start : place.end] == PASSAGE


def test_text_inserted_before_moves_the_highlight_with_its_passage() -> None:
    edited = "A new opening paragraph, written later.\n\n" + BODY
    place = relocate(edited, *_highlight(BODY, PASSAGE))
    assert place.found and edited[place.start : place.end] == PASSAGE
    assert place.start == BODY.index(PASSAGE) + len("A new opening paragraph, written later.\n\n")


def test_rewrapped_lines_still_match() -> None:
    edited = BODY.replace("36 missile\ntracking", "36 missile tracking")
    place = relocate(edited, *_highlight(BODY, PASSAGE))
    assert place.found
    assert edited[place.start : place.end] == "awarded contracts worth $1.4 billion for 36 missile tracking satellites"


def test_of_two_copies_the_one_in_the_same_context_then_nearest_wins() -> None:
    body = "Alpha said: the budget grows.\n\nBeta said: the budget grows.\n\nGamma said: the budget grows.\n"
    start = body.index("the budget grows", body.index("Beta"))
    hl = (start, start + len("the budget grows"), "the budget grows", *context(body, start, start + 16))
    edited = "Preface.\n\n" + body.replace("Alpha said", "Alpha wrote")
    place = relocate(edited, *hl)
    assert edited[place.start - len("Beta said: ") : place.start] == "Beta said: "
    # With no context to tell them apart, the copy nearest the old offset is taken.
    plain = "x the budget grows y " * 3
    place = relocate(plain, 22, 38, "the budget grows", "", "")
    assert place.start == plain.index("the budget grows", 20)


def test_a_lightly_reworded_passage_is_found_and_takes_the_new_words() -> None:
    edited = BODY.replace("$1.4 billion", "$1.5 billion").replace("Tuesday", "Wednesday")
    place = relocate(edited, *_highlight(BODY, PASSAGE))
    assert place.how == "fuzzy"
    assert edited[place.start : place.end] == PASSAGE.replace("1.4", "1.5")


def test_a_passage_reworded_between_intact_context_is_found() -> None:
    body = ("Opening paragraph about launch schedules and the budget request for next year.\n\n"
            "The agency will buy twelve more interceptors.\n\n"
            "Closing paragraph about sensor coverage over Guam and the western Pacific region.\n")
    hl = _highlight(body, "The agency will buy twelve more interceptors.")
    edited = body.replace("The agency will buy twelve more interceptors.", "The agency plans to buy 14 additional interceptors.")
    place = relocate(edited, *hl)
    assert place.found and place.text == "The agency plans to buy 14 additional interceptors."


def test_a_deleted_passage_is_lost_not_matched_elsewhere() -> None:
    edited = BODY.replace(PASSAGE, "")
    assert not relocate(edited, *_highlight(BODY, PASSAGE)).found
    short = _highlight(BODY, "Tuesday")
    assert not relocate(BODY.replace("satellites on Tuesday. The", "satellites, said Monday, the"), *short).found


def test_a_changed_word_between_intact_context_takes_its_place() -> None:
    place = relocate(BODY.replace("Tuesday", "Monday"), *_highlight(BODY, "Tuesday"))
    assert place.found and place.text == "Monday"


def test_find_passage_tolerates_spacing_then_case() -> None:
    assert find_passage(BODY, "36 missile tracking satellites") == [
        (BODY.index("36 missile\n"), BODY.index("36 missile\n") + len("36 missile\ntracking satellites"))]
    spans = find_passage(BODY, "MISSILE TRACKING")
    assert [BODY[s:e] for s, e in spans] == ["missile\ntracking", "missile tracking"]
    assert find_passage(BODY, "   ") == [] and find_passage(BODY, "not in the brief") == []


def test_locations_count_paragraphs_and_lines() -> None:
    start = BODY.index("Officials")
    where = locate(BODY, start, start + 9)
    assert (where.paragraph, where.line, where.column) == (3, 6, 1)
    assert where.describe() == f"paragraph 3, line 6, characters {start}–{start + 9}"


@pytest.fixture
def store(tmp_path: Path) -> NotesStore:
    with NotesStore(tmp_path / "notes.sqlite") as s:
        yield s


def test_syncing_an_edited_brief_reanchors_detaches_and_reattaches(store: NotesStore) -> None:
    ref = BriefRef("b1", "/c/b1.md", "Award", BODY)
    moved = store.add_highlight(ref, *_highlight(BODY, PASSAGE)[:2], comment="money")
    doomed = store.add_highlight(ref, *_highlight(BODY, "initial capability in FY2028")[:2], comment="date")
    store.add_note(ref, "the note stays")
    edited = ("New first paragraph.\n\n" + BODY).replace("initial capability in FY2028", "full capability later")
    report = store.sync(BriefRef("b1", "/c/b1.md", "Award", edited))
    assert report.reanchored == [moved.id] and report.detached == [doomed.id]
    by_id = {h.id: h for h in store.highlights("b1")}
    assert edited[by_id[moved.id].start : by_id[moved.id].end] == PASSAGE
    lost = by_id[doomed.id]
    assert (lost.status, lost.text, lost.comment) == ("detached", "initial capability in FY2028", "date")
    assert [n.text for n in store.notes("b1")] == ["the note stays"]
    # The passage comes back in a later edit: the highlight attaches again.
    report = store.sync(ref)
    assert report.reattached == [doomed.id]
    assert all(h.attached for h in store.highlights("b1"))


def test_sync_of_an_unchanged_or_unknown_brief_changes_nothing(store: NotesStore) -> None:
    ref = BriefRef("b1", "/c/b1.md", "Award", BODY)
    store.add_highlight(ref, 0, 5)
    version = store.data_version()
    assert store.sync(ref).reanchored == []
    assert store.sync(BriefRef("never", "/c/x.md", "X", "text")).reanchored == []
    assert store.state("never") is None
    assert store.data_version() == version
