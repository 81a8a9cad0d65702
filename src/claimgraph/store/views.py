"""Read-only SQL views and engine-specific indexes of migration 4.

The views make the database itself an export (issue 8): a store opens in
``sqlite3``, DB Browser or ``psql`` and answers plain ``SELECT``s without
knowing how claims, attributions, events and clusters join. They are
documented with every table in ``docs/schema.md``. The same definitions serve
SQLite and PostgreSQL except how a claim's attribution chain is joined into
one string (``group_concat`` over an ordered subquery vs ``string_agg ...
ORDER BY``).
"""

from __future__ import annotations

from sqlalchemy import Connection

# A claim's chain as "A > B", outermost source first: each link's actor name
# when resolved, else the source as written, else "?" (as ClaimRow.chain_text).
_LINK = "coalesce(sa.name, at.source_text, '?')"
_LINK_FROM = (
    "FROM attributions at LEFT JOIN actors sa"
    " ON sa.document_id = at.document_id AND sa.id = at.source_actor"
    " WHERE at.document_id = c.document_id AND at.claim_id = c.id"
)
_CHAIN = {
    # SQLite (3.40) has no ORDER BY inside group_concat; it concatenates in
    # the order of an ordered subquery.
    "sqlite": f"(SELECT group_concat(link, ' > ') FROM (SELECT {_LINK} AS link {_LINK_FROM}"
    " ORDER BY at.position))",
    "postgresql": f"(SELECT string_agg({_LINK}, ' > ' ORDER BY at.position) {_LINK_FROM})",
}


def _claims_view(chain: str) -> str:
    return f"""
CREATE VIEW claims_view AS
SELECT c.document_id, c.id AS claim_id, c.position, d.published, d.outlet, d.title, d.url,
       c.text, c.certainty, c.factuality, {chain} AS source_chain,
       e.type AS event_type, e.mode AS event_mode, e.cameo AS event_cameo,
       src.name AS event_source, tgt.name AS event_target,
       p.name AS event_place, p.country AS event_country,
       e.date_value AS event_date, e.realis AS event_realis,
       e.confidence AS event_confidence, el.cluster_id
FROM claims c
JOIN documents d ON d.id = c.document_id
LEFT JOIN events e ON e.document_id = c.document_id AND e.claim_id = c.id
LEFT JOIN actors src ON src.document_id = e.document_id AND src.id = e.source_actor
LEFT JOIN actors tgt ON tgt.document_id = e.document_id AND tgt.id = e.target_actor
LEFT JOIN places p ON p.document_id = e.document_id AND p.id = e.place_id
LEFT JOIN event_links el ON el.document_id = e.document_id AND el.claim_id = e.claim_id
"""


_EVENT_REPORTS = """
CREATE VIEW event_reports AS
SELECT el.cluster_id, el.type AS event_type, es.sources AS cluster_sources,
       el.document_id, el.claim_id, d.outlet, d.published, d.title,
       f.family_id, e.realis, c.certainty, e.date_value AS event_date, c.text
FROM event_links el
JOIN event_summaries es ON es.cluster_id = el.cluster_id
JOIN events e ON e.document_id = el.document_id AND e.claim_id = el.claim_id
JOIN claims c ON c.document_id = el.document_id AND c.id = el.claim_id
JOIN documents d ON d.id = el.document_id
LEFT JOIN document_families f ON f.document_id = el.document_id
"""

_ACTOR_INTERACTIONS = """
CREATE VIEW actor_interactions AS
SELECT src.name AS source_actor, tgt.name AS target_actor, e.type AS event_type,
       count(*) AS events, count(DISTINCT e.document_id) AS documents
FROM events e
JOIN actors src ON src.document_id = e.document_id AND src.id = e.source_actor
JOIN actors tgt ON tgt.document_id = e.document_id AND tgt.id = e.target_actor
GROUP BY src.name, tgt.name, e.type
"""

VIEWS = ("claims_view", "event_reports", "actor_interactions")

# Indexes the shared table definitions cannot express on both engines.
_INDEXES = {
    # Claims lists are newest first, then document id: one index in that
    # order lets the documents drive the join and a page stop early. SQLite
    # has no NULLS LAST in CREATE INDEX; its DESC already puts NULL last.
    "sqlite": (
        "CREATE INDEX IF NOT EXISTS ix_documents_published_id ON documents (published DESC, id)",
        # lower() as the actor filter compares attribution sources as written
        "CREATE INDEX IF NOT EXISTS ix_attributions_source_lower"
        " ON attributions (lower(source_text))",
    ),
    "postgresql": (
        "CREATE INDEX IF NOT EXISTS ix_documents_published_id"
        " ON documents (published DESC NULLS LAST, id)",
        "CREATE INDEX IF NOT EXISTS ix_attributions_source_lower"
        " ON attributions (lower(source_text))",
    ),
}
# Claims of a document in text order: the second half of the claims lists' walk.
_COMMON_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_claims_document_position ON claims (document_id, position)",
)


def install(conn: Connection) -> None:
    """Create migration 4's indexes and views (an engine other than SQLite or
    PostgreSQL gets the portable index only)."""
    name = conn.dialect.name
    for ddl in (*_COMMON_INDEXES, *_INDEXES.get(name, ())):
        conn.exec_driver_sql(ddl)
    if name not in _CHAIN:
        return
    for ddl in (_claims_view(_CHAIN[name]), _EVENT_REPORTS, _ACTOR_INTERACTIONS):
        conn.exec_driver_sql(ddl)


def analyze(conn: Connection) -> None:
    """Refresh the planner's statistics (SQLite ``ANALYZE``, PostgreSQL ``ANALYZE``).

    Without them SQLite guesses every filter equally selective and sorts all
    matching claims instead of walking an index (docs/performance.md).
    """
    name = conn.dialect.name
    if name in ("sqlite", "postgresql"):
        # A full ANALYZE: 0.2 s CPU on the 10,000-article bench store. A
        # sampled one (PRAGMA analysis_limit = 1000) read the certainty index
        # as ~1000 claims per value where one value covered all 40,000, and
        # SQLite then sorted every claim again (141 ms CPU per request).
        conn.exec_driver_sql("ANALYZE")
