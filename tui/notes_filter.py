"""The notes store as the search layer's "annotations" provider (index/userfilters.py):
`is:starred`, `has:notes`, `note:words`, the analyst's `tag:` in `brief search`, the app's
search box and export queries.

The store is opened only when a query asks for it (most never do), from the CLI's settings
or the app's NotesHandle; a store that cannot be opened is a one-line QueryError.
"""

from __future__ import annotations

import sqlite3
import threading
from typing import TYPE_CHECKING, Any

from index.query import QueryError

if TYPE_CHECKING:
    from briefs.config import Settings
    from briefs.notes import NotesStore
    from tui.annotations import NotesHandle


class NotesFilter:
    """`(name, value) -> IdFilter` from the corpus's notes store, opened on first use."""

    def __init__(self, settings: Settings | None = None, handle: NotesHandle | None = None,
                 store: NotesStore | None = None) -> None:
        self.settings = settings
        self.handle = handle
        self._store = store
        self._owned = False
        self._lock = threading.Lock()

    def _open(self) -> Any:
        from briefs.notes import NotesError, NotesStore

        with self._lock:
            if self._store is not None:
                return self._store
            if self.handle is not None:
                store = self.handle.store()
                if store is None:
                    raise QueryError(f"the notes database cannot be read: {self.handle.error}")
                return store
            if self.settings is None:
                raise QueryError("searching notes needs the notes database")
            try:
                self._store = NotesStore.open(self.settings.data_dir, self.settings.corpus)
            except NotesError as exc:
                raise QueryError(f"the notes database cannot be read: {exc}") from None
            self._owned = True
            return self._store

    def __call__(self, name: str, value: str) -> Any:
        from briefs.notes import NotesError

        store = self._open()
        try:
            return store.filter_ids(name, value)
        except (NotesError, sqlite3.Error) as exc:
            raise QueryError(f"the notes database cannot be read: {exc}") from None

    def close(self) -> None:
        """Close the store if this filter opened it (a handle's or a given store stays open)."""
        with self._lock:
            if self._owned and self._store is not None:
                self._store.close()
            if self._owned:
                self._store = None
                self._owned = False
