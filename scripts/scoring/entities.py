"""Score the entity extractor (person, organisation, place, programme) against re3d and GUM.

Both gold sets label more than proper names; the issue's target is for proper names only,
so each gold mention is first put through a proper-name filter. A gold mention that the
filter drops becomes a "don't care" region: a predicted mention that matches no kept gold
mention but overlaps a dropped one is counted neither right nor wrong.

re3d (corpus/re3d/*/documents.json + entities.json, JSON lines, utf-8-sig)
    Types: Person -> person, Organisation -> organisation, Location -> place, Weapon and
    MilitaryPlatform -> programme (reported separately, no target); Nationality and the
    rest are ignored (but their spans are "don't care"). Only annotations with
    confidence >= 0.5 are gold; those below are "don't care" (the annotators were unsure);
    duplicates (same span and type) count once. Proper-name filter:
    1. leading determiners and possessives ("the", "a", "an", "its", "our"...) and a trailing
       "'s" are cut from the gold span (this cut span is also what exact matching compares);
    2. the head word is the last word before the first post-modifier (" of ", " for ",
       " in ", " at ", " on ", " to ", " with ", " from ", " who ", " which ", " that ",
       ",", "(") or, with none, the last word;
    3. the mention is kept when its head starts with a capital letter (or is an ordinal or
       code like "407th", "CJTF-OIR"), is not a pronoun ("I", "He"), is not a title or
       role word ("Secretary", "Minister", "Spokesman"...: "The Foreign Secretary",
       "the Minister" are descriptions, not names), and is not capitalised only because it
       starts a sentence (a mention that starts its sentence with a one-word head whose
       lower-case form appears in the document is dropped);
    4. an Organisation whose head is a people's name ("Syrians", "the Turks", "local Arabs":
       a word in briefs/facts/data/nationalities.txt, or such a word plus "s") is a group,
       not an organisation's name, and is dropped.
    So "U.S. service members", "rebels", "the families" and "city of Mosul" are dropped
    ("Mosul" then is "don't care"), "Syrian Democratic Forces", "the Kurdish YPG",
    "Incirlik Air Base, Turkey" and "Lt. Gen. Stephen J. Townsend" are kept.

GUM (corpus/gum/dep/*.conllu)
    The text is rebuilt from the tokens (SpaceAfter=No honoured; sentences of a paragraph
    joined by a space, paragraphs by a blank line). Entities are the bracketed `Entity=`
    annotations in the MISC column ("(12-person-new-...", "12)"); types person -> person,
    place -> place, organization -> organisation. A mention is kept when its syntactic
    head (the token whose head lies outside the mention) is PROPN, or is a common noun
    with a PROPN `flat`/`appos` dependent inside the mention (a title before a name:
    "Biologist Nick Bos"). The gold span is the proper name inside the mention: the run
    of PROPN tokens (and capitalised ADJ/NUM tokens: "University of Southern Indiana") around
    that head, with "of", "the", "de", "&" between them
    ("University of Helsinki"), never across "and" or a comma. A kept name inside another
    kept name ("Helsinki" in "University of Helsinki") is dropped, as in flat NER. As for
    re3d, names made only of title or role words ("President", "Mr. President") and person
    mentions with a plural head ("Muslims", "Arabs": a group, not a person) are dropped.

Metrics per gold set and type: precision, recall and F1 with overlap matching (a
prediction of the same type overlapping a gold span, one to one), and F1 with exact span
matching as a second figure. Print nothing; return rows.
"""

from __future__ import annotations

import json
import re
import sys
from functools import lru_cache
from pathlib import Path

from scoring.common import Row, overlaps, prf

TARGET = ">= 0.80"
_DET = re.compile(r"^(?:(?:the|a|an|its|their|our|his|her|this|these|those|that|some|all)\s+)+", re.I)
_POSTMOD = re.compile(r"\s(?:of|for|in|at|on|to|with|from|who|which|that|against|under|near)\s|,|\(")
_PRONOUNS = frozenset("i he she we they it you me him them us".split())
_ROLES = frozenset(
    """secretary minister spokesman spokeswoman spokesperson president ambassador envoy chairman
    chair director commander chief general admiral colonel officer deputy official officials
    king queen prince premier chancellor governor senator representative mayor judge
    leader leaders head foreign defence defense state""".split()
)
RE3D_TYPES = {"Person": "person", "Organisation": "organisation", "Location": "place",
              "Weapon": "programme", "MilitaryPlatform": "programme"}
