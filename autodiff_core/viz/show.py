"""``show()``: one drawing of a graph, state or sweep, by any of the three renderers.

It sits above them (SVG, graphviz, matplotlib), so that none imports another.
"""

from __future__ import annotations

from .dot import draw
from .fallback import draw_matplotlib
from .svg_render import Drawing, svg


def show(obj, *, backend: str = "svg", **opts):
    """Something Jupyter displays: ``backend`` 'svg' (default, no dot needed),
    'graphviz' (a graphviz.Digraph) or 'matplotlib' (a Figure)."""
    if backend == "svg":
        return Drawing(svg(obj, **opts))
    if backend == "graphviz":
        return draw(obj, **opts)
    if backend == "matplotlib":
        return draw_matplotlib(obj, **opts)
    raise ValueError(f"backend must be 'svg', 'graphviz' or 'matplotlib', not {backend!r}")
