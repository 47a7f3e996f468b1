"""Checks on a student's own AD rules for an operation: a tangent rule (one step of forward
mode) and an adjoint rule (one step of reverse mode), checked by finite differences
(lessons 02, 03). The calls: ``check_tangent_rule(name, answer)`` and
``check_adjoint_rule(name, answer)``, the answer a function.

An error in the student's function (a misspelt name, a division by zero, the wrong number
of parameters, a missing ``return``) is reported as that error, at the test values where
it happened, with the line of their code; it is never mistaken for a wrong result.
"""

from __future__ import annotations

from ..notation import number
from ..numeric import numerical_derivative
from . import student_code
from .calls import checker
from .feedback import Feedback, _Invalid, _UNANSWERED, _as_number, _items, _matches, _right, _wrong
from .rules import op_named, rule_points

# (ȧ, ḃ) at each test point: general directions first; a tangent of 0 (an operand that does
# not depend on the seeded input, such as a constant) comes later, and a right rule handles it
_TANGENTS = ((0.5, -2.0), (1.5, 0.7), (1.0, 0.0), (0.0, 1.0), (-1.0, 2.5))
_BARS = (1.0, -2.0, 0.5, 3.0, -1.5)


def _numeric_partials(op, a: float, b: float) -> list:
    """∂op/∂operand at (a, b) by central differences: independent of the op table."""
    if op.arity == 1:
        return [numerical_derivative(op.fn, a)]
    return [numerical_derivative(lambda t: op.fn(t, b), a), numerical_derivative(lambda t: op.fn(a, t), b)]


def _all(pred, rows) -> bool:
    return all(pred(*row) for row in rows)


def _divides_by_a_tangent(tangents: dict):
    """A tip for a ZeroDivisionError at a point where a tangent is 0."""
    zero = [name for name, value in tangents.items() if value == 0]

    def tip(error: Exception) -> str:
        if not isinstance(error, ZeroDivisionError) or not zero:
            return ""
        return (
            f"Here {zero[0]} = 0, which a tangent may well be (an operand that does not depend on the "
            "seeded input): a tangent rule multiplies each tangent by a local partial derivative "
            "and adds, it never divides by a tangent."
        )

    return tip


def _returned(got, where: str, what: str) -> str:
    """Why a returned value is not ``what``, or '' if it may be."""
    if got is None:
        return f"at {where} your rule returned None: did you forget `return`?"
    if isinstance(got, dict):
        return f"at {where} your rule returned a dict; return {what}."
    if isinstance(got, (tuple, list)):
        return f"at {where} your rule returned {len(got)} values; return {what}."
    return ""


@checker(renamed={"answer_fn": "answer"})
def check_tangent_rule(name, answer) -> Feedback:
    """Does the function ``answer`` carry tangents through the operation ``name``, as one step
    of forward mode? For a binary operation ``answer(a, b, a_dot, b_dot)`` returns the
    tangent of ``name(a, b)``; for a function ``answer(x, x_dot)`` that of ``name(x)``.
    The reference is a central difference along the direction (ȧ, ḃ)."""
    op = op_named(name)
    params = "x, x_dot" if op.arity == 1 else "a, b, a_dot, b_dot"
    if answer is None:
        return _UNANSWERED
    if not callable(answer):
        raise _Invalid(student_code.not_a_function(answer, f"lambda {params}: ..."))
    rows = []  # (answer, reference, parts through each operand, value)
    for (a, b), (da, db) in zip(rule_points(op), _TANGENTS):
        parts = [p * t for p, t in zip(_numeric_partials(op, a, b), (da, db))]
        if op.arity == 1:
            args, where, tangents = (a, da), f"x = {number(a)}, ẋ = {number(da)}", {"ẋ": da}
        else:
            args = (a, b, da, db)
            where = f"a = {number(a)}, b = {number(b)}, ȧ = {number(da)}, ḃ = {number(db)}"
            tangents = {"ȧ": da, "ḃ": db}
        got, failed = student_code.call(
            answer, args, where, f"a tangent rule of {name}", params, _divides_by_a_tangent(tangents)
        )
        if failed is not None:
            return failed
        problem = _returned(got, where, "one number, the tangent of the result")
        if problem:
            raise _Invalid(problem)
        try:
            got = _as_number(got, "a number, the tangent of the result")
        except _Invalid as e:
            raise _Invalid(f"at {where} your rule returned something else: {e}") from None
        rows.append((got, sum(parts), parts, op.fn(*args[: op.arity])))
    if _all(lambda g, r, p, v: _matches(g, r), rows):
        return _right(f"That is the tangent rule of {name}: one step of forward mode.")
    if _all(lambda g, r, p, v: _matches(g, -r), rows):
        return _wrong("right shape, wrong sign.")
    if _all(lambda g, r, p, v: _matches(g, v), rows):
        return _wrong(f"that is the value of {name} itself; the tangent is its rate of change.")
    if op.arity == 2:
        for k, through in enumerate("ab"):
            if _all(lambda g, r, p, v, k=k: _matches(g, p[k]), rows):
                return _wrong(
                    f"that is only the part that comes through {through}: the tangent "
                    "adds up the parts from both operands."
                )
        if _all(lambda g, r, p, v: _matches(g, p[0] - p[1]) or _matches(g, p[1] - p[0]), rows):
            return _wrong("one of the two parts has the wrong sign.")
    partial_sums = [sum(_numeric_partials(op, a, b)) for a, b in rule_points(op)]
    if all(_matches(g, s_) for (g, *_), s_ in zip(rows, partial_sums)):
        return _wrong(
            "that is the local partial derivative(s) alone: multiply each by the "
            "tangent of its operand (ȧ, ḃ), then add."
        )
    return _wrong(
        "each operand contributes (its local partial derivative) × (its tangent); "
        "the tangent of the result is the sum of those parts."
    )


