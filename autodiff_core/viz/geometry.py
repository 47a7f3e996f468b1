"""Lay a graph out once — boxes and edge routes — so every frame of a sweep is
drawn on the same positions.

Each level n of the wⁿᵢ notation is its own rank: inputs on the left, outputs on
the right (or top to bottom with ``direction="TB"``). Every box of a rank is as wide
as the widest row its frames show (``room``: the graph's own numbers), all boxes
equally tall, fixed for every frame and mode, so numbers filling in never move
anything. The layout comes from graphviz's ``dot -Tjson`` when ``dot`` is installed
(``dot_layout``), else from a pure-Python layered layout (``python_layout``); the
pieces are the types of ``layout_types``.
"""

from __future__ import annotations

import itertools
import math
import subprocess
import warnings
import weakref

from . import labels, room, style
from .availability import INSTALL_HINT, dot_path, warn_missing_dot
from .dot_layout import dot_layout as _dot_layout, dot_source, long_edge_points
from .layout_types import Box, GraphTooLarge, Layout, Route, bezier_middle
from .python_layout import python_layout as _python_layout

__all__ = [
    "Box",
    "GraphTooLarge",
    "Layout",
    "MAX_NODES",
    "Route",
    "bezier_middle",
    "box_size",
    "box_sizes",
    "rank_gap",
    "check_size",
    "dot_source",
    "label_sizes",
    "layout",
]

MAX_NODES = 500
DIRECTIONS = ("LR", "TB")
ENGINES = ("auto", "dot", "python")


# -- sizes ---------------------------------------------------------------------------------
BOX_H = float(style.HEADER_H + 2 * style.ROW_H + 10)


def box_size(graph, structure_only: bool = False) -> tuple[float, float]:
    """One (width, height) for every box, room for the widest conceivable number: the
    graphviz renderer's (``viz.dot``), which cannot squeeze a row into its box."""
    if structure_only:
        return _structure_size(graph)
    w = max(style.BOX_MIN_W, labels.widest_row(graph) + 2 * style.PAD, _header_room(graph.nodes))
    return float(round(w)), BOX_H


def box_sizes(graph, structure_only: bool = False) -> tuple[tuple[float, float], ...]:
    """(width, height) per node, fixed for all frames: each box as wide as the widest row
    and header of its level (:func:`room.row_widths`), so a level's boxes form an even
    column; with ``structure_only``, one size for all."""
    if structure_only:
        return (_structure_size(graph),) * len(graph)
    rows = room.row_widths(graph)
    nodes = graph.nodes
    size = [0.0] * len(graph)
    for level in graph.levels:
        widest = max(rows[i] for i in level) + 2 * style.PAD
        w = float(math.ceil(max(style.BOX_MIN_W, widest, _header_room(nodes[i] for i in level))))
        for i in level:
            size[i] = w
    return tuple((w, BOX_H) for w in size)


def rank_gap(graph, boxes, direction: str = "LR") -> float:
    """The gap between levels without edge labels: RANK_GAP, brought down as far as
    RANK_GAP_MIN where that keeps the drawing within ``style.FIT`` px along its levels, so
    a graph of few levels keeps its air and a long one can be read whole on a projector."""
    levels = graph.levels
    if len(levels) < 2:
        return float(style.RANK_GAP)
    along = 0 if direction == "LR" else 1
    depth = sum(max(boxes[i][along] for i in level) for level in levels)
    free = (style.FIT - 2 * style.MARGIN - depth) / (len(levels) - 1)
    return float(max(style.RANK_GAP_MIN, min(style.RANK_GAP, math.floor(free))))


def _header_room(nodes) -> float:
    """Room for the widest bold header, centred, clear of the finished tick on its right."""
    return max(labels.width(labels.header(nd), style.HEADER_FONT, bold=True) for nd in nodes) + 2 * style.HEADER_PAD


def _structure_size(graph) -> tuple[float, float]:
    w = max(labels.width(nd.label, style.FONT) for nd in graph.nodes)
    return max(40.0, round(w + 2 * style.PAD)), 28.0


