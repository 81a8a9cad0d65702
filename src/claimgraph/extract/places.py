"""Places (placeholder first version)."""

from __future__ import annotations


def places(parsed, actors):
    return ()
