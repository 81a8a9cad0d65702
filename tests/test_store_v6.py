"""Store schema version 6 (issue 7): ``event_keys``, the actor keys and place
cell of each linked event, so that linking a new event reads only the stored
events it could match. The keys must never hide a pair ``match_score`` would
score (checked on generated pairs), and a version-5 store must migrate and
link exactly as a fresh one. Store tests run on SQLite and PostgreSQL
(``store_url``)."""

from __future__ import annotations

import math
import random
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import create_engine, select, text

from claimgraph.records import Analysis
from claimgraph.resolve.event_match import RADIUS_KM, EventActor, EventProfile, match_score
from claimgraph.store import SCHEMA_VERSION, Store, event_linking, schema
from claimgraph.store.engines import setup_engine
from claimgraph.store.event_keys import CELL_DEGREES, SEARCH_KM, search_keys, stored_keys
from test_corroboration import UNION, VALMORA, Spec, article  # noqa: E402
from test_store_v4 import answers  # noqa: E402

# -- the keys are necessary for a match: generated pairs ------------------------------

# Fictional actors, with the spellings and kinds that meet under different rules:
# one person three ways (name key), an organization and a person sharing words.
PEOPLE = ["Ilse Varga", "I. Varga", "Ilse Vargas", "Tomas Brenn", "Varga"]
OTHERS = [
    ("Valmora Stevedores Guild", "organization"),
    ("the Valmora Stevedores Guild", "organization"),
    ("Varga", "organization"),
    ("Valmora", "state"),
    ("Harbour Police", "group"),
    ("the", "group"),  # no content words: never an actor match
]
PRECISIONS = ["point", "city", "admin2", "admin1", "country", "region", "", None]
# Places where a grid's edges matter: the antimeridian, near both poles, the
# equator and a cell corner, and an ordinary mid-latitude city.
CENTRES = [(41.2, 2.1), (10.0, 179.9), (-30.0, -179.8), (88.9, 45.0), (-89.5, 0.0), (0.0, 0.0)]


def _point(rng: random.Random, centre: tuple[float, float]) -> tuple[float, float]:
    """A point up to ~1.3 × the widest radius from ``centre``."""
    km = rng.uniform(0, 1.3 * max(RADIUS_KM.values()))
    bearing = rng.uniform(0, 2 * math.pi)
    lat0, lon0 = map(math.radians, centre)
    d = km / 6371.0
    lat = math.asin(math.sin(lat0) * math.cos(d) + math.cos(lat0) * math.sin(d) * math.cos(bearing))
    lon = lon0 + math.atan2(
        math.sin(bearing) * math.sin(d) * math.cos(lat0),
        math.cos(d) - math.sin(lat0) * math.sin(lat),
    )
    return math.degrees(lat), (math.degrees(lon) + 540.0) % 360.0 - 180.0


def _random_profile(rng: random.Random, centre: tuple[float, float], n: int) -> EventProfile:
    actors = []
    for _ in range(rng.choice([0, 1, 1, 2])):
        if rng.random() < 0.5:
            actors.append(EventActor(rng.choice(PEOPLE), "person", None))
        else:
            name, kind = rng.choice(OTHERS)
            actors.append(EventActor(name, kind, rng.choice([None, "XVL"])))
    lat = lon = None
    if rng.random() < 0.8:
        lat, lon = _point(rng, centre)
    return EventProfile(
        document_id=f"d{n}",
        claim_id=f"c{n}",
        family_id=f"f{n}",
        type="PROTEST",
        realis="actual",
        day_min=date(2026, 5, 4),
        day_max=date(2026, 5, 4),
        actors=tuple(actors),
        lat=lat,
        lon=lon,
        place_precision=rng.choice(PRECISIONS),
        country=rng.choice([None, None, "XVL", "XBR"]),
        words=frozenset(rng.sample(["strike", "harbour", "grain", "guard", "march"], 3)),
    )


