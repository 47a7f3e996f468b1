"""Frames as SVG text, built from one fixed layout: fast string building, no ``dot`` needed.

Everything that does not change from frame to frame (box geometry, names, edge
paths, labels) is written once per sweep by a :class:`Renderer`; a frame only
fills in numbers and picks the styles of the current step. Colours are written
as attributes (no <style>, no ids, no markers), so many frames can sit in one
page, hidden or shown, without interfering, and a standalone drawing is light.
Every element also has a stable class (``adv-bg``; nodes ``adn-box``, ``adn-out``,
``adn-band``, ``adn-head``, ``adn-row``, ``adn-q``, ``adn-partial``, ``adn-unk``,
``adn-tick-ring``, ``adn-tick``; edges ``ade-line``, ``ade-head``; edge labels
``adl-box``, ``adl-text``; the legend ``adg-*``; drawn marks ``adm-bar``, ``adm-dot``,
``adm-glyph``), and node and edge groups a ``data-status``, so a stylesheet (the
player's ``drawing.css``) can restyle them: the dark theme.
"""

from __future__ import annotations

from ..checkpoint_text import memory_word
from ..marks import plain
from ..modes import MODES
from . import labels, style
from .highlights import flows_back, highlights, memory_of
from .labels import escape
from .geometry import Layout, bezier_middle, check_size, layout as make_layout
from .svg_parts import fmt, markup, marks, memory_marks, poly, struck, swatch


