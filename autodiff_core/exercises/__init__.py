"""Predict-then-check exercises: the student answers, the engine checks.

A lesson asks for a prediction (the tangent of a node, the contribution an
edge sends back, the derivative rule of cos, ...), the student writes it into
a variable that starts as ``None``, and a check cell calls one of the
functions below. Each returns a :class:`Feedback`: right, close, wrong (with a
hint that points at the rule, never at the number), or "not answered yet"
while the answer is still ``None``. A check never raises on a student's
answer, so a notebook with its exercises unanswered still runs top to bottom.

The reference is always the engine: the graph's values, a forward or reverse
sweep, the operation table, ``graph.jacobian``, or the finite differences of
:mod:`autodiff_core.numeric`.

This module holds the checks of lessons 01-06 and the feedback helpers they share;
later lessons' checks are modules beside it: ``control`` (08), ``training`` (10).
"""

from __future__ import annotations

import functools
import html
import inspect
import math
from dataclasses import dataclass

from ..dual import Dual
from ..expression import Expression, parse
from ..graph import Graph, Node
from ..notation import number
from ..numeric import numerical_derivative, numerical_gradient
from ..ops import BY_NAME, FUNCTIONS
from ..sweeps import Evaluation, ForwardSweep, ReverseSweep
from ..trace import trace

RTOL = 1e-3      # an answer within 0.1% is right (about 3-4 significant digits)
ATOL = 1e-6      # ... or within this of the reference (for references near 0)
CLOSE = 3e-2     # within 3% is "close": probably rounded too early

_MARK = {"right": "✔", "close": "≈", "wrong": "✘", "unanswered": "…", "invalid": "?"}
_COLOUR = {"right": "#1a7f37", "close": "#9a6700", "wrong": "#cf222e",
           "unanswered": "#57606a", "invalid": "#9a6700"}


@dataclass(frozen=True)
class Feedback:
    """The outcome of a check: ``status`` and a short message for the student.

    ``status`` is ``"right"``, ``"close"``, ``"wrong"``, ``"unanswered"`` (the
    answer is still None) or ``"invalid"`` (not something that can be checked,
    such as text where a number is expected). ``bool(feedback)`` is True only
    when the answer is right.
    """
    status: str
    message: str

    @property
    def correct(self) -> bool:
        return self.status == "right"

    def __bool__(self) -> bool:
        return self.correct

    def __str__(self) -> str:
        return f"{_MARK[self.status]} {self.message}"

    __repr__ = __str__

    def _repr_html_(self) -> str:
        colour = _COLOUR[self.status]
        return (f'<div style="border-left: 4px solid {colour}; padding: 2px 10px; '
                f'margin: 2px 0"><span style="color: {colour}; font-weight: bold">'
                f'{_MARK[self.status]}</span> {html.escape(self.message)}</div>')


def _right(message: str = "") -> Feedback:
    return Feedback("right", ("Right. " + message).strip())


def _wrong(hint: str) -> Feedback:
    return Feedback("wrong", "Not quite: " + hint)


_UNANSWERED = Feedback("unanswered", "Not answered yet: replace None with your answer "
                                     "in the cell above, run it, then run this check again.")


# -- reading answers and arguments ----------------------------------------------------------
class _Invalid(Exception):
    """An answer or argument that cannot be checked; carries the student's message."""


def _as_number(answer, what: str = "a number") -> float:
    if isinstance(answer, bool):
        raise _Invalid(f"give {what}, not {answer}.")
    if isinstance(answer, Dual):
        raise _Invalid(f"give {what}, not a Dual: its .value or .tangent is a number.")
    if isinstance(answer, str):
        try:
            answer = float(answer.replace("−", "-"))
        except ValueError:
            raise _Invalid(f"give {what} (for example 3.25), not the text "
                           f"{answer!r}.") from None
    try:
        value = float(answer)
    except OverflowError:
        raise _Invalid(f"give {what} that fits in a float: that one is too large for a "
                       "computer to hold.") from None
    except (TypeError, ValueError):
        raise _Invalid(f"give {what}, not a {type(answer).__name__}.") from None
    if not math.isfinite(value):
        raise _Invalid(f"give a finite number, not {value}.")
    return value


