"""Messages between the workers and the screens: ResultsReady, BriefLoaded, FacetsReady…"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual.message import Message

from briefs.facts.group import FactGroup
from index.search import Results
from tui.facets import FacetCounts


@dataclass
class ResultsReady(Message):
    """A search finished (results) or failed (error: one line for the user)."""

    serial: int
    query: str
    results: Results | None = None
    error: str = ""


@dataclass
class BriefLoaded(Message):
    """A brief's stored fields, its hit spans for the current query and its grouped facts."""

    serial: int
    stored: dict[str, Any]
    hits: list[tuple[int, int]] = field(default_factory=list)
    facts: dict[str, list[FactGroup]] = field(default_factory=dict)
    error: str = ""


@dataclass
class RelatedLoaded(Message):
    """Related briefs for the brief with this id."""

    brief_id: str
    items: list[Any] = field(default_factory=list)
    error: str = ""


@dataclass
class OpenBrief(Message):
    """A pane asks for a brief to be opened (from results or related)."""

    brief_id: str


@dataclass
class ShowSpan(Message):
    """A pane asks the reader to scroll to and highlight a range of the body."""

    start: int
    end: int


@dataclass
class SearchFor(Message):
    """Search the corpus for this query (a fact turned into a search)."""

    query: str


@dataclass
class FacetsReady(Message):
    """Facet values of a query for the filter picker (or a one-line error)."""

    counts: FacetCounts | None = None
    error: str = ""
