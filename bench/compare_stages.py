"""Extraction CPU per stage under two code trees, alternated, on one generated corpus.

    .venv/bin/python bench/compare_stages.py SRC_A SRC_B [--articles N] [--rounds R]

Each round runs ``bench/profile_extract.py``'s stage timing (no profiler) in a
subprocess with ``PYTHONPATH=SRC_A``, then one with ``SRC_B`` (the order
alternating between rounds, so a drift of the machine's speed falls on both).
Each subprocess parses the same N generated articles (``bench/corpus.py``,
seed fixed), analyzes them once to load the lazy lexicons, then times every
stage over them. Printed: CPU ms per article per stage, the medians over
rounds and B / A. The parse itself is not timed.

Also timed per subprocess: pickling each analysis the way a worker sends it
(``claimgraph.pipeline_wire`` when the tree has it, else ``pickle``) and
unpickling it, as the ingest process does.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from corpus import compare_parser  # noqa: E402

# Run inside the subprocess: parse, warm up, time the stages and the wire.
_CHILD = r"""
import json, pickle, sys, time
sys.path.insert(0, {bench!r})
import profile_extract as pe
from claimgraph.pipeline import analyze_parsed
parsed = pe._parsed({articles}, {words})
analyses = [analyze_parsed(p) for p in parsed]
out = {{k: 1000 * v / len(parsed) for k, v in pe._stage_times(parsed).items()}}
try:
    from claimgraph import pipeline_wire
    dumps, loads = pipeline_wire.dumps, pipeline_wire.loads
except ImportError:
    dumps, loads = (lambda x: pickle.dumps(x, protocol=pickle.HIGHEST_PROTOCOL)), pickle.loads
t = time.process_time()
blobs = [dumps(a) for a in analyses]
out["pickle"] = 1000 * (time.process_time() - t) / len(parsed)
t = time.process_time()
for b in blobs:
    loads(b)
out["unpickle"] = 1000 * (time.process_time() - t) / len(parsed)
print(json.dumps(out))
"""


def run_once(src: Path, articles: int, words: int) -> dict[str, float]:
    code = _CHILD.format(bench=str(BENCH), articles=articles, words=words)
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"stage timing under {src} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = compare_parser(__doc__.splitlines()[0], articles=64)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    sources = {"A": args.src_a.resolve(), "B": args.src_b.resolve()}
    runs: dict[str, list[dict[str, float]]] = {"A": [], "B": []}
    for r in range(args.rounds):
        for label in "AB" if r % 2 == 0 else "BA":
            result = run_once(sources[label], args.articles, args.words)
            runs[label].append(result)
            print(f"round {r + 1} {label}: " + _fmt(result), flush=True)
    print(f"median over {args.rounds} rounds, {args.articles} articles, CPU ms per article:")
    med = {}
    for label in "AB":
        med[label] = {k: statistics.median(x[k] for x in runs[label]) for k in runs[label][0]}
        print(f"  {label} {sources[label]}: " + _fmt(med[label]))
    print(
        "  B / A: "
        + ", ".join(f"{k} {med['B'][k] / med['A'][k]:.3f}" for k in med["A"] if med["A"][k] > 0)
    )


def _fmt(result: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.2f}" for k, v in result.items())


if __name__ == "__main__":
    main()
