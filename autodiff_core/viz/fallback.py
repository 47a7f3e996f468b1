"""The same drawing with matplotlib, for machines without graphviz's ``dot``.

It reads the same layout (the Python one when ``dot`` is missing), words and
highlights as the SVG frames, and returns a ``matplotlib.figure.Figure`` made
through pyplot but closed at once, so it shows once in Jupyter and nothing stays open.
"""

from __future__ import annotations

from . import labels, style
from .geometry import Layout, bezier_middle, check_size, layout as make_layout

PT = 0.75  # px -> points at 96 dpi


def draw_matplotlib(
    obj,
    *,
    direction: str = "LR",
    edge_labels: bool = False,
    layout: Layout | None = None,
    structure_only: bool = False,
    dpi: int = 96,
):
    """A matplotlib Figure of a Graph or a sweep's State, showing what the SVG shows."""
    import matplotlib.pyplot as plt  # at call time; the figure is closed so Jupyter shows it once
    from matplotlib.patches import Circle, FancyBboxPatch, PathPatch, Polygon, Rectangle
    from matplotlib.path import Path

    kind = labels.kind_of(obj)
    graph = labels.graph_of(obj)
    check_size(graph, structure_only)
    state = None if kind == "graph" else obj
    lay = layout or make_layout(graph, direction, edge_labels=edge_labels, structure_only=structure_only)
    s = style.scheme(kind)
    pieces, legend_h, legend_w = labels.legend(kind, max(lay.width - 2 * style.MARGIN, 480))
    W, H = max(lay.width, legend_w + 2 * style.MARGIN), lay.height + legend_h
    fig = plt.figure(figsize=(W / 96, H / 96), dpi=dpi, facecolor="white")
    plt.close(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    shift = (W - lay.width) / 2  # centre the graph over a wider legend
    ax.set_xlim(-shift, W - shift)
    ax.set_ylim(H, 0)
    ax.set_axis_off()
    font = {"family": "DejaVu Sans"}
    hl = labels.highlights(graph, state)

    # edges
    for k, r in enumerate(lay.routes):
        hot, done = k in hl.edges_now, k in hl.edges_done
        colour = s.ink if hot else s.done_edge if done else style.EDGE
        codes = [Path.MOVETO] + [Path.CURVE4] * (len(r.path) - 1)
        ax.add_patch(
            PathPatch(
                Path(r.path, codes),
                fill=False,
                edgecolor=colour,
                lw=(3.2 if hot else 2 if done else 1.5) * PT,
                zorder=3 if hot else 2 if done else 1,
            )
        )
        ax.add_patch(
            Polygon(
                r.arrow(at_start=hot and kind == "reverse"), closed=True, facecolor=colour, edgecolor="none", zorder=3
            )
        )
        if edge_labels:
            x, y = r.label_at if r.label_at else bezier_middle(r.path)
            ax.text(
                x,
                y,
                labels.mathtext(labels.partial_text(graph, r.child, r.pos)),
                ha="center",
                va="center",
                fontsize=style.EDGE_FONT * PT,
                color=s.ink if hot else "#3d444d",
                zorder=6,
                fontdict=font,
                bbox={
                    "boxstyle": "round,pad=0.25",
                    "fc": "white",
                    "alpha": 0.93,
                    "ec": s.ink if hot else "#d0d7de",
                    "lw": 1.6 * PT if hot else PT,
                },
            )

    # nodes
    for i, b in enumerate(lay.boxes):
        nd = graph.nodes[i]
        hot, read, fin = i == hl.current, i in hl.reads, hl.final[i]
        x0, y0 = b.x - b.w / 2, b.y - b.h / 2
        fill = s.strong_tint if hot else s.tint if fin else "white"
        edge = s.ink if hot or read else style.BORDER
        lw = (2.8 if hot else 2 if read else 1.3) * PT
        box = FancyBboxPatch(
            (x0, y0),
            b.w,
            b.h,
            boxstyle=f"round,pad=0,rounding_size={style.RADIUS}",
            facecolor=fill,
            edgecolor=edge,
            lw=lw,
            ls="--" if read else "-",
            zorder=4,
        )
        ax.add_patch(box)
        if nd.output is not None:
            ax.add_patch(
                FancyBboxPatch(
                    (x0 - 4, y0 - 4),
                    b.w + 8,
                    b.h + 8,
                    boxstyle=f"round,pad=0,rounding_size={style.RADIUS + 3}",
                    fill=False,
                    edgecolor=style.INK,
                    lw=1.3 * PT,
                    zorder=4,
                )
            )
        if lay.structure_only:
            ax.text(
                b.x,
                b.y,
                labels.mathtext(nd.label),
                ha="center",
                va="center",
                fontsize=style.FONT * PT,
                color=style.INK,
                zorder=5,
                fontdict=font,
            )
            continue
        band = Rectangle(
            (x0, y0), b.w, style.HEADER_H, facecolor=s.ink if hot else style.HEADER_FILL, edgecolor="none", zorder=4.5
        )
        band.set_clip_path(box)
        ax.add_patch(band)
        ax.text(
            b.x,
            y0 + style.HEADER_H / 2,
            labels.mathtext(labels.header(nd)),
            ha="center",
            va="center",
            fontsize=style.HEADER_FONT * PT,
            weight="bold",
            zorder=5,
            color="white" if hot else style.INK,
            fontdict=font,
        )
        rows = labels.rows(graph, i, state)
        body = b.h - style.HEADER_H
        top = y0 + style.HEADER_H + (body - len(rows) * style.ROW_H) / 2
        for k, row in enumerate(rows):
            y = top + style.ROW_H * (k + 0.5)
            name = row.name + " = "
            ax.text(
                x0 + style.PAD,
                y,
                labels.mathtext(name),
                ha="left",
                va="center",
                fontsize=style.FONT * PT,
                color=style.INK,
                zorder=5,
                fontdict=font,
            )
            computed = row.role == "quantity" or kind == "evaluate"
            colour = (s.ink if computed and kind != "graph" else style.INK) if row.known else style.UNKNOWN
            ax.text(
                x0 + style.PAD + labels.width(name, style.FONT) + 2,
                y,
                labels.mathtext(row.value),
                ha="left",
                va="center",
                fontsize=style.FONT * PT,
                color=colour,
                zorder=5,
                fontdict=font,
                weight="bold" if (hot and computed) or not row.known else "normal",
            )
        if fin:
            cx, cy = x0 + b.w - 13, y0 + style.HEADER_H / 2
            ring, tick = ("white", s.ink) if hot else (s.ink, "white")
            ax.add_patch(Circle((cx, cy), 7, facecolor=ring, edgecolor="none", zorder=5))
            ax.plot(
                [cx - 3.5, cx - 1.1, cx + 3.5],
                [cy + 0.2, cy + 2.7, cy - 2.3],
                color=tick,
                lw=1.8 * PT,
                solid_capstyle="round",
                zorder=6,
            )

    # legend
    left = style.MARGIN - shift
    for row, x, key, words, _ in pieces:
        y = lay.height + 4 + row * 22 + 12
        if key is None:
            ax.text(
                left + x,
                y,
                labels.mathtext(words),
                ha="left",
                va="center",
                weight="bold",
                color=s.ink,
                fontsize=style.LEGEND_FONT * PT,
                fontdict=font,
            )
            continue
        _swatch(ax, key, s, left + x, y - 7)
        ax.text(
            left + x + 28,
            y,
            labels.mathtext(words),
            ha="left",
            va="center",
            color=style.INK,
            fontsize=style.LEGEND_FONT * PT,
            fontdict=font,
        )
    return fig


def _swatch(ax, key, s, x, y):
    from matplotlib.patches import FancyBboxPatch

    def box(fill, edge, lw=1.0, ls="-", dx=0.0):
        ax.add_patch(
            FancyBboxPatch(
                (x - dx, y - dx),
                20 + 2 * dx,
                14 + 2 * dx,
                boxstyle="round,pad=0,rounding_size=3",
                facecolor=fill,
                edgecolor=edge,
                lw=lw * PT,
                ls=ls,
            )
        )

    if key == "current":
        box(s.strong_tint, s.ink, 2.4)
    elif key == "read":
        box("white", s.ink, 1.8, "--")
    elif key == "edge":
        ax.plot([x, x + 20], [y + 7, y + 7], color=s.ink, lw=3.2 * PT, solid_capstyle="round")
    elif key in ("final", "unknown"):
        box(s.tint if key == "final" else "white", style.BORDER)
        ax.text(
            x + 10,
            y + 7,
            "✓" if key == "final" else "?",
            ha="center",
            va="center",
            weight="bold",
            color=s.ink if key == "final" else style.UNKNOWN,
            fontsize=style.LEGEND_FONT * PT,
        )
    else:
        box("none", style.INK, 1.2, dx=3)
        box("white", style.BORDER, 1.2)
