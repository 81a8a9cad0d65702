"""Recording a contradiction between two claims, once per pair in either order."""

from __future__ import annotations

from sqlalchemy import Connection, and_, bindparam, func, insert, or_, select

from ..resolve.event_match import EventProfile
from ..resolve.statements import StatementProfile
from . import schema as s

# At most this many contradictions recorded per claim: enough to show a
# dispute, not a full cross product of two camps' copies.
MAX_CONTRADICTIONS_PER_CLAIM = 5

_t = s.contradictions
_EXISTS = (
    select(func.count())
    .select_from(_t)
    .where(
        or_(
            and_(
                _t.c.document_id == bindparam("a_doc"),
                _t.c.claim_id == bindparam("a_claim"),
                _t.c.other_document_id == bindparam("b_doc"),
                _t.c.other_claim_id == bindparam("b_claim"),
            ),
            and_(
                _t.c.document_id == bindparam("b_doc"),
                _t.c.claim_id == bindparam("b_claim"),
                _t.c.other_document_id == bindparam("a_doc"),
                _t.c.other_claim_id == bindparam("a_claim"),
            ),
        )
    )
)
_INSERT = insert(_t)


def record(
    conn: Connection,
    kind: str,
    detail: str,
    a: EventProfile | StatementProfile,
    b: EventProfile | StatementProfile,
    cluster_id: str | None,
) -> None:
    """Store that ``a`` (the new claim) contradicts ``b``, unless the pair is stored."""
    params = {
        "a_doc": a.document_id,
        "a_claim": a.claim_id,
        "b_doc": b.document_id,
        "b_claim": b.claim_id,
    }
    if conn.scalar(_EXISTS, params):
        return
    conn.execute(
        _INSERT,
        {
            "kind": kind,
            "detail": detail,
            "document_id": a.document_id,
            "claim_id": a.claim_id,
            "other_document_id": b.document_id,
            "other_claim_id": b.claim_id,
            "cluster_id": cluster_id,
        },
    )
