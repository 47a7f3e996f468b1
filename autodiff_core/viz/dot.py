"""Graphs and states as ``graphviz.Digraph`` objects (HTML-like labels, fixed box sizes).

Every box has the same fixed size for every frame of a graph, and the DOT text
differs between frames only in colours and label contents, so ``dot`` lays
every frame out identically. Without the ``dot`` program the Digraph still
builds, and displays in Jupyter through the built-in SVG renderer instead.
"""

from __future__ import annotations

from functools import cache

from ..marks import plain
from ..modes import MODES
from . import labels, style
from .availability import has_dot, warn_missing_dot
from .geometry import box_size, check_size
from .highlights import highlights, memory_of, points_back
from .svg_render import svg


def _html(text: str) -> str:
    """Display text for graphviz HTML-like labels. Scripts stay as Unicode (w¹₂):
    graphviz's <SUP>/<SUB> are misplaced in its SVG output. A letter with two marks
    stays in plain form (``(ŷ)¯``, :mod:`autodiff_core.marks`): graphviz cannot draw a
    mark over a mark."""
    return labels.escape(plain(text))


@cache
def _digraph_class():
    import graphviz

    class Digraph(graphviz.Digraph):
        """A graphviz.Digraph that, without ``dot``, displays the built-in SVG drawing."""

        _adviz_obj = None
        _adviz_opts: dict = {}

        def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
            if has_dot() or self._adviz_obj is None:
                return super()._repr_mimebundle_(include, exclude, **kwargs)
            warn_missing_dot()
            text = svg(self._adviz_obj, **self._adviz_opts)
            return {"image/svg+xml": text, "text/html": text}

    return Digraph


def _node_label(graph, i, state, kind, hot, final, structure_only, width) -> str:
    if structure_only:
        return "<" + _html(graph.nodes[i].label) + ">"
    s = style.scheme(kind)
    head = _html(labels.header(graph.nodes[i])) + (" ✓" if final else "")
    head_bg, head_ink = (s.ink, style.BACKGROUND) if hot else (style.HEADER_FILL, style.INK)
    cells = [
        f'<TR><TD BGCOLOR="{head_bg}" WIDTH="{int(width)}"><FONT COLOR="{head_ink}"><B>{head}</B></FONT></TD></TR>'
    ]
    for row in labels.rows(graph, i, state):
        if not row.known:
            value = f'<FONT COLOR="{style.UNKNOWN}"><B>?</B></FONT>'
        else:
            mode = MODES.get(kind)  # None: a bare graph
            computed = mode is not None and (row.role == "quantity" or mode.quantity is None)
            colour = s.ink if computed else style.INK
            value = f'<FONT COLOR="{colour}">{_html(row.value)}{style.PARTIAL if row.partial else ""}</FONT>'
            if row.partial:  # a running sum, more contributions to come
                value = f"<I>{value}</I>"
            if hot and computed:
                value = f"<B>{value}</B>"
        cells.append(f'<TR><TD ALIGN="LEFT" WIDTH="{int(width)}">{_html(row.name)} = {value}</TD></TR>')
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">' + "".join(cells) + "</TABLE>>"


def _legend(kind: str, avail: float) -> str:
    """The legend as an HTML-like table, in one or two rows like the SVG legend."""
    pieces, _, _ = labels.legend(kind, avail)
    if not pieces:
        return ""
    s = style.scheme(kind)
    swatch = {
        "current": (s.strong_tint, ""),
        "read": ("#ffffff", "- -"),
        "edge": (s.ink, ""),
        "partial": ("#ffffff", "5" + style.PARTIAL),
        "final": (s.tint, "✓"),
        "unknown": ("#ffffff", "?"),
        "output": ("#ffffff", ""),
        "stored": (style.memory_colour("stored"), ""),  # checkpointed reverse mode: what is held
        "recomputed": (style.memory_colour("recomputed"), ""),
        "freed": ("#ffffff", "···"),
    }
    rows: dict[int, list] = {}
    for row, _, key, words, _ in pieces:
        if key is None:
            cell = f'<TD><FONT COLOR="{s.ink}"><B>{_html(words)}</B></FONT></TD>'
        else:
            bg, mark = swatch[key]
            border = 2 if key in ("current", "output") else 1
            cell = f'<TD BGCOLOR="{bg}" BORDER="{border}" WIDTH="18">{labels.escape(mark)}</TD><TD>{_html(words)}</TD>'
        rows.setdefault(row, []).append(cell)
    body = "".join(
        f'<TR><TD><TABLE BORDER="0" CELLSPACING="4" CELLPADDING="2"><TR>{"".join(c)}</TR></TABLE></TD></TR>'
        for c in rows.values()
    )
    return f'<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0">{body}</TABLE>>'