def test_every_pair_that_can_match_shares_a_key():
    rng = random.Random(20261126)
    routes = {"actor": 0, "place": 0}
    for n in range(30_000):
        centre = rng.choice(CENTRES)
        a, b = _random_profile(rng, centre, 2 * n), _random_profile(rng, centre, 2 * n + 1)
        for new, old in ((a, b), (b, a)):
            score = match_score(new, old)
            if score is None:
                continue
            routes["actor" if score >= 2.0 else "place"] += 1
            assert not search_keys(new).isdisjoint(stored_keys(old)), (new, old)
    # both rules exercised, the place rule near poles and across the antimeridian too
    assert routes["actor"] > 1000 and routes["place"] > 1000, routes


def test_place_cells_reach_across_the_antimeridian_and_stop_beyond_the_radius():
    base = EventProfile("d", "c", "f", "PROTEST", "actual", date(2026, 5, 4), date(2026, 5, 4))
    east = replace(base, lat=10.0, lon=179.9, place_precision="city")
    west = replace(base, lat=10.0, lon=-179.9, place_precision="city")  # 22 km away
    assert not search_keys(east).isdisjoint(stored_keys(west))
    assert match_score(east, west) is None  # same place but no shared words: keys only block
    far = replace(base, lat=10.0, lon=179.9 - 3 * CELL_DEGREES, place_precision="city")
    assert search_keys(east).isdisjoint(stored_keys(far))  # ≈ 1,300 km: never read
    assert max(RADIUS_KM.values()) < SEARCH_KM
    # a country-precision place can never agree, so it is neither stored nor searched
    vague = replace(east, place_precision="country")
    assert stored_keys(vague) == [] and search_keys(vague) == frozenset()


def test_persons_meet_by_name_key_and_others_by_words():
    base = EventProfile("d", "c", "f", "PROTEST", "actual", date(2026, 5, 4), date(2026, 5, 4))
    person = replace(base, actors=(EventActor("Ilse Varga", "person", None),))
    spelled = replace(base, actors=(EventActor("I. Varga", "person", None),))
    # one document typed her a group: a person and a non-person meet by their words
    group = replace(base, actors=(EventActor("Ilse Varga", "group", None),))
    assert not search_keys(person).isdisjoint(stored_keys(spelled))
    assert not search_keys(group).isdisjoint(stored_keys(person))
    assert not search_keys(person).isdisjoint(stored_keys(group))
    other = replace(base, actors=(EventActor("Tomas Brenn", "person", None),))
    assert search_keys(person).isdisjoint(stored_keys(other))


# -- the store: migration, order, deletion ----------------------------------------------


@pytest.fixture
def store(store_url: str):
    with Store(store_url) as s:
        yield s


SENTENCES = [
    "Stevedores walked off the job at the harbour, halting grain loading.",
    "Dockers marched from the harbour gates to the port office over unpaid bonuses.",
    "Guards cleared a picket of stevedores outside the grain berths.",
]
ACTORS = [None, UNION, ("Ilse Varga", "person", None), ("I. Varga", "person", None)]
PLACES = [
    None,
    VALMORA,
    ("Valmora Docks", 41.25, 2.15, "XVL", "point"),
    ("Bresk", 44.9, 9.7, "XBR", "city"),
]


def corpus(n: int = 24) -> list[Analysis]:
    """Fictional reports of a strike over a week from several outlets: shared
    and unshared actors and places, two events in some articles, denials."""
    rng = random.Random(6)
    out = []
    for i in range(n):
        day = date(2026, 5, 4) + timedelta(days=rng.randrange(7))
        specs = []
        for j in range(rng.choice([1, 2])):
            specs.append(
                Spec(
                    f"{rng.choice(SENTENCES)[:-1]} (report {i}.{j}).",
                    event="PROTEST",
                    realis=rng.choice(["actual", "actual", "negated"]),
                    date=day.isoformat(),
                    precision="day",
                    actor=rng.choice(ACTORS),
                    place=rng.choice(PLACES),
                )
            )
        out.append(article(f"Outlet {i % 5}", day.isoformat(), specs))
    return out


