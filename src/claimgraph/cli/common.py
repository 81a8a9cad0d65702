"""What every command shares: consoles, option types, error and style helpers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import ClaimgraphError
from ..options import Options

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[str, typer.Option("--db", help="SQLite file or SQLAlchemy URL of the store.")]
ModelOption = Annotated[
    str, typer.Option("--model", help="spaCy pipeline: installed package name or path.")
]
DictOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--dictionary",
        help="Extra actor dictionary (YAML, CSV, or PETRARCH/Phoenix .txt); repeatable.",
    ),
]
MaxCharsOption = Annotated[
    int, typer.Option("--max-chars", help="Skip documents longer than this many characters.")
]
CueTaggerOption = Annotated[
    bool,
    typer.Option(
        "--cue-tagger",
        help="Let the transformer cue tagger vote on attribution cues "
        "(needs the 'transformer' extra; about 0.3 CPU s more per article).",
    ),
]
LimitOption = Annotated[int, typer.Option("--limit", min=1, help="At most this many rows.")]

CERTAINTY_STYLE = {
    "asserted": "bold",
    "reported": "cyan",
    "hedged": "yellow",
    "inferred": "magenta",
    "opinion": "blue",
    "question": "white",
    "negated": "red",
    "hypothetical": "green",
}


def _styled(key: str) -> str:
    style = CERTAINTY_STYLE.get(key.strip())
    return f"[{style}]{escape(key)}[/]" if style else escape(key)


def _open_store(db: str):
    """The store a command works on (imported late: `--help` stays fast)."""
    from ..store import Store

    return Store(db)


def _fail(exc: Exception) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(str(exc))}")
    return typer.Exit(2)


def analysis_options(
    model: str, dictionary: list[Path] | None, max_chars: int, cue_tagger: bool = False
) -> Options:
    """The :class:`~claimgraph.options.Options` of a command that analyzes articles.

    The cue tagger's extra is checked here, before any input is read.
    """
    if cue_tagger:
        from ..extract.cue_tagger import require

        try:
            require()
        except ClaimgraphError as exc:
            raise _fail(exc) from None
    return Options(
        model=model,
        dictionaries=tuple(str(p) for p in dictionary or ()),
        max_chars=max_chars,
        cue_tagger=cue_tagger,
    )
