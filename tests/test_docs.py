"""Docs that cannot drift: every store column and every output key is documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.output import json_schema
from claimgraph.store.schema import metadata

SCHEMA_DOC = (Path(__file__).resolve().parents[1] / "docs" / "schema.md").read_text("utf-8")


@pytest.mark.parametrize("table", sorted(metadata.tables.values(), key=lambda t: t.name))
def test_store_table_and_columns_documented(table):
    assert f"``{table.name}``" in SCHEMA_DOC
    for column in table.columns:
        assert f"``{column.name}``" in SCHEMA_DOC, f"{table.name}.{column.name} undocumented"


def _keys(node) -> set[str]:
    keys = set()
    if isinstance(node, dict):
        keys |= set(node.get("properties", {}))
        for value in node.values():
            keys |= _keys(value)
    elif isinstance(node, list):
        for value in node:
            keys |= _keys(value)
    return keys


@pytest.mark.parametrize("key", sorted(_keys(json_schema())))
def test_output_key_documented(key):
    assert f"`{key}`" in SCHEMA_DOC or f'"{key}"' in SCHEMA_DOC
