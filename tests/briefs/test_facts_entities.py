"""Named-entity extractor: tricky defence/space sentences, aliases, traps, lazy data."""

from __future__ import annotations

import gzip
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefs.facts import entities, entities_data, sentences
from briefs.facts.model import Fact

ROOT = Path(__file__).resolve().parents[2]


def run(body: str, acronyms: list[Fact] | None = None) -> list[Fact]:
    facts = entities.extract(body, sentences.split(body), acronyms or [])
    for f in facts:
        assert body[f.start:f.end] == f.text, f
        assert f.type in ("person", "organisation", "place", "programme")
        assert f.value and f.aliases and f.text.strip() and " ".join(f.text.split()) in f.aliases
    return facts


def found(body: str, acronyms: list[Fact] | None = None) -> set[tuple[str, str]]:
    return {(f.type, f.text) for f in run(body, acronyms)}


# Each row: a sentence, entities that must be found (type, text), texts that must not be
# an entity of any type.
CASES = [
    ("Gen. Joseph Votel, commander of U.S. Central Command, said the strikes continued.",
     {("person", "Joseph Votel"), ("organisation", "U.S. Central Command")}, {"Gen.", "Gen"}),
    ("Pentagon Press Secretary Peter Cook told reporters the Navy would respond.",
     {("person", "Peter Cook"), ("organisation", "Pentagon"), ("organisation", "Navy")},
     {"Press Secretary", "Secretary"}),
    ("Russian Foreign Minister Sergei Lavrov met Secretary of State Antony Blinken in Geneva.",
     {("person", "Sergei Lavrov"), ("person", "Antony Blinken"), ("place", "Geneva")},
     {"Russian", "Foreign Minister", "Secretary of State"}),
    ("Northrop Grumman and Lockheed Martin will build the interceptors, while Blue Origin bids for launch.",
     {("organisation", "Northrop Grumman"), ("organisation", "Lockheed Martin"), ("organisation", "Blue Origin")},
     set()),
    ("The Space Development Agency launched Tracking Layer satellites from Vandenberg Space Force Base.",
     {("organisation", "Space Development Agency"), ("programme", "Tracking Layer"),
      ("place", "Vandenberg Space Force Base")}, {"The"}),
    ("Aegis destroyers fired an SM-6 and an SM-3 Block IIA during the test near Guam.",
     {("programme", "Aegis"), ("programme", "SM-6"), ("programme", "SM-3 Block IIA"), ("place", "Guam")},
     set()),
    ("The F-35A and the KC-46 flew from Ramstein Air Base to Incirlik.",
     {("programme", "F-35A"), ("programme", "KC-46"), ("place", "Ramstein Air Base"), ("place", "Incirlik")},
     set()),
    ("SpaceX will fly Starshield satellites, and Golden Dome funding grew in March.",
     {("organisation", "SpaceX"), ("programme", "Starshield"), ("programme", "Golden Dome")},
     {"March"}),
    ("Chinese and Russian officials criticised the plan on Tuesday.",
     set(), {"Chinese", "Russian", "Tuesday"}),
    ("Officials at the Halvorsen Institute for Strategic Studies doubted the schedule.",
     {("organisation", "Halvorsen Institute for Strategic Studies")}, {"Officials"}),
    ("The Office of Inspector General (OIG) reviewed the Next-Gen OPIR programme.",
     {("organisation", "Office of Inspector General"), ("organisation", "OIG"), ("programme", "Next-Gen OPIR")},
     {"of Inspector General"}),
    ("Syrian Democratic Forces advanced on Raqqa with support from the Coalition.",
     {("organisation", "Syrian Democratic Forces"), ("place", "Raqqa"), ("organisation", "Coalition")},
     set()),
    ("Renata Obuya, a senior fellow, said the layer was late. Obuya added that costs would rise.",
     {("person", "Renata Obuya"), ("person", "Obuya")}, set()),
    ("Japan's ATLA and the Missile Defense Agency will share the Glide Phase Interceptor.",
     {("place", "Japan"), ("organisation", "ATLA"), ("organisation", "Missile Defense Agency"),
      ("programme", "Glide Phase Interceptor")}, set()),
    ("Fighting continued in Marea, north of Aleppo, according to Brett McGurk.",
     {("place", "Marea"), ("place", "Aleppo"), ("person", "Brett McGurk")}, set()),
    ("HMS Ocean and USS Carl Vinson sailed into the Red Sea.",
     {("programme", "HMS Ocean"), ("programme", "USS Carl Vinson"), ("place", "Red Sea")}, set()),
    ("Lt. Gen. Stephen J. Townsend met Iraqi Prime Minister Haider al-Abadi in Baghdad.",
     {("person", "Stephen J. Townsend"), ("person", "Haider al-Abadi"), ("place", "Baghdad")},
     {"Iraqi", "Iraqi Prime Minister"}),
    ("U.S. forces are advising Kurdish YPG fighters in northern Syria.",
     {("place", "U.S."), ("organisation", "YPG"), ("place", "Syria")}, {"Kurdish", "U.S. forces"}),
    ("The Department of Defense asked the House Armed Services Committee for $7.2 billion.",
     {("organisation", "Department of Defense"), ("organisation", "House Armed Services Committee")}, set()),
    ('Press accounts such as "Golden Dome Office Outlines Four-Layer Architecture and First Cost Figures" agree.',
     {("organisation", "Golden Dome Office")}, {"Golden Dome Office Outlines Four-Layer Architecture"}),
    ("Golden Dome-related lines grew, and NSSL Phase 3 Lane 1 awards slipped; OTAs followed.",
     {("programme", "Golden Dome"), ("programme", "NSSL")}, {"Golden Dome-related", "Lane", "OTAs"}),
    ("Wide-field sensors caught the boost near the Pacific Missile Range Facility, Kauai.",
     {("place", "Pacific Missile Range Facility"), ("place", "Kauai")}, {"Wide-field"}),
    ("Rocket Lab's Neutron and ULA's Vulcan Centaur compete for NSSL Phase 3 missions.",
     {("organisation", "Rocket Lab"), ("programme", "Neutron"), ("organisation", "ULA"),
      ("programme", "Vulcan Centaur"), ("programme", "NSSL")}, set()),
]


