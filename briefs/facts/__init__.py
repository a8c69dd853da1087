"""Key facts: entities, money, dates, quantities, acronyms, quotes, key sentences, keywords.

`extract(body, brief_date=None)` runs every extractor; each lives in its own module and
loads its data lazily, so importing this package costs nothing.
"""

from __future__ import annotations

from datetime import date
from operator import attrgetter

from briefs.facts.model import ENTITY_TYPES, FACT_TYPES, Fact

__all__ = ["ENTITY_TYPES", "FACT_TYPES", "SUMMARY_TYPES", "Fact", "extract", "summarise"]


SUMMARY_TYPES = ("key_sentence", "keyword")


def extract(body: str, brief_date: date | None = None, title: str = "", summary: bool = True) -> list[Fact]:
    """Every fact in `body`, sorted by position. Pure Python; nothing is downloaded.

    Without `summary`, no key sentences or keywords (SUMMARY_TYPES): the index leaves them
    out, as nothing across the corpus uses them, and they are made when a brief is shown
    (see summarise)."""
    from briefs.facts import acronyms, dates, entities, keysentences, money, quantities, quotes
    from briefs.facts import sentences as sentence_mod

    sents = sentence_mod.split(body)
    low = body.lower()  # shared: several extractors scan the lowered text
    facts: list[Fact] = []
    money_facts = money.extract(body, low=low)
    facts += money_facts
    facts += quantities.extract(body, exclude=[(f.start, f.end) for f in money_facts], low=low)
    facts += dates.extract(body, brief_date, low=low)
    acronym_facts = acronyms.extract(body)
    facts += acronym_facts
    entity_facts = entities.extract(body, sents, acronym_facts)
    facts += entity_facts
    _expand_from_entities(acronym_facts, entity_facts)
    facts += quotes.extract(body, sents, entity_facts)
    if summary:
        facts += keysentences.extract(body, sents, title, low=low)
    facts.sort(key=_POSITION)
    return facts


def summarise(facts: list[Fact], body: str, title: str = "") -> list[Fact]:
    """`facts` with the brief's key sentences and keywords, made now if they are missing
    (about 1.5 ms for 5 KB), sorted by position."""
    if any(fact.type in SUMMARY_TYPES for fact in facts):
        return facts
    from briefs.facts import keysentences
    from briefs.facts import sentences as sentence_mod

    return sorted(facts + keysentences.extract(body, sentence_mod.split(body), title), key=_POSITION)


_SMALL_WORDS = {"of", "the", "and", "for", "on", "in", "to", "a", "an", "&"}
_POSITION = attrgetter("start", "end", "type")


def _expand_from_entities(acronym_facts: list[Fact], entity_facts: list[Fact]) -> None:
    """An acronym the brief never spells out may still match a name it uses ("SDA" and
    "Space Development Agency" in different sentences): take that as its expansion."""
    if all(fact.long is not None for fact in acronym_facts):
        return  # nothing to expand
    names: dict[str, str] = {}
    for name in dict.fromkeys(fact.value or fact.text for fact in entity_facts):
        words = [w for w in name.replace("-", " ").split() if w.lower() not in _SMALL_WORDS]
        if len(words) >= 2 and all(w[:1].isupper() for w in words):
            names.setdefault("".join(w[0] for w in words).upper(), name)
    for fact in acronym_facts:
        if fact.long is None and fact.text.upper() in names:
            fact.long = names[fact.text.upper()]
            fact.extra.pop("undefined", None)
            fact.extra["inferred"] = True
