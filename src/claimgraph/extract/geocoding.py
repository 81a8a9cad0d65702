"""Toponym resolution: which gazetteer entry a document's name means.

Pure functions over candidate lists; :mod:`claimgraph.extract.places` finds the
names and calls :func:`resolve`. One sense per discourse first: every mention
of a name pools the candidates and containers of all its mentions, so the
document's "Charleston" is the one its "CHARLESTON, W.Va." dateline names.
The rules, in order of strength:

1. an explicit container wins: "Paris, Texas" keeps only places in Texas;
2. a subdivision named like a city inside it ("Tehran" province / Tehran)
   gives way to the city, which is what news means; an area without any
   coordinate gives way to a candidate that has one;
3. a country's own name is the strongest evidence for it: a first-level
   subdivision beats it when a town of that subdivision is named or its
   country has more support than the rival country ("Georgia" in a story
   about Atlanta); a town beats it only on local evidence (a county holding
   it or a state support) in a document that points to no other country
   ("Palestine" next to "Anderson County" and "Texas"). Likewise a
   first-level subdivision of a country in context beats the counties and
   towns named after it ("Texas" is not Texas County, Missouri);
4. nesting with a county: a town inside a county another name could be,
   and that county ("Paris and Henry County": Tennessee's);
5. a city of at least ``_PROMINENT_POPULATION`` in a country in context (or
   in a document with no context at all) beats same-named towns there
   ("Atlanta" is not Atlanta, Indiana);
6. nesting with a state: a town inside a state another name could be
   ("Albany" next to "Georgia"), and that state;
7. support from the document's other names (never a name's own mentions):
   each mention of another name votes for the country of its candidates when
   they all agree, and, after a first pass, confident picks (a state, a place
   with an explicit container, a name whose candidates all lie in one state,
   a prominent city) vote for their first-level subdivision and point. A
   candidate's support is its country's votes plus its subdivision's: US
   local news names "Athens" meaning the Athens of its own state (Lieberman
   et al. 2010 call this the local lexicon);
8. proximity: the candidate nearest to the other names' confident picks, up
   to ``_NEAR_KM``, in steps of ``_STEP_KM``; then coherence: the candidate
   with the most other names that could lie within about a degree of it,
   each name spreading one vote over its possible cells (a coarse form of
   Leidner's "spatial minimality");
9. then countries before first-level subdivisions before cities before
   second-level subdivisions; then population.

Rule order 4-6 was compared on LGL and GeoWebNews (acc@161 km): county
nesting before prominence and state nesting after it, 0.832 / 0.787; both
before, 0.834 / 0.785; both after, 0.831 / 0.787. The split keeps the
general-news set's score while a county named in a local story still
overrides a big namesake city.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..records import PlacePrecision
from .gazetteer import Entry

_KIND_RANK = {"country": 4, "admin1": 3, "city": 2, "admin2": 1, "region": 0}
# Proximity counts up to this distance; beyond it every candidate is "far"
# and kind and population decide. 1,000 km spans a US state and its
# neighbours (Texas is 1,250 km across), the scale of a local news story.
# Set from that reasoning, not tuned.
_NEAR_KM = 1000.0
# A city this populous is what its bare name means within its own country
# (Atlanta has 463,000 in GeoNames; the towns named after it a few
# thousand). 300,000 was set after reading LGL tuning-half errors (even
# positions) and not swept: it keeps Richmond, Virginia (220,000) from
# overruling the local Richmond of a Kentucky story.
_PROMINENT_POPULATION = 300_000
# Proximity is compared in steps of 100 km: closer than that, two readings are
# equally near (the scale of a county), and coherence with the other names'
# possible readings decides.
_STEP_KM = 100.0
_EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the document's other names say: votes and confident points."""

    countries: Counter[str] = field(default_factory=Counter)
    states: Counter[str] = field(default_factory=Counter)
    points: tuple[tuple[float, float], ...] = ()
    # 1-degree cells holding a candidate of another name, with how many names
    cells: Counter[tuple[int, int]] = field(default_factory=Counter)  # float votes
    # Subdivisions (keys) another name could be: counties and states, with
    # how many names; and the subdivisions holding a town another name could be.
    counties: Counter[str] = field(default_factory=Counter)
    provinces: Counter[str] = field(default_factory=Counter)
    members: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True, slots=True)
