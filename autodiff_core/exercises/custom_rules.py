"""Checks on the partial a student declares for a custom rule (lesson 12): the function
``(m, z, out) -> number`` given to ``autodiff_core.primitive(..., partials=...)``, compared
with central differences of the function it is the derivative of. The feedback names a
flipped sign, a mirrored argument (σ(z) for σ(−z)), the value for the slope, a constant
factor, and for log σ the slope of σ alone or the log's alone; a partial that raises is
reported with its real error."""

from __future__ import annotations

import inspect
import math

from ..notation import number
from ..numeric import numerical_derivative
from ..ops import FLOAT
from .calls import checker
from .feedback import ArgumentError, Feedback, _Invalid, _right, _UNANSWERED, _wrong
from .lies import ENGINE_ERRORS
from ..functions import finite_float

#: where a declared partial is compared with central differences: both tails, 0, and between
POINTS = (-40.0, -4.0, -1.5, -0.3, 0.0, 0.7, 2.0, 5.0, 40.0)


def _partial_values(fn, answer, points) -> list:
    """[(z, the student's partial, the central difference)] where fn and its slope are defined."""
    try:
        inspect.signature(answer).bind(FLOAT, 0.0, 0.0)
    except TypeError:
        raise _Invalid(
            f"a partial takes three arguments (m, z, out): the math namespace, the operand and the result; "
            f"yours takes {inspect.signature(answer)}."
        ) from None
    except ValueError:
        pass  # no signature to read: calling it will say
    rows = []
    for z in points:
        try:
            out = float(fn(z))
            slope = float(numerical_derivative(fn, z))
        except ENGINE_ERRORS:
            continue
        if not (math.isfinite(out) and math.isfinite(slope)):
            continue
        try:
            d = answer(FLOAT, z, out)
        except Exception as e:  # noqa: BLE001 - the student's code: report its real error
            raise _Invalid(
                f"your partial raised {type(e).__name__}: {e} (at z = {number(z)}). Write it with m's "
                "functions and + − × /: m.sigmoid(z), m.exp(z), m.log(z), ..."
            ) from None
        try:
            d = finite_float(d, f"what your partial returned at z = {number(z)}")
        except (TypeError, ValueError) as e:
            raise _Invalid(f"{e}.") from None
        rows.append((z, d, slope, out))
    if len(rows) < 2:
        raise ArgumentError("fn is defined at fewer than two of the points: give points where it is")
    return rows


def _agrees(d: float, slope: float) -> bool:
    return math.isfinite(d) and abs(d - slope) <= 1e-7 + 1e-5 * abs(slope)


def _everywhere(rows, target) -> bool:
    """Does the student's partial equal target(z, slope, out) at every point?"""
    return all(_agrees(d, target(z, slope, out)) for z, d, slope, out in rows)


def _partial_feedback(fn, answer, points, slips=()) -> Feedback:
    if answer is None:
        return _UNANSWERED
    if not callable(answer):
        raise _Invalid(
            f"give the partial as a function of (m, z, out), such as lambda m, z, out: m.cos(z); not {answer!r}."
        )
    rows = _partial_values(fn, answer, points)
    good = [r for r in rows if _agrees(r[1], r[2])]
    if len(good) == len(rows):
        lost = [r for r in rows if r[2] != 0 and abs(r[1] - r[2]) > 1e-3 * abs(r[2])]
        if lost:
            z, d, slope, _ = lost[0]
            return _right(
                f"One caveat: at z = {number(z)} yours gives {number(d)} where the slope is {number(slope)}. "
                "A difference of two nearly equal numbers (such as 1 − σ(z) once σ(z) has rounded to 1) "
                "loses the small number; a form without that subtraction keeps it."
            )
        return _right("It agrees with central differences of the function at every point checked.")
    for target, message in slips:
        if _everywhere(rows, target):
            return _wrong(message)
    if _everywhere(rows, lambda z, slope, out: -slope):
        return _wrong("the sign is flipped everywhere.")
    mirrored = []
    for z, d, _, _ in rows:
        try:
            mirrored.append(_agrees(d, float(numerical_derivative(fn, -z))))
        except ENGINE_ERRORS:
            mirrored.append(False)
    if all(mirrored):
        return _wrong(
            "yours gives at z the slope the function has at −z, its mirror image: look at the sign of the "
            "argument inside your formula (for example σ(z) where σ(−z) is meant)."
        )
    if _everywhere(rows, lambda z, slope, out: out):
        return _wrong("that is the function's value (out), not its slope.")
    ratios = [d / slope for z, d, slope, _ in rows if abs(slope) > 1e-6]
    if len(ratios) >= 2 and all(abs(r - ratios[0]) <= 1e-5 * abs(ratios[0]) for r in ratios) and ratios[0] != 0:
        return _wrong(f"yours is {number(ratios[0])} times the slope everywhere: a constant factor is off.")
    z, d, slope, _ = next(r for r in rows if not _agrees(r[1], r[2]))
    if good:
        best = max(good, key=lambda r: abs(r[2]))  # the agreement that says most
        return _wrong(
            f"it agrees at z = {number(best[0])} but not at z = {number(z)}: there yours gives {number(d)} "
            f"and the central difference of the function {number(slope)}."
        )
    return _wrong(
        f"at z = {number(z)} yours gives {number(d)}, the central difference of the function {number(slope)}: "
        "differentiate the function by the chain rule, the outer function's derivative times the inner one's."
    )


@checker
def check_partial_rule(fn, answer, *, points=POINTS) -> Feedback:
    """Is ``answer``, a partial ``(m, z, out) -> number`` as a custom rule declares it, the
    derivative of ``fn`` (a function of one float)? It is compared with central differences
    of ``fn`` at ``points`` (those where fn is defined)."""
    if not callable(fn):
        raise ArgumentError(f"fn must be a function of one number, not {fn!r}")
    return _partial_feedback(fn, answer, tuple(float(p) for p in points))


def log_sigmoid_value(z: float) -> float:
    """log σ(z) on floats, without overflow: −log(1 + e^(−z)) for z ≥ 0, z − log(1 + e^z) below."""
    return -math.log1p(math.exp(-z)) if z >= 0 else z - math.log1p(math.exp(z))


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


_LOG_SIGMOID_SLIPS = (
    (
        lambda z, slope, out: _sigmoid(z) * _sigmoid(-z),
        "that is σ′(z) = σ(z)(1 − σ(z)), the slope of σ. The log's derivative divides it by σ(z): d/dz log u = u′/u.",
    ),
    (
        lambda z, slope, out: 1 / _sigmoid(z),
        "1/σ(z) is the log's derivative alone; the chain rule multiplies it by σ′(z), the inner slope.",
    ),
)


@checker
def check_log_sigmoid_partial(answer) -> Feedback:
    """Is ``answer``, a partial ``(m, z, out) -> number``, the derivative of log σ(z)?"""
    return _partial_feedback(log_sigmoid_value, answer, POINTS, _LOG_SIGMOID_SLIPS)
