"""Quantity facts: a table of tricky strings (our own sentences), then things that are not quantities."""

from __future__ import annotations

import pytest

from briefs.facts import money, quantities

# sentence -> every quantity expected in it: (text, amount, unit, extra that must be present)
CASES: list[tuple[str, list[tuple[str, float, str | None, dict]]]] = [
    ("SDA will launch 28 satellites this year.", [("28 satellites", 28, "satellite", {})]),
    ("The wing flew 12 aircraft and 300 personnel forward.",
     [("12 aircraft", 12, "aircraft", {}), ("300 personnel", 300, "personnel", {})]),
    ("About 6,000 troops and 40 staff remain.",
     [("6,000 troops", 6000, "troops", {"qualifier": "about"}), ("40 staff", 40, "staff", {})]),
    ("Near Raqqa, 16 Coalition aircraft destroyed six VBIEDs and three ISIL-held buildings.",
     [("16 Coalition aircraft", 16, "aircraft", {}), ("six VBIEDs", 6, "VBIED", {}),
      ("three ISIL-held buildings", 3, "building", {})]),
    ("The strikes hit five oil tanker trucks and two supply caches.",
     [("five oil tanker trucks", 5, "truck", {}), ("two supply caches", 2, "cache", {})]),
    ("The battalion fielded three brigades and 40 airmen.",
     [("three brigades", 3, "brigade", {}), ("40 airmen", 40, "airman", {})]),
    ("Orbits between 500 and 600 km are planned.",
     [("500 and 600 km", 500, "kilometre", {"low": 500, "high": 600})]),
    ("Shells fly 500-600 km; gliders fly 1,800 to 2,500 km.",
     [("500-600 km", 500, "kilometre", {"high": 600}), ("1,800 to 2,500 km", 1800, "kilometre", {"high": 2500})]),
    ("A conceptual 8- to 16-metre mirror.", [("8- to 16-metre", 8, "metre", {"low": 8, "high": 16})]),
    ("Between two and three satellites per plane.", [("two and three satellites", 2, "satellite", {"high": 3})]),
    ("Dozens of satellites and hundreds of thousands of people.",
     [("Dozens of satellites", 24, "satellite", {"vague": True}),
      ("hundreds of thousands of people", 200000, "people", {"vague": True})]),
    ("Several hundred troops deployed.", [("Several hundred troops", 300, "troops", {"vague": True})]),
    ("Output rose 8%, or 8 percent, or 8 per cent; 15 to 20 percent of the city.",
     [("8%", 8, "percent", {}), ("8 percent", 8, "percent", {}), ("8 per cent", 8, "percent", {}),
      ("15 to 20 percent", 15, "percent", {"high": 20})]),
    ("The glider flew at Mach 5 for about 40 seconds.",
     [("Mach 5", 5, "Mach", {}), ("40 seconds", 40, "second", {"qualifier": "about"})]),
    ("It can lift 45,000 kg; the 98-metre rocket carries two meters of cable.",
     [("45,000 kg", 45000, "kilogram", {}), ("98-metre", 98, "metre", {}), ("two meters", 2, "metre", {})]),
    ("A 155mm howitzer and a 12.7 mm gun.", [("155mm", 155, "millimetre", {}), ("12.7 mm", 12.7, "millimetre", {})]),
    ("Patrols reach 3,000 nautical miles and 12 nm from shore; 7nm chips.",
     [("3,000 nautical miles", 3000, "nautical mile", {}), ("12 nm", 12, "nautical mile", {}),
      ("7nm", 7, "nanometre", {})]),
    ("The SDF retook 2.5 million square miles and 18,000 square kilometers.",
     [("2.5 million square miles", 2.5e6, "square mile", {}), ("18,000 square kilometers", 18000, "square kilometre", {})]),
    ("Cruising at 900 kilometres per hour and 30 m/s.",
     [("900 kilometres per hour", 900, "kilometre per hour", {}), ("30 m/s", 30, "metre per second", {})]),
    ("A dozen drones and half a million rounds.",
     [("A dozen drones", 12, "drone", {}), ("half a million rounds", 500000, "round", {})]),
    ("Two-thirds of the fleet.", [("Two-thirds", 2 / 3, None, {})]),
    ("The 60-plus nations agreed.", [("60-plus nations", 60, "nation", {"qualifier": "plus"})]),
    ("Some 5m people live there.", [("5m people", 5e6, "people", {"qualifier": "some"})]),
    ("A CEP of 10 ± 2 m.", [("10 ± 2 m", 10, "metre", {"uncertainty": 2})]),
    ("Temperatures reach -40 °C.", [("-40 °C", -40, "degree Celsius", {})]),
    ("The tally now totals 6,602.", [("6,602", 6602, None, {})]),
    ("ONE AEGIS DESTROYER AND A TEAM OF 6 PERSONNEL FOR 70 MINUTES.",
     [("6 PERSONNEL", 6, "personnel", {}), ("70 MINUTES", 70, "minute", {})]),
    ("One satellite failed.", [("One satellite", 1, "satellite", {})]),
    # "from X to Y" is a change: two facts; the first borrows the unit written once.
    ("The share rose from 40 to 55 percent.", [("40", 40, "percent", {}), ("55 percent", 55, "percent", {})]),
    ("Call (202) 512-6000 about the 20 sites.", [("20 sites", 20, "site", {})]),
    ("The review covers 24\nlarge agencies.", [("24\nlarge agencies", 24, "agency", {})]),
]

