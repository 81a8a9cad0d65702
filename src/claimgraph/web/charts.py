"""SVG chart geometry, computed on the server.

Charts are plain data (rectangles, points, lines with their labels); the
templates draw them as inline SVG, so every label goes through Jinja's
autoescaping and the page needs no script and no external request.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .models import PlacePoint, TimelinePoint

# Okabe & Ito (2008) colour-blind-safe palette, then two neutral greys:
# enough for the PLOVER types a chart usually shows before colours repeat.
PALETTE: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
    "#999999",
    "#666666",
)

# Drawing sizes in SVG user units; the CSS scales the SVG to its container.
CHART_WIDTH = 720
CHART_HEIGHT = 240
MARGIN_LEFT = 40  # room for the y-axis tick labels (up to 4 digits at 11px)
MARGIN_BOTTOM = 36  # room for rotated period labels
MARGIN_TOP = 10
# A lone period is a bar, not a wall: bars are at most this wide.
MAX_BAR_WIDTH = 60
MAP_WIDTH = 720
MAP_HEIGHT = 360
# A map never zooms in closer than this many degrees on its longer side, so
# one point (or one city) still shows its surroundings' graticule.
MIN_MAP_SPAN = 20.0


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    fill: str
    label: str  # shown on hover (SVG <title>)


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    y: float
    text: str


@dataclass(frozen=True, slots=True)
class BarChart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    x_labels: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    legend: tuple[tuple[str, str], ...]  # (series, colour)
    baseline: float
    left: float

    @property
    def empty(self) -> bool:
        return not self.bars


def colours(series: Sequence[str]) -> dict[str, str]:
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(series)}


def _nice_max(value: int) -> int:
    """The smallest 1-2-5 step value at or above ``value`` (axis top)."""
    if value <= 0:
        return 1
    step = 1
    while True:
        for m in (1, 2, 5):
            if step * m >= value:
                return step * m
        step *= 10


def stacked_bars(points: Sequence[TimelinePoint], series: Sequence[str] | None = None) -> BarChart:
    """One stacked bar per period, one colour per series, periods in order."""
    points = sorted(points, key=lambda p: p.period)
    if series is None:
        totals: dict[str, int] = {}
        for p in points:
            for k, v in p.counts.items():
                totals[k] = totals.get(k, 0) + v
        series = sorted(totals, key=lambda k: (-totals[k], k))
    palette = colours(series)
    plot_w = CHART_WIDTH - MARGIN_LEFT - 10
    plot_h = CHART_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    baseline = MARGIN_TOP + plot_h
    top = _nice_max(max((sum(p.counts.values()) for p in points), default=0))
    slot = plot_w / max(len(points), 1)
    width = min(max(slot * 0.8, 1.0), MAX_BAR_WIDTH)
    bars: list[Bar] = []
    labels: list[Tick] = []
    # Label every n-th period so labels never overlap: an 11px label takes
    # about 7 units a character.
    longest = max((len(p.period) for p in points), default=4)
    every = max(1, math.ceil((7 * longest + 6) / slot))
    for i, p in enumerate(points):
        x = MARGIN_LEFT + i * slot + (slot - width) / 2
        y = baseline
        for name in series:
            n = p.counts.get(name, 0)
            if not n:
                continue
            h = n / top * plot_h
            y -= h
            bars.append(Bar(x, y, width, h, palette[name], f"{p.period} · {name}: {n}"))
        if i % every == 0:
            labels.append(Tick(x + width / 2, baseline + 12, p.period))
    ticks = tuple(
        Tick(MARGIN_LEFT - 4, baseline - f * plot_h, f"{top * f:g}")
        for f in (0, 0.5, 1)
        if float(top * f).is_integer()  # counts: no "0.5" tick
    )
    return BarChart(
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
        bars=tuple(bars),
        x_labels=tuple(labels),
        y_ticks=ticks,
        legend=tuple((name, palette[name]) for name in series),
        baseline=baseline,
        left=MARGIN_LEFT,
    )


@dataclass(frozen=True, slots=True)
class MapPoint:
    x: float
    y: float
    r: float
    label: str


@dataclass(frozen=True, slots=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    label: str  # "30°N" etc., drawn at the line's start


@dataclass(frozen=True, slots=True)
class MapPlot:
    width: int
    height: int
    points: tuple[MapPoint, ...]
    grid: tuple[Line, ...]

    @property
    def empty(self) -> bool:
        return not self.points


def _degrees(value: float, positive: str, negative: str) -> str:
    if value == 0:
        return "0°"
    return f"{abs(value):g}°{positive if value >= 0 else negative}"


def map_plot(places: Sequence[PlacePoint]) -> MapPlot:
    """Event places as points on an equirectangular plot with a graticule, no tiles.

    The view is the points' bounding box with a margin, at least
    :data:`MIN_MAP_SPAN` degrees wide, so nearby places do not collapse into
    one dot on a world map.
    """
    if not places:
        return MapPlot(MAP_WIDTH, MAP_HEIGHT, (), ())
    lons = [p.lon for p in places]
    lats = [p.lat for p in places]
    span = max(max(lons) - min(lons), 2 * (max(lats) - min(lats)), MIN_MAP_SPAN) * 1.2
    mid_lon = (max(lons) + min(lons)) / 2
    mid_lat = (max(lats) + min(lats)) / 2
    west, east = mid_lon - span / 2, mid_lon + span / 2
    south, north = mid_lat - span / 4, mid_lat + span / 4  # the plot is 2:1

    def x(lon: float) -> float:
        return (lon - west) / (east - west) * MAP_WIDTH

    def y(lat: float) -> float:
        return (north - lat) / (north - south) * MAP_HEIGHT

    most = max(p.events for p in places)
    points = tuple(
        MapPoint(
            x(p.lon),
            y(p.lat),
            # area proportional to the number of events: radius 3 to 12
            3 + 9 * (p.events / most) ** 0.5,
            f"{p.name}{' (' + p.country + ')' if p.country else ''}: {p.events} "
            f"event{'s' if p.events != 1 else ''}",
        )
        for p in sorted(places, key=lambda p: -p.events)
    )
    step = next(s for s in (1, 2, 5, 10, 15, 30, 45, 90) if span / s <= 8)
    grid: list[Line] = []
    lon = (west // step + 1) * step
    while lon < east:
        grid.append(Line(x(lon), 0, x(lon), MAP_HEIGHT, _degrees(lon, "E", "W")))
        lon += step
    lat = (south // step + 1) * step
    while lat < north:
        grid.append(Line(0, y(lat), MAP_WIDTH, y(lat), _degrees(lat, "N", "S")))
        lat += step
    return MapPlot(MAP_WIDTH, MAP_HEIGHT, points, tuple(grid))


# -- an actor's interaction network ----------------------------------------------

NETWORK_SIZE = 360
# At most this many neighbours around an actor: more labels than this overlap
# on a 360-unit circle at 11px.
MAX_NEIGHBOURS = 12


@dataclass(frozen=True, slots=True)
class Node:
    x: float
    y: float
    r: float
    name: str
    label: str  # hover text


@dataclass(frozen=True, slots=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float


@dataclass(frozen=True, slots=True)
class Network:
    size: int
    centre: Node
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    hidden: int  # neighbours left out (beyond MAX_NEIGHBOURS)

    @property
    def empty(self) -> bool:
        return not self.nodes


def star_network(centre: str, neighbours: Sequence[tuple[str, int]]) -> Network:
    """The actor in the middle, the actors it meets in events on a circle around it;
    an edge's width grows with the number of events they share."""
    mid = NETWORK_SIZE / 2
    shown = list(neighbours[:MAX_NEIGHBOURS])
    most = max((n for _, n in shown), default=1)
    ring = mid - 60  # leave room for the labels outside the ring
    nodes: list[Node] = []
    edges: list[Edge] = []
    for i, (name, n) in enumerate(shown):
        angle = 2 * math.pi * i / max(len(shown), 1) - math.pi / 2
        x, y = mid + ring * math.cos(angle), mid + ring * math.sin(angle)
        nodes.append(Node(x, y, 5 + 5 * n / most, name, f"{name}: {n} event{'s' * (n != 1)}"))
        edges.append(Edge(mid, mid, x, y, 1 + 4 * n / most))
    hub = Node(mid, mid, 12, centre, centre)
    return Network(NETWORK_SIZE, hub, tuple(nodes), tuple(edges), len(neighbours) - len(shown))
