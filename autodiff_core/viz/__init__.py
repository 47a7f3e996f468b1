"""Drawings of computation graphs and sweeps: SVG frames on a fixed layout,
graphviz objects, and a self-contained HTML export.

Nothing heavy is imported here: graphviz loads only when ``draw`` is called
(matplotlib only for the lessons' plots), and a missing ``dot`` program never
breaks an import (``svg``/``frames``/``show`` then use the Python layout).
Graphs over ``MAX_NODES`` nodes raise :class:`GraphTooLarge` unless drawn with
``structure_only=True`` (names only, no numbers).

Modules: ``style`` (colours, fonts, legend), ``labels`` (what is written and
highlighted), ``geometry`` (the layout, once per graph), ``svg_render`` (SVG
frames, from the pieces in ``svg_parts``), ``dot`` (graphviz), ``export`` (HTML),
``availability`` (is ``dot`` installed), ``show`` (either drawing); ``plots`` holds the lessons' plots.
"""

from .availability import MISSING_DOT, MissingDotWarning, has_dot, reset_dot_detection
from .geometry import MAX_NODES, GraphTooLarge, Layout, layout
from .show import show
from .svg_render import Drawing, frames, svg


def draw(obj, **opts):
    """A graphviz.Digraph of a Graph or State (see :func:`autodiff_core.viz.dot.draw`)."""
    from .dot import draw as _draw

    return _draw(obj, **opts)


def draw_matplotlib(obj, **opts):
    """Deprecated: the SVG drawing, which needs no ``dot`` either (see ``viz.show``)."""
    from .show import draw_matplotlib as _draw

    return _draw(obj, **opts)


def export_html(sweep, path, **opts):
    """Write every frame of a sweep to one self-contained HTML file (see ``viz.export``)."""
    from .export import export_html as _export

    return _export(sweep, path, **opts)


__all__ = [
    "Drawing",
    "GraphTooLarge",
    "Layout",
    "MAX_NODES",
    "MISSING_DOT",
    "MissingDotWarning",
    "draw",
    "draw_matplotlib",
    "export_html",
    "frames",
    "has_dot",
    "layout",
    "reset_dot_detection",
    "show",
    "svg",
]
