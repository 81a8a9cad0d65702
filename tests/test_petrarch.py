"""The PETRARCH/Phoenix dictionary importer.

The formats are checked on small fictional dictionaries written here; the real
Phoenix dictionaries are read from ../shared/eval when present (never copied).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from claimgraph.extract.actors import actors
from claimgraph.extract.dictionary import DictionaryError, load_dictionary
from claimgraph.extract.petrarch import load_petrarch, parse_code
from claimgraph.inputs import document_from_text
from claimgraph.nlp import parse
from claimgraph.options import Options

PHOENIX = Path(__file__).resolve().parents[2] / "shared/eval/petrarch/dictionaries"

# A fictional country file in the Phoenix format: a country block with
# spellings and a city, a head of state with dated codes and a default, an
# organization, and codes on the name's own line.
ACTORS = """\
# comment line
VALDORIA_  [PAK]
+VALDORRIA_
+KARACHI_
+VALDORIAN_

ARDEN_MOSSVALE_  # CountryInfo.txt
+PRESIDENT_MOSSVALE
\t[PAKELI 650101-991013]
\t[PAKGOV 991014-081231]
\t[PAKGOVMIL 20090101-20091231]
\t[PAKELI]
BRINA_KOLLAR_  [USAGOV >250120] [USAELI]
NORTHERN_LIBERATION_FRONT_(NLF)_ [IGOUNO] # an organization
TALVEN_ORIS_ [PAKGOV 9008223-911221] [PAKOPP]
"""

AGENTS = """\
!PERSON! = MAN, WOMAN
!MINIST! = MINISTER, MINISTERS
CATTLE!PERSON! [~AGR]
RIOT_POLICE {} [~COP]
!MINIST! OF_FISHERIES [~GOVAGR]
HARBOUR_PILOT [~BUS]
"""


@pytest.fixture()
def actor_file(tmp_path):
    path = tmp_path / "Fictional.actors.txt"
    path.write_text(ACTORS, encoding="utf-8")
    return path


@pytest.fixture()
def agent_file(tmp_path):
    path = tmp_path / "Fictional.agents.txt"
    path.write_text(AGENTS, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("PAK", ("PAK", None)),
        ("PAKGOVMIL", ("PAK", "GOV")),
        ("USAELI", ("USA", "ELI")),
        ("IGOUNOKID", (None, "IGO")),
        ("NGO", (None, "NGO")),
        ("MNCUSA", (None, "BUS")),
        ("KSVREB", ("XKX", "REB")),  # CAMEO's Kosovo code → ISO
        ("USRARM", (None, None)),  # the USSR has no ISO code today
        ("~GOV", (None, "GOV")),  # an agent code
        ("---", (None, None)),
    ],
)
def test_parse_code(code, expected):
    assert parse_code(code) == expected


def test_actor_file(actor_file):
    entries = load_petrarch(actor_file)
    by_name: dict[str, list] = {}
    for e in entries:
        by_name.setdefault(e.name, []).append(e)
    assert by_name["Arden Mossvale"][0].type == "person"
    ranges = [(e.sector, e.start, e.end) for e in by_name["Arden Mossvale"]]
    assert ranges == [
        ("ELI", "1965-01-01", "1999-10-14"),  # YY > 30 is 19YY; the end day is included
        ("GOV", "1999-10-14", "2009-01-01"),  # YY <= 30 is 20YY
        ("GOV", "2009-01-01", "2010-01-01"),  # eight-digit dates
        ("ELI", None, None),  # the default
    ]
    assert "President Mossvale" in by_name["Arden Mossvale"][0].aliases
    front = by_name["Northern Liberation Front"][0]
    assert (front.type, front.country, front.sector, front.aliases) == (
        "organization",
        None,
        "IGO",
        ("NLF",),
    )
    # A malformed date (seven digits) drops the bound, not the code.
    assert [(e.sector, e.start) for e in by_name["Talven Oris"]] == [("GOV", None), ("OPP", None)]
    assert not any(e.ruler for e in entries)


def test_country_block_keeps_spellings_not_cities(actor_file):
    d = load_dictionary((str(actor_file),))
    assert d.lookup("Valdorria").country == "PAK"
    # Karachi is a city to claimgraph, not Pakistan; the built-in meaning stays.
    karachi = d.lookup("Karachi")
    assert karachi is None or karachi.type == "place"


@pytest.mark.parametrize(
    ("date", "sector"),
    [("1980-06-01", "ELI"), ("2005-06-01", "GOV"), ("2009-06-01", "GOV"), ("2015-06-01", "ELI")],
)
def test_dated_lookup(actor_file, date, sector):
    entry = load_dictionary((str(actor_file),)).lookup("Arden Mossvale", date)
    assert (entry.country, entry.sector) == ("PAK", sector)


def test_agent_file(agent_file):
    d = load_dictionary((str(agent_file),))
    assert d.agent("cattleman").sector == "AGR"
    assert d.agent("cattlewoman").sector == "AGR"
    assert d.agent("riot police").sector == "COP"
    assert d.agent("ministers of fisheries").sector == "GOV"
    assert d.lookup("riot police") is None  # agents are not actors by themselves


def test_empty_file_is_an_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("# nothing here\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="no PETRARCH"):
        load_dictionary((str(path),))


@pytest.fixture(scope="module")
def coded(tmp_path_factory):
    """text, published → actors, with the fictional dictionaries as user files."""
    folder = tmp_path_factory.mktemp("petrarch")
    (folder / "a.actors.txt").write_text(ACTORS, encoding="utf-8")
    (folder / "a.agents.txt").write_text(AGENTS, encoding="utf-8")
    options = Options(dictionaries=(str(folder / "a.actors.txt"), str(folder / "a.agents.txt")))

    def run(text: str, published: str | None):
        parsed = parse(document_from_text(text, published=published), options)
        return parsed, actors(parsed, load_dictionary(options.dictionaries))

    return run


# (text, published, name, (type, sector, country)): the head of state is coded
# by the article's date; the agent file names a sector for "harbour pilots".
CODED = [
    ("Arden Mossvale met reporters in the capital.", "2005-03-01", "Arden Mossvale",
     ("person", "GOV", "PAK")),
    ("Arden Mossvale met reporters in the capital.", "2016-03-01", "Arden Mossvale",
     ("person", "ELI", "PAK")),
    ("Brina Kollar met reporters in the capital.", "2025-03-01", "Brina Kollar",
     ("person", "GOV", "USA")),
    ("Brina Kollar met reporters in the capital.", "2019-03-01", "Brina Kollar",
     ("person", "ELI", "USA")),
    ("Pakistani harbour pilots refused to work on Monday.", "2025-03-01",
     "Pakistani harbour pilots", ("group", "BUS", "PAK")),
]  # fmt: skip


@pytest.mark.parametrize(("text", "published", "name", "expected"), CODED)
def test_actors_coded_by_article_date(coded, text, published, name, expected):
    parsed, found = coded(text, published)
    hits = [a for a in found if a.name == name]
    assert hits, [a.name for a in found]
    assert (hits[0].type, hits[0].sector, hits[0].country) == expected


@pytest.mark.shared
def test_phoenix_dictionaries_import():
    if not PHOENIX.is_dir():
        pytest.skip(f"Phoenix dictionaries not present at {PHOENIX} (they live in ../shared)")
    files = [
        PHOENIX / "Phoenix.Countries.actors.txt",
        PHOENIX / "Phoenix.International.actors.txt",
        PHOENIX / "Phoenix.MilNonState.actors.txt",
        PHOENIX / "Phoenix.agents.txt",
    ]
    started = time.perf_counter()
    d = load_dictionary(tuple(str(f) for f in files))
    # Measured 2.7 s on the 2-core development machine; 30 s leaves room for CI.
    assert time.perf_counter() - started < 30
    assert len(d) > 30_000
    assert d.lookup("Boko Haram").country == "NGA"
    assert d.agent("riot police").sector == "COP"
    head = d.lookup("Pervez Musharraf", "2005-01-01")
    assert (head.country, head.sector) == ("PAK", "GOV")
    assert d.lookup("Pervez Musharraf", "2012-01-01").sector == "ELI"
    assert d.lookup("Islamabad").sector == "GOV"  # the built-in capital is not overridden
