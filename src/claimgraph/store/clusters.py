"""Reading corroboration: event clusters with independent-source counts, contradictions.

Counts come from ``event_links`` and ``document_families``
(:mod:`claimgraph.store.corroboration` writes them). The events list reads
them from ``event_summaries``, one row per cluster that
:func:`add_to_summaries` updates by what a document adds to the clusters it
joins and :func:`refresh_summaries` recomputes from the links when a document
is deleted (``Store.delete``), so a page is a walk of an index instead of an
aggregate over every link; one cluster's detail aggregates its own links
directly.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Connection,
    Text,
    and_,
    bindparam,
    case,
    distinct,
    func,
    or_,
    select,
    tuple_,
)

from ..errors import StoreError
from . import query as q
from . import schema as s
from .rows import (
    ClaimRow,
    ClusterReport,
    Contradiction,
    EventCluster,
    EventClusterDetail,
    StatementCluster,
)

el, df, d, e, t = s.event_links, s.document_families, s.documents, s.events, s.contradictions

# Most precise first: the date a cluster shows is its most precise report's.
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}


def _claim_rows(
    conn: Connection, keys: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], ClaimRow]:
    if not keys:
        return {}
    c = s.claims
    rows = conn.execute(
        # Two plain INs (indexed), not a row-value IN (a full scan in SQLite).
        q.base_select().where(
            c.c.document_id.in_(sorted({k[0] for k in keys})),
            c.c.id.in_(sorted({k[1] for k in keys})),
        )
    ).all()
    wanted = set(keys)
    rows = [r for r in rows if (r.document_id, r.id) in wanted]
    return {(r.document_id, r.claim_id): r for r in q.assemble(conn, rows)}


def _aggregate() -> Any:
    actual = case((e.c.realis == "actual", df.c.family_id))
    negated = case((e.c.realis == "negated", df.c.family_id))
    return (
        select(
            el.c.cluster_id,
            func.min(el.c.type).label("type"),
            func.count().label("reports"),
            func.count(distinct(el.c.document_id)).label("documents"),
            func.count(distinct(actual)).label("sources"),
            func.count(distinct(negated)).label("denials"),
            func.min(d.c.published).label("first_published"),
        )
        .select_from(
            el.join(e, and_(e.c.document_id == el.c.document_id, e.c.claim_id == el.c.claim_id))
            .join(df, df.c.document_id == el.c.document_id)
            .join(d, d.c.id == el.c.document_id)
        )
        .group_by(el.c.cluster_id)
    )


def _clusters(conn: Connection, aggregates: Sequence[Any]) -> list[EventCluster]:
    ids = [a.cluster_id for a in aggregates]
    if not ids:
        return []
    members = conn.execute(
        select(
            el.c.cluster_id,
            el.c.document_id,
            el.c.claim_id,
            d.c.published,
            e.c.date_value,
            e.c.date_precision,
            e.c.realis,
        )
        .select_from(
            el.join(d, d.c.id == el.c.document_id).join(
                e, and_(e.c.document_id == el.c.document_id, e.c.claim_id == el.c.claim_id)
            )
        )
        .where(el.c.cluster_id.in_(ids))
    ).all()
    by_cluster: dict[str, list[Any]] = defaultdict(list)
    for m in members:
        by_cluster[m.cluster_id].append(m)
    # The first report: earliest published, actual before negated.
    first = {
        cid: min(ms, key=lambda m: (m.published or "9999", m.realis != "actual", m.document_id))
        for cid, ms in by_cluster.items()
    }
    claims = _claim_rows(conn, [(m.document_id, m.claim_id) for m in first.values()])
    counts = dict(
        conn.execute(
            select(t.c.cluster_id, func.count())
            .where(t.c.cluster_id.in_(ids))
            .group_by(t.c.cluster_id)
        ).all()
    )
    out = []
    for a in aggregates:
        ms = by_cluster[a.cluster_id]
        dated = [m for m in ms if m.realis == "actual" and m.date_value] or [
            m for m in ms if m.date_value
        ]
        best = min(
            dated,
            # ids break ties, so both engines pick the same report whatever the row order
            key=lambda m: (
                _PRECISION_RANK.get(m.date_precision, 4),
                m.published or "",
                m.document_id,
                m.claim_id,
            ),
            default=None,
        )
        head = claims[(first[a.cluster_id].document_id, first[a.cluster_id].claim_id)]
        place = next(
            (r.event.place for r in [head] if r.event and r.event.place),
            None,
        )
        out.append(
            EventCluster(
                id=a.cluster_id,
                type=a.type,
                reports=a.reports,
                documents=a.documents,
                sources=a.sources,
                denials=a.denials,
                first_published=a.first_published,
                first_outlet=head.outlet,
                date=best.date_value if best else None,
                place=place,
                contradictions=counts.get(a.cluster_id, 0),
                evidence=head,
            )
        )
    return out


def refresh_summaries(conn: Connection, cluster_ids: Iterable[str] | None) -> None:
    """Recompute the ``event_summaries`` rows of ``cluster_ids`` (None: all) from
    their links; a cluster left without links loses its row."""
    if cluster_ids is None:
        conn.execute(s.event_summaries.delete())
        conn.execute(_summaries_from(_aggregate()))
        return
    ids = sorted(set(cluster_ids))
    if not ids:
        return
    delete, insert = _refresh_some()
    conn.execute(delete, {"ids": ids})
    conn.execute(insert, {"ids": ids})


@dataclass(frozen=True, slots=True)
class Joined:
    """What one newly linked document's events add to one event cluster."""

    reports: int  # its links in the cluster
    actual: bool  # one of them reported as actual
    negated: bool  # one of them reported as negated


