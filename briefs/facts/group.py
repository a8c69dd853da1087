"""Facts grouped the way an analyst reads them: each entity once, with its mention count."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefs.facts.model import ENTITY_TYPES, Fact

# Pane and command-line order, with the heading each group gets.
GROUPS = (
    ("person", "People"),
    ("organisation", "Organisations"),
    ("place", "Places"),
    ("programme", "Programmes and systems"),
    ("money", "Money"),
    ("date", "Dates"),
    ("quantity", "Quantities"),
    ("acronym", "Acronyms"),
    ("quote", "Quotes"),
    ("key_sentence", "Key sentences"),
    ("keyword", "Keywords"),
)


@dataclass
class FactGroup:
    """One line of the facts pane: a fact (the first mention) and how often it occurs."""

    type: str
    label: str
    first: Fact
    mentions: list[Fact] = field(default_factory=list)

    @property
    def count(self) -> int:
        if self.type in ("keyword", "acronym"):  # one fact per keyword/acronym: its uses count
            n = self.first.extra.get("count") or self.first.extra.get("uses")
            if isinstance(n, int) and n > 0:
                return n
        return len(self.mentions)


def label_of(fact: Fact) -> str:
    """The words shown for a fact in the pane or on the command line."""
    if fact.type in ENTITY_TYPES:
        return fact.value or fact.text
    if fact.type == "acronym":
        return f"{fact.text} = {fact.long}" if fact.long else f"{fact.text} (not defined)"
    if fact.type == "quote":
        who = fact.speaker or "unattributed"
        return f"“{fact.text}” — {who}"
    if fact.type == "date" and fact.value and fact.value != fact.text:
        return f"{fact.text} ({fact.value})"
    return fact.text


def group(facts: list[Fact]) -> dict[str, list[FactGroup]]:
    """Facts by type; entities and repeated values merged, most mentioned first."""
    out: dict[str, list[FactGroup]] = {t: [] for t, _ in GROUPS}
    index: dict[tuple[str, str], FactGroup] = {}
    for fact in sorted(facts, key=lambda f: f.start):
        if fact.type not in out:
            continue
        if fact.type in ENTITY_TYPES:
            key = (fact.type, (fact.value or fact.text).lower())
        elif fact.type in ("quote", "key_sentence"):
            key = (fact.type, f"{fact.start}")
        else:
            key = (fact.type, label_of(fact).lower())
        g = index.get(key)
        if g is None:
            g = index[key] = FactGroup(fact.type, label_of(fact), fact)
            out[fact.type].append(g)
        g.mentions.append(fact)
    for t in ENTITY_TYPES + ("keyword",):
        out[t].sort(key=lambda g: (-g.count, g.first.start))
    return out