def _rows(url: str) -> dict[str, list[tuple]]:
    """The corroboration tables, sorted, without their generated ids."""
    engine = create_engine(url)
    tables = {
        "event_links": schema.event_links,
        "event_summaries": schema.event_summaries,
        "claim_links": schema.claim_links,
        "contradictions": schema.contradictions,
        "event_keys": schema.event_keys,
    }
    out = {}
    with engine.connect() as conn:
        for name, table in tables.items():
            columns = [c for c in table.c if c.name != "id"]
            out[name] = sorted(tuple(r) for r in conn.execute(select(*columns)).all())
    engine.dispose()
    return out


def _key_order(url: str) -> list[tuple[str, str, str]]:
    engine = create_engine(url)
    k = schema.event_keys
    with engine.connect() as conn:
        rows = conn.execute(select(k.c.document_id, k.c.claim_id, k.c.key).order_by(k.c.id)).all()
    engine.dispose()
    return [tuple(r) for r in rows]


def test_version_5_store_migrates_and_links_the_same(store_url: str, request, tmp_path):
    """A version-5 store (no event_keys) migrates, its keys are backfilled from
    what is stored, and linking more documents gives what a fresh store gives."""
    analyses = corpus()
    fresh_url = f"sqlite:///{tmp_path / 'fresh.db'}"
    if store_url.startswith("postgresql"):
        fresh_url = request.getfixturevalue("pg_store_url")
    with Store(fresh_url) as fresh:
        fresh.add_many(analyses)
        expected = answers(fresh)
    expected_rows = _rows(fresh_url)
    assert expected_rows["event_keys"] and expected_rows["contradictions"]
    # some events joined others: the keys found them
    assert sum(score is not None for *_, score, _ in expected_rows["event_links"]) >= 10

    with Store(store_url) as store:
        store.add_many(analyses[:-6])
    engine = create_engine(store_url)
    setup_engine(engine)
    with engine.begin() as conn:  # back to version 5: the table did not exist
        conn.execute(text("DROP TABLE event_keys"))
        conn.execute(text("UPDATE schema_version SET version = 5"))
    engine.dispose()
    with Store(store_url) as migrated:
        assert migrated.version == SCHEMA_VERSION == 6
        migrated.add_many(analyses[-6:])  # linked through backfilled keys
        got = answers(migrated)
    assert _rows(store_url) == expected_rows
    if not store_url.startswith("postgresql"):
        # backfilled in the order the links were inserted, then the new ones
        assert _key_order(store_url) == _key_order(fresh_url)
    for key in expected:
        if key != "search":  # ranks differ between two databases
            assert got[key] == expected[key], key


def test_only_candidates_sharing_a_key_are_read(store: Store):
    sentence = "Stevedores walked off the job at the Valmora harbour, halting grain loading."
    varga = ("Ilse Varga", "person", None)
    brenn = ("Tomas Brenn", "person", None)
    same = article(
        "Kestrel Post",
        "2026-05-04",
        [Spec(sentence, event="PROTEST", date="2026-05-04", precision="day", actor=varga)],
    )
    other = article(
        "Northreach Herald",
        "2026-05-04",
        [
            Spec(
                sentence + " Again.",
                event="PROTEST",
                date="2026-05-04",
                precision="day",
                actor=brenn,
            )
        ],
    )
    store.add(same)
    store.add(other)
    new = EventProfile(
        "d",
        "c",
        "f",
        "PROTEST",
        "actual",
        date(2026, 5, 4),
        date(2026, 5, 4),
        actors=(EventActor("I. Varga", "person", None),),
    )
    window = event_linking._window_of(new)
    with store.engine.connect() as conn:
        read = event_linking._Candidates(conn, {window: search_keys(new)})
    # Tomas Brenn's report overlaps and has the type, but cannot match: not read
    assert {document for document, _ in read.rows} == {same.document.id}


def test_deleting_a_document_deletes_its_keys(store: Store):
    analyses = corpus(6)
    store.add_many(analyses)
    k = schema.event_keys
    with store.engine.connect() as conn:
        before = set(conn.scalars(select(k.c.document_id)))
    gone = next(a.document.id for a in analyses if a.document.id in before)
    store.delete(gone)
    with store.engine.connect() as conn:
        after = set(conn.scalars(select(k.c.document_id)))
    assert after == before - {gone}
