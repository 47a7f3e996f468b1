"""How wide each node's rows are: the widest row the graph's own frames write in its box.

A box reserves room for what its frames show, not for the widest number there could be:
its value; its tangent in the forward sweep seeded at each input alone; its adjoint in
the reverse sweep seeded at each output, running sums (``5…``) included; each number as
wide as the current node writes it (bold). A number is given the room of the widest of its
size (:func:`number_room`: any number from 0.1 up as ``style.NUMBER_FLOOR``, a sign and
six digits; a smaller one as the widest of its decade), so new input values or another
seed rarely need more and the widget's drawing stays put when an input changes. A row
that does need more is squeezed into its box by the renderer (``textLength``), never
drawn past it. Graphs whose sweeps would cost more than ``MAX_WORK`` node visits reserve
``style.NUMBER_ROOM`` instead of running them.
"""

from __future__ import annotations

from ..errors import RuleError
from ..notation import number
from . import style
from .labels import width

#: Forward sweeps (nodes × inputs) and reverse sweeps (edges × outputs) run to measure
#: their numbers only up to this many node visits; beyond it a row reserves NUMBER_ROOM.
MAX_WORK = 40_000

#: A sweep that fails here (a derivative undefined at the point, a custom rule that raises)
#: leaves its rows the room of NUMBER_ROOM: another seed might still be drawn.
_ERRORS = (ValueError, ArithmeticError, RuleError)


def _name(name: str) -> float:
    """Width of a row's ``w¹₁ = `` as the renderer measures it."""
    return width(name + " = ", style.FONT)


def _bold(text: str) -> float:
    return width(text, style.FONT, bold=True)


#: Below 0.1: (from, the widest number from there up to its decade's end); a number under
#: 1e-4 (written 1.2·10⁻⁵) gets at least NUMBER_ROOM, measured.
_DECADES = ((0.01, "−0.0123456"), (0.001, "−0.00123456"), (1e-4, style.NUMBER_ROOM))


def number_room(v: float) -> str:
    """The widest number of v's size, the room a row with v reserves: NUMBER_FLOOR from 0.1
    up (and 0, ∞), else the widest of its decade."""
    a = abs(v)
    if a == 0 or a >= 0.1:
        return style.NUMBER_FLOOR
    for start, widest in _DECADES:
        if a >= start:
            return widest
    return style.NUMBER_ROOM


class _Widths:
    """Room for a number as the current node writes it (bold), each distinct one measured once."""

    def __init__(self):
        self._seen: dict = {}

    def __call__(self, v: float, partial: bool = False) -> float:
        key = (v, partial)
        w = self._seen.get(key)
        if w is None:
            mark = style.PARTIAL if partial else ""
            w = self._seen[key] = max(_bold(number(v) + mark), _bold(number_room(v) + mark))
        return w


def _tangents(graph, measure) -> list | None:
    """Per node, the widest tangent of the forward sweeps seeded at one input each;
    None when those sweeps cost more than MAX_WORK or one fails."""
    names = graph.input_names
    if len(graph) * len(names) > MAX_WORK:
        return None
    widest = [0.0] * len(graph)
    for name in names:
        try:
            tangents = graph.forward(name).tangents
        except _ERRORS:
            return None
        for i, t in enumerate(tangents):
            w = measure(t)
            if w > widest[i]:
                widest[i] = w
    return widest


def _adjoints(graph, measure) -> list | None:
    """Per node, the widest adjoint of the reverse sweeps seeded at one output each, a
    running sum with its ``…``; None when those sweeps cost more than MAX_WORK or one fails."""
    outputs = len(graph.output_indices)
    if max(len(graph.edges), len(graph)) * outputs > MAX_WORK:
        return None
    widest = [0.0] * len(graph)
    for k in range(outputs):
        try:
            sweep = graph.reverse(k if outputs > 1 else 1.0)
            adjoints = sweep.adjoints
        except _ERRORS:
            return None
        last = {}  # a node's last step; the steps before it leave running sums
        for s, edge in enumerate(sweep.edge_order):
            last[edge.parent] = s
        for s, edge in enumerate(sweep.edge_order):
            if last[edge.parent] != s:
                w = measure(sweep.steps[s].total, partial=True)
                if w > widest[edge.parent]:
                    widest[edge.parent] = w
        for i, a in enumerate(adjoints):
            w = measure(a)
            if w > widest[i]:
                widest[i] = w
    return widest


def row_widths(graph) -> tuple[float, ...]:
    """Per node, the width in px of the widest row (``w¹₁ = 10``, ``w̄⁰₁ = 5…``) any frame
    of the graph's default sweeps writes in its box (see the module's docstring)."""
    measure = _Widths()
    room = _bold(style.NUMBER_ROOM + style.PARTIAL)
    tangents = _tangents(graph, measure)
    adjoints = _adjoints(graph, measure)
    out = []
    for nd in graph.nodes:
        i = nd.index
        value = _name(nd.label) + measure(nd.value)
        dot = _name(graph.tangent_name(i)) + (room if tangents is None else tangents[i])
        bar = _name(graph.adjoint_name(i)) + (room if adjoints is None else adjoints[i])
        out.append(max(value, dot, bar))
    return tuple(out)
