"""Lay a graph out once — boxes and edge routes — so every frame of a sweep is
drawn on the same positions.

Each level n of the wⁿᵢ notation is its own rank: inputs on the left, outputs on
the right (or top to bottom with ``direction="TB"``). All boxes have one fixed
size, wide enough for the widest row any frame will show, so numbers filling in
never move anything. The layout comes from graphviz's ``dot -Tjson`` when ``dot``
is installed, else from a pure-Python layered layout (long edges through
dummy points, crossings reduced by barycentres, coordinates by least squares).
"""

from __future__ import annotations

import bisect
import json
import subprocess
import warnings
import weakref
from dataclasses import dataclass

from . import labels, style
from .availability import INSTALL_HINT, dot_path, warn_missing_dot

MAX_NODES = 500
DIRECTIONS = ("LR", "TB")
ENGINES = ("auto", "dot", "python")


class GraphTooLarge(ValueError):
    """A graph with more than MAX_NODES nodes, too large to read with its numbers."""


@dataclass(frozen=True, slots=True)
class Box:
    """A node's box: centre (x, y), width and height, in px."""
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True, slots=True)
class Route:
    """An edge's path: cubic Bézier points (start, then three per segment) from the
    parent's border to the arrow's base; the arrow ends at ``tip`` on the child."""
    parent: int
    child: int
    pos: int
    path: tuple
    tip: tuple
    label_at: tuple | None = None   # centre of the edge label, when laid out with labels

    def d(self) -> str:
        """The SVG path data."""
        p = self.path
        out = [f"M{p[0][0]:.1f},{p[0][1]:.1f}"]
        for k in range(1, len(p) - 2, 3):
            out.append("C" + " ".join(f"{x:.1f},{y:.1f}" for x, y in p[k:k + 3]))
        return "".join(out)

    def arrow(self, at_start: bool = False, length: float = style.ARROW,
              half: float = 4.5) -> tuple:
        """The arrowhead triangle at the child, or (``at_start``) pointing into the parent."""
        if at_start:
            tip, toward = self.path[0], _away(self.path, 0)
            bx, by = tip[0] + toward[0] * length, tip[1] + toward[1] * length
        else:
            tip, (bx, by) = self.tip, self.path[-1]
        dx, dy = tip[0] - bx, tip[1] - by
        n = (dx * dx + dy * dy) ** 0.5 or 1.0
        dx, dy = dx / n, dy / n
        bx, by = tip[0] - dx * length, tip[1] - dy * length
        return (tip, (bx - dy * half, by + dx * half), (bx + dy * half, by - dx * half))


def _away(path, k):
    """Unit direction from path[k] to the next distinct point."""
    x0, y0 = path[k]
    for x, y in path[k + 1:]:
        dx, dy = x - x0, y - y0
        n = (dx * dx + dy * dy) ** 0.5
        if n > 1e-6:
            return dx / n, dy / n
    return 1.0, 0.0


@dataclass(frozen=True)
class Layout:
    """Where everything goes, computed once per graph and reused by every frame."""
    direction: str
    engine: str                 # "dot" or "python"
    width: float
    height: float
    boxes: tuple                # Box per node index
    routes: tuple               # Route per edge, in graph.edges order (duplicates kept)
    edge_labels: bool
    structure_only: bool
    label_sizes: tuple = ()     # (w, h) per route, when laid out with labels

    def positions(self) -> tuple:
        """(x, y) of every node centre."""
        return tuple((b.x, b.y) for b in self.boxes)

    def fits(self, graph) -> bool:
        return len(self.boxes) == len(graph) and len(self.routes) == len(graph.edges)


