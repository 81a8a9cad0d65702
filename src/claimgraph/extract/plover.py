"""The PLOVER trigger lexicon (``data/plover.yaml``): triggers by head lemma.

Each of the 16 PLOVER types lists verb and noun triggers with a mode where one
applies and a CAMEO code for GDELT users; users may load their own file.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

from . import load_yaml


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon entry: a (multi-)word that names a PLOVER event."""

    type: str
    mode: str | None
    cameo: str | None
    extras: tuple[str, ...] = ()  # further lemmas for multi-word triggers ("call" + "for")
    # "transitive" (needs a direct object), "intransitive" (must have none),
    # "complement" (an object or a clause: "declined to resign"), or None.
    when: str | None = None


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Triggers by head lemma (multi-word ones first), mode cues by type, the
    AGREE code for each cooperative type announced for the future, and the
    tables the event coder uses to read speech acts and threats."""

    verbs: dict[str, tuple[Trigger, ...]]
    nouns: dict[str, tuple[Trigger, ...]]
    mode_cues: dict[str, dict[str, str]]
    intent: dict[str, str]
    cameo: dict[str, str]  # each type's root code
    # Attribution cues that are themselves PLOVER acts ("accused", "urged").
    speech_acts: dict[str, str]
    # Hostile types and the THREATEN mode of threatening each ("said they
    # would attack" -> violence); CAMEO 13x code for each THREATEN mode.
    threats: dict[str, str]
    threat_cameo: dict[str, str]
    request_cameo: dict[str, str]  # CAMEO 10x code for each REQUEST mode
    # A public gathering named by a plain noun ("public events were held") is
    # the ``gathering`` trigger when its clause names one of ``gathering_causes``
    # ("in solidarity with", "against"): see ``gatherings`` in the YAML.
    gathering: Trigger | None = None
    gathering_nouns: frozenset[str] = frozenset()
    gathering_causes: frozenset[str] = frozenset()


def _head_and_extras(words: str, noun: bool) -> tuple[str, tuple[str, ...]]:
    """The word a trigger is looked up by, and the words that must surround it.

    A verb phrase is headed by its first word ("call for", "open fire"); a noun
    compound by its last ("hunger strike", "car bomb"), except a noun with an
    "of" phrase ("state of emergency").
    """
    parts = words.lower().split()
    if noun and "of" not in parts:
        return parts[-1], tuple(parts[:-1])
    return parts[0], tuple(parts[1:])


def _entries(
    section: dict[str, Any] | None, type_: str, default_cameo: str, noun: bool
) -> dict[str, list[Trigger]]:
    out: dict[str, list[Trigger]] = {}
    for words, options in (section or {}).items():
        head, extras = _head_and_extras(str(words), noun)
        options = options or {}
        out.setdefault(head, []).append(
            Trigger(
                type=type_,
                mode=options.get("mode"),
                cameo=str(options.get("cameo", default_cameo)),
                extras=extras,
                when=options.get("when"),
            )
        )
    return out


def _merge(into: dict[str, list[Trigger]], new: dict[str, list[Trigger]]) -> None:
    for key, value in new.items():
        into.setdefault(key, []).extend(value)


def _ordered(table: dict[str, list[Trigger]]) -> dict[str, tuple[Trigger, ...]]:
    # Multi-word triggers first ("call for" before "call"); file order otherwise.
    return {k: tuple(sorted(v, key=lambda t: -len(t.extras))) for k, v in table.items()}


@functools.lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """The PLOVER trigger lexicon, from ``path`` or the packaged ``data/plover.yaml``."""
    if path is None:
        text = resources.files("claimgraph").joinpath("data/plover.yaml").read_text("utf-8")
    else:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    data = load_yaml(text)
    verbs: dict[str, list[Trigger]] = {}
    nouns: dict[str, list[Trigger]] = {}
    for type_, spec in data["types"].items():
        cameo = str(spec.get("cameo", ""))
        _merge(verbs, _entries(spec.get("verbs"), type_, cameo, noun=False))
        _merge(nouns, _entries(spec.get("nouns"), type_, cameo, noun=True))
    return Lexicon(
        verbs=_ordered(verbs),
        nouns=_ordered(nouns),
        mode_cues={k: dict(v) for k, v in (data.get("mode_cues") or {}).items()},
        intent=_strings(data.get("intent")),
        cameo={k: str(spec.get("cameo", "")) for k, spec in data["types"].items()},
        speech_acts=_strings(data.get("speech_acts")),
        threats=_strings(data.get("threats")),
        threat_cameo=_strings(data.get("threat_cameo")),
        request_cameo=_strings(data.get("request_cameo")),
        **_gatherings(data.get("gatherings")),
    )


def _gatherings(section: dict[str, Any] | None) -> dict[str, Any]:
    if not section:
        return {}
    trigger = Trigger(str(section["type"]), section.get("mode"), str(section.get("cameo", "")))
    return {
        "gathering": trigger,
        "gathering_nouns": frozenset(str(w).lower() for w in section.get("nouns") or ()),
        "gathering_causes": frozenset(str(w).lower() for w in section.get("causes") or ()),
    }


def _strings(section: dict[str, Any] | None) -> dict[str, str]:
    return {str(k): str(v) for k, v in (section or {}).items()}