def _as_int(answer, what: str) -> int:
    value = _as_number(answer, what)
    if not value.is_integer():
        raise _Invalid(f"give {what}: a whole number, not {number(value)}.")
    return int(value)


def _matches(answer: float, reference: float) -> bool:
    return abs(answer - reference) <= ATOL + RTOL * abs(reference)


def _near(answer: float, reference: float) -> bool:
    return abs(answer - reference) <= ATOL + CLOSE * abs(reference)


def _reveals(shown, reference: float) -> bool:
    """Would a hint showing these numbers give the answer away (it, or its negative)?"""
    return any(_matches(v, reference) or _matches(-v, reference) for v in shown)


def _graph(obj) -> Graph:
    if isinstance(obj, Graph):
        return obj
    if isinstance(obj, (Evaluation, ForwardSweep, ReverseSweep)):
        return obj.graph
    if hasattr(obj, "graph") and callable(obj.graph) and hasattr(obj, "expression"):
        return obj.graph()          # an examples.Example
    raise TypeError(f"expected a graph, an example (such as examples.F) or a sweep, "
                    f"got {type(obj).__name__}")


def _node(graph: Graph, node) -> Node:
    if isinstance(node, Node):
        return graph.nodes[node.index]
    if isinstance(node, int) and not isinstance(node, bool):
        if 0 <= node < len(graph):
            return graph.nodes[node]
        raise _Invalid(f"there is no node {node}: this graph has nodes 0 to {len(graph) - 1}.")
    if isinstance(node, str):
        try:
            return graph.node(node)
        except KeyError:
            names = ", ".join(nd.label for nd in graph.nodes)
            raise _Invalid(f"this graph has no node called {node!r}; its nodes are "
                           f"{names}.") from None
    raise _Invalid(f"name a node by its name (such as 'w1_2' or 'w¹₂'), not a "
                   f"{type(node).__name__}.")


