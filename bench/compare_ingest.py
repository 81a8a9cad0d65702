"""CPU of ``claimgraph ingest`` under two code trees, runs alternated, on one corpus.

    .venv/bin/python bench/compare_ingest.py SRC_A SRC_B [--articles N] [--rounds R]
        [--processes P] [--cli]

SRC_A and SRC_B are ``src`` folders (e.g. an unpacked ``git archive`` of the
commit before a change, and this worktree's ``src``). Each round runs the
ingest of the same generated corpus (``bench/corpus.py``) into a new SQLite
store once with ``PYTHONPATH=SRC_A`` and once with ``SRC_B`` (the order
alternating between rounds, so a drift of the machine's speed falls on both),
and samples each run's process tree (``bench/proctree.py``). It prints CPU
seconds per role (the ingest process, the forkserver, the workers) and per
article, the medians over rounds, and B / A.

On a shared machine wall time says little; CPU seconds of the whole tree,
compared within one alternating run, are what a change is judged by.
``--cli`` runs the installed ``claimgraph`` entry-point script instead of
``python -c``: forkserver workers then import that script as their main
module, as a user's run does.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_throughput import ingest_command  # noqa: E402
from corpus import compare_parser, write_jsonl  # noqa: E402
from proctree import TreeSampler, now  # noqa: E402

ROLES = ("root", "forkserver", "worker", "resource tracker")


def run_once(src: Path, corpus: Path, db: Path, processes: int, cli: bool) -> dict[str, float]:
    command = ingest_command(corpus, db, processes)
    if cli:
        command = [str(Path(sys.executable).with_name("claimgraph")), *command[3:]]
    env = {**os.environ, "PYTHONPATH": str(src)}
    t0 = now()
    proc = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    with TreeSampler(proc.pid, pss=False) as tree:
        _, stderr = proc.communicate()
    wall = now() - t0
    if proc.returncode != 0:
        raise SystemExit(f"ingest under {src} failed ({proc.returncode}):\n{stderr}")
    out = dict.fromkeys(ROLES, 0.0)
    for role, _, _, cpu in tree.per_process():
        out[role] = out.get(role, 0.0) + cpu
    out["total"] = sum(cpu for role, cpu in out.items() if role in ROLES)
    out["wall"] = wall
    return out


def main() -> None:
    parser = compare_parser(__doc__.splitlines()[0], articles=300)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--cli", action="store_true", help="run the claimgraph script")
    args = parser.parse_args()
    sources = {"A": args.src_a.resolve(), "B": args.src_b.resolve()}
    runs: dict[str, list[dict[str, float]]] = {"A": [], "B": []}
    with tempfile.TemporaryDirectory(prefix="claimgraph-compare-ingest-") as tmp:
        corpus = write_jsonl(Path(tmp, "corpus.jsonl"), args.articles, args.words)
        for r in range(args.rounds):
            for label in "AB" if r % 2 == 0 else "BA":
                db = Path(tmp, f"{label}{r}.db")
                result = run_once(sources[label], corpus, db, args.processes, args.cli)
                db.unlink()
                runs[label].append(result)
                print(f"round {r + 1} {label}: " + _fmt(result, args.articles), flush=True)
    print(f"median over {args.rounds} rounds, {args.articles} articles, CPU s (s/article):")
    med = {}
    for label in "AB":
        med[label] = {k: statistics.median(x[k] for x in runs[label]) for k in runs[label][0]}
        print(f"  {label} {sources[label]}: " + _fmt(med[label], args.articles))
    ratio = med["B"]["total"] / med["A"]["total"]
    print(f"  B / A total CPU: {ratio:.3f}; load average {os.getloadavg()[0]:.1f}")


def _fmt(result: dict[str, float], articles: int) -> str:
    parts = [f"{role} {result[role]:.1f}" for role in ROLES]
    total = result["total"]
    return f"total {total:.1f} ({total / articles:.4f}/art), " + ", ".join(parts)


if __name__ == "__main__":
    main()
