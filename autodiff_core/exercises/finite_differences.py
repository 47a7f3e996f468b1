"""Checks on finite differences: how many evaluations a gradient costs, the best step h
(lesson 05). The calls: ``check_evaluations(f, point, answer, scheme="central")`` and
``check_best_step(f, x, answer, scheme="central")``."""

from __future__ import annotations

import math

from ..numeric import STEPS, best_step, exact_derivative, fd_error, numerical_gradient, one_variable
from .calls import checker
from .feedback import ArgumentError, Feedback, _Invalid, _UNANSWERED, _as_int, _as_number, _clip, _right, _short
from .feedback import _wrong, real_argument


def _scheme(scheme) -> str:
    if scheme not in ("central", "forward"):
        raise ArgumentError(f"scheme must be 'central' or 'forward', not {_short(scheme)}")
    return scheme


def _point(point) -> dict:
    if not isinstance(point, dict) or not point:
        raise ArgumentError(f"the point is a dict input name -> value, such as {{'x1': 0.5}}, not {_short(point)}")
    for name in point:
        if not isinstance(name, str) or not name.isidentifier():
            raise ArgumentError(f"the point's input names are Python names, not {_short(name)}")
    return {name: real_argument(value, f"the point's value of {name}") for name, value in point.items()}


def _evaluations_per_input(scheme: str) -> str:
    if scheme == "forward":
        return (
            "the forward difference needs f at the point itself, once for every input, and "
            "once more per input, with that input nudged"
        )
    return "the central difference needs f at two points per input: x + h and x − h"


@checker
def check_evaluations(f, point, answer, *, scheme: str = "central") -> Feedback:
    """Is ``answer`` the number of calls of ``f`` that ``numerical_gradient(f, point,
    scheme=scheme)`` makes? (Central: 2N for N inputs; forward: N + 1.) ``f`` takes the
    inputs as keywords; ``point`` is a dict input name -> value."""
    scheme = _scheme(scheme)
    point = _point(point)
    if not callable(f):
        raise ArgumentError(f"f is the function whose gradient is taken, not a {type(f).__name__}")
    calls = 0

    def counted(**kw):
        nonlocal calls
        calls += 1
        return f(**kw)

    try:
        numerical_gradient(counted, point, scheme=scheme)
    except Exception as e:  # noqa: BLE001 - the function's own error: the check cannot count
        return Feedback("invalid", f"Cannot check this here: f raised {type(e).__name__} at the point: {_clip(e)}")
    if answer is None:
        return _UNANSWERED
    n = _as_int(answer, "a number of evaluations")
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


@checker(renamed={"x0": "x"})
def check_best_step(f, x, answer, *, scheme: str = "central") -> Feedback:
    """Is ``answer`` a step h near the bottom of the V-shaped error curve of a finite
    difference of ``f`` at ``x`` (within 1.5 decades of the best h, found by
    :func:`numeric.best_step`)? ``f`` is a function of one variable or an expression.
    The exact derivative comes from the engine."""
    scheme = _scheme(scheme)
    try:
        fn, _ = one_variable(f)
    except (TypeError, ValueError) as e:  # ExpressionError is a ValueError
        raise ArgumentError(f"f is a function of one variable or an expression such as 'sin(x)': {_clip(e)}") from None
    x0 = real_argument(x, "x, the point,")
    try:
        k, _, _ = best_step(f, x0, scheme)
        exact = exact_derivative(f, x0)
    except TypeError as e:  # f returned something that is not a number, or mixed in other values
        raise ArgumentError(f"f cannot be differentiated at x = {x0:g}: {_clip(e)}") from None
    if answer is None:
        return _UNANSWERED
    h = _as_number(answer, "a step size h")
    if not h > 0:
        raise _Invalid("h must be positive.")
    best = STEPS[k]
    if math.isnan(fd_error(fn, x0, exact, h, scheme)):
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
