"""Full-text search on PostgreSQL: the FTS5 query language over a tsvector index.

The index is a GIN expression index on ``to_tsvector('simple', text)`` of
``claims`` (``ix_claims_text_search``), made by migration 2; a query uses the
same expression, so the planner finds it, and search still works (scanning)
on a database that lacks it. The ``simple`` configuration lowercases and does
not stem, as FTS5's ``unicode61`` tokenizer (without ``remove_diacritics``:
accents count on PostgreSQL).

A query is the same text a user gives on SQLite: :func:`fts.fts_query` quotes
plain words, then :func:`to_tsquery_text` translates the FTS5 expression
(phrases, ``*`` prefixes, ``AND``/``OR``/``NOT``, parentheses, ``NEAR``, the
``text:`` column filter) into ``to_tsquery`` syntax, and refuses what FTS5
refuses (unbalanced quotes or parentheses, a dangling operator, another
column) with the same :class:`StoreError`. ``NEAR(a b)`` becomes ``a AND b``
and ``^`` (first token) is ignored: tsquery has neither. Ranks are
``-ts_rank`` so that, as with bm25, lower is better.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, literal_column, select
from sqlalchemy import func as f

from ..errors import StoreError
from .schema import claims

INDEX = "ix_claims_text_search"
_CONFIG = literal_column("'simple'")  # a literal, not a parameter: it must match the index

_CREATE = f"CREATE INDEX IF NOT EXISTS {INDEX} ON claims USING gin (to_tsvector('simple', text))"

# FTS5's tokens: a string, the operators, or a bareword (anything else up to
# a space, quote, parenthesis, colon, star, caret, plus or comma).
_TOKEN = re.compile(r'\s*(?:(")|([()*:^+,])|([^\s"()*:^+,]+))')
_OPERATORS = ("AND", "OR", "NOT")
_COLUMN = "text"  # the one column of claims_fts


def install(conn: Connection) -> bool:
    conn.exec_driver_sql(_CREATE)
    return True


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # string | punct | word
    value: str


def _tokens(query: str) -> list[_Token]:
    out: list[_Token] = []
    i = 0
    while i < len(query):
        m = _TOKEN.match(query, i)
        if m is None:  # only spaces remain
            break
        if m[1]:
            # a string runs to the next lone quote; "" inside is a quote
            j, chars = m.end(), []
            while True:
                k = query.find('"', j)
                if k < 0:
                    raise _syntax(query, "unterminated string")
                if query.startswith('""', k):
                    chars.append(query[j : k + 1])
                    j = k + 2
                    continue
                chars.append(query[j:k])
                i = k + 1
                break
            out.append(_Token("string", "".join(chars)))
            continue
        out.append(_Token("punct", m[2]) if m[2] else _Token("word", m[3]))
        i = m.end()
    return out


def _syntax(query: str, reason: str) -> StoreError:
    return StoreError(
        f"invalid search query: {query!r} (syntax error: {reason}); put words in double "
        "quotes to search them literally"
    )


def _lexeme(value: str, prefix: bool) -> str:
    """A quoted tsquery operand; several words in one quote become a phrase."""
    quoted = "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"
    return quoted + (":*" if prefix else "")


class _Parser:
    """FTS5 grammar, NOT binding tightest, then AND (or juxtaposition), then OR."""

    def __init__(self, query: str) -> None:
        self.query = query
        self.tokens = _tokens(query)
        self.i = 0

    def peek(self, offset: int = 0) -> _Token | None:
        j = self.i + offset
        return self.tokens[j] if j < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.peek()
        if token is None:
            raise _syntax(self.query, "unexpected end of query")
        self.i += 1
        return token

    def is_op(self, name: str) -> bool:
        token = self.peek()
        return token is not None and token.kind == "word" and token.value == name

    def parse(self) -> str:
        if not self.tokens:
            raise _syntax(self.query, "empty query")
        expression = self.or_expr()
        if self.peek() is not None:
            raise _syntax(self.query, f"near {self.peek().value!r}")  # type: ignore[union-attr]
        return expression

    def or_expr(self) -> str:
        parts = [self.and_expr()]
        while self.is_op("OR"):
            self.i += 1
            parts.append(self.and_expr())
        return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"

    def and_expr(self) -> str:
        parts = [self.not_expr()]
        while True:
            if self.is_op("AND"):
                self.i += 1
            elif not self.starts_primary():
                break
            parts.append(self.not_expr())
        return parts[0] if len(parts) == 1 else "(" + " & ".join(parts) + ")"

    def not_expr(self) -> str:
        expression = self.primary()
        while self.is_op("NOT"):
            self.i += 1
            expression = f"({expression} & !{self.primary()})"
        return expression

    def starts_primary(self) -> bool:
        token = self.peek()
        if token is None:
            return False
        if token.kind == "punct":
            return token.value in "(^"
        return token.kind == "string" or token.value not in _OPERATORS

    def primary(self) -> str:
        token = self.peek()
        nxt = self.peek(1)
        if token is not None and token.kind != "punct" and nxt is not None and nxt.value == ":":
            if nxt.kind == "punct" and token.value.lower() != _COLUMN:
                raise _syntax(self.query, f"no such column: {token.value}")
            self.i += 2  # the column filter names the only column there is
        token = self.take()
        if token.kind == "punct" and token.value == "(":
            expression = self.or_expr()
            if self.take().value != ")":
                raise _syntax(self.query, "expected )")
            return expression
        if token.kind == "word" and token.value == "NEAR" and self.is_punct("("):
            return self.near()
        if token.kind == "punct" and token.value == "^":
            token = self.take()  # tsquery cannot anchor to the first token
        if token.kind == "punct" or (token.kind == "word" and token.value in _OPERATORS):
            raise _syntax(self.query, f"near {token.value!r}")
        phrases = [self.phrase(token)]
        while self.is_punct("+"):  # "a" + "b" is one phrase
            self.i += 1
            phrases.append(self.phrase(self.take()))
        return " <-> ".join(phrases)

    def is_punct(self, value: str) -> bool:
        token = self.peek()
        return token is not None and token.kind == "punct" and token.value == value

    def phrase(self, token: _Token) -> str:
        if token.kind == "punct":
            raise _syntax(self.query, f"near {token.value!r}")
        prefix = self.is_punct("*")
        if prefix:
            self.i += 1
        return _lexeme(token.value, prefix)

    def near(self) -> str:
        self.i += 1  # (
        phrases: list[str] = []
        while not self.is_punct(")"):
            if self.is_punct(","):  # NEAR(a b, 10): the distance is ignored
                self.i += 1
                distance = self.take()
                if not distance.value.isdigit():
                    raise _syntax(self.query, "expected a number after , in NEAR")
                continue
            phrases.append(self.phrase(self.take()))
        self.i += 1  # )
        if not phrases:
            raise _syntax(self.query, "empty NEAR")
        return "(" + " & ".join(phrases) + ")"


def to_tsquery_text(expression: str) -> str:
    """``to_tsquery`` input for an FTS5 expression; :class:`StoreError` if malformed."""
    return _Parser(expression).parse()


def search(conn: Connection, expression: str, limit: int, offset: int) -> list[tuple[int, float]]:
    """``(claims.pk, -ts_rank)`` of the best matches of an FTS5 expression, best first."""
    query = f.to_tsquery(_CONFIG, to_tsquery_text(expression))
    vector = f.to_tsvector(_CONFIG, claims.c.text)
    rank = (-f.ts_rank(vector, query)).label("rank")
    statement = (
        select(claims.c.pk, rank)
        .where(vector.op("@@")(query))
        .order_by(rank, claims.c.pk)
        .limit(limit)
        .offset(offset)
    )
    return [(int(pk), float(r)) for pk, r in conn.execute(statement)]
