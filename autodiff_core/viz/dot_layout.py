"""The layout by graphviz: DOT text for the layout only, run through ``dot -Tjson``."""

from __future__ import annotations

import json
import subprocess

from . import style
from .availability import dot_path
from .layout_types import Box, Route


def dot_source(graph, direction: str, boxes, sizes=(), gap=style.RANK_GAP, in_order: bool = False) -> str:
    """DOT text for the layout only: boxes of fixed sizes (``boxes``: (w, h) per node), one
    rank per level ``gap`` px apart, edge ids; ``in_order``: every level's nodes in index order."""
    w, h = boxes[0] if boxes else (1.0, 1.0)
    lines = [
        "digraph G {",
        f"  graph [rankdir={direction},{' ordering=out,' if in_order else ''} nodesep={style.NODE_GAP / 72:.3f}, "
        f"ranksep={gap / 72:.3f}, pad=0];",
        f'  node [shape=box, fixedsize=true, label="", width={w / 72:.4f}, height={h / 72:.4f}];',
        "  edge [arrowsize=0.9];",
    ]
    for i, (bw, bh) in enumerate(boxes):
        if (bw, bh) != (w, h):
            lines.append(f"  n{i} [width={bw / 72:.4f}, height={bh / 72:.4f}];")
    for level in graph.levels:
        lines.append("  {rank=same; " + " ".join(f"n{i};" for i in level) + "}")
    if in_order:  # ordering=out keeps each node's children in edge order (edges are listed
        # by child index), and an invisible source does the same for the inputs
        lines.append("  src [style=invis, fixedsize=true, width=0.01, height=0.01];")
        lines += [f'  src -> n{i} [id="s{i}", style=invis];' for i in graph.levels[0]]
    for k, (p, c, _) in enumerate(graph.edges):
        lab = ""
        if sizes:
            lw, lh = sizes[k]
            if direction == "TB":
                lw += 6  # dot places TB labels beside the edge
            lab = (
                f', label=<<TABLE FIXEDSIZE="TRUE" WIDTH="{int(lw)}" HEIGHT="{int(lh)}" '
                f'BORDER="0" CELLPADDING="0"><TR><TD></TD></TR></TABLE>>'
            )
        lines.append(f'  n{p} -> n{c} [id="e{k}"{lab}];')
    lines.append("}")
    return "\n".join(lines)


def _points(text: str) -> list:
    return [tuple(float(v) for v in p.split(",")[-2:]) for p in text.split()]


def _nearest_on(path, target, samples: int = 24):
    """The point of a cubic Bézier path nearest to ``target`` (labels sit on their edge)."""
    best, best_d = path[0], float("inf")
    for k in range(0, len(path) - 3, 3):
        p0, p1, p2, p3 = path[k : k + 4]
        for s in range(samples + 1):
            t = s / samples
            u = 1 - t
            c = (u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t)
            q = tuple(c[0] * p0[i] + c[1] * p1[i] + c[2] * p2[i] + c[3] * p3[i] for i in (0, 1))
            d = (q[0] - target[0]) ** 2 + (q[1] - target[1]) ** 2
            if d < best_d:
                best, best_d = q, d
    return best


def _on_box(centre, size, box, pad: float = 3.0) -> bool:
    """Does a label of ``size`` at ``centre`` overlap ``box``?"""
    return abs(centre[0] - box.x) < (size[0] + box.w) / 2 + pad and abs(centre[1] - box.y) < (size[1] + box.h) / 2 + pad


def long_edge_points(graph) -> int:
    """How many bend points dot must add for edges that skip levels (x feeding
    x·x·…·x at every level): its crossing reduction slows down sharply with them."""
    lvl = [nd.level for nd in graph.nodes]
    return sum(lvl[c] - lvl[p] - 1 for p, c, _ in graph.edges)


def dot_layout(graph, direction, boxes, sizes, gap=style.RANK_GAP, timeout=120, in_order: bool = False):
    """Boxes (of the sizes ``boxes``) and routes from ``dot -Tjson`` (y flipped to grow
    downwards); ``in_order``: every level's nodes in index order, whatever the crossings."""
    src = dot_source(graph, direction, boxes, sizes, gap, in_order)
    done = subprocess.run([dot_path(), "-Tjson"], input=src.encode(), capture_output=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"dot failed: {done.stderr.decode(errors='replace')[:500]}")
    data = json.loads(done.stdout)
    top = float(data["bb"].split(",")[3])

    def flip(p):
        return (p[0], top - p[1])

    centre = {}
    for obj in data.get("objects", []):
        if obj.get("name", "").startswith("n") and "pos" in obj:
            centre[int(obj["name"][1:])] = flip(_points(obj["pos"])[0])
    placed = tuple(Box(*centre[i], *boxes[i]) for i in range(len(graph)))
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
        lab = None
        if sizes and "lp" in e:  # on its edge, unless that puts it on a box: then where dot put it
            lp = flip(_points(e["lp"])[0])
            lab = _nearest_on(pts, lp)
            if any(_on_box(lab, sizes[k], b) for b in placed):
                lab = lp
        routes.append(Route(p, c, pos, tuple(pts), tip, lab))
    return placed, tuple(routes)
