"""The math functions a student calls: sin, cos, ..., relu, abs.

Each accepts a plain number (and returns a float), a :class:`Dual` or a traced
value, and is defined by its entry in the operation table. :func:`apply` is
the one dispatcher behind them (and behind parsed expressions): a value that
applies operations itself (a traced value records them, a dual number carries
its tangent) says so by the hook ``__autodiff_apply__(self, op, *args)``, so
this module knows neither kind.
"""

import numbers

from .errors import DomainError
from .notation import shown
from .ops import FUNCTIONS, Op

_INF = float("inf")


def apply(op: Op, *args):
    """``op(*args)`` on traced values, dual numbers or plain numbers.

    The first operand whose type has the hook ``__autodiff_apply__`` computes the result;
    a hook may return NotImplemented to let a later operand's hook decide (a Dual leaves
    a mix with a traced value to the traced value, which says what is wrong)."""
    for a in args:
        hook = getattr(type(a), "__autodiff_apply__", None)
        if hook is not None:
            out = hook(a, op, *args)
            if out is not NotImplemented:
                return out
    for a in args:
        if isinstance(a, bool) or not isinstance(a, numbers.Real):
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
    bad = _not_finite(vals)
    if bad:
        raise DomainError(f"{op.name}({shown_vals}): {bad}", rule=op.name, value=vals[0])
    try:
        v = op.fn(*vals)
    except (ValueError, ZeroDivisionError, OverflowError) as e:
        why = "overflow" if isinstance(e, OverflowError) else (op.domain or str(e))
        raise DomainError(f"{op.name}({shown_vals}): {why}", rule=op.name, value=vals[0]) from None
    if v != v:
        raise DomainError(f"{op.name}({shown_vals}): the result is not a number (NaN)", rule=op.name, value=vals[0])
    if not -_INF < v < _INF:
        raise DomainError(f"{op.name}({shown_vals}) overflows", rule=op.name, value=vals[0])
    return v


def _not_finite(vals) -> str:
    """Why some of the values are not finite numbers, or ""."""
    if any(v != v for v in vals):
        return "an argument is not a number (NaN)"
    if any(not -_INF < v < _INF for v in vals):
        return "an argument is infinite"
    return ""


def _make(op: Op):
    def function(x):
        return apply(op, x)

    function.__name__ = function.__qualname__ = op.name
    function.__doc__ = (
        f"{op.name}(x); its derivative is "
        f"{op.partial_text[0].replace('<0>', 'x')}. "
        "Accepts numbers, Dual numbers and traced values."
    )
    return function


sin = _make(FUNCTIONS["sin"])
cos = _make(FUNCTIONS["cos"])
tan = _make(FUNCTIONS["tan"])
exp = _make(FUNCTIONS["exp"])
log = _make(FUNCTIONS["log"])
sqrt = _make(FUNCTIONS["sqrt"])
tanh = _make(FUNCTIONS["tanh"])
sigmoid = _make(FUNCTIONS["sigmoid"])
relu = _make(FUNCTIONS["relu"])
abs = _make(FUNCTIONS["abs"])  # noqa: A001 - the student's name for it
