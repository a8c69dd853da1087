"""Bring the index in line with the corpus folders: add, update, remove, only what changed.

mtime and size are the cheap filter, a content hash the authority. Files are loaded in
worker processes when there are many; one Whoosh writer in this process writes, and
commits in batches so that Ctrl-C or a kill loses at most the batch in flight.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from whoosh.codec.whoosh3 import W3Codec

from briefs.model import Brief, make_id
from index import factstore
from index.bulkwrite import BulkWriter
from index.commits import cancel as _cancel
from index.commits import collector_paused as _collector_paused
from index.commits import merge_small_segments
from index import manifest as manifest_mod
from index.loading import Loaded as _Loaded
from index.loading import load as _load
from index.manifest import FileRecord, Manifest
from index.store import open_index
from index.walk import Found, walk
from index.words import Dictionary

Progress = Callable[[str, int, int], None]

BATCH_DOCS = 5000
# The last batch is committed after the workers have finished, with both cores idle but
# one: a batch is cut TAIL_FILES files before the end so that the last one is small (a
# 5,000-brief commit took 7 s of a 10,000-brief build; 1,000 take ~1.5 s).
TAIL_FILES = 1000
POOL_THRESHOLD = 48
LOCK_WAIT = 30.0  # seconds a second writer waits for the first


GONE = "folder not found"
# Present from the start of a write to its last commit: a run that died left facts rows
# (committed first) that its Whoosh commit never matched; the next run sweeps them.
WRITING = factstore.WRITING
UNREADABLE = ("permission denied", "cannot list", "cannot access")


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _posix(rel: str) -> str:
    """A relative path with '/' separators (Path(rel).as_posix(), without its cost per file)."""
    return rel if os.sep == "/" else Path(rel).as_posix()


@dataclass
class IndexReport:
    """What one indexing run did, for the summary line and the exit status."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    elapsed: float = 0.0
    interrupted: bool = False
    notes: list[str] = field(default_factory=list)
    total_briefs: int = 0


class IndexBusy(Exception):
    """Another process holds the index's write lock."""


