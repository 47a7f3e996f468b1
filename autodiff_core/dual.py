"""Eager forward mode with dual numbers: each value carries its derivative.

``Dual(value, tangent)`` is the pair (w, ẇ). Arithmetic and the package's math
functions propagate both at once, using the partials in the operation table:
ẇ = Σₖ ∂w/∂uₖ · u̇ₖ. No graph is kept.
"""

from __future__ import annotations

import numbers

from .errors import DomainError
from .functions import apply as apply_any, is_real, not_finite
from .notation import shown
from .operators import Operators
from .ops import FLOAT, Op

_ARITH_ERRORS = (ValueError, ZeroDivisionError, OverflowError)


class Dual(Operators):
    """A dual number: a value and its tangent (derivative along one direction).

    Comparisons (``< <= > >= == !=``) compare values only, as for traced values, so
    code with an ``if`` follows the same branch on numbers, Duals and tracers; hashing
    is by identity. Operands are numbers (int, float, bool, numpy scalars) or Duals;
    numpy's ufuncs for the table's operations work too (``np.sin(d)``).
    """

    __slots__ = ("value", "tangent")
    what = "a Dual number"
    drops = "drop its tangent"

    def __init__(self, value, tangent=0.0):
        for what, v in (("value", value), ("tangent", tangent)):
            if not isinstance(v, numbers.Real):
                raise TypeError(f"a Dual's {what} must be a real number, got {shown(v)} (type {type(v).__name__})")
        self.value = float(value)
        self.tangent = float(tangent)

    # the seed chapter calls them val and deriv
    @property
    def val(self) -> float:
        return self.value

    @property
    def deriv(self) -> float:
        return self.tangent

    def __autodiff_apply__(self, op, *args):
        """The hook of :func:`autodiff_core.functions.apply`: ``op(*args)`` as a Dual."""
        return apply(op, *args)

    def __repr__(self):
        return f"Dual(value={self.value!r}, tangent={self.tangent!r})"


def apply(op: Op, *args) -> Dual:
    """Apply an operation to dual numbers (or plain numbers, as constants).

    A tangent of 0 is a structural zero, as in the traced forward sweep: its partial is
    not evaluated (``Dual(-2, 1) ** Dual(2, 0)`` needs no log of −2)."""
    vals, tans = [], []
    for a in args:
        if isinstance(a, Dual):
            vals.append(a.value)
            tans.append(a.tangent)
        elif is_real(a):
            try:
                vals.append(float(a))
            except OverflowError:
                raise DomainError(
                    f"{op.name}: the constant {shown(a)} is too large for a float", rule=op.name
                ) from None
            tans.append(0.0)
        else:
            if hasattr(type(a), "__autodiff_apply__"):
                return NotImplemented  # a traced value: its own operator says what is wrong
            raise TypeError(
                f"{op.name} ({op.symbol}) of a Dual number and {shown(a)} (type "
                f"{type(a).__name__}): operands must be numbers or Dual numbers"
            )
    shown_vals = ", ".join(map(repr, vals))
    bad = not_finite(*vals, *tans)
    if bad:
        raise DomainError(f"{op.name} of {shown_vals}: {bad} (a value or tangent)", rule=op.name, value=vals[0])
    out = apply_any(op, *vals)  # the table's evaluation and its checks
    tangent = 0.0
    try:
        for k, t in enumerate(tans):
            if t:
                tangent += op.partials[k](FLOAT, *vals, out) * t
    except _ARITH_ERRORS as e:
        why = "overflow" if isinstance(e, OverflowError) else (op.domain or e)
        raise DomainError(f"the derivative of {op.name} at {shown_vals}: {why}", rule=op.name, value=vals[0]) from None
    bad = not_finite(tangent)
    if bad:
        raise DomainError(f"the derivative of {op.name} at {shown_vals}: {bad}", rule=op.name, value=vals[0])
    return Dual(out, tangent)
