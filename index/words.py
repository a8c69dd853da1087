"""The corpus's own words (unstemmed, with document counts) for "did you mean" and prefixes.

Kept beside the index instead of as a Whoosh field: a second analysed copy of every brief
cost 40% of the build. Counts only grow between rebuilds (a removed brief's words stay
known); every suggestion is checked by running it, so a stale word is never offered.
"""

from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from pathlib import Path

from briefs.safewrite import write_atomic
from index.deadline import CHECK_EVERY, EXPAND, Deadline

WORDS_FILE = "brief-words.json"
_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]", re.UNICODE)


def words_of(text: str) -> list[str]:
    """Distinct lower-case words of a brief (3 to 40 characters), for the dictionary."""
    return list({w for w in _WORD.findall(text.lower()) if 3 <= len(w) <= 40})


class Dictionary:
    """Word -> number of briefs it appears in, with edit-distance look-ups."""

    def __init__(self, counts: Counter[str] | None = None):
        self.counts: Counter[str] = counts or Counter()
        self._by_start: dict[str, list[str]] | None = None

    @classmethod
    def load(cls, index_dir: Path) -> Dictionary:
        try:
            data = json.loads((index_dir / WORDS_FILE).read_text(encoding="utf-8"))
            return cls(Counter({str(k): int(v) for k, v in data.items()}))
        except (OSError, ValueError, AttributeError):
            return cls()

    def save(self, index_dir: Path) -> None:
        write_atomic(index_dir / WORDS_FILE, json.dumps(self.counts, separators=(",", ":")).encode())

    def add(self, words: list[str]) -> None:
        self.counts.update(words)
        self._by_start = None

    def __contains__(self, word: str) -> bool:
        return word in self.counts

    def _index(self) -> dict[str, list[str]]:
        if self._by_start is None:
            by_start: dict[str, list[str]] = {}
            for word in self.counts:
                by_start.setdefault(word[:1], []).append(word)
            for words in by_start.values():
                words.sort()
            self._by_start = by_start
        return self._by_start

    def starting_with(self, prefix: str, limit: int = 200) -> list[str]:
        """The most common words that start with `prefix`."""
        words = self._index().get(prefix[:1], [])
        lo = bisect.bisect_left(words, prefix)
        found = []
        for word in words[lo:]:
            if not word.startswith(prefix):
                break
            found.append(word)
        found.sort(key=lambda w: -self.counts[w])
        return found[:limit]

    def within(self, word: str, maxdist: int, deadline: Deadline | None = None) -> list[str]:
        """Known words within `maxdist` edits of `word` (same first letter), most common first.

        Past the deadline's share for expansion, the words found so far (and `deadline.cut`)."""
        found = [
            c for c in _until(self._index().get(word[:1], []), deadline, EXPAND)
            if abs(len(c) - len(word)) <= maxdist and distance(word, c, maxdist) <= maxdist
        ]
        return sorted(found, key=lambda c: -self.counts[c])

    def closest(self, word: str, maxdist: int = 2, deadline: Deadline | None = None) -> str | None:
        """The most common known word within `maxdist` edits (same first letter); past the
        deadline, the best of the words looked at so far."""
        best: tuple[int, int, str] | None = None
        for candidate in _until(self._index().get(word[:1], []), deadline, 1.0):
            if abs(len(candidate) - len(word)) > maxdist or candidate == word:
                continue
            d = distance(word, candidate, maxdist)
            if d <= maxdist:
                key = (d, -self.counts[candidate], candidate)
                if best is None or key < best:
                    best = key
        return best[2] if best else None


def _until(words: list[str], deadline: Deadline | None, share: float):  # type: ignore[no-untyped-def]
    """The words, until `share` of the deadline has passed (looked at every CHECK_EVERY)."""
    if deadline is None:
        yield from words
        return
    for start in range(0, len(words), CHECK_EVERY):
        if start and deadline.passed(share):
            deadline.cut = True
            return
        yield from words[start : start + CHECK_EVERY]


def distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment edit distance, giving up past `limit` (returns limit + 1)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        low = cur[0]
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            low = min(low, v)
        if low > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]