class Name:
    """One toponym mention to resolve."""

    key: str  # normalized surface: mentions of the same name never vote for themselves
    candidates: tuple[Entry, ...]
    containers: tuple[Entry, ...] = ()


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def choose(
    candidates: Sequence[Entry], containers: Sequence[Entry] = (), evidence: Evidence | None = None
) -> Entry | None:
    """The candidate the document most likely means (rules in the module docstring)."""
    if not candidates:
        return None
    evidence = evidence or Evidence()
    city_subs = {s for c in candidates if c.precision == "city" for s in c.within}
    pool = [c for c in candidates if c.key not in city_subs] or list(candidates)
    located = [c for c in pool if c.lat is not None or c.precision == "region"]
    pool = located or pool

    def inside(entry: Entry) -> bool:
        return any(
            (box.precision == "country" and entry.country == box.country)
            or (box.precision == "admin1" and entry.admin1 and entry.admin1 == box.admin1)
            for box in containers
        )

    context = evidence.countries
    # The subdivision reading needs more than its country's support against a
    # same-named country: a state-level signal (a town of that state named)
    # or more support for its country than the other country has.
    rival = max((context[c.country] for c in pool if c.precision == "country"), default=0)
    admin1_in_context = any(
        c.precision == "admin1"
        and context[c.country]
        and (evidence.states[c.admin1] or context[c.country] > rival)
        for c in pool
    )

    def near(entry: Entry) -> float:
        if entry.lat is None or entry.lon is None or not evidence.points:
            return -_NEAR_KM
        d = min(distance_km(entry.lat, entry.lon, lat, lon) for lat, lon in evidence.points)
        # in steps of _STEP_KM, so that near ties leave room for coherence
        return -math.ceil(min(d, _NEAR_KM) / _STEP_KM)

    def coherent(entry: Entry) -> float:
        if entry.lat is None or entry.lon is None or entry.precision not in {"city", "admin2"}:
            return 0
        y, x = math.floor(entry.lat), math.floor(entry.lon)
        votes = sum(evidence.cells[(y + dy, x + dx)] for dy in (-1, 0, 1) for dx in (-1, 0, 1))
        return round(votes, 6)  # float residues of removing the name's own votes

    def linked(entry: Entry, level: PlacePrecision) -> int:
        # "Paris and Henry County": Paris, Tennessee lies in Henry County,
        # Tennessee; no other pair of their readings nests. ``level`` is the
        # kind of area: "admin2" (a county) or "admin1" (a state).
        if entry.precision == "city":
            areas = evidence.counties if level == "admin2" else evidence.provinces
            return sum(areas[k] for k in entry.within)
        return evidence.members[entry.key] if entry.precision == level else 0

    # A town beats a same-named country only on local evidence and when
    # nothing else in the document points to that country: "Palestine" in
    # a story naming Anderson County, Texas, or Lebanon, Indiana next to
    # Zionsville, Indiana.
    town_in_context = not rival and any(
        c.precision == "city"
        and (linked(c, "admin2") or (c.admin1 and evidence.states[c.admin1]))
        and set(context) <= {c.country}
        for c in pool
    )

    def protected(entry: Entry) -> bool:
        if entry.precision == "country":
            return not admin1_in_context and not town_in_context
        # A state's own name beats the counties and towns named after it
        # ("Texas" is not Texas County, Missouri) in a country in context.
        return entry.precision == "admin1" and bool(context[entry.country])

    def prominent(entry: Entry) -> bool:
        # A big city keeps its name against the towns of its own country
        # named after it ("Atlanta" is not Atlanta, Indiana, even in a story
        # about Indiana); another country's big city gets no such favour.
        return (
            entry.precision == "city"
            and entry.population >= _PROMINENT_POPULATION
            and (context[entry.country] > 0 or not (context or evidence.states))
        )

    def score(entry: Entry) -> tuple[bool, bool, int, bool, int, int, float, float, int, int]:
        support = context[entry.country] + (evidence.states[entry.admin1] if entry.admin1 else 0)
        return (
            inside(entry), protected(entry), linked(entry, "admin2"), prominent(entry),
            linked(entry, "admin1"), support,
            near(entry), coherent(entry), _KIND_RANK[entry.precision], entry.population,
        )  # fmt: skip

    return max(pool, key=score)


def _without(counter: Counter[str], minus: Counter[str]) -> Counter[str]:
    out = counter.copy()
    out.subtract(minus)
    return +out