def _checked(fn):
    """Turn an _Invalid raised while checking into an 'invalid' Feedback."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except _Invalid as e:
            return Feedback("invalid", f"Cannot check this: {e}")
    return wrapper


def _numeric_verdict(answer: float, reference: float, hint: str, right: str = "") -> Feedback:
    if _matches(answer, reference):
        return _right(right)
    if _near(answer, reference):
        return Feedback("close", "Close, but not within 0.1%: keep more digits (let Python "
                                 "do the arithmetic rather than rounding by hand).")
    return _wrong(hint)


def _values_of(graph: Graph, nodes) -> str:
    return ", ".join(f"{graph.nodes[i].label} = {number(graph.nodes[i].value)}"
                     for i in dict.fromkeys(nodes))


def _seed_text(sweep: ForwardSweep) -> str:
    g = sweep.graph
    return ", ".join(f"{g.tangent_name(nd.index)} = {number(sweep.seed[nd.var])}"
                     for nd in g.inputs)


# -- values and structure (lesson 01) -----------------------------------------------------------
@_checked
def check_value(graph_or_sweep, node, answer) -> Feedback:
    """Is ``answer`` the value of ``node`` (its primal, wⁿᵢ) in the traced graph?"""
    if answer is None:
        return _UNANSWERED
    g = _graph(graph_or_sweep)
    nd = _node(g, node)
    a = _as_number(answer)
    for other in g.nodes:
        if other.index != nd.index and _matches(a, other.value) \
                and not _matches(a, nd.value):
            return _wrong(f"that is the value of {other.label}, not of {nd.label}.")
    if nd.is_input:
        hint = f"{nd.label} is the input {nd.var_label}: its value is the one given to trace."
    else:
        hint = (f"{nd.label} = {g.formula(nd.index)}, where "
                f"{_values_of(g, nd.parents)}.")
        if any(c is not None for c in nd.consts):
            hint += " The constants belong to the operation."
    return _numeric_verdict(a, nd.value, hint)


@_checked
def check_level(graph, node, answer) -> Feedback:
    """Is ``answer`` the level n of ``node`` in the wⁿᵢ notation?"""
    if answer is None:
        return _UNANSWERED
    g = _graph(graph)
    nd = _node(g, node)
    n = _as_int(answer, "a level")
    if n == nd.level:
        return _right()
    hint = ("inputs are level 0, and an operation sits one level above the highest of its "
            "operands: follow the longest path from an input to this node.")
    if n == nd.level + 1 or n == nd.level - 1:
        hint = "off by one: " + hint
    return _wrong(hint)


@_checked
def check_node_count(graph, answer) -> Feedback:
    """Is ``answer`` the number of nodes (inputs and elementary operations) in the graph?"""
    if answer is None:
        return _UNANSWERED
    g = _graph(graph)
    n = _as_int(answer, "a count of nodes")
    total = len(g)
    if n == total:
        return _right()
    n_inputs = len(g.inputs)
    n_consts = sum(1 for nd in g.nodes for c in nd.consts if c is not None)
    if n == total - n_inputs:
        return _wrong("the inputs are nodes too (level 0): count them as well.")
    if n_consts and n == total + n_consts:
        return _wrong("constants (like the 1 in b = a + 1) are not nodes of their own: "
                      "they belong to their operation.")
    if n < total:
        return _wrong("too few. One node per input and one per elementary operation "
                      "(+, −, ×, /, **, sin, exp, ...): an operation written twice counts twice.")
    return _wrong("too many. One node per input and one per elementary operation; an input "
                  "used twice is still one node, and constants are not nodes.")


# -- forward mode (lesson 02) ---------------------------------------------------------------
def _forward_sweep(graph_or_sweep, seed) -> ForwardSweep:
    if isinstance(graph_or_sweep, ForwardSweep):
        if seed is not None:
            raise TypeError("give either a forward sweep or a graph with a seed, not both")
        return graph_or_sweep
    g = _graph(graph_or_sweep)
    if seed is None and len(g.input_names) > 1:
        raise TypeError(f"this graph has inputs {', '.join(g.input_names)}: say which one "
                        f"the sweep is seeded with, e.g. pass seed={g.input_names[0]!r}, "
                        "or pass a forward sweep instead of the graph")
    return g.forward(seed)


@_checked
def check_tangent(graph_or_sweep, node, answer, seed=None) -> Feedback:
    """Is ``answer`` the tangent ẇ of ``node`` in a forward sweep?

    Pass a forward sweep (``g.forward("x1")``), or a graph with ``seed`` (an
    input name, or a dict input -> ẋ).
    """
    if answer is None:
        return _UNANSWERED
    sweep = _forward_sweep(graph_or_sweep, seed)
    g = sweep.graph
    nd = _node(g, node)
    a = _as_number(answer)
    ref = sweep.tangents[nd.index]
    dot = g.tangent_name(nd.index)
    if _matches(a, ref):
        return _right()
    if nd.is_input:
        return _wrong(f"{dot} is a seed: 1 for the input we differentiate by, 0 for the "
                      "others. Which input was this sweep seeded with?")
    if _matches(a, nd.value):
        return _wrong(f"that is the value {nd.label}; the tangent {dot} is its rate of "
                      "change as the seeded input moves.")
    for name in g.input_names:
        other = g.forward(name)
        if other.seed != sweep.seed and _matches(a, other.tangents[nd.index]):
            seeds = ("" if _reveals(sweep.seed.values(), ref)
                     else f" Here the seeds are {_seed_text(sweep)}.")
            return _wrong(f"that would be {dot} if {_var_label(g, name)} were the seeded "
                          f"input.{seeds}")
    terms = [g.partial_value(nd.index, k) * sweep.tangents[o]
             for k, o in enumerate(nd.operands) if isinstance(o, int)]
    if len(terms) > 1 and any(_matches(a, t) for t in terms):
        return _wrong("that is only the part that comes through one operand: the tangent "
                      "adds up the parts from all of them.")
    step = sweep.steps[nd.index]
    parents = list(dict.fromkeys(nd.parents))
    shown = [g.nodes[p].value for p in parents] + [sweep.tangents[p] for p in parents]
    if _reveals(shown, ref):
        # a partial of ±1 or a zero term: the numbers would be the answer itself
        return _numeric_verdict(a, ref, f"use {step.rule}, with the values and tangents "
                                        "of its operands from the steps before.")
    tangents = ", ".join(f"{g.tangent_name(p)} = {number(sweep.tangents[p])}"
                         for p in parents)
    return _numeric_verdict(a, ref, f"use {step.rule}, with {_values_of(g, parents)} and "
                                    f"{tangents}.")


def _var_label(g: Graph, name: str) -> str:
    for nd in g.inputs:
        if nd.var == name:
            return nd.var_label
    return name


# -- reverse mode (lesson 03, 06) ------------------------------------------------------------------
def _reverse_sweep(graph_or_sweep) -> ReverseSweep:
    if isinstance(graph_or_sweep, ReverseSweep):
        return graph_or_sweep
    g = _graph(graph_or_sweep)
    if len(g.outputs) > 1:
        raise TypeError(f"this graph has {len(g.outputs)} outputs: say which one the reverse "
                        f"sweep starts from by passing a reverse sweep, e.g. g.reverse(0), "
                        "instead of the graph")
    return g.reverse()


def _consumers(g: Graph, i: int) -> list:
    """(child, operand position) for every edge leaving node i."""
    return [(j, k) for (p, j, k) in g.edges if p == i]


@_checked
def check_adjoint_contribution(graph_or_sweep, source, target, answer) -> Feedback:
    """Is ``answer`` what the edge ``source → target`` adds to the target's adjoint?

    ``source`` is the node whose adjoint flows back (w¹₂), ``target`` one of its
    operands (w⁰₁): the contribution is w̄¹₂ · ∂w¹₂/∂w⁰₁, one step of the
    reverse sweep. Pass a graph (one output) or a reverse sweep.
    """
    if answer is None:
        return _UNANSWERED
    sweep = _reverse_sweep(graph_or_sweep)
    g = sweep.graph
    src, tgt = _node(g, source), _node(g, target)
    positions = [k for k, o in enumerate(src.operands) if o == tgt.index
                 and isinstance(o, int)]
    if not positions:
        raise _Invalid(f"{tgt.label} is not an operand of {src.label} "
                       f"({src.label} = {g.formula(src.index)}); adjoints flow back only "
                       "along the graph's edges.")
    a = _as_number(answer)
    bar = sweep.adjoints[src.index]
    partials = [g.partial_value(src.index, k) for k in positions]
    refs = [bar * p for p in partials]
    if any(_matches(a, r) for r in refs):
        return _right()
    for k, o in enumerate(src.operands):
        if isinstance(o, int) and o != tgt.index \
                and _matches(a, bar * g.partial_value(src.index, k)):
            return _wrong(f"that is what {src.label} sends back to {g.nodes[o].label}; the "
                          f"partial derivative with respect to {tgt.label} is a different one.")
    n_in = len(_consumers(g, tgt.index))
    if n_in > 1 and _matches(a, sweep.adjoints[tgt.index]):
        return _wrong(f"that is the whole {g.adjoint_name(tgt.index)}, after all "
                      f"{n_in} contributions; this edge brings only its own part.")
    if not _matches(bar, 1.0) and any(_matches(a, p) for p in partials):
        return _wrong(f"that is the local partial ∂{src.label}/∂{tgt.label} alone: multiply "
                      f"it by {g.adjoint_name(src.index)}, the adjoint arriving from above.")
    if not all(_matches(p, 1.0) for p in partials) and _matches(a, bar):
        return _wrong(f"that is {g.adjoint_name(src.index)} alone: multiply it by the local "
                      f"partial ∂{src.label}/∂{tgt.label}.")
    rule = next(s.rule for s in sweep.steps if s.edge and s.edge[:2] == (tgt.index, src.index))
    nearest = min(refs, key=lambda r: abs(r - a))
    if _reveals([bar] + [g.nodes[p].value for p in src.parents], nearest):
        # a partial of ±1: the adjoint from above (or a value) would be the answer itself
        return _numeric_verdict(a, nearest, f"this step is {rule}, with "
                                            f"{g.adjoint_name(src.index)} from the step before "
                                            "and the values of the trace.")
    known = f"{g.adjoint_name(src.index)} = {number(bar)}"
    values = _values_of(g, src.parents)
    return _numeric_verdict(a, nearest, f"this step is {rule}, with {known} and {values}.")


@_checked
def check_adjoint(graph_or_sweep, node, answer) -> Feedback:
    """Is ``answer`` the adjoint w̄ = ∂f/∂w of ``node``, after the whole reverse sweep?"""
    if answer is None:
        return _UNANSWERED
    sweep = _reverse_sweep(graph_or_sweep)
    g = sweep.graph
    nd = _node(g, node)
    a = _as_number(answer)
    ref = sweep.adjoints[nd.index]
    bar = g.adjoint_name(nd.index)
    if _matches(a, ref):
        return _right()
    consumers = _consumers(g, nd.index)
    if not consumers:
        return _wrong(f"{nd.label} is the output: its adjoint is the seed of the reverse "
                      "sweep, ∂f/∂f.")
    parts = [sweep.adjoints[j] * g.partial_value(j, k) for j, k in consumers]
    if len(parts) > 1 and any(_matches(a, p) for p in parts):
        users = ", ".join(dict.fromkeys(g.nodes[j].label for j, _ in consumers))
        return _wrong(f"that is only one contribution. {nd.label} is used {len(parts)} times "
                      f"(by {users}), and {bar} adds up what comes back along every edge.")
    if _matches(a, nd.value) and not _matches(a, ref):
        return _wrong(f"that is the value {nd.label}; the adjoint {bar} is ∂f/∂{nd.label}.")
    terms = " + ".join(f"{g.adjoint_name(j)}·∂{g.nodes[j].label}/∂{nd.label}"
                       for j, _ in consumers)
    if len(consumers) > 1:
        # a fan-out: the lesson is the sum, so the adjoints arriving from above may be shown
        users = list(dict.fromkeys(j for j, _ in consumers))
        if _reveals([sweep.adjoints[j] for j in users], ref):
            return _numeric_verdict(a, ref, f"{bar} = {terms}: add up what comes back "
                                            "along every edge.")
        known = ", ".join(f"{g.adjoint_name(j)} = {number(sweep.adjoints[j])}"
                          for j in users)
        return _numeric_verdict(a, ref, f"{bar} = {terms}, where {known}.")
    # one consumer: its adjoint times a partial of ±1 would be the answer itself, so
    # show the way down from the output instead of numbers
    return _numeric_verdict(a, ref, f"{bar} = {terms}. Work down from the output: "
                                    f"{_path_down(g, consumers[0][0], sweep, ref)}.")


def _path_down(g: Graph, j: int, sweep: ReverseSweep, ref: float) -> str:
    """The adjoint rules from an output down to node j, following first consumers;
    the seed's number is left out when it would be the answer ``ref`` itself."""
    chain = [j]
    while True:
        users = _consumers(g, chain[-1])
        if not users:
            break
        chain.append(users[0][0])
    top = chain[-1]
    seed = sweep.adjoints[top]
    shown = "∂f/∂f" if _reveals([seed], ref) else number(seed)
    steps = [f"{g.adjoint_name(top)} = {shown} (the seed)"]
    for below, above in zip(reversed(chain[:-1]), reversed(chain[1:])):
        steps.append(f"{g.adjoint_name(below)} = {g.adjoint_name(above)}·"
                     f"∂{g.nodes[above].label}/∂{g.nodes[below].label}")
    return ", then ".join(steps)


