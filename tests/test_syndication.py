from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from claimgraph.inputs import document_from_text, read
from claimgraph.records import Document
from claimgraph.resolve.syndication import (
    Family,
    SyndicationIndex,
    families,
    original_key,
    shingles,
    wire_credit,
)

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "examples" / "corpus"

PARAGRAPHS = [
    "KARACHI, March 3 (Meridian Wire Service) - Dockworkers at the port of Karachi began an "
    "indefinite strike on Tuesday, halting loading at most container berths in a dispute over "
    "unpaid overtime and a new shift system, union leaders said.",
    "The Karachi Dock Labour Alliance, which says it represents about 4,000 workers, called "
    "the stoppage after talks with the port administration broke down last week.",
    '"We have waited eight months for the overtime we are owed. The workers will not go back '
    "until it is paid,\" said Nasreen Akhtarzai, the alliance's general secretary.",
    "Port Commissioner Yusuf Qadiri said the administration was ready to resume talks and that "
    "essential cargo, including medicine and food, would continue to be handled by contract staff.",
    "According to shipping agents, at least 14 vessels were waiting at anchorage by Tuesday "
    "afternoon, and two container ships had reportedly been diverted to Port Qasim.",
    "The alliance has threatened to extend the strike to the neighbouring fish harbour if its "
    "demands are not met by Friday.",
]
INDEPENDENT = [
    "KARACHI — Thousands of dockworkers walked off the job at Karachi's port on Tuesday "
    "morning, and at least 12 people were injured when police tried to clear a picket line "
    "at the West Wharf gate, witnesses said.",
    "Police did not arrest anyone, a police spokesman said, adding that officers had been "
    "pelted with stones before they used batons to push the crowd back from the gate.",
    "Exporters of textiles and rice may face delays of up to a week, according to the Coastal "
    "Exporters' Forum, a trade group, which called for the government to intervene at once.",
    "Union organisers said the walkout would continue until the overtime owed since last "
    "summer was paid in full and the rotating shift system was withdrawn by the port.",
]


def doc(
    paragraphs: list[str], title: str = "Dockworkers strike at Karachi port", **meta
) -> Document:
    return document_from_text("\n\n".join([title, *paragraphs]), **meta)


ORIGINAL = doc(PARAGRAPHS, outlet="Meridian Wire Service", published="2026-03-03")

VARIANTS = {
    "headline": doc(PARAGRAPHS, title="Karachi port grinds to a halt"),
    "byline and furniture": doc(
        [
            "By Daniyal Hosseini (Meridian Wire Service)",
            *PARAGRAPHS[:3],
            "Also read: Ferry operators announce spring timetable",
            *PARAGRAPHS[3:],
            "Share this article",
        ]
    ),
    "agency inputs": doc([*PARAGRAPHS, "With agency inputs", "Comments are closed."]),
    "trimmed last paragraph": doc(PARAGRAPHS[:-1]),
    "trimmed two paragraphs": doc(PARAGRAPHS[:-2]),
    "reordered": doc([PARAGRAPHS[0], *reversed(PARAGRAPHS[1:])]),
    "unrecognized boilerplate": doc(
        [
            *PARAGRAPHS[:2],
            "Our reporters are on the ground and will update this story.",
            *PARAGRAPHS[2:],
        ]
    ),
    "word edits": doc(
        [
            PARAGRAPHS[0].replace("said", "say"),
            PARAGRAPHS[1].replace("about 4,000", "around 4,000"),
            *PARAGRAPHS[2:5],
            PARAGRAPHS[5].replace("neighbouring", "neighboring"),
        ]
    ),
    "shortened dateline": doc(["KARACHI: " + PARAGRAPHS[0].split(" - ", 1)[1], *PARAGRAPHS[1:]]),
    "trailing credit": doc([*PARAGRAPHS[:-1], PARAGRAPHS[-1] + " — AFP"]),
}


def family_map(found: list[Family]) -> dict[str, str]:
    return {member: f.id for f in found for member in f.members}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_variant_joins_the_original(name):
    index = SyndicationIndex()
    first = index.add(ORIGINAL)
    second = index.add(VARIANTS[name])
    assert second.id == first.id
    assert second.members == (ORIGINAL.id, VARIANTS[name].id)


def test_independent_report_of_the_same_event_stays_apart():
    independent = doc(INDEPENDENT, title="Police and pickets clash", published="2026-03-03")
    found = families([ORIGINAL, independent])
    assert len(found) == 2


def test_report_quoting_one_wire_paragraph_stays_apart():
    quoting = doc([*INDEPENDENT[:2], PARAGRAPHS[2], *INDEPENDENT[2:]], title="Clashes at the port")
    assert len(families([ORIGINAL, quoting])) == 2


def test_incremental_add_keeps_families_and_moves_the_original():
    index = SyndicationIndex()
    late_copy = doc(PARAGRAPHS[:-1], outlet="Valley Courier", published="2026-03-04")
    other = doc(INDEPENDENT, title="Police and pickets clash", published="2026-03-03")
    a = index.add(late_copy)
    b = index.add(other)
    assert a.original == late_copy.id and b.id != a.id
    c = index.add(ORIGINAL)  # published a day earlier than the copy that founded the family
    assert c.id == a.id
    assert c.original == ORIGINAL.id
    assert c.members == (ORIGINAL.id, late_copy.id)
    assert index.add(ORIGINAL) == c  # adding twice changes nothing
    assert len(index) == 3 and len(index.families()) == 2


