"""Checks on finite differences: how many evaluations a gradient costs, the best step h
(lesson 05)."""

from __future__ import annotations

import math

from ..numeric import STEPS, best_step, exact_derivative, fd_error, numerical_gradient, one_variable
from .feedback import Feedback, _Invalid, _UNANSWERED, _as_int, _as_number, _checked, _right, _wrong


def _evaluations_per_input(scheme: str) -> str:
    if scheme == "forward":
        return (
            "the forward difference needs f at the point itself, once for every input, and "
            "once more per input, with that input nudged"
        )
    return "the central difference needs f at two points per input: x + h and x − h"


@_checked
def check_evaluations(f, point: dict, answer, scheme: str = "central") -> Feedback:
    """Is ``answer`` the number of calls of ``f`` that ``numerical_gradient(f, point,
    scheme=scheme)`` makes? (Central: 2N for N inputs; forward: N + 1.)"""
    if answer is None:
        return _UNANSWERED
    if scheme not in ("central", "forward"):
        raise TypeError(f"scheme must be 'central' or 'forward', not {scheme!r}")
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
        return _wrong("one evaluation per input is not enough: " + _evaluations_per_input(scheme) + ".")
    if scheme == "forward" and n == 2 * k:
        return _wrong(
            "too many: f at the unnudged point is the same for every input, so it is computed once, not once per input."
        )
    if n < calls:
        return _wrong(f"too few. Count the evaluations: {_evaluations_per_input(scheme)}, for each of the {k} inputs.")
    return _wrong(f"too many: {_evaluations_per_input(scheme)}.")


@_checked
def check_best_step(f, x0: float, answer, scheme: str = "central") -> Feedback:
    """Is ``answer`` a step h near the bottom of the V-shaped error curve of a finite
    difference (within 1.5 decades of the best h, found by :func:`numeric.best_step`)?
    The exact derivative comes from the engine."""
    if answer is None:
        return _UNANSWERED
    if scheme not in ("central", "forward"):
        raise TypeError(f"scheme must be 'central' or 'forward', not {scheme!r}")
    h = _as_number(answer, "a step size h")
    if not h > 0:
        raise _Invalid("h must be positive.")
    fn, _ = one_variable(f)
    x0 = _as_number(x0, "a point x0")
    k, _, _ = best_step(f, x0, scheme)
    best = STEPS[k]
    if math.isnan(fd_error(fn, x0, exact_derivative(f, x0), h, scheme)):
        where = "x + h" if scheme == "forward" else "x − h or x + h"
        return _wrong(
            f"with that h, f cannot be evaluated at {where} (outside its domain, "
            "or too large): the step must be much smaller than that."
        )
    distance = math.log10(h) - math.log10(best)
    if abs(distance) <= 1.5:
        return _right("That is near the bottom of the V.")
    if distance > 0:
        return _wrong(
            "that h is too large: the error there comes from truncation, the "
            "curve's right arm, which shrinks as h shrinks."
        )
    other = "f(x)" if scheme == "forward" else "f(x−h)"
    return _wrong(
        f"that h is too small: f(x+h) and {other} agree in nearly all their digits, "
        "so round-off dominates (the left arm of the V)."
    )
