"""Times (placeholder first version)."""

from __future__ import annotations


def times(parsed):
    return ()
