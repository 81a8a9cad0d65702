"""CPU per ``Store.add`` of pre-analysed documents, parsing out of the picture.

    .venv/bin/python bench/bench_add.py STORE ANALYSES.pkl [--profile]

``ANALYSES.pkl`` is a pickled list of :class:`claimgraph.records.Analysis`
(e.g. ``pipeline.analyze_many`` over lines 6001-6100 of
``bench/corpus.py``'s 10,000-article corpus). STORE is written to: give it a
copy. Statistics refresh (``ANALYZE`` every ``OPTIMIZE_EVERY`` adds) is held
off so that only adding is measured. CPU time (``time.process_time``), not
wall time: the machine is shared.
"""

from __future__ import annotations

import argparse
import cProfile
import pickle
import pstats
import time

from claimgraph.store import Store, corroboration


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("analyses")
    parser.add_argument("--profile", action="store_true", help="print the top of a cProfile")
    args = parser.parse_args()
    corroboration.available()  # datasketch's import is not an add's cost
    with open(args.analyses, "rb") as f:
        items = pickle.load(f)
    store = Store(args.store)
    store._added = -(10**9)  # no ANALYZE during the measurement
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
    if profile:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