def draw(obj, *, direction: str = "LR", edge_labels: bool = False, structure_only: bool = False):
    """A ``graphviz.Digraph`` of a Graph or a sweep's State: names with super/subscripts,
    operations, values, tangents or adjoints ('?' until known), the current step and
    finished nodes highlighted, a legend. Box sizes are fixed, so frames never move."""
    kind = labels.kind_of(obj)
    graph = labels.graph_of(obj)
    check_size(graph, structure_only)
    if direction not in ("LR", "TB"):
        raise ValueError(f"direction must be 'LR' or 'TB', not {direction!r}")
    state = None if kind == "graph" else obj
    s = style.scheme(kind)
    w, h = box_size(graph, structure_only)
    dg = _digraph_class()(name="autodiff", engine="dot")
    dg._adviz_obj = obj
    dg._adviz_opts = {"direction": direction, "edge_labels": edge_labels, "structure_only": structure_only}
    dg.attr(
        "graph",
        rankdir=direction,
        nodesep=f"{style.NODE_GAP / 72:.3f}",
        ranksep=f"{style.RANK_GAP / 72:.3f}",
        fontname=style.FONT_NAME,
        bgcolor="white",
        labelloc="b",
        labeljust="l",
        label=_legend(kind, (w + style.RANK_GAP) * (len(graph.levels) if direction == "LR" else 2)),
    )
    dg.attr(
        "node",
        shape="box",
        style="rounded,filled",
        fixedsize="true",
        width=f"{w / 72:.4f}",
        height=f"{h / 72:.4f}",
        fontname=style.FONT_NAME,
        fontsize=str(style.FONT - 2),
        fontcolor=style.INK,
        margin="0.05",
    )
    dg.attr(
        "edge",
        color=style.EDGE,
        arrowsize="0.8",
        fontname=style.FONT_NAME,
        fontsize=str(style.EDGE_FONT - 1.5),
        penwidth="1.3",
    )
    hl = highlights(graph, state)
    final = hl.final
    for level in graph.levels:
        with dg.subgraph() as rank:
            rank.attr(rank="same")
            for i in level:
                status = hl.status(i)
                attrs = {
                    "fillcolor": s.strong_tint if status == "current" else s.tint if final[i] else "white",
                    "color": s.ink if status else style.BORDER,
                    "penwidth": "2.6" if status == "current" else "1.8" if status else "1.2",
                    "tooltip": labels.title(graph, i),
                }
                memory, held = memory_of(state, i)
                if memory in ("stored", "recomputed") and not status:
                    attrs.update(color=style.memory_colour(memory), penwidth="2.4")
                if status == "read":
                    attrs["style"] = "rounded,filled,dashed"
                elif held.endswith("freed"):
                    attrs["style"] = "rounded,filled,dotted"
                if graph.nodes[i].output is not None:
                    attrs["peripheries"] = "2"
                rank.node(
                    f"n{i}",
                    _node_label(graph, i, state, kind, status == "current", final[i], structure_only, w - 14),
                    **attrs,
                )
    for k, (p, c, pos) in enumerate(graph.edges):
        attrs = {}
        hot = k in hl.edges_now
        if hot:
            attrs.update(color=s.ink, penwidth="3")
            if points_back(state):
                attrs["dir"] = "back"
        elif k in hl.edges_done:
            attrs.update(color=s.done_edge, penwidth="1.8")
        if edge_labels:
            attrs["label"] = "<" + _html(labels.partial_text(graph, c, pos)) + ">"
            if hot:
                attrs["fontcolor"] = s.ink
        dg.edge(f"n{p}", f"n{c}", **attrs)
    return dg