def label_sizes(graph) -> tuple:
    """(w, h) of every edge's partial-derivative label."""
    h = style.EDGE_FONT + 8
    return tuple(
        (round(labels.width(labels.partial_text(graph, c, k), style.EDGE_FONT) + 10), h) for _, c, k in graph.edges
    )


# -- the public entry -------------------------------------------------------------------------
_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def check_size(graph, structure_only: bool = False, limit: int = MAX_NODES) -> None:
    """GraphTooLarge if the graph has more than ``limit`` nodes to draw with numbers."""
    if len(graph) > limit and not structure_only:
        raise GraphTooLarge(
            f"this graph has {len(graph)} nodes: more than {limit} cannot be read with "
            f"their numbers. Draw its structure only with structure_only=True, or trace a "
            f"smaller piece of the computation."
        )


#: With ``engine="auto"``: graphs whose level-skipping edges need more bend
#: points than this, or a dot run longer than this many seconds, get the Python layout.
MAX_DOT_VIRTUAL = 600
DOT_TIMEOUT = 5.0

#: Graphs up to MAX_ORDERED nodes are also laid out in the names' order (x₁ above x₂,
#: w¹₁ above w¹₂), and drawn that way when it costs at most ORDER_CROSSINGS more edge
#: crossings than the engine's free choice: f = x1*x2 + sin(x1) then reads as it is named.
MAX_ORDERED = 60
ORDER_CROSSINGS = 1


def layout(
    graph,
    direction: str = "LR",
    *,
    edge_labels: bool = False,
    engine: str = "auto",
    structure_only: bool = False,
    max_nodes: int = MAX_NODES,
) -> Layout:
    """Lay ``graph`` out once (cached per graph): ``dot`` if installed, else Python.

    Raises GraphTooLarge above ``max_nodes`` nodes unless ``structure_only``."""
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be 'LR' or 'TB', not {direction!r}")
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    check_size(graph, structure_only, max_nodes)
    auto = engine == "auto"
    if auto:  # dot for readable graphs when installed; the Python layout otherwise
        engine = (
            "dot" if dot_path() and len(graph) <= MAX_NODES and long_edge_points(graph) <= MAX_DOT_VIRTUAL else "python"
        )
        if not dot_path():
            warn_missing_dot()
    elif engine == "dot" and not dot_path():
        raise RuntimeError("engine='dot' but `dot` was not found. " + INSTALL_HINT)
    cached = _CACHE.setdefault(graph, {})
    key = (direction, bool(edge_labels), engine, bool(structure_only))
    if key not in cached:
        boxes = box_sizes(graph, structure_only)
        sizes = label_sizes(graph) if edge_labels else ()
        gap = float(style.RANK_GAP) if edge_labels else rank_gap(graph, boxes, direction)
        try:
            made = _laid_out(graph, engine, direction, boxes, sizes, gap, auto)
        except (RuntimeError, OSError, subprocess.SubprocessError) as e:
            if not auto or engine != "dot":
                raise
            warnings.warn(
                f"dot could not lay this graph out ({e}); using the Python layout", RuntimeWarning, stacklevel=2
            )
            return layout(
                graph,
                direction,
                edge_labels=edge_labels,
                engine="python",
                structure_only=structure_only,
                max_nodes=max_nodes,
            )
        cached[key] = _finish(*made, direction, engine, edge_labels, structure_only, sizes)
    return cached[key]


def _laid_out(graph, engine, direction, boxes, sizes, gap, auto):
    """Boxes and routes by the engine, mirrored to read in order; for a small graph, the
    layout in the names' order instead when it costs at most ORDER_CROSSINGS crossings."""

    def run(in_order):
        if engine == "dot":
            timeout = DOT_TIMEOUT if auto else 120
            made = _dot_layout(graph, direction, boxes, sizes, gap, timeout=timeout, in_order=in_order)
        else:
            made = _python_layout(graph, direction, boxes, sizes, gap, in_order=in_order)
        return _in_reading_order(graph, *made, direction)

    free = run(False)
    if len(graph) > MAX_ORDERED or _inversions(graph, free[0], direction) == 0:
        return free
    ordered = run(True)
    if _crossings(graph, ordered[0], direction) <= _crossings(graph, free[0], direction) + ORDER_CROSSINGS:
        return ordered
    return free


