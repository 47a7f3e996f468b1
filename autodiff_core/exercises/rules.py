"""Checks on derivative rules: a student's d op(x)/dx compared with the op table
(lessons 02, 03), and a student's own AD rules for an operation (a tangent rule for
forward mode, an adjoint rule for reverse mode), checked by finite differences."""

from __future__ import annotations

from ..notation import number
from ..numeric import numerical_derivative
from ..ops import BY_NAME, FUNCTIONS
from .feedback import Feedback, _Invalid, _UNANSWERED, _as_number, _checked, _matches, _right, _wrong

_POINTS = {
    "positive": (0.3, 0.7, 1.3, 2.1, 3.4),
    "any": (-1.7, -0.4, 0.3, 0.9, 2.2),
    "tan": (-1.1, -0.4, 0.3, 0.9, 1.2),
}
_PAIRS = ((0.7, 2.0), (1.3, -0.5), (2.1, 3.0), (0.4, 1.5), (3.0, 0.5))


def _rule_points(op):
    if op.name in ("log", "sqrt"):
        return [(x, 0.0) for x in _POINTS["positive"]]
    if op.name == "tan":
        return [(x, 0.0) for x in _POINTS["tan"]]
    if op.arity == 1:
        return [(x, 0.0) for x in _POINTS["any"]]
    return list(_PAIRS)  # positive first operands: fine for pow and div


@_checked
def check_rule(name, answer_fn, operand: int = 0) -> Feedback:
    """Does ``answer_fn`` compute the derivative of the operation ``name``?

    For a function of one variable (``"cos"``, ``"exp"``, ``"sigmoid"``, ...)
    ``answer_fn(x)`` should return d name(x)/dx. For a binary operation
    (``"mul"``, ``"div"``, ``"pow"``, ``"add"``, ``"sub"``) ``answer_fn(a, b)``
    should return the partial derivative with respect to operand ``operand``
    (0 for a, 1 for b). It is compared with the operation table at several
    points.
    """
    if answer_fn is None:
        return _UNANSWERED
    op = FUNCTIONS.get(name) or BY_NAME.get(name)
    if op is None or op.arity == 0:
        raise TypeError(f"no operation called {name!r}; try one of {', '.join(FUNCTIONS)} or add, sub, mul, div, pow")
    if not callable(answer_fn):
        raise _Invalid("give a function, for example `lambda x: ...` or the name of a function you defined with def.")
    if operand not in range(op.arity):
        raise TypeError(f"{name} has {op.arity} operand(s); operand must be {' or '.join(map(str, range(op.arity)))}")
    what = f"{name}(x)" if op.arity == 1 else f"{name}(a, b)"
    wrt = "x" if op.arity == 1 else "ab"[operand]
    got, want, values = [], [], []
    for a, b in _rule_points(op):
        args = (a,) if op.arity == 1 else (a, b)
        out = op.fn(*args)
        ref = op.float_partials[operand](a, b, out)
        where = f"x = {number(a)}" if op.arity == 1 else f"a = {number(a)}, b = {number(b)}"
        try:
            result = answer_fn(*args)
        except Exception as e:  # noqa: BLE001 - the student's code: report, never raise
            return Feedback("invalid", f"Your function raised {type(e).__name__} at {where}: {e}")
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
    a, b = _rule_points(op)[k]
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


# -- AD rules: what a forward or reverse sweep does at one operation ----------------------------
_TANGENTS = ((1.0, 0.0), (0.0, 1.0), (0.5, -2.0), (1.5, 0.7), (-1.0, 2.5))


def _op(name):
    op = FUNCTIONS.get(name) or BY_NAME.get(name)
    if op is None or op.arity == 0:
        raise TypeError(f"no operation called {name!r}; try one of {', '.join(FUNCTIONS)} or add, sub, mul, div, pow")
    return op