def _contributions(got, op, where: str) -> list:
    """The numbers an adjoint rule sent back: one per operand."""
    if op.arity == 2:
        what = "a pair: (what goes back to a, what goes back to b)"
        if got is None:
            raise _Invalid(_returned(got, where, what))
        try:
            got = _items(got, 2)
        except _Invalid as e:
            raise _Invalid(f"at {where} your rule returned {e}; return {what}.") from None
    else:
        problem = _returned(got, where, "one number, what goes back to x")
        if problem:
            raise _Invalid(problem)
        got = (got,)
    try:
        return [_as_number(g, "a number") for g in got]
    except _Invalid as e:
        raise _Invalid(f"at {where} your rule returned something else: {e}") from None


@checker(renamed={"answer_fn": "answer"})
def check_adjoint_rule(name, answer) -> Feedback:
    """Does the function ``answer`` send an adjoint back through the operation ``name``, as
    one step of reverse mode? For a binary operation ``answer(a, b, out_bar)`` returns the
    pair (contribution to ā, contribution to b̄); for a function ``answer(x, out_bar)``
    returns the contribution to x̄. The reference is out_bar × central differences."""
    op = op_named(name)
    params = "x, w_bar" if op.arity == 1 else "a, b, w_bar"
    if answer is None:
        return _UNANSWERED
    if not callable(answer):
        example = "lambda x, w_bar: ..." if op.arity == 1 else "lambda a, b, w_bar: (..., ...)"
        raise _Invalid(student_code.not_a_function(answer, example))
    rows = []  # (answers, references, partials)
    for (a, b), bar in zip(rule_points(op), _BARS):
        partials = _numeric_partials(op, a, b)
        if op.arity == 1:
            args, where = (a, bar), f"x = {number(a)}, w̄ = {number(bar)}"
        else:
            args, where = (a, b, bar), f"a = {number(a)}, b = {number(b)}, w̄ = {number(bar)}"
        got, failed = student_code.call(answer, args, where, f"an adjoint rule of {name}", params)
        if failed is not None:
            return failed
        rows.append((_contributions(got, op, where), [bar * p for p in partials], partials))

    def every(pick):
        return all(all(_matches(g, r) for g, r in zip(got, pick(refs, ps))) for got, refs, ps in rows)

    if every(lambda refs, ps: refs):
        return _right(f"That is the adjoint rule of {name}: one step of reverse mode.")
    if every(lambda refs, ps: ps):
        return _wrong(
            "those are the local partial derivatives alone: multiply each by w̄, the adjoint arriving from above."
        )
    if op.arity == 2 and every(lambda refs, ps: refs[::-1]):
        return _wrong("the two contributions are swapped: a gets w̄·∂w/∂a, b gets w̄·∂w/∂b.")
    if every(lambda refs, ps: [-r for r in refs]):
        return _wrong("right shape, wrong sign.")
    if op.arity == 2:
        for k, who in enumerate("ab"):
            if all(_matches(got[k], refs[k]) for got, refs, _ in rows):
                return _wrong(
                    f"what goes back to {who} is right; the one for {'ba'[k]} is not. "
                    f"Hold {who} fixed and ask how the result changes with {'ba'[k]}."
                )
    return _wrong("each operand gets w̄ × (the local partial derivative of the result with respect to that operand).")
