"""Score the date extractor against GUM (dates with ISO values) and re3d (Temporal spans).

GUM (corpus/gum): each xml/NAME.xml is token-per-line TEI-like XML (first column the token,
markup on lines of its own) with `<date ...>` elements around date expressions. The raw text
comes from dep/NAME.conllu: its `# text =` lines are the sentences as written; sentences are
joined with a space, paragraphs (`# newpar`) with a blank line, and each token is located in
its sentence by searching forward for its form. The XML tokens are the CoNLL-U word lines
(multi-word ranges such as "don't" excluded) in the same order, so a gold `<date>` gets the
character span from its first token's start to its last token's end. Gold values: `when`
(a date, "--MM" month without year, or a time); `from`/`to` spanning exactly a decade, a year,
an ISO week or a Saturday-Sunday weekend give "1960s", "2022", "2015-W38", "2015-W38-WE";
`notBefore`/`notAfter` and other spans carry no comparable value. GUM has no brief date,
so, as a reader would, we take the article's dateline: the first day date the extractor finds
in the first 400 characters (else the header's dateCreated), and run the extractor with it.

re3d (corpus/re3d/*/): documents.json and entities.json are JSON lines (utf-8-sig); gold
spans are the entities of type "Temporal", `begin`/`end` offsets into the document `text`.
re3d documents carry no date, so relative dates stay unresolved there (detection only).

Both gold sets also mark durations ("two years", "45 minutes", "a 9-year gap") and clock
times ("9 a.m.", "23:15", "Zulu", "GMT", "the evening"). Neither is a date
fact (a date is a day, month, year... on the calendar; durations are quantities and times of
day are skipped by design), so such a gold is "don't care": not counted as a miss, and an
extracted date overlapping only it is counted neither right nor wrong. A duration anchored
in time ("the past 24 hours", "two years ago", "the last two years") stays a date.

A match is span overlap, counted on each side separately (so a gold nested in another gold,
"2018" inside "day five of the 2018 World Cup", is found by one fact): precision is the share
of extracted dates overlapping some gold date, recall the share of gold dates overlapped by
some extracted date. Value accuracy: for each gold date with a comparable value that
overlaps an extracted date, the extracted date with the largest overlap is compared at the
gold's granularity: its value cut to the gold's length ("2015-09-22" is right for gold
"2015-09"; "--10" compares the month); a range ("from 2004 to 2009") may match by either end.
"Absolute" gold dates are those whose text states a year (four digits, or a decade like
"1960s" / "'90s"); the others (weekdays, "yesterday", year-less "September 14") are reported
apart as relative value accuracy, with no target.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from scoring.common import Row, overlaps

from briefs.facts import dates
from briefs.facts.model import Fact

_ATTR = re.compile(r'(\w+)="([^"]*)"')
_AMOUNT = (r"(?:about|nearly|almost|some|over|more\s+than|less\s+than|around|roughly)?\s*"
           r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
           r"twenty|thirty|forty|fifty|several|a\s+few|\[\w+\])(?:[-\s]plus)?")
_DURATION = re.compile(_AMOUNT + r"[-\s](?:second|minute|hour|day|week|fortnight|month|year|"
                       r"decade)s?(?:\s+long)?", re.I)
_CLOCK = re.compile(r"\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?)?|\d{1,2}:\d\d|['‘’]?z(?:ulu)?['‘’]?|"
                    r"gmt|utc|greenwich\s+mean\s+time|(?:the\s+)?(?:morning|afternoon|evening|night)|"
                    r"daylight\s+hours\b.*", re.I)


def not_a_date(text: str) -> bool:
    """A duration or a clock time (see the module docstring): no date fact is expected."""
    text = " ".join(text.split()).strip(" .,")
    return bool(_DURATION.fullmatch(text) or _CLOCK.fullmatch(text) and not text.isdigit())
_ABSOLUTE = re.compile(r"\b(?:1\d|20)\d\d\b|\d0['’]?s\b|['’‘]\d0s\b")


def _conllu_text(path: Path) -> tuple[str, list[tuple[int, int]]]:
    """The document's text and each word token's span in it."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    offset = 0
    sentence, cursor, new_par = "", 0, False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newpar"):
            new_par = True
        elif line.startswith("# text = "):
            if parts:
                sep = "\n\n" if new_par else " "
                parts.append(sep)
                offset += len(sep)
            sentence, cursor, new_par = line[9:], 0, False
            parts.append(sentence)
            offset += len(sentence)
        elif line and line[0].isdigit():
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            base = offset - len(sentence)
            found = sentence.find(cols[1], cursor)
            if found < 0 or found - cursor > 10:
                spans.append((base + cursor, base + cursor))
                continue
            spans.append((base + found, base + found + len(cols[1])))
            cursor = found + len(cols[1])
    return "".join(parts), spans


def _gold_value(attrs: dict[str, str]) -> str | None:
    if "when" in attrs:
        return None if "T" in attrs["when"] else attrs["when"]
    if "from" in attrs and "to" in attrs and len(attrs["from"]) == len(attrs["to"]) == 10:
        a, b = date.fromisoformat(attrs["from"]), date.fromisoformat(attrs["to"])
        if a.month == 1 and a.day == 1 and b.month == 12 and b.day == 31:
            if a.year == b.year:
                return str(a.year)
            if a.year % 10 == 0 and b.year == a.year + 9:
                return f"{a.year}s"
        year, week, wd = a.isocalendar()
        if (b - a).days == 6 and wd == 1:
            return f"{year:04d}-W{week:02d}"
        if (b - a).days == 1 and wd == 6:
            return f"{year:04d}-W{week:02d}-WE"
    return None