def test_families_do_not_depend_on_order():
    docs = [ORIGINAL, *VARIANTS.values(), doc(INDEPENDENT, title="Police clash")]
    assert families(docs) == families(list(reversed(docs)))


def test_original_tie_broken_by_wire_credit():
    # Same day: the outlet crediting the wire is the copy, the wire the original.
    copy = doc(
        ["By Daniyal Hosseini (Meridian Wire Service)", *PARAGRAPHS],
        outlet="Coastline Daily",
        published="2026-03-03",
    )
    assert original_key(ORIGINAL) < original_key(copy)
    (family,) = families([copy, ORIGINAL])
    assert family.original == ORIGINAL.id


def test_agency_crediting_itself_is_not_a_copy():
    ap = document_from_text(
        "Senate votes\n\nWASHINGTON (AP) — The Senate voted on Tuesday.",
        outlet="The Associated Press",
        published="2026-03-03",
    )
    assert wire_credit(ap) == "AP"
    assert original_key(ap)[1] is False


def test_empty_body_is_its_own_family():
    empty = document_from_text("Headline only\n\nShare this article")
    assert len(shingles(empty)) == 0
    index = SyndicationIndex()
    index.add(ORIGINAL)
    assert index.add(empty).members == (empty.id,)


@pytest.mark.parametrize(
    ("lines", "author", "expected"),
    [
        (["KARACHI, March 3 (Meridian Wire Service) - Workers struck on Tuesday."], None,
         "Meridian Wire Service"),
        (["WASHINGTON (AP) — The Senate voted on Tuesday."], None, "AP"),
        (["LONDON (Reuters) - Prices rose on Tuesday."], None, "Reuters"),
        (["By Jane Doe (Reuters)", "Prices rose on Tuesday in most markets."], None, "Reuters"),
        (["By The Associated Press", "The Senate voted on Tuesday."], None, "AP"),
        (["Prices rose on Tuesday.", "With agency inputs"], None, "agency"),
        (["Prices rose on Tuesday.", "(With inputs from PTI)"], None, "PTI"),
        (["Prices rose.", "This story has been published from a wire agency feed."], None,
         "agency"),
        (["Prices rose on Tuesday in most markets, traders said. — AFP"], None, "AFP"),
        (["Prices rose on Tuesday."], "Meridian Wire Service", "Meridian Wire Service"),
        (["By Jane Doe (Staff Reporter)", "Prices rose on Tuesday."], None, None),
        (["By Jane Doe", "Prices rose on Tuesday."], "Jane Doe", None),
        (["KARACHI — Workers struck on Tuesday."], None, None),
        (["Shoppers moved to a new grocery delivery-app."], None, None),
        (["The plan was drafted with inputs from residents and the council."], None, None),
    ],
)  # fmt: skip
def test_wire_credit(lines, author, expected):
    document = document_from_text("\n\n".join(["A headline", *lines]), author=author)
    assert wire_credit(document) == expected


@pytest.fixture(scope="module")
def corpus() -> dict[str, Document]:
    return {
        Path(d.source).stem: d for d in read([str(CORPUS)]) if isinstance(d, Document) and d.source
    }


def test_corpus_meridian_family(corpus):
    found = families(corpus.values())
    by_doc = family_map(found)
    names = {d.id: stem for stem, d in corpus.items()}
    meridian = next(f for f in found if corpus["meridian-port-strike"].id in f.members)
    assert {names[m] for m in meridian.members} == {
        "meridian-port-strike",
        "coastline-port-strike-wire",
        "valley-courier-port-strike-wire",
    }
    assert meridian.original == corpus["meridian-port-strike"].id
    for independent in ("harbor-ledger-port-strike", "northgate-port-strike"):
        family = by_doc[corpus[independent].id]
        assert family != meridian.id
        assert len(next(f for f in found if f.id == family).members) == 1
    assert (
        by_doc[corpus["harbor-ledger-port-strike"].id] != by_doc[corpus["northgate-port-strike"].id]
    )
    assert len(found) == len(corpus) - 2


def test_corpus_wire_credits(corpus):
    assert wire_credit(corpus["meridian-port-strike"]) == "Meridian Wire Service"
    assert wire_credit(corpus["coastline-port-strike-wire"]) == "Meridian Wire Service"
    assert wire_credit(corpus["valley-courier-port-strike-wire"]) == "Meridian Wire Service"
    assert wire_credit(corpus["harbor-ledger-port-strike"]) is None
    assert wire_credit(corpus["northgate-port-strike"]) is None


def _bench():
    path = REPO / "bench" / "bench_syndication.py"
    spec = importlib.util.spec_from_file_location("bench_syndication", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_benchmark_meets_targets():
    bench = _bench()
    result = bench.score(bench.generate(variants=3, seed=7))
    assert result["precision"] >= 0.98
    assert result["recall"] >= 0.95
    assert result["found_families"] == result["gold_families"]
