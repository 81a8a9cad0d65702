"""Actor queries: the actors list (substring search) and the actor page (exact lookup).

Actors are grouped across documents by (name, type, country). Names and
aliases are matched through ``actor_names`` (lower-cased on insert, indexed):
an exact name or alias is an index lookup; only the substring search of the
actors list reads every name.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import ColumnElement, Connection, func, select

from . import query as q
from . import schema as s
from .rows import ActorRow

a, m, n = s.actors, s.actor_mentions, s.actor_names


def search(conn: Connection, name: str | None, limit: int, offset: int) -> list[ActorRow]:
    """Actors whose name contains ``name`` or who have it as a whole alias
    (case-insensitive; None or blank: all), most documents first."""
    condition = None
    if name is not None and name.strip():
        pattern = "%" + q._like_escape(name.strip().lower()) + "%"
        # An alias: a small IN on actor ids first, the exact check only for
        # those (an EXISTS per actor cost 2x the whole search at 10k articles).
        by_alias = select(n.c.actor_id).where(n.c.name == name.strip().lower())
        condition = func.lower(a.c.name).like(pattern, escape="\\") | (
            a.c.id.in_(by_alias) & q._actor_matches(a, name)
        )
    return groups(conn, condition, limit, offset)


def exact(conn: Connection, name: str) -> list[ActorRow]:
    """The groups named ``name`` (case-insensitive), else those with it as an alias."""
    key = name.strip().lower()
    if not key:
        return []
    found = conn.execute(
        select(a.c.name, a.c.type, a.c.country)
        .select_from(n.join(a, (a.c.document_id == n.c.document_id) & (a.c.id == n.c.actor_id)))
        .where(n.c.name == key)
        .distinct()
    ).all()
    named = [g for g in found if g.name.strip().lower() == key] or found
    wanted = {tuple(g) for g in named}
    # every actor of those groups, not only those of the documents naming them so
    rows = groups(conn, a.c.name.in_(sorted({g.name for g in named})), None, 0)
    return [r for r in rows if (r.name, r.type, r.country) in wanted]


def groups(
    conn: Connection, condition: ColumnElement[bool] | None, limit: int | None, offset: int
) -> list[ActorRow]:
    """Actors matching ``condition`` grouped by (name, type, country), most documents first."""
    n_docs = func.count(a.c.document_id.distinct())
    n_mentions = func.count(m.c.position)
    statement = (
        select(a.c.name, a.c.type, a.c.country, func.max(a.c.sector), n_docs, n_mentions)
        .select_from(
            a.outerjoin(m, (m.c.document_id == a.c.document_id) & (m.c.actor_id == a.c.id))
        )
        .group_by(a.c.name, a.c.type, a.c.country)
        .order_by(n_docs.desc(), n_mentions.desc(), a.c.name)
        .limit(limit)
        .offset(offset)
    )
    if condition is not None:
        statement = statement.where(condition)
    found = conn.execute(statement).all()
    aliases: dict[tuple[Any, ...], set[str]] = {}
    names = sorted({g[0] for g in found})
    if names:
        for row in conn.execute(
            select(a.c.name, a.c.type, a.c.country, a.c.aliases)
            .distinct()
            .where(a.c.name.in_(names))
        ):
            aliases.setdefault(tuple(row[:3]), set()).update(json.loads(row[3] or "[]"))
    return [
        ActorRow(
            name=g[0],
            type=g[1],
            sector=g[3],
            country=g[2],
            aliases=tuple(sorted(aliases.get((g[0], g[1], g[2]), ()))),
            documents=int(g[4]),
            mentions=int(g[5]),
        )
        for g in found
    ]
