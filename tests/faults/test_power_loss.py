"""Power loss: Whoosh never fsyncs, so the last writes may be missing or cut short.

Each kind of damage is simulated on a built index; the next open must find it and say so
in one line, a rebuild must recover every brief, and the files the user owns (the corpus
and the data folder, where notes live) must come out byte for byte as they went in.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from index.indexer import Indexer
from index.search import IndexMissing, Searcher
from index.store import mark_damaged, open_index
from tests.faults.helpers import (
    COMMON, MAX_BYTES, Child, assert_matches_model, configure, keep_notes, write_corpus,
)

BRIEFS = 40
Built = tuple[Path, Path, dict[int, int]]  # corpus, index, model


def newest_segment(ix: Path) -> Path:
    return max(ix.glob("MAIN_*.seg"), key=lambda p: p.stat().st_mtime_ns)


def toc(ix: Path) -> Path:
    [path] = ix.glob("_MAIN_*.toc")
    return path


def cut_in_half(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


DAMAGE: dict[str, Callable[[Path], None]] = {
    "toc-truncated": lambda ix: cut_in_half(toc(ix)),
    "toc-empty": lambda ix: toc(ix).write_bytes(b""),
    "toc-deleted": lambda ix: toc(ix).unlink(),
    "segment-empty": lambda ix: newest_segment(ix).write_bytes(b""),
    "segment-truncated": lambda ix: cut_in_half(newest_segment(ix)),
    "segment-deleted": lambda ix: newest_segment(ix).unlink(),
}


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """A corpus (never modified) and its index, built once; each test damages a copy."""
    base = tmp_path_factory.mktemp("power")
    corpus, ix = base / "corpus", base / "ix"
    model = write_corpus(corpus, BRIEFS)
    Indexer(ix, MAX_BYTES, workers=1).run([corpus])
    return corpus, ix, model


@pytest.fixture
def built(template: Built, tmp_path: Path) -> Built:
    corpus, ix, model = template
    copy = tmp_path / "ix"
    shutil.copytree(ix, copy)  # mode 0700 kept
    return corpus, copy, dict(model)


def one_line(note: str) -> bool:
    return bool(note) and "\n" not in note and len(note) < 400


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damage_is_found_reported_in_one_line_and_rebuilt(
    built: Built, isolated: Path, damage: str
) -> None:
    corpus, ix, model = built
    notes_file, notes = keep_notes(isolated)
    before = fingerprint(corpus)
    DAMAGE[damage](ix)

    with pytest.raises(IndexMissing) as missing:
        Searcher(ix)
    message = str(missing.value)
    assert one_line(message) and str(ix) in message and "unreadable" in message, message

    report = Indexer(ix, MAX_BYTES, workers=1).run([corpus])
    [note] = report.notes
    assert one_line(note) and "unreadable" in note and "set aside" in note and "rebuilding" in note, note
    assert report.added == BRIEFS and not report.failed
    assert_matches_model(ix, model)
    again = Indexer(ix, MAX_BYTES, workers=1).run([corpus])
    assert (again.notes, again.unchanged, again.added) == ([], BRIEFS, 0), "rebuilt once, not every run"

    assert notes_file.read_bytes() == notes, "the data folder was touched"
    assert fingerprint(corpus) == before, "the corpus was touched"
    [aside] = ix.parent.glob("ix.damaged-*")
    assert aside.name in note, "the note says where the damaged copy went"


def test_the_apps_background_run_reports_and_rebuilds(built: Built, isolated: Path) -> None:
    corpus, ix, model = built
    notes_file, notes = keep_notes(isolated)
    cut_in_half(toc(ix))
    final = Child(ix, [corpus]).finish()
    assert final.get("finished"), final
    [note] = final["notes"]
    assert one_line(note) and "set aside" in note
    assert final["total"] == BRIEFS
    assert_matches_model(ix, model)
    assert notes_file.read_bytes() == notes


def test_a_lost_facts_database_is_noticed_by_the_next_run(built: Built) -> None:
    corpus, ix, model = built
    (ix / "brief-facts.sqlite").unlink()
    with Searcher(ix) as s:  # searching needs no facts: the reader keeps working meanwhile
        assert s.search(COMMON).total == BRIEFS
    report = Indexer(ix, MAX_BYTES, workers=1).run([corpus])
    [note] = report.notes
    assert one_line(note) and "facts database missing" in note and "rebuilding" in note
    assert report.added == BRIEFS
    import sqlite3

    db = sqlite3.connect(ix / "brief-facts.sqlite")
    try:
        assert db.execute("SELECT count(*) FROM brief").fetchone()[0] == BRIEFS
    finally:
        db.close()


def corrupt_stored_fields(ix: Path) -> None:
    """Damage inside the segment that opening cannot see, as a sector lost in a power cut
    would: every compressed block holding a brief's stored text (which each hit reads)."""
    import zlib

    seg = newest_segment(ix)
    data = bytearray(seg.read_bytes())

    def holds_text(start: int) -> bool:
        try:
            return COMMON.encode() in zlib.decompressobj().decompress(bytes(data[start : start + 8192]))
        except zlib.error:
            return False

    zlib_headers = re.finditer(rb"\x78[\x01\x5e\x9c\xda]", bytes(data))
    starts = [m.start() for m in zlib_headers if holds_text(m.start())]
    assert len(starts) >= BRIEFS // 2, "the segment no longer looks as expected"
    for start in starts:
        data[start + 2 : start + 10] = b"\xff" * 8
    seg.write_bytes(bytes(data))


