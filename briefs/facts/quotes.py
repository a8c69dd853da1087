"""Quotes: the words inside quotation marks, and who said them.

Marks, straight or curly, pair within a paragraph; a quote still open at a paragraph's end
continues when the next paragraph opens with a mark (the newspaper convention) and is one
fact. ‘Single’ quotes count outside double quotes (British style); apostrophes never do.
Not quotes: titles ("SDA Awards Tranche 3 Contracts", or after "titled", "report") and
scare quotes. A quote of one to three words is a scare quote unless a reporting verb takes
it as its object (told the police "everything he did"), it ends a reported sentence (said
the plane would fly "by the spring."), or it is joined to a kept one ("dangerous" and
"ideological"); coinages never count ("so-called", what she called "on-orbit sparing").

The speaker is found by `briefs.facts.speakers` from the reporting clause around the quote
(after it, before it, between the halves of a split quote). A quote opening its sentence
with no reporting clause of its own inherits the speaker of the quote just before it (or
of a reporting sentence just before it, "Whitfield said the schedule was tight. "...""), and
so does a later quote in the same sentence ("called it "dangerous" and "ideological"").
`extra` holds "speaker_text" (the words naming the speaker) and "speaker_span" (their
offsets), and "paragraphs" for a quote running over several.
"""

from __future__ import annotations

import bisect
import re

from briefs.facts.model import Fact
from briefs.facts.sentences import Sentence, sentence_at
from briefs.facts.speakers import VERB, VERBS, Names, attribution, within

_SHORT_VERB = re.compile(r"\b(?:" + VERBS + r"|recommend\w*|urg\w*|call\w*|describ\w*|term\w*)\b")
_COINAGE = re.compile(r"(?:so-called|dubbed|termed|nicknamed|known as|referred to as|pronounced|"
                      r"the (?:term|word|phrase|label|name)|\bwhat (?:\w+ ){1,3}call(?:s|ed)?)\s*$",
                      re.I)
_TITLE_CUE = re.compile(r"\b(?:titled|entitled|headlined|headline|hashtag|item|report|article|"
                        r"story|paper|study|book|film|column|piece|op-ed|essay|chapter|section|"
                        r"series|podcast|memo|"
                        r"slogan|motto)\s*[:,]?\s*$")
_DOUBLE = re.compile(r"[\"“”«»]")
_SINGLE = re.compile(r"['‘’](?:(?<![A-Za-z0-9].)|(?![A-Za-z0-9]))")
# Words a title leaves in lower case, and words that rarely start a title word.
_MINOR = frozenset("""a an the of for at in on with from by to and or but nor as is are was were
be been that this it its not vs via per""".split())
_AND = re.compile(r"[\"”’']?\s*(?:\(\([^()]*\)\)\s*)?(?:,|,? and|,? or)\s*")
_SAY = re.compile(r"said|says|told|tells|added|wrote|writes|stated|warned|predicted|insisted|"
                  r"argued|noted|explained|claimed")
_NOT_OBJECT = frozenset("to about of on in for with that".split())
_PARA = re.compile(r"\n[ \t]*\n")
_BACKTICKS, _WORD = re.compile("``"), re.compile(r"[A-Za-z][\w'’\-]*")
_SAID_AFTER = re.compile(r"[,.!?]?\s*(?:\w+\s+){0,3}?(?:said|says|told|added|asked|replied)\b")
_WORDY = re.compile(r"\S*?[^\W_]\S*")  # [^\W_]: a letter or digit (str.isalnum)
_STOP_END, _CLAUSE_END = re.compile(r"[.!?]$"), re.compile(r"[.!?;]$")


