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
from .show import Drawing, show
from .svg_render import frames, svg


def draw(obj, **opts):
    """A graphviz.Digraph of a Graph or State (see :func:`autodiff_core.viz.dot.draw`)."""
    from .dot import draw as _draw

    return _draw(obj, **opts)


def draw_matplotlib(obj, **opts):
    """Deprecated: the SVG drawing, which needs no ``dot`` either (see ``viz.show``)."""
    from .show import draw_matplotlib as _draw

    return _draw(obj, **opts)


def __getattr__(name: str):
    """``export_html``, the player's page (:func:`autodiff_core.player.page.export_html`: the
    page is the player's second host), under the name the lessons use; imported when first
    asked for, so viz never loads the player otherwise."""
    if name == "export_html":
        from ..player.page import export_html  # the one name viz keeps from above it

        return export_html
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted({*globals(), "export_html"})


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
