"""Money facts: a table of tricky strings (our own sentences), then things that are not money."""

from __future__ import annotations

import pytest

from briefs.facts import money

B, M = 1e9, 1e6

# sentence -> every money fact expected in it: (text, amount, currency, extra that must be present)
CASES: list[tuple[str, list[tuple[str, float, str, dict]]]] = [
    ("SDA awarded contracts worth $3.6 billion for Tranche 3.", [("$3.6 billion", 3.6 * B, "USD", {})]),
    ("The MOD has committed £1.1bn to hypersonic research.", [("£1.1bn", 1.1 * B, "GBP", {})]),
    ("Sierra Space received US$870 million.", [("US$870 million", 870 * M, "USD", {})]),
    ("JP9102 was estimated at A$7 billion over its life.", [("A$7 billion", 7 * B, "AUD", {})]),
    ("Ottawa added C$5m for Arctic over-the-horizon radar.", [("C$5m", 5 * M, "CAD", {})]),
    ("Wellington pledged NZ$30 million to the maritime patrol upgrade.", [("NZ$30 million", 30 * M, "NZD", {})]),
    ("Brussels found €450m for the launcher.", [("€450m", 450 * M, "EUR", {})]),
    ("Tokyo budgeted ¥300bn for the constellation.", [("¥300bn", 300 * B, "JPY", {})]),
    ("Costs have risen to EUR 11.2 billion.", [("EUR 11.2 billion", 11.2 * B, "EUR", {})]),
    ("EXERCISE COST ESTIMATED AT USD 4.8 MILLION.", [("USD 4.8 MILLION", 4.8 * M, "USD", {})]),
    ("The Commission set aside 4.5 million euros for studies.", [("4.5 million euros", 4.5 * M, "EUR", {})]),
    ("Whitehall found another 500 million pounds for Skynet.", [("500 million pounds", 500 * M, "GBP", {})]),
    ("Japan will spend 210 billion yen on glide-phase tracking.", [("210 billion yen", 210 * B, "JPY", {})]),
    ("A framework worth 300 million EUR was signed.", [("300 million EUR", 300 * M, "EUR", {})]),
    ("Canberra added 5 million Australian dollars.", [("5 million Australian dollars", 5 * M, "AUD", {})]),
    ("Seoul allotted 20 billion South Korean won.", [("20 billion South Korean won", 20 * B, "KRW", {})]),
    ("The grant was five million dollars.", [("five million dollars", 5 * M, "USD", {})]),
    ("It was valued at $13,009 million.", [("$13,009 million", 13009 * M, "USD", {})]),
    ("The prize pool is 10 000 dollars.", [("10 000 dollars", 10000, "USD", {})]),
    ("A $2.174T economy, a €10M grant and a $5b deal.",
     [("$2.174T", 2.174e12, "USD", {}), ("€10M", 10 * M, "EUR", {}), ("$5b", 5 * B, "USD", {})]),
    ("The demonstration will cost $11 billion to $17 billion.",
     [("$11 billion to $17 billion", 11 * B, "USD", {"low": 11 * B, "high": 17 * B})]),
    ("Analysts put the bill at $11-17bn.", [("$11-17bn", 11 * B, "USD", {"low": 11 * B, "high": 17 * B})]),
    ("A range of $500,000 to $2 million per test.",
     [("$500,000 to $2 million per test", 500000, "USD", {"low": 500000, "high": 2 * M, "per": "test"})]),
    ("Awards of between $40 million and $120 million per team.",
     [("$40 million and $120 million per team", 40 * M, "USD", {"low": 40 * M, "high": 120 * M, "per": "team"})]),
    ("Estimates range from $180 billion to $210 billion.",
     [("$180 billion to $210 billion", 180 * B, "USD", {"low": 180 * B, "high": 210 * B})]),
    ("About A$1.5 billion to A$2 billion is reserved.",
     [("A$1.5 billion to A$2 billion", 1.5 * B, "AUD", {"qualifier": "about", "low": 1.5 * B})]),
    # "from X to Y" is a change: two amounts, each with its own value.
    ("The request rose from $1.2bn to $2.4bn.", [("$1.2bn", 1.2 * B, "USD", {}), ("$2.4bn", 2.4 * B, "USD", {})]),
    ("Congress approved nearly $25 billion.", [("$25 billion", 25 * B, "USD", {"qualifier": "nearly"})]),
    ("A reward of up to $5 million.", [("$5 million", 5 * M, "USD", {"qualifier": "up to"})]),
    ("It has spent more than $4 million.", [("$4 million", 4 * M, "USD", {"qualifier": "more than"})]),
    ("Tracking ~ $2.37 billion.", [("$2.37 billion", 2.37 * B, "USD", {"qualifier": "~"})]),
    ("REQUEST (APPROX. USD 1.3 BILLION)", [("USD 1.3 BILLION", 1.3 * B, "USD", {"qualifier": "approx."})]),
    ("The test cost on the order of $110 million.",
     [("$110 million", 110 * M, "USD", {"qualifier": "on the order of"})]),
    ("A unit price of $50 million per satellite.",
     [("$50 million per satellite", 50 * M, "USD", {"per": "satellite"})]),
    ("Launch services worth up to EUR 340 million a year.",
     [("EUR 340 million a year", 340 * M, "EUR", {"per": "year", "qualifier": "up to"})]),
    ("Range time is billed at $15.4/hour.", [("$15.4/hour", 15.4, "USD", {"per": "hour"})]),
    ("Fuel rose by 50 cents.", [("50 cents", 0.5, "USD", {})]),
    ("The line shows -15€ and $-99.99 and -$5 million.",
     [("-15€", -15, "EUR", {}), ("$-99.99", -99.99, "USD", {}), ("-$5 million", -5 * M, "USD", {})]),
    # A parenthesised amount is a conversion or an aside, not a negative...
    ("The UK share is £1bn (US$1.2 billion).", [("£1bn", 1 * B, "GBP", {}), ("US$1.2 billion", 1.2 * B, "USD", {})]),
    ("The Army's request ($2.1 billion) tops last year's.", [("$2.1 billion", 2.1 * B, "USD", {})]),
    # ... except in accounting notation: only the amount in brackets after "is", "was", ":".
    ("Operating income for the quarter was ($12.5 million).",
     [("($12.5 million)", -12.5 * M, "USD", {})]),
    ("Net result: ($40m)", [("($40m)", -40 * M, "USD", {})]),
    # A coin named with "a" is one of it.
    ("The fee fell by a penny.", [("a penny", 0.01, "GBP", {})]),
    ("Each round costs less than a cent to fire.", [("a cent", 0.01, "USD", {})]),
    ("Japan pays roughly 320 billion yen (about $2.1 billion).",
     [("320 billion yen", 320 * B, "JPY", {"qualifier": "roughly"}), ("$2.1 billion", 2.1 * B, "USD", {"qualifier": "about"})]),
    ("A $ 5 million grant, € 20m, USD5bn and a $1.2-billion contract.",
     [("$ 5 million", 5 * M, "USD", {}), ("€ 20m", 20 * M, "EUR", {}), ("USD5bn", 5 * B, "USD", {}),
      ("$1.2-billion", 1.2 * B, "USD", {})]),
    ("Delhi cleared Rs 5,000 crore and ₹2 lakh.", [("Rs 5,000 crore", 5e10, "INR", {}), ("₹2 lakh", 2e5, "INR", {})]),
    ("ISIL has generated millions of dollars from oil.", [("millions of dollars", 2 * M, "USD", {"vague": True})]),
    ("The amount is 12.5 million\npounds sterling.", [("12.5 million\npounds sterling", 12.5 * M, "GBP", {})]),
]

