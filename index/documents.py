"""What the index stores for one brief: its fields, and its key facts as searchable names."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from briefs.facts import Fact
from briefs.facts.store import encode_facts, in_usd
from briefs.model import Brief
from index.schema import ENTITY_FIELDS, slug
from index.walk import Found


def fact_fields(facts: list[Fact]) -> dict[str, object]:
    names: dict[str, set[str]] = {f: set() for f in ENTITY_FIELDS.values()}
    names["acronym"] = set()
    largest = None
    for fact in facts:
        fieldname = ENTITY_FIELDS.get(fact.type)
        if fieldname:
            for name in [fact.value or fact.text, *(fact.aliases or [])]:
                if name.strip():
                    names[fieldname].add(" ".join(name.split()))
        elif fact.type == "acronym":
            names["acronym"].add(slug(fact.text))
            if fact.long:
                names["acronym"].add(slug(fact.long))
        elif fact.type == "money" and fact.amount is not None:
            largest = max(largest or 0.0, in_usd(float(fact.amount), fact.currency))
    out: dict[str, object] = {
        k: (",".join(sorted(v)) if k == "acronym" else "\n".join(sorted(v)))
        for k, v in names.items() if v
    }
    if largest is not None:
        out["money"] = largest
    out["facts"] = encode_facts(facts)
    return out


def document(brief: Brief, found: Found, digest: str, facts: list[Fact] | None = None) -> dict[str, object]:
    when = datetime(brief.date.year, brief.date.month, brief.date.day) if brief.date else None
    types = [brief.format] + ([slug(brief.doc_type)] if brief.doc_type else [])
    doc: dict[str, object] = {
        "id": brief.id,
        "path": found.path,
        "file": Path(found.rel).as_posix(),
        "title": brief.title,
        "body": brief.body,
        "sortdate": int(brief.date.strftime("%Y%m%d")) if brief.date else 0,
        "source": brief.source,
        "source_key": slug(brief.source) or "-",
        "author": brief.author,
        "tag": ",".join(slug(t) for t in brief.tags if slug(t)),
        "type": ",".join(types),
        "year": str(brief.date.year) if brief.date else "-",
        "meta": {
            "format": brief.format,
            "url": brief.url,
            "tags": brief.tags,
            "marking": brief.marking,
            "doc_type": brief.doc_type,
            "extra": brief.meta,
            "links": [[link.text, link.url] for link in brief.links[:500]],
            "strong": [list(span) for span in brief.strong[:2000]],
            "warnings": brief.warnings,
            "key": brief.key,
            "root": found.root,
            "fsize": found.size,
            "fmtime": found.mtime_ns,
            "fhash": digest,
        },
    }
    if when:
        doc["date"] = when
    if facts is not None:
        doc.update(fact_fields(facts))
    return doc