class Renderer:
    """Writes frames of one graph and one sweep kind on one fixed layout."""

    def __init__(self, graph, lay: Layout, kind: str, edge_labels: bool = False):
        if not lay.fits(graph):
            raise ValueError("this layout was made for another graph")
        self.graph, self.layout, self.kind, self.mode = graph, lay, kind, MODES.get(kind)  # mode None: a bare graph
        self.scheme = style.scheme(kind)
        self.edge_labels = edge_labels
        edges = self._edge_list = graph.edges
        self._edges = [(r.d(), poly(r.arrow()), poly(r.arrow(at_start=True))) for r in lay.routes]
        self._labels = [self._label_parts(k) for k in range(len(edges))] if edge_labels else []
        self._nodes = [self._node_parts(i) for i in range(len(graph))]
        # one width for every kind, so a node sits at the same x in every mode's drawing
        self.width = max(lay.width, style.LEGEND_W + 2 * style.MARGIN) if kind != "graph" else lay.width
        pieces, legend_h, _ = labels.legend(kind, self.width - 2 * style.MARGIN)
        self.height = lay.height + legend_h
        self.xshift = (self.width - lay.width) / 2  # the layout's x = 0 in the drawing
        self._legend = self._legend_text(pieces)

    # -- static parts ------------------------------------------------------------------------
    def _label_parts(self, k):
        r = self.layout.routes[k]
        text = labels.partial_text(self.graph, r.child, r.pos)
        if self.layout.label_sizes:
            w, h = self.layout.label_sizes[k]
            x, y = r.label_at
        else:  # laid out without labels: put it on the middle of the path
            w = labels.width(text, style.EDGE_FONT) + 10
            h = style.EDGE_FONT + 8
            x, y = bezier_middle(r.path)
        base = y + style.EDGE_FONT * 0.36
        return (
            f'x="{fmt(x - w / 2)}" y="{fmt(y - h / 2)}" width="{fmt(w)}" height="{fmt(h)}"',
            f'x="{fmt(x)}" y="{fmt(base)}"',
            markup(text, style.EDGE_FONT),
            (text, x, base),
        )

    def _node_parts(self, i):
        g, b = self.graph, self.layout.boxes[i]
        nd = g.nodes[i]
        x0, y0 = b.x - b.w / 2, b.y - b.h / 2
        d = {
            "x0": x0,
            "y0": y0,
            "w": b.w,
            "h": b.h,
            "cx": b.x,
            "name": escape(plain(nd.name)),
            "title": escape(labels.title(g, i)),
            "output": nd.output is not None,
        }
        if self.layout.structure_only:
            d["label"] = markup(nd.label, style.FONT)
            d["label_marks"] = marks(
                nd.label, style.FONT, b.x, y0 + b.h / 2 + 5, "middle", fill=style.INK, cls="adn-row"
            )
            return d
        r, hb = style.RADIUS, style.HEADER_H
        d["band"] = (
            f"M{fmt(x0)},{fmt(y0 + hb)}V{fmt(y0 + r)}A{r},{r} 0 0 1 {fmt(x0 + r)},{fmt(y0)}"
            f"H{fmt(x0 + b.w - r)}A{r},{r} 0 0 1 {fmt(x0 + b.w)},{fmt(y0 + r)}"
            f"V{fmt(y0 + hb)}Z"
        )
        head = labels.header(nd)
        d["header"] = markup(head, style.HEADER_FONT)
        d["header_y"] = y0 + hb / 2 + style.HEADER_FONT * 0.36
        d["header_marks"] = {
            ink: marks(head, style.HEADER_FONT, b.x, d["header_y"], "middle", fill=ink, cls="adn-head")
            for ink in (style.INK, style.BACKGROUND)
        }
        n_rows = 2 if self.mode is not None and self.mode.quantity else 1  # the value, its quantity
        body = b.h - hb
        top = y0 + hb + (body - n_rows * style.ROW_H) / 2
        d["rows_y"] = [top + style.ROW_H * (k + 0.5) + style.FONT * 0.36 for k in range(n_rows)]
        names = [nd.label] + ([labels.quantity_name(g, i, self.kind)] if n_rows == 2 else [])
        d["names"] = [markup(nm + " = ", style.FONT) for nm in names]
        d["name_w"] = [labels.width(nm + " = ", style.FONT) for nm in names]
        d["marked"] = [nm if any(r[2] for r in labels.runs(nm)) else None for nm in names]  # marks to draw
        return d

    def _legend_text(self, pieces) -> str:
        y0 = self.layout.height + 4
        out = [f'<g data-legend="{self.kind}" font-size="{style.LEGEND_FONT}" fill="{style.INK}">']
        left = style.MARGIN - self.xshift
        f = style.LEGEND_FONT
        for row, x, key, words, _ in pieces:
            y = y0 + row * 22 + 16
            text = markup(words, f)
            if key is None:
                out.append(
                    f'<text class="adg-title" x="{fmt(left + x)}" y="{fmt(y)}" font-weight="bold" '
                    f'fill="{self.scheme.ink}">{text}</text>'
                    + marks(words, f, left + x, y, fill=self.scheme.ink, cls="adg-title")
                )
            else:
                out.append(
                    swatch(key, self.scheme, left + x, y - 11.5)
                    + f'<text class="adg-text" x="{fmt(left + x + 28)}" y="{fmt(y)}">{text}</text>'
                    + marks(words, f, left + x + 28, y, fill=style.INK, cls="adg-text")
                )
        out.append("</g>")
        return "".join(out)

    # -- one frame --------------------------------------------------------------------------------
    def render(self, state=None) -> str:
        """The SVG of one frame: the graph alone (state None) or a sweep's state."""
        g = self.graph
        hl = highlights(g, state, self._edge_list)
        out = [self._open(state)]
        out.append(self._draw_edges(hl.edges_now, hl.edges_done, flows_back(state)))
        for i in range(len(g)):
            out.append(self._draw_node(i, state, hl.status(i), hl.final[i]))
        if self.edge_labels:
            out.append(self._draw_labels(hl.edges_now))
        out.append(self._legend)
        out.append("</g></svg>")
        return "".join(out)

    def _open(self, state):
        W, H = self.width, self.height
        cap = "" if state is None else escape(state.caption)
        k = "" if state is None else f' data-step="{state.k}" data-steps="{state.n_steps}"'
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="adviz" viewBox="0 0 {fmt(W)} {fmt(H)}" '
            f'width="{fmt(W)}" height="{fmt(H)}" style="max-width:100%;height:auto" '
            f'role="img" font-family="{style.FONT_FAMILY}" font-size="{style.FONT}" '
            f'data-kind="{self.kind}"{k}>'
            + (f"<title>{cap}</title>" if cap else "")
            + f'<rect class="adv-bg" width="{fmt(W)}" height="{fmt(H)}" rx="8" fill="{style.BACKGROUND}"/>'
            + f'<g transform="translate({fmt(self.xshift)},0)">'
        )

    def _draw_edges(self, cur, done, back=None) -> str:
        plain, used, now = [], [], []
        for k in range(len(self._edges)):
            status = "current" if k in cur else "done" if k in done else ""
            (now if status == "current" else used if status else plain).append(self.edge(k, status, back))
        return "".join(plain + used + now)

    def edge(self, k: int, status: str = "", back: bool | None = None) -> str:
        """Edge k as one SVG group: ``status`` '' (not used yet), 'done' or 'current'
        (drawn bold, its arrow pointing the way the sweep's quantity flows: back from the
        child in reverse mode, or as ``back`` says)."""
        s = self.scheme
        d, head, tail = self._edges[k]
        slot = len(self.graph) + k
        if status == "current":
            colour, pen, arrow = (
                s.ink,
                ' stroke-width="3.2" stroke-linecap="round"',
                tail if (self.mode.back if back is None else back) else head,
            )
        elif status == "done":
            colour, pen, arrow = s.done_edge, ' stroke-width="2"', head
        else:
            colour, pen, arrow = style.EDGE, ' stroke-width="1.5"', head
        flag = f' data-status="{status}"' if status else ""
        return (
            f'<g data-edge="{k}" data-slot="{slot}"{flag}><path class="ade-line" d="{d}" '
            f'fill="none" stroke="{colour}"{pen}/><polygon class="ade-head" points="{arrow}" fill="{colour}"/></g>'
        )

    def _draw_labels(self, cur) -> str:
        s = self.scheme
        out = []
        for k, (rect, pos, text, (words, x, y)) in enumerate(self._labels):
            hot = k in cur
            ink = s.ink if hot else style.THEMES["light"].label_ink
            flag = ' data-status="current"' if hot else ""
            out.append(
                f'<g data-label="{k}"{flag}><rect class="adl-box" {rect} rx="4" fill="#ffffff" '
                f'fill-opacity="0.93" stroke="{s.ink if hot else style.LIGHT.label_border}" '
                f'stroke-width="{1.6 if hot else 1}"/>'
                f'<text class="adl-text" {pos} text-anchor="middle" font-size="{style.EDGE_FONT}" '
                f'fill="{ink}">{text}</text>'
                + marks(words, style.EDGE_FONT, x, y, "middle", fill=ink, cls="adl-text")
                + "</g>"
            )
        return "".join(out)

    def node(self, i: int, state, status: str = "", final: bool = False) -> str:
        """Node i as one SVG group in a state: ``status`` '' , 'read' or 'current'."""
        return self._draw_node(i, state, status, final)

    def _draw_node(self, i, state, status, final) -> str:
        d, s = self._nodes[i], self.scheme
        x0, y0, w, h = d["x0"], d["y0"], d["w"], d["h"]
        hot = status == "current"
        fill = s.strong_tint if hot else s.tint if final else style.BACKGROUND
        stroke = s.ink if status else style.BORDER
        width = 2.8 if hot else 2 if status else 1.3
        dash = ' stroke-dasharray="5 3"' if status == "read" else ""
        rows = labels.rows(self.graph, i, state) if not self.layout.structure_only else ()
        partial = any(r.partial for r in rows)
        memory, held = memory_of(state, i)  # checkpointing: what memory does with the value
        gone = held.endswith("freed")
        dash = dash or (f' stroke-dasharray="{style.FREED_DASH}"' if gone else "")
        flags = (status, "final" if final else "", "partial" if partial else "", "output" if d["output"] else "", held)
        flags = " ".join(f for f in flags if f)
        title = d["title"] + (f" ({escape(memory_word(memory))})" if memory else "")
        out = [f'<g data-node="{d["name"]}" data-slot="{i}" data-status="{flags}"><title>{title}</title>']
        if d["output"]:
            out.append(
                f'<rect class="adn-out" x="{fmt(x0 - 4)}" y="{fmt(y0 - 4)}" width="{fmt(w + 8)}" '
                f'height="{fmt(h + 8)}" rx="{style.RADIUS + 3}" fill="none" '
                f'stroke="{stroke if hot else style.INK}" stroke-width="1.3"/>'
            )
        out.append(
            f'<rect class="adn-box" x="{fmt(x0)}" y="{fmt(y0)}" width="{fmt(w)}" height="{fmt(h)}" '
            f'rx="{style.RADIUS}" fill="{fill}" stroke="{stroke}" stroke-width="{width}"'
            f"{dash}/>"
        )
        if self.layout.structure_only:
            out.append(
                f'<text class="adn-row" x="{fmt(d["cx"])}" y="{fmt(y0 + h / 2 + 5)}" text-anchor="middle">'
                f"{d['label']}</text>{d['label_marks']}</g>"
            )
            return "".join(out)
        head_fill, head_ink = (s.ink, style.BACKGROUND) if hot else (style.HEADER_FILL, style.INK)
        out.append(
            f'<path class="adn-band" d="{d["band"]}" fill="{head_fill}"/>'
            f'<text class="adn-head" x="{fmt(d["cx"])}" y="{fmt(d["header_y"])}" text-anchor="middle" '
            f'font-weight="bold" font-size="{style.HEADER_FONT}" fill="{head_ink}">'
            f"{d['header']}</text>{d['header_marks'][head_ink]}"
        )
        for k, (row, y) in enumerate(zip(rows, d["rows_y"])):
            out.append(self._row(d, k, row, y, hot, gone and k == 0))
        if memory in ("stored", "recomputed"):
            out.append(memory_marks(memory, x0, y0, h, hot))
        if final:
            cx, cy = x0 + w - 13, y0 + style.HEADER_H / 2
            ring, tick = (style.BACKGROUND, s.ink) if hot else (s.ink, style.BACKGROUND)
            out.append(
                f'<circle class="adn-tick-ring" cx="{fmt(cx)}" cy="{fmt(cy)}" r="7" fill="{ring}"/>'
                f'<path class="adn-tick" d="M{fmt(cx - 3.5)},{fmt(cy + 0.2)}l2.4,2.5l4.6,-5" fill="none" '
                f'stroke="{tick}" stroke-width="1.8" stroke-linecap="round" '
                f'stroke-linejoin="round"/>'
            )
        out.append("</g>")
        return "".join(out)

    def _row(self, d, k: int, row, y: float, hot: bool, gone: bool = False) -> str:
        """One line of a node box: its name, then the value (the quantity in the sweep's
        ink, bold on the current node; '?' until known; a running sum italic with '…'; a value
        no longer held, ``gone``, muted and struck through)."""
        s, x0, w = self.scheme, d["x0"], d["w"]
        shown = row.value + (style.PARTIAL if row.partial else "")
        if row.known:
            computed = self.mode is not None and (row.role == "quantity" or self.mode.quantity is None)
            colour = s.ink if computed else style.INK
            weight = ' font-weight="bold"' if hot and computed else ""
            attrs = ' class="adn-q adn-partial" font-style="italic"' if row.partial else ' class="adn-q"'
            attrs = (attrs + ' data-q="1"') if computed else ' class="adn-v"'
            if gone:
                attrs, colour, weight = ' class="adn-v adn-gone"', style.MUTED, ""
            value = f'<tspan{attrs} fill="{colour}"{weight}>{markup(shown, style.FONT)}</tspan>'
        else:
            value = f'<tspan class="adn-unk" fill="{style.UNKNOWN}" font-weight="bold">?</tspan>'
        need = d["name_w"][k] + labels.width(shown, style.FONT, bold=True)
        room = w - 2 * style.PAD
        fit = f' textLength="{fmt(room)}" lengthAdjust="spacingAndGlyphs"' if need > room else ""
        scale = room / need if need > room else 1.0
        drawn = ""
        if d["marked"][k]:
            drawn = marks(d["marked"][k], style.FONT, x0 + style.PAD, y, fill=style.INK, cls="adn-row", scale=scale)
        if gone and row.known:  # a line through the number
            left = x0 + style.PAD + d["name_w"][k] * scale
            drawn += struck(left, left + labels.width(shown, style.FONT) * scale, y)
        return (
            f'<text class="adn-row" x="{fmt(x0 + style.PAD)}" y="{fmt(y)}"{fit} fill="{style.INK}">'
            f"{d['names'][k]}{value}</text>{drawn}"
        )


