"""Checks for lesson 12, where AD gives a wrong or misleading derivative: what AD returns
at a kink or an ``x == 0`` branch, and the derivative of a solution by the implicit function
theorem (:mod:`.custom_rules` checks the partial a student declares for a custom rule).

Each check takes what the question is about first and the student's answer last (also as
``answer=``); the reference is the engine (a forward or reverse sweep), the true slope
comes from central differences, and the feedback names the misconception it recognises.
"""

from __future__ import annotations

import math

from ..dual import Dual
from ..errors import DomainError, ExpressionError, RuleError
from ..expression import Expression, parse
from ..graph import Graph
from ..nested_dual import derivative
from ..notation import number
from ..numeric import numerical_derivative, one_variable
from ..trace import trace
from .calls import checker
from .feedback import ArgumentError, Feedback, _as_number, _matches, _right, _UNANSWERED, _wrong
from ..functions import is_real

MODES = ("forward", "reverse")
_KINK_RULES = {"relu": "[u > 0]", "abs": "sign(u)"}
_UNDEFINED = ("undefined", "none", "nan", "inf", "infinity", "∞", "error", "no derivative", "not defined")
ENGINE_ERRORS = (DomainError, ExpressionError, RuleError, ArithmeticError, ValueError)


# -- what AD gives at one point ---------------------------------------------------------------
def _function(f):
    """(a function of one number, its input's name) from a function or an expression text."""
    if isinstance(f, str):
        f = parse(f)
    fn, name = one_variable(f)
    if isinstance(fn, Expression):
        expression = fn
        return (lambda t: expression(t)), name
    return fn, name


def _ad(fn, name: str, x: float, mode: str) -> float:
    if mode == "forward":
        return float(derivative(fn, x))
    if not isinstance(fn(Dual(x, 1.0)), Dual):
        return 0.0  # the output at x is a constant: nothing reaches x̄ in a reverse sweep
    return trace(lambda **v: fn(v[name]), **{name: x}).gradient()[name]


def _slopes(fn, x: float) -> dict:
    """The true slope (a central difference) and the two one-sided ones, where defined."""
    out = {}
    h = 1e-5 * max(1.0, abs(x))  # one-sided: big enough that rounding stays below 1e-5 of a unit slope
    for key, est in (
        ("central", lambda: numerical_derivative(fn, x)),
        ("right", lambda: (fn(x + h) - fn(x)) / h),
        ("left", lambda: (fn(x) - fn(x - h)) / h),
    ):
        try:
            v = float(est())
        except ENGINE_ERRORS:
            continue
        if math.isfinite(v):
            out[key] = v
    return out


def _why(fn, name: str, x: float) -> str:
    """What AD followed at x: a constant branch, a kink at exactly 0, or just the operations."""
    if not isinstance(fn(Dual(x, 1.0)), Dual):
        return (
            f"at {name} = {number(x)} the program took a branch that returns a constant (such as "
            f"`if {name} == 0: return 1.0`), so AD differentiates a constant"
        )
    try:
        g = trace(lambda **v: fn(v[name]), **{name: x})
    except ENGINE_ERRORS:
        g = None
    if isinstance(g, Graph):
        kinks = [nd for nd in g.nodes if nd.op.name in ("relu", "abs") and g.nodes[nd.parents[0]].value == 0]
        if kinks:
            names = " and ".join(f"{nd.label} = {g.formula(nd.index)}" for nd in kinks[:3])
            rules = " and ".join(dict.fromkeys(f"{nd.op.name}'s rule {_KINK_RULES[nd.op.name]}" for nd in kinks))
            have = "has its operand" if len(kinks) == 1 else "have their operands"
            return f"{names} {have} at exactly 0, where AD evaluates {rules}, which gives 0 there"
    return "AD applies each operation's rule at that point exactly, on the branch the program took there"