def test_damage_a_search_met_makes_the_next_run_rebuild(built: Built) -> None:
    corpus, ix, model = built
    corrupt_stored_fields(ix)
    assert open_index(ix, create=False)[0] is not None, "opening does not read every block"
    import zlib

    with Searcher(ix) as s, pytest.raises(Exception) as raised:  # noqa: PT011 (either, see the next test)
        s.search(COMMON, limit=50)
    mark_damaged(ix, raised.value)  # what the searcher is to do on damage (xfail below)
    assert isinstance(raised.value, (zlib.error, IndexMissing))
    with pytest.raises(IndexMissing, match="unreadable .zlib.error."):
        Searcher(ix)
    report = Indexer(ix, MAX_BYTES, workers=1).run([corpus])
    assert any("set aside" in n for n in report.notes)
    assert_matches_model(ix, model)


def test_a_search_that_meets_damage_reports_it_and_the_next_run_rebuilds(built: Built) -> None:
    corpus, ix, model = built
    corrupt_stored_fields(ix)
    with Searcher(ix) as s, pytest.raises(IndexMissing, match="damaged"):
        s.search(COMMON, limit=50)
    report = Indexer(ix, MAX_BYTES, workers=1).run([corpus])
    assert any("set aside" in n for n in report.notes)
    assert_matches_model(ix, model)


def test_brief_search_on_a_damaged_index_says_so_in_one_line(tmp_path: Path, isolated: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, BRIEFS)
    ix = configure(isolated, corpus)
    from tui.cli import cli

    assert CliRunner().invoke(cli, ["index", "-q"]).exit_code == 0
    cut_in_half(toc(ix))
    result = CliRunner().invoke(cli, ["search", COMMON])
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert f"{BRIEFS} briefs match" in result.output
    [line] = [x for x in result.output.splitlines() if "unreadable" in x]
    assert "set aside" in line or "rebuilding" in line


def test_errors_that_a_rebuild_cannot_cure_do_not_mark_the_index(built: Built) -> None:
    corpus, ix, model = built
    stray_byte = UnicodeEncodeError("utf-8", "\udcff", 0, 1, "surrogates not allowed")
    for exc in (FileNotFoundError("a commit elsewhere"), stray_byte):
        assert not mark_damaged(ix, exc)
    assert open_index(ix, create=False)[0] is not None
    assert Indexer(ix, MAX_BYTES, workers=1).run([corpus]).notes == []
