"""Evaluation harnesses against public gold sets (read from ../shared at run time)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PRF:
    tp: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
        }


def offset_map(raw: str, normalized: str) -> list[int]:
    """For each offset into ``normalized`` (and its end), the offset into ``raw``.

    :func:`claimgraph.ids.normalize_text` only deletes characters (\\r, BOM,
    control characters, trailing spaces, extra blank lines, outer white
    space), so a left-to-right walk aligns the two. Gold sets index their raw
    files; this maps our offsets onto theirs.
    """
    mapping: list[int] = []
    i = 0
    for ch in normalized:
        while i < len(raw) and raw[i] != ch:
            i += 1
        mapping.append(i)
        i += 1
    mapping.append(min(i, len(raw)))
    return mapping
