"""GraphML of the actor network: who acts on whom, across the store.

Nodes are actors aggregated across documents as the store's actor list groups
them (same name, type and country); edges run from an event's source actor to
its target actor, one edge per ordered pair, with the number of events
(``weight``), the count per PLOVER type, and a few claim ids to look up the
evidence. Written with the standard library (``xml.etree``); it opens in
networkx (``read_graphml``), Gephi, Cytoscape and yEd.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TextIO

from ..records import Actor
from ..store import Store

NS = "http://graphml.graphdrawing.org/xmlns"
# Claim ids kept per edge: enough to open the evidence, few enough that a
# pair with thousands of events stays a short attribute.
EXAMPLES = 5

NODE_KEYS = (
    ("name", "string"),
    ("type", "string"),
    ("sector", "string"),
    ("country", "string"),
    ("aliases", "string"),
    ("documents", "int"),
    ("mentions", "int"),
)
EDGE_KEYS = (("weight", "int"), ("types", "string"), ("documents", "int"), ("claims", "string"))

_Key = tuple[str, str, str | None]  # (name, type, country): the store's actor grouping


@dataclass(slots=True)
class _Node:
    index: int
    sectors: Counter[str] = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    documents: int = 0
    mentions: int = 0


@dataclass(slots=True)
class _Edge:
    types: Counter[str] = field(default_factory=Counter)
    documents: set[str] = field(default_factory=set)
    claims: list[str] = field(default_factory=list)


def _key(actor: Actor) -> _Key:
    return (actor.name, actor.type, actor.country)


@dataclass(slots=True)
class ActorNetwork:
    nodes: dict[_Key, _Node] = field(default_factory=dict)
    edges: dict[tuple[_Key, _Key], _Edge] = field(default_factory=dict)


def actor_network(store: Store) -> ActorNetwork:
    """Aggregate every stored document's actors and events into one network."""
    net = ActorNetwork()
    for analysis in store.analyses():
        by_id: dict[str, _Key] = {}
        for actor in analysis.actors:
            key = by_id[actor.id] = _key(actor)
            node = net.nodes.get(key)
            if node is None:
                node = net.nodes[key] = _Node(len(net.nodes))
            if actor.sector:
                node.sectors[actor.sector] += 1
            node.aliases.update(actor.aliases)
            node.documents += 1
            node.mentions += len(actor.mentions)
        for claim in analysis.claims:
            e = claim.event
            if e is None or e.source_actor not in by_id or e.target_actor not in by_id:
                continue
            pair = (by_id[e.source_actor], by_id[e.target_actor])
            # An actor acting on itself (two mentions merged into one actor)
            # says nothing about the network; it would only draw a loop.
            if pair[0] == pair[1]:
                continue
            edge = net.edges.setdefault(pair, _Edge())
            edge.types[e.type] += 1
            edge.documents.add(analysis.document.id)
            if len(edge.claims) < EXAMPLES:
                edge.claims.append(claim.id)
    return net


def _types(counts: Counter[str]) -> str:
    return "; ".join(f"{t}={n}" for t, n in sorted(counts.items()))


def _data(parent: ET.Element, key: str, value: Any) -> None:
    if value is None or value == "":
        return
    ET.SubElement(parent, f"{{{NS}}}data", key=key).text = str(value)


def write_graphml(store: Store, out: TextIO) -> int:
    """Write the actor network as GraphML; returns the number of edges."""
    net = actor_network(store)
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}graphml")
    for scope, keys in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        for name, kind in keys:
            ET.SubElement(
                root,
                f"{{{NS}}}key",
                {"id": f"{scope}_{name}", "for": scope, "attr.name": name, "attr.type": kind},
            )
    graph = ET.SubElement(root, f"{{{NS}}}graph", id="actors", edgedefault="directed")
    for (name, type_, country), node in net.nodes.items():
        element = ET.SubElement(graph, f"{{{NS}}}node", id=f"n{node.index}")
        # The sector most of its documents give (ties: alphabetical), as one value.
        sector = (
            min(node.sectors.items(), key=lambda kv: (-kv[1], kv[0]))[0] if node.sectors else None
        )
        values = (name, type_, sector, country, "; ".join(sorted(node.aliases)))
        for (key, _), value in zip(
            NODE_KEYS, (*values, node.documents, node.mentions), strict=True
        ):
            _data(element, f"node_{key}", value)
    for number, ((source, target), edge) in enumerate(net.edges.items()):
        element = ET.SubElement(
            graph,
            f"{{{NS}}}edge",
            id=f"e{number}",
            source=f"n{net.nodes[source].index}",
            target=f"n{net.nodes[target].index}",
        )
        values = (sum(edge.types.values()), _types(edge.types), len(edge.documents))
        for (key, _), value in zip(EDGE_KEYS, (*values, " ".join(edge.claims)), strict=True):
            _data(element, f"edge_{key}", value)
    ET.indent(root)
    ET.ElementTree(root).write(out, encoding="unicode", xml_declaration=True)
    out.write("\n")
    return len(net.edges)