def _gum_doc(xml: Path, conllu: Path) -> tuple[str, list[tuple[int, int, str, str | None]], str]:
    text, spans = _conllu_text(conllu)
    gold: list[tuple[int, int, str, str | None]] = []
    stack: list[tuple[dict[str, str], int]] = []
    created, n = "", 0
    for line in xml.read_text(encoding="utf-8").splitlines():
        if line.startswith("<text "):
            created = dict(_ATTR.findall(line)).get("dateCreated", "")
        elif line.startswith("<date"):
            stack.append((dict(_ATTR.findall(line)), n))
        elif line.startswith("</date"):
            attrs, first = stack.pop()
            start, end = spans[first][0], spans[n - 1][1]
            gold.append((start, end, text[start:end], _gold_value(attrs)))
        elif not line.startswith("<") and line:
            n += 1
    if n != len(spans):
        raise ValueError(f"{xml.name}: {n} XML tokens but {len(spans)} CoNLL-U tokens")
    return text, gold, created


def _brief_date(text: str, created: str) -> date | None:
    for fact in dates.extract(text[:400]):
        if fact.extra.get("granularity") == "day" and fact.value and not fact.extra.get("relative"):
            return date.fromisoformat(fact.value)
    return date.fromisoformat(created) if created else None


def _same(pred: str | None, gold: str) -> bool:
    if pred is None or not pred[:1].isdigit():
        return False
    if gold.startswith("--"):
        return pred[4:4 + len(gold) - 1] == gold[1:]
    if gold.endswith("s") or pred.endswith("s"):
        return pred == gold
    return pred[:len(gold)] == gold


class _Counts:
    """Detection counts: extracted dates overlapping a gold one, and gold dates found."""

    def __init__(self) -> None:
        self.pred = self.pred_ok = self.gold = self.gold_found = 0

    def add(self, gold: list[tuple[int, int]], pred: list[tuple[int, int]],
            dropped: list[tuple[int, int]] = ()) -> None:
        pred = [p for p in pred if any(overlaps(p, g) for g in gold)
                or not any(overlaps(p, d) for d in dropped)]
        self.pred += len(pred)
        self.pred_ok += sum(any(overlaps(p, g) for g in gold) for p in pred)
        self.gold += len(gold)
        self.gold_found += sum(any(overlaps(g, p) for p in pred) for g in gold)

    def rows(self, gold_set: str) -> list[Row]:
        p = self.pred_ok / self.pred if self.pred else 0.0
        r = self.gold_found / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return [Row(gold_set, "date", "detection precision", p, self.pred),
                Row(gold_set, "date", "detection recall", r, self.gold),
                Row(gold_set, "date", "detection F1", f, self.gold, ">= 0.90")]


def _best(span: tuple[int, int], facts: list[Fact]) -> Fact | None:
    best, size = None, 0
    for f in facts:
        shared = min(span[1], f.end) - max(span[0], f.start)
        if shared > size:
            best, size = f, shared
    return best


def score_gum(folder: Path) -> list[Row]:
    counts = _Counts()
    right = {True: 0, False: 0}
    total = {True: 0, False: 0}
    for xml in sorted((folder / "xml").glob("*.xml")):
        text, gold, created = _gum_doc(xml, folder / "dep" / (xml.stem + ".conllu"))
        facts = dates.extract(text, _brief_date(text, created))
        dropped = [(g[0], g[1]) for g in gold if not_a_date(g[2])]
        gold = [g for g in gold if not not_a_date(g[2])]
        counts.add([(g[0], g[1]) for g in gold], [(f.start, f.end) for f in facts], dropped)
        for start, end, gtext, value in gold:
            best = _best((start, end), facts)
            if value is None or best is None:
                continue
            absolute = bool(_ABSOLUTE.search(gtext))
            total[absolute] += 1
            best_end = best.extra.get("end")
            right[absolute] += _same(best.value, value) or (
                isinstance(best_end, str) and _same(best_end, value))
    return counts.rows("gum") + [
        Row("gum", "date", "value accuracy", right[True] / max(1, total[True]), total[True],
            ">= 0.95"),
        Row("gum", "date", "relative value acc.", right[False] / max(1, total[False]),
            total[False]),
    ]


def score_re3d(folder: Path) -> list[Row]:
    counts = _Counts()
    for source in sorted(p for p in folder.iterdir() if (p / "entities.json").exists()):
        texts: dict[str, str] = {}
        with open(source / "documents.json", encoding="utf-8-sig") as fh:
            for line in fh:
                if line.strip():
                    doc = json.loads(line)
                    texts[doc["_id"]] = doc["text"]
        gold: dict[str, list[tuple[int, int]]] = {k: [] for k in texts}
        dropped: dict[str, list[tuple[int, int]]] = {k: [] for k in texts}
        with open(source / "entities.json", encoding="utf-8-sig") as fh:
            for line in fh:
                if line.strip():
                    ent = json.loads(line)
                    if ent["type"] == "Temporal":
                        span, doc = (ent["begin"], ent["end"]), ent["documentId"]
                        kept = not not_a_date(texts[doc][span[0]:span[1]])
                        (gold if kept else dropped)[doc].append(span)
        for doc_id, text in texts.items():
            counts.add(gold[doc_id], [(f.start, f.end) for f in dates.extract(text, None)],
                       dropped[doc_id])
    return counts.rows("re3d")


def score(corpus: Path) -> list[Row]:
    rows: list[Row] = []
    if (corpus / "gum" / "xml").is_dir():
        rows += score_gum(corpus / "gum")
    if (corpus / "re3d").is_dir():
        rows += score_re3d(corpus / "re3d")
    return rows

