"""The math functions a student calls (sin, cos, ..., relu, abs, atan2, hypot), and the
one dispatcher behind them.

Each function is made from its entry in the operation table and accepts plain numbers
(it returns a float), dual numbers, nested dual numbers and traced values. :func:`apply`
dispatches: a value that applies operations itself (a traced value records them, a dual
number carries its tangent) says so by the hook ``__autodiff_apply__(self, op, *args)``,
so this module knows none of those types. :data:`PACKAGE` is the math namespace ``m`` that
the table's partials get where they must be traced or differentiated again.
"""

import numbers

from .errors import DomainError
from .notation import number, shown
from .ops import BUILTIN, BY_NAME, FUNCTIONS, Op, namespace_names

_INF = float("inf")


def apply(op: Op, *args):
    """``op(*args)`` on traced values, dual numbers or plain numbers.

    The first operand whose type has the hook ``__autodiff_apply__`` computes the result;
    a hook may return NotImplemented to let a later operand's hook decide (a Dual leaves
    a mix with a traced value to the traced value, which says what is wrong)."""
    if len(args) != op.arity:
        raise TypeError(f"{op.name}() takes {op.arity} argument{'s' if op.arity > 1 else ''}, got {len(args)}")
    for a in args:
        hook = getattr(type(a), "__autodiff_apply__", None)
        if hook is not None:
            out = hook(a, op, *args)
            if out is not NotImplemented:
                return out
    for a in args:
        if not is_real(a):
            raise TypeError(
                f"{op.name}() takes numbers, Dual numbers or traced values, not {shown(a)} (type {type(a).__name__})"
            )
    try:
        vals = [float(a) for a in args]
    except OverflowError:
        raise DomainError(
            f"{op.name}(): {', '.join(map(shown, args))} is too large for a float", rule=op.name
        ) from None
    shown_vals = ", ".join(map(repr, vals))
    bad = not_finite(*vals)
    if bad:
        raise DomainError(f"{op.name}({shown_vals}): {bad}", rule=op.name, value=vals[0])
    try:
        v = op.fn(*vals)
    except (ValueError, ZeroDivisionError, OverflowError) as e:
        why = "overflow" if isinstance(e, OverflowError) else (op.domain or str(e))
        raise DomainError(f"{op.name}({shown_vals}): {why}", rule=op.name, value=vals[0]) from None
    bad = not_finite(v)
    if bad:
        why = "the result is not a number (NaN)" if v != v else "overflows"
        raise DomainError(f"{op.name}({shown_vals}): {why}", rule=op.name, value=vals[0])
    return v


def is_real(x) -> bool:
    """Whether ``x`` is a real number (numpy's too) and not a bool: True is not 1.0 here."""
    return isinstance(x, numbers.Real) and not isinstance(x, bool)


def finite_float(value, what: str) -> float:
    """``value`` as a finite float, or an error that says what is wrong with ``what`` (e.g.
    "the seed of input 'x1'"): TypeError if it is not a real number (a bool is not one),
    ValueError if it is too large for a float, not a number or infinite."""
    if not is_real(value):
        raise TypeError(f"{what} must be a real number, got {shown(value)}")
    try:
        v = float(value)
    except OverflowError:
        raise ValueError(f"{what} is too large for a float: {shown(value)}") from None
    if v != v:
        raise ValueError(f"{what} must be finite: it is not a number (NaN)")
    if not_finite(v):
        raise ValueError(f"{what} must be finite, got {number(v)}")
    return v


def not_finite(*vals) -> str:
    """Why some of the floats are not finite numbers ("is not a number (NaN)", "is
    infinite"), or "" when all are: the one finite-number check of the core."""
    for v in vals:
        if v != v:
            return "a value is not a number (NaN)"
        if not -_INF < v < _INF:
            return "a value is infinite"
    return ""


def primal(x) -> float:
    """The plain number inside a traced value or a (nested) dual number; a number itself."""
    while not isinstance(x, numbers.Real):
        x = x.value
    return x


class PackageMath:
    """The namespace ``m`` a partial gets where its result must be a value of the package:
    every operation of the table by name, applied with :func:`apply` (so on traced values
    it records nodes, on nested dual numbers it differentiates again), ``m.pow`` folding a
    constant exponent of 0 or 1, and ``m.sign``/``m.step`` as the piecewise constants they
    are (read off the primal value: their derivative is 0)."""

    @staticmethod
    def sign(a) -> float:
        v = primal(a)
        return 1.0 if v > 0 else (-1.0 if v < 0 else (0.0 if v == 0 else v))

    @staticmethod
    def step(a) -> float:
        v = primal(a)
        return 1.0 if v > 0 else (0.0 if v <= 0 else v)

    @staticmethod
    def pow(a, b):
        if isinstance(b, numbers.Real) and b in (0, 1):
            return a if b == 1 else 1.0  # no node for a¹ or a⁰
        return apply(BY_NAME["pow"], a, b)

    def __getattr__(self, name):
        op = BY_NAME.get(name)
        if op is None or not op.arity:
            raise AttributeError(f"the math namespace m has no {name!r}: it has {', '.join(namespace_names())}")
        return lambda *args: apply(op, *args)


PACKAGE = PackageMath()


def _text(template) -> str:
    return template if isinstance(template, str) else template((None, None))


def function(op: Op):
    """The student's function for ``op``: ``sin(x)``, ``atan2(y, x)``."""
    params = ("x",) if op.arity == 1 else ("x", "y")

    def call(*args):
        return apply(op, *args)

    call.__name__ = call.__qualname__ = op.name
    names = {str(k): p for k, p in enumerate(params)}
    rule = "; ".join(
        f"∂/∂{p} = {_text(t).replace('<0>', names['0']).replace('<1>', names.get('1', ''))}"
        for p, t in zip(params, op.partial_text)
    )
    call.__doc__ = (
        f"{op.name}({', '.join(params)}); {rule}. Accepts numbers, Dual numbers, nested dual numbers and traced values."
    )
    return call


NAMES = tuple(name for name, op in FUNCTIONS.items() if op in BUILTIN)  # sin, cos, ..., atan2, hypot
globals().update({name: function(FUNCTIONS[name]) for name in NAMES})
__all__ = ["PACKAGE", "apply", "function", "not_finite", "primal", *NAMES]
