"""CPU of extraction under two code trees in one process, calls alternated, on one parse.

    .venv/bin/python bench/compare_extract.py SRC_A SRC_B [--articles N] [--reps R]
        [--stage attribution|extract|both] [--words W]

SRC_A and SRC_B are ``src`` folders (e.g. an unpacked ``git archive`` of the
commit before a change, and this worktree's ``src``). Each is copied into a
temporary folder as a package of its own name (``claimgraph_a``,
``claimgraph_b``; absolute ``claimgraph.`` imports rewritten, package data
still read from the installed ``claimgraph``), so both load side by side.
N generated articles (``bench/corpus.py``) are parsed once, with B's parser;
then, for R rounds, A's and B's stage runs over every article (the order
alternating between rounds, so a drift of the machine's speed falls on
both), timed in CPU seconds (``time.process_time``):

- ``attribution``: ``extract.attribution.claim_units`` over each article,
  given the article's actors (found once, by B) and its token arrays;
- ``extract``: ``pipeline.analyze_parsed``, every extraction stage.

Each Doc's ``user_data`` is put back as it was before every call, so a
per-Doc cache one side builds is paid by that side every time. The outputs
of A and B are compared (their records' ``repr``, package names aside), and
a difference is reported. Prints the minimum and median ms per article of
each side over the rounds, B / A of the minima and the median of each
round's B / A.

Like ``compare_ingest.py``, this is what a speed change is judged by on a
shared machine: CPU time, the two sides alternated within one run.
"""

from __future__ import annotations

import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import compare_parser, write_jsonl  # noqa: E402

# An absolute import of the package ("from claimgraph.x import", "import
# claimgraph.x"); resources.files("claimgraph") is left alone (same data).
_ABSOLUTE = re.compile(r"\b(from|import)\s+claimgraph\b")


def _renamed_copy(src: Path, name: str, into: Path) -> None:
    """Copy ``src/claimgraph`` to ``into/name`` with its absolute imports renamed."""
    if not (src / "claimgraph" / "__init__.py").is_file():
        raise SystemExit(f"{src} holds no claimgraph package (expected {src}/claimgraph)")
    target = into / name
    shutil.copytree(src / "claimgraph", target, ignore=shutil.ignore_patterns("__pycache__"))
    for path in target.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        renamed = _ABSOLUTE.sub(lambda m: f"{m.group(1)} {name}", text)
        if renamed != text:
            path.write_text(renamed, encoding="utf-8")


def _parsed(package, n: int, words: int) -> list:
    import importlib

    read = importlib.import_module(f"{package}.inputs").read
    nlp = importlib.import_module(f"{package}.nlp")
    records = importlib.import_module(f"{package}.records")
    with tempfile.TemporaryDirectory(prefix="claimgraph-compare-extract-") as tmp:
        corpus = write_jsonl(Path(tmp, "corpus.jsonl"), n, words)
        docs = [d for d in read([str(corpus)]) if isinstance(d, records.Document)]
    return list(nlp.parse_many(docs, batch_size=8))


def _plain(value, names: tuple[str, ...]) -> str:
    text = repr(value)
    for name in names:
        text = text.replace(name, "claimgraph")
    return text


def main() -> None:
    parser = compare_parser(__doc__.splitlines()[0], articles=64)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--stage", choices=("attribution", "extract", "both"), default="both")
    args = parser.parse_args()
    import importlib

    with tempfile.TemporaryDirectory(prefix="claimgraph-compare-src-") as tmp:
        _renamed_copy(args.src_a.resolve(), "claimgraph_a", Path(tmp))
        _renamed_copy(args.src_b.resolve(), "claimgraph_b", Path(tmp))
        sys.path.insert(0, tmp)
        sides = {
            name: (
                importlib.import_module(f"{name}.extract.attribution"),
                importlib.import_module(f"{name}.pipeline"),
            )
            for name in ("claimgraph_a", "claimgraph_b")
        }
        parsed = _parsed("claimgraph_b", args.articles, args.words)
        b_extract = importlib.import_module("claimgraph_b.extract")
        b_actors = importlib.import_module("claimgraph_b.extract.actors")
        b_dictionary = importlib.import_module("claimgraph_b.extract.dictionary")
        fresh = [dict(p.doc.user_data) for p in parsed]  # as parsed: no arrays yet
        dictionary = b_dictionary.load_dictionary(())
        actors = [b_actors.actors(p, dictionary) for p in parsed]
        with_arrays = []
        for p in parsed:
            b_extract.doc_arrays(p.doc)
            with_arrays.append(dict(p.doc.user_data))
        stages = ("attribution", "extract") if args.stage == "both" else (args.stage,)
        names = tuple(sides)
        for stage in stages:
            restore = with_arrays if stage == "attribution" else fresh

            def run(side: str, stage: str = stage, restore: list = restore) -> tuple[float, list]:
                attribution, pipeline = sides[side]
                spent = 0.0
                out = []
                for p, acts, data in zip(parsed, actors, restore, strict=True):
                    p.doc.user_data.clear()
                    p.doc.user_data.update(data)
                    t = time.process_time()
                    if stage == "attribution":
                        result = list(attribution.claim_units(p, acts))
                    else:
                        result = pipeline.analyze_parsed(p)
                    spent += time.process_time() - t
                    out.append(result)
                return spent, out

            for side in names:  # warm-up: lazy lexicons and models load outside the timing
                run(side)
            times: dict[str, list[float]] = {name: [] for name in names}
            outputs: dict[str, list] = {}
            for r in range(args.reps):
                for side in names if r % 2 == 0 else names[::-1]:
                    spent, outputs[side] = run(side)
                    times[side].append(1000 * spent / len(parsed))
            a_out, b_out = (_plain(outputs[n], names) for n in names)
            same = "identical" if a_out == b_out else "DIFFERENT"
            print(f"{stage}: outputs {same} over {len(parsed)} articles")
            for name in names:
                ms = times[name]
                print(
                    f"  {name}: min {min(ms):7.2f}  median {statistics.median(ms):7.2f} ms/article"
                    f"  ({', '.join(f'{x:.1f}' for x in ms)})"
                )
            ratio = min(times["claimgraph_b"]) / min(times["claimgraph_a"])
            # Each round's two runs were back to back: their ratio drifts less.
            rounds = [
                b / a for a, b in zip(times["claimgraph_a"], times["claimgraph_b"], strict=True)
            ]
            print(
                f"  B / A: of the minima {ratio:.3f}, median of the rounds' ratios "
                f"{statistics.median(rounds):.3f}"
            )


if __name__ == "__main__":
    main()
