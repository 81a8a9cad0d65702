"""Events (placeholder first version)."""

from __future__ import annotations


def event(parsed, unit, actors, places, times, certainty):
    return None