def _across(boxes, direction) -> list:
    """Each box's position across the ranks (y in a left-to-right drawing)."""
    return [b.y if direction == "LR" else b.x for b in boxes]


def _inversions(graph, boxes, direction) -> int:
    """Pairs of nodes of one level drawn against their index order."""
    at = _across(boxes, direction)
    return sum(at[j] < at[i] for level in graph.levels for a, i in enumerate(level) for j in level[a + 1 :])


def _crossings(graph, boxes, direction) -> int:
    """Crossings among the edges between adjacent levels (on the boxes' centres)."""
    at = _across(boxes, direction)
    lvl = graph.node_levels
    by_gap: dict[int, list] = {}
    for p, c, _ in graph.edges:
        if lvl[c] == lvl[p] + 1:
            by_gap.setdefault(lvl[p], []).append((at[p], at[c]))
    return sum(
        (p1 - p2) * (c1 - c2) < 0
        for pairs in by_gap.values()
        for (p1, c1), (p2, c2) in itertools.combinations(pairs, 2)
    )


def _in_reading_order(graph, boxes, routes, direction):
    """Mirror the drawing across its ranks when that puts more nodes of each
    level in index order (x₁ above x₂; lower levels weigh more); crossings are
    unchanged, and dot's choice between the two mirror images is arbitrary."""
    axis = 1 if direction == "LR" else 0
    ordered = inverted = 0
    levels = graph.levels
    for n, level in enumerate(levels):  # the inputs' order counts most
        weight = len(levels) - n
        for a, i in enumerate(level):
            for j in level[a + 1 :]:
                d = (boxes[j].y - boxes[i].y) if axis else (boxes[j].x - boxes[i].x)
                ordered += weight * (d > 0)
                inverted += weight * (d < 0)
    if inverted <= ordered:
        return boxes, routes

    def flip(p):
        return (p[0], -p[1]) if axis else (-p[0], p[1])

    boxes = tuple(Box(*flip((b.x, b.y)), b.w, b.h) for b in boxes)
    routes = tuple(
        Route(r.parent, r.child, r.pos, tuple(map(flip, r.path)), flip(r.tip), flip(r.label_at) if r.label_at else None)
        for r in routes
    )
    return boxes, routes


def _finish(boxes, routes, direction, engine, edge_labels, structure_only, sizes) -> Layout:
    """Shift everything to a margin from the origin and measure the whole."""
    xs, ys = [], []
    for b in boxes:
        xs += [b.x - b.w / 2, b.x + b.w / 2]
        ys += [b.y - b.h / 2 - 5, b.y + b.h / 2 + 5]  # room for an output's double border
    for k, r in enumerate(routes):
        for x, y in r.path + (r.tip,):
            xs.append(x)
            ys.append(y)
        if r.label_at and sizes:
            w, h = sizes[k]
            xs += [r.label_at[0] - w / 2, r.label_at[0] + w / 2]
            ys += [r.label_at[1] - h / 2, r.label_at[1] + h / 2]
    dx, dy = style.MARGIN - min(xs), style.MARGIN - min(ys)

    def mv(p):
        return (round(p[0] + dx, 1), round(p[1] + dy, 1))

    boxes = tuple(Box(round(b.x + dx, 1), round(b.y + dy, 1), b.w, b.h) for b in boxes)
    routes = tuple(
        Route(r.parent, r.child, r.pos, tuple(map(mv, r.path)), mv(r.tip), mv(r.label_at) if r.label_at else None)
        for r in routes
    )
    return Layout(
        direction,
        engine,
        round(max(xs) + dx + style.MARGIN, 1),
        round(max(ys) + dy + style.MARGIN, 1),
        boxes,
        routes,
        edge_labels,
        structure_only,
        sizes,
    )
