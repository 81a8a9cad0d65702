"""Certainty (placeholder first version)."""

from __future__ import annotations


def certainty(parsed, unit):
    return ("reported" if unit.chain else "asserted"), None
