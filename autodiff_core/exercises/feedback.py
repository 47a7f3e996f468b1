"""What every check shares: the Feedback it returns, reading a student's answer, and the
tolerances that decide right, close and wrong."""

from __future__ import annotations

import functools
import html
import math
import numbers
from dataclasses import dataclass

from ..dual import Dual
from ..errors import DomainError, ExpressionError
from ..graph import Graph, Node
from ..notation import number
from ..sweeps.evaluation import Evaluation
from ..sweeps.forward import ForwardSweep
from ..sweeps.reverse import ReverseSweep

RTOL = 1e-3  # an answer within 0.1% is right (about 3-4 significant digits)
ATOL = 1e-6  # ... or within this of the reference (for references near 0)
CLOSE = 3e-2  # within 3% is "close": probably rounded too early

_MARK = {"right": "✔", "close": "≈", "wrong": "✘", "unanswered": "…", "invalid": "?"}
_COLOUR = {"right": "#1a7f37", "close": "#9a6700", "wrong": "#cf222e", "unanswered": "#57606a", "invalid": "#9a6700"}


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
        return (
            f'<div style="border-left: 4px solid {colour}; padding: 2px 10px; '
            f'margin: 2px 0"><span style="color: {colour}; font-weight: bold">'
            f"{_MARK[self.status]}</span> {html.escape(self.message)}</div>"
        )


def _right(message: str = "") -> Feedback:
    return Feedback("right", ("Right. " + message).strip())


def _wrong(hint: str) -> Feedback:
    return Feedback("wrong", "Not quite: " + hint)


_UNANSWERED = Feedback(
    "unanswered",
    "Not answered yet: replace None with your answer in the cell above, run it, then run this check again.",
)


# -- reading answers and arguments ----------------------------------------------------------
class _Invalid(Exception):
    """An answer that cannot be checked; carries the student's message."""


class ArgumentError(TypeError):
    """A check called with arguments it cannot use: the question, not the answer, is wrong
    (an unknown node, output or input, a graph that is not one, a misspelt keyword). The
    message says what is wrong and what the check accepts."""


def _as_number(answer, what: str = "a number") -> float:
    if isinstance(answer, bool):
        raise _Invalid(f"give {what}, not {answer}.")
    if isinstance(answer, Dual):
        raise _Invalid(f"give {what}, not a Dual: its .value or .tangent is a number.")
    if isinstance(answer, (bytes, bytearray)):  # float() would read b"0" as 0
        raise _Invalid(f"give {what}, not bytes: write it as a number (3.25) or as text ('3.25').")
    if isinstance(answer, str):
        try:
            answer = float(answer.strip().replace("−", "-"))
        except ValueError:
            raise _Invalid(f"give {what} (for example 3.25), not the text {_short(answer)}.") from None
    if getattr(answer, "ndim", 0):  # a numpy array of one or more dimensions
        raise _Invalid(f"give {what}, not an array of shape {getattr(answer, 'shape', '?')}.")
    try:
        value = float(answer)
    except OverflowError:
        raise _Invalid(f"give {what} that fits in a float: that one is too large for a computer to hold.") from None
    except Exception:  # noqa: BLE001 - whatever the object's __float__ does, it is not a number
        raise _Invalid(f"give {what}, not a {type(answer).__name__}.") from None
    if not math.isfinite(value):
        raise _Invalid(f"give a finite number, not {value}.")
    return value


def _short(text, limit: int = 40) -> str:
    """A student's text or object, quoted and cut to a line."""
    try:
        shown = repr(text)
    except Exception:  # noqa: BLE001 - an object whose repr fails
        shown = f"<{type(text).__name__}>"
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _clip(error, limit: int = 200) -> str:
    """An error's message, cut to ``limit`` characters (it may quote a huge argument)."""
    text = str(error)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def real_argument(value, what: str) -> float:
    """A lesson's number (a point, a weight, a seed): a finite real, or an ArgumentError
    that says ``what`` it is."""
    if not isinstance(value, numbers.Real) or isinstance(value, bool) or not math.isfinite(value):
        raise ArgumentError(f"{what} is a finite number, not {_short(value)}")
    return float(value)


