"""What every scorer returns, and the small helpers they share."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Row:
    """One figure: which gold set, which fact type, which metric, its value and sample size."""

    gold: str
    fact: str
    metric: str
    value: float
    n: int
    target: str = ""

    @property
    def key(self) -> str:
        return f"{self.gold} {self.fact} {self.metric}"


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (0 when undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
