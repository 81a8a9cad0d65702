"""Time expression evaluation on TimeML (``.tml``) files, as TempEval-3 scores it.

Each file's ``<TEXT>`` element, stripped of its tags (and XML entities
decoded), is the raw text; gold ``<TIMEX3 tid type value>`` tags inside it give
the character spans. The document creation time (``<DCT><TIMEX3 value=...>``)
is our ``published`` anchor (its date part) and is not scored: it is metadata,
outside ``<TEXT>``, as in TempEval-3.

Metrics (UzZaman et al., "SemEval-2013 Task 1: TempEval-3", SemEval 2013,
section 4.1; the task's scorer ``tools/evaluation-entities/evaluate_entities.py``):

- **strict** span P/R/F1: a predicted span equals a gold span (white space
  trimmed);
- **relaxed** span P/R/F1: a predicted span overlaps a gold span;
- **value** and **type**: attribute accuracy over relaxed-matched pairs, and
  attribute F1 = attribute accuracy x relaxed F1 (the scorer's
  ``performance_value = value_match / relaxed_match * relaxed_fscore``).

As in that scorer, precision counts predictions that overlap (strict: equal)
some gold expression, recall counts gold expressions that some prediction
overlaps (equals), and the attributes are compared on the recall side: each gold
expression against the prediction overlapping it most.

Results are given per corpus (the first folder under ``DIR``: ``TimeBank``,
``AQUAINT``) and overall.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import ClaimgraphError
from . import offset_map

Span = tuple[int, int]

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)
_DCT = re.compile(r"<DCT>\s*<TIMEX3\b[^>]*\bvalue=\"(?P<value>[^\"]*)\"", re.DOTALL)
_MARKUP = re.compile(r"<(?P<close>/)?(?P<tag>[A-Za-z0-9]+)(?P<attrs>[^>]*)>|&#?\w+;")
_ATTR = re.compile(r"(\w+)=\"([^\"]*)\"")


@dataclass(frozen=True, slots=True)
class Timex:
    span: Span
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TimeDoc:
    name: str
    corpus: str
    text: str
    dct: str | None  # "YYYY-MM-DD"
    timexes: tuple[Timex, ...]


def read_tml(markup: str, name: str = "", corpus: str = "") -> TimeDoc:
    """One TimeML document: raw text of ``<TEXT>``, its DCT and its gold TIMEX3s."""
    body = _TEXT.search(markup)
    if body is None:
        raise ClaimgraphError(f"{name or 'TimeML'}: no <TEXT> element")
    dct = _DCT.search(markup)
    pieces: list[str] = []
    length = 0
    timexes: list[Timex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    position = 0
    source = body.group(1)
    for m in _MARKUP.finditer(source):
        pieces.append(source[position : m.start()])
        length += m.start() - position
        position = m.end()
        if m.group().startswith("&"):
            decoded = html.unescape(m.group())
            pieces.append(decoded)
            length += len(decoded)
        elif m["tag"] == "TIMEX3" and not m["close"]:
            open_timex = (length, dict(_ATTR.findall(m["attrs"])))
        elif m["tag"] == "TIMEX3" and open_timex is not None:
            start, attrs = open_timex
            timexes.append(Timex((start, length), attrs.get("type", ""), attrs.get("value", "")))
            open_timex = None
    pieces.append(source[position:])
    return TimeDoc(
        name=name,
        corpus=corpus,
        text="".join(pieces),
        dct=dct["value"][:10] if dct and re.match(r"\d{4}-\d\d-\d\d", dct["value"]) else None,
        timexes=tuple(timexes),
    )


def read_documents(path: str | Path) -> list[TimeDoc]:
    """Every ``.tml`` under ``path`` (or the one file), sorted by path."""
    root = Path(path)
    if not root.exists():
        raise ClaimgraphError(f"{root}: no such file or directory")
    files = [root] if root.is_file() else sorted(root.rglob("*.tml"))
    documents = []
    for file in files:
        relative = file.relative_to(root).parts if root.is_dir() else ()
        corpus = relative[0] if len(relative) > 1 else (root.name if root.is_dir() else "")
        try:
            markup = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise ClaimgraphError(f"{file}: cannot read: {exc}") from exc
        documents.append(read_tml(markup, file.name, corpus or file.parent.name))
    return documents


def _trim(text: str, span: Span) -> Span:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _overlap(text: str, a: Timex, b: Timex) -> int:
    (as_, ae), (bs, be) = _trim(text, a.span), _trim(text, b.span)
    return min(ae, be) - max(as_, bs)


def match(
    text: str, predicted: Iterable[Timex], gold: Iterable[Timex]
) -> list[tuple[Timex, Timex]]:
    """(predicted, gold) pairs: each gold expression with the prediction overlapping it most.

    As in the TempEval-3 scorer, a prediction may pair with more than one gold
    expression ("the quarter a year ago" found as "the quarter" and "a year ago"
    pairs one of them; one prediction over two gold expressions pairs both).
    """
    predicted = list(predicted)
    pairs = []
    for g in gold:
        best = max(predicted, key=lambda p: _overlap(text, p, g), default=None)
        if best is not None and _overlap(text, best, g) > 0:
            pairs.append((best, g))
    return pairs


def _prf(found_predicted: int, found_gold: int, predicted: int, gold: int) -> dict:
    precision = found_predicted / predicted if predicted else 0.0
    recall = found_gold / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "tp": found_gold,
        "tp_predicted": found_predicted,
        "predicted": predicted,
        "gold": gold,
    }


class _Tally:
    def __init__(self) -> None:
        self.documents = self.predicted = self.gold = 0
        self.strict = [0, 0]  # predictions with an exact gold twin, gold with an exact twin
        self.relaxed = [0, 0]  # the same for overlap
        self.value = self.type = 0

    def add(self, text: str, predicted: list[Timex], gold: list[Timex]) -> None:
        self.documents += 1
        self.predicted += len(predicted)
        self.gold += len(gold)
        gold_spans = {_trim(text, g.span) for g in gold}
        predicted_spans = {_trim(text, p.span) for p in predicted}
        self.strict[0] += sum(_trim(text, p.span) in gold_spans for p in predicted)
        self.strict[1] += sum(_trim(text, g.span) in predicted_spans for g in gold)
        self.relaxed[0] += sum(any(_overlap(text, p, g) > 0 for g in gold) for p in predicted)
        for p, g in match(text, predicted, gold):
            self.relaxed[1] += 1
            self.value += p.value == g.value
            self.type += p.type == g.type

    def as_dict(self) -> dict:
        relaxed = _prf(*self.relaxed, self.predicted, self.gold)
        matched = self.relaxed[1]
        value_accuracy = self.value / matched if matched else 0.0
        type_accuracy = self.type / matched if matched else 0.0
        return {
            "documents": self.documents,
            "strict": _prf(*self.strict, self.predicted, self.gold),
            "relaxed": relaxed,
            "value_accuracy": round(value_accuracy, 4),
            "value_f1": round(value_accuracy * relaxed["f1"], 4),
            "type_accuracy": round(type_accuracy, 4),
            "type_f1": round(type_accuracy * relaxed["f1"], 4),
        }


def predict(document: TimeDoc, options=None) -> list[Timex]:
    """claimgraph's time expressions for one gold document, in raw-text offsets."""
    from ..extract.times import times
    from ..inputs import document_from_text
    from ..nlp import parse
    from ..options import Options

    ours = document_from_text(document.text, published=document.dct)
    parsed = parse(ours, options or Options())
    to_raw = offset_map(document.text, ours.text)
    return [
        Timex((to_raw[s], to_raw[e - 1] + 1), t.type, t.value or "")
        for t in times(parsed)
        for s, e in (t.span,)
        if e > s
    ]


def evaluate(path: str | Path, options=None, limit: int | None = None) -> dict:
    """Score claimgraph's time expressions against TimeML gold; returns a JSON-ready dict."""
    documents = read_documents(path)[:limit]
    overall = _Tally()
    by_corpus: dict[str, _Tally] = {}
    for document in documents:
        predicted = predict(document, options)
        gold = list(document.timexes)
        overall.add(document.text, predicted, gold)
        by_corpus.setdefault(document.corpus, _Tally()).add(document.text, predicted, gold)
    return {
        "data": str(path),
        "documents": len(documents),
        "overall": overall.as_dict(),
        "by_corpus": {name: tally.as_dict() for name, tally in sorted(by_corpus.items())},
    }