def _items(answer, n: int) -> tuple:
    """The n items of an answer given as a sequence (a tuple, a list, an array). Anything else
    is an _Invalid saying what it is, to end the caller's sentence: "the text 'ab'", "a dict",
    "one number", "3 values"."""
    if isinstance(answer, (str, bytes)):
        raise _Invalid(f"the text {_short(answer)}")
    if isinstance(answer, (dict, set, frozenset)) or not hasattr(answer, "__len__"):
        raise _Invalid(f"a {type(answer).__name__}")
    try:
        items = tuple(answer)
    except Exception:  # noqa: BLE001 - a 0-d array has __len__ but is not a sequence
        raise _Invalid("one number") from None
    if len(items) != n:
        raise _Invalid(f"{len(items)} values")
    return items


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


def is_graph(obj) -> bool:
    """A graph, a sweep, or an example such as ``examples.F``."""
    if isinstance(obj, (Graph, Evaluation, ForwardSweep, ReverseSweep)):
        return True
    try:
        return callable(getattr(obj, "graph", None)) and hasattr(obj, "expression")
    except Exception:  # noqa: BLE001 - an object whose attributes raise is no graph
        return False


def _graph(obj) -> Graph:
    if isinstance(obj, Graph):
        return obj
    if isinstance(obj, (Evaluation, ForwardSweep, ReverseSweep)):
        return obj.graph
    if is_graph(obj):
        return obj.graph()  # an examples.Example
    raise ArgumentError(f"expected a graph, an example (such as examples.F) or a sweep, not a {type(obj).__name__}")


def _node(graph: Graph, node) -> Node:
    """The node a lesson names, by name ('w1_2' or 'w¹₂'), index or Node of this graph."""
    if isinstance(node, Node):
        if node.index < len(graph) and graph.nodes[node.index] == node:
            return node
        raise ArgumentError(f"the node {node.label} belongs to another graph: name it by its name instead.")
    if isinstance(node, numbers.Integral) and not isinstance(node, bool):
        if 0 <= node < len(graph):
            return graph.nodes[int(node)]
        raise ArgumentError(f"there is no node {node}: this graph has nodes 0 to {len(graph) - 1}.")
    if isinstance(node, str):
        try:
            return graph.node(node)
        except (KeyError, ValueError):
            names = ", ".join(nd.label for nd in graph.nodes)
            raise ArgumentError(f"this graph has no node called {_short(node)}; its nodes are {names}.") from None
    raise ArgumentError(f"name a node by its name (such as 'w1_2' or 'w¹₂'), not a {type(node).__name__}.")


def _checked(fn):
    """Turn an _Invalid raised while checking, or an engine error while computing the
    reference, into an 'invalid' Feedback; only an author's TypeError gets through."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except _Invalid as e:
            return Feedback("invalid", f"Cannot check this: {e}")
        except (DomainError, ExpressionError, ArithmeticError, ValueError) as e:
            # the engine could not compute the reference (an input outside a domain, a
            # number too large): say so, never raise
            return Feedback("invalid", f"Cannot check this here: {_clip(e)}")

    return wrapper


def _numeric_verdict(answer: float, reference: float, hint: str, right: str = "") -> Feedback:
    if _matches(answer, reference):
        return _right(right)
    if _near(answer, reference):
        return Feedback(
            "close",
            "Close, but not within 0.1%: keep more digits (let Python do the arithmetic rather than rounding by hand).",
        )
    return _wrong(hint)


def _values_of(graph: Graph, nodes) -> str:
    return ", ".join(f"{graph.nodes[i].label} = {number(graph.nodes[i].value)}" for i in dict.fromkeys(nodes))


def _seed_text(sweep: ForwardSweep) -> str:
    g = sweep.graph
    return ", ".join(f"{g.tangent_name(nd.index)} = {number(sweep.seed[nd.var])}" for nd in g.inputs)


def _var_label(g: Graph, name: str) -> str:
    for nd in g.inputs:
        if nd.var == name:
            return nd.var_label
    return name
