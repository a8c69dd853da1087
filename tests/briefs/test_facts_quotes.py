"""Quote facts: tables of tricky strings (who speaks, what is not a quote), and hand-checked
expectations on our sample briefs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefs.facts import quotes, sentences
from briefs.facts.model import Fact

ROOT = Path(__file__).resolve().parents[2]


def _quotes(body: str, entities: list[Fact] | None = None) -> list[Fact]:
    facts = quotes.extract(body, sentences.split(body), entities or [])
    for f in facts:
        assert f.type == "quote"
        assert body[f.start:f.end] == f.text
        if "speaker_span" in f.extra:
            a, b = f.extra["speaker_span"]
            assert body[a:b] == f.extra["speaker_text"]
    return facts


def _speaker_of(body: str, start_of_quote: str, entities: list[Fact] | None = None) -> str | None:
    found = [f for f in _quotes(body, entities) if f.text.startswith(start_of_quote)]
    assert found, f"no quote starting {start_of_quote!r} in {_quotes(body, entities)}"
    return found[0].speaker


SPEAKERS = [
    # After the quote, verb first, titles stripped, the relative clause left out.
    ('"The glue is the hard part," said Maj. Gen. Priya Nandakumar, who leads the office.',
     "The glue", "Priya Nandakumar"),
    # A surname alone becomes the full name the brief gave earlier.
    ('Sen. Elizabeth Warren pressed the Space Force on cost. "This is a blank cheque for a '
     'science project," Warren said.', "This is a blank", "Elizabeth Warren"),
    # Descriptors stay as the brief words them.
    ('"Nobody is against missile tracking from space," a senior defense official said.',
     "Nobody", "a senior defense official"),
    ('"The constellation is behind, but not by much," said one space security expert.',
     "The constellation", "one space security expert"),
    ('"We will publish the baseline when the design settles," the agency said in a statement.',
     "We will publish", "the agency"),
    ('"Tranche 2 will slip into 2027," officials said on Tuesday.', "Tranche 2", "officials"),
    # A pronoun is the person named most recently before it (the subject of that sentence).
    ('Col. Dana Whitfield briefed reporters at the Pentagon. "We have not lost the tranche. We '
     'have lost a few months," she said.', "We have not lost", "Dana Whitfield"),
    # The speaker before the quote, with a colon; then the full name from earlier.
    ('Col. Dana Whitfield runs the Tracking Layer. Asked about launch dates, Whitfield said: '
     '"The first plane flies in the spring."', "The first plane", "Dana Whitfield"),
    # "Name, role:" with no verb (notes and cables).
    ('Col. Dana Whitfield, Tracking Layer programme director: "We saw it leave the pad, and we '
     'put a track in front of a ship."', "We saw it", "Dana Whitfield"),
    # Appositive between the name and the verb.
    ('"The budget line is the easy part to read," Tobias Grennan, a former SDA systems engineer '
     'now at Meridian Strategic Advisory, said.', "The budget line", "Tobias Grennan"),
    ('Tobias Grennan, a former SDA systems engineer, said the risk lay in integration. "The '
     'budget line is the easy part to read."', "The budget line", "Tobias Grennan"),
    # "According to".
    ('According to a GAO analyst, "the schedule assumes near-perfect supplier performance."',
     "the schedule", "a GAO analyst"),
    # "The official" refers back to the official described earlier.
    ('A senior defense official said deliveries drove the schedule. "We have more launch slots '
     'than spacecraft," the official said.', "We have more", "a senior defense official"),
    # Participle: the subject of the sentence speaks.
    ('A senior defense official rejected this, saying Golden Dome was "sized for limited and '
     'rogue attacks, not to negate a major power."', "sized for", "a senior defense official"),
    # The addressee of "told" is not the speaker.
    ('Home Secretary Suella Braverman told GB News: "We have an unsustainable situation in our '
     'towns."', "We have an", "Suella Braverman"),
    # Curly marks, with an inner quote.
    ('“We call it ‘the glue’, and it is the hard part of the whole system,” Nandakumar '
     'said after Maj. Gen. Priya Nandakumar spoke.', "We call it", "Priya Nandakumar"),
    # British single quotes.
    ("‘We will not be rushed into a launch we are not ready for,’ the minister said.",
     "We will not be rushed", "the minister"),
    # An acronym organisation as speaker, with 'it' after it.
    ('"Foolhardy provocation deserves harsh punishment," said KCNA. "The front-line units '
     'will be battle ready," it added.', "The front-line", "KCNA"),
]


@pytest.mark.parametrize("body,start,speaker", SPEAKERS)
def test_speakers(body: str, start: str, speaker: str) -> None:
    assert _speaker_of(body, start) == speaker


def test_split_quote_gives_both_halves_the_speaker() -> None:
    body = ('Dr. Adrian Kessling leads SDA. "If we slip the money," Kessling said, "we slip the '
            'constellation."')
    found = _quotes(body)
    assert [f.text for f in found] == ["If we slip the money,", "we slip the constellation."]
    assert {f.speaker for f in found} == {"Adrian Kessling"}


def test_next_quote_without_a_reporting_clause_keeps_the_speaker() -> None:
    body = ('"Every dollar in this budget buys a satellite on a date," Kessling told members of '
            'the committee. "If we slip the money, we slip the constellation."')
    found = _quotes(body)
    assert len(found) == 2 and found[1].speaker == found[0].speaker == "Kessling"


def test_quote_spanning_paragraphs_is_one_fact() -> None:
    body = ('"The prototypes did what we built them to do. They showed that a medium field of '
            'view sensor can hold a glide vehicle.\n\n"The question now is how many we need," said '
            'Dr. Samuel Achterberg.')
    [fact] = _quotes(body)
    assert fact.text.startswith("The prototypes") and fact.text.endswith("how many we need,")
    assert fact.extra["paragraphs"] == 2
    assert fact.speaker == "Samuel Achterberg"


def test_speaker_text_and_offsets() -> None:
    body = '"Range capacity is no longer the bottleneck," said Col. Hannah Greaves, the commander.'
    [fact] = _quotes(body)
    assert fact.speaker == "Hannah Greaves"
    assert fact.extra["speaker_text"] == "Col. Hannah Greaves"


def test_person_facts_from_the_entity_extractor_give_the_full_name() -> None:
    body = '"It is a blank cheque for a science project," Warren said.'
    person = Fact("person", "Warren", body.index("Warren"), body.index("Warren") + 6,
                  value="Elizabeth Warren", aliases=["Warren"])
    assert _speaker_of(body, "It is a blank", [person]) == "Elizabeth Warren"


NOT_QUOTES = [
    # Scare quotes and coinages of one to three words.
    'The agency reserved $310 million for what she called "on-orbit sparing": spare satellites.',
    'Officials expect the "hypersonic gap" to close by 2030.',
    'The so-called "golden dome" would cost more.',
    # Titles of reports and articles.
    'The awards described in "SDA Awards Tranche 3 Tracking Layer Contracts Worth $3.6 Billion" '
    'account for the increase.',
    'A GAO report titled "Missile Defense: Better Oversight Needed for Space Sensors" followed.',
    'The army has been told to prepare a "quasi-state of war".',
    "Biologist Nick Bos tells Wikinews about 'self-medicating' ants",
    # Apostrophes and inch marks are not quotation marks.
    "The agencies' budgets and SDA's plans rose; the 12\" dish was kept.",
]


@pytest.mark.parametrize("body", NOT_QUOTES)
def test_not_quotes(body: str) -> None:
    assert _quotes(body) == []


def test_short_quote_taken_by_a_reporting_verb_is_kept() -> None:
    body = '"No," Whitfield said when asked whether the launch would slip.'
    [fact] = _quotes(body)
    assert fact.text == "No," and fact.speaker == "Whitfield"
    body = 'She told the committee the second plane would fly "by the spring."'
    [fact] = _quotes(body)
    assert fact.text == "by the spring."
    body = ('Bishop Nunzio Galantino has called the ruling "dangerous" and "ideological": "We face '
            'a dangerous sentence."')
    found = _quotes(body)
    assert [f.text for f in found][:2] == ["dangerous", "ideological"]
    assert {f.speaker for f in found} == {"Nunzio Galantino"}


# Hand-checked: every quote in two sample briefs, with its speaker.
SAMPLES = {
    "briefs/samples/space/pwsa-fy2027-budget-request.md": [
        ("Every dollar in this budget", "Adrian Kessling"),
        ("If we slip the money", "Adrian Kessling"),
        ("Nobody is against missile tracking", "a House Armed Services Committee aide"),
        ("People want to see the data", "a House Armed Services Committee aide"),
        ("The budget line is the easy part", "Tobias Grennan"),
    ],
    "briefs/samples/missile-defence/golden-dome-architecture-unveiled.md": [
        ("We are not building a new missile defence system", "Priya Nandakumar"),
        ("The glue is the hard part", "Priya Nandakumar"),
        ("We will buy demonstrations", "Jerome Atwater"),
        ("Integrating decades of separate programmes", "Renata Obuya"),
    ],
}


@pytest.mark.parametrize("rel", sorted(SAMPLES))
def test_sample_briefs(rel: str) -> None:
    from briefs.load import load_file

    [brief] = load_file(str(ROOT / rel))
    found = [(f.text, f.speaker) for f in _quotes(brief.body)]
    assert len(found) == len(SAMPLES[rel]), found
    for (text, speaker), (start, expected) in zip(found, SAMPLES[rel]):
        assert text.startswith(start) and speaker == expected, (text, speaker)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="Ab Cd.,:;\"“”‘’'()\n—saidhe", max_size=200))
def test_never_raises_and_spans_hold(body: str) -> None:
    _quotes(body)
