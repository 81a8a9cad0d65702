"""Importing this module loads the run's spaCy pipeline once, in the worker pool's forkserver.

:func:`claimgraph.pipeline.analyze_parallel` names it in the forkserver's
preload list (after :mod:`claimgraph.extract.gazetteer_preload`) and, while it
starts the pool, puts the run's model and dictionaries in the environment
variable ``PRELOAD_ENV`` that the forkserver inherits. This module then loads that
pipeline and analyzes one short built-in text, which also loads every lexicon
and model the extractors read lazily (the dictionary, the cue scorer's
templates, PLOVER, certainty lexicons). Every worker is forked with all of it
loaded, so the per-worker start-up (≈ 0.7 s spaCy load and ≈ 1 s of first-use
loading, docs/performance.md) is paid once per run, not once per worker, and
the workers share the pages (copy-on-write) instead of holding a copy each.

Without the variable (another caller, or a forkserver started for other
options) nothing is loaded here and each worker loads what its options need,
as before: :func:`claimgraph.nlp.pipeline` is cached per (model,
dictionaries), so a worker whose options differ from the preloaded ones simply
misses the cache. Any failure is left for the workers to meet and report (the
forkserver only forgives ImportError, and a forkserver that dies takes the pool
with it).
"""

from __future__ import annotations

import gc
import json
import os

from .pipeline import PRELOAD_ENV

# Fictional; one sentence per stage's lazy resources: an attributed claim
# with a named source and a place, a dated event, a hedged statement, a
# denial, a quotation.
WARM_UP_TEXT = (
    "Harbor talks resume in Velmora\n\n"
    "Officials in Paris said on Monday that the port talks would resume next week. "
    "Dockworkers from the Velmora union began a strike at the harbor on 3 March 2031. "
    "The mayor, Ilse Varga, may visit Lisbon, according to two aides who asked not to be named. "
    "The ministry denied that troops had fired on protesters. "
    '"We will not sign," the union leader told reporters.'
)


def options_from_env() -> tuple[str, tuple[str, ...]] | None:
    """(model, dictionaries) named by ``PRELOAD_ENV``, or None when unset or malformed."""
    raw = os.environ.get(PRELOAD_ENV)
    if not raw:
        return None
    try:
        model, dictionaries = json.loads(raw)
    except (ValueError, TypeError):
        return None
    if not isinstance(model, str) or not isinstance(dictionaries, list):
        return None
    if not all(isinstance(d, str) for d in dictionaries):
        return None
    return model, tuple(dictionaries)


def _preload() -> None:
    named = options_from_env()
    if named is None:
        return
    try:
        from .ids import document_id, normalize_text
        from .inputs.blocks import split_blocks
        from .nlp import parse
        from .options import Options
        from .pipeline import analyze_parsed
        from .records import Document

        options = Options(model=named[0], dictionaries=named[1])
        # Built by hand, not with inputs.document_from_text: that would load
        # the language identifier, which workers never use (documents arrive
        # read and detected by the ingest process).
        text = normalize_text(WARM_UP_TEXT)
        blocks, title = split_blocks(text)
        document = Document(id=document_id(text), text=text, title=title, blocks=blocks)
        # parse() asks nlp.pipeline(model, dictionaries) exactly as the
        # workers' parse_many does, so they find it in the inherited cache.
        analyze_parsed(parse(document, options), options)
    except Exception:  # noqa: BLE001 - each worker loads it again and reports the error
        return
    # As in gazetteer_preload: out of the collector's sight, so a worker's
    # full collection neither walks these objects nor un-shares their pages.
    gc.collect()
    gc.freeze()


_preload()
