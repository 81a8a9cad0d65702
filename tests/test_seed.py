"""Acceptance checks on the seed article (read from ../shared; skipped when absent)."""

from __future__ import annotations

import jsonschema

from claimgraph.output import envelope, json_schema


def _actor(analysis, surface: str):
    for actor in analysis.actors:
        for s, e in actor.mentions:
            if analysis.document.text[s:e] == surface:
                return actor
    return None


def _claim(analysis, start: str):
    for claim in analysis.claims:
        sentence = analysis.document.text[claim.sentence_span[0] : claim.sentence_span[1]]
        if sentence.startswith(start):
            return claim
    raise AssertionError(f"no claim in a sentence starting {start!r}")


def test_seed_validates_against_schema(seed_analysis):
    jsonschema.validate(envelope([seed_analysis]), json_schema())


def test_furniture_yields_no_claim(seed_analysis):
    for claim in seed_analysis.claims:
        assert "Also read" not in claim.text
        assert "Comments are closed" not in claim.text


def test_report_is_the_source_of_according_to_this_report(seed_analysis):
    claim = _claim(seed_analysis, "According to this report, Pakistan is now becoming")
    assert claim.attribution, "the claim must carry an attribution"
    link = claim.attribution[0]
    names = {a.id: a for a in seed_analysis.actors}
    source = names.get(link.source_actor)
    assert "report" in (link.source_text or "").lower() or (
        source is not None and source.type == "document"
    )


def test_name_variants_are_one_actor(seed_analysis):
    qaddomi = _actor(seed_analysis, "Khaled Qaddomi")
    assert qaddomi is not None and qaddomi is _actor(seed_analysis, "Qaddumi")
    zaheer = _actor(seed_analysis, "Naji Zaheer")
    assert zaheer is not None and zaheer is _actor(seed_analysis, "Zaheer")
