"""Checks on training with your own engine: accumulated gradients, the loss's slope at the
logit (lesson 10). Every reference number comes from the package's reverse sweep. The calls:
``check_accumulated_grad(answer, f="x*x", x=2.0, calls=2)`` (the question has defaults, so
it comes as keywords) and ``check_logit_gradient(z, label, answer, loss="cross_entropy")``."""

from __future__ import annotations

import math
import numbers

from ..expression import parse
from ..functions import log, sigmoid
from ..trace import trace
from .calls import checker
from .feedback import ArgumentError, Feedback, _UNANSWERED, _as_number, _matches, _numeric_verdict, _right, _clip
from .feedback import _short, _wrong, real_argument

LOSSES = ("cross_entropy", "mse")


def _one_input_gradient(f, x: float) -> float:
    if not isinstance(f, str):
        raise ArgumentError(f"f is an expression of one input, such as 'x*x', not {_short(f)}")
    try:
        expression = parse(f)
    except ValueError as e:  # ExpressionError
        raise ArgumentError(f"f is an expression of one input, such as 'x*x': {_clip(e)}") from None
    if len(expression.inputs) != 1:
        raise ArgumentError(f"f must have one input, {f!r} has {len(expression.inputs)}")
    name = expression.inputs[0]
    return trace(f, **{name: x}).gradient()[name]


@checker
def check_accumulated_grad(answer, *, f: str = "x*x", x: float = 2.0, calls: int = 2) -> Feedback:
    """Is ``answer`` what ``x.grad`` holds after ``calls`` calls of ``y.backward()`` on
    y = f(x) (an expression), when backward adds into ``.grad`` and nothing resets it in
    between?"""
    if isinstance(calls, bool) or not isinstance(calls, numbers.Integral) or calls < 1:
        raise ArgumentError(f"calls must be a whole number of at least 1, not {_short(calls)}")
    x = real_argument(x, "x")
    once = _one_input_gradient(f, x)
    reference = calls * once
    if answer is None:
        return _UNANSWERED
    a = _as_number(answer)
    if _matches(a, reference):
        return _right(
            "Each call adds one more copy of dy/dx: that is why training loops "
            "reset the gradients (zero_grad) before every backward pass."
        )
    if _matches(a, once) and calls > 1:
        return _wrong(
            "that is dy/dx after one call. backward adds into .grad with +=, "
            "it does not overwrite it: what does the second call add to?"
        )
    if calls > 1 and abs(once) not in (0.0, 1.0) and _matches(a, once**calls):
        return _wrong("the calls add their contributions, they do not multiply them.")
    return _wrong(
        f"work out dy/dx for y = {f} at x = {x:g} first, then count how many times backward adds it into x.grad."
    )


def _losses(z: float, target: float) -> dict:
    """∂L/∂z of each loss at the logit z for a label ``target``, by the package."""

    def cross_entropy(z):
        p = sigmoid(z)
        return -(target * log(p) + (1 - target) * log(1 - p))

    def mse(z):
        return (sigmoid(z) - target) ** 2

    return {"cross_entropy": trace(cross_entropy, z=z).gradient()["z"], "mse": trace(mse, z=z).gradient()["z"]}


@checker(renamed={"target": "label"})
def check_logit_gradient(z, label, answer, *, loss: str = "cross_entropy") -> Feedback:
    """Is ``answer`` ∂L/∂z for one point with logit z (the prediction is σ(z)) and label
    t = ``label`` (0 or 1), for the cross-entropy loss −[t·log σ(z) + (1−t)·log(1−σ(z))]
    or (``loss="mse"``) the squared error (σ(z) − t)²?"""
    if loss not in LOSSES:
        raise ArgumentError(f"loss must be one of {', '.join(map(repr, LOSSES))}, not {_short(loss)}")
    z = real_argument(z, "z")
    if real_argument(label, "the label") not in (0, 1):
        raise ArgumentError(f"the label is 0 or 1, not {_short(label)}")
    t = int(label)
    slopes = _losses(z, t)
    reference = slopes[loss]
    if answer is None:
        return _UNANSWERED
    a = _as_number(answer)
    s = 0.5 * (1.0 + math.tanh(z / 2))  # σ(z), only to name mistakes
    sigma_prime = s * (1 - s)
    if _matches(a, reference):
        if loss == "cross_entropy":
            return _right(
                "σ(z) − t: the log cancels σ′, so a confidently wrong prediction still gets a large gradient."
            )
        return _right("Note the factor σ′(z) = σ(z)(1 − σ(z)): it is tiny when |z| is large.")
    if _matches(a, -reference) and reference != 0:
        return _wrong(
            "the sign is flipped: L grows as σ(z) moves away from the label, "
            "so which way does L change as z grows here?"
        )
    if loss == "cross_entropy":
        if _matches(a, slopes["mse"]):
            return _wrong("that is the slope of the squared error. Differentiate the log: d/dz log σ(z) = 1 − σ(z).")
        if _matches(a, reference * sigma_prime):
            return _wrong(
                "there is no σ′(z) factor left: d/dz log σ(z) = σ′(z)/σ(z), and "
                "σ′ = σ(1 − σ) cancels against the division."
            )
    else:
        if _matches(a, slopes["cross_entropy"]):
            return _wrong(
                "that is cross-entropy's slope σ(z) − t. The squared error keeps "
                "the chain rule's factor σ′(z) = σ(z)(1 − σ(z))."
            )
        if _matches(a, reference / 2):
            return _wrong("the square's derivative brings a factor 2.")
        if sigma_prime and _matches(a, reference / sigma_prime):
            return _wrong("the chain rule goes through σ too: multiply by σ′(z) = σ(z)(1 − σ(z)).")
    return _numeric_verdict(
        a, reference, "apply the chain rule: ∂L/∂z = ∂L/∂p · ∂p/∂z with p = σ(z) and ∂p/∂z = σ(z)(1 − σ(z))."
    )
