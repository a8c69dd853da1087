"""Quotes against GUM; acronym pairs on the CRS and GAO reports. What is measured, honestly:

Quotes (corpus/gum, 39 documents: 22 news, 17 interviews). The text of each document is
rebuilt from its tokens: xml/*.xml gives the tokens and the markup, dep/*.conllu (same
tokens, same order) gives the spacing (SpaceAfter=No) and paragraph breaks. GUM marks
quotations with <quote> and scare quotes, mentions and titles with <q>; the <quote>
elements of one quotation are split at sentence ends, so touching ones are merged.
- found: share of gold quotations overlapped by an extracted quote (span overlap).
- precision: share of extracted quotes that overlap a gold quotation, counted only in the
  documents where GUM marks quotations at all (16 of 39: many news texts full of quotes
  carry no <quote> markup); quotes that overlap only a <q> element are left out (GUM's <q>
  mixes scare quotes with some real speech).
- scare quotes taken: share of <q> elements (same documents) overlapped by a quote (no target).
- speaker right: GUM does not annotate who speaks a news quotation (<sp who=...> marks
  interview turns, not quotes). The gold speaker is derived from GUM's gold annotation:
  the reporting verb governing the quotation in the dependency tree (or governed by it,
  as parataxis), its nsubj (or the object of "according to"), and that mention's
  coreference chain: the longest proper name in the chain (titles dropped) or, when the
  chain has no name, its head noun ("officials", "the agency"). Only quotations whose own
  sentence carries such an attribution get a gold speaker; quotations attributed in an
  earlier sentence are scored for detection only. A name is right when the extracted
  speaker holds all its words (or, with two words or more, is part of it and ends with the
  same surname; an all-capitals acronym of the name counts); a descriptor is right when the
  extracted speaker contains its head noun. "speaker right" runs the extractor as the app
  does, with the `person` facts of briefs.facts.entities; "no NER" without them.

Acronyms (corpus/crs and corpus/gao, Markdown, loaded with the app's own loader). No gold
exists, so each extracted (short, long) pair is checked by `verify_pair`, a strict letter
alignment written apart from the extractor: every letter of the short form (a digit after a
letter repeats it) must occur in order in the long form, starting on its first letter;
every content word must give a letter, the first it gives being its initial (or the initial
of a hyphenated part); the long form may not exceed the short form's length plus four
content words, nor start with a stop word ("of Inspector General"). It rejects a few right
pairs ("UCX" = "Unemployment Compensation for Ex-Servicemembers"), so its figure is a lower
bound; it accepted 12 of 1,238 pairs whose long forms were shuffled at random, and 7 of 1,112
long forms cut by one word. Pairs from the extractor's glossary (letters from another
language) are counted apart, unchecked.
Thirty pairs were also checked by reading; they are in tests/briefs/test_facts_acronyms.py.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from scoring.common import Row, overlaps

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SPEECH = frozenset("""say tell add state write note explain warn argue claim insist acknowledge
assert caution continue conclude emphasise emphasize stress remark observe declare announce reply
respond comment testify predict suggest concede admit agree urge ask call describe tweet post
quote report recall complain charge allege confirm deny vow pledge promise""".split())
TITLES = frozenset("""mr mrs ms dr prof sen rep gen lt col maj capt adm president minister secretary
director chief senator governor general colonel captain admiral sir ambassador professor""".split())
_BLOCKS = ("<p", "</p", "<head", "</head", "<sp ", "</sp", "<item", "</item", "<caption",
           "</caption", "<l ", "</l>", "<list", "</list", "<figure", "</figure", "<quote rend")
_ENTITY = re.compile(r"\((\d+)-([a-z]+)-([^()]*)|(\d+)\)")


@dataclass
class Tok:
    form: str
    lemma: str
    upos: str
    head: int
    deprel: str
    start: int = 0
    end: int = 0


@dataclass
class GumDoc:
    name: str
    text: str
    toks: list[Tok]
    quotes: list[tuple[int, int]]
    scare: list[tuple[int, int]]
    # Coreference mentions: (first token, end token, entity id, entity type, Wikipedia name).
    mentions: list[tuple[int, int, int, str, str]] = field(default_factory=list)

    def span(self, a: int, b: int) -> tuple[int, int]:
        return self.toks[a].start, self.toks[b - 1].end


def read_gum(xml_path: Path) -> GumDoc:
    """One GUM document: text rebuilt from tokens, quote and <q> token ranges, mentions."""
    conllu = xml_path.parent.parent / "dep" / (xml_path.stem + ".conllu")
    toks, spaces, mentions = _read_conllu(conllu)
    quotes, scare, breaks, stack, n = [], [], set(), [], 0
    for line in xml_path.read_text(encoding="utf-8").splitlines():
        if line.startswith("<"):
            tag = line.split()[0].strip("<>/")
            if line.startswith(_BLOCKS):
                breaks.add(n)
            if tag in ("quote", "q"):
                if line.startswith("</"):
                    kind, a = stack.pop()
                    (quotes if kind == "quote" else scare).append((a, n))
                else:
                    stack.append((tag, n))
        elif line.strip():
            n += 1
    parts: list[str] = []
    pos = 0
    for i, tok in enumerate(toks):
        if i and (i in breaks):
            sep = "\n\n"
        else:
            sep = "" if not i or not spaces[i - 1] else " "
        pos += len(sep)
        parts.append(sep)
        tok.start, tok.end = pos, pos + len(tok.form)
        parts.append(tok.form)
        pos = tok.end
    merged: list[tuple[int, int]] = []
    for a, b in sorted(quotes):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return GumDoc(xml_path.stem, "".join(parts), toks, merged, scare, mentions)


def _read_conllu(path: Path) -> tuple[list[Tok], list[bool], list[tuple[int, int, int, str, str]]]:
    toks: list[Tok] = []
    spaces: list[bool] = []
    mentions: list[tuple[int, int, int, str, str]] = []
    open_: dict[int, list[tuple[int, str, str]]] = {}
    base = 0
    mwt_end, mwt_space = 0, True
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            base = len(toks)
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0]:
            a, b = cols[0].split("-")
            mwt_end, mwt_space = base + int(b), "SpaceAfter=No" not in cols[9]
            continue
        if "." in cols[0]:
            continue
        i = len(toks)
        head = int(cols[6])
        toks.append(Tok(cols[1], cols[2], cols[3], base + head - 1 if head else -1, cols[7]))
        space = "SpaceAfter=No" not in cols[9]
        spaces.append(mwt_space if i + 1 == mwt_end else (space if i + 1 > mwt_end else False))
        for misc in cols[9].split("|"):
            if misc.startswith("Entity="):
                for m in _ENTITY.finditer(misc[7:]):
                    if m.group(1):
                        eid, etype, rest = int(m.group(1)), m.group(2), m.group(3)
                        bits = rest.split("-")
                        wiki = bits[5] if len(bits) > 5 else ""
                        open_.setdefault(eid, []).append((i, etype, wiki))
                        if m.end() < len(misc) - 7 and misc[7 + m.end()] == ")":
                            a0, et, wk = open_[eid].pop()
                            mentions.append((a0, i + 1, eid, et, wk))
                    elif open_.get(int(m.group(4))):
                        a0, et, wk = open_[int(m.group(4))].pop()
                        mentions.append((a0, i + 1, int(m.group(4)), et, wk))
    return toks, spaces, mentions


def gold_speaker(doc: GumDoc, a: int, b: int) -> tuple[str, str] | None:
    """("name"|"head", words) for the quotation on tokens [a, b), from the gold trees."""
    inside = set(range(a, b))
    children: dict[int, list[int]] = {}
    lo, hi = max(0, a - 60), min(len(doc.toks), b + 60)
    for i in range(lo, hi):
        children.setdefault(doc.toks[i].head, []).append(i)
    verbs = [doc.toks[i].head for i in inside
             if doc.toks[i].head >= 0 and doc.toks[i].head not in inside]
    verbs += [i for i in range(lo, hi) if i not in inside and doc.toks[i].head in inside
              and doc.toks[i].deprel.startswith("parataxis")]
    for v in verbs:
        tok = doc.toks[v]
        if tok.lemma.lower() in SPEECH:
            for c in children.get(v, []):
                if doc.toks[c].deprel in ("nsubj", "nsubj:outer") and c not in inside:
                    return _canonical(doc, c)
    for i in range(lo, hi):
        if doc.toks[i].lemma == "accord" and i not in inside and doc.toks[i].head >= 0:
            j = doc.toks[i].head
            if j not in inside and abs(j - a) < 40:
                return _canonical(doc, j)
    return None


def _canonical(doc: GumDoc, t: int) -> tuple[str, str] | None:
    """The speaker named by token `t`: the fullest proper name its coreference chain gives
    (the name at `t` itself when the chain's fuller names do not contain it), else a head noun."""
    found = [m for m in doc.mentions if m[0] <= t < m[1]]
    if not found:
        return None if doc.toks[t].upos == "PRON" else ("head", doc.toks[t].form.lower())
    here = min(found, key=lambda m: m[1] - m[0])
    eid = here[2]
    owner = _owners(doc)
    own = _name_in(doc, here, owner)
    best = own
    for m in doc.mentions:
        if m[2] == eid:
            name = _name_in(doc, m, owner)
            fuller = len(name.split()) > len(best.split())
            if fuller and (not own or set(own.split()) <= set(name.split())):
                best = name
    if best:
        return "name", best
    if doc.toks[t].upos != "PRON":
        return "head", doc.toks[t].form.lower()
    for a, b, e, _, _ in doc.mentions:
        if e == eid:
            heads = [i for i in range(a, b) if not a <= doc.toks[i].head < b]
            if heads and doc.toks[heads[0]].upos in ("NOUN", "PROPN"):
                return "head", doc.toks[heads[0]].form.lower()
    return None


def _owners(doc: GumDoc) -> list[int]:
    """For each token, the entity of the smallest mention that holds it (-1: none)."""
    cached = getattr(doc, "_owner", None)
    if cached is None:
        cached = [-1] * len(doc.toks)
        for a, b, e, _, _ in sorted(doc.mentions, key=lambda m: m[0] - m[1]):
            for i in range(a, b):
                cached[i] = e
        doc._owner = cached  # type: ignore[attr-defined]
    return cached


def _name_in(doc: GumDoc, mention: tuple[int, int, int, str, str], owner: list[int]) -> str:
    """The last run of proper nouns in a mention that belong to it (titles end a run)."""
    a, b, eid = mention[0], mention[1], mention[2]
    runs: list[tuple[int, int]] = []
    start = None
    for i in range(a, b + 1):
        tok = doc.toks[i] if i < b else None
        ok = tok is not None and owner[i] == eid and (
            (tok.upos in ("PROPN", "ADJ") and tok.form[:1].isupper()
             and tok.form.lower().strip(".") not in TITLES)
            or (tok.form in ("-", ".", "al", "el", "bin", "van", "von", "de") and start is not None
                and i + 1 < b and (doc.toks[i + 1].upos == "PROPN" or doc.toks[i + 1].form == "-")))
        if ok and start is None:
            start = i
        elif not ok and start is not None:
            runs.append((start, i))
            start = None
    runs = [r for r in runs if r[1] >= b or doc.toks[r[1]].form.lower().strip(".") not in TITLES]
    if not runs:
        return ""
    s, e = runs[-1]
    return doc.text[doc.toks[s].start:doc.toks[e - 1].end]


def speaker_right(gold: tuple[str, str], predicted: str | None) -> bool:
    if not predicted:
        return False
    p = [w for w in re.findall(r"[\w'’\-]+", predicted.lower())
         if w not in ("the", "a", "an") and w not in TITLES]
    kind, words = gold
    g = [w for w in re.findall(r"[\w'’\-]+", words.lower()) if w not in TITLES]
    if kind == "head":
        stem = g[-1].rstrip("s")
        return any(w.rstrip("s") == stem for w in p)
    initials = "".join(w[0] for w in g if w not in ("of", "and"))
    if len(p) == 1 and predicted.isupper() and p[0] == initials:
        return True  # "KCNA" for "Korean Central News Agency"
    return set(g) <= set(p) or (len(p) >= 2 and set(p) <= set(g) and p[-1] == g[-1])


def score_quotes(corpus: Path) -> list[Row]:
    from briefs.facts import quotes, sentences

    try:
        from briefs.facts import entities as ent_mod
    except ImportError:
        ent_mod = None
    found = gold_n = pred_tp = pred_fp = scare_hit = scare_n = 0
    right = {"with": 0, "own": 0}
    sp_n = 0
    for path in sorted((corpus / "gum" / "xml").glob("*.xml")):
        doc = read_gum(path)
        sents = sentences.split(doc.text)
        people = []
        if ent_mod is not None:
            try:
                people = [f for f in ent_mod.extract(doc.text, sents, []) if f.type == "person"]
            except Exception:  # the entity extractor is someone else's work in progress
                people = []
        facts = quotes.extract(doc.text, sents, people)
        own = quotes.extract(doc.text, sents, [])
        spans = [doc.span(a, b) for a, b in doc.quotes]
        qspans = [doc.span(a, b) for a, b in doc.scare]
        for (a, b), span in zip(doc.quotes, spans):
            gold_n += 1
            found += any(overlaps((f.start, f.end), span) for f in facts)
            gold = gold_speaker(doc, a, b)
            if gold is None or not any(overlaps((f.start, f.end), span) for f in facts):
                continue
            sp_n += 1
            for key, run in (("with", facts), ("own", own)):
                hits = [f for f in run if overlaps((f.start, f.end), span)]
                best = max(hits, key=lambda f: min(f.end, span[1]) - max(f.start, span[0]),
                           default=None)
                right[key] += best is not None and speaker_right(gold, best.speaker)
        if not spans:
            continue  # GUM marks quotations in some documents only: judge precision where it does
        for f in facts:
            if any(overlaps((f.start, f.end), s) for s in spans):
                pred_tp += 1
            elif not any(overlaps((f.start, f.end), s) for s in qspans):
                pred_fp += 1
        scare_n += len(qspans)
        scare_hit += sum(any(overlaps((f.start, f.end), s) for f in facts) for s in qspans)
    return [
        Row("gum", "quote", "found", found / max(1, gold_n), gold_n, ">= 0.90"),
        Row("gum", "quote", "precision", pred_tp / max(1, pred_tp + pred_fp), pred_tp + pred_fp),
        Row("gum", "quote", "speaker right", right["with"] / max(1, sp_n), sp_n, ">= 0.90"),
        Row("gum", "quote", "speaker right, no NER", right["own"] / max(1, sp_n), sp_n),
        Row("gum", "quote", "scare quotes taken", scare_hit / max(1, scare_n), scare_n),
    ]


def verify_pair(short: str, long: str) -> bool:
    """Strict, independent check that `long` spells `short` (see the module docstring)."""
    short = re.sub(r"(?<=[A-Z])(?:es|s)$", "", short) if len(short) > 2 else short
    letters: list[str] = []
    for i, c in enumerate(short):
        if c.isdigit() and i and short[i - 1].isalpha():
            letters += [short[i - 1].lower()] * (int(c) - 1)
        elif c.isalnum():
            letters.append(c.lower())
    text = long.lower().replace("’", "'")
    if "&" in short and not re.search(r"\band\b|&", text):
        return False
    minor = {"of", "and", "the", "for", "on", "in", "to", "at", "by", "with", "a", "an", "or"}
    words = [(m.start(), m.end()) for m in re.finditer(r"[a-z0-9][a-z0-9'.\-]*", text)
             if m.group().strip(".'") not in minor]
    initials = {0} | {m.end() for m in re.finditer(r"[\s\-/.]+", text)}
    if not letters or not words or len(words) > len(letters) + 4 or text[0] != letters[0]:
        return False
    if text.split()[0] in minor:
        return False  # "of Inspector General": a long form cut short
    numbers = {"1": "one", "2": "two", "3": "three", "4": "four", "5": "fifth"}

    def ok(used: tuple[int, ...]) -> bool:
        """Every content word gives a letter, and its first letter given is an initial."""
        for a, b in words:
            mine = [p for p in used if a <= p < b]
            if not mine or mine[0] not in initials:
                return False
        return True

    def search(li: int, pos: int, used: tuple[int, ...]) -> bool:
        if li == len(letters):
            return ok(used)
        c = letters[li]
        for p in range(pos, len(text)):
            if text[p] == c or (c.isdigit() and text.startswith(numbers.get(c, "#"), p)):
                if (li or p == 0) and search(li + 1, p + 1, used + (p,)):
                    return True
        return False

    return search(0, 0, ())


def score_acronyms(corpus: Path) -> list[Row]:
    from briefs.facts import acronyms
    from briefs.load import load_file

    paths = sorted((corpus / "crs").rglob("*.md")) + sorted((corpus / "gao").rglob("*.md"))
    checked = good = glossary = undefined = 0
    for path in paths:
        for brief in load_file(str(path)):
            for fact in acronyms.extract(brief.body):
                if fact.long is None:
                    undefined += 1
                elif fact.extra.get("glossary"):
                    glossary += 1
                else:
                    checked += 1
                    good += verify_pair(fact.text, fact.long)
    return [
        Row("crs+gao", "acronym", "pair precision", good / max(1, checked), checked, ">= 0.95"),
        Row("crs+gao", "acronym", "pairs per report", checked / max(1, len(paths)), len(paths)),
        Row("crs+gao", "acronym", "glossary pairs", float(glossary), len(paths)),
        Row("crs+gao", "acronym", "undefined per report", undefined / max(1, len(paths)),
            len(paths)),
    ]


def score(corpus: Path) -> list[Row]:
    rows: list[Row] = []
    if (corpus / "gum" / "xml").is_dir():
        rows += score_quotes(corpus)
    if (corpus / "crs").is_dir() or (corpus / "gao").is_dir():
        rows += score_acronyms(corpus)
    return rows
