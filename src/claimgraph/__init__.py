"""claimgraph: news reports → an auditable evidence graph of claims.

The public API is a handful of verbs::

    import claimgraph

    analysis = claimgraph.analyze(text, published="2026-03-03")
    with claimgraph.Store("news.db") as store:
        claimgraph.ingest(["articles/"], store)
        rows = claimgraph.search(store, "strike")
        claimgraph.export(store, "jsonl", open("out.jsonl", "w"))

The verbs load on first use (PEP 562): importing any ``claimgraph`` module
imports this package first, and the worker processes and their forkserver
(which import :mod:`claimgraph.pipeline`) must not pay for the store,
SQLAlchemy and datasketch that ``Store``, ``ingest`` and ``export`` pull in
(1–2.7 s of CPU per run, docs/performance.md "Session 5").
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from .errors import ClaimgraphError
from .options import Options

if TYPE_CHECKING:  # for type checkers and IDEs; at run time __getattr__ imports them
    from .export import export
    from .pipeline import analyze
    from .run import ingest
    from .store import Store

__all__ = ["ClaimgraphError", "Options", "Store", "analyze", "export", "ingest", "search"]
__version__ = "0.1.0"

# name → (module, attribute) of each verb loaded on first access.
_LAZY = {
    "Store": (".store", "Store"),
    "analyze": (".pipeline", "analyze"),
    "export": (".export", "export"),
    "ingest": (".run", "ingest"),
}


def __getattr__(name: str) -> Any:
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(target[0], __name__), target[1])
    globals()[name] = value  # later accesses skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


class _Package(types.ModuleType):
    """Keeps ``claimgraph.export`` the export *function* once the subpackage loads.

    ``claimgraph.export`` names both the function (the API above) and the
    subpackage that defines it. Importing a subpackage for the first time
    sets it as an attribute of its parent; the eager ``from .export import
    export`` this package used to run then rebound the name to the function.
    Loaded lazily, the subpackage may be first imported by anyone (``from
    claimgraph.export import text``), after which the attribute would be the
    module and ``claimgraph.export(...)`` would fail; so that one assignment
    is turned into the function here, as before.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name == "export" and isinstance(value, types.ModuleType) and hasattr(value, "export"):
            value = value.export
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def search(store: Store, query: str, limit: int = 20):
    """Full-text search over the claims of a store, best match first."""
    return store.search(query, limit=limit)