def add_to_summaries(
    conn: Connection,
    document_id: str,
    family_id: str,
    published: str | None,
    joined: dict[str, Joined],
) -> None:
    """Update the ``event_summaries`` rows of the clusters a newly linked
    document joined by what it adds, giving what :func:`refresh_summaries`
    would compute from the links without reading them all: a cluster's
    aggregate read every link of it, and on the generated corpus clusters grow
    with the store (1,096 links at 5,000 articles; 2.3 → 9.0 ms an article
    from 1,000 to 5,000). A cluster without a row (founded now, or its row
    deleted by hand) is computed from its links.

    The document's links are new, so it adds one document and its reports; its
    family adds a source (a denial) unless another document of the family
    already reports the event as actual (negated) in that cluster; the earliest
    publication date is compared in SQL, in the database's own collation, as
    ``min`` compares it there.
    """
    if not joined:
        return
    ids = sorted(joined)
    seen: dict[str, set[str]] = defaultdict(set)  # cluster -> realis of the family's others
    for row in conn.execute(_FAMILY_REALIS, {"family": family_id, "doc": document_id, "ids": ids}):
        seen[row.cluster_id].add(row.realis)
    update = _ADD_DATED if published is not None else _ADD
    missing = []
    for cluster_id in ids:
        add = joined[cluster_id]
        params = {
            "id": cluster_id,
            "reports": add.reports,
            "sources": int(add.actual and "actual" not in seen[cluster_id]),
            "denials": int(add.negated and "negated" not in seen[cluster_id]),
            "published": published,
        }
        if conn.execute(update, params).rowcount == 0:
            missing.append(cluster_id)
    refresh_summaries(conn, missing)