@_checked
def check_gradient(graph, answer) -> Feedback:
    """Is ``answer`` the gradient: a dict input name -> ∂f/∂input (or a sequence in
    the order of ``graph.input_names``)?"""
    if answer is None:
        return _UNANSWERED
    g = _graph(graph)
    ref = g.gradient()
    names = list(g.input_names)
    if isinstance(answer, dict):
        given = dict(answer)
        missing = [n for n in names if n not in given]
        extra = [n for n in given if n not in ref]
        if extra:
            raise _Invalid(f"{', '.join(map(str, extra))} {'is' if len(extra) == 1 else 'are'}"
                           f" not an input; the inputs are {', '.join(names)}.")
        if missing:
            raise _Invalid(f"the answer has no entry for {', '.join(missing)}.")
    elif isinstance(answer, (list, tuple)) or (hasattr(answer, "__len__")
                                               and not isinstance(answer, (str, bytes))):
        try:
            answer = list(answer)
        except TypeError:       # a 0-d numpy array has __len__ but is not a sequence
            raise _Invalid("give a dict such as {'x1': ..., 'x2': ...}, one entry per input, "
                           f"or a sequence of {len(names)} numbers, not a single "
                           f"{type(answer).__name__}.") from None
        if len(answer) != len(names):
            raise _Invalid(f"give {len(names)} partial derivatives, one per input "
                           f"({', '.join(names)}), not {len(answer)}.")
        given = dict(zip(names, answer))
    else:
        raise _Invalid("give a dict such as {'x1': ..., 'x2': ...}, one entry per input.")
    if any(v is None for v in given.values()):
        return _UNANSWERED
    vals = {n: _as_number(given[n], f"a number for ∂f/∂{n}") for n in names}
    wrong = [n for n in names if not _matches(vals[n], ref[n])]
    if not wrong:
        return _right()
    if all(_near(vals[n], ref[n]) for n in wrong):
        return Feedback("close", "Close, but not within 0.1%: keep more digits.")
    shown = {n: _var_label(g, n) for n in names}
    swapped = [n for n in wrong if any(_matches(vals[n], ref[m]) for m in names if m != n)]
    good = [shown[n] for n in names if n not in wrong]

    def partials(which):
        return ", ".join(f"∂f/∂{w}" for w in which) + (" is" if len(which) == 1 else " are")

    msg = f"{partials([shown[n] for n in wrong])} wrong"
    if good:
        msg += f" ({partials(good)} right)"
    msg += "."
    if swapped:
        msg += " Some values belong to another input: check the order."
    return _wrong(msg + " One reverse sweep from w̄ = 1 at the output gives every partial.")


