"""Drawings of computation graphs and sweeps: SVG frames on a fixed layout,
graphviz objects; ``export_html`` (a self-contained HTML page: the player's, kept here by name).

Nothing heavy is imported here: graphviz loads only when ``draw`` is called
(matplotlib only for the lessons' plots), and a missing ``dot`` program never
breaks an import (``svg``/``frames``/``show`` then use the Python layout).
Graphs over ``MAX_NODES`` nodes raise :class:`GraphTooLarge` unless drawn with
``structure_only=True`` (names only, no numbers).

Modules: ``style`` (colours, fonts, legend), ``labels`` (what is written and
highlighted), ``geometry`` (the layout, once per graph), ``svg_render`` (SVG
frames, from the pieces in ``svg_parts``), ``dot`` (graphviz),
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


def export_html(
    sweep,
    path,
    *,
    direction: str = "LR",
    edge_labels: bool = False,
    title: str | None = None,
    presenter: bool = False,
    predict: bool = False,
):
    """Write the step-through of ``sweep`` to one HTML file that works offline; return its path.
    ``presenter=True``: it opens in presenter mode; ``predict=True``: in predict mode.

    The page is the player's second host, so it lives with the player
    (:func:`autodiff_core.player.page.export_html`); this is the name the lessons use."""
    from ..player.page import export_html as _export  # the one name viz keeps from above it

    return _export(
        sweep, path, direction=direction, edge_labels=edge_labels, title=title, presenter=presenter, predict=predict
    )


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
