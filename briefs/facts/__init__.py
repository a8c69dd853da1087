"""Key facts: entities, money, dates, quantities, acronyms, quotes, key sentences, keywords.

`extract(body, brief_date=None)` runs every extractor; each lives in its own module and
loads its data lazily, so importing this package costs nothing.
"""

from __future__ import annotations

from datetime import date

from briefs.facts.model import ENTITY_TYPES, FACT_TYPES, Fact

__all__ = ["ENTITY_TYPES", "FACT_TYPES", "Fact", "extract"]


def extract(body: str, brief_date: date | None = None, title: str = "") -> list[Fact]:
    """Every fact in `body`, sorted by position. Pure Python; nothing is downloaded."""
    from briefs.facts import acronyms, dates, entities, keysentences, money, quantities, quotes
    from briefs.facts import sentences as sentence_mod

    sents = sentence_mod.split(body)
    facts: list[Fact] = []
    money_facts = money.extract(body)
    facts += money_facts
    facts += quantities.extract(body, exclude=[(f.start, f.end) for f in money_facts])
    facts += dates.extract(body, brief_date)
    acronym_facts = acronyms.extract(body)
    facts += acronym_facts
    entity_facts = entities.extract(body, sents, acronym_facts)
    facts += entity_facts
    facts += quotes.extract(body, sents, entity_facts)
    facts += keysentences.extract(body, sents, title)
    facts.sort(key=lambda f: (f.start, f.end, f.type))
    return facts