def extract(body: str, sentences: list[Sentence], entities: list[Fact]) -> list[Fact]:
    """Every quote in `body` with its speaker, in order."""
    spans = _quote_spans(body)
    names = Names(body, entities, sentences, [(a, d) for a, _, _, d in spans])
    starts, ends = [s.start for s in sentences], [s.end for s in sentences]  # both in order
    out: list[Fact] = []
    last: Fact | None = None
    for i, (a, b, c, d) in enumerate(spans):  # marks at a and c; the words are body[b:c]
        text = body[b:c]
        s1, s2 = sentence_at(sentences, a), sentence_at(sentences, max(a, c - 1))
        clause = (s1.start if s1 else a, a)
        left = (max(spans[i - 1][3] if i else 0, clause[0]), a)
        right_end = s2.end if s2 else d
        if right_end <= d:  # '"..." Kessling said.' is split off as a sentence of its own
            k = bisect.bisect_left(starts, d)  # the first sentence from d on
            nxt = sentences[k] if k < len(sentences) else None
            short = nxt is not None and len(nxt.text.split()) <= 12
            if short and VERB.search(nxt.text) and not _DOUBLE.search(nxt.text):
                right_end = nxt.end
        right = (d, max(d, min(spans[i + 1][0] if i + 1 < len(spans) else len(body), right_end)))
        words = len(_WORDY.findall(text))  # of text.split(), those with a letter or digit
        # "dangerous" and "ideological": a short quote joined to the one kept before it
        joined = last is not None and last.end >= clause[0] and bool(
            _AND.fullmatch(body, last.end, a))
        if words <= 3 and not joined and not _short_quote(body, text, clause, left, right):
            continue
        if words >= 4 and _is_title(body, a, text):
            continue
        fact = Fact("quote", text, b, c)
        found = attribution(body, left, right, names)
        opens = not body[left[0]:left[1]].strip(" \t\n—–-([:;,")
        same = last is not None and s1 is not None and last.start >= s1.start
        follows = last is not None and (same or opens and _adjacent(body, sentences, last, a, starts))
        if found is None and follows and last.speaker:
            fact.speaker = last.speaker
            fact.extra.update({k: v for k, v in last.extra.items() if k.startswith("speaker")})
        elif found is None and opens:
            k = bisect.bisect_right(ends, a)  # the last sentence that ends by a
            prev = sentences[k - 1:k] if k else []
            if prev and body[prev[0].end:a].count("\n\n") <= 1:
                found = attribution(body, (prev[0].start, prev[0].end), (prev[0].end,) * 2, names)
        if found is not None:
            fact.speaker, s, e = found
            fact.extra.update(speaker_text=body[s:e], speaker_span=[s, e])
            names.spoke(fact.speaker, s)
        if _PARA.search(text):
            fact.extra["paragraphs"] = len(_PARA.findall(text)) + 1
        out.append(fact)
        last = fact
    return out


def _quote_spans(body: str) -> list[tuple[int, int, int, int]]:
    """(open mark, text start, text end, close end) of every quotation, in order."""
    out: list[tuple[int, int, int, int]] = []
    marks = [(m.start(), m.group()) for m in _DOUBLE.finditer(body)]
    if "``" in body:  # typewriter opening quotes
        marks = sorted(marks + [(m.start(), "``") for m in _BACKTICKS.finditer(body)])
    if marks:
        breaks = [m.start() for m in _PARA.finditer(body)] + [len(body)]
        start: int | None = None
        para_end = 0
        for pos, ch in marks:
            if pos >= para_end:  # a new paragraph
                k = bisect.bisect_right(breaks, pos)
                para_start, old_end = (breaks[k - 1] if k else 0), para_end
                para_end = breaks[k] if k < len(breaks) else len(body)
                if start is not None:
                    if not body[para_start:pos].strip() and old_end <= para_start:
                        continue  # re-opens the quote continued from the last paragraph
                    # never closed: the quote ends with its paragraph
                    out.append((start, start + _mark(body, start), old_end, old_end))
                    start = None
            if start is None:
                if ch != "”" and ch != "»" and not (ch == '"' and _closer_only(body, pos)):
                    start = pos
            elif ch in ("“", "«", "``"):
                start = pos  # an opening mark while open: the earlier one was stray
            else:
                out.append((start, start + _mark(body, start), pos, pos + 1))
                start = None
        if start is not None:
            out.append((start, start + _mark(body, start), para_end, para_end))
    trimmed = []
    for a, b, c, d in out + _single_spans(body, [(a, d) for a, _, _, d in out]):
        inner = body[b:c]
        if inner.strip():
            trimmed.append((a, b + len(inner) - len(inner.lstrip()), b + len(inner.rstrip()), d))
    return sorted(trimmed)


