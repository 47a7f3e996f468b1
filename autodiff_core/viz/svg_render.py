"""Frames as SVG text, built from one fixed layout: fast string building, no ``dot`` needed.

Everything that does not change from frame to frame (box geometry, names, edge
paths, labels) is written once per sweep by a :class:`Renderer`; a frame only
fills in numbers and picks the styles of the current step. Colours are written
as attributes (no <style>, no ids, no markers), so many frames can sit in one
page, hidden or shown, without interfering.
"""

from __future__ import annotations

from . import labels, style
from .labels import escape
from .geometry import Layout, bezier_middle, check_size, layout as make_layout
from .svg_parts import fmt, markup, poly, swatch


class Renderer:
    """Writes frames of one graph and one sweep kind on one fixed layout."""

    def __init__(self, graph, lay: Layout, kind: str, edge_labels: bool = False):
        if not lay.fits(graph):
            raise ValueError("this layout was made for another graph")
        self.graph, self.layout, self.kind = graph, lay, kind
        self.scheme = style.scheme(kind)
        self.edge_labels = edge_labels
        edges = self._edge_list = graph.edges
        self._edges = [(r.d(), poly(r.arrow()), poly(r.arrow(at_start=True))) for r in lay.routes]
        self._labels = [self._label_parts(k) for k in range(len(edges))] if edge_labels else []
        self._nodes = [self._node_parts(i) for i in range(len(graph))]
        pieces, legend_h, legend_w = labels.legend(kind, max(lay.width - 2 * style.MARGIN, 480))
        self.width = max(lay.width, legend_w + 2 * style.MARGIN)
        self.height = lay.height + legend_h
        self._xshift = (self.width - lay.width) / 2
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
        return (
            f'x="{fmt(x - w / 2)}" y="{fmt(y - h / 2)}" width="{fmt(w)}" height="{fmt(h)}"',
            f'x="{fmt(x)}" y="{fmt(y + style.EDGE_FONT * 0.36)}"',
            markup(text, style.EDGE_FONT),
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
            "name": escape(nd.name),
            "title": escape(labels.title(g, i)),
            "output": nd.output is not None,
        }
        if self.layout.structure_only:
            d["label"] = markup(nd.label, style.FONT)
            return d
        r, hb = style.RADIUS, style.HEADER_H
        d["band"] = (
            f"M{fmt(x0)},{fmt(y0 + hb)}V{fmt(y0 + r)}A{r},{r} 0 0 1 {fmt(x0 + r)},{fmt(y0)}"
            f"H{fmt(x0 + b.w - r)}A{r},{r} 0 0 1 {fmt(x0 + b.w)},{fmt(y0 + r)}"
            f"V{fmt(y0 + hb)}Z"
        )
        d["header"] = markup(labels.header(nd), style.HEADER_FONT)
        d["header_y"] = y0 + hb / 2 + style.HEADER_FONT * 0.36
        n_rows = 1 if self.kind in ("graph", "evaluate") else 2
        body = b.h - hb
        top = y0 + hb + (body - n_rows * style.ROW_H) / 2
        d["rows_y"] = [top + style.ROW_H * (k + 0.5) + style.FONT * 0.36 for k in range(n_rows)]
        names = [nd.label] + ([labels.quantity_name(g, i, self.kind)] if n_rows == 2 else [])
        d["names"] = [markup(nm + " = ", style.FONT) for nm in names]
        d["name_w"] = [labels.width(nm + " = ", style.FONT) for nm in names]
        return d

    def _legend_text(self, pieces) -> str:
        y0 = self.layout.height + 4
        out = [f'<g data-legend="{self.kind}" font-size="{style.LEGEND_FONT}" fill="{style.INK}">']
        left = style.MARGIN - self._xshift
        for row, x, key, words, _ in pieces:
            y = y0 + row * 22 + 16
            text = markup(words, style.LEGEND_FONT)
            if key is None:
                out.append(
                    f'<text x="{fmt(left + x)}" y="{fmt(y)}" font-weight="bold" fill="{self.scheme.ink}">{text}</text>'
                )
            else:
                out.append(
                    swatch(key, self.scheme, left + x, y - 11.5)
                    + f'<text x="{fmt(left + x + 28)}" y="{fmt(y)}">{text}</text>'
                )
        out.append("</g>")
        return "".join(out)

    # -- one frame --------------------------------------------------------------------------------
    def render(self, state=None) -> str:
        """The SVG of one frame: the graph alone (state None) or a sweep's state."""
        g = self.graph
        hl = labels.highlights(g, state, self._edge_list)
        current, reads, final = hl.current, hl.reads, hl.final
        cur_edges, done = hl.edges_now, hl.edges_done
        out = [self._open(state)]
        out.append(self._draw_edges(cur_edges, done))
        for i in range(len(g)):
            status = "current" if i == current else "read" if i in reads else ""
            out.append(self._draw_node(i, state, status, final[i]))
        if self.edge_labels:
            out.append(self._draw_labels(cur_edges))
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
            + f'<rect width="{fmt(W)}" height="{fmt(H)}" rx="8" fill="{style.BACKGROUND}"/>'
            + f'<g transform="translate({fmt(self._xshift)},0)">'
        )

    def _draw_edges(self, cur, done) -> str:
        plain, used, now = [], [], []
        for k in range(len(self._edges)):
            status = "current" if k in cur else "done" if k in done else ""
            (now if status == "current" else used if status else plain).append(self.edge(k, status))
        return "".join(plain + used + now)

    def edge(self, k: int, status: str = "") -> str:
        """Edge k as one SVG group: ``status`` '' (not used yet), 'done' or 'current'
        (drawn bold, its arrow pointing the way the sweep's quantity flows)."""
        s = self.scheme
        d, head, back = self._edges[k]
        slot = len(self.graph) + k
        if status == "current":
            arrow = back if self.kind == "reverse" else head
            return (
                f'<g data-edge="{k}" data-slot="{slot}" data-status="current"><path d="{d}" '
                f'fill="none" stroke="{s.ink}" stroke-width="3.2" stroke-linecap="round"/>'
                f'<polygon points="{arrow}" fill="{s.ink}"/></g>'
            )
        if status == "done":
            return (
                f'<g data-edge="{k}" data-slot="{slot}" data-status="done"><path d="{d}" '
                f'fill="none" stroke="{s.done_edge}" stroke-width="2"/>'
                f'<polygon points="{head}" fill="{s.done_edge}"/></g>'
            )
        return (
            f'<g data-edge="{k}" data-slot="{slot}"><path d="{d}" fill="none" '
            f'stroke="{style.EDGE}" stroke-width="1.5"/><polygon points="{head}" '
            f'fill="{style.EDGE}"/></g>'
        )

    def _draw_labels(self, cur) -> str:
        s = self.scheme
        out = []
        for k, (rect, pos, text) in enumerate(self._labels):
            hot = k in cur
            out.append(
                f'<g data-label="{k}"><rect {rect} rx="4" fill="#ffffff" fill-opacity="0.93" '
                f'stroke="{s.ink if hot else "#d0d7de"}" stroke-width="{1.6 if hot else 1}"/>'
                f'<text {pos} text-anchor="middle" font-size="{style.EDGE_FONT}" '
                f'fill="{s.ink if hot else "#3d444d"}">{text}</text></g>'
            )
        return "".join(out)

    def node(self, i: int, state, status: str = "", final: bool = False) -> str:
        """Node i as one SVG group in a state: ``status`` '' , 'read' or 'current'."""
        return self._draw_node(i, state, status, final)

    def _draw_node(self, i, state, status, final) -> str:
        d, s = self._nodes[i], self.scheme
        x0, y0, w, h = d["x0"], d["y0"], d["w"], d["h"]
        hot = status == "current"
        fill = s.strong_tint if hot else s.tint if final else "#ffffff"
        stroke = s.ink if status else style.BORDER
        width = 2.8 if hot else 2 if status else 1.3
        dash = ' stroke-dasharray="5 3"' if status == "read" else ""
        flags = " ".join(f for f in (status, "final" if final else "", "output" if d["output"] else "") if f)
        out = [f'<g data-node="{d["name"]}" data-slot="{i}" data-status="{flags}"><title>{d["title"]}</title>']
        if d["output"]:
            out.append(
                f'<rect x="{fmt(x0 - 4)}" y="{fmt(y0 - 4)}" width="{fmt(w + 8)}" '
                f'height="{fmt(h + 8)}" rx="{style.RADIUS + 3}" fill="none" '
                f'stroke="{stroke if hot else style.INK}" stroke-width="1.3"/>'
            )
        out.append(
            f'<rect x="{fmt(x0)}" y="{fmt(y0)}" width="{fmt(w)}" height="{fmt(h)}" '
            f'rx="{style.RADIUS}" fill="{fill}" stroke="{stroke}" stroke-width="{width}"'
            f"{dash}/>"
        )
        if self.layout.structure_only:
            out.append(
                f'<text x="{fmt(d["cx"])}" y="{fmt(y0 + h / 2 + 5)}" text-anchor="middle">{d["label"]}</text></g>'
            )
            return "".join(out)
        head_fill, head_ink = (s.ink, "#ffffff") if hot else (style.HEADER_FILL, style.INK)
        out.append(
            f'<path d="{d["band"]}" fill="{head_fill}"/>'
            f'<text x="{fmt(d["cx"])}" y="{fmt(d["header_y"])}" text-anchor="middle" '
            f'font-weight="bold" font-size="{style.HEADER_FONT}" fill="{head_ink}">'
            f"{d['header']}</text>"
        )
        for row, y, name, name_w in zip(labels.rows(self.graph, i, state), d["rows_y"], d["names"], d["name_w"]):
            if row.known:
                colour = s.ink if row.role == "quantity" or self.kind == "evaluate" else style.INK
                if self.kind == "graph":
                    colour = style.INK
                computed = row.role == "quantity" or self.kind == "evaluate"
                weight = ' font-weight="bold"' if hot and computed else ""
                mark = ' data-q="1"' if computed else ""
                value = f'<tspan fill="{colour}"{weight}{mark}>{markup(row.value, style.FONT)}</tspan>'
            else:
                value = f'<tspan fill="{style.UNKNOWN}" font-weight="bold">?</tspan>'
            need = name_w + labels.width(row.value, style.FONT, bold=True)
            fit = (
                f' textLength="{fmt(w - 2 * style.PAD)}" lengthAdjust="spacingAndGlyphs"'
                if need > w - 2 * style.PAD
                else ""
            )
            out.append(f'<text x="{fmt(x0 + style.PAD)}" y="{fmt(y)}"{fit} fill="{style.INK}">{name}{value}</text>')
        if final:
            cx, cy = x0 + w - 13, y0 + style.HEADER_H / 2
            ring, tick = ("#ffffff", s.ink) if hot else (s.ink, "#ffffff")
            out.append(
                f'<circle cx="{fmt(cx)}" cy="{fmt(cy)}" r="7" fill="{ring}"/>'
                f'<path d="M{fmt(cx - 3.5)},{fmt(cy + 0.2)}l2.4,2.5l4.6,-5" fill="none" '
                f'stroke="{tick}" stroke-width="1.8" stroke-linecap="round" '
                f'stroke-linejoin="round"/>'
            )
        out.append("</g>")
        return "".join(out)


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
