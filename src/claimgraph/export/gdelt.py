"""A GDELT-style event table: tab-separated, a header row, one row per stored event.

The columns are a subset of the GDELT 2.0 event table, in its order and with
its names, then claimgraph's own (claim, document, PLOVER type, certainty,
attribution). Values follow GDELT's conventions where we have the data and
stay blank where we do not: no default date, place or code is made up.

Differences from GDELT worth knowing: country codes are ISO 3166 alpha-3
(actors, as CAMEO actor codes also are) and ActionGeo_CountryCode is ISO
alpha-3 too (GDELT uses FIPS 10-4); ActionGeo_ADM1Code is ISO 3166-2;
ActionGeo_FeatureID is the GeoNames id. NumMentions/NumArticles/NumSources
count the event's corroboration cluster (reports, documents, syndication
families); an unclustered event counts 1/1/1. GLOBALEVENTID is derived from
the claim id, so it is the same in every export of the same store.
"""

from __future__ import annotations

from typing import Any, TextIO

from ..records import Actor
from ..store import Store
from .cameo import cameo_code, quad_class
from .common import CodedEvent, chain_text, coded_events

GDELT_COLUMNS = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1Type1Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2Type1Code",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
)
OWN_COLUMNS = (
    "ClaimId",
    "DocumentId",
    "EventClusterId",
    "PloverType",
    "PloverMode",
    "Realis",
    "Confidence",
    "Certainty",
    "Factuality",
    "AttributedTo",
    "Outlet",
    "Published",
    "EventDate",
    "DatePrecision",
)
COLUMNS = GDELT_COLUMNS + OWN_COLUMNS

# GLOBALEVENTID: the first 15 hex digits of the claim id's 16 (60 bits, so it
# fits a signed 64-bit integer column in any database); claim ids are content
# hashes, so two claims sharing 60 bits is a 2^-60 chance per pair.
_ID_DIGITS = 15


def event_id(claim_id: str) -> int:
    return int(claim_id.rsplit("_", 1)[-1][:_ID_DIGITS], 16)


def _actor(prefix: str, actor: Actor | None) -> dict[str, Any]:
    if actor is None:
        return {}
    # A CAMEO actor code is the country code followed by the role code (USAGOV).
    code = (actor.country or "") + (actor.sector or "")
    return {
        f"{prefix}Code": code or None,
        f"{prefix}Name": actor.name,
        f"{prefix}CountryCode": actor.country,
        f"{prefix}Type1Code": actor.sector,
    }


def _dates(value: str | None, precision: str) -> dict[str, Any]:
    """SQLDATE only for a day, MonthYear for a day or month, Year for any of them."""
    if not value or len(value) < 4 or not value[:4].isdigit():
        return {}
    out: dict[str, Any] = {"Year": value[:4]}
    if precision in ("day", "month") and len(value) >= 7:
        out["MonthYear"] = value[:4] + value[5:7]
    if precision == "day" and len(value) >= 10:
        out["SQLDATE"] = value[:4] + value[5:7] + value[8:10]
    return out


def _added(ingested_at: str | None) -> str | None:
    """GDELT's DATEADDED (YYYYMMDDHHMMSS) from the store's ISO 8601 ingestion time."""
    if not ingested_at:
        return None
    digits = "".join(ch for ch in ingested_at if ch.isdigit())
    return digits[:14] or None


def gdelt_row(item: CodedEvent) -> dict[str, Any]:
    """The GDELT-style row of one stored event."""
    e, claim, doc = item.event, item.claim, item.analysis.document
    code = cameo_code(e.type, e.mode, e.cameo)
    place = item.place
    cluster = item.cluster
    return {
        "GLOBALEVENTID": event_id(claim.id),
        **_dates(e.date.value, e.date.precision),
        **_actor("Actor1", item.source),
        **_actor("Actor2", item.target),
        "EventCode": code,
        "EventBaseCode": code[:3] if code else None,
        "EventRootCode": code[:2] if code else None,
        "QuadClass": quad_class(code),
        "NumMentions": cluster.reports if cluster else 1,
        "NumSources": cluster.sources if cluster else 1,
        "NumArticles": cluster.articles if cluster else 1,
        "ActionGeo_FullName": place.name if place else None,
        "ActionGeo_CountryCode": place.country if place else None,
        "ActionGeo_ADM1Code": place.admin1 if place else None,
        "ActionGeo_Lat": place.lat if place else None,
        "ActionGeo_Long": place.lon if place else None,
        "ActionGeo_FeatureID": place.geonames_id if place else None,
        "DATEADDED": _added(item.ingested_at),
        "SOURCEURL": doc.url,
        "ClaimId": claim.id,
        "DocumentId": doc.id,
        "EventClusterId": cluster.id if cluster else None,
        "PloverType": e.type,
        "PloverMode": e.mode,
        "Realis": e.realis,
        "Confidence": e.confidence,
        "Certainty": claim.certainty,
        "Factuality": claim.factuality,
        "AttributedTo": chain_text(item.analysis, claim) or None,
        "Outlet": doc.outlet,
        "Published": doc.published,
        "EventDate": e.date.value,
        "DatePrecision": e.date.precision,
    }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    # GDELT files are split on tabs and newlines without quoting: whitespace
    # inside a name becomes one space, or it would shift every later column.
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def write_gdelt(store: Store, out: TextIO) -> int:
    """Write the header and one row per stored event; returns the number of events."""
    out.write("\t".join(COLUMNS) + "\n")
    n = 0
    for item in coded_events(store):
        row = gdelt_row(item)
        out.write("\t".join(_cell(row.get(column)) for column in COLUMNS) + "\n")
        n += 1
    return n