def _mark(body: str, pos: int) -> int:
    return 2 if body.startswith("``", pos) else 1


def _closer_only(body: str, pos: int) -> bool:
    before = body[pos - 1] if pos else " "
    after = body[pos + 1] if pos + 1 < len(body) else " "
    return not before.isspace() and before not in "([{—–-/" and (
        after.isspace() or after in ".,;:!?)]—")


def _single_spans(body: str, covered: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """British-style ‘quotes’ outside double quotes; apostrophes and possessives skipped."""
    opened: int | None = None
    out = []
    breaks: list[int] = []  # every place "\n\n" starts
    p = body.find("\n\n")
    while p >= 0:
        breaks.append(p)
        p = body.find("\n\n", p + 1)
    for m in _SINGLE.finditer(body):
        pos = m.start()
        before = body[pos - 1] if pos else " "
        after = body[pos + 1] if pos + 1 < len(body) else " "
        if before.isalnum() and after.isalnum() or within(covered, pos):
            continue
        if opened is not None and _breaks_between(breaks, opened, pos):
            opened = None
        if opened is None:
            if not before.isalnum() and after.isalnum() and m.group() != "’":
                opened = pos
        elif not before.isspace() and not after.isalnum() and m.group() != "‘":
            # "the agencies' budgets" is a possessive, not the end of a quote
            if not (before == "s" and after == " " and body[pos + 2:pos + 3].islower()):
                out.append((opened, opened + 1, pos, pos + 1))
                opened = None
    return out


def _breaks_between(breaks: list[int], a: int, b: int) -> bool:
    """Whether "\n\n" is in body[a:b], given where it starts (a binary search, not a slice)."""
    k = bisect.bisect_left(breaks, a)
    return k < len(breaks) and breaks[k] + 2 <= b


def _short_quote(body: str, text: str, clause: tuple[int, int], left: tuple[int, int],
                 right: tuple[int, int]) -> bool:
    """Whether a quote of one to three words is reported speech rather than a scare quote."""
    r = body[right[0]:right[1]][:40]
    if _SAID_AFTER.match(r):
        return True  # "No," he said.
    before = body[max(clause[0], left[1] - 40):left[1]]
    if _COINAGE.search(before) or _TITLE_CUE.search(before):
        return False
    verbs = list(_SHORT_VERB.finditer(body, clause[0], clause[1]))
    if not verbs:
        return False
    between = [w.strip(",:").lower() for w in body[verbs[-1].end():clause[1]].split()]
    if between and between[0] in _NOT_OBJECT:
        return False  # "told to prepare a ...", "tells Wikinews about ..."
    after = body[right[0]:right[0] + 1]
    if (text[-1] in ".!?" or after and after in ".!?") and _SAY.fullmatch(verbs[-1].group()):
        return True  # the end of a reported sentence: said it would fly "by the spring."
    # Else the verb must take the quote as its object ("called the sentence "dangerous"").
    return len(between) <= 4 and not any(w in _NOT_OBJECT for w in between)


def _is_title(body: str, a: int, text: str) -> bool:
    if _STOP_END.search(text) is None and _TITLE_CUE.search(body, max(0, a - 25), a):
        return True
    if _CLAUSE_END.search(text):
        return False
    words = [w for w in _WORD.findall(text) if w.lower() not in _MINOR]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _adjacent(body: str, sentences: list[Sentence], last: Fact, a: int,
              starts: list[int] | None = None) -> bool:
    """Whether the quote at `a` follows `last` with nothing but its reporting clause between
    (no whole sentence between them; `starts`: the sentences' starts)."""
    gap = body[last.end:a]
    if gap.count("\n\n") > 1 or len(gap) > 300:
        return False
    k = bisect.bisect_right([s.start for s in sentences] if starts is None else starts, last.end)
    return not (k < len(sentences) and sentences[k].end <= a)  # sentences end in order
