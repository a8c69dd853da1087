"""The bulk writer writes the index Whoosh's own writer writes, posting for posting."""

from __future__ import annotations

from pathlib import Path

from whoosh import index as whoosh_index

from briefs.files import DEFAULT_MAX_BYTES
from index.analysis import analyse_fields
from index.bulkwrite import BulkWriter
from index.documents import document
from index.indexer import _load
from index.loading import _facts_of as facts_of
from index.schema import build_schema
from index.walk import walk


def documents(folder: Path) -> list[dict[str, object]]:
    found, _ = walk([folder])
    docs = []
    for f in found:
        loaded = _load((f, DEFAULT_MAX_BYTES, ""))
        docs += [document(b, f, loaded.hash, facts_of(b)) for b in loaded.briefs]
    return docs


def postings(reader, fieldname: str, term: bytes) -> list[tuple[int, float, bytes]]:  # type: ignore[no-untyped-def]
    m = reader.postings(fieldname, term)
    out = []
    while m.is_active():
        out.append((m.id(), m.weight(), m.value()))
        m.next()
    return out


def test_same_index_as_whooshs_writer(many_briefs: Path, tmp_path: Path) -> None:
    docs = documents(many_briefs)
    schema = build_schema()
    ours_dir, theirs_dir = tmp_path / "ours", tmp_path / "theirs"
    ours_dir.mkdir()
    theirs_dir.mkdir()
    ours, theirs = whoosh_index.create_in(ours_dir, schema), whoosh_index.create_in(theirs_dir, schema)
    writer = BulkWriter(ours)
    for doc in docs:
        writer.add_document(**analyse_fields(schema, doc, skip=("id",)))
    writer.commit()
    writer = theirs.writer()
    for doc in docs:
        writer.add_document(**doc)
    writer.commit()

    a, b = ours.reader(), theirs.reader()
    assert a.doc_count() == b.doc_count() == len(docs) >= 300
    terms = list(a.all_terms())
    assert terms == list(b.all_terms())
    assert max(a.doc_frequency(f, t) for f, t in terms) > 128, "some posting lists span blocks"
    for fieldname, term in terms:
        assert postings(a, fieldname, term) == postings(b, fieldname, term), (fieldname, term)
        ia, ib = a.term_info(fieldname, term), b.term_info(fieldname, term)
        assert (ia.weight(), ia.doc_frequency(), ia.min_length(), ia.max_length(), ia.max_weight()) == (
            ib.weight(), ib.doc_frequency(), ib.min_length(), ib.max_length(), ib.max_weight()
        )
    for docnum in range(len(docs)):
        assert a.stored_fields(docnum) == b.stored_fields(docnum)
        for fieldname in ("title", "body", "org", "tag"):
            assert a.doc_field_length(docnum, fieldname) == b.doc_field_length(docnum, fieldname)
    for fieldname in ("title", "body", "person"):
        assert a.field_length(fieldname) == b.field_length(fieldname)
    assert list(a.column_reader("sortdate")) == list(b.column_reader("sortdate"))


def build(folder: Path, docs: list[dict[str, object]], bulk: bool):  # type: ignore[no-untyped-def]
    """Two small commits, then a third that merges them in (with our writer when `bulk`)."""
    from index.indexer import merge_small_segments

    schema = build_schema()
    folder.mkdir()
    ix = whoosh_index.create_in(folder, schema)
    for part in (docs[:10], docs[10:20]):
        writer = ix.writer()
        for doc in part:
            writer.add_document(**doc)
        writer.commit(merge=False)
    writer = BulkWriter(ix) if bulk else ix.writer()
    for n, doc in enumerate(docs[20:]):
        # plain values, then pre-analysed ones
        writer.add_document(**(analyse_fields(schema, doc, skip=("id",)) if bulk and n >= 10 else doc))
    writer.commit(mergetype=merge_small_segments)
    assert len(ix._segments()) == 1
    return ix


def test_plain_values_and_merged_segments(many_briefs: Path, tmp_path: Path) -> None:
    """Documents given as plain values, and segments merged in at commit, are filed too."""
    from whoosh.qparser import MultifieldParser

    docs = documents(many_briefs)[:40]
    ours, theirs = build(tmp_path / "ours", docs, True), build(tmp_path / "theirs", docs, False)
    parser = MultifieldParser(["title", "body"], ours.schema)
    with ours.searcher() as s, theirs.searcher() as t:
        assert s.doc_count() == 40
        for doc in docs:
            [hit] = s.documents(id=doc["id"])
            assert hit["title"] == doc["title"]
        for text in ("tracking", '"missile warning"', "launch OR budget", "tag:space"):
            q = parser.parse(text)
            found = [(h["id"], h.score) for h in s.search(q, limit=None)]
            assert found and found == [(h["id"], h.score) for h in t.search(q, limit=None)]
