"""``show()``: one drawing of a graph, state or sweep, by either renderer.

There is one drawing: the SVG renderer's (``svg_render``), laid out by graphviz's ``dot``
when it is installed and by the Python layout when not (``geometry.layout`` picks, and
says once that ``dot`` is missing). ``backend="graphviz"`` gives the same content as a
``graphviz.Digraph`` object, which without ``dot`` displays the SVG renderer's drawing.
It sits above both renderers, so that neither imports the other.
"""

from __future__ import annotations

import warnings

from .dot import draw
from .svg_render import svg

BACKENDS = ("svg", "graphviz")


class Drawing:
    """An SVG drawing that displays itself in Jupyter; ``str()`` gives the SVG text."""

    def __init__(self, text: str):
        self.svg = text

    def _repr_html_(self) -> str:
        return self.svg

    def _repr_svg_(self) -> str:
        return self.svg

    def __str__(self) -> str:
        return self.svg

    def __repr__(self) -> str:
        return f"<Drawing: {len(self.svg)} characters of SVG>"


def show(obj, *, backend: str = "svg", **opts):
    """Something Jupyter displays: ``backend`` 'svg' (default; no ``dot`` needed) or
    'graphviz' (a graphviz.Digraph)."""
    if backend == "svg":
        return Drawing(svg(obj, **opts))
    if backend == "graphviz":
        return draw(obj, **opts)
    if backend == "matplotlib":
        return draw_matplotlib(obj, **opts)
    raise ValueError(f"backend must be 'svg' or 'graphviz', not {backend!r}")


def draw_matplotlib(obj, *, dpi: int | None = None, **opts):
    """Deprecated: the matplotlib drawing duplicated the SVG one. Returns the SVG drawing
    (on the Python layout when ``dot`` is missing), which Jupyter displays the same way."""
    warnings.warn(
        "draw_matplotlib is deprecated: the SVG drawing (viz.show(obj)) shows the same without graphviz's dot",
        DeprecationWarning,
        stacklevel=3,
    )
    return Drawing(svg(obj, **opts))