# The realis of the links other documents of one family have in some clusters.
_FAMILY_REALIS = (
    select(el.c.cluster_id, e.c.realis)
    .select_from(
        df.join(el, el.c.document_id == df.c.document_id).join(
            e, and_(e.c.document_id == el.c.document_id, e.c.claim_id == el.c.claim_id)
        )
    )
    .where(
        df.c.family_id == bindparam("family"),
        df.c.document_id != bindparam("doc"),
        el.c.cluster_id.in_(bindparam("ids", expanding=True)),
    )
)
_es = s.event_summaries
_ADD = (
    _es.update()
    .where(_es.c.cluster_id == bindparam("id"))
    .values(
        reports=_es.c.reports + bindparam("reports"),
        documents=_es.c.documents + 1,
        sources=_es.c.sources + bindparam("sources"),
        denials=_es.c.denials + bindparam("denials"),
    )
)
_earliest = case(
    (
        or_(
            _es.c.first_published.is_(None),
            _es.c.first_published > bindparam("published", type_=Text),
        ),
        bindparam("published", type_=Text),
    ),
    else_=_es.c.first_published,
)
_ADD_DATED = _ADD.values(first_published=_earliest, sort_day=_earliest)


def _summaries_from(aggregate: Any) -> Any:
    es = s.event_summaries
    rows = aggregate.subquery()
    return es.insert().from_select(
        [c.name for c in es.columns],
        select(
            rows.c.cluster_id,
            rows.c.type,
            rows.c.reports,
            rows.c.documents,
            rows.c.sources,
            rows.c.denials,
            rows.c.first_published,
            func.coalesce(rows.c.first_published, ""),
        ),
    )


@functools.cache
def _refresh_some() -> tuple[Any, Any]:
    """The delete and insert of :func:`refresh_summaries` for a list of
    clusters, built once: it runs in every ``Store.add``, and building the
    aggregate per call was most of its CPU (profile, issue 7)."""
    es = s.event_summaries
    ids = bindparam("ids", expanding=True)
    delete = es.delete().where(es.c.cluster_id.in_(ids))
    return delete, _summaries_from(_aggregate().where(el.c.cluster_id.in_(ids)))


def clusters_of(conn: Connection, document_id: str) -> list[str]:
    """The event clusters a document has reports in."""
    return list(
        conn.scalars(select(el.c.cluster_id).where(el.c.document_id == document_id).distinct())
    )


