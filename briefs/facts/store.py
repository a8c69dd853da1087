"""Facts packed small for the index (zlib'd JSON), and unpacked again."""

from __future__ import annotations

import json
import zlib

from briefs.facts.model import Fact

_FIELDS = ("value", "amount", "currency", "unit", "long", "speaker", "aliases")


def encode_facts(facts: list[Fact]) -> bytes:
    rows = []
    for f in facts:
        row: dict[str, object] = {"t": f.type, "x": f.text, "s": f.start, "e": f.end}
        for name in _FIELDS:
            value = getattr(f, name)
            if value is not None:
                row[name] = value
        if f.extra:
            row["extra"] = f.extra
        rows.append(row)
    return zlib.compress(json.dumps(rows, separators=(",", ":"), ensure_ascii=False).encode(), 6)


def decode_facts(data: bytes) -> list[Fact]:
    rows = json.loads(zlib.decompress(data).decode())
    return [
        Fact(
            type=r["t"], text=r["x"], start=r["s"], end=r["e"],
            extra=r.get("extra", {}), **{k: r[k] for k in _FIELDS if k in r},
        )
        for r in rows
    ]


# Approximate US dollars per unit, only to compare amounts in different currencies in
# money: searches (money:>1bn); never shown as a conversion.
USD_PER_UNIT = {
    "USD": 1.0, "EUR": 1.08, "GBP": 1.27, "JPY": 0.0067, "AUD": 0.66, "CAD": 0.73,
    "NZD": 0.60, "CHF": 1.13, "CNY": 0.14, "INR": 0.012, "KRW": 0.00073, "RUB": 0.011,
    "SEK": 0.095, "NOK": 0.094, "DKK": 0.145, "PLN": 0.25, "ILS": 0.27, "SGD": 0.74,
    "HKD": 0.128, "TWD": 0.031, "BRL": 0.18, "SAR": 0.27, "AED": 0.27, "TRY": 0.03,
}


def in_usd(amount: float, currency: str | None) -> float:
    """An amount in approximate US dollars (unknown currencies count as dollars)."""
    return amount * USD_PER_UNIT.get((currency or "USD").upper(), 1.0)