# -- derivative rules (lessons 02, 03) --------------------------------------------------------
_POINTS = {
    "positive": (0.3, 0.7, 1.3, 2.1, 3.4),
    "any": (-1.7, -0.4, 0.3, 0.9, 2.2),
    "tan": (-1.1, -0.4, 0.3, 0.9, 1.2),
}
_PAIRS = ((0.7, 2.0), (1.3, -0.5), (2.1, 3.0), (0.4, 1.5), (3.0, 0.5))


def _rule_points(op):
    if op.name in ("log", "sqrt"):
        return [(x, 0.0) for x in _POINTS["positive"]]
    if op.name == "tan":
        return [(x, 0.0) for x in _POINTS["tan"]]
    if op.arity == 1:
        return [(x, 0.0) for x in _POINTS["any"]]
    return list(_PAIRS)     # positive first operands: fine for pow and div


@_checked
def check_rule(name, answer_fn, operand: int = 0) -> Feedback:
    """Does ``answer_fn`` compute the derivative of the operation ``name``?

    For a function of one variable (``"cos"``, ``"exp"``, ``"sigmoid"``, ...)
    ``answer_fn(x)`` should return d name(x)/dx. For a binary operation
    (``"mul"``, ``"div"``, ``"pow"``, ``"add"``, ``"sub"``) ``answer_fn(a, b)``
    should return the partial derivative with respect to operand ``operand``
    (0 for a, 1 for b). It is compared with the operation table at several
    points.
    """
    if answer_fn is None:
        return _UNANSWERED
    op = FUNCTIONS.get(name) or BY_NAME.get(name)
    if op is None or op.arity == 0:
        raise TypeError(f"no operation called {name!r}; try one of "
                        f"{', '.join(FUNCTIONS)} or add, sub, mul, div, pow")
    if not callable(answer_fn):
        raise _Invalid("give a function, for example `lambda x: ...` or the name of a "
                       "function you defined with def.")
    if operand not in range(op.arity):
        raise TypeError(f"{name} has {op.arity} operand(s); operand must be "
                        f"{' or '.join(map(str, range(op.arity)))}")
    what = f"{name}(x)" if op.arity == 1 else f"{name}(a, b)"
    wrt = "x" if op.arity == 1 else "ab"[operand]
    got, want, values = [], [], []
    for a, b in _rule_points(op):
        args = (a,) if op.arity == 1 else (a, b)
        out = op.fn(*args)
        ref = op.partials[operand](a, b, out)
        where = f"x = {number(a)}" if op.arity == 1 else f"a = {number(a)}, b = {number(b)}"
        try:
            result = answer_fn(*args)
        except Exception as e:   # the student's code: report, never raise
            return Feedback("invalid", f"Your function raised {type(e).__name__} at {where}: "
                                       f"{e}")
        try:
            result = _as_number(result, "a number")
        except _Invalid as e:
            raise _Invalid(f"at {where} your function returned something that is not a "
                           f"number: {e}") from None
        got.append(result)
        want.append(ref)
        values.append(out)
    if all(_matches(g_, w) for g_, w in zip(got, want)):
        if op.arity == 1:
            return _right(f"That is the derivative of {what}.")
        return _right(f"That is the partial derivative of {what} with respect to {wrt}.")
    if all(g_ == 0 for g_ in got):
        return _wrong(f"your function returns 0 everywhere, but {what} is not flat: its "
                      "slope changes from point to point.")
    if all(_matches(g_, v) for g_, v in zip(got, values)):
        return _wrong(f"your function returns {what} itself, not its derivative.")
    if all(_matches(g_, -w) for g_, w in zip(got, want)):
        return _wrong("right shape, wrong sign.")
    ratios = [g_ / w for g_, w in zip(got, want) if abs(w) > 1e-9]
    if ratios and all(_matches(r, ratios[0]) for r in ratios) and not _matches(ratios[0], 1):
        return _wrong("off by a constant factor everywhere: check the numbers in your rule.")
    k = next(i for i, (g_, w) in enumerate(zip(got, want)) if not _matches(g_, w))
    a, b = _rule_points(op)[k]
    if op.arity == 1:
        tip = f"numerical_derivative({name}, {number(a)}) estimates the true slope there."
        where = f"x = {number(a)}"
    else:
        tip = "hold the other operand fixed and ask how the result changes."
        where = f"a = {number(a)}, b = {number(b)}"
    return _wrong(f"at {where} your rule gives {number(got[k])}, which is not the slope of "
                  f"{what} there. {tip}")


