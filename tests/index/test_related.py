"""Related briefs on our sample briefs, against clusters we checked by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefs.config import SAMPLES_DIR
from index.indexer import Indexer
from index.related import related
from index.search import Searcher

PWSA = {  # the Tracking Layer and its architecture: award, launch, delay, budget, test, feeds
    "space/sda-tranche-3-tracking-layer-awards.md",
    "space/tracking-layer-tranche-1-first-launch.md",
    "reports/tracking-layer-tranche-2-schedule-risk.md",
    "space/pwsa-fy2027-budget-request.md",
    "notes/tracking-layer-hypersonic-tracking-test-notes.txt",
    "space/transport-layer-tranche-2-beta.md",
    "reports/hbtss-transition-to-operations.md",
    "feeds/defense-wire-space-missile-defense.xml",  # items R2 (slip) and R3 (Transport Layer)
}
GOLDEN_DOME = {
    "web/golden-dome-space-based-interceptor-prototypes.html",
    "reports/golden-dome-cost-and-oversight.md",
}
VULCAN = {"launch/vulcan-first-national-security-mission.md", "feeds/orbital-watch.atom"}


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    index_dir = tmp_path_factory.mktemp("ix")
    Indexer(index_dir, 20 << 20, workers=1).run([SAMPLES_DIR])
    with Searcher(index_dir) as s:
        yield s


def rel(path: str) -> str:
    return Path(path).relative_to(SAMPLES_DIR).as_posix()


def related_to(searcher: Searcher, sample: str, n: int = 3):  # type: ignore[no-untyped-def]
    stored = searcher.get(str(SAMPLES_DIR / sample))
    return related(searcher, stored["id"], limit=n)


@pytest.mark.parametrize("sample", sorted(PWSA - {"feeds/defense-wire-space-missile-defense.xml",
                                                   "notes/tracking-layer-hypersonic-tracking-test-notes.txt",
                                                   "space/transport-layer-tranche-2-beta.md",
                                                   # HBTSS sits between tracking and hypersonic defence:
                                                   "reports/hbtss-transition-to-operations.md"}))
def test_tracking_layer_briefs_rank_each_other_first(searcher: Searcher, sample: str) -> None:
    found = [rel(r.path) for r in related_to(searcher, sample)]
    assert set(found) <= PWSA, found
    assert sample not in found


def test_golden_dome_and_vulcan_clusters(searcher: Searcher) -> None:
    found = [rel(r.path) for r in related_to(searcher, "missile-defence/golden-dome-architecture-unveiled.md", 2)]
    assert set(found) == GOLDEN_DOME
    found = [rel(r.path) for r in related_to(searcher, "launch/vulcan-vandenberg-cadence.md", 2)]
    assert set(found) == VULCAN


def test_reasons_name_what_is_shared(searcher: Searcher) -> None:
    [top] = related_to(searcher, "launch/vulcan-vandenberg-cadence.md", 1)
    assert "Vulcan" in top.entities
    assert "same programme" in top.kinds
    assert top.reason.startswith("shares ") and "Vulcan" in top.reason
    assert "terms: " in top.reason
    assert not any(len(t) < 3 for t in top.terms)
    scores = [r.score for r in related_to(searcher, "launch/vulcan-vandenberg-cadence.md", 8)]
    assert scores == sorted(scores, reverse=True)


def test_a_brief_that_quotes_another_by_title_is_linked_both_ways(searcher: Searcher) -> None:
    # The FY2027 budget brief cites "SDA Awards Tranche 3 Tracking Layer Contracts Worth $3.6 Billion".
    [top] = related_to(searcher, "space/pwsa-fy2027-budget-request.md", 1)
    assert rel(top.path) == "space/sda-tranche-3-tracking-layer-awards.md"
    assert top.kinds[0] == "linked"
    [back] = related_to(searcher, "space/sda-tranche-3-tracking-layer-awards.md", 1)
    assert rel(back.path) == "space/pwsa-fy2027-budget-request.md" and "linked" in back.kinds


def test_links_by_url_and_related_front_matter(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.md").write_text("---\ntitle: Radar site chosen\nurl: https://example.com/radar\n---\n"
                                 "The Army chose a radar site on Guam for the new sensor.\n")
    (corpus / "b.md").write_text("---\ntitle: Budget notes\nrelated: [c.md]\n---\nSee [the radar story]"
                                 "(https://example.com/radar/) for the site decision. Money for interceptors.\n")
    (corpus / "c.md").write_text("---\ntitle: Interceptor stocks\n---\nInterceptor stocks fell after the exercise.\n")
    Indexer(tmp_path / "ix", 20 << 20, workers=1).run([corpus])
    with Searcher(tmp_path / "ix") as s:
        b = s.get(str(corpus / "b.md"))
        linked = {r.title for r in related(s, b["id"]) if "linked" in r.kinds}
        assert linked == {"Radar site chosen", "Interceptor stocks"}
        # ...and each brief pointed at lists the one that points at it.
        for target in ("a.md", "c.md"):
            back = related(s, s.get(str(corpus / target))["id"])
            assert "Budget notes" in {r.title for r in back if "linked" in r.kinds}, target