@checker
def check_ad_derivative(f, x: float, answer, *, mode: str = "forward") -> Feedback:
    """Is ``answer`` the derivative that AD (``mode`` "forward": dual numbers; "reverse": a
    reverse sweep) gives for the function ``f`` (a function of one number, or an
    expression text) at ``x``? Where that is not the function's slope, the feedback says
    why AD gave what it gave."""
    if mode not in MODES:
        raise ArgumentError(f"mode must be one of {', '.join(map(repr, MODES))}, not {mode!r}")
    if not is_real(x) or not math.isfinite(x):
        raise ArgumentError(f"x must be a finite number, not {x!r}")
    fn, name = _function(f)
    x = float(x)
    if answer is None:
        return _UNANSWERED
    if isinstance(answer, str) and answer.strip().lower() in _UNDEFINED:
        return _wrong(
            "AD never looks at a neighbourhood, so it has no way to notice that a derivative is "
            "undefined or different here: it returns the number its rules give at this point. Which number is it?"
        )
    a = _as_number(answer)
    try:
        reference = _ad(fn, name, x, mode)
    except ENGINE_ERRORS as e:
        raise ArgumentError(f"the engine cannot differentiate this function at {name} = {number(x)}: {e}") from None
    slopes = _slopes(fn, x)
    true = slopes.get("central")
    left, right = slopes.get("left"), slopes.get("right")
    corner = left is not None and right is not None and abs(left - right) > 1e-2 * (1 + abs(left) + abs(right))
    lies = true is not None and not _matches(reference, true)
    if _matches(a, reference):
        if corner:
            return _right(
                f"The function has a corner here (slope {number(left)} on the left, {number(right)} on the "
                f"right), so no derivative, yet AD returns a number: {_why(fn, name, x)}."
            )
        if lies:
            return _right(
                f"AD gives {number(reference)} although the function's slope is {number(true)}: {_why(fn, name, x)}."
            )
        return _right("Here the rules AD applied give the function's slope too.")
    if corner and _matches(a, true):
        return _wrong(
            "that is what a central difference gives at a corner, the average of the slopes on its two sides. "
            f"There is no derivative here, and AD does not average: {_why(fn, name, x)}."
        )
    if lies and _matches(a, true):
        return _wrong(
            f"that is the true derivative, the slope of the function around {name} = {number(x)} (the central "
            f"difference gives it too). AD does not look around the point: {_why(fn, name, x)}."
        )
    for side in ("left", "right"):
        if side in slopes and _matches(a, slopes[side]) and not _matches(slopes[side], reference):
            return _wrong(
                f"that is the slope just to the {side} of {name} = {number(x)}. AD evaluates each operation's "
                "rule at the point itself, not beside it."
            )
    try:
        value = float(fn(x))
    except ENGINE_ERRORS:
        value = None
    if value is not None and _matches(a, value) and not _matches(value, reference):
        return _wrong(f"that is the value f({number(x)}), not its derivative.")
    if reference != 0 and _matches(a, -reference):
        return _wrong("the sign is flipped: follow each rule's sign through the operations again.")
    return _wrong(
        f"work through the operations the program runs at {name} = {number(x)} exactly, with each "
        "operation's rule evaluated there (a kink's rule on the side it takes, a branch's constant as a constant)."
    )


# -- the implicit function theorem ------------------------------------------------------------
def _equation(F):
    """F as a function of (x, a) on numbers and traced values, from a text or a function."""
    if isinstance(F, str):
        F = parse(F)
    if isinstance(F, Expression):
        if sorted(F.inputs) != ["a", "x"]:
            raise ArgumentError(f"F must be written in x and a, {F.text!r} has inputs {', '.join(F.inputs)}")
        expression = F
        return lambda x, a: expression(x=x, a=a)
    if not callable(F):
        raise ArgumentError(f"F must be an expression text in x and a, or a function F(x, a), not {F!r}")
    return F


@checker
def check_implicit_derivative(F, x: float, a: float, answer) -> Feedback:
    """Is ``answer`` dx*/da, the derivative of the solution x*(a) of F(x, a) = 0 at the
    solution (x, a)? ``F`` is an expression text in x and a, or a function F(x, a). The
    reference is −F_a/F_x, both partials from one reverse sweep of F."""
    fn = _equation(F)
    try:
        g = trace(lambda x, a: fn(x, a), x=float(x), a=float(a))
    except ENGINE_ERRORS as e:
        raise ArgumentError(f"F cannot be traced at x = {number(x)}, a = {number(a)}: {e}") from None
    if abs(g.value) > 1e-9 * max(1.0, abs(x), abs(a)):
        raise ArgumentError(
            f"(x, a) = ({number(x)}, {number(a)}) is not a solution: F there is {number(g.value)}, not 0"
        )
    grad = g.gradient()
    fx, fa = grad["x"], grad["a"]
    if fx == 0:
        raise ArgumentError("∂F/∂x is 0 at this solution: the implicit function theorem does not give dx*/da there")
    if answer is None:
        return _UNANSWERED
    v = _as_number(answer)
    reference = -fa / fx
    if _matches(v, reference):
        return _right(
            "F(x*(a), a) = 0 for every a, so its total derivative is 0: F_x·dx*/da + F_a = 0, "
            "one division at the solution (a linear solve when x has several components)."
        )
    slips = [
        (fa / fx, "the sign: F stays 0 as a moves, so F_x·dx*/da + F_a = 0 and dx*/da = −F_a/F_x."),
        (-fx / fa if fa else None, "upside down: solve F_x·dx*/da + F_a = 0 for dx*/da (F_x is what multiplies it)."),
        (fx / fa if fa else None, "upside down: solve F_x·dx*/da + F_a = 0 for dx*/da (F_x is what multiplies it)."),
        (fx, "that is ∂F/∂x at the solution, how fast F changes with x; dx*/da divides by it."),
        (fa, "that is ∂F/∂a at the solution, how fast F changes with a; it is only the numerator."),
        (1 / fx, "you left out ∂F/∂a: as a moves, F changes by F_a·da, and x must undo that change."),
    ]
    for value, hint in slips:
        if value is not None and not _matches(value, reference) and _matches(v, value):
            return _wrong(hint)
    return _wrong(
        "differentiate F(x*(a), a) = 0 with respect to a: the chain rule gives F_x·dx*/da + F_a = 0, "
        "with both partials taken at the solution."
    )
