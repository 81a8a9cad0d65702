"""analyze(): document in, Analysis out. The stages run in this order:

actors → places → times → claim units (attribution) → certainty → events.
Each stage is a module of :mod:`claimgraph.extract` with a small interface, so
later work can deepen one without touching the others.
"""

from __future__ import annotations

import ctypes
import gc
import json
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice

from . import pipeline_wire
from .errors import ClaimgraphError, SkippedDocument
from .extract import actors as actors_stage
from .extract import attribution as attribution_stage
from .extract import certainty as certainty_stage
from .extract import events as events_stage
from .extract import places as places_stage
from .extract import times as times_stage
from .extract.dictionary import load_dictionary
from .ids import child_id
from .inputs import document_from_text
from .nlp import Parsed, parse, parse_many
from .options import Options
from .records import Analysis, Claim, Document


def check_document(document: Document, options: Options) -> None:
    """Raise SkippedDocument for what claimgraph deliberately does not analyze."""
    source = document.source or document.id[:12]
    if not document.text.strip():
        raise SkippedDocument(source, "empty document (no text after normalization)")
    if len(document.text) > options.max_chars:
        raise SkippedDocument(
            source,
            f"document has {len(document.text):,} characters, over the limit of "
            f"{options.max_chars:,} (Options.max_chars / --max-chars)",
        )
    # Short texts (a headline, one sentence) give no reliable language signal:
    # the detector says None and we analyze rather than drop them.
    known = document.language is not None
    if options.languages and known and document.language not in options.languages:
        raise SkippedDocument(
            source,
            f"language is {document.language!r}, not one of "
            f"{', '.join(options.languages)}; claimgraph's English rules would mis-analyze it",
        )


def analyze_parsed(parsed: Parsed, options: Options = Options()) -> Analysis:
    document = parsed.document
    dictionary = load_dictionary(options.dictionaries)
    actors = actors_stage.actors(parsed, dictionary)
    places = places_stage.places(parsed, actors)
    times = times_stage.times(parsed)
    claims: list[Claim] = []
    for unit in attribution_stage.claim_units(parsed, actors, tagger=options.cue_tagger):
        certainty, factuality = certainty_stage.certainty(parsed, unit)
        event = events_stage.event(parsed, unit, actors, places, times, certainty)
        claims.append(
            Claim(
                id=child_id(document.id, "claim", *unit.span),
                text=document.text[unit.span[0] : unit.span[1]],
                span=unit.span,
                sentence_span=unit.sentence_span,
                certainty=certainty,
                attribution=unit.chain,
                event=event,
                factuality=factuality,
            )
        )
    return Analysis(document, actors, places, times, tuple(claims))


def analyze(text: str | Document, options: Options = Options(), **metadata) -> Analysis:
    """Analyze one article.

    ``text`` is plain text (``metadata`` may give title, url, outlet,
    published) or a :class:`Document` from :func:`claimgraph.inputs.read`.
    Raises :class:`SkippedDocument` for empty, oversized or non-English input.
    """
    document = text if isinstance(text, Document) else document_from_text(text, **metadata)
    check_document(document, options)
    return analyze_parsed(parse(document, options), options)


def _analyzed(parsed: Parsed, options: Options) -> Analysis | SkippedDocument:
    """analyze_parsed, with a failure on one document reported as its skip.

    An exception inside a stage is a bug, but on a corpus of millions one
    article that trips it must not stop the run: it is recorded with its
    reason (the exception) and the run goes on. Errors the user must fix
    (ClaimgraphError: a missing model, a bad dictionary) still stop it.
    """
    try:
        return analyze_parsed(parsed, options)
    except ClaimgraphError:
        raise
    except Exception as exc:
        document = parsed.document
        source = document.source or document.id[:12]
        message = " ".join(str(exc).split())[:200]
        return SkippedDocument(source, f"analysis failed: {type(exc).__name__}: {message}")


def analyze_many(
    documents: Iterable[Document], options: Options = Options()
) -> Iterator[Analysis | SkippedDocument]:
    """Analyze a stream of documents with batched parsing; skips are yielded, not raised.

    Memory stays bounded whatever the stream's length: spaCy parses
    ``nlp.parse_many``'s batch at a time and each analysis is yielded as soon
    as it is done.
    """

    def accepted() -> Iterator[Document]:
        for document in documents:
            try:
                check_document(document, options)
            except SkippedDocument as skip:
                skipped.append(skip)
                continue
            yield document

    skipped: list[SkippedDocument] = []
    for parsed in parse_many(accepted(), options):
        while skipped:
            yield skipped.pop(0)
        yield _analyzed(parsed, options)
    yield from skipped


# -- several processes ---------------------------------------------------------

# Documents sent to a worker at once: spaCy's batch in parse_many, so each
# worker parses whole batches; small enough that a batch of long articles
# stays a few MB in the queues.
PARALLEL_BATCH = 16
# Batches in flight per worker: one being analyzed, one waiting, so a worker
# never idles while the parent stores results, and at most
# processes × 2 × PARALLEL_BATCH documents are held at once.
_IN_FLIGHT = 2
# Documents a worker parses at once: spaCy's batch arrays are freed after
# each batch but glibc keeps the heap, so a worker's memory is set by its
# largest batch. Measured on 64 generated ~630-word articles, one process
# (bench-style probe, docs/performance.md "Memory"): high-water mark 563 MiB
# at 16, 461 at 8, 415 at 4, CPU within the noise of the loaded machine;
# 8 keeps spaCy's batching and halves the transient.
_PARSE_BATCH = 8
_worker_options: Options | None = None
_worker_frozen = False


