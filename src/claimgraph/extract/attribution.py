"""Attribution (placeholder first version)."""

from __future__ import annotations

from collections.abc import Iterator

from . import ClaimUnit


def claim_units(parsed, actors) -> Iterator[ClaimUnit]:
    for span in parsed.body_sentences():
        yield ClaimUnit(sentence_span=span, span=span)
