"""Date facts: tables of tricky strings (absolute, relative against a fixed brief date, traps)."""

from __future__ import annotations

from datetime import date

import pytest

from briefs.facts.dates import extract
from briefs.facts.model import Fact

BRIEF = date(2026, 3, 11)  # a Wednesday


def _facts(body: str, brief: date | None = BRIEF) -> list[Fact]:
    facts = extract(body, brief)
    for f in facts:
        assert f.type == "date"
        assert body[f.start:f.end] == f.text
        assert "granularity" in f.extra
    return facts


def _one(body: str, text: str, brief: date | None = BRIEF) -> Fact:
    found = [f for f in _facts(body, brief) if f.text == text]
    assert found, f"{text!r} not found in {[f.text for f in _facts(body, brief)]}"
    return found[0]


ABSOLUTE = [
    ("SDA launched Tranche 1 on Tuesday, March 5, 2026, from Vandenberg.", "Tuesday, March 5, 2026",
     "2026-03-05", "day"),
    ("MARCH 5, 2026 — The Space Force stood up a new delta.", "MARCH 5, 2026", "2026-03-05", "day"),
    ("The hijacked airliners struck on Sept. 11, 2001, reshaping NORAD.",
     "Sept. 11, 2001", "2001-09-11", "day"),
    ("The carrier group sailed on 11 September 2001 from Norfolk.",
     "11 September 2001", "2001-09-11", "day"),
    ("Post-9/11 budgets swelled the counter-terrorism mission.", "9/11", "2001-09-11", "day"),
    ("The review, dated 2026-03-05, faulted the ground segment.",
     "2026-03-05", "2026-03-05", "day"),
    ("The Army signed the contract on 03/05/2026 in Huntsville.",
     "03/05/2026", "2026-03-05", "day"),
    ("Deliveries resumed on 25/12/2025 after the strike.", "25/12/2025", "2025-12-25", "day"),
    ("The tanker refuelled the F-35s on the 4th of July 2025.",
     "4th of July 2025", "2025-07-04", "day"),
    ("The GPS III SV10 satellite reached orbit in December 2025.",
     "December 2025", "2025-12", "month"),
    ("Integration slipped to mid-March 2027, the programme office said.",
     "mid-March 2027", "2027-03",
     "month"),
    ("The Navy requested $2 billion for FY2026 shipbuilding.", "FY2026", "FY2026", "fiscal_year"),
    ("The FY26 request cut two Littoral Combat Ships.", "FY26", "FY2026", "fiscal_year"),
    ("Congress added funds in FY 2026 for hypersonics.", "FY 2026", "FY2026", "fiscal_year"),
    ("Outlays in fiscal year 2026 rose for Golden Dome.",
     "fiscal year 2026", "FY2026", "fiscal_year"),
    ("The 2027 fiscal year begins in October.", "The 2027 fiscal year", "FY2027", "fiscal_year"),
    ("Launch is planned for the first quarter of 2027.",
     "the first quarter of 2027", "2027-Q1", "quarter"),
    ("Revenue from Starshield grew in Q1 2027.", "Q1 2027", "2027-Q1", "quarter"),
    ("The milestone moved to 2027-Q1.", "2027-Q1", "2027-Q1", "quarter"),
    ("A decision is expected in Q3 FY2026.", "Q3 FY2026", "FY2026-Q3", "fiscal_quarter"),
    ("The bomber will retire in the 2030s.", "the 2030s", "2030s", "decade"),
    ("Production of the interceptor ended in the 1990s.", "the 1990s", "1990s", "decade"),
    ("It was a relic of the '90s arms-control era.", "the '90s", "1990s", "decade"),
    ("Tensions peaked in the sixties over Berlin.", "the sixties", "1960s", "decade"),
    ("Deterrence in the 21st century rests on space.", "the 21st century", "20", "century"),
    ("Initial operating capability is due in mid-2027.", "mid-2027", "2027", "year"),
    ("The radar reached Guam in 2026 after a long delay.", "2026", "2026", "year"),
    ("Airmen trained in Alaska during the summer of 2017.", "the summer of 2017", "2017", "season"),
    ("Sailors spent Christmas 2025 at sea in the Red Sea.", "Christmas 2025", "2025-12-25", "day"),
    ("The treaty lapsed on Feb. 5, 2026, ending inspections.", "Feb. 5, 2026", "2026-02-05", "day"),
    ("Drills took place on Dec.14th, 2025 near the strait.", "Dec.14th, 2025", "2025-12-14", "day"),
]


@pytest.mark.parametrize("body,text,value,granularity", ABSOLUTE)
def test_absolute_dates(body: str, text: str, value: str, granularity: str) -> None:
    fact = _one(body, text)
    assert fact.value == value
    assert fact.extra["granularity"] == granularity
    assert not fact.extra.get("relative")
    assert _one(body, text, None).value == value  # no brief date needed


