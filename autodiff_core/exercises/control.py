"""Checks on control flow and kinks: unrolled loops, AD through a loop, relu and abs at 0
(lesson 08). Every reference number comes from the package. The calls:
``check_node_count(graph, answer, per_iteration=None)`` (the one of lesson 01, here for a
traced loop), ``check_loop_derivative(a, answer, x0=1.0, iterations=1)`` and
``check_kink_derivative(name, answer, x=0.0)``."""

from __future__ import annotations

import math
import numbers

from ..examples import newton_sqrt
from ..trace import trace
from .calls import checker
from .feedback import ArgumentError, Feedback, _UNANSWERED, _as_number, _matches, _numeric_verdict, _right, _short
from .feedback import _wrong, real_argument
from .graphs import check_node_count  # noqa: F401 - lesson 08 imports it from here

KINKS = ("relu", "abs")


@checker
def check_loop_derivative(a, answer, *, x0=1.0, iterations=1) -> Feedback:
    """Is ``answer`` d xₖ/da, the derivative AD gives for ``newton_sqrt(a, x0, iterations)``,
    the k-th iterate of Newton's method for √a?"""
    if isinstance(iterations, bool) or not isinstance(iterations, numbers.Integral) or not 1 <= iterations <= 100:
        raise ArgumentError(f"iterations must be a whole number from 1 to 100, not {_short(iterations)}")
    a = real_argument(a, "a, the number whose square root the loop finds,")
    if not a > 0:
        raise ArgumentError(f"a must be positive, not {a!r}")
    x0 = real_argument(x0, "x0, the starting iterate,")
    if x0 == 0:
        raise ArgumentError("x0 must not be 0: Newton's step divides by it")
    reference = trace(lambda a: newton_sqrt(a, x0, int(iterations)), a=a).gradient()["a"]
    if answer is None:
        return _UNANSWERED
    v = _as_number(answer)
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


@checker(renamed={"function": "name"})
def check_kink_derivative(name, answer, *, x=0.0) -> Feedback:
    """Is ``answer`` the derivative the package's AD gives for ``relu`` or ``abs`` (``name``)
    at ``x``?"""
    if name not in KINKS:
        raise ArgumentError(f"name must be one of {', '.join(map(repr, KINKS))}, not {_short(name)}")
    x = real_argument(x, "x, the point,")
    reference = trace(f"{name}(x)", x=x).gradient()["x"]
    if answer is None:
        return _UNANSWERED
    if isinstance(answer, str) and answer.strip().lower() in ("undefined", "none", "nan"):
        return _wrong(
            "mathematically there is no derivative at the kink, but AD always "
            "returns a number: the op's partial rule evaluated at x. Which "
            "number does the rule give there?"
        )
    v = _as_number(answer)
    rule = "[x > 0]" if name == "relu" else "sign(x)"
    if _matches(v, reference):
        return _right(
            f"The partial rule {rule} is applied at x exactly"
            + (": at the kink it picks one value of the subgradient." if x == 0 else ".")
        )
    if x == 0 and name == "relu" and _matches(v, 0.5):
        return _wrong(
            "0.5 is what a central difference gives (the average of the slopes "
            "on the two sides); AD evaluates relu's partial rule [x > 0] at x = 0."
        )
    if x == 0 and _matches(abs(v), 1.0):
        return _wrong(f"that is a one-sided slope. AD evaluates the rule {rule} at x = 0 exactly: what is it there?")
    return _wrong(f"{name}'s local partial is {rule}: evaluate it at x = {x:g}.")