GUM_TYPES = {"person": "person", "place": "place", "organization": "organisation"}


def score(corpus: Path) -> list[Row]:
    rows: list[Row] = []
    re3d = corpus / "re3d"
    if re3d.exists():
        rows += _rows("re3d", _re3d_docs(re3d), ("person", "organisation", "place", "programme"))
    gum = corpus / "gum" / "dep"
    if gum.exists():
        rows += _rows("gum", _gum_docs(gum), ("person", "organisation", "place"))
    return rows


# --------------------------------------------------------------------------- prediction


def _predict(text: str):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from briefs.facts import entities, sentences

    try:
        from briefs.facts import acronyms

        acr = acronyms.extract(text)
    except ImportError:  # pragma: no cover - acronym module not there yet
        acr = []
    return entities.extract(text, sentences.split(text), acr)


def _rows(name: str, docs, types: tuple[str, ...]) -> list[Row]:
    counts = {t: [0, 0, 0, 0, 0, 0, 0] for t in types}  # tp fp fn, etp efp efn, n
    for text, gold, dropped in docs:
        preds = [(f.start, f.end, f.type) for f in _predict(text) if f.type in types]
        for t in types:
            g = sorted((s, e) for s, e, k in gold if k == t)
            p = sorted((s, e) for s, e, k in preds if k == t)
            c = counts[t]
            c[6] += len(g)
            tp, fp, fn = _match(g, p, dropped, exact=False)
            c[0] += tp
            c[1] += fp
            c[2] += fn
            tp, fp, fn = _match(g, p, dropped, exact=True)
            c[3] += tp
            c[4] += fp
            c[5] += fn
    rows = []
    for t in types:
        tp, fp, fn, etp, efp, efn, n = counts[t]
        p, r, f = prf(tp, fp, fn)
        target = TARGET if t != "programme" else ""
        rows += [Row(name, t, "precision (overlap)", p, n), Row(name, t, "recall (overlap)", r, n),
                 Row(name, t, "F1 (overlap)", f, n, target),
                 Row(name, t, "F1 (exact)", prf(etp, efp, efn)[2], n)]
    return rows


def _match(gold, preds, dropped, exact: bool) -> tuple[int, int, int]:
    used = [False] * len(preds)
    tp = 0
    for gs in gold:
        for k, ps in enumerate(preds):
            if not used[k] and (ps == gs if exact else overlaps(ps, gs)):
                used[k] = True
                tp += 1
                break
    # an unmatched prediction is wrong unless it lies on a "don't care" region
    fp = sum(1 for k, ps in enumerate(preds) if not used[k] and not any(overlaps(ps, d) for d in dropped))
    return tp, fp, len(gold) - tp


# --------------------------------------------------------------------------- re3d


def _re3d_docs(root: Path):
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        docs = {}
        with open(folder / "documents.json", encoding="utf-8-sig") as fh:
            for line in fh:
                if line.strip():
                    d = json.loads(line)
                    docs[d["_id"]] = d["text"]
        ents: dict[str, set[tuple[int, int, str]]] = {}
        unsure: dict[str, set[tuple[int, int]]] = {}
        with open(folder / "entities.json", encoding="utf-8-sig") as fh:
            for line in fh:
                if line.strip():
                    e = json.loads(line)
                    if e["confidence"] >= 0.5:
                        ents.setdefault(e["documentId"], set()).add((e["begin"], e["end"], e["type"]))
                    else:
                        unsure.setdefault(e["documentId"], set()).add((e["begin"], e["end"]))
        for doc_id in sorted(docs):
            text = docs[doc_id]
            gold: list[tuple[int, int, str]] = []
            dropped = sorted(unsure.get(doc_id, ()))
            for begin, end, kind in sorted(ents.get(doc_id, ())):
                mapped = RE3D_TYPES.get(kind)
                span = _proper_span(text, begin, end, mapped) if mapped else None
                if span is None:
                    dropped.append((begin, end))
                else:
                    gold.append((span[0], span[1], mapped))
            yield text, gold, dropped