NOT_MONEY = [
    "Set $PATH and $HOME before running the build.",
    "The 2,000-pound bomb carried 500 pounds of explosives.",
    "The Korean team won 3 of the 4 contracts.",
    "All figures are in constant 2025 dollars.",
    "The F-35 lot 18 and SM-6 Block IB deliveries slipped.",
    "It weighs 200 pounds.",
    "Prices are quoted in USD; the euro weakened.",
    "A multibillion-dollar programme.",
    "The crater was a centimetre deep after a penny-pinching review.",
]


@pytest.mark.parametrize(("body", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_money_table(body: str, expected: list[tuple[str, float, str, dict]]) -> None:
    facts = money.extract(body)
    assert [(f.text, f.currency) for f in facts] == [(t, c) for t, _, c, _ in expected]
    for fact, (_, amount, _, extra) in zip(facts, expected):
        assert fact.type == "money" and body[fact.start:fact.end] == fact.text
        assert fact.amount == pytest.approx(amount)
        for key, value in extra.items():
            assert fact.extra.get(key) == (pytest.approx(value) if isinstance(value, float) else value), key


@pytest.mark.parametrize("body", NOT_MONEY)
def test_not_money(body: str) -> None:
    assert money.extract(body) == []


def test_qualifier_stays_out_of_the_span_and_offsets_are_exact() -> None:
    body = "Officials said the architecture will cost nearly $25 billion over five years."
    [fact] = money.extract(body)
    assert fact.text == "$25 billion" and body[fact.start:fact.end] == "$25 billion"
    assert fact.extra == {"qualifier": "nearly"}
    assert fact.as_json()["amount"] == 25e9 and fact.as_json()["currency"] == "USD"


def test_cent_sign_after_a_number_is_cents_not_a_crash() -> None:
    from briefs.facts.money import extract as money_extract

    [fact] = money_extract("The fee rose to 5¢ per message.")
    assert fact.text.startswith("5¢") and fact.currency == "USD"
    assert abs(fact.amount - 0.05) < 1e-9