NOT_QUANTITIES = [
    "In 2026 the F-35, SM-6 and Falcon 9 flew again.",
    "Section 889 and Tranche 3 and Block 5 and Voyager 2 apply.",
    "The hearing is on 5 March 2026, or Jan. 1, at 0800 GMT or at 2 pm.",
    "Call 703-555-0100 or +44 20 7946 0000.",
    "The 93rd anniversary of the 1st Class.",
    "See GAO-26-107551 and P.L. 115-91, and 10 U.S.C. 2304.",
    "A vote of 52-48 in 2013-14.",
    "Tranches 1 to 3 launch from November 16 - 17.",
    "Version: 14 of the report, see [5] and (2).",
    '<?xml version="1.0" encoding="UTF-8"?>',
    "No one knows; the one we trust is the only one.",
    "The Five Eyes met in Ottawa.",
    "A two-stage booster and a 3-star general.",
    "In fiscal year 2024 obligations grew.",
    "The passcode is 3080897.",
    "Costs are given in millions of nominal dollars.",
    "Agencies received high scores on the survey; memo_03_26_12.pdf; <br>56<br>59",
]


@pytest.mark.parametrize(("body", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_quantity_table(body: str, expected: list[tuple[str, float, str | None, dict]]) -> None:
    facts = quantities.extract(body)
    assert [(f.text, f.unit) for f in facts] == [(t, u) for t, _, u, _ in expected]
    for fact, (_, amount, _, extra) in zip(facts, expected):
        assert fact.type == "quantity" and body[fact.start:fact.end] == fact.text
        assert fact.amount == pytest.approx(amount)
        for key, value in extra.items():
            assert fact.extra.get(key) == (pytest.approx(value) if isinstance(value, float) else value), key


@pytest.mark.parametrize("body", NOT_QUANTITIES)
def test_not_quantities(body: str) -> None:
    assert quantities.extract(body) == []


def test_money_is_never_counted_twice() -> None:
    body = "Lockheed won $2 billion for 18 satellites; Japan pays 4.5 million euros and 210 billion yen."
    spans = [(f.start, f.end) for f in money.extract(body)]
    assert [f.text for f in quantities.extract(body, exclude=spans)] == ["18 satellites"]
    assert [f.text for f in quantities.extract(body)] != ["18 satellites"]  # without exclude they would be


def test_every_fact_is_a_slice_of_the_body() -> None:
    body = "Over 870 missions, 265 bombing raids and roughly 1,000 km orbits in 4 planes.\n\n- 72 satellites"
    facts = quantities.extract(body)
    assert [(f.text, f.extra.get("qualifier")) for f in facts] == [
        ("870 missions", "over"), ("265 bombing raids", None), ("1,000 km", "roughly"), ("4 planes", None),
        ("72 satellites", None)]
    assert all(body[f.start:f.end] == f.text for f in facts)