@lru_cache(maxsize=1)
def _peoples() -> frozenset[str]:
    path = Path(__file__).resolve().parents[2] / "briefs" / "facts" / "data" / "nationalities.txt"
    words = path.read_text(encoding="utf-8").split("\n", 1)[1].split() if path.exists() else []
    return frozenset(words)


def _proper_span(text: str, begin: int, end: int, kind: str = "") -> tuple[int, int] | None:
    """The mention cut to its name, or None when it is not a proper name (see docstring)."""
    mention = text[begin:end]
    m = _DET.match(mention)
    if m:
        begin += m.end()
        mention = mention[m.end():]
    if mention.endswith(("'s", "’s")):
        end -= 2
        mention = mention[:-2]
    if not mention.strip():
        return None
    cut = _POSTMOD.search(mention)
    words = (mention[: cut.start()] if cut else mention).split()
    if not words:
        return None
    head = words[-1].strip(".,;:'\"’”")
    if not head or head.lower() in _PRONOUNS or head.lower() in _ROLES:
        return None
    if kind == "organisation" and (head in _peoples() or head[:-1] in _peoples()):
        return None
    if not (head[0].isupper() or head[0].isdigit() and any(c.isalpha() for c in head)):
        return None
    if len(words) == 1 and _sentence_initial(text, begin) and \
            re.search(r"(?<![\w.])" + re.escape(head.lower()) + r"\b", text):
        return None
    return begin, end


def _sentence_initial(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4):pos].rstrip(" \"“'‘(")
    return pos == 0 or not before or before[-1] in ".!?:\n"


# --------------------------------------------------------------------------- GUM


_ENT = re.compile(r"\((\d+)-([^()|]*?)\)|\((\d+)-([^()|]*)|(\d+)\)")
_JOIN = frozenset({"of", "the", "de", "&", "du", "von", "van", "al"})
# A person's name takes its particles but not "of" and what follows: "Ana Lima of Orbital
# Works" is a name and an affiliation (the organisation is then a name of its own).
_PERSON_JOIN = frozenset({"de", "du", "von", "van", "al"})


def _gum_docs(root: Path):
    for path in sorted(root.glob("*.conllu")):
        yield _gum_doc(path.read_text(encoding="utf-8"))


