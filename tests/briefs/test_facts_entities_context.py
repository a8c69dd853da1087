"""Entities typed by what the whole brief says around them (our own sentences).

Organisations named by their members or in short, acronyms made of a name's initials,
countries acting or playing, and numbered labels that are not places.
"""

from __future__ import annotations

import pytest

from briefs.facts import acronyms, entities, sentences
from briefs.facts.model import Fact


def run(body: str) -> list[Fact]:
    facts = entities.extract(body, sentences.split(body), acronyms.extract(body))
    for f in facts:
        assert body[f.start:f.end] == f.text, f
    return facts


def typed(body: str) -> list[tuple[str, str]]:
    return [(f.type, f.text) for f in run(body)]


# sentence -> (type, text) pairs that must be found, in order of appearance
CASES = [
    # a person "of" a name: the name is their organisation
    ("Priya Raman of Halcyra said the bid was late. Tomas Berg of NKSR agreed.",
     [("person", "Priya Raman"), ("organisation", "Halcyra"), ("person", "Tomas Berg"),
      ("organisation", "NKSR")]),
    ("Lena Vos of the Halcyra Works spoke first.",
     [("person", "Lena Vos"), ("organisation", "Halcyra Works")]),
    # a name's person: the name is an organisation (and known again further on)
    ("Halcyra's Priya Raman said the bid was late. NKSR's Director Tomas Berg agreed. NKSR won.",
     [("organisation", "Halcyra"), ("person", "Priya Raman"), ("organisation", "NKSR"),
      ("person", "Tomas Berg"), ("organisation", "NKSR")]),
    # "of" after a person also takes a name that looks like a person's
    ("The panel heard Ines Duarte of Corvo Vermelho on export rules.",
     [("person", "Ines Duarte"), ("organisation", "Corvo Vermelho")]),
    # a possessive inside a name
    ("Commanders of the Northern People's Militia ordered units forward.",
     [("organisation", "Northern People's Militia")]),
    # numbered parts of a programme are not places
    ("SDA plans 126 satellites in Tranche 1 and more in Phase II of the programme.",
     [("organisation", "SDA")]),
]


@pytest.mark.parametrize("body,want", CASES, ids=[c[0][:40] for c in CASES])
def test_sentences(body: str, want: list[tuple[str, str]]) -> None:
    assert typed(body) == want


def test_tranche_is_never_a_place() -> None:
    body = ("SDA launched the satellites in Tranche 1 from Vandenberg. The Tranche 1 Tracking "
            "Layer follows, and work in Tranche 2 starts next year.")
    assert not [f for f in run(body) if f.type == "place" and "Tranche" in f.text]
    assert ("place", "Vandenberg") in typed(body)


def test_the_and_an_organisation_word_is_the_organisation_named_before() -> None:
    body = ("Students at the University of Northern Idaho protested. Later the University said "
            "the lab would reopen.")
    facts = [f for f in run(body) if f.type == "organisation"]
    assert [f.text for f in facts] == ["University of Northern Idaho", "University"]
    assert {f.value for f in facts} == {"University of Northern Idaho"}


def test_the_and_a_newspaper_word_is_an_organisation() -> None:
    assert typed("The leak was first reported by the Herald on Monday.") == [("organisation", "Herald")]


def test_the_and_a_single_name_is_never_a_person() -> None:
    # a speech verb would make "Meridian" a person; "the" before it says otherwise
    assert not [f for f in run("The Meridian said the test had failed.") if f.type == "person"]


def test_acronym_of_a_name_in_the_brief_is_that_name() -> None:
    body = "The Baltic Air Policing Command met in Tallinn. Later BAPC said its jets scrambled twice."
    bapc = [f for f in run(body) if f.text == "BAPC"]
    assert [(f.type, f.value) for f in bapc] == [("organisation", "Baltic Air Policing Command")]


def test_acronym_in_square_brackets_is_linked() -> None:
    body = "Units of the Northern People's Militia [NPM] moved south. The NPM fired one shell."
    npm = [f for f in run(body) if f.text == "NPM"]
    assert len(npm) == 2
    assert {(f.type, f.value) for f in npm} == {("organisation", "Northern People's Militia")}


def test_country_with_a_past_tense_verb_acts() -> None:
    body = "Estonia evacuated 40 residents. Later, villagers in Estonia evacuated the town."
    assert typed(body) == [("organisation", "Estonia"), ("place", "Estonia")]


def test_countries_beside_a_score_are_teams_throughout() -> None:
    body = "Japan beat Brazil 2 – 1 in Osaka. Japan scored again late. Fans in Japan celebrated."
    assert typed(body) == [("organisation", "Japan"), ("organisation", "Brazil"), ("place", "Osaka"),
                           ("organisation", "Japan"), ("place", "Japan")]


def test_day_ranges_are_not_scores() -> None:
    body = "The envoy will travel to Poland on May 3 - 4 and to Latvia on May 5."
    assert typed(body) == [("place", "Poland"), ("place", "Latvia")]