# -- cost of Jacobians (lesson 04) -------------------------------------------------------------
def _mode(mode) -> str:
    if not isinstance(mode, str) or mode.strip().lower() not in ("forward", "reverse"):
        raise TypeError(f"mode must be 'forward' or 'reverse', not {mode!r}")
    return mode.strip().lower()


@_checked
def check_sweeps(graph, mode, answer) -> Feedback:
    """Is ``answer`` the number of sweeps ``mode`` needs for the full Jacobian?"""
    if answer is None:
        return _UNANSWERED
    g = _graph(graph)
    mode = _mode(mode)
    n = _as_int(answer, "a number of sweeps")
    ref = g.jacobian(mode).sweeps
    if n == ref:
        return _right()
    other = g.jacobian("reverse" if mode == "forward" else "forward").sweeps
    if n == other and other != ref:
        return _wrong("that is the count for the other mode.")
    if mode == "forward":
        return _wrong("a forward sweep seeds one input (ẋ = 1, the others 0) and gives one "
                      "column of the Jacobian: ∂(every output)/∂(that input).")
    return _wrong("a reverse sweep seeds one output (its adjoint 1, the others 0) and gives "
                  "one row of the Jacobian: ∂(that output)/∂(every input).")


@_checked
def check_operations(graph, mode, answer) -> Feedback:
    """Is ``answer`` the number of elementary tangent or adjoint updates ``mode``
    performs for the full Jacobian (as counted by ``graph.jacobian(mode)``)?"""
    if answer is None:
        return _UNANSWERED
    g = _graph(graph)
    mode = _mode(mode)
    n = _as_int(answer, "a number of operations")
    jac = g.jacobian(mode)
    if n == jac.operations:
        return _right()
    edges = len(g.edges)
    if n == edges and jac.sweeps > 1:
        return _wrong("that is the cost of one sweep; the full Jacobian needs several.")
    return _wrong("every sweep does one elementary update per edge of the graph; multiply "
                  "by the number of sweeps. (len(graph.edges) counts the edges.)")