@pytest.mark.parametrize("body,want,unwanted", CASES, ids=[c[0][:40] for c in CASES])
def test_sentences(body: str, want: set[tuple[str, str]], unwanted: set[str]) -> None:
    got = found(body)
    assert want <= got, f"missing {want - got}; got {got}"
    texts = {t for _, t in got}
    assert not (unwanted & texts), unwanted & texts


def test_acronym_and_long_form_are_one_entity() -> None:
    body = ("The Hypersonic and Ballistic Tracking Space Sensor (HBTSS) tracked the target. "
            "Later, HBTSS handed the track to Aegis.")
    facts = [f for f in run(body) if f.value == "Hypersonic and Ballistic Tracking Space Sensor"]
    assert [f.text for f in facts] == ["Hypersonic and Ballistic Tracking Space Sensor", "HBTSS", "HBTSS"]
    assert all(f.type == "programme" for f in facts)
    assert facts[0].aliases == ["Hypersonic and Ballistic Tracking Space Sensor", "HBTSS"]


def test_acronym_fact_links_an_unknown_organisation() -> None:
    body = ("The Orbital Resilience Directorate (ORD) met on Monday. Analysts said ORD was underfunded.")
    acr = [Fact("acronym", "ORD", body.index("ORD"), body.index("ORD") + 3, long="Orbital Resilience Directorate")]
    facts = run(body, acr)
    ords = [f for f in facts if f.text == "ORD"]
    assert len(ords) == 2 and {f.type for f in ords} == {"organisation"}
    assert {f.value for f in ords} == {"Orbital Resilience Directorate"}


def test_cut_long_form_from_acronym_fact_still_merges() -> None:
    # the trap: an acronym fact whose long form lost its first word
    body = "The Office of Inspector General (OIG) found gaps. OIG will report again."
    acr = [Fact("acronym", "OIG", body.index("OIG"), body.index("OIG") + 3, long="of Inspector General")]
    facts = run(body, acr)
    assert {(f.text, f.value) for f in facts} == {
        ("Office of Inspector General", "Office of Inspector General"), ("OIG", "Office of Inspector General")}


def test_full_name_and_surname_are_one_person() -> None:
    body = ("Col. Dana Whitfield, Tracking Layer programme director, spoke first. "
            "Whitfield said the next test would follow. Whitfield's team agreed.")
    people = [f for f in run(body) if f.type == "person"]
    assert [f.text for f in people] == ["Dana Whitfield", "Whitfield", "Whitfield"]
    assert {f.value for f in people} == {"Dana Whitfield"}
    assert people[0].aliases == ["Dana Whitfield", "Whitfield"]


def test_gazetteer_canonical_and_aliases() -> None:
    facts = run("The U.S. and the United States Space Force agree; USSF officials said so.")
    us = [f for f in facts if f.text == "U.S."]
    assert us and us[0].type == "place" and us[0].value == "United States"
    ussf = [f for f in facts if f.value == "United States Space Force"]
    assert {f.text for f in ussf} == {"United States Space Force", "USSF"}


