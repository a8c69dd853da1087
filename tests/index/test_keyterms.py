"""Key terms and more-like-this computed without Whoosh's per-posting calls give Whoosh's answers."""

from __future__ import annotations

import gc
from collections import Counter
from pathlib import Path

import pytest
from whoosh import query as wq

from briefs.config import SAMPLES_DIR
from index.indexer import Indexer
from index.keyterms import _CACHE, analyse, corpus_terms
from index.related import related
from index.search import Searcher


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    index_dir = tmp_path_factory.mktemp("ix")
    Indexer(index_dir, 20 << 20, workers=1).run([SAMPLES_DIR])
    with Searcher(index_dir) as s:
        yield s


def texts(s: Searcher) -> list[tuple[int, str]]:
    ws = s._searcher
    out = []
    for docnum in range(ws.doc_count_all()):
        stored = ws.stored_fields(docnum)
        out.append((docnum, stored.get("title", "") + "\n" + stored.get("body", "")))
    return out


def test_words_are_counted_as_the_body_field_indexes_them(searcher: Searcher) -> None:
    analyser = searcher._searcher.schema["body"].analyzer
    for _, text in texts(searcher):
        assert analyse(text) == Counter(t.text for t in analyser(text))
    odd = "U.S. forces' F-35A & 3.5% of *wild*cards; Ünïcode naïve ÉTATS-UNIS a I x"
    assert analyse(odd) == Counter(t.text for t in analyser(odd))


def test_key_terms_and_ranking_match_whoosh(searcher: Searcher) -> None:
    ws = searcher._searcher
    corpus = corpus_terms(ws)
    for docnum, text in texts(searcher):
        expected = ws.key_terms_from_text("body", text, numterms=15)
        got = corpus.key_terms(text, 15)
        assert [t for t, _ in got] == [t for t, _ in expected]
        assert [w for _, w in got] == pytest.approx([w for _, w in expected])
        hits = ws.search(wq.Or([wq.Term("body", t, boost=w) for t, w in expected]), limit=20)
        scores, docs = corpus.more_like(got)
        mine = sorted(set().union(*docs.values()), key=lambda d: (-scores[d], d))[:20]
        assert mine == [h.docnum for h in hits], docnum
        assert [scores[d] for d in mine] == pytest.approx([h.score for h in hits])
        for term, found in docs.items():
            assert set(found) == set(ws.reader().postings("body", term).all_ids())


def test_a_removed_brief_is_never_listed_as_related(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    stories = [
        "The radar on Guam tracked a glide vehicle during the missile defence test off Kauai.",
        "Engineers moved the Guam radar antenna before the next glide vehicle tracking test.",
        "A Kauai test of the Guam radar software found the glide vehicle track late by seconds.",
    ]
    for n, story in enumerate(stories):
        (corpus / f"{n}.md").write_text(f"---\ntitle: Radar test {n}\n---\n{story}\n")
    Indexer(tmp_path / "ix", 20 << 20, workers=1).run([corpus])
    with Searcher(tmp_path / "ix") as s:
        first = s.get(str(corpus / "0.md"))["id"]
        assert {r.title for r in related(s, first)} == {"Radar test 1", "Radar test 2"}
    (corpus / "2.md").unlink()
    Indexer(tmp_path / "ix", 20 << 20, workers=1).run([corpus])
    with Searcher(tmp_path / "ix") as s:
        assert [r.title for r in related(s, first)] == ["Radar test 1"]


def test_statistics_are_not_kept_for_closed_searchers(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.md").write_text("---\ntitle: A\n---\nSatellites and radars.\n")
    Indexer(tmp_path / "ix", 20 << 20, workers=1).run([corpus])
    gc.collect()
    before = len(_CACHE)
    with Searcher(tmp_path / "ix") as s:
        related(s, s.get(str(corpus / "a.md"))["id"])
        assert len(_CACHE) == before + 1
    del s
    gc.collect()
    assert len(_CACHE) == before
