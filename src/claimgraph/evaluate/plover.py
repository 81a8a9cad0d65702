"""Event coding evaluation on the PLOVER gold standard records (OEDA JSON).

The labels are not exhaustive (one coded event per record), so precision is
not meaningful; we report recall of the gold event type among the events we
produce, actor text and country-code accuracy and mode accuracy on the records
whose type we found, and events per sentence so over-generation stays visible.
The 2016 records use some type, mode and code names PLOVER or ISO have since
changed; they are mapped to the current names below before comparing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..errors import ClaimgraphError, SkippedDocument

# Names the 2016 records use for types PLOVER has since renamed or merged.
LEGACY = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
# (type, mode) pairs PLOVER has since moved: destroying property is an
# ASSAULT mode in the 2023 structured codebook (and CAMEO 1712 maps to ASSAULT
# in CAMEO2PLOVER-2021), a COERCE mode in the 2016 records.
LEGACY_TYPE_MODES = {("COERCE", "destroy"): "ASSAULT"}
# Mode names of the 2016 records (PLOVER 0.5 sub-modes) and the current mode
# each became: codebook "demo" (organized or spontaneous), "hunger" and
# "strike" (CAMEO 142, 143), "riot"; "curfew" covers "impose state of emergency
# or martial law"; "seize" covers confiscation (CAMEO 1711); "arrest" covers
# "arrest or detain"; hosting a visit is mode "visit" (CAMEO 043).
LEGACY_MODES = {
    "demo-org": "demo",
    "demo-spon": "demo",
    "strike-hun": "hunger",
    "strike-gen": "strike",
    "riot-spon": "riot",
    "martial-law": "curfew",
    "confiscate": "seize",
    "detain": "arrest",
    "host": "visit",
}
# Gold actor codes that name no country (CAMEO international and non-state
# codes: intergovernmental and non-governmental organizations, international
# militarized groups): not counted in the country-code accuracy, whose
# question is "is the actor's country right".
NON_COUNTRY_CODES = frozenset({"IGO", "NGO", "IMG", "ISM", "MNC", "UIS"})
# Non-ISO spellings of three country codes in the 2016 records.
CODE_SPELLINGS = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


def read_records(path: str | Path) -> list[dict]:
    path = Path(path)
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ClaimgraphError(f"{path}: cannot read PLOVER gold records: {exc}") from exc
    if not isinstance(records, list):
        raise ClaimgraphError(f"{path}: expected a JSON array of records")
    return [r for r in records if r.get("event") not in (None, "DOCUMENT") and r.get("text")]


# Dotted acronyms ("U.N.", "U.S."): their letters are one-letter words the
# overlap test below drops, so a gold actor written "U.N." could match nothing.
_DOTTED = re.compile(r"\b(?:[A-Za-z]\.){2,}")


def _words(text: str) -> set[str]:
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", "") + " ", text)
    return {w.lower() for w in re.findall(r"\w+", text) if len(w) > 1}


def _actor_matches(analysis, actor_id: str | None, gold: list[dict]) -> tuple[bool, bool | None]:
    """(text overlaps a gold actor, country code equals it — None when gold has no code)."""
    if not actor_id or not gold:
        return False, None
    actor = next((a for a in analysis.actors if a.id == actor_id), None)
    if actor is None:
        return False, None
    text = analysis.document.text
    surface = _words(" ".join([actor.name, *(text[s:e] for s, e in actor.mentions)]))
    for g in gold:
        if surface & _words(g.get("actorText", "")):
            code = (g.get("code") or "")[:3] or None
            if code is None or code in NON_COUNTRY_CODES:
                return True, None
            return True, actor.country == CODE_SPELLINGS.get(code, code)
    return False, None


def evaluate(path: str | Path, options=None, limit: int | None = None) -> dict:
    from ..options import Options
    from ..pipeline import analyze

    options = options or Options()
    records = read_records(path)[:limit]
    n = found = events = sentences = skipped = 0
    src = [0, 0]
    tgt = [0, 0]
    code = [0, 0]
    mode = [0, 0]
    by_type: dict[str, list[int]] = {}
    for record in records:
        gold_type = LEGACY.get(record["event"], record["event"])
        gold_mode = (record.get("mode") or "").strip().lower()
        gold_type = LEGACY_TYPE_MODES.get((gold_type, gold_mode), gold_type)
        gold_mode = LEGACY_MODES.get(gold_mode, gold_mode)
        n += 1
        try:
            analysis = analyze(record["text"], options)
        except SkippedDocument:
            skipped += 1
            by_type.setdefault(gold_type, [0, 0])[1] += 1
            continue
        produced = [c.event for c in analysis.claims if c.event is not None]
        events += len(produced)
        sentences += len({c.sentence_span for c in analysis.claims})
        tally = by_type.setdefault(gold_type, [0, 0])
        tally[1] += 1
        match = next((e for e in produced if e.type == gold_type), None)
        if match is None:
            continue
        found += 1
        tally[0] += 1
        for role, counts, actor_id in (
            ("source", src, match.source_actor),
            ("target", tgt, match.target_actor),
        ):
            gold = record.get(role)
            if not isinstance(gold, list) or not gold:
                continue
            counts[1] += 1
            ok, code_ok = _actor_matches(analysis, actor_id, gold)
            counts[0] += ok
            if code_ok is not None:
                code[1] += 1
                code[0] += code_ok
        if gold_mode:
            mode[1] += 1
            mode[0] += (match.mode or "").lower() == gold_mode

    def ratio(c: list[int]) -> float:
        return round(c[0] / c[1], 4) if c[1] else 0.0

    return {
        "data": str(path),
        "records": n,
        "skipped": skipped,
        "event_type_recall": round(found / n, 4) if n else 0.0,
        "source_actor_text": ratio(src),
        "target_actor_text": ratio(tgt),
        "actor_country_code": ratio(code),
        "mode": ratio(mode),
        "events_per_sentence": round(events / sentences, 4) if sentences else 0.0,
        "counts": {"found": found, "source": src, "target": tgt, "code": code, "mode": mode},
        "recall_by_type": {t: ratio(c) for t, c in sorted(by_type.items())},
    }