def event_clusters(
    conn: Connection,
    min_sources: int = 1,
    event_type: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[EventCluster]:
    """Event clusters reported by at least ``min_sources`` independent sources,
    most sources first, then earliest first report (undated first)."""
    es = s.event_summaries
    statement = select(es).where(es.c.sources >= min_sources)
    if event_type:
        statement = statement.where(es.c.type == event_type.strip().upper())
    aggregates = conn.execute(
        statement.order_by(es.c.sources.desc(), es.c.sort_day, es.c.cluster_id)
        .limit(limit)
        .offset(offset)
    ).all()
    return _clusters(conn, aggregates)


def resolve_cluster(conn: Connection, cluster_id: str) -> str:
    """The full id of the one cluster ``cluster_id`` is a prefix of (any case)."""
    # ids are lowercase; lowering the prefix makes PostgreSQL's case-sensitive
    # LIKE answer as SQLite's case-insensitive one
    like = cluster_id.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    found = list(
        conn.scalars(
            select(el.c.cluster_id)
            .where(el.c.cluster_id.like(like, escape="\\"))
            .distinct()
            .limit(2)
        )
    )
    if not found:
        raise StoreError(f"no event cluster {cluster_id!r} in this store")
    if len(found) > 1:
        raise StoreError(f"event cluster id {cluster_id!r} is ambiguous: give more characters")
    return found[0]


def event_cluster(conn: Connection, cluster_id: str) -> EventClusterDetail:
    """One cluster with every report side by side and its contradictions."""
    full = resolve_cluster(conn, cluster_id)
    (cluster,) = _clusters(conn, conn.execute(_aggregate().where(el.c.cluster_id == full)).all())
    members = conn.execute(
        select(el.c.document_id, el.c.claim_id, df.c.family_id)
        .select_from(el.join(df, df.c.document_id == el.c.document_id))
        .where(el.c.cluster_id == full)
    ).all()
    originals = _originals(conn, {m.family_id for m in members})
    claims = _claim_rows(conn, [(m.document_id, m.claim_id) for m in members])
    reports = sorted(
        (
            ClusterReport(
                claim=claims[(m.document_id, m.claim_id)],
                family_id=m.family_id,
                original=originals.get(m.family_id) == m.document_id,
            )
            for m in members
        ),
        key=lambda r: (r.claim.published or "9999", r.claim.outlet or "", r.claim.claim_id),
    )
    keys = [(m.document_id, m.claim_id) for m in members]
    return EventClusterDetail(
        cluster=cluster,
        reports=tuple(reports),
        contradictions=tuple(_contradictions(conn, involving=keys)),
    )


def _originals(conn: Connection, families: set[str]) -> dict[str, str]:
    """Each family's original: the member with the smallest sort key."""
    out: dict[str, tuple[str, str]] = {}
    for row in conn.execute(
        select(df.c.family_id, df.c.sort_key, df.c.document_id).where(
            df.c.family_id.in_(sorted(families))
        )
    ):
        key = (row.sort_key, row.document_id)
        if row.family_id not in out or key < out[row.family_id]:
            out[row.family_id] = key
    return {f: k[1] for f, k in out.items()}


def _contradictions(
    conn: Connection,
    involving: Sequence[tuple[str, str]] | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[Contradiction]:
    statement = select(t).order_by(t.c.id).limit(limit).offset(offset)
    if involving is not None:
        if not involving:
            return []
        keys = sorted(set(involving))
        statement = statement.where(
            or_(
                tuple_(t.c.document_id, t.c.claim_id).in_(keys),
                tuple_(t.c.other_document_id, t.c.other_claim_id).in_(keys),
            )
        )
    rows = conn.execute(statement).all()
    claims = _claim_rows(
        conn,
        [(r.document_id, r.claim_id) for r in rows]
        + [(r.other_document_id, r.other_claim_id) for r in rows],
    )
    out = []
    for r in rows:
        a = claims[(r.document_id, r.claim_id)]
        b = claims[(r.other_document_id, r.other_claim_id)]
        if (a.published or "9999") < (b.published or "9999"):
            a, b = b, a  # stored in arrival order; shown later-published first
        out.append(Contradiction(r.id, r.kind, r.detail, a, b, r.cluster_id))
    return out


def contradictions(conn: Connection, limit: int = 100, offset: int = 0) -> list[Contradiction]:
    """Every recorded contradiction, oldest first."""
    return _contradictions(conn, None, limit, offset)


def statement_clusters(
    conn: Connection, min_sources: int = 2, limit: int = 100, offset: int = 0
) -> list[StatementCluster]:
    """Statements made in several documents, most independent sources first."""
    cl = s.claim_links
    sources = func.count(distinct(df.c.family_id))
    aggregates = conn.execute(
        select(cl.c.statement_id, sources.label("sources"))
        .select_from(cl.join(df, df.c.document_id == cl.c.document_id))
        .group_by(cl.c.statement_id)
        .having(sources >= max(min_sources, 1), func.count() >= 2)
        .order_by(sources.desc(), cl.c.statement_id)
        .limit(limit)
        .offset(offset)
    ).all()
    ids = [a.statement_id for a in aggregates]
    members = conn.execute(
        select(cl.c.statement_id, cl.c.document_id, cl.c.claim_id).where(cl.c.statement_id.in_(ids))
    ).all()
    claims = _claim_rows(conn, [(m.document_id, m.claim_id) for m in members])
    by_statement: dict[str, list[ClaimRow]] = defaultdict(list)
    for m in members:
        by_statement[m.statement_id].append(claims[(m.document_id, m.claim_id)])
    return [
        StatementCluster(
            id=a.statement_id,
            sources=a.sources,
            reports=tuple(
                sorted(
                    by_statement[a.statement_id],
                    key=lambda r: (r.published or "9999", r.outlet or "", r.claim_id),
                )
            ),
        )
        for a in aggregates
    ]
