"""Actor names within a document: titles, person-name matching, acronyms.

Spelling variants themselves (Qaddomi/Qaddumi, Arabic script) are decided by
:mod:`claimgraph.resolve.names`; this module applies them to the mentions of
one document.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from anyascii import anyascii

from ..resolve.names import same_person
from .dictionary import normalize_name


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words of rank or office that precede a name; the mention covers the name only.
TITLES = _words(
    """president prime minister pm gen general dr mr mrs ms miss sheikh shaikh king
    queen prince princess senator sen rep representative chancellor ambassador
    commander maulana mullah ayatollah imam hafiz col colonel lt lieutenant major maj
    chief secretary foreign defence defense interior governor mayor judge justice sir
    lord leader spokesman spokeswoman spokesperson envoy premier vice deputy field
    marshal army mufti emir amir caliph"""
)
# Name particles that are not initials of an acronym's words ("Lashkar-e-Taiba" → LT/LeT).
PARTICLES = _words("of the and for e i ul ud al el de du a an in on")


_WORD_BREAK = re.compile(r"[\s\-]+")


def name_tokens(text: str) -> list[str]:
    return list(_name_tokens(text))


# Cached, like normalize_name: clustering asks about each mention's words many times.
@functools.lru_cache(maxsize=65536)
def _name_tokens(text: str) -> tuple[str, ...]:
    return tuple(t for t in _WORD_BREAK.split(normalize_name(text)) if t)


def same_person_forms(name: str, forms: Iterable[str]) -> bool:
    """Whether the person name ``name`` can refer to the person known by ``forms``.

    A single token matches a surname; two full names need matching surnames
    and compatible given names ("Ahmed Sharif" is not "Shahbaz Sharif"); the
    spellings may differ by transliteration or script (see
    :func:`claimgraph.resolve.names.same_person`).
    """
    return any(same_person(name, form) for form in forms)


@functools.lru_cache(maxsize=65536)  # asked of every form of every cluster, per mention
def is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return " " not in text and 2 <= len(letters) <= 8 and upper >= 2 and 2 * upper >= len(letters)


def initials(name: str) -> set[str]:
    """Acronyms a name can have: with and without its particles."""
    return set(_initials(name))


@functools.lru_cache(maxsize=65536)  # asked of every form of every cluster, per mention
def _initials(name: str) -> frozenset[str]:
    words = [w for w in _WORD_BREAK.split(anyascii(name).lower()) if w and w[0].isalnum()]
    return frozenset(
        {"".join(w[0] for w in words), "".join(w[0] for w in words if w not in PARTICLES)}
    )


def acronym_of(acronym: str, forms: Iterable[str]) -> bool:
    letters = "".join(c for c in acronym.lower() if c.isalpha())
    return any(len(f.split()) > 1 or "-" in f for f in forms) and any(
        letters in initials(f) for f in forms if f != acronym
    )


def alias_counts(actor, text: str) -> tuple[tuple[str, int], ...]:
    """Each surface form of an actor with how often the document uses it, most used first.

    Issue 5 asks every actor to keep its aliases with counts; until the
    ``Actor`` record has a field for them, this derives them from the
    mentions ("Qaddumi" 3, "Khaled Qaddomi" 1).
    """
    counts: dict[str, int] = {}
    for start, end in actor.mentions:
        form = text[start:end]
        counts[form] = counts.get(form, 0) + 1
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
