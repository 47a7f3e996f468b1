"""Checks on derivative rules: a student's d op(x)/dx compared with the op table
(lessons 02, 03). The call: ``check_rule(name, answer, operand=0)``, the answer a function.
The test points, and the operation a name stands for, are shared with :mod:`.ad_rules`."""

from __future__ import annotations

from ..notation import number
from ..ops import BY_NAME, FUNCTIONS
from . import student_code
from .calls import checker
from .feedback import ArgumentError, Feedback, _Invalid, _UNANSWERED, _as_number, _matches, _right, _short, _wrong

_POINTS = {
    "positive": (0.3, 0.7, 1.3, 2.1, 3.4),
    "any": (-1.7, -0.4, 0.3, 0.9, 2.2),
    "tan": (-1.1, -0.4, 0.3, 0.9, 1.2),
}
_PAIRS = ((0.7, 2.0), (1.3, -0.5), (2.1, 3.0), (0.4, 1.5), (3.0, 0.5))


def op_named(name):
    """The operation of the table a lesson names, or an ArgumentError listing them."""
    op = (FUNCTIONS.get(name) or BY_NAME.get(name)) if isinstance(name, str) else None
    if op is None or op.arity == 0:
        raise ArgumentError(
            f"no operation called {_short(name)}; try one of {', '.join(FUNCTIONS)} or add, sub, mul, div, pow"
        )
    return op


def rule_points(op):
    if op.name in ("log", "sqrt"):
        return [(x, 0.0) for x in _POINTS["positive"]]
    if op.name == "tan":
        return [(x, 0.0) for x in _POINTS["tan"]]
    if op.arity == 1:
        return [(x, 0.0) for x in _POINTS["any"]]
    return list(_PAIRS)  # positive first operands: fine for pow and div


@checker(renamed={"answer_fn": "answer"})
def check_rule(name, answer, *, operand: int = 0) -> Feedback:
    """Does the function ``answer`` compute the derivative of the operation ``name``?

    For a function of one variable (``"cos"``, ``"exp"``, ``"sigmoid"``, ...)
    ``answer(x)`` should return d name(x)/dx. For a binary operation
    (``"mul"``, ``"div"``, ``"pow"``, ``"add"``, ``"sub"``) ``answer(a, b)``
    should return the partial derivative with respect to operand ``operand``
    (0 for a, 1 for b). It is compared with the operation table at several
    points; an error in the function is reported with its line.
    """
    op = op_named(name)
    if isinstance(operand, bool) or operand not in range(op.arity):
        raise ArgumentError(
            f"{name} has {op.arity} operand(s); operand must be {' or '.join(map(str, range(op.arity)))}"
        )
    if answer is None:
        return _UNANSWERED
    example = "lambda x: ..." if op.arity == 1 else "lambda a, b: ..."
    if not callable(answer):
        raise _Invalid(student_code.not_a_function(answer, example))
    what = f"{name}(x)" if op.arity == 1 else f"{name}(a, b)"
    wrt = "x" if op.arity == 1 else "ab"[operand]
    got, want, values = [], [], []
    params = "x" if op.arity == 1 else "a, b"
    for a, b in rule_points(op):
        args = (a,) if op.arity == 1 else (a, b)
        out = op.fn(*args)
        ref = op.float_partials[operand](a, b, out)
        where = f"x = {number(a)}" if op.arity == 1 else f"a = {number(a)}, b = {number(b)}"
        result, failed = student_code.call(answer, args, where, f"the derivative of {what}", params)
        if failed is not None:
            return failed
        if result is None:
            raise _Invalid(f"at {where} your function returned None: did you forget `return`?")
        try:
            result = _as_number(result, "a number")
        except _Invalid as e:
            raise _Invalid(f"at {where} your function returned something that is not a number: {e}") from None
        got.append(result)
        want.append(ref)
        values.append(out)
    if all(_matches(g_, w) for g_, w in zip(got, want)):
        if op.arity == 1:
            return _right(f"That is the derivative of {what}.")
        return _right(f"That is the partial derivative of {what} with respect to {wrt}.")
    if all(g_ == 0 for g_ in got):
        return _wrong(
            f"your function returns 0 everywhere, but {what} is not flat: its slope changes from point to point."
        )
    if all(_matches(g_, v) for g_, v in zip(got, values)):
        return _wrong(f"your function returns {what} itself, not its derivative.")
    if all(_matches(g_, -w) for g_, w in zip(got, want)):
        return _wrong("right shape, wrong sign.")
    ratios = [g_ / w for g_, w in zip(got, want) if abs(w) > 1e-9]
    if ratios and all(_matches(r, ratios[0]) for r in ratios) and not _matches(ratios[0], 1):
        return _wrong("off by a constant factor everywhere: check the numbers in your rule.")
    k = next(i for i, (g_, w) in enumerate(zip(got, want)) if not _matches(g_, w))
    a, b = rule_points(op)[k]
    if op.arity == 1:
        tip = (
            f"To see the true slope there, run `from autodiff_core import "
            f"numerical_derivative, {name}` and `numerical_derivative({name}, {a!r})`."
        )
        where = f"x = {number(a)}"
    else:
        tip = "hold the other operand fixed and ask how the result changes."
        where = f"a = {number(a)}, b = {number(b)}"
    return _wrong(f"at {where} your rule gives {number(got[k])}, which is not the slope of {what} there. {tip}")
