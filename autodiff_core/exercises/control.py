"""Checks on control flow and kinks: unrolled loops, AD through a loop, relu and abs at 0
(lesson 08). Every reference number comes from the package."""

from __future__ import annotations

import math

from ..examples import newton_sqrt
from ..graph import Graph
from ..trace import trace
from .feedback import Feedback, _UNANSWERED, _as_int, _as_number, _checked, _matches, _numeric_verdict, _right, _wrong

KINKS = ("relu", "abs")


@_checked
def check_node_count(answer, graph: Graph, per_iteration: int | None = None) -> Feedback:
    """Is ``answer`` the number of nodes of ``graph`` (inputs included)? ``per_iteration``,
    when given, is the size of one loop body, to recognise "the loop is stored once"."""
    if answer is None:
        return _UNANSWERED
    if not isinstance(graph, Graph):
        raise TypeError(f"expected a Graph, got {type(graph).__name__}")
    n = _as_int(answer, "a number of nodes")
    reference = len(graph)
    if n == reference:
        return _right("One node per elementary operation that ran, the inputs included.")
    if per_iteration is not None and n in (per_iteration, per_iteration + len(graph.inputs)):
        return _wrong(
            "the graph does not hold the loop, it holds what the loop did: one "
            "copy of the body for every iteration that ran."
        )
    if n == reference - len(graph.inputs):
        return _wrong("count the inputs too: each is a node w⁰ of the graph.")
    return _wrong(
        "count the elementary operations of one pass through the loop body, then "
        "how many passes ran, and add the inputs."
    )


@_checked
def check_loop_derivative(answer, a: float, x0: float = 1.0, iterations: int = 1) -> Feedback:
    """Is ``answer`` d xₖ/da, the derivative AD gives for ``newton_sqrt(a, x0, iterations)``?"""
    if answer is None:
        return _UNANSWERED
    if isinstance(iterations, bool) or not isinstance(iterations, int) or iterations < 1:
        raise TypeError(f"iterations must be a whole number of at least 1, not {iterations!r}")
    if not a > 0:
        raise TypeError(f"a must be positive, not {a!r}")
    v = _as_number(answer)
    reference = trace(lambda a: newton_sqrt(a, x0, iterations), a=float(a)).gradient()["a"]
    implicit = 1 / (2 * math.sqrt(a))
    if _matches(v, reference):
        if _matches(reference, implicit):
            return _right("After this many iterations the iterate has converged, and so has its derivative.")
        return _right("AD differentiates the iterations that ran: the derivative of xₖ, not of the limit √a.")
    if _matches(v, implicit):
        return _wrong(
            "that is the derivative of √a itself, the loop's limit. AD "
            "differentiates the operations that ran: the k-th iterate xₖ."
        )
    if v == 0:
        return _wrong("x₀ is a constant, but a enters every iteration through a/x.")
    return _numeric_verdict(
        v,
        reference,
        "differentiate x₁ = (x₀ + a/x₀)/2 with respect to "
        "a, with x₀ a constant; then each later iteration "
        "by the chain rule, through both x and a.",
    )


@_checked
def check_kink_derivative(answer, function: str, x: float = 0.0) -> Feedback:
    """Is ``answer`` the derivative the package's AD gives for ``relu`` or ``abs`` at x?"""
    if answer is None:
        return _UNANSWERED
    if function not in KINKS:
        raise TypeError(f"function must be one of {', '.join(map(repr, KINKS))}, not {function!r}")
    if isinstance(answer, str) and answer.strip().lower() in ("undefined", "none", "nan"):
        return _wrong(
            "mathematically there is no derivative at the kink, but AD always "
            "returns a number: the op's partial rule evaluated at x. Which "
            "number does the rule give there?"
        )
    v = _as_number(answer)
    reference = trace(f"{function}(x)", x=float(x)).gradient()["x"]
    rule = "[x > 0]" if function == "relu" else "sign(x)"
    if _matches(v, reference):
        return _right(
            f"The partial rule {rule} is applied at x exactly"
            + (": at the kink it picks one value of the subgradient." if x == 0 else ".")
        )
    if x == 0 and function == "relu" and _matches(v, 0.5):
        return _wrong(
            "0.5 is what a central difference gives (the average of the slopes "
            "on the two sides); AD evaluates relu's partial rule [x > 0] at x = 0."
        )
    if x == 0 and _matches(abs(v), 1.0):
        return _wrong(f"that is a one-sided slope. AD evaluates the rule {rule} at x = 0 exactly: what is it there?")
    return _wrong(f"{function}'s local partial is {rule}: evaluate it at x = {x:g}.")
