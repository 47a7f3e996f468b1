"""Lesson 12's check on gradients that pile up: gradient descent on L(w) = c·w²/2 whose
``.grad`` is never reset, so each step moves w by η times the sum of every gradient so far
(momentum with β = 1). The student predicts the iterates w₁ … wₙ; the reference is the
loop itself, run here on floats, and the feedback names the slips it recognises: the run
with the reset, the step taken before the new gradient is added, the gradient of c·w²
instead of c·w²/2, a step along the gradient instead of against it, and the first step
that goes wrong."""

from __future__ import annotations

import numbers

from ..notation import number
from .calls import checker
from .feedback import ArgumentError, Feedback, _as_number, _Invalid, _matches, _right, _UNANSWERED, _wrong
from ..functions import is_real


def descend(
    start: float,
    learning_rate: float,
    steps: int,
    *,
    curvature: float = 1.0,
    beta: float = 1.0,
    stale: bool = False,
    sign: float = 1.0,
    factor: float = 1.0,
) -> list:
    """The iterates w₁ … w_steps of gradient descent on curvature·w²/2 from ``start`` where
    ``.grad`` is multiplied by ``beta`` before each backward pass (β = 0: reset, β = 1: never).
    The slips: ``stale`` steps with ``.grad`` before the new gradient is added; ``sign`` −1
    steps along it; ``factor`` 2 takes the gradient of curvature·w²."""
    w, held, out = float(start), 0.0, []
    for _ in range(steps):
        gradient = factor * curvature * w
        before = held
        held = beta * held + gradient
        w -= sign * learning_rate * (before if stale else held)
        out.append(w)
    return out


def _iterates(answer, steps: int) -> list:
    if isinstance(answer, (str, bytes)) or not hasattr(answer, "__iter__") or isinstance(answer, dict):
        raise _Invalid(f"give the {steps} values w₁, …, w{_sub(steps)} as a list, e.g. [0.5, 0.25, …].")
    values = list(answer)
    if len(values) != steps:
        raise _Invalid(f"give {steps} values, w₁ to w{_sub(steps)}, one per step; yours has {len(values)}.")
    return [_as_number(v, f"a number for w{_sub(i + 1)}") for i, v in enumerate(values)]


def _sub(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def _gradient_text(curvature: float) -> str:
    if curvature == 1:
        return "the derivative of w²/2 is w"
    c = number(curvature)
    return f"the derivative of {c}·w²/2 is {c}·w"


def _all_matches(a: list, b: list) -> bool:
    return all(_matches(x, y) for x, y in zip(a, b))


@checker
def check_no_reset_steps(
    answer, *, start: float = 1.0, learning_rate: float = 1.0, steps: int = 6, curvature: float = 1.0
) -> Feedback:
    """Is ``answer`` the list w₁ … w_steps that gradient descent on L(w) = curvature·w²/2 takes
    from w₀ = ``start`` when ``.grad`` is never reset (each step: backward adds the gradient
    curvature·w into ``.grad``, then w ← w − η·``.grad``)?"""
    for name, value in (("start", start), ("learning_rate", learning_rate), ("curvature", curvature)):
        if not is_real(value):
            raise ArgumentError(f"{name} must be a number, not {value!r}")
    if isinstance(steps, bool) or not isinstance(steps, numbers.Integral) or not 1 <= steps <= 50:
        raise ArgumentError(f"steps must be a whole number from 1 to 50, not {steps!r}")
    if answer is None:
        return _UNANSWERED
    given = _iterates(answer, int(steps))
    args = (float(start), float(learning_rate), int(steps))
    reference = descend(*args, curvature=curvature)
    if _all_matches(given, reference):
        return _right(
            "Every gradient was exact, yet .grad is not the gradient: where w reaches the minimum, the gradient "
            "is 0 and .grad still holds the earlier ones, and pushes w past it."
        )
    slips = [
        (
            descend(*args, curvature=curvature, beta=0.0),
            "that is the run with the reset (zero_grad): each step follows only its own gradient. Without the "
            "reset, backward adds the new gradient to what .grad already holds, and the step uses that sum.",
        ),
        (
            descend(*args, curvature=curvature, stale=True),
            "each of your steps uses .grad as it was before this step's backward pass. The loop runs backward "
            "first, which adds the gradient at the current w into .grad, then steps with the new total.",
        ),
        (
            descend(*args, curvature=curvature, factor=2.0),
            f"your gradients are twice too large: {_gradient_text(curvature)}.",
        ),
        (
            descend(*args, curvature=curvature, sign=-1.0),
            "your steps go along .grad; gradient descent steps against it, w ← w − η·.grad.",
        ),
    ]
    for iterates, hint in slips:
        if not _all_matches(iterates, reference) and _all_matches(given, iterates):
            return _wrong(hint)
    first = next(i for i, (a, b) in enumerate(zip(given, reference)) if not _matches(a, b))
    done = {0: "", 1: "w₁ is right, "}.get(first, f"w₁ to w{_sub(first)} are right, ")
    at = {0: "the gradient at w₀", 1: "the sum of the gradients at w₀ and w₁"}
    held = at.get(first, f"the sum of the gradients at w₀, …, w{_sub(first)}")
    return _wrong(
        f"{done}w{_sub(first + 1)} is not. At step {first + 1}, .grad holds {held} "
        f"({_gradient_text(curvature)}), and w moves by −η = −{number(learning_rate)} times that."
    )
