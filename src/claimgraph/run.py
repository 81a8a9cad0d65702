"""ingest(): read inputs, analyze what is new, store it. One bad document never stops a run.

The run is a stream: documents are read, analyzed and stored one batch at a
time, so memory stays flat whatever the corpus size. Each document is stored
in its own transaction, so a run killed at any point (even SIGKILL) leaves
only whole documents behind, and a restarted run skips them by content hash
(the document id) before parsing: nothing is lost or stored twice.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, SkippedDocument
from .inputs import SkippedRecord, read
from .inputs.read import count
from .options import Options
from .pipeline import analyze_parallel
from .records import Analysis, Document


@dataclass(slots=True)
class IngestResult:
    read: int = 0
    added: int = 0
    already_stored: int = 0
    skipped: list[SkippedDocument] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    linked: int = 0  # earlier documents given families and clusters in this run
    # WARC records holding no article (requests, metadata, non-200, non-HTML),
    # by reason: counted, not listed, as an archive has tens of thousands.
    records_skipped: Counter[str] = field(default_factory=Counter)

    @property
    def problems(self) -> list[InputError | SkippedDocument]:
        return [*self.errors, *self.skipped]


Progress = Analysis | SkippedDocument | InputError | Document


def ingest(
    paths: Iterable[str | Path],
    store,
    options: Options = Options(),
    on_document: Callable[[Progress], None] | None = None,
    *,
    processes: int = 1,
    on_total: Callable[[int], None] | None = None,
) -> IngestResult:
    """Read every input, analyze documents the store does not hold yet, add them.

    Documents already stored (same normalized text, hence same id) are not
    parsed again, so re-running over the same inputs is cheap and adds
    nothing, and a run that was interrupted resumes where it stopped.

    ``on_document`` is called once per outcome: an Analysis (stored), a
    SkippedDocument or InputError (recorded), or a Document already stored.
    With ``processes`` > 1, parsing and extraction run in that many worker
    processes (:func:`claimgraph.pipeline.analyze_parallel`); reading and
    storing stay in this one. ``on_total``, when given, receives about how
    many documents the inputs hold, counted in a background thread so the run
    starts at once.
    """
    paths = [str(p) for p in paths]
    result = IngestResult()
    if on_total is not None:
        _count_in_background(paths, on_total)

    def new_documents() -> Iterator[Document]:
        for item in read(paths):
            if isinstance(item, SkippedRecord):
                result.records_skipped[item.reason] += 1
                if on_document:
                    on_document(item)
                continue
            if isinstance(item, InputError):
                result.errors.append(item)
                store.record_skip(item.source, item.reason)
                if on_document:
                    on_document(item)
                continue
            if isinstance(item, SkippedDocument):
                result.skipped.append(item)
                store.record_skip(item.source, item.reason)
                if on_document:
                    on_document(item)
                continue
            result.read += 1
            if store.has(item.id):
                result.already_stored += 1
                if on_document:
                    on_document(item)
                continue
            yield item

    for item in analyze_parallel(new_documents(), options, processes):
        if isinstance(item, SkippedDocument):
            result.skipped.append(item)
            store.record_skip(item.source, item.reason)
        elif store.add(item):
            result.added += 1
        else:
            # The same text twice within one run: the second copy adds nothing.
            result.already_stored += 1
        if on_document:
            on_document(item)
    result.linked = _link_pending(store)
    return result


def _count_in_background(paths: list[str], on_total: Callable[[int], None]) -> None:
    def work() -> None:
        try:
            total = count(paths)
        except Exception:  # only a display hint: the run itself reports every problem
            return
        if total is not None:
            on_total(total)

    # A daemon: a run that ends first (or is interrupted) does not wait for it.
    threading.Thread(target=work, name="claimgraph-count", daemon=True).start()


def _link_pending(store) -> int:
    """Link documents a store holds from before corroboration was available."""
    return store.link()