def _start_worker(options: Options) -> None:
    # Only the options: the pipeline loads on the first batch, so a load
    # failure (ModelNotFound) reaches the parent through the batch's result
    # (an initializer that raises makes Pool respawn workers forever).
    global _worker_options
    _worker_options = options


# A skip crosses the process boundary as (source, reason): exceptions with
# two-argument constructors do not survive pickling.
_Outcome = Analysis | tuple[str, str]


def _analyze_batch(documents: list[Document]) -> bytes:
    """The outcomes of ``documents``, pickled by :mod:`claimgraph.pipeline_wire`."""
    global _worker_frozen
    assert _worker_options is not None, "worker not started by _start_worker"
    out: list[_Outcome] = []
    for start in range(0, len(documents), _PARSE_BATCH):
        out += [
            (item.source, item.reason) if isinstance(item, SkippedDocument) else item
            for item in analyze_many(documents[start : start + _PARSE_BATCH], _worker_options)
        ]
    if not _worker_frozen:
        # The model, the gazetteer and the lexicons are loaded now and live as
        # long as the worker: out of the collector's sight, full collections
        # neither walk their ~10^6 objects nor write to (un-share) the pages
        # inherited from the forkserver.
        gc.collect()
        gc.freeze()
        _worker_frozen = True
    _release_free_heap()
    return pipeline_wire.dumps(out)


def _release_free_heap() -> None:
    """Give the heap spaCy's batch arrays used back to the system (glibc only).

    Freed memory stays in the process otherwise: without this a worker grew
    by ≈ 200 MiB over its first batches and stayed there (64 articles:
    564 vs 357 MiB RSS at the end); the call costs ≈ 3 ms per batch.
    """
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _glibc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL(None)
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:  # pragma: no cover - platforms without a C library handle
        return None


_LIBC = _glibc()


def _received(result: bytes) -> Iterator[Analysis | SkippedDocument]:
    outcomes: list[_Outcome] = pipeline_wire.loads(result)
    for item in outcomes:
        yield SkippedDocument(*item) if isinstance(item, tuple) else item


# Imported by the forkserver before it forks any worker: the stages' code,
# the gazetteer, which depends on no option (extract/gazetteer_preload.py),
# and the run's spaCy pipeline with every lazily loaded lexicon, named by the
# environment the forkserver starts with (pipeline_preload.py). All of it is
# loaded once there and shared by every worker.
_PRELOAD = [
    "claimgraph.pipeline",
    "claimgraph.extract.gazetteer_preload",
    "claimgraph.pipeline_preload",
]
# The run's [model, [dictionaries]] as JSON, for pipeline_preload.py.
PRELOAD_ENV = "CLAIMGRAPH_FORKSERVER_PIPELINE"


def _context() -> multiprocessing.context.BaseContext:
    """forkserver where the platform has it, else spawn (macOS, Windows).

    Workers then start from a clean process, never forked from a parent that
    runs threads (the progress bar's, the input counter's) or holds database
    connections. The server imports spaCy and the extractors and loads the
    gazetteer and the run's pipeline once (:func:`_preloading`). Measured on the
    2-core machine (60 generated 400-word articles, load average 8 from other
    jobs, so only the ratio means anything): this pool and spaCy's
    ``nlp.pipe(n_process=2)`` parsed at the same steady rate (1.80 vs 1.78
    docs/s; one process: 1.27), and the pool also runs extraction in
    parallel, which n_process leaves serial.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


@contextmanager
def _preloading(options: Options) -> Iterator[None]:
    """Name the run's pipeline to a forkserver started meanwhile (pipeline_preload.py).

    The forkserver starts with the pool's first worker and inherits this
    process's environment then; the variable is removed afterwards so it
    names nothing to anything else. A forkserver already running keeps what
    it preloaded (or nothing): workers whose options differ load their own.
    """
    before = os.environ.get(PRELOAD_ENV)
    os.environ[PRELOAD_ENV] = json.dumps([options.model, list(options.dictionaries)])
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(PRELOAD_ENV, None)
        else:
            os.environ[PRELOAD_ENV] = before


def analyze_parallel(
    documents: Iterable[Document], options: Options = Options(), processes: int = 2
) -> Iterator[Analysis | SkippedDocument]:
    """:func:`analyze_many` in ``processes`` worker processes, results in input order.

    Each worker loads the spaCy pipeline (with the actor ruler) once and runs
    parsing *and* extraction, so both scale with the process count; the
    caller's process only reads the inputs and stores results. At most
    ``processes × 2`` batches of :data:`PARALLEL_BATCH` documents are in
    flight, so memory stays bounded whatever the stream's length (a
    ``Pool.imap`` would read the whole input ahead).

    Workers start by forkserver or spawn, which import the caller's main
    module: a script that calls this needs the ``if __name__ == "__main__":``
    guard (the ``claimgraph`` command has it).
    """
    if processes <= 1:
        yield from analyze_many(documents, options)
        return
    iterator = iter(documents)
    context = _context()
    with _preloading(options):
        pool = context.Pool(processes, initializer=_start_worker, initargs=(options,))
    with pool:
        pending: deque = deque()
        while batch := list(islice(iterator, PARALLEL_BATCH)):
            pending.append(pool.apply_async(_analyze_batch, (batch,)))
            if len(pending) >= processes * _IN_FLIGHT:
                yield from _received(pending.popleft().get())
        while pending:
            yield from _received(pending.popleft().get())
