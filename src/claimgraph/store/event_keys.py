"""Blocking keys of a linked event: what two events must share to match at all.

:func:`~claimgraph.resolve.event_match.match_score` gives a score only when
two overlapping events of one type have

1. **an actor in common** (``actor_agreement`` True): two persons with equal
   :func:`~claimgraph.resolve.names.name_key` (``same_person`` is checked on
   top), or any other pair whose names have equal, non-empty
   :func:`~claimgraph.resolve.event_match.content_words`; or
2. **the same place** (``place_agreement`` True): both have a point, the
   coarser precision of the two has a radius (``RADIUS_KM``: country, region
   and unknown precisions have none), and the points lie within it, so within
   ``max(RADIUS_KM)`` km.

So a stored event writes :func:`stored_keys` (one row each in ``event_keys``,
schema version 6) and a new event looks up :func:`search_keys`; every pair
that can score shares a key (``tests/test_store_v6.py`` checks it against
``match_score`` on generated pairs), and a candidate that shares none is never
read. Keys are necessary, not sufficient: ``match_score`` still decides.

Actor keys are typed so that two persons meet only through their name key
(the rule for a pair of persons) and not also through their words:

============  =====================  =========================================
actor         stored keys            search keys
============  =====================  =========================================
person        ``p:`` name key,       ``p:`` name key,
              ``wp:`` words          ``w:`` words (meets a non-person's words)
other         ``w:`` words           ``w:`` words,
                                     ``wp:`` words (meets a person's words)
============  =====================  =========================================

Place keys are cells of a :data:`CELL_DEGREES` grid: a stored event writes its
point's cell, a new event looks up every cell its radius can reach.

The keys are computed with today's ``name_key`` and ``content_words``; a
change to either that alters their values needs a migration that rebuilds
``event_keys`` (as migration 6 builds it, :mod:`claimgraph.store.migrations`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from ..resolve.event_match import RADIUS_KM, EventActor, EventProfile, content_words
from ..resolve.names import name_key

# Grid cell size in degrees. Larger than the widest match radius
# (RADIUS_KM["admin1"] = 400 km ≈ 3.6° of latitude), so away from the poles a
# search reaches at most 3 × 3 to 3 × 5 cells; smaller cells would read fewer
# far-away candidates but need more lookups per event.
CELL_DEGREES = 4.0
_LAT_CELLS = int(180 / CELL_DEGREES)
_LON_CELLS = int(360 / CELL_DEGREES)
# Earth radius of event_match._km, so the search box is the one its distance needs.
_EARTH_KM = 6371.0
# Search slack beyond the widest radius: floating-point rounding in the
# haversine and in the box arithmetic must never drop a pair at the boundary
# (1 km is orders of magnitude above that rounding, and costs nothing).
_SLACK_KM = 1.0
SEARCH_KM = max(RADIUS_KM.values()) + _SLACK_KM


def _words_key(name: str) -> str | None:
    words = content_words(name)
    return " ".join(sorted(words)) if words else None


def _actor_keys(actors: Iterable[EventActor], search: bool) -> set[str]:
    out: set[str] = set()
    for actor in actors:
        words = _words_key(actor.name)
        if actor.type == "person":
            out.add("p:" + name_key(actor.name))
            if words:
                out.add(("w:" if search else "wp:") + words)
        elif words:
            out.add("w:" + words)
            if search:
                out.add("wp:" + words)
    return out


def _has_radius(profile: EventProfile) -> bool:
    """Whether the place can ever agree with another: a point, and a precision
    that ``place_agreement`` gives a radius (the coarser of two precisions is
    at least this one, so no radius here means none for any pair)."""
    return (
        profile.lat is not None and profile.lon is not None and profile.place_precision in RADIUS_KM
    )


def _cell(lat_index: int, lon_index: int) -> str:
    return f"g:{lat_index}:{lon_index % _LON_CELLS}"


def _lat_index(lat: float) -> int:
    return min(_LAT_CELLS - 1, max(0, math.floor((lat + 90.0) / CELL_DEGREES)))


def _place_cell(lat: float, lon: float) -> str:
    return _cell(_lat_index(lat), math.floor((lon + 180.0) / CELL_DEGREES))


def _cells_within(lat: float, lon: float, km: float) -> set[str]:
    """Every cell holding a point within ``km`` (great-circle) of (lat, lon):
    the bounding box of the spherical cap (latitude ± the angle; longitude ±
    asin(sin angle / cos lat), or all longitudes when the cap holds a pole)."""
    angle = km / _EARTH_KM
    dlat = math.degrees(angle)
    lows, highs = _lat_index(lat - dlat), _lat_index(lat + dlat)
    if abs(lat) + dlat >= 90.0:
        lon_indexes: Iterable[int] = range(_LON_CELLS)
    else:
        dlon = math.degrees(math.asin(min(1.0, math.sin(angle) / math.cos(math.radians(lat)))))
        first = math.floor((lon - dlon + 180.0) / CELL_DEGREES)
        last = math.floor((lon + dlon + 180.0) / CELL_DEGREES)
        lon_indexes = range(first, min(last, first + _LON_CELLS - 1) + 1)
    return {_cell(i, j) for i in range(lows, highs + 1) for j in lon_indexes}


def stored_keys(profile: EventProfile) -> list[str]:
    """The keys a linked event is found by (sorted, for stable inserts)."""
    keys = _actor_keys(profile.actors, search=False)
    if _has_radius(profile):
        assert profile.lat is not None and profile.lon is not None
        keys.add(_place_cell(profile.lat, profile.lon))
    return sorted(keys)


def search_keys(profile: EventProfile) -> frozenset[str]:
    """The keys of every stored event ``profile`` can match (see the module doc)."""
    keys = _actor_keys(profile.actors, search=True)
    if _has_radius(profile):
        assert profile.lat is not None and profile.lon is not None
        keys |= _cells_within(profile.lat, profile.lon, SEARCH_KM)
    return frozenset(keys)