QUALIFIED = [
    ("Fielding slips to the early 2030s.", "the early 2030s", "2030s", "early"),
    ("The second constellation comes late 2026.", "late 2026", "2026", "late"),
    ("Tests resume in the second half of 2026.", "the second half of 2026", "2026", "second half"),
    ("The satellite ships in H1 2026 at the earliest.", "H1 2026", "2026", "first half"),
    ("The depot closes by the end of 2026.", "the end of 2026", "2026", "end"),
]


@pytest.mark.parametrize("body,text,value,qualifier", QUALIFIED)
def test_qualified_periods_keep_the_enclosing_value(body: str, text: str, value: str,
                                                    qualifier: str) -> None:
    fact = _one(body, text)
    assert (fact.value, fact.extra["qualifier"]) == (value, qualifier)


RANGES = [
    ("The exercise ran March 5-7, 2026, off Guam.", "March 5-7, 2026", "2026-03-05", "2026-03-07"),
    ("Talks were held 5–6 April 2016 in Vienna.", "5–6 April 2016", "2016-04-05", "2016-04-06"),
    ("Procurement is funded between 2027 and 2029.", "between 2027 and 2029", "2027", "2029"),
    ("The plan covers FY2026-FY2030.", "FY2026-FY2030", "FY2026", "FY2030"),
    ("The plan covers FY26-30 in detail.", "FY26-30", "FY2026", "FY2030"),
    ("The force grew from 2004 to 2009 in Iraq.", "from 2004 to 2009", "2004", "2009"),
    ("Trials run Oct. 25-Nov. 2, 2026 at White Sands.",
     "Oct. 25-Nov. 2, 2026", "2026-10-25", "2026-11-02"),
    ("Patrols ran from March to May 2026.", "from March to May 2026", "2026-03", "2026-05"),
    ("The 2025-26 budget was tight.", "2025-26", "2025", "2026"),
]


@pytest.mark.parametrize("body,text,value,end", RANGES)
def test_ranges_are_one_fact(body: str, text: str, value: str, end: str) -> None:
    fact = _one(body, text)
    assert (fact.value, fact.extra["end"]) == (value, end)
    assert len(_facts(body)) == 1


RELATIVE = [  # brief dated Wednesday 11 March 2026
    ("The launch was scrubbed yesterday because of winds.", "yesterday", "2026-03-10"),
    ("Yesterday's launch put two satellites in orbit.", "Yesterday", "2026-03-10"),
    ("The vote comes tomorrow.", "tomorrow", "2026-03-12"),
    ("The crane fell yesterday afternoon in high winds.", "yesterday afternoon", "2026-03-10"),
    ("The talks ended the day before yesterday.", "the day before yesterday", "2026-03-09"),
    ("The ministry confirmed the strike on Tuesday.", "Tuesday", "2026-03-10"),
    ("The frigate will sail on Friday for the Baltic.", "Friday", "2026-03-13"),
    ("Drones struck the depot last Friday.", "last Friday", "2026-03-06"),
    ("NATO ministers meet next Monday.", "next Monday", "2026-03-16"),
    ("The test failed last July over the Pacific.", "last July", "2025-07"),
    ("The carrier returned to port in December.", "December", "2025-12"),
    ("The carrier will deploy again in December.", "December", "2026-12"),
    ("Contracts are due in June.", "June", "2026-06"),
    ("The review is due in May, after the exercise.", "May", "2026-05"),
    ("Troops may march on the capital by March.", "March", "2026-03"),
    ("The satellite was lost on March 2 after a burn.", "March 2", "2026-03-02"),
    ("Bids close next month.", "next month", "2026-04"),
    ("Bids closed last month.", "last month", "2026-02"),
    ("Talks continue this week in Geneva.", "this week", "2026-W11"),
    ("The squadron redeployed two years ago.", "two years ago", "2024"),
    ("The outage started three days ago.", "three days ago", "2026-03-08"),
    ("The unit stood up earlier this year.", "earlier this year", "2026"),
    ("The award is expected early next year.", "early next year", "2027"),
    ("Losses mounted last year in the Black Sea.", "last year", "2025"),
    ("The review ends later this month.", "later this month", "2026-03"),
]


@pytest.mark.parametrize("body,text,value", RELATIVE)
def test_relative_dates_resolve_against_the_brief_date(body: str, text: str, value: str) -> None:
    fact = _one(body, text)
    assert fact.value == value
    assert fact.extra["relative"] is True
    unresolved = _one(body, text, None)
    assert unresolved.value is None and unresolved.extra["relative"] is True


VAGUE = [
    ("More launches are planned in the coming weeks.", "the coming weeks"),
    ("Attacks on shipping grew in recent years.", "recent years"),
    ("Over the past 24 hours, three drones were downed.", "the past 24 hours"),
]


@pytest.mark.parametrize("body,text", VAGUE)
def test_vague_relative_dates_are_kept_without_value(body: str, text: str) -> None:
    fact = _one(body, text)
    assert fact.value is None and fact.extra["relative"] is True


