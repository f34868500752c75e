"""TempEval-3 Task A measures for TIMEX3 extraction and normalisation.

- strict span: a system TIMEX3 matches a gold one with exactly the same offsets;
- relaxed span: they overlap by at least one character, each matched at most once (the
  pairs with the largest overlap are taken first);
- type and value accuracy: the share of relaxed matches with the same ``type`` / ``value``
  (exact strings); type F1 and value F1 are accuracy × relaxed F1, as in TempEval-3.

The DCT is not part of the text (see :mod:`dateline.evaluate.timeml`), so it is excluded
from both sides by construction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from dateline.evaluate.timeml import Timex


@dataclass(frozen=True)
class Counts:
    """Raw counts, summed over documents before any ratio is taken (micro-average)."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(asdict(self).values(), asdict(other).values(),
                                               strict=True)))


@dataclass(frozen=True)
class Scores:
    """The TempEval-3 figures for a set of documents."""

    strict_p: float
    strict_r: float
    strict_f1: float
    relaxed_p: float
    relaxed_r: float
    relaxed_f1: float
    type_accuracy: float
    value_accuracy: float
    type_f1: float
    value_f1: float
    gold: int
    system: int

    def as_dict(self) -> dict[str, float]:
        return {k: round(v, 4) for k, v in asdict(self).items()}


def match(gold: Sequence[Timex], system: Sequence[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one relaxed matching: overlapping pairs, largest overlap first."""
    pairs = sorted(((min(g.end, s.end) - max(g.start, s.start), i, j)
                    for i, g in enumerate(gold) for j, s in enumerate(system)
                    if g.start < s.end and s.start < g.end), key=lambda t: (-t[0], t[1], t[2]))
    used_g: set[int] = set()
    used_s: set[int] = set()
    out: list[tuple[Timex, Timex]] = []
    for _, i, j in pairs:
        if i not in used_g and j not in used_s:
            used_g.add(i)
            used_s.add(j)
            out.append((gold[i], system[j]))
    return sorted(out, key=lambda p: p[0].start)


def count(gold: Sequence[Timex], system: Sequence[Timex]) -> Counts:
    """The counts for one document."""
    spans = {(g.start, g.end) for g in gold}
    strict = sum((s.start, s.end) in spans for s in system)
    pairs = match(gold, system)
    return Counts(len(gold), len(system), strict, len(pairs),
                  sum(g.type == s.type for g, s in pairs),
                  sum(g.value == s.value for g, s in pairs))


def scores(counts: Counts | Iterable[Counts]) -> Scores:
    """The figures from summed counts."""
    total = counts if isinstance(counts, Counts) else sum(counts, Counts())
    strict_p, strict_r = _ratio(total.strict, total.system), _ratio(total.strict, total.gold)
    rel_p, rel_r = _ratio(total.relaxed, total.system), _ratio(total.relaxed, total.gold)
    rel_f1 = _f1(rel_p, rel_r)
    type_acc = _ratio(total.type_ok, total.relaxed)
    value_acc = _ratio(total.value_ok, total.relaxed)
    return Scores(strict_p, strict_r, _f1(strict_p, strict_r), rel_p, rel_r, rel_f1,
                  type_acc, value_acc, type_acc * rel_f1, value_acc * rel_f1,
                  total.gold, total.system)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0
