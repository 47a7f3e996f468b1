"""A sweep as one self-contained HTML page.

The page is the step-through player's second host, so it lives with the player
(:mod:`autodiff_core.player.page`); this name stays for ``viz.export_html``.
"""

from __future__ import annotations


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
    ``presenter=True``: it opens in presenter mode; ``predict=True``: in predict mode."""
    from ..player.page import export_html as _export  # the player sits above the drawings

    return _export(
        sweep, path, direction=direction, edge_labels=edge_labels, title=title, presenter=presenter, predict=predict
    )