# The story's own time, not the brief's: found, with the unit, but no value.
NARRATIVE = [
    ("Later in the day, the minister flew on to Erbil.", "Later in the day", "day"),
    ("The crew landed at noon and left later that week.", "later that week", "week"),
    ("Exports fell from the year before, when they peaked.", "the year before", "year"),
    ("Talks resumed the day after the ceasefire.", "the day after", "day"),
]


@pytest.mark.parametrize("body,text,unit", NARRATIVE)
def test_narrative_relative_dates_are_found_without_value(body: str, text: str, unit: str) -> None:
    fact = _one(body, text)
    assert fact.value is None and fact.extra["relative"] is True
    assert fact.extra["granularity"] == unit


def test_recently_alone_places_nothing_on_the_timeline() -> None:
    # "recently" carries no date; "in recent weeks" does name a period.
    assert _facts("Russia has recently moved jammers to the border.") == []
    got = _facts("Russia moved jammers there in recent weeks.")
    assert [f.text for f in got] == ["recent weeks"]


NOT_DATES = [
    ("Planners must prepare for tomorrow's wars in orbit.", "tomorrow"),
    ("Today's Army must be ready to fight in space.", "Today"),
    ("Theresa May met NATO leaders in Brussels.", "May"),
    ("May the best bid win, the official joked.", "May"),
    ("March toward the border, the colonel ordered.", "March"),
    ("June Smith leads the Space Force's acquisition office.", "June"),
    ("Section 2026 of the act bars the purchase.", "2026"),
    ("UN Security Council Resolution 2231 endorsed the deal.", "2231"),
    ("The bill, H.R. 2026, would fund the Golden Dome.", "2026"),
    ("The F-35 fleet grew by 2,000 flight hours.", "F-35"),
    ("The F-35 fleet grew by 2,000 flight hours.", "2,000"),
    ("The constellation will grow to 2026 satellites.", "2026"),
    ("The deal was worth $2026 million in all.", "2026"),
    ("A Long March 5 rocket lifted off from Wenchang.", "March 5"),
    ("The missile has a range of 2000 km.", "2000"),
    ("Install firmware 1.2.26 before the exercise.", "1.2.26"),
    ("Black Friday sales of drones rose.", "Friday"),
    ("The airstrip on Christmas Island was extended.", "Christmas"),
    ("USA Today reported the leak.", "Today"),
    ("The crews train on a Monday each month.", "Monday"),
    ("The report, GAO-26-107551, was published.", "26"),
    ("The base fields 2026 troops and 40 aircraft.", "2026"),
]


@pytest.mark.parametrize("body,trap", NOT_DATES)
def test_traps_are_not_dates(body: str, trap: str) -> None:
    start = body.index(trap)
    overlapping = [f.text for f in _facts(body) if f.start < start + len(trap) and start < f.end]
    assert not overlapping, overlapping


def test_years_are_plausible_and_whole() -> None:
    body = "In 2026 the unit had 12026 rounds, a 1850 charter and serial 20260."
    assert [(f.text, f.value) for f in _facts(body)] == [("2026", "2026")]


def test_times_of_day_are_skipped_and_are_not_years() -> None:
    assert _facts("Strikes began at 1900 hours, 2:30 p.m. Zulu, and ended at 22:30.") == []


def test_year_less_dates_in_a_list_take_the_year_at_its_end() -> None:
    facts = _facts("Convoys were attacked in March, April and November 2025.")
    assert [(f.text, f.value) for f in facts] == [("March", "2025-03"), ("April", "2025-04"),
                                                  ("November 2025", "2025-11")]
    assert not any(f.extra.get("relative") for f in facts)


def test_september_eleventh_as_an_event_or_a_date() -> None:
    fact = _one("Since the September 11 attacks, the budget doubled.", "September 11")
    assert fact.value == "2001-09-11"
    fact = _one("The launch is set for September 11 at dawn.", "September 11")
    assert fact.value == "2026-09-11" and fact.extra["relative"]


def test_weekend_and_weekday_follow_tense() -> None:
    assert _one("Crews rested this weekend.", "this weekend").value == "2026-W10-WE"
    assert _one("Crews will rest this weekend.", "this weekend").value == "2026-W11-WE"


def test_spans_in_a_longer_brief() -> None:
    body = (
        "WASHINGTON, March 10, 2026 — The Space Force said on Monday that the first Next-Gen OPIR\n"
        "satellite, delayed from FY2025, will launch in the second half of 2026. Officials expect\n"
        "the constellation to be complete by the early 2030s; 2,000 engineers work on it."
    )
    got = [(f.text, f.value) for f in _facts(body)]
    assert got == [("March 10, 2026", "2026-03-10"), ("Monday", "2026-03-09"), ("FY2025", "FY2025"),
                   ("the second half of 2026", "2026"), ("the early 2030s", "2030s")]


def test_no_dates_in_an_empty_or_plain_body() -> None:
    assert extract("", None) == []
    assert extract("Satellites, drones and radars were discussed at length.", BRIEF) == []