def bezier_middle(path):
    """The middle point of the middle cubic segment of a path."""
    n_seg = (len(path) - 1) // 3
    k = 3 * ((n_seg - 1) // 2)
    p0, p1, p2, p3 = path[k:k + 4]
    return tuple((p0[t] + 3 * p1[t] + 3 * p2[t] + p3[t]) / 8 for t in (0, 1))


# -- sizes ---------------------------------------------------------------------------------
def box_size(graph, structure_only: bool = False) -> tuple[float, float]:
    """One (width, height) for every box of the graph, fixed for all frames."""
    if structure_only:
        w = max(labels.width(nd.label, style.FONT) for nd in graph.nodes)
        return max(40.0, round(w + 2 * style.PAD)), 28.0
    head = max(labels.width(labels.header(nd), style.HEADER_FONT, bold=True)
               for nd in graph.nodes)
    w = max(style.BOX_MIN_W, labels.widest_row(graph) + 2 * style.PAD, head + 2 * 26)
    return float(round(w)), float(style.HEADER_H + 2 * style.ROW_H + 10)


def label_sizes(graph) -> tuple:
    """(w, h) of every edge's partial-derivative label."""
    h = style.EDGE_FONT + 8
    return tuple((round(labels.width(labels.partial_text(graph, c, k), style.EDGE_FONT) + 10), h)
                 for _, c, k in graph.edges)


# -- the public entry -------------------------------------------------------------------------
_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def check_size(graph, structure_only: bool = False, limit: int = MAX_NODES) -> None:
    """GraphTooLarge if the graph has more than ``limit`` nodes to draw with numbers."""
    if len(graph) > limit and not structure_only:
        raise GraphTooLarge(
            f"this graph has {len(graph)} nodes: more than {limit} cannot be read with "
            f"their numbers. Draw its structure only with structure_only=True, or trace a "
            f"smaller piece of the computation.")


#: With ``engine="auto"``: graphs whose level-skipping edges need more bend
#: points than this, or a dot run longer than this many seconds, get the Python layout.
MAX_DOT_VIRTUAL = 600
DOT_TIMEOUT = 5.0


def layout(graph, direction: str = "LR", *, edge_labels: bool = False, engine: str = "auto",
           structure_only: bool = False, max_nodes: int = MAX_NODES) -> Layout:
    """Lay ``graph`` out once (cached per graph): ``dot`` if installed, else Python.

    Raises GraphTooLarge above ``max_nodes`` nodes unless ``structure_only``."""
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be 'LR' or 'TB', not {direction!r}")
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    check_size(graph, structure_only, max_nodes)
    auto = engine == "auto"
    if auto:   # dot for readable graphs when installed; the Python layout otherwise
        engine = "dot" if dot_path() and len(graph) <= MAX_NODES \
            and _long_edge_points(graph) <= MAX_DOT_VIRTUAL else "python"
        if not dot_path():
            warn_missing_dot()
    elif engine == "dot" and not dot_path():
        raise RuntimeError("engine='dot' but `dot` was not found. " + INSTALL_HINT)
    cached = _CACHE.setdefault(graph, {})
    key = (direction, bool(edge_labels), engine, bool(structure_only))
    if key not in cached:
        size = box_size(graph, structure_only)
        sizes = label_sizes(graph) if edge_labels else ()
        try:
            if engine == "dot":
                made = _dot_layout(graph, direction, size, sizes,
                                   timeout=DOT_TIMEOUT if auto else 120)
            else:
                made = _python_layout(graph, direction, size, sizes)
        except (RuntimeError, OSError, subprocess.SubprocessError) as e:
            if not auto or engine != "dot":
                raise
            warnings.warn(f"dot could not lay this graph out ({e}); using the Python layout",
                          RuntimeWarning, stacklevel=2)
            return layout(graph, direction, edge_labels=edge_labels, engine="python",
                          structure_only=structure_only, max_nodes=max_nodes)
        cached[key] = _finish(*_in_reading_order(graph, *made, direction), direction, engine,
                              edge_labels, structure_only, sizes)
    return cached[key]


def _in_reading_order(graph, boxes, routes, direction):
    """Mirror the drawing across its ranks when that puts more nodes of each
    level in index order (x₁ above x₂; lower levels weigh more); crossings are
    unchanged, and dot's choice between the two mirror images is arbitrary."""
    axis = 1 if direction == "LR" else 0
    ordered = inverted = 0
    levels = graph.levels
    for n, level in enumerate(levels):   # the inputs' order counts most
        weight = len(levels) - n
        for a, i in enumerate(level):
            for j in level[a + 1:]:
                d = (boxes[j].y - boxes[i].y) if axis else (boxes[j].x - boxes[i].x)
                ordered += weight * (d > 0)
                inverted += weight * (d < 0)
    if inverted <= ordered:
        return boxes, routes

    def flip(p):
        return (p[0], -p[1]) if axis else (-p[0], p[1])
    boxes = tuple(Box(*flip((b.x, b.y)), b.w, b.h) for b in boxes)
    routes = tuple(Route(r.parent, r.child, r.pos, tuple(map(flip, r.path)), flip(r.tip),
                         flip(r.label_at) if r.label_at else None) for r in routes)
    return boxes, routes


def _finish(boxes, routes, direction, engine, edge_labels, structure_only, sizes) -> Layout:
    """Shift everything to a margin from the origin and measure the whole."""
    xs, ys = [], []
    for b in boxes:
        xs += [b.x - b.w / 2, b.x + b.w / 2]
        ys += [b.y - b.h / 2 - 5, b.y + b.h / 2 + 5]   # room for an output's double border
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
    routes = tuple(Route(r.parent, r.child, r.pos, tuple(map(mv, r.path)), mv(r.tip),
                         mv(r.label_at) if r.label_at else None) for r in routes)
    return Layout(direction, engine, round(max(xs) + dx + style.MARGIN, 1),
                  round(max(ys) + dy + style.MARGIN, 1), boxes, routes, edge_labels,
                  structure_only, sizes)


# -- graphviz -------------------------------------------------------------------------------------
def dot_source(graph, direction: str, size, sizes=()) -> str:
    """DOT text for the layout only: fixed-size boxes, one rank per level, edge ids."""
    w, h = size
    lines = ["digraph G {",
             f"  graph [rankdir={direction}, nodesep={style.NODE_GAP / 72:.3f}, "
             f"ranksep={style.RANK_GAP / 72:.3f}, pad=0];",
             f'  node [shape=box, fixedsize=true, label="", width={w / 72:.4f}, '
             f"height={h / 72:.4f}];",
             "  edge [arrowsize=0.9];"]
    for level in graph.levels:
        lines.append("  {rank=same; " + " ".join(f"n{i};" for i in level) + "}")
    for k, (p, c, _) in enumerate(graph.edges):
        lab = ""
        if sizes:
            lw, lh = sizes[k]
            if direction == "TB":
                lw += 6   # dot places TB labels beside the edge
            lab = (f', label=<<TABLE FIXEDSIZE="TRUE" WIDTH="{int(lw)}" HEIGHT="{int(lh)}" '
                   f'BORDER="0" CELLPADDING="0"><TR><TD></TD></TR></TABLE>>')
        lines.append(f'  n{p} -> n{c} [id="e{k}"{lab}];')
    lines.append("}")
    return "\n".join(lines)


def _points(text: str) -> list:
    return [tuple(float(v) for v in p.split(",")[-2:]) for p in text.split()]


def _nearest_on(path, target, samples: int = 24):
    """The point of a cubic Bézier path nearest to ``target`` (labels sit on their edge)."""
    best, best_d = path[0], float("inf")
    for k in range(0, len(path) - 3, 3):
        p0, p1, p2, p3 = path[k:k + 4]
        for s in range(samples + 1):
            t = s / samples
            u = 1 - t
            c = (u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t)
            q = tuple(c[0] * p0[i] + c[1] * p1[i] + c[2] * p2[i] + c[3] * p3[i] for i in (0, 1))
            d = (q[0] - target[0]) ** 2 + (q[1] - target[1]) ** 2
            if d < best_d:
                best, best_d = q, d
    return best


def _long_edge_points(graph) -> int:
    """How many bend points dot must add for edges that skip levels (x feeding
    x·x·…·x at every level): its crossing reduction slows down sharply with them."""
    lvl = [nd.level for nd in graph.nodes]
    return sum(lvl[c] - lvl[p] - 1 for p, c, _ in graph.edges)


def _dot_layout(graph, direction, size, sizes, timeout=120):
    src = dot_source(graph, direction, size, sizes)
    done = subprocess.run([dot_path(), "-Tjson"], input=src.encode(), capture_output=True,
                          timeout=timeout, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"dot failed: {done.stderr.decode(errors='replace')[:500]}")
    data = json.loads(done.stdout)
    top = float(data["bb"].split(",")[3])

    def flip(p):
        return (p[0], top - p[1])
    w, h = size
    centre = {}
    for obj in data.get("objects", []):
        if obj.get("name", "").startswith("n") and "pos" in obj:
            centre[int(obj["name"][1:])] = flip(_points(obj["pos"])[0])
    boxes = tuple(Box(*centre[i], w, h) for i in range(len(graph)))
    by_id = {e["id"]: e for e in data.get("edges", [])}
    routes = []
    for k, (p, c, pos) in enumerate(graph.edges):
        e = by_id[f"e{k}"]
        tokens = e["pos"].split()
        tip = None
        pts = []
        for t in tokens:
            if t.startswith("e,"):
                tip = flip(_points(t)[0])
            elif not t.startswith("s,"):
                pts.append(flip(_points(t)[0]))
        if tip is None:
            tip = pts[-1]
        lab = _nearest_on(pts, flip(_points(e["lp"])[0])) if sizes and "lp" in e else None
        routes.append(Route(p, c, pos, tuple(pts), tip, lab))
    return boxes, tuple(routes)


# -- pure Python ------------------------------------------------------------------------------------
def _isotonic_place(desired, seps, weights=None):
    """Positions closest (least squares) to ``desired`` with p[i+1] - p[i] >= seps[i]."""
    m = len(desired)
    if m == 0:
        return []
    off = [0.0] * m
    for i in range(1, m):
        off[i] = off[i - 1] + seps[i - 1]
    target = [d - o for d, o in zip(desired, off)]
    weights = weights or [1.0] * m
    blocks = []   # [mean, weight, count] pooled adjacent violators
    for t, wt in zip(target, weights):
        blocks.append([t, wt, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            t2, w2, c2 = blocks.pop()
            t1, w1, c1 = blocks[-1]
            blocks[-1] = [(t1 * w1 + t2 * w2) / (w1 + w2), w1 + w2, c1 + c2]
    out = []
    for mean, _, count in blocks:
        out += [mean] * count
    return [q + o for q, o in zip(out, off)]


def _crossings(order_pos, pairs) -> int:
    """Crossings among edges (u, v) between two ranks, by counting inversions."""
    seq = sorted((order_pos[u], order_pos[v]) for u, v in pairs)
    seen, count = [], 0
    for _, b in seq:
        k = bisect.bisect_right(seen, b)
        count += len(seen) - k
        seen.insert(k, b)
    return count


def _bend(a, b) -> list:
    """A cubic from a to b leaving and arriving parallel to the main axis."""
    half = (b[0] - a[0]) / 2
    return [a, (a[0] + half, a[1]), (b[0] - half, b[1]), b]


def _python_layout(graph, direction, size, sizes):
    n = len(graph)
    w, h = size
    main_size, cross_size = (w, h) if direction == "LR" else (h, w)
    level = [nd.level for nd in graph.nodes]
    n_ranks = max(level) + 1
    rank_of = list(level)
    ranks = [[] for _ in range(n_ranks)]
    for i in range(n):
        ranks[level[i]].append(i)
    edges = graph.edges
    chains = {}
    for p, c, _ in edges:
        if (p, c) in chains:
            continue
        chain = [p]
        for r in range(level[p] + 1, level[c]):
            d = len(rank_of)
            rank_of.append(r)
            ranks[r].append(d)
            chain.append(d)
        chains[(p, c)] = chain + [c]
    n_items = len(rank_of)
    up = [[] for _ in range(n_items)]
    down = [[] for _ in range(n_items)]
    pairs = [[] for _ in range(n_ranks)]     # pairs[r]: links between rank r-1 and r
    for chain in chains.values():
        for a, b in zip(chain, chain[1:]):
            down[a].append(b)
            up[b].append(a)
            pairs[rank_of[b]].append((a, b))

    # order within ranks: barycentre sweeps, keeping the order with fewest crossings
    pos = [0.0] * n_items
    for r in ranks:
        for k, i in enumerate(r):
            pos[i] = float(k)

    def total():
        return sum(_crossings(pos, pairs[r]) for r in range(1, n_ranks))

    def reorder(r, nbrs):
        items = ranks[r]
        keys = {i: (sum(pos[j] for j in nbrs[i]) / len(nbrs[i]) if nbrs[i] else pos[i], pos[i])
                for i in items}
        items.sort(key=keys.__getitem__)
        for k, i in enumerate(items):
            pos[i] = float(k)

    best, best_order = total(), [list(r) for r in ranks]
    for _ in range(10):
        if best == 0:
            break
        for r in range(1, n_ranks):
            reorder(r, up)
        for r in range(n_ranks - 2, -1, -1):
            reorder(r, down)
        now = total()
        if now < best:
            best, best_order = now, [list(r) for r in ranks]
    ranks = best_order

    # cross-axis coordinates: as close to the neighbours' mean as the spacing allows
    def extent(i):
        return cross_size if i < n else 0.0

    def seps(items):
        return [(extent(a) + extent(b)) / 2 + (style.NODE_GAP if a < n and b < n else 16.0)
                for a, b in zip(items, items[1:])]

    cross = [0.0] * n_items
    for items in ranks:
        s = seps(items)
        spot = _isotonic_place([0.0] * len(items), s)
        shift = (spot[0] + spot[-1]) / 2 if spot else 0.0
        for i, y in zip(items, spot):
            cross[i] = y - shift

    def place(r, nbr_lists):
        items = ranks[r]
        desired = []
        for i in items:
            nb = [j for lst in nbr_lists for j in lst[i]]
            desired.append(sum(cross[j] for j in nb) / len(nb) if nb else cross[i])
        weights = [1.0 if i < n else 0.6 for i in items]
        for i, y in zip(items, _isotonic_place(desired, seps(items), weights)):
            cross[i] = y

    for _ in range(6):
        for r in range(1, n_ranks):
            place(r, (up,))
        for r in range(n_ranks - 2, -1, -1):
            place(r, (down,))
    for r in range(n_ranks):
        place(r, (up, down))

    # main-axis coordinates: rank gaps wide enough for their edge labels
    label_main = [0.0] * n_ranks
    if sizes:
        for k, (p, c, _) in enumerate(edges):
            lw, lh = sizes[k]
            g = level[p] + (level[c] - level[p] - 1) // 2   # the gap holding its label
            label_main[g] = max(label_main[g], lw if direction == "LR" else lh)
    main = [0.0] * n_ranks
    for r in range(1, n_ranks):
        gap = max(style.RANK_GAP, label_main[r - 1] + 2 * 14 + style.ARROW) if sizes \
            else style.RANK_GAP
        main[r] = main[r - 1] + main_size + gap

    def pt(m, c):
        return (m, c) if direction == "LR" else (c, m)

    boxes = tuple(Box(*pt(main[level[i]], cross[i]), w, h) for i in range(n))

    # ports: edges leave and enter side by side, ordered by where they come from / go to
    spread = min(cross_size * 0.22, 13.0)

    def spaced(groups, key):
        off = {}
        for ks in groups.values():
            ks.sort(key=key)
            step = 2 * spread / (len(ks) - 1) if len(ks) > 1 else 0.0
            for q, k in enumerate(ks):
                off[k] = (q - (len(ks) - 1) / 2) * min(step, 9.0 if len(ks) > 2 else step)
        return off

    outs, ins = {}, {}
    for k, (p, c, _) in enumerate(edges):
        outs.setdefault(p, []).append(k)
        ins.setdefault(c, []).append(k)
    exit_off = spaced(outs, lambda k: (cross[chains[edges[k][:2]][1]], edges[k][2]))
    entry_off = spaced(ins, lambda k: (cross[chains[edges[k][:2]][-2]], edges[k][2]))
    routes = []
    label_spots = []
    for k, (p, c, pos_) in enumerate(edges):
        chain = chains[(p, c)]
        dup = exit_off[k] / 2
        start = (main[level[p]] + main_size / 2, cross[p] + exit_off[k])
        end = (main[level[c]] - main_size / 2, cross[c] + entry_off[k])
        path, gaps = [start], []
        a = start
        for dmy in chain[1:-1]:   # cross each skipped rank straight, beside its nodes
            m, y = main[rank_of[dmy]], cross[dmy] + dup
            gaps.append(_bend(a, (m - main_size / 2, y)))
            a = (m + main_size / 2, y)
            path += gaps[-1][1:] + [(m - main_size / 6, y), (m + main_size / 6, y), a]
        gaps.append(_bend(a, (end[0] - style.ARROW, end[1])))
        path += gaps[-1][1:]
        mid = gaps[(len(gaps) - 1) // 2]
        label_spots.append(tuple(sum(wt * q[t] for wt, q in zip((1, 3, 3, 1), mid)) / 8
                                 for t in (0, 1)))
        routes.append(Route(p, c, pos_, tuple(pt(*q) for q in path), pt(*end), None))

    if sizes:   # push labels sharing a gap apart along the cross axis
        by_gap = {}
        for k, (p, c, _) in enumerate(edges):
            by_gap.setdefault(level[p] + (level[c] - level[p] - 1) // 2, []).append(k)
        for ks in by_gap.values():
            ks.sort(key=lambda k: label_spots[k][1])
            ext = [sizes[k][1] if direction == "LR" else sizes[k][0] for k in ks]
            placed = _isotonic_place([label_spots[k][1] for k in ks],
                                     [(a + b) / 2 + 3 for a, b in zip(ext, ext[1:])])
            for k, c in zip(ks, placed):
                label_spots[k] = (label_spots[k][0], c)
        routes = [Route(r.parent, r.child, r.pos, r.path, r.tip, pt(*label_spots[k]))
                  for k, r in enumerate(routes)]
    return boxes, tuple(routes)
