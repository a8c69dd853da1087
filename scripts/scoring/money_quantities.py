"""Score money and quantities against quantities/quantities.json and re3d (Money, Quantity).

quantities.json (one "req" sentence, gold "res" with value, unit, surface): golds whose unit
is a currency ("dollar", "euro", "pound sterling", "cent", also rates like "dollar per hour")
are money, scored as value + ISO currency against the money facts (cents are converted to
units of the currency); every other gold is a quantity, scored on value alone against the
quantity facts. Matching is one-to-one within a sentence; a range fact matches a gold value
equal to its low end or its midpoint (the gold set gives ranges as midpoints). The gold set
writes any "X to Y" as one value, its midpoint, a change too ("rose from $40 per kg to $60
per kg": 50); the extractor reads a change as two amounts, before and after, which is what
an analyst needs. So two facts of the same currency (or unit) joined only by "to" or a dash
are scored as that one range: one prediction, matching its low end or midpoint. Golds that the
extractor skips by design (years, model numbers) count as misses.

re3d (documents.json + entities.json, JSON lines): type Money -> money facts, Quantity ->
quantity facts; other re3d types are scored elsewhere. Span overlap: a fact is right when it
overlaps a gold of its type, a gold is found when some fact overlaps it (re3d sometimes
annotates one amount twice, "more than $4 million" and "$4 million"). Money value+currency:
golds whose text parses to a number and a currency (not "donor contributions"), with
overlapping duplicates merged; a money fact is right when it overlaps such a gold and has its
value (0.5% tolerance) and currency. Facts that overlap only unparseable golds are not judged.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

from scoring.common import Row, overlaps

from briefs.facts import money, quantities
from briefs.facts.model import Fact

TARGET = ">= 0.95 value+currency F1"
CURRENCY_UNITS = {"dollar": ("USD", 1.0), "euro": ("EUR", 1.0), "pound sterling": ("GBP", 1.0),
                  "yen": ("JPY", 1.0), "cent": ("USD", 0.01), "penny": ("GBP", 0.01), "dime": ("USD", 0.1)}
UNIT_ALIASES = {"percentage": "percent", "pound-mass": "pound", "cubic centimetre": "millilitre",
                "dimensionless": None}
_GOLD_MONEY = re.compile(
    r"(?P<cur>US\$|A\$|C\$|\$|£|€|¥|EUR|USD|GBP)?\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s?"
    r"(?P<mult>bn|billion|million|m|k|thousand|trillion)?\b\s?(?P<word>dollars|euros|pounds)?", re.I)
_CUR = {"us$": "USD", "$": "USD", "a$": "AUD", "c$": "CAD", "£": "GBP", "€": "EUR", "¥": "JPY",
        "eur": "EUR", "usd": "USD", "gbp": "GBP", "dollars": "USD", "euros": "EUR", "pounds": "GBP"}
_MULT = {"bn": 1e9, "billion": 1e9, "million": 1e6, "m": 1e6, "k": 1e3, "thousand": 1e3, "trillion": 1e12}


def score(corpus: Path) -> list[Row]:
    rows: list[Row] = []
    qfile = corpus / "quantities" / "quantities.json"
    if qfile.exists():
        rows += _quantities_json(json.loads(qfile.read_text(encoding="utf-8")))
    if (corpus / "re3d").is_dir():
        rows += _re3d(corpus / "re3d")
    return rows


def _prf_rows(gold: str, fact: str, p: float, r: float, n: int, what: str, target: str = "") -> list[Row]:
    f = 2 * p * r / (p + r) if p + r else 0.0
    return [Row(gold, fact, f"{what} P", p, n), Row(gold, fact, f"{what} R", r, n),
            Row(gold, fact, f"{what} F1", f, n, target)]


def _close(a: float | None, b: float, rel: float = 1e-3) -> bool:
    return a is not None and math.isclose(a, b, rel_tol=rel, abs_tol=1e-9)


def _values(f: quantities.Fact) -> list[float | None]:
    out = [f.amount]
    if "low" in f.extra and "high" in f.extra:
        out.append((float(f.extra["low"]) + float(f.extra["high"])) / 2)  # type: ignore[arg-type]
    return out


_JOINED = re.compile(r"\s*(?:to|-|–|—)\s*")


def _as_ranges(text: str, facts: list) -> list:
    """Facts with each change "X to Y" (two facts) made one range fact, for scoring only."""
    out: list = []
    for f in facts:
        prev = out[-1] if out else None
        if prev is not None and "low" not in prev.extra \
                and _JOINED.fullmatch(text, prev.end, f.start) \
                and (f.currency, f.unit) == (prev.currency, prev.unit) \
                and f.amount is not None and prev.amount is not None:
            out[-1] = Fact(f.type, text[prev.start:f.end], prev.start, f.end, amount=prev.amount,
                           currency=f.currency, unit=f.unit,
                           extra={"low": prev.amount, "high": f.amount, "change": True})
        else:
            out.append(f)
    return out


def _match(preds: list, golds: list, same) -> int:
    """One-to-one greedy matches between `preds` and `golds` under `same(pred, gold)`."""
    used: set[int] = set()
    tp = 0
    for p in preds:
        for i, g in enumerate(golds):
            if i not in used and same(p, g):
                used.add(i)
                tp += 1
                break
    return tp


def _quantities_json(items: list[dict]) -> list[Row]:
    mt = mp = mg = qt = qp = qg = unit_ok = 0
    for item in items:
        text = item["req"]
        mfacts = money.extract(text)
        taken = [(f.start, f.end) for f in mfacts]
        qfacts = _as_ranges(text, quantities.extract(text, exclude=taken))
        mfacts = _as_ranges(text, mfacts)
        mgold, qgold = [], []
        for g in item["res"]:
            base = g["unit"].split(" per ")[0]
            if base in CURRENCY_UNITS:
                code, factor = CURRENCY_UNITS[base]
                mgold.append((g["value"] * factor, code))
            else:
                qgold.append(g)
        mt += _match(mfacts, mgold,
                     lambda f, g: f.currency == g[1] and any(_close(v, g[0]) for v in _values(f)))
        mp, mg = mp + len(mfacts), mg + len(mgold)
        pairs: list[tuple] = []

        def same(f, g) -> bool:
            ok = any(_close(v, float(g["value"])) for v in _values(f))
            if ok:
                pairs.append((f, g))
            return ok

        qt += _match(qfacts, qgold, same)
        qp, qg = qp + len(qfacts), qg + len(qgold)
        unit_ok += sum(UNIT_ALIASES.get(g["unit"], g["unit"].lower()) == (f.unit.lower() if f.unit else None)
                       or (UNIT_ALIASES.get(g["unit"], 1) is None and f.unit and f.unit.islower())
                       for f, g in pairs)
    rows = _prf_rows("quantities", "money", _div(mt, mp), _div(mt, mg), mg, "value+currency", TARGET)
    rows += _prf_rows("quantities", "quantity", _div(qt, qp), _div(qt, qg), qg, "value")
    rows.append(Row("quantities", "quantity", "unit agrees (matched)", unit_ok / qt if qt else 0, qt))
    return rows


def _gold_money(value: str) -> tuple[float, str] | None:
    m = _GOLD_MONEY.search(value)
    if not m or not (m.group("cur") or m.group("word")):
        return None
    amount = float(m.group("num").replace(",", "")) * _MULT.get((m.group("mult") or "").lower(), 1.0)
    return amount, _CUR[(m.group("cur") or m.group("word")).lower()]


def _jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _re3d(root: Path) -> list[Row]:
    counts = {k: 0 for k in ("mp", "mp_ok", "mg", "mg_ok", "qp", "qp_ok", "qg", "qg_ok", "vp", "vt", "vg")}
    for folder in sorted(p for p in root.iterdir() if (p / "documents.json").exists()):
        docs = {d["_id"]: d["text"] for d in _jsonl(folder / "documents.json")}
        ents: dict[str, list[dict]] = {}
        for e in _jsonl(folder / "entities.json"):
            if e["type"] in ("Money", "Quantity"):
                ents.setdefault(e["documentId"], []).append(e)
        for doc_id, text in docs.items():
            gold = ents.get(doc_id, [])
            mfacts = money.extract(text)
            qfacts = quantities.extract(text, exclude=[(f.start, f.end) for f in mfacts])
            for kind, facts in (("m", mfacts), ("q", qfacts)):
                wanted = "Money" if kind == "m" else "Quantity"
                spans = [(g["begin"], g["end"]) for g in gold if g["type"] == wanted]
                counts[kind + "p"] += len(facts)
                counts[kind + "p_ok"] += sum(any(overlaps((f.start, f.end), s) for s in spans) for f in facts)
                counts[kind + "g"] += len(spans)
                counts[kind + "g_ok"] += sum(any(overlaps((f.start, f.end), s) for f in facts) for s in spans)
            _money_values(text, [g for g in gold if g["type"] == "Money"], mfacts, counts)
    rows = _prf_rows("re3d", "money", _div(counts["mp_ok"], counts["mp"]), _div(counts["mg_ok"], counts["mg"]),
                     counts["mg"], "span")
    rows += _prf_rows("re3d", "money", _div(counts["vt"], counts["vp"]), _div(counts["vt"], counts["vg"]),
                      counts["vg"], "value+currency", TARGET)
    rows += _prf_rows("re3d", "quantity", _div(counts["qp_ok"], counts["qp"]),
                      _div(counts["qg_ok"], counts["qg"]), counts["qg"], "span")
    return rows


def _money_values(text: str, gold: list[dict], facts: list, counts: dict[str, int]) -> None:
    parsed: list[tuple[tuple[int, int], tuple[float, str]]] = []
    unparsed: list[tuple[int, int]] = []
    for g in sorted(gold, key=lambda g: (g["begin"], g["end"])):
        span, value = (g["begin"], g["end"]), _gold_money(text[g["begin"]:g["end"]])
        if value is None:
            unparsed.append(span)
        elif not any(overlaps(span, s) and value == v for s, v in parsed):
            parsed.append((span, value))
    judged = [f for f in facts if any(overlaps((f.start, f.end), s) for s, _ in parsed)
              or not any(overlaps((f.start, f.end), s) for s in unparsed)]
    counts["vp"] += len(judged)
    counts["vg"] += len(parsed)
    counts["vt"] += _match(judged, parsed, lambda f, g: overlaps((f.start, f.end), g[0])
                           and f.currency == g[1][1] and _close(f.amount, g[1][0], 5e-3))


def _div(a: int, b: int) -> float:
    return a / b if b else 0.0