def resolve(names: Sequence[Name]) -> list[Entry | None]:
    """Resolve every name of one document, in two passes (see the module docstring)."""
    names = _one_sense_per_discourse(names)
    # Pass 0: countries of names whose candidates all agree, per name.
    own_countries: dict[str, Counter[str]] = {}
    for name in names:
        countries = {c.country for c in name.candidates}
        votes = own_countries.setdefault(name.key, Counter())
        if len(countries) == 1 and None not in countries:
            votes[next(iter(countries))] += 1  # type: ignore[index]
    all_countries = sum(own_countries.values(), Counter())

    first = [
        choose(n.candidates, n.containers, Evidence(_without(all_countries, own_countries[n.key])))
        for n in names
    ]

    # Confident picks vote for their country, state and point.
    own_states: dict[str, Counter[str]] = {n.key: Counter() for n in names}
    own_points: dict[str, list[tuple[float, float]]] = {n.key: [] for n in names}
    for name, entry in zip(names, first, strict=True):
        if entry is None:
            continue
        confident = (
            entry.precision == "admin1"
            or bool(name.containers)
            or (len({c.admin1 for c in name.candidates}) == 1 and entry.admin1 is not None)
            or (entry.precision == "city" and entry.population >= _PROMINENT_POPULATION)
        )
        if not confident:
            continue
        if entry.admin1:
            own_states[name.key][entry.admin1] += 1
        if entry.precision in {"city", "admin2"} and entry.lat is not None:
            own_points[name.key].append((entry.lat, entry.lon))  # type: ignore[arg-type]
    all_states = sum(own_states.values(), Counter())

    # Coherence: the cells where each name could be. A reading of "Dublin"
    # next to a reading of "Columbus" is likelier than one alone.
    own_cells: dict[str, set[tuple[int, int]]] = {n.key: set() for n in names}
    for name in names:
        for c in name.candidates:
            if c.lat is not None and c.lon is not None and c.precision in {"city", "admin2"}:
                own_cells[name.key].add((math.floor(c.lat), math.floor(c.lon)))
    all_cells: Counter[tuple[int, int]] = Counter()
    weighted_cells: dict[str, Counter[tuple[int, int]]] = {}
    for key, cells in own_cells.items():
        # each name spreads one vote over its possible cells: "Ravenel" (two
        # places) says more about where the story is than "Florence" (fifty)
        weighted_cells[key] = Counter({cell: 1.0 / len(cells) for cell in cells})
        all_cells.update(weighted_cells[key])

    # Nesting: the counties and states each name could be, and the
    # subdivisions holding its towns.
    own_counties: dict[str, Counter[str]] = {n.key: Counter() for n in names}
    own_provinces: dict[str, Counter[str]] = {n.key: Counter() for n in names}
    own_members: dict[str, Counter[str]] = {n.key: Counter() for n in names}
    for name in names:
        for c in name.candidates:
            if c.precision == "admin2":
                own_counties[name.key][c.key] = 1
            elif c.precision == "admin1":
                own_provinces[name.key][c.key] = 1
            elif c.precision == "city":
                for k in c.within:
                    own_members[name.key][k] = 1  # one vote per name
    all_counties = sum(own_counties.values(), Counter())
    all_provinces = sum(own_provinces.values(), Counter())
    all_members = sum(own_members.values(), Counter())

    out = []
    for name in names:
        evidence = Evidence(
            _without(all_countries, own_countries[name.key]),
            _without(all_states, own_states[name.key]),
            tuple(p for key, pts in own_points.items() if key != name.key for p in pts),
            _without(all_cells, weighted_cells[name.key]),
            _without(all_counties, own_counties[name.key]),
            _without(all_provinces, own_provinces[name.key]),
            _without(all_members, own_members[name.key]),
        )
        out.append(choose(name.candidates, name.containers, evidence))
    return out


def _one_sense_per_discourse(names: Sequence[Name]) -> list[Name]:
    """Every mention of a name gets all the name's candidates and containers.

    A document means one place by one name (Gale et al. 1992's one sense per
    discourse): "CHARLESTON, W.Va." in the dateline says which Charleston the
    bare "Charleston" of the body is, and a mention the small model tagged ORG
    (fewer candidates) must not pick another Gainesville than the GPE one.
    """
    candidates: dict[str, dict[str, Entry]] = {}
    containers: dict[str, dict[str, Entry]] = {}
    for name in names:
        candidates.setdefault(name.key, {}).update((c.key, c) for c in name.candidates)
        containers.setdefault(name.key, {}).update((c.key, c) for c in name.containers)
    return [
        Name(n.key, tuple(candidates[n.key].values()), tuple(containers[n.key].values()))
        for n in names
    ]