def _numeric_partials(op, a: float, b: float) -> list:
    """∂op/∂operand at (a, b) by central differences: independent of the op table."""
    if op.arity == 1:
        return [numerical_derivative(op.fn, a)]
    return [numerical_derivative(lambda t: op.fn(t, b), a), numerical_derivative(lambda t: op.fn(a, t), b)]


def _call(answer_fn, args, where: str):
    try:
        return answer_fn(*args), None
    except Exception as e:  # noqa: BLE001 - the student's code: report, never raise
        return None, Feedback("invalid", f"Your rule raised {type(e).__name__} at {where}: {e}")


def _all(pred, rows) -> bool:
    return all(pred(*row) for row in rows)


@_checked
def check_tangent_rule(name, answer_fn) -> Feedback:
    """Does ``answer_fn`` carry tangents through the operation ``name``, as one step of
    forward mode? For a binary operation ``answer_fn(a, b, a_dot, b_dot)`` returns the
    tangent of ``name(a, b)``; for a function ``answer_fn(x, x_dot)`` that of ``name(x)``.
    The reference is a central difference along the direction (ȧ, ḃ)."""
    if answer_fn is None:
        return _UNANSWERED
    op = _op(name)
    if not callable(answer_fn):
        raise _Invalid("give a function, for example `lambda a, b, a_dot, b_dot: ...`.")
    rows = []  # (answer, reference, parts through each operand, value)
    for (a, b), (da, db) in zip(_rule_points(op), _TANGENTS):
        parts = [p * t for p, t in zip(_numeric_partials(op, a, b), (da, db))]
        if op.arity == 1:
            args, where = (a, da), f"x = {number(a)}, ẋ = {number(da)}"
        else:
            args = (a, b, da, db)
            where = f"a = {number(a)}, b = {number(b)}, ȧ = {number(da)}, ḃ = {number(db)}"
        got, failed = _call(answer_fn, args, where)
        if failed:
            return failed
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
    points = list(_rule_points(op))
    partial_sums = [sum(_numeric_partials(op, a, b)) for a, b in points]
    if all(_matches(g, s_) for (g, *_), s_ in zip(rows, partial_sums)):
        return _wrong(
            "that is the local partial derivative(s) alone: multiply each by the "
            "tangent of its operand (ȧ, ḃ), then add."
        )
    return _wrong(
        "each operand contributes (its local partial derivative) × (its tangent); "
        "the tangent of the result is the sum of those parts."
    )


@_checked
def check_adjoint_rule(name, answer_fn) -> Feedback:
    """Does ``answer_fn`` send an adjoint back through the operation ``name``, as one step
    of reverse mode? For a binary operation ``answer_fn(a, b, out_bar)`` returns the pair
    (contribution to ā, contribution to b̄); for a function ``answer_fn(x, out_bar)``
    returns the contribution to x̄. The reference is out_bar × central differences."""
    if answer_fn is None:
        return _UNANSWERED
    op = _op(name)
    if not callable(answer_fn):
        raise _Invalid("give a function, for example `lambda a, b, out_bar: (..., ...)`.")
    bars = (1.0, -2.0, 0.5, 3.0, -1.5)
    rows = []  # (answers, references, partials)
    for (a, b), bar in zip(_rule_points(op), bars):
        partials = _numeric_partials(op, a, b)
        if op.arity == 1:
            args, where = (a, bar), f"x = {number(a)}, w̄ = {number(bar)}"
        else:
            args, where = (a, b, bar), f"a = {number(a)}, b = {number(b)}, w̄ = {number(bar)}"
        got, failed = _call(answer_fn, args, where)
        if failed:
            return failed
        if op.arity == 2:
            if isinstance(got, (str, bytes)) or not hasattr(got, "__len__") or len(got) != 2:
                raise _Invalid("return a pair: (what goes back to a, what goes back to b).")
            got = tuple(got)
        else:
            got = (got,)
        try:
            got = [_as_number(g, "a number") for g in got]
        except _Invalid as e:
            raise _Invalid(f"at {where} your rule returned something else: {e}") from None
        rows.append((got, [bar * p for p in partials], partials))

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
