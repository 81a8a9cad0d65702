"""Importing this module loads the gazetteer once, in the worker pool's forkserver.

:func:`claimgraph.pipeline.analyze_parallel` names it in the forkserver's
preload list, so every worker is forked with the gazetteer already built
instead of building its own (≈ 2.6 s CPU each, docs/performance.md "One
article"): with 2 workers that is one load per run instead of two, and the
workers share one copy's pages (copy-on-write) instead of holding two. The
gazetteer depends on no run option, unlike the spaCy pipeline, which still
loads in each worker.

The loaded objects are moved to the collector's permanent generation
(``gc.freeze``): a full collection in a worker would otherwise write to every
container's header and so copy the pages it shares.

Any failure is left for the workers to meet and report (the forkserver only
forgives ImportError, and a forkserver that dies takes the pool with it).
"""

from __future__ import annotations

import gc


def _preload() -> None:
    try:
        from .gazetteer import gazetteer

        gazetteer()
    except Exception:  # noqa: BLE001 - each worker loads it again and reports the error
        return
    gc.collect()
    gc.freeze()


_preload()
