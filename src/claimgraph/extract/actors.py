"""Actors (placeholder first version)."""

from __future__ import annotations

from ..ids import child_id
from ..records import Actor


def actors(parsed, dictionary) -> tuple[Actor, ...]:
    out = []
    for ent in parsed.doc.ents:
        if ent.label_ in {"PERSON", "ORG", "GPE", "NORP"}:
            out.append(
                Actor(
                    id=child_id(parsed.document.id, "actor", ent.start_char, ent.end_char),
                    name=ent.text,
                    type=ent.label_.lower(),
                    mentions=((ent.start_char, ent.end_char),),
                )
            )
    return tuple(out)
