"""ingest(): read inputs, analyze what is new, store it. One bad document never stops a run."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, SkippedDocument
from .inputs import read
from .options import Options
from .pipeline import analyze_many
from .records import Analysis, Document


@dataclass(slots=True)
class IngestResult:
    read: int = 0
    added: int = 0
    already_stored: int = 0
    skipped: list[SkippedDocument] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    linked: int = 0  # earlier documents given families and clusters in this run

    @property
    def problems(self) -> list[InputError | SkippedDocument]:
        return [*self.errors, *self.skipped]


def ingest(
    paths: Iterable[str | Path],
    store,
    options: Options = Options(),
    on_document: Callable[[Analysis | SkippedDocument | InputError], None] | None = None,
) -> IngestResult:
    """Read every input, analyze documents the store does not hold yet, add them.

    Documents already stored (same normalized text, hence same id) are not
    parsed again, so re-running over the same inputs is cheap and adds nothing.
    """
    result = IngestResult()

    def new_documents() -> Iterator[Document]:
        for item in read([str(p) for p in paths]):
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
                continue
            yield item

    for item in analyze_many(new_documents(), options):
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


def _link_pending(store) -> int:
    """Link documents a store holds from before corroboration was available."""
    from .store import corroboration

    return store.link() if corroboration.available() else 0
