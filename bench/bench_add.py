"""CPU per ``Store.add`` of pre-analysed documents, parsing out of the picture.

    .venv/bin/python bench/bench_add.py STORE ANALYSES.pkl [--split] [--profile | --candidates]

``ANALYSES.pkl`` is a pickled list of :class:`claimgraph.records.Analysis`
(e.g. ``pipeline.analyze_many`` over lines 6001-6100 of
``bench/corpus.py``'s 10,000-article corpus). STORE is written to: give it a
copy (of a store filled with the corpus's first 1,000 or 5,000 articles). A
store of an older schema version is migrated first, outside the measurement
(its CPU is printed apart). Statistics refresh (``ANALYZE`` every
``OPTIMIZE_EVERY`` adds) is held off so that only adding is measured. CPU time
(``time.process_time``), not wall time: the machine is shared.

``--split`` prints the CPU of each linking step (family, events,
statements) per article; it wraps one call per step and add, so it costs
nothing measurable. ``--candidates`` counts, per linked event, the stored events read as
candidates, those whose days overlap and that share a key with it (the ones
scored), and those that scored; it wraps the linking functions, so its CPU
figure is not comparable.
"""

from __future__ import annotations

import argparse
import cProfile
import pickle
import pstats
import time
from collections import Counter
from typing import Any

from claimgraph.store import Store, corroboration, event_linking


def _count_candidates(counts: Counter[str]) -> None:
    """Wrap event linking's candidate reader and scorer to count what they see."""
    reader, matching, score = (
        event_linking._Candidates.__init__,
        event_linking._Candidates.matching,
        event_linking.match_score,
    )

    def init(self: Any, conn: Any, wanted: Any) -> None:
        reader(self, conn, wanted)
        counts["read"] += sum(len(entries) for entries in self.found.values())

    def match(self: Any, profile: Any, keys: Any) -> Any:
        out = matching(self, profile, keys)
        counts["events"] += 1
        counts["compared"] += len(out)
        return out

    def scored(a: Any, b: Any) -> float | None:
        result = score(a, b)
        counts["scored"] += result is not None
        return result

    event_linking._Candidates.__init__ = init  # type: ignore[method-assign]
    event_linking._Candidates.matching = match  # type: ignore[method-assign]
    event_linking.match_score = scored


def _split_steps(spent: Counter[str]) -> None:
    """Wrap the linking steps ``corroboration.link_document`` calls to add up their CPU."""
    for name, label in (
        ("_link_family", "family"),
        ("_link_events", "events"),
        ("_link_claims", "statements"),
    ):
        step = getattr(corroboration, name)

        def timed(*args: Any, _step: Any = step, _label: str = label) -> Any:
            start = time.process_time()
            try:
                return _step(*args)
            finally:
                spent[_label] += time.process_time() - start

        setattr(corroboration, name, timed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("analyses")
    parser.add_argument("--profile", action="store_true", help="print the top of a cProfile")
    parser.add_argument(
        "--split", action="store_true", help="CPU per article of family, event, statement linking"
    )
    parser.add_argument(
        "--candidates", action="store_true", help="count event candidates read, compared, scored"
    )
    args = parser.parse_args()
    corroboration.available()  # datasketch's import is not an add's cost
    with open(args.analyses, "rb") as f:
        items = pickle.load(f)
    start = time.process_time()
    store = Store(args.store)
    print(f"open (and migrate to version {store.version}): {time.process_time() - start:.2f} s CPU")
    store._added = -(10**9)  # no ANALYZE during the measurement
    counts: Counter[str] = Counter()
    if args.candidates:
        _count_candidates(counts)
    steps: Counter[str] = Counter()
    if args.split:
        _split_steps(steps)
    profile = cProfile.Profile() if args.profile else None
    start = time.process_time()
    if profile:
        profile.enable()
    for analysis in items:
        store.add(analysis)
    if profile:
        profile.disable()
    spent = time.process_time() - start
    store.engine.dispose()
    print(f"CPU per added article: {spent / len(items) * 1000:.1f} ms over {len(items)}")
    for label, cpu in steps.items():
        print(f"  {label}: {cpu / len(items) * 1000:.1f} ms")
    if counts["events"]:
        n = counts["events"]
        print(
            f"per linked event ({n}): {counts['read'] / n:.1f} candidates read (once a document), "
            f"{counts['compared'] / n:.1f} compared, {counts['scored'] / n:.1f} scored"
        )
    if profile:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