def _gum_doc(conllu: str):
    parts: list[str] = []
    length = 0
    pending = ""
    mentions: list[tuple[list[dict], int, int, str]] = []  # sentence tokens, first id, last id, type
    sent: list[dict] = []
    open_: dict[str, tuple[int, str]] = {}
    mwt: tuple[int, int, int, int] | None = None  # last id, start, end, offset used so far

    def text_of(start: int, end: int) -> str:
        return parts[-1] if length == end else "".join(parts)[start:end]

    def put(form: str, space: bool) -> tuple[int, int]:
        nonlocal length, pending
        if parts and pending:
            parts.append(pending)
            length += len(pending)
        start = length
        parts.append(form)
        length += len(form)
        pending = " " if space else ""
        return start, length

    for line in conllu.splitlines():
        if line.startswith("# newpar") and not line.startswith("# newpar_block"):
            pending = "\n\n"
            continue
        if line.startswith("#"):
            continue
        if not line.strip():
            sent = []
            mwt = None
            if pending == "":
                pending = " "
            continue
        cols = line.split("\t")
        if "." in cols[0]:
            continue
        space = "SpaceAfter=No" not in cols[9]
        if "-" in cols[0]:
            a, b = cols[0].split("-")
            start, end = put(cols[1], space)
            mwt = (int(b), start, end, 0)
            continue
        tid = int(cols[0])
        if mwt and tid <= mwt[0]:
            # a word of a multiword token ("Scientology's" = "Scientology" + "'s"): its own
            # part of the surface when the forms spell it out, else the whole token
            start, end = mwt[1], mwt[2]
            surface = text_of(start, end)
            if surface[mwt[3]:].startswith(cols[1]):
                start = mwt[1] + mwt[3]
                end = start + len(cols[1])
                mwt = (mwt[0], mwt[1], mwt[2], mwt[3] + len(cols[1]))
        else:
            start, end = put(cols[1], space)
        tok = {"id": tid, "form": cols[1], "upos": cols[3], "feats": cols[5], "head": int(cols[6]) if cols[6].isdigit() else 0,
               "deprel": cols[7], "start": start, "end": end}
        sent.append(tok)
        ent = re.search(r"Entity=([^|]*)", cols[9])
        if ent:
            for m in _ENT.finditer(ent.group(1)):
                if m.group(1):
                    mentions.append((sent, tid, tid, m.group(2).split("-")[0]))
                elif m.group(3):
                    open_[m.group(3)] = (tid, m.group(4).split("-")[0])
                else:
                    got = open_.pop(m.group(5), None)
                    if got:
                        mentions.append((sent, got[0], tid, got[1]))
    text = "".join(parts)
    gold: list[tuple[int, int, str]] = []
    dropped: list[tuple[int, int]] = []
    for tokens, first, last, etype in mentions:
        kind = GUM_TYPES.get(etype)
        byid = {t["id"]: t for t in tokens}
        span_toks = [byid[i] for i in range(first, last + 1) if i in byid]
        if not span_toks:
            continue
        whole = (span_toks[0]["start"], span_toks[-1]["end"])
        if kind is None:
            continue
        name = _gum_name(span_toks, first, last, kind)
        if name is not None:
            words = text[name[0]:name[1]].replace(".", " ").split()
            if all(w.lower() in _ROLES or w.lower() in ("mr", "mrs", "ms", "dr", "prof") for w in words):
                name = None
            elif kind == "person" and _plural_head(span_toks):
                name = None
        if name is None:
            dropped.append(whole)
        else:
            gold.append((name[0], name[1], kind))
    # flat NER: drop names inside other names, and duplicates
    gold = sorted(set(gold), key=lambda g: (g[0], -g[1], g[2]))
    kept: list[tuple[int, int, str]] = []
    for g in gold:
        if any(k[0] <= g[0] and g[1] <= k[1] for k in kept):
            continue
        kept.append(g)
    return text, kept, dropped


def _gum_name(toks: list[dict], first: int, last: int, kind: str = "") -> tuple[int, int] | None:
    join = _PERSON_JOIN if kind == "person" else _JOIN
    ids = {t["id"] for t in toks}
    heads = [t for t in toks if t["head"] not in ids]
    if not heads:
        return None
    head = heads[0]
    if head["upos"] != "PROPN":
        deps = [t for t in toks if t["head"] == head["id"] and t["deprel"] in ("flat", "appos")
                and t["upos"] == "PROPN"]
        if head["upos"] not in ("NOUN",) or not deps:
            return None
        head = deps[0]
    k = toks.index(head)
    a = b = k
    while a > 0 and (_name_word(toks[a - 1]) or toks[a - 1]["form"] in join and a > 1
                     and _name_word(toks[a - 2]) and toks[a - 1]["form"] != "the"):
        a -= 1
    while b + 1 < len(toks) and (_name_word(toks[b + 1]) or toks[b + 1]["form"] in join
                                 and b + 2 < len(toks) and _propn_after(toks, b + 1)):
        b += 1
    while b > a and not _name_word(toks[b]):
        b -= 1
    while a < b and toks[a]["upos"] != "PROPN":
        a += 1
    return toks[a]["start"], toks[b]["end"]


def _name_word(tok: dict) -> bool:
    """A PROPN, or a capitalised adjective or number inside a name ("Southern", "II")."""
    return tok["upos"] == "PROPN" or tok["upos"] in ("ADJ", "NUM") and tok["form"][:1].isupper()


def _plural_head(toks: list[dict]) -> bool:
    ids = {t["id"] for t in toks}
    heads = [t for t in toks if t["head"] not in ids]
    return bool(heads) and "Number=Plur" in heads[0]["feats"]


def _propn_after(toks: list[dict], j: int) -> bool:
    while j < len(toks) and toks[j]["form"] in _JOIN:
        j += 1
    return j < len(toks) and toks[j]["upos"] == "PROPN"
