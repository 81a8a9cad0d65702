"""CAMEO codes for coded events: the PLOVER → CAMEO crosswalk (data/cameo_crosswalk.yaml).

An event already carries the CAMEO code its trigger named (``Event.cameo``,
from ``data/plover.yaml``: "negotiate" → 046). That code is kept when it is
more specific than its type's family head; otherwise the event's PLOVER mode
picks the code (PROTEST ``strike`` → 143), and failing that the family head.
A type with no CAMEO family (CRIME) and no code of its own gets none: the
export leaves it blank rather than guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..errors import ClaimgraphError
from ..extract import load_yaml


@dataclass(frozen=True, slots=True)
class Crosswalk:
    roots: dict[str, str]  # PLOVER type -> its CAMEO family head
    modes: dict[tuple[str, str], str]  # (type, mode) -> CAMEO code


@cache
def crosswalk() -> Crosswalk:
    text = resources.files("claimgraph").joinpath("data/cameo_crosswalk.yaml").read_text("utf-8")
    data = load_yaml(text)
    try:
        types = data["types"]
        roots = {t: str(spec["root"]) for t, spec in types.items()}
        modes = {
            (t, m): str(code)
            for t, spec in types.items()
            for m, code in (spec.get("modes") or {}).items()
        }
    except (KeyError, TypeError, AttributeError) as exc:
        raise ClaimgraphError(f"data/cameo_crosswalk.yaml is malformed: {exc}") from exc
    return Crosswalk(roots, modes)


def cameo_code(event_type: str, mode: str | None, coded: str | None) -> str | None:
    """The CAMEO event code of an event of ``event_type``/``mode`` whose trigger
    gave ``coded`` (or None); None when nothing maps it."""
    table = crosswalk()
    root = table.roots.get(event_type)
    if coded and coded != root:
        return coded
    if mode and (event_type, mode) in table.modes:
        return table.modes[(event_type, mode)]
    return coded or root


# GDELT's four quad classes from the CAMEO root code: 01-05 verbal cooperation,
# 06-08 material cooperation, 09-13 verbal conflict, 14-20 material conflict
# (the GDELT event codebook's QuadClass field).
_QUADS = ((5, 1), (8, 2), (13, 3), (20, 4))


def quad_class(code: str | None) -> int | None:
    """GDELT QuadClass (1-4) of a CAMEO code, or None without a code."""
    if not code or len(code) < 2 or not code[:2].isdigit():
        return None
    root = int(code[:2])
    return next((quad for last, quad in _QUADS if 1 <= root <= last), None)
