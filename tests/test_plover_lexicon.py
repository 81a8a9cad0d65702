"""The PLOVER lexicon (data/plover.yaml), its CAMEO codes against the official
crosswalk direction, and the arithmetic of the PLOVER evaluation harness (on a
tiny fictional gold file; the real records are never copied here)."""

from __future__ import annotations

import json

import pytest

from claimgraph.evaluate import plover as plover_eval
from claimgraph.extract.plover import load_lexicon

PLOVER_TYPES = (
    *("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST"),
    *("ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),
)

# --- the lexicon --------------------------------------------------------------


def test_lexicon_covers_every_plover_type():
    lexicon = load_lexicon()
    types = {e.type for entries in lexicon.verbs.values() for e in entries}
    types |= {e.type for entries in lexicon.nouns.values() for e in entries}
    assert set(PLOVER_TYPES) <= types


def test_lexicon_codes_are_cameo_shaped():
    lexicon = load_lexicon()
    for table in (lexicon.verbs, lexicon.nouns):
        for lemma, entries in table.items():
            for entry in entries:
                assert entry.cameo and entry.cameo.isdigit(), (lemma, entry)
                assert 2 <= len(entry.cameo) <= 4, (lemma, entry)
                assert entry.when in {None, "transitive", "intransitive", "complement"}


@pytest.mark.parametrize("noun", ["attack", "protest", "rally", "meeting", "talk", "sanction"])
def test_required_noun_triggers(noun):
    assert noun in load_lexicon().nouns


@pytest.mark.parametrize("noun", ["arrest", "strike", "airstrike", "bombing"])
def test_required_noun_triggers_more(noun):
    assert noun in load_lexicon().nouns


# --- the CAMEO crosswalk ----------------------------------------------------------

# CAMEO code prefix -> PLOVER type, in the direction of the official
# CAMEO-to-PLOVER crosswalk (CAMEO2PLOVER-2021), written out by hand: the
# longest matching prefix wins.
CAMEO_TO_PLOVER = {
    "03": "AGREE",
    "04": "CONSULT",
    "05": "SUPPORT",
    "06": "COOPERATE",
    "07": "AID",
    "080": "CONCEDE",
    "081": "CONCEDE",
    "0813": "RETREAT",
    "0814": "RETREAT",
    "082": "CONCEDE",
    "083": "CONCEDE",
    "084": "RETREAT",
    "085": "RETREAT",
    "086": "RETREAT",
    "087": "RETREAT",
    "09": "ACCUSE",
    "10": "REQUEST",
    "11": "ACCUSE",
    "12": "REJECT",
    "13": "THREATEN",
    "14": "PROTEST",
    "15": "MOBILIZE",
    "16": "SANCTION",
    "163": "COERCE",
    "17": "COERCE",
    "1712": "ASSAULT",
    "175": "ASSAULT",
    "18": "ASSAULT",
    "19": "ASSAULT",
    "191": "COERCE",
    "192": "COERCE",
    "20": "ASSAULT",
}
# Modes whose CAMEO code is fixed by the crosswalk (mode -> allowed prefixes).
MODE_CAMEO = {
    "phone": ("041",),
    "visit": ("042", "043"),
    "hunger": ("142",),
    "strike": ("143",),
    "boycott": ("143",),
    "obstruct": ("144",),
    "riot": ("145",),
    "arrest": ("173",),
    "deport": ("174",),
    "curfew": ("1723", "1724"),
    "abduct": ("181",),
    "assassinate": ("185", "186"),
    "firearms": ("193",),
    "heavy-weapons": ("194",),
    "aerial": ("195",),
    "massacre": ("20",),
    "release": ("0841",),
    "ceasefire": ("0871",),
}


def crosswalk(code: str) -> str:
    prefix = max((p for p in CAMEO_TO_PLOVER if code.startswith(p)), key=len)
    return CAMEO_TO_PLOVER[prefix]


def test_crosswalk_table_reads_the_official_direction():
    assert crosswalk("0871") == "RETREAT"
    assert crosswalk("0812") == "CONCEDE"
    assert crosswalk("1631") == "COERCE"
    assert crosswalk("1712") == "ASSAULT"
    assert crosswalk("196") == "ASSAULT"


def _lexicon_rows():
    lexicon = load_lexicon()
    for table in (lexicon.verbs, lexicon.nouns):
        for lemma, entries in table.items():
            for entry in entries:
                yield lemma, entry.type, entry.mode, entry.cameo


@pytest.mark.parametrize(("lemma", "type_", "mode", "cameo"), list(_lexicon_rows()))
def test_lexicon_cameo_follows_the_crosswalk(lemma, type_, mode, cameo):
    assert crosswalk(cameo) == type_, (lemma, type_, cameo)
    if mode in MODE_CAMEO:
        assert cameo.startswith(MODE_CAMEO[mode]), (lemma, mode, cameo)


def test_derived_codes_follow_the_crosswalk():
    lexicon = load_lexicon()
    assert all(crosswalk(c) == "AGREE" for c in lexicon.intent.values())
    assert all(crosswalk(c) == "THREATEN" for c in lexicon.threat_cameo.values())
    assert all(crosswalk(c) == "REQUEST" for c in lexicon.request_cameo.values())
    assert all(crosswalk(c) == t for t, c in lexicon.cameo.items())
    assert set(lexicon.threats.values()) <= set(lexicon.threat_cameo)


# --- the harness arithmetic (fictional records) ------------------------------------


def _record(id_, event, text, source, target, mode=""):
    return {
        "id": id_,
        "event": event,
        "mode": mode,
        "text": text,
        "source": [{"actorText": a, "code": c} for a, c in source],
        "target": [{"actorText": a, "code": c} for a, c in target],
    }


def test_harness_arithmetic_on_fictional_records(tmp_path):
    records = [
        {"id": "doc", "event": "DOCUMENT"},  # documentation entries are skipped
        _record(
            "1",
            "ASSAULT",
            "Armenia attacked Azerbaijan with drones.",
            [("Armenia", "ARM")],
            [("Azerbaijan", "AZE")],
            "drone",
        ),
        # Legacy names: DEMAND is REQUEST; "strike-gen" is mode "strike".
        _record(
            "2",
            "DEMAND",
            "Brazil urged Argentina to lower its tariffs.",
            [("Brazil", "BRA")],
            [("Argentina", "IGO")],
        ),
        _record(
            "3",
            "PROTEST",
            "Workers from Nigeria went on strike against Shell.",
            [("Workers from Nigeria", "NGA")],
            [],
            "strike-gen",
        ),
        # Not found: the weather is no event.
        _record("4", "AID", "The weather was pleasant.", [("Japan", "JPN")], []),
    ]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    result = plover_eval.evaluate(path)
    assert result["records"] == 4
    assert result["event_type_recall"] == 0.75
    assert result["counts"]["found"] == 3
    assert result["recall_by_type"]["AID"] == 0.0
    assert result["recall_by_type"]["REQUEST"] == 1.0
    # Sources: 3 of 3 found-type records; targets: records 1 and 2 have one.
    assert result["counts"]["source"] == [3, 3]
    assert result["counts"]["target"] == [2, 2]
    # Country codes: IGO names no country and is not counted.
    assert result["counts"]["code"] == [4, 4]
    # Modes: "drone" and the legacy "strike-gen" -> "strike".
    assert result["counts"]["mode"] == [2, 2]
