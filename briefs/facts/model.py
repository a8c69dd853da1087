"""A key fact: what kind, the words in the brief, where they are, and what they mean."""

from __future__ import annotations

from dataclasses import dataclass, field

FACT_TYPES = (
    "person", "organisation", "place", "programme", "money", "date", "quantity",
    "acronym", "quote", "key_sentence", "keyword",
)
ENTITY_TYPES = ("person", "organisation", "place", "programme")


@dataclass
class Fact:
    """One fact, anchored in the brief's body by `start`/`end` (body[start:end] == text).

    Per type: money sets `amount` (a number) and `currency` (ISO 4217); date sets `value`
    (normalised: "2026-03-05", "2026-03", "2026", "FY2026", "2027-Q1", "2030s"; None when
    relative and unresolved); quantity sets `amount` and `unit`; acronym sets `long`
    (None when the brief never defines it); quote sets `speaker`; entities set `value` to
    the entity's canonical name and `aliases` to every form the brief uses for it.
    `extra` holds qualifiers ("nearly", "up to"), range ends, granularity and the like.
    """

    type: str
    text: str
    start: int
    end: int
    value: str | None = None
    amount: float | None = None
    currency: str | None = None
    unit: str | None = None
    long: str | None = None
    speaker: str | None = None
    aliases: list[str] | None = None
    extra: dict[str, object] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {"type": self.type, "text": self.text, "start": self.start, "end": self.end}
        if self.type == "money":
            out.update(amount=self.amount, currency=self.currency)
        elif self.type == "date":
            out["value"] = self.value
        elif self.type == "quantity":
            out.update(amount=self.amount, unit=self.unit)
        elif self.type == "acronym":
            out["long"] = self.long
        elif self.type == "quote":
            out["speaker"] = self.speaker
        elif self.type in ENTITY_TYPES:
            if self.value:
                out["value"] = self.value
            if self.aliases:
                out["aliases"] = self.aliases
        for key, value in self.extra.items():
            out.setdefault(key, value)
        return out
