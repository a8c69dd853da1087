"""The glossary and entity views follow edits and deletions of briefs."""

from __future__ import annotations

from pathlib import Path

from index.corpus import entity, glossary
from index.indexer import Indexer


def run(index_dir: Path, corpus: Path) -> None:
    Indexer(index_dir, 20 << 20, workers=1).run([corpus])


def test_glossary_follows_edits_and_deletions(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    a = corpus / "a.md"
    a.write_text("---\ntitle: A\n---\nThe Space Development Agency (SDA) buys satellites.\n")
    (corpus / "b.md").write_text("---\ntitle: B\n---\nThe Missile Defense Agency (MDA) tests interceptors.\n")
    ix = tmp_path / "ix"
    run(ix, corpus)
    assert {e.short: list(e.expansions) for e in glossary(ix)} == {
        "MDA": ["Missile Defense Agency"], "SDA": ["Space Development Agency"]}
    a.write_text("---\ntitle: A\n---\nThe Strategic Defence Authority (SDA) buys satellites.\n")
    run(ix, corpus)
    assert [list(e.expansions) for e in glossary(ix) if e.short == "SDA"] == [["Strategic Defence Authority"]]
    a.unlink()
    run(ix, corpus)
    assert [e.short for e in glossary(ix)] == ["MDA"]
    assert [m.title for m in entity(ix, "MDA")] == ["B"]