# --------------------------------------------------------------------------- traps


def test_headline_words_are_not_names() -> None:
    body = ("# Golden Dome Office Outlines Four-Layer Architecture and First Cost Figures\n\n"
            "The office responsible for Golden Dome briefed industry in Huntsville.")
    got = found(body)
    texts = {t for _, t in got}
    assert ("programme", "Golden Dome") in got and ("place", "Huntsville") in got
    assert not texts & {"Outlines", "Four-Layer Architecture", "First Cost Figures", "Architecture"}


def test_title_case_headline_without_hash() -> None:
    body = "Space Force Awards Contract For Missile Warning Satellites\n\nThe Space Force said on Monday."
    texts = {t for _, t in found(body)}
    assert "Awards Contract" not in texts and "Missile Warning Satellites" not in texts
    assert "Space Force" in texts


def test_all_caps_dateline_and_headline() -> None:
    body = ("PENTAGON UNVEILS NEW SPACE STRATEGY\n\n"
            "WASHINGTON (Reuters) — The Pentagon on Monday released a strategy. BREAKING NEWS follows.")
    facts = run(body)
    texts = {f.text for f in facts}
    assert not texts & {"PENTAGON UNVEILS", "NEW SPACE STRATEGY", "BREAKING NEWS", "BREAKING", "UNVEILS", "NEW"}
    assert ("organisation", "Pentagon") in {(f.type, f.text) for f in facts}
    # the dateline is a place, never a person or an organisation
    assert [(f.type, f.value) for f in facts if f.text == "WASHINGTON"] == [("place", "Washington")]


def test_sentence_initial_common_words() -> None:
    body = "However, analysts doubted it. Several satellites failed. Officials said Tuesday that Patriot worked."
    texts = {t for _, t in found(body)}
    assert not texts & {"However", "Several", "Officials", "Tuesday"}


def test_months_weekdays_and_nationalities_are_not_entities() -> None:
    body = "In March the Chinese and Iranian delegations met on Friday in May and June."
    assert found(body) == set()


def test_companies_named_like_people() -> None:
    got = found("Contracts went to Northrop Grumman, Lockheed Martin, Blue Origin and Sierra Nevada Corporation.")
    assert {t for k, t in got if k == "person"} == set()
    assert {"Northrop Grumman", "Lockheed Martin", "Blue Origin", "Sierra Nevada Corporation"} <= {t for _, t in got}


def test_possessive_is_not_in_the_name() -> None:
    got = found("China's PLA Rocket Force and Lockheed Martin's radar were discussed.")
    assert ("place", "China") in got and ("organisation", "Lockheed Martin") in got
    assert ("organisation", "PLA Rocket Force") in got


def test_country_acting_is_an_organisation() -> None:
    got = found("Russia said it would respond, and the UK has sent ships to the Black Sea near Russia.")
    types = [(f.type, f.text) for f in run("Russia said it would respond. Troops stayed in Russia.")]
    assert ("organisation", "Russia") in got and ("place", "Black Sea") in got
    assert types == [("organisation", "Russia"), ("place", "Russia")]


def test_empty_and_plain_text() -> None:
    assert run("") == []
    assert run("nothing here is named, not one word.") == []


# --------------------------------------------------------------------------- lazy data


def test_import_does_not_load_data() -> None:
    code = ("import briefs.facts.entities as e, briefs.facts.entities_data as d; "
            "assert d._CACHE == {}, d._CACHE; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"


def test_loading_takes_under_200_ms() -> None:
    saved = dict(entities_data._CACHE)
    entities_data._CACHE.clear()
    try:
        started = time.process_time()
        lex = entities_data.lexicon()
        elapsed = time.process_time() - started
    finally:
        entities_data._CACHE.clear()
        entities_data._CACHE.update(saved)
    assert elapsed < 0.2, elapsed
    assert "Washington" in lex.names and "Northrop Grumman" in lex.names and "Mohammed" in lex.given


def test_data_files_name_their_source_and_licence() -> None:
    data = ROOT / "briefs" / "facts" / "data"
    licences = (data / "LICENSES.md").read_text(encoding="utf-8")
    files = [p for p in data.iterdir() if p.name != "LICENSES.md"]
    assert files
    total = 0
    for path in files:
        total += path.stat().st_size
        assert path.name in licences, path.name
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        first = raw.decode("utf-8").splitlines()[0]
        assert first.startswith("# ") and "source" in first and "licence" in first, path.name
    assert total < 400_000
