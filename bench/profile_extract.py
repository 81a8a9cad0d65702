"""Where extraction's CPU goes, spaCy's parse left out: cProfile of analyze_parsed.

    .venv/bin/python bench/profile_extract.py [--articles N] [--top K] [--sort tottime]
        [--stages] [--only attribution] [--callers REGEX] [--out FILE.prof]

Parses N generated articles (``bench/corpus.py``) first, then profiles
:func:`claimgraph.pipeline.analyze_parsed` over them (extraction only, as the
workers run it after ``nlp.pipe``) and, separately, the ingest process's
share of one result: ``to_dict``-free storing (``Store.add``, with linking)
into a new SQLite store. Prints the top K functions, then CPU milliseconds per
article by extraction stage (``--stages``), measured without the profiler.
``--only attribution`` profiles the attribution stage alone (``claim_units``,
each article's actors and token arrays found beforehand); ``--callers REGEX``
prints who calls the functions matching REGEX.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_jsonl  # noqa: E402


def _parsed(n: int, words: int) -> list:
    from claimgraph.inputs import read
    from claimgraph.nlp import parse_many
    from claimgraph.records import Document

    with tempfile.TemporaryDirectory(prefix="claimgraph-profile-") as tmp:
        corpus = write_jsonl(Path(tmp, "corpus.jsonl"), n, words)
        docs = [d for d in read([str(corpus)]) if isinstance(d, Document)]
    return list(parse_many(docs, batch_size=8))


def _stage_times(parsed: list) -> dict[str, float]:
    """CPU seconds per stage over ``parsed``, each stage's calls wrapped."""
    from claimgraph import pipeline

    stages = {
        "actors": (pipeline.actors_stage, "actors"),
        "places": (pipeline.places_stage, "places"),
        "times": (pipeline.times_stage, "times"),
        "attribution": (pipeline.attribution_stage, "claim_units"),
        "certainty": (pipeline.certainty_stage, "certainty"),
        "events": (pipeline.events_stage, "event"),
    }
    spent = dict.fromkeys(stages, 0.0)
    originals = {}
    for label, (module, name) in stages.items():
        original = getattr(module, name)
        originals[label] = original

        def wrapped(*args, _f=original, _label=label, **kwargs):
            t = time.process_time()
            try:
                result = _f(*args, **kwargs)
                if _label == "attribution":  # a generator: consumed by the caller
                    result = list(result)
                return result
            finally:
                spent[_label] += time.process_time() - t

        setattr(module, name, wrapped)
    try:
        t = time.process_time()
        for p in parsed:
            pipeline.analyze_parsed(p)
        spent["total"] = time.process_time() - t
    finally:
        for label, (module, name) in stages.items():
            setattr(module, name, originals[label])
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=64)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--stages", action="store_true")
    parser.add_argument("--store", action="store_true", help="also profile Store.add")
    parser.add_argument("--only", choices=("attribution",), help="profile one stage alone")
    parser.add_argument("--callers", help="print the callers of functions matching this")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    from claimgraph.pipeline import analyze_parsed

    parsed = _parsed(args.articles, args.words)
    analyze_parsed(parsed[0])  # lazy lexicons and models load outside the measurement
    analyses = [analyze_parsed(p) for p in parsed] if args.store else []
    if args.only == "attribution":
        from claimgraph.extract import attribution, doc_arrays

        inputs = [(p, a.actors) for p, a in zip(parsed, map(analyze_parsed, parsed), strict=True)]
        for p in parsed:
            doc_arrays(p.doc)

        def work() -> None:
            for p, actors in inputs:
                list(attribution.claim_units(p, actors))

        label = "claim_units"
    else:

        def work() -> None:
            for p in parsed:
                analyze_parsed(p)

        label = "analyze_parsed"
    # CPU time, not wall time: the machine is shared.
    profile = cProfile.Profile(time.process_time)
    t = time.process_time()
    profile.enable()
    work()
    profile.disable()
    spent = time.process_time() - t
    print(f"{label} under the profiler: {1000 * spent / len(parsed):.1f} ms/article")
    stats = pstats.Stats(profile).sort_stats(args.sort)
    if args.out:
        stats.dump_stats(args.out)
    stats.print_stats(args.top)
    if args.callers:
        stats.print_callers(args.callers)
    if args.stages:
        plain = _stage_times(parsed)
        print("CPU ms per article by stage, no profiler:")
        for label, seconds in plain.items():
            print(f"  {label:<12} {1000 * seconds / len(parsed):7.2f}")
    if args.store:
        _profile_store(analyses, args)


def _profile_store(analyses: list, args: argparse.Namespace) -> None:
    from claimgraph.store import Store

    with (
        tempfile.TemporaryDirectory(prefix="claimgraph-profile-store-") as tmp,
        Store(Path(tmp, "s.db")) as store,
    ):
        store.add(analyses[0])
        profile = cProfile.Profile(time.process_time)
        t = time.process_time()
        profile.enable()
        for a in analyses[1:]:
            store.add(a)
        profile.disable()
        spent = time.process_time() - t
    print(f"Store.add under the profiler: {1000 * spent / (len(analyses) - 1):.1f} ms/article")
    pstats.Stats(profile).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