# -- public functions -------------------------------------------------------------------------------
def svg(
    obj, *, direction: str = "LR", edge_labels: bool = False, layout: Layout | None = None, structure_only: bool = False
) -> str:
    """An inline SVG drawing of a Graph or of a sweep's State."""
    kind = labels.kind_of(obj)
    graph = labels.graph_of(obj)
    check_size(graph, structure_only)
    lay = layout or make_layout(graph, direction, edge_labels=edge_labels, structure_only=structure_only)
    return Renderer(graph, lay, kind, edge_labels).render(None if kind == "graph" else obj)


def frames(
    sweep,
    *,
    direction: str = "LR",
    edge_labels: bool = False,
    layout: Layout | None = None,
    structure_only: bool = False,
) -> list[str]:
    """SVG of every state 0..n_steps of a sweep, all on one layout."""
    if not (hasattr(sweep, "state") and hasattr(sweep, "n_steps")):
        raise TypeError(f"frames() takes a sweep (graph.forward(...), ...), got {type(sweep).__name__}")
    graph = sweep.graph
    check_size(graph, structure_only)
    lay = layout or make_layout(graph, direction, edge_labels=edge_labels, structure_only=structure_only)
    r = Renderer(graph, lay, sweep.kind, edge_labels)
    return [r.render(st) for st in sweep.states()]
