"""What a layout is made of: a box per node, a route per edge, and the whole Layout."""

from __future__ import annotations

from dataclasses import dataclass

from . import style


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
    label_at: tuple | None = None  # centre of the edge label, when laid out with labels

    def d(self) -> str:
        """The SVG path data."""
        p = self.path
        out = [f"M{p[0][0]:.1f},{p[0][1]:.1f}"]
        for k in range(1, len(p) - 2, 3):
            out.append("C" + " ".join(f"{x:.1f},{y:.1f}" for x, y in p[k : k + 3]))
        return "".join(out)

    def arrow(self, at_start: bool = False, length: float = style.ARROW, half: float = 4.5) -> tuple:
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
    for x, y in path[k + 1 :]:
        dx, dy = x - x0, y - y0
        n = (dx * dx + dy * dy) ** 0.5
        if n > 1e-6:
            return dx / n, dy / n
    return 1.0, 0.0


@dataclass(frozen=True)
class Layout:
    """Where everything goes, computed once per graph and reused by every frame."""

    direction: str
    engine: str  # "dot" or "python"
    width: float
    height: float
    boxes: tuple  # Box per node index
    routes: tuple  # Route per edge, in graph.edges order (duplicates kept)
    edge_labels: bool
    structure_only: bool
    label_sizes: tuple = ()  # (w, h) per route, when laid out with labels

    def positions(self) -> tuple:
        """(x, y) of every node centre."""
        return tuple((b.x, b.y) for b in self.boxes)

    def fits(self, graph) -> bool:
        return len(self.boxes) == len(graph) and len(self.routes) == len(graph.edges)


def bezier_middle(path):
    """The middle point of the middle cubic segment of a path."""
    n_seg = (len(path) - 1) // 3
    k = 3 * ((n_seg - 1) // 2)
    p0, p1, p2, p3 = path[k : k + 4]
    return tuple((p0[t] + 3 * p1[t] + 3 * p2[t] + p3[t]) / 8 for t in (0, 1))
