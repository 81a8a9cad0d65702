"""What one `claimgraph analyze ARTICLE` costs from a cold process, side by side
with another checkout (the baseline).

    .venv/bin/python bench/bench_startup.py --baseline ../other-checkout/src \
        [--repeat N] [--cue-tagger]

Runs ``claimgraph analyze`` on one article of the bundled sample corpus in a
fresh interpreter, alternately with this checkout's ``src`` and with the
baseline's on ``PYTHONPATH`` (same virtual environment, same packages), and
prints the median wall-clock and CPU seconds of each and their ratio. Start-up
(imports, the spaCy pipeline, lexicons, the gazetteer, the cue tagger) is most
of it: the article itself takes about 0.15 CPU s (bench/bench_analyze.py).
The machine is shared, so CPU is the number to compare.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
ARTICLE = HERE / "examples" / "corpus" / "coastline-port-strike-followup.txt"


def _run(src: Path, args: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one cold `claimgraph analyze` with ``src`` first on the path."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", "from claimgraph.cli import main; main()", "analyze", *args],
        env=env,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{src}: analyze failed:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--baseline", required=True, type=Path, help="the other checkout's src/")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--cue-tagger", action="store_true", help="analyze with --cue-tagger")
    ap.add_argument("--article", type=Path, default=ARTICLE)
    args = ap.parse_args()
    cli_args = [str(args.article), "--json"] + (["--cue-tagger"] if args.cue_tagger else [])
    runs: dict[str, list[tuple[float, float]]] = {"baseline": [], "this checkout": []}
    sources = {"baseline": args.baseline.resolve(), "this checkout": HERE / "src"}
    _run(sources["this checkout"], cli_args)  # warm the page cache for both
    _run(sources["baseline"], cli_args)
    for _ in range(args.repeat):
        for label, src in sources.items():  # alternate: drift hits both alike
            runs[label].append(_run(src, cli_args))
    medians = {}
    for label, rows in runs.items():
        wall = statistics.median(r[0] for r in rows)
        cpu = statistics.median(r[1] for r in rows)
        medians[label] = (wall, cpu)
        print(f"{label:14s} wall {wall:6.2f} s   CPU {cpu:6.2f} s   ({len(rows)} runs)")
    (bw, bc), (tw, tc) = medians["baseline"], medians["this checkout"]
    print(f"this / baseline: wall {tw / bw:.3f}, CPU {tc / bc:.3f}")


if __name__ == "__main__":
    main()