class Indexer:
    """Indexes corpus folders into one index folder."""

    def __init__(
        self,
        index_dir: Path,
        max_file_bytes: int,
        progress: Progress | None = None,
        workers: int | None = None,
    ):
        self.index_dir = Path(index_dir)
        self.max_file_bytes = max_file_bytes
        self.progress = progress or (lambda phase, done, total: None)
        self.workers = workers if workers is not None else (os.cpu_count() or 1)

    def run(self, roots: list[Path], full: bool = True) -> IndexReport:
        """Index `roots`. With `full`, files under no root leave the index too."""
        started = time.perf_counter()
        report = IndexReport()
        ix, note = open_index(self.index_dir)
        assert ix is not None
        if note:
            report.notes.append(note)
        self.progress("scanning", 0, 0)
        found, skipped = walk(roots)
        # A folder that could not be read is not evidence that its files are gone; a
        # corpus folder that is not there at all is (renamed or deleted outside brief).
        gone = {s.path for s in skipped if s.reason == GONE}
        report.failed.extend((s.path, s.reason) for s in skipped if s.path not in gone)
        unreadable = [s.path for s in skipped if s.reason.startswith(UNREADABLE)]
        man = self._manifest(ix)
        to_load, removed = self._plan(man, found, unreadable, roots, full)
        writer, dirty = None, (self.index_dir / WRITING).exists()
        if to_load or removed or dirty:
            writer, waited = self._writer(ix)
            if waited:  # the other writer changed the index meanwhile: plan against its work
                man = self._manifest(ix)
                to_load, removed = self._plan(man, found, unreadable, roots, full)
                dirty = (self.index_dir / WRITING).exists()
                if not (to_load or removed or dirty):
                    _cancel(writer)
        report.unchanged = len(found) - len(to_load)
        for root in sorted(gone):
            briefs = sum(len(man.files[p].ids) for p in removed if _under(p, root))
            if briefs:
                report.notes.append(f"{root}: folder is gone; its {briefs} briefs left the index")
            else:
                report.failed.append((root, GONE))
        if not (to_load or removed or dirty):
            report.total_briefs = ix.doc_count()
            report.elapsed = time.perf_counter() - started
            if man.generation != ix.latest_generation():
                man.generation = ix.latest_generation()
                manifest_mod.save(self.index_dir, man)
            return report
        try:
            with _collector_paused():
                self._write(ix, writer, man, to_load, removed, report)
        except KeyboardInterrupt:
            report.interrupted = True
        report.total_briefs = ix.doc_count()
        report.elapsed = time.perf_counter() - started
        return report

    def _manifest(self, ix) -> Manifest:  # type: ignore[no-untyped-def]
        man = manifest_mod.load(self.index_dir)
        return man if man.generation == ix.latest_generation() else manifest_mod.from_index(ix)

    @staticmethod
    def _plan(
        man: Manifest, found: list[Found], unreadable: list[str], roots: list[Path], full: bool
    ) -> tuple[list[Found], list[str]]:
        """The files to read (new or changed by their stat) and the files to drop."""
        seen = {f.path for f in found}
        root_set = [os.path.abspath(r) for r in roots]
        removed = [
            p for p in man.files
            if p not in seen and (full or any(_under(p, r) for r in root_set))
            and not any(_under(p, u) for u in unreadable)
        ]
        to_load: list[Found] = []
        for f in found:
            rec = man.files.get(f.path)
            if not (rec and rec.size == f.size and rec.mtime_ns == f.mtime_ns and rec.rel == _posix(f.rel)):
                to_load.append(f)
        return to_load, removed

    def _loaded(self, items: list[Found], man: Manifest) -> Iterator[_Loaded]:
        args = [
            (f, self.max_file_bytes, man.files[f.path].hash if f.path in man.files else "")
            for f in items
        ]
        if len(items) < POOL_THRESHOLD or self.workers <= 1:
            yield from map(_load, args)
            return
        with ProcessPoolExecutor(max_workers=self.workers, initializer=_quiet_worker) as pool:
            try:
                yield from map(pickle.loads, pool.map(_load_packed, args, chunksize=8))
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)
                raise

    def _write(
        self, ix, writer, man: Manifest, to_load: list[Found], removed: list[str], report: IndexReport
    ) -> None:  # type: ignore[no-untyped-def]
        self.words = Dictionary() if not man.files else Dictionary.load(self.index_dir)
        removed_by_hash = {man.files[p].hash: p for p in removed if man.files[p].hash}
        owner = man.owner_of()
        self.db = None
        # Acronyms whose glossary rows need recomputing; None: all of them, at the last
        # commit (a new index, or a run that follows one that died before its last commit).
        self.touched: set[str] | None = set() if man.files and not (self.index_dir / WRITING).exists() else None
        pending = 0
        staged: dict[str, FileRecord | None] = {}
        try:
            with contextlib.suppress(OSError):  # a full disk: the writes below say so
                (self.index_dir / WRITING).touch()
            self.db = factstore.connect(self.index_dir, writing=True)
            # SQLite's default 2 MB page cache made a build re-read and re-write the facts
            # store's index pages ~140 times a brief at 3,000 briefs (system time grew with
            # the store); the writer may keep up to 64 MB of them instead.
            self.db.execute("PRAGMA cache_size=-65536")
            # A store with no brief yet (a new index) needs no deletes before each insert,
            # unless one id comes twice in this run, and gets its big indexes and name
            # counts at the last commit (factstore.DEFERRED).
            fresh = self.db.execute("SELECT 1 FROM brief LIMIT 1").fetchone() is None
            if fresh:
                factstore.start_new(self.db)
                self.touched = None
                # Rows are appended and its small indexes fit: 16 MB of cache fill a new
                # store as fast (measured at 50,000 briefs) and make its big indexes faster.
                self.db.execute("PRAGMA cache_size=-16384")
            else:  # (made at the end of a new store's build, or missing after a run that died)
                factstore.create_indexes(self.db)
            # Facts of files the manifest never held: a run killed between its two commits.
            orphans = [p for (p,) in self.db.execute("SELECT DISTINCT path FROM brief") if p not in man.files]
            factstore.forget(self.db, orphans, self.touched)
            # Ids written in this run, kept while the store or the index started empty: a
            # brief whose id is not among them has nothing to replace (deleting by term
            # looked the id up in every segment so far, ~6 us a segment).
            recorded: set[str] = set()
            empty = ix.doc_count_all() == 0
            total = len(to_load)
            for done, loaded in enumerate(self._loaded(to_load, man), 1):
                self.progress("indexing", done, total)
                f = loaded.found
                old = man.files.get(f.path)
                if loaded.error:
                    report.failed.append((f.path, loaded.error))
                    continue
                if loaded.same and old is not None:
                    # Touched but not changed: only the stat needs recording.
                    staged[f.path] = FileRecord(f.root, Path(f.rel).as_posix(), f.size, f.mtime_ns, old.hash, old.ids)
                    report.unchanged += 1
                    continue
                inherited = removed_by_hash.get(loaded.hash) if old is None else None
                ids = self._assign_ids(loaded.briefs, f.path, owner, man, inherited)
                for brief in loaded.briefs:
                    report.warnings.extend((f.path, w) for w in brief.warnings)
                if old is not None:
                    writer.delete_by_term("path", f.path)
                    factstore.forget(self.db, [f.path], self.touched)
                for n, brief in enumerate(loaded.briefs):
                    rows = loaded.rows[n]
                    if fresh and brief.id in recorded:  # its rows are deleted first: by index
                        factstore.create_indexes(self.db)
                        fresh = False
                    if not empty or brief.id in recorded:
                        writer.delete_by_term("id", brief.id)
                    writer.add_document(**self._document(loaded, n))
                    self.words.add(loaded.words[n])
                    if self.touched is not None:
                        self.touched.update(r[0] for r in rows.acronyms)
                    factstore.record(
                        self.db, brief.id, f.path, brief.title,
                        brief.date.isoformat() if brief.date else None, brief.source, rows,
                        loaded.signatures[n], url=brief.url.rstrip("/"),
                        report=brief.meta.get("report", ""), file=Path(f.rel).as_posix(),
                        fresh=fresh and brief.id not in recorded,
                    )
                    if fresh or empty:
                        recorded.add(brief.id)
                    pending += 1
                staged[f.path] = FileRecord(
                    f.root, Path(f.rel).as_posix(), f.size, f.mtime_ns, loaded.hash, ids
                )
                if old is None:
                    report.added += 1
                else:
                    report.updated += 1
                if pending >= BATCH_DOCS or (done == total - TAIL_FILES and pending >= TAIL_FILES):
                    self.progress("committing", done, total)
                    self._commit(ix, writer, man, staged)
                    writer, pending, staged = self._writer(ix)[0], 0, {}
            # Files that are gone leave with the last commit, not the first: a run stopped
            # half-way (a moved corpus folder is all removals and additions) must not leave
            # an index that lost the old files before it had the new ones.
            factstore.forget(self.db, removed, self.touched)
            for path in removed:
                writer.delete_by_term("path", path)
                staged[path] = None
            self.progress("committing", total, total)
            self._commit(ix, writer, man, staged, last=True)
            (self.index_dir / WRITING).unlink(missing_ok=True)
            report.removed = len(removed)
        except BaseException:
            _cancel(writer)
            if self.db is not None:
                self.db.rollback()
            raise
        finally:
            if self.db is not None:
                self.db.close()

    def _document(self, loaded: _Loaded, n: int) -> dict[str, object]:
        """The n-th brief's fields for the writer, with the identity given in this process."""
        brief = loaded.briefs[n]
        doc = loaded.docs[n]
        doc["id"] = brief.id
        doc["meta"] = {**doc["meta"], "key": brief.key, "warnings": brief.warnings}  # type: ignore[dict-item]
        return doc

    def _assign_ids(
        self,
        briefs: list[Brief],
        path: str,
        owner: dict[str, str],
        man: Manifest,
        inherited_from: str | None,
    ) -> list[str]:
        """Give each brief its id; resolve clashes (two files claiming one identity)."""
        old_ids = man.files[inherited_from].ids if inherited_from else []
        ids = []
        for n, brief in enumerate(briefs):
            if inherited_from and brief.key.startswith("path:") and n < len(old_ids):
                brief.id = old_ids[n]  # a renamed file keeps its briefs' ids
            holder = owner.get(brief.id)
            if holder and holder != path and holder != inherited_from and os.path.exists(holder):
                brief.key = f"path:{Path(brief.meta.get('file', path)).as_posix()}#{n}"
                brief.id = make_id(brief.key)
                brief.warnings.append(f"same identity as {holder}; identified by its path instead")
            owner[brief.id] = path
            ids.append(brief.id)
        return ids

    def _writer(self, ix) -> tuple[BulkWriter, bool]:  # type: ignore[no-untyped-def]
        """A writer holding the index's write lock, and whether it waited for another writer
        (announced first as the phase "waiting": the wait may last up to LOCK_WAIT s)."""
        lock = ix.lock("WRITELOCK")
        waited = not lock.acquire(blocking=False)
        if waited:
            self.progress("waiting", 0, 0)
            deadline = time.monotonic() + LOCK_WAIT
            while not lock.acquire(blocking=False):
                if time.monotonic() > deadline:
                    raise IndexBusy(
                        f"{self.index_dir}: another brief process is writing this index; try again when it finishes"
                    )
                time.sleep(0.25)
        try:  # the writer opens its files at once: on a full disk this fails, the lock must go
            # zlib level 1 for the postings blocks: a fifth less compression time than
            # Whoosh's 3 (a third of a commit), for an index 3% larger.
            writer = BulkWriter(ix, limitmb=256, _lk=False, codec=W3Codec(compression=1))
        except BaseException:
            lock.release()
            raise
        writer.writelock = lock
        return writer, waited

    def _commit(self, ix, writer, man: Manifest, staged: dict[str, FileRecord | None], last: bool = False) -> None:  # type: ignore[no-untyped-def]
        # Facts first: if we die between the two commits, the files are still "changed"
        # in the manifest and the next run rewrites their rows.
        if last:
            factstore.create_indexes(self.db)
        if self.touched is not None or last:  # (a whole recompute waits for the last commit)
            factstore.refresh_glossary(self.db, self.touched)
            self.touched = set()
        self.db.commit()
        writer.commit(mergetype=merge_small_segments)
        for path, rec in staged.items():
            if rec is None:
                man.files.pop(path, None)
            else:
                man.files[path] = rec
        man.generation = ix.latest_generation()
        manifest_mod.save(self.index_dir, man)
        self.words.save(self.index_dir)


def _load_packed(args: tuple[Found, int, str]) -> bytes:
    """A loaded file as one pickle: results wait in the parent while it commits (thousands at
    50,000 briefs), and a pickle holds one in a fifth of the memory of its objects; each is
    unpickled when the writer takes it."""
    return pickle.dumps(_load(args), pickle.HIGHEST_PROTOCOL)


def _quiet_worker() -> None:
    """Workers leave Ctrl-C to the parent, which cancels the batch and reports once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
