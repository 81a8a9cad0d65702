"""Resolution across mentions and documents: which names denote one actor."""

from __future__ import annotations

from .names import name_key, name_tokens, phonetic, romanize, same_person, same_token, skeleton

__all__ = [
    "name_key",
    "name_tokens",
    "phonetic",
    "romanize",
    "same_person",
    "same_token",
    "skeleton",
]
