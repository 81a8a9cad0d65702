"""`claimgraph eval NAME --data PATH`: score claimgraph against a public gold set.

Each harness is a module of :mod:`claimgraph.evaluate` with
``evaluate(path, options, limit) -> dict``; this layer only parses options and
prints the dict (a table, or one JSON object with ``--json``).
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from ..errors import ClaimgraphError
from ..options import DEFAULT_MODEL, Options
from .common import CueTaggerOption, DictOption, ModelOption, _fail, out

eval_app = typer.Typer(no_args_is_help=True, help="Score claimgraph against public gold sets.")

JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]
LimitOption = Annotated[
    int | None, typer.Option("--limit", min=1, help="Only the first N documents or records.")
]


def _rows(result: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, dict | float | int]]:
    """(metric path, P/R/F1 dict or number) for every score in a nested result."""
    for key, value in result.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and {"precision", "recall", "f1"} <= set(value):
            yield path, value
        elif isinstance(value, dict):
            yield from _rows(value, path + " ")
        elif isinstance(value, int | float) and not isinstance(value, bool):
            yield path, value


def print_result(result: dict[str, Any], as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
        return
    table = Table(title=str(result.get("data", "")), title_justify="left")
    for col in ("metric", "P", "R", "F1 / value", "tp", "predicted", "gold"):
        table.add_column(col, justify="right" if col != "metric" else "left")
    for path, value in _rows(result):
        if isinstance(value, dict):
            table.add_row(
                path,
                f"{value['precision']:.3f}",
                f"{value['recall']:.3f}",
                f"{value['f1']:.3f}",
                str(value.get("tp", "")),
                str(value.get("predicted", "")),
                str(value.get("gold", "")),
            )
        else:
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            table.add_row(path, "", "", shown, "", "", "")
    out.print(table)


def run(
    module: str, data: Path, as_json: bool, limit: int | None, model: str | Options, **kw
) -> None:
    harness = importlib.import_module(f"claimgraph.evaluate.{module}")
    if not data.exists():
        raise _fail(ClaimgraphError(f"{data}: no such file or directory"))
    try:
        options = model if isinstance(model, Options) else Options(model=model)
        result = harness.evaluate(data, options, limit=limit, **kw)
    except ClaimgraphError as exc:
        raise _fail(exc) from None
    print_result(result, as_json)


@eval_app.command("attribution")
def attribution(
    data: Annotated[Path, typer.Option(help="PolNeAR-layout folder (text/, attributions/).")],
    as_json: JsonOption = False,
    limit: LimitOption = None,
    model: ModelOption = DEFAULT_MODEL,
    cue_tagger: CueTaggerOption = False,
) -> None:
    """Cue, source and content P/R/F1 (exact and token overlap) on brat standoff."""
    run("attribution", data, as_json, limit, Options(model=model, cue_tagger=cue_tagger))


@eval_app.command("plover")
def plover(
    data: Annotated[Path, typer.Option(help="PLOVER gold-record JSON file.")],
    as_json: JsonOption = False,
    limit: LimitOption = None,
    model: ModelOption = DEFAULT_MODEL,
    dictionary: DictOption = None,
) -> None:
    """Event-type recall, actor text/code accuracy, mode accuracy, events per sentence."""
    options = Options(model=model, dictionaries=tuple(str(p) for p in dictionary or ()))
    run("plover", data, as_json, limit, options)


@eval_app.command("factuality")
def factuality(
    data: Annotated[
        Path,
        typer.Option(
            help="Factuality JSONL: the folder of sets (MEANTIME/, UW/, UDS_IH2/), one set's "
            "folder, or one .jsonl file; folders are read at their dev split."
        ),
    ],
    as_json: JsonOption = False,
    limit: LimitOption = None,
    model: ModelOption = DEFAULT_MODEL,
) -> None:
    """Event factuality on the [-3, 3] scale: MAE and Pearson r per set."""
    run("factuality", data, as_json, limit, model)


@eval_app.command("geo")
def geo(
    data: Annotated[
        Path, typer.Option(help="LGL / TR-News or GeoWebNews XML file (lgl.xml, GWN.xml).")
    ],
    as_json: JsonOption = False,
    limit: LimitOption = None,
    model: ModelOption = DEFAULT_MODEL,
) -> None:
    """Toponym recognition P/R/F1 (exact, overlap); accuracy@161 km, mean/median km, AUC."""
    run("geo", data, as_json, limit, model)


@eval_app.command("time")
def time_(
    data: Annotated[
        Path, typer.Option(help="TimeML folder or .tml file (TempEval-3: TimeBank/, AQUAINT/).")
    ],
    as_json: JsonOption = False,
    limit: LimitOption = None,
    model: ModelOption = DEFAULT_MODEL,
) -> None:
    """TempEval-3 time expressions: strict/relaxed span P/R/F1, value and type accuracy and F1."""
    run("time", data, as_json, limit, model)


EcbData = Annotated[
    Path,
    typer.Option(help="ECB+ release folder (ECB+/TOPIC/*.xml, ECBplus_coreference_sentences.csv)."),
]
MentionsOption = Annotated[
    str,
    typer.Option(
        "--mentions",
        help="gold: cluster the gold mentions; ours: our own mentions (events, or "
        "entities: names, noun chunks, pronouns), matched to gold by head, "
        "unmatched ones kept as spurious.",
    ),
]
SubtopicsOption = Annotated[
    str,
    typer.Option(
        "--subtopics",
        help="Clustering scope: gold (ECB and ECB+ halves of each topic), "
        "ours (TF-IDF document clusters inside each topic) or none (whole topic).",
    ),
]
SingletonsOption = Annotated[
    bool,
    typer.Option(
        "--singletons/--no-singletons", help="Keep singleton clusters (as published ECB+ numbers)."
    ),
]
TopicLimit = Annotated[int | None, typer.Option("--limit", min=1, help="Only the first N topics.")]


def _ecb_command(kind: str):
    """One command body for both ECB+ harnesses (entities and events)."""

    def command(
        data: EcbData,
        mentions: MentionsOption = "gold",
        subtopics: SubtopicsOption = "gold",
        singletons: SingletonsOption = True,
        as_json: JsonOption = False,
        limit: TopicLimit = None,
        model: ModelOption = DEFAULT_MODEL,
    ) -> None:
        run("ecb", data, as_json, limit, model, kind=kind, mentions=mentions,
            subtopics=subtopics, singletons=singletons)  # fmt: skip

    return command


eval_app.command(
    "coref",
    help="Cross-document entity coreference on ECB+ (MUC, B³, CEAF-e, LEA, CoNLL) + baseline.",
)(_ecb_command("entity"))
eval_app.command(
    "ecb-events",
    help="Cross-document event coreference on ECB+ (MUC, B³, CEAF-e, LEA, CoNLL) + baseline.",
)(_ecb_command("event"))
