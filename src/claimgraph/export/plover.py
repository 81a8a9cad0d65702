"""PLOVER JSON: one record per stored event, in the layout of the PLOVER gold records.

The field names and structure are those of the OEDA PLOVER gold-standard
records (``id``, ``date``, ``source``/``target`` as lists of ``actorText``/
``code``/``sector``, ``event``, ``eventText``, ``mode``, ``text`` (the
sentence), ``textInfo.markup`` with ``(SRC: …)``, ``(TAR: …)``, ``(EVT: …)``,
``(LOC: …)`` markers, ``eventLoc`` with ``name`` and ``country code``,
``language``, ``publication``, ``coder``, ``version``, ``dateCoded``); as in
those records, a field with no value is left out rather than written null.

Two PLOVER-style extensions carry what makes a claimgraph record auditable:

- ``textInfo`` adds character offsets **into the document's text** (the
  stored ``documents.text``): the sentence, the trigger, every mention of the
  source and target actors and of the place inside the sentence, the date
  expression;
- ``citeInfo``: where the report comes from (outlet, url, title, author,
  published, document id) and who it cites: the attribution chain, outermost
  first, with the claim's certainty and factuality.

``claimgraph eval plover`` reads the file back (a JSON array of records).
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..records import Actor, Analysis, Claim
from ..store import Store
from .cameo import cameo_code
from .common import CodedEvent, coded_events, mention_spans

# The PLOVER specification the lexicon codes to: PLOVER manual draft 0.8 (its
# type names ACCUSE and REQUEST, as in CAMEO2PLOVER-2021), see data/plover.yaml.
PLOVER_VERSION = "0.8"


def _coder() -> str:
    from .. import __version__  # claimgraph/__init__ imports this package first

    return f"claimgraph {__version__}"


def _span(start: int, end: int, text: str) -> dict[str, Any]:
    return {"text": text[start:end], "start": start, "end": end}


def _actors(item: CodedEvent, actor: Actor | None, sentence: tuple[int, int]) -> list[dict]:
    """The gold records' actor list: the text as written in the sentence, country, sector."""
    if actor is None:
        return []
    text = item.analysis.document.text
    spans = mention_spans(actor, sentence)
    entry = {
        "actorText": text[spans[0][0] : spans[0][1]] if spans else actor.name,
        "code": actor.country,
        "sector": actor.sector,
    }
    return [_compact(entry)]


def _compact(d: dict[str, Any]) -> dict[str, Any]:
    """The gold records' convention: only non-null fields."""
    return {k: v for k, v in d.items() if v is not None and v != [] and v != {}}


def markup(text: str, sentence: tuple[int, int], marks: list[tuple[int, int, str]]) -> str:
    """The sentence with ``(TAG: words)`` around each marked span (the gold
    records' ``textInfo.markup``); a span overlapping an earlier one is left unmarked."""
    out: list[str] = []
    at = sentence[0]
    for start, end, tag in sorted(marks):
        if start < at or end > sentence[1] or start >= end:
            continue
        out.append(text[at:start])
        out.append(f"({tag}: {text[start:end]})")
        at = end
    out.append(text[at : sentence[1]])
    return "".join(out)


def _attribution(analysis: Analysis, claim: Claim) -> list[dict[str, Any]]:
    names = {a.id: a.name for a in analysis.actors}
    links = []
    for link in claim.attribution:
        links.append(
            _compact(
                {
                    "source": names.get(link.source_actor or "", link.source_text),
                    "sourceActor": link.source_actor,
                    "sourceText": link.source_text,
                    "sourceStart": link.source_span[0] if link.source_span else None,
                    "sourceEnd": link.source_span[1] if link.source_span else None,
                    "cue": link.cue,
                    "cueStart": link.cue_span[0] if link.cue_span else None,
                    "cueEnd": link.cue_span[1] if link.cue_span else None,
                    "anonymous": link.anonymous,
                }
            )
        )
    return links


def plover_record(item: CodedEvent) -> dict[str, Any]:
    """The PLOVER record of one stored event."""
    e, claim, analysis = item.event, item.claim, item.analysis
    doc = analysis.document
    text = doc.text
    sentence = claim.sentence_span
    source, target, place = item.source, item.target, item.place
    src_spans = mention_spans(source, sentence)
    tar_spans = [] if target is source else mention_spans(target, sentence)
    loc_spans = mention_spans(place, sentence)
    tag = "SRC/TAR" if source is not None and target is source else "SRC"
    marks = [(*m, tag) for m in src_spans] + [(*m, "TAR") for m in tar_spans]
    marks += [(*e.trigger_span, "EVT")] + [(*m, "LOC") for m in loc_spans]
    date = e.date
    text_info = {
        "markup": markup(text, sentence, marks),
        "documentId": doc.id,
        "sentenceStart": sentence[0],
        "sentenceEnd": sentence[1],
        "eventStart": e.trigger_span[0],
        "eventEnd": e.trigger_span[1],
        "source": [_span(*m, text) for m in src_spans],
        "target": [_span(*m, text) for m in tar_spans],
        "location": [_span(*m, text) for m in loc_spans],
        "date": _span(*date.span, text) if date.span else None,
    }
    cite_info = {
        "outlet": doc.outlet,
        "url": doc.url,
        "title": doc.title,
        "author": doc.author,
        "published": doc.published,
        "documentId": doc.id,
        "claimId": claim.id,
        "claimText": claim.text,
        "claimStart": claim.span[0],
        "claimEnd": claim.span[1],
        "attribution": _attribution(analysis, claim),
        "certainty": claim.certainty,
        "factuality": claim.factuality,
    }
    event_loc = (
        _compact(
            {
                "name": place.name,
                "country code": place.country,
                "admin1": place.admin1,
                "lat": place.lat,
                "lon": place.lon,
                "geonamesID": place.geonames_id,
            }
        )
        if place
        else None
    )
    record = {
        "id": claim.id,
        "date": date.value,
        "datePrecision": date.precision,
        "source": _actors(item, source, sentence),
        "target": [] if target is source else _actors(item, target, sentence),
        "event": e.type,
        "eventText": text[e.trigger_span[0] : e.trigger_span[1]],
        "mode": e.mode,
        "cameo": cameo_code(e.type, e.mode, e.cameo),
        "realis": e.realis,
        "confidence": e.confidence,
        "eventLoc": event_loc,
        "text": text[sentence[0] : sentence[1]],
        "textInfo": _compact(text_info),
        "citeInfo": _compact(cite_info),
        "language": doc.language,
        "publication": doc.outlet,
        "coder": _coder(),
        "version": PLOVER_VERSION,
        "dateCoded": item.ingested_at[:10] if item.ingested_at else None,
    }
    return _compact(record)


def write_plover(store: Store, out: TextIO) -> int:
    """Write a JSON array of PLOVER records, one per line; returns how many."""
    n = 0
    out.write("[")
    for item in coded_events(store):
        out.write(",\n" if n else "\n")
        out.write(json.dumps(plover_record(item), ensure_ascii=False))
        n += 1
    out.write("\n]\n")
    return n
