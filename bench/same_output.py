"""Check that a speed change left claimgraph's output byte-identical.

    .venv/bin/python bench/same_output.py dump OUT_DIR [--polnear N] [--ingest N]
    .venv/bin/python bench/same_output.py compare DIR_BEFORE DIR_AFTER

``dump`` writes, into OUT_DIR (keep it outside the repository: it holds
analyses of ../shared texts):

- ``analyze.jsonl``: one line per text, the JSON of ``analyze`` (sorted keys)
  for the bundled sample corpus (``examples/corpus``), the seed corpus
  (``../shared/corpus/seed``) and the first N PolNeAR dev texts
  (``../shared/eval/polnear/dev/text``; both skipped with a note when
  ../shared is absent);
- ``tables.txt``: every table of a store filled by ``claimgraph ingest`` with
  2 processes from N generated articles (``bench/corpus.py``, seed fixed),
  each table's rows sorted, so the worker path and the store are covered too.

``compare`` reports the first difference of each file and exits non-zero if
any file differs. Run ``dump`` on the old code (e.g. with PYTHONPATH pointing
at a checkout of the earlier commit) and on the new, then ``compare``.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_throughput import ingest_command  # noqa: E402
from corpus import write_jsonl  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
# Tables whose rows depend on when the run happened, not on the analysis.
_CLOCK_COLUMNS = {"ingested_at", "at"}  # documents.ingested_at, skipped.at


def _texts(polnear: int) -> list[tuple[str, Path]]:
    paths = [("sample", p) for p in sorted((ROOT / "examples" / "corpus").glob("*.txt"))]
    seed = SHARED / "corpus" / "seed"
    if seed.is_dir():
        paths += [("seed", p) for p in sorted(seed.glob("*.txt"))]
    else:
        print(f"note: {seed} absent, seed corpus not checked", file=sys.stderr)
    dev = SHARED / "eval" / "polnear" / "dev" / "text"
    if dev.is_dir():
        paths += [("polnear", p) for p in sorted(dev.iterdir())[:polnear]]
    else:
        print(f"note: {dev} absent, PolNeAR texts not checked", file=sys.stderr)
    return paths


def dump_analyses(out: Path, polnear: int) -> int:
    from claimgraph.errors import SkippedDocument
    from claimgraph.inputs import read
    from claimgraph.output import to_dict
    from claimgraph.pipeline import analyze
    from claimgraph.records import Document

    n = 0
    with out.open("w", encoding="utf-8") as f:
        for kind, path in _texts(polnear):
            for item in read([str(path)]):
                label = f"{kind}/{path.name}"
                if not isinstance(item, Document):
                    f.write(json.dumps({"source": label, "not_read": str(item)}) + "\n")
                    continue
                try:
                    record = to_dict(analyze(item))
                except SkippedDocument as skip:
                    record = {"skipped": skip.reason}
                record["_source"] = label
                f.write(json.dumps(record, sort_keys=True, ensure_ascii=False) + "\n")
                n += 1
    return n


def dump_tables(out: Path, articles: int) -> int:
    with tempfile.TemporaryDirectory(prefix="claimgraph-same-output-") as tmp:
        corpus = write_jsonl(Path(tmp, "corpus.jsonl"), articles, 600)
        db = Path(tmp, "store.db")
        subprocess.run(ingest_command(corpus, db, 2), check=True)
        conn = sqlite3.connect(db)
        tables = [
            name
            for (name,) in conn.execute(
                "select name from sqlite_master where type = 'table' order by name"
            )
            # FTS5's shadow tables store the index in blobs whose layout
            # depends on insert batching; the indexed text is in the main table.
            if not any(name.endswith(s) for s in ("_data", "_idx", "_docsize", "_config"))
        ]
        with out.open("w", encoding="utf-8") as f:
            for table in tables:
                cursor = conn.execute(f'select * from "{table}"')
                columns = [d[0] for d in cursor.description]
                keep = [i for i, c in enumerate(columns) if c not in _CLOCK_COLUMNS]
                # The corpus's temporary folder is in documents.source.
                rows = sorted(
                    repr(tuple(row[i] for i in keep)).replace(tmp, "<tmp>") for row in cursor
                )
                f.write(f"## {table} {[columns[i] for i in keep]} {len(rows)} rows\n")
                f.writelines(r + "\n" for r in rows)
        conn.close()
        return len(tables)


def compare(before: Path, after: Path) -> bool:
    same = True
    for name in ("analyze.jsonl", "tables.txt"):
        a, b = before / name, after / name
        if not a.exists() or not b.exists():
            print(f"{name}: missing in one dump, not compared")
            continue
        la, lb = a.read_text("utf-8").splitlines(), b.read_text("utf-8").splitlines()
        diff = next((i for i, (x, y) in enumerate(zip(la, lb, strict=False)) if x != y), None)
        if diff is None and len(la) == len(lb):
            print(f"{name}: identical ({len(la)} lines)")
            continue
        same = False
        if diff is None:
            print(f"{name}: DIFFERENT line counts {len(la)} vs {len(lb)}")
        else:
            print(f"{name}: DIFFERENT at line {diff + 1}:\n  {la[diff][:300]}\n  {lb[diff][:300]}")
    return same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--polnear", type=int, default=100, help="PolNeAR dev texts (first N)")
    d.add_argument("--ingest", type=int, default=120, help="generated articles to ingest")
    d.add_argument("--skip", choices=("analyze", "tables"), help="leave out one part")
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "compare":
        raise SystemExit(0 if compare(args.before, args.after) else 1)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.skip != "analyze":
        print(f"analyses: {dump_analyses(args.out / 'analyze.jsonl', args.polnear)} texts")
    if args.skip != "tables":
        print(f"tables: {dump_tables(args.out / 'tables.txt', args.ingest)}")


if __name__ == "__main__":
    main()