@_checked
def check_mode(graph, answer) -> Feedback:
    """Is ``answer`` ('forward' or 'reverse') the cheaper mode for this graph's Jacobian?"""
    if answer is None:
        return _UNANSWERED
    g = _graph(graph)
    if not isinstance(answer, str) or answer.strip().lower() not in ("forward", "reverse"):
        raise _Invalid("answer 'forward' or 'reverse'.")
    answer = answer.strip().lower()
    cost = {m: g.jacobian(m).operations for m in ("forward", "reverse")}
    n, m = len(g.input_names), len(g.outputs)
    if cost["forward"] == cost["reverse"]:
        return _right("Here both cost the same: as many inputs as outputs.")
    best = min(cost, key=cost.get)
    if answer == best:
        other = "reverse" if best == "forward" else "forward"
        return _right(f"{best.capitalize()} mode: {cost[best]} elementary operations "
                      f"against {cost[other]}.")
    return _wrong(f"compare the number of inputs ({n}) with the number of outputs ({m}): "
                  "forward mode pays one sweep per input, reverse mode one per output.")


# -- finite differences (lesson 05) --------------------------------------------------------------
@_checked
def check_evaluations(f, point: dict, answer, scheme: str = "central") -> Feedback:
    """Is ``answer`` the number of calls of ``f`` that ``numerical_gradient(f, point,
    scheme=scheme)`` makes? (The package evaluates f twice per input in both schemes.)"""
    if answer is None:
        return _UNANSWERED
    n = _as_int(answer, "a number of evaluations")
    calls = 0

    def counted(**kw):
        nonlocal calls
        calls += 1
        return f(**kw)

    numerical_gradient(counted, point, scheme=scheme)
    if n == calls:
        return _right()
    k = len(point)
    if n == k:
        return _wrong("one evaluation per input is not enough: each partial derivative "
                      "needs f at two points.")
    if n < calls:
        return _wrong(f"too few. Count the evaluations one partial derivative needs, for "
                      f"each of the {k} inputs.")
    return _wrong("too many: each partial derivative needs f at just two points.")


