"""The scorer's reading of the gold sets (scripts/scoring), on our own small examples."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from scoring.dates import not_a_date  # noqa: E402
from scoring.entities import _gum_doc  # noqa: E402
from scoring.money_quantities import _as_ranges  # noqa: E402

from briefs.facts import money  # noqa: E402


@pytest.mark.parametrize("text", ["two years", "12 months", "11-year", "15 minutes",
                                  "10 a.m.", "22:30", "'Z'", "Greenwich Mean Time", "the morning"])
def test_durations_and_clock_times_are_not_dates(text: str) -> None:
    assert not_a_date(text)


@pytest.mark.parametrize("text", ["the past 24 hours", "two years ago", "last year", "Today",
                                  "Dec. 10", "2016", "Later in the day", "this weekend"])
def test_dates_and_anchored_periods_stay_dates(text: str) -> None:
    assert not not_a_date(text)


def test_a_change_scores_as_the_range_the_gold_set_writes() -> None:
    text = "The unit price rose from $40 per kg to $75 per kg."
    [fact] = _as_ranges(text, money.extract(text))
    assert (fact.amount, fact.extra["low"], fact.extra["high"]) == (40, 40, 75)


def test_a_list_is_not_a_range() -> None:
    text = "Two awards: $40 million and $75 million."
    assert [f.amount for f in _as_ranges(text, money.extract(text))] == [40e6, 75e6]


CONLLU = """# newpar
# text = Ana Lima of Orbital Works spoke.
1\tAna\tAna\tPROPN\tNNP\tNumber=Sing\t6\tnsubj\t_\tEntity=(1-person-new
2\tLima\tLima\tPROPN\tNNP\tNumber=Sing\t1\tflat\t_\t_
3\tof\tof\tADP\tIN\t_\t4\tcase\t_\t_
4\tOrbital\tOrbital\tPROPN\tNNP\tNumber=Sing\t1\tnmod\t_\tEntity=(2-organization-new
5\tWorks\tWorks\tPROPN\tNNP\tNumber=Sing\t4\tflat\t_\tEntity=2)1)
6\tspoke\tspeak\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No
7\t.\t.\tPUNCT\t.\t_\t6\tpunct\t_\t_
"""


def test_a_person_name_stops_before_of_and_the_organisation_is_its_own_name() -> None:
    text, gold, _ = _gum_doc(CONLLU)
    assert sorted((text[a:b], kind) for a, b, kind in gold) == [
        ("Ana Lima", "person"), ("Orbital Works", "organisation")]
