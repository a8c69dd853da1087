"""Acronym facts: tables of tricky strings, and thirty pairs from the CRS/GAO corpus checked by
reading them in context."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefs.facts.acronyms import GLOSSARY, extract
from briefs.facts.model import Fact
from tests.conftest import corpus_path


def _facts(body: str) -> list[Fact]:
    facts = extract(body)
    for f in facts:
        assert f.type == "acronym"
        assert body[f.start:f.end] == f.text
        if f.long is not None:
            a, b = f.extra["defined_at"]
            assert body[a:b] == f.long
        else:
            assert f.extra["undefined"] is True
        assert f.extra["uses"] >= 1
    return facts


def _pairs(body: str) -> dict[str, str | None]:
    return {f.text: f.long for f in _facts(body)}


PAIRS = [
    # The long form keeps its leading content word even after a stop word inside it.
    ("The Office of Inspector General (OIG) faulted the programme.", "OIG",
     "Office of Inspector General"),
    ("Funding for the Space-Based Infrared System (SBIRS) ends in 2027.", "SBIRS",
     "Space-Based Infrared System"),
    ("SBIRS (Space-Based Infrared System) satellites still watch for launches.", "SBIRS",
     "Space-Based Infrared System"),
    ("The Department of Defense (DoD) asked for more, and the DoD got it.", "DoD",
     "Department of Defense"),
    ("Army units fielded more unmanned aerial vehicles (UAVs) than planned.", "UAV",
     "unmanned aerial vehicles"),
    ("Command, Control, Communications, Computers, Intelligence, Surveillance and "
     "Reconnaissance (C4ISR) networks tie the layers together.", "C4ISR",
     "Command, Control, Communications, Computers, Intelligence, Surveillance and Reconnaissance"),
    ("Joint All-Domain Command and Control (JADC2) is the Pentagon's name for it.", "JADC2",
     "Joint All-Domain Command and Control"),
    ("Private fifth generation (5G) networks now run on several bases.", "5G", "fifth generation"),
    ("The Education and Training (E&T) budget line grew.", "E&T", "Education and Training"),
    ("Research, Development, Test and Evaluation (RDT&E) accounts dominate the request.", "RDT&E",
     "Research, Development, Test and Evaluation"),
    ("The Proliferated Warfighter Space Architecture (PWSA) will hold hundreds of satellites.",
     "PWSA",
     "Proliferated Warfighter Space Architecture"),
    ("The European Union Agency for Cybersecurity (ENISA) warned about ground stations.", "ENISA",
     "European Union Agency for Cybersecurity"),
    ("Le secrétaire général de l'Organisation du Traité de l'Atlantique Nord (NATO) a parlé.",
     "NATO",
     "Organisation du Traité de l'Atlantique Nord"),
    ("U.S. Indo-Pacific Command (INDOPACOM) wants the radar on Guam.", "INDOPACOM",
     "Indo-Pacific Command"),
    ("U.S. Northern Command (NORTHCOM) defends the homeland.", "NORTHCOM", "Northern Command"),
    ("The U.S. Space Force (USSF) took over the mission.", "USSF", "U.S. Space Force"),
    ("Russia tested new intercontinental ballistic missiles (ICBMs) this year.", "ICBM",
     "intercontinental ballistic missiles"),
    ("Protected satellite communications (SATCOM) are scarce in the Arctic.", "SATCOM",
     "satellite communications"),
    ("The Stockholm International Peace Research Institute (SIPRI) counts warheads.", "SIPRI",
     "Stockholm International Peace Research Institute"),
    ("Operation and Maintenance (O&M) costs rose.", "O&M", "Operation and Maintenance"),
    ("The Department of Energy's (DOE) labs build the pits.", "DOE", "Department of Energy"),
    ("The Government Accountability Office (hereafter GAO) reviewed it.", "GAO",
     "Government Accountability Office"),
    ("Hypersonic and Ballistic Tracking Space Sensor (HBTSS) prototypes passed.", "HBTSS",
     "Hypersonic and Ballistic Tracking Space Sensor"),
    ("Next, Overhead Persistent Infrared (OPIR) satellites will replace SBIRS.", "OPIR",
     "Overhead Persistent Infrared"),
    # Square brackets define as round ones do, in both orders.
    ("Units of the Northern People's Militia [NPM] moved south.", "NPM",
     "Northern People's Militia"),
    ("Radars tracked more TBM [tactical ballistic missile] launches.", "TBM",
     "tactical ballistic missile"),
]


@pytest.mark.parametrize("body,short,long", PAIRS)
def test_definition_pairs(body: str, short: str, long: str) -> None:
    assert _pairs(body).get(short) == long


def test_one_fact_per_acronym_anchored_at_its_definition_with_uses_counted() -> None:
    body = ("SDA briefed reporters. The Space Development Agency (SDA) then launched ten "
            "satellites; "
            "SDA says more follow. SDA's budget grows.")
    [fact] = [f for f in _facts(body) if f.text == "SDA"]
    assert fact.long == "Space Development Agency"
    assert fact.start == body.index("(SDA)") + 1
    assert fact.extra["uses"] == 4
    assert fact.extra["defined_at"] == [body.index("Space Development"), body.index(" (SDA)")]


UNDEFINED = [
    ("THAAD batteries and Patriot units deployed together.", "THAAD"),
    ("HBTSS data reached the fire-control cell in seconds.", "HBTSS"),
    ("NATO allies met in Brussels.", "NATO"),
    ("The JASDF liaison team relied on a single link.", "JASDF"),
]


@pytest.mark.parametrize("body,short", UNDEFINED)
def test_acronyms_used_but_never_defined(body: str, short: str) -> None:
    [fact] = [f for f in _facts(body) if f.text == short]
    assert fact.long is None and fact.extra["undefined"] is True


NOT_ACRONYMS = [
    ("WASHINGTON — The Pentagon released its budget on Monday.", "WASHINGTON"),
    ("The Phase II award went to two teams.", "II"),
    ("Aegis ships carry the SM-3 Block IIA interceptor.", "IIA"),
    ("Aegis ships carry the SM-3 Block IIA interceptor.", "SM"),
    ("The F-35 fleet grew, and the US and the U.S. Navy agreed.", "US"),
    ("I said A was fine.", "I"),
    ("Updated April 13, 2026 (IF11643)", "IF11643"),
    ("Sen. Ted Cruz (R-TX) and a plant in Austin, TX were named.", "TX"),
    ("SPACE FORCE STANDS UP NEW DELTA FOR MISSILE WARNING\n\nThe unit opened Monday.", "DELTA"),
    ("Space Exploration Technologies Corp. (SpaceX) won the launch.", "SpaceX"),
    ("The contract went to the satellites (SDA) quickly.", "SDA-pair"),
    ("Sensors on the AN/TPY-6 radar were upgraded.", "AN"),
]


@pytest.mark.parametrize("body,token", NOT_ACRONYMS)
def test_traps_are_not_acronym_pairs_or_uses(body: str, token: str) -> None:
    pairs = _pairs(body)
    if token == "SDA-pair":  # the letters do not spell the words before the bracket
        assert pairs.get("SDA") is None
    else:
        assert token not in pairs


def test_glossary_is_small_and_only_for_names_whose_letters_do_not_follow_them() -> None:
    assert 0 < len(GLOSSARY) <= 20
    assert "SIPRI" not in GLOSSARY  # its letters follow its English name
    body = "The Organisation for Joint Armament Co-operation (OCCAR) manages A400M."
    assert _pairs(body)["OCCAR"] == "Organisation for Joint Armament Co-operation"


def test_same_short_form_defined_twice_keeps_the_first() -> None:
    body = "The Missile Defense Agency (MDA) tests. Later the Missile Defense Agency (MDA) reports."
    [fact] = _facts(body)
    assert fact.start == body.index("MDA")


# Thirty pairs drawn at random (seed 20260515) from the acronyms found in the CRS and GAO
# reports, each checked by reading it in its sentence: all thirty are right.
HAND_CHECKED = [
    ("gao/gao-05-927.md", "ETA", "Employment and Training Administration"),
    ("crs/reports/R45741v5-memorials-and-commemorative-works-outside-washin.md", "CBO",
     "Congressional Budget Office"),
    ("crs/reports/R48916v2-retailer-inventory-and-pricing-behavior-during-s.md", "DOJ",
     "Department of Justice"),
    ("crs/reports/RL34498v33-federal-individual-income-tax-brackets-standard-.md", "EITC",
     "Earned Income Tax Credit"),
    ("crs/reports/R48902v1-internet-architecture-a-layer-based-analysis-of-.md", "AI",
     "artificial intelligence"),
    ("crs/reports/R45741v5-memorials-and-commemorative-works-outside-washin.md", "FEMA",
     "Federal Emergency Management Agency"),
    ("crs/in-focus/IF11961v9-elections-grant-programs-authorizations-and-appr.md", "DOJ",
     "Department of Justice"),
    ("crs/reports/R48694v10-federal-research-and-development-r-d-funding-fy2.md", "SBIR",
     "Small Business Innovation Research"),
    ("crs/reports/R48905v2-u-s-department-of-agriculture-usda-structure-and.md", "OCR",
     "Office of Congressional Relations"),
    ("crs/reports/R48902v1-internet-architecture-a-layer-based-analysis-of-.md", "RO",
     "Registry Operator"),
    ("crs/in-focus/IF12610v6-defense-primer-u-s-space-force.md", "O&M",
     "operations and maintenance"),
    ("crs/in-focus/IF11643v21-artemis-nasa-s-program-to-return-humans-to-the-m.md", "OIG",
     "Office of Inspector General"),
    ("crs/reports/R47438v6-federal-credit-assistance-and-grant-programs-for.md", "SBA",
     "Small Business Administration"),
    ("crs/reports/R48447v6-unemployment-insurance-legislative-issues-in-the.md", "CRS",
     "Congressional Research Service"),
    ("crs/reports/R48447v6-unemployment-insurance-legislative-issues-in-the.md", "FFCRA",
     "Families First Coronavirus Response Act"),
    ("gao/gao-26-109034.md", "FPDS", "Federal Procurement Data System"),
    ("crs/reports/R48694v10-federal-research-and-development-r-d-funding-fy2.md", "HGEO",
     "Hydrocarbons and Geothermal Energy Office"),
    ("crs/insights/IN12680v1-recent-regulatory-changes-to-bank-capital-requir.md", "TLAC",
     "total loss-absorbing capacity"),
    ("gao/gao-26-107759.md", "RIT", "Rochester Institute of Technology"),
    ("crs/reports/R48694v10-federal-research-and-development-r-d-funding-fy2.md", "CMEI",
     "Critical Minerals and Energy Innovation"),
    ("crs/reports/R46646v17-election-administration-federal-grant-programs-f.md", "MOVE",
     "Military and Overseas Voter Empowerment"),
    ("crs/in-focus/IF12495v13-the-army-s-m-1e3-abrams-tank-modernization-progr.md", "AC",
     "Active Component"),
    ("crs/reports/R46646v17-election-administration-federal-grant-programs-f.md", "P&A",
     "Protection and advocacy"),
    ("crs/in-focus/IF10753v7-energy-star-program.md", "EPA", "Environmental Protection Agency"),
    ("crs/reports/R46991v32-economic-development-administration-an-overview-.md", "RIP",
     "Regional Innovations Program"),
    ("crs/in-focus/IF10753v7-energy-star-program.md", "GHG", "greenhouse gases"),
    ("crs/reports/RL34498v33-federal-individual-income-tax-brackets-standard-.md", "IRC",
     "Internal Revenue Code"),
    ("crs/reports/R48447v6-unemployment-insurance-legislative-issues-in-the.md", "FEMA",
     "Federal Emergency Management Agency"),
    ("crs/reports/R48906v2-inflation-reduction-act-methane-emissions-charge.md", "CRS",
     "Congressional Research Service"),
    ("crs/in-focus/IF12495v13-the-army-s-m-1e3-abrams-tank-modernization-progr.md", "CSA",
     "Chief of Staff of the Army"),
]


@pytest.mark.corpus
def test_thirty_hand_checked_corpus_pairs() -> None:
    from briefs.load import load_file

    assert len(HAND_CHECKED) == 30
    for rel, short, long in HAND_CHECKED:
        [brief] = load_file(str(corpus_path(*rel.split("/"))))
        found = {f.text: f.long for f in _facts(brief.body)}
        assert found.get(short) == long, (rel, short, found.get(short))


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="ABCDSo fthe(),.;&-'’\"\n0123456789aeiXV", max_size=200))
def test_never_raises_and_spans_hold(body: str) -> None:
    _facts(body)