def one_variable(f):
    """(callable of one float, input name) from a function or an expression string."""
    if isinstance(f, str):
        f = parse(f)
    if isinstance(f, Expression):
        if len(f.inputs) != 1:
            raise TypeError(f"{f.text!r} has inputs {', '.join(f.inputs)}; one is needed")
        return f, f.inputs[0]
    if not callable(f):
        raise TypeError(f"expected a function of one variable or an expression, got {f!r}")
    params = list(inspect.signature(f).parameters)
    if len(params) != 1:
        raise TypeError("expected a function of one variable")
    return f, params[0]


def exact_derivative(f, x0: float) -> float:
    """df/dx at x0 from the engine (a traced forward sweep). ``f`` is a function of
    one variable written with the package's functions, or an expression string."""
    fn, name = one_variable(f)
    return trace(fn, **{name: float(x0)}).forward(name).derivative


def _smoothed_error(fn, x0: float, exact: float, scheme: str, hs) -> list:
    errs = [abs(numerical_derivative(fn, x0, h=h, scheme=scheme) - exact) for h in hs]
    logs = [math.log10(max(e, 1e-300)) for e in errs]
    out = []
    for i in range(len(logs)):
        window = sorted(logs[max(0, i - 2): i + 3])
        out.append(window[len(window) // 2])
    return out


@_checked
def check_best_step(f, x0: float, answer, scheme: str = "central") -> Feedback:
    """Is ``answer`` a step h near the bottom of the V-shaped error curve of a finite
    difference (within 1.5 decades of the best h)? The exact derivative comes from
    the engine."""
    if answer is None:
        return _UNANSWERED
    h = _as_number(answer, "a step size h")
    if not h > 0:
        raise _Invalid("h must be positive.")
    if scheme not in ("central", "forward"):
        raise TypeError(f"scheme must be 'central' or 'forward', not {scheme!r}")
    fn, _ = one_variable(f)
    exact = exact_derivative(f, x0)
    hs = [10 ** (-16 + 0.25 * i) for i in range(61)]          # 1e-16 ... 1e-1
    smooth = _smoothed_error(fn, float(x0), exact, scheme, hs)
    best = hs[min(range(len(hs)), key=smooth.__getitem__)]
    distance = math.log10(h) - math.log10(best)
    if abs(distance) <= 1.5:
        return _right("That is near the bottom of the V.")
    if distance > 0:
        return _wrong("that h is too large: the error there comes from truncation, the "
                      "curve's right arm, which shrinks as h shrinks.")
    return _wrong("that h is too small: f(x+h) and f(x−h) agree in nearly all their digits, "
                  "so round-off dominates (the left arm of the V).")


__all__ = [
    "Feedback", "check_adjoint", "check_adjoint_contribution", "check_best_step",
    "check_evaluations", "check_gradient", "check_level", "check_mode", "check_node_count",
    "check_operations", "check_rule", "check_sweeps", "check_tangent", "check_value",
    "exact_derivative", "one_variable",
]
