"""Eager forward mode with dual numbers: each value carries its derivative.

``Dual(value, tangent)`` is the pair (w, ẇ). Arithmetic and the package's math
functions propagate both at once, using the partials in the operation table:
ẇ = Σₖ ∂w/∂uₖ · u̇ₖ. No graph is kept.
"""

from __future__ import annotations

import numbers

from .errors import DomainError
from .ops import ADD, DIV, MUL, NEG, POW, SUB, Op

_INF = float("inf")


class Dual:
    """A dual number: a value and its tangent (derivative along one direction)."""

    __slots__ = ("value", "tangent")
    __array_ufunc__ = None

    def __init__(self, value, tangent=0.0):
        self.value = float(value)
        self.tangent = float(tangent)

    # the seed chapter calls them val and deriv
    @property
    def val(self) -> float:
        return self.value

    @property
    def deriv(self) -> float:
        return self.tangent

    def __add__(self, o): return apply(ADD, self, o)
    def __radd__(self, o): return apply(ADD, o, self)
    def __sub__(self, o): return apply(SUB, self, o)
    def __rsub__(self, o): return apply(SUB, o, self)
    def __mul__(self, o): return apply(MUL, self, o)
    def __rmul__(self, o): return apply(MUL, o, self)
    def __truediv__(self, o): return apply(DIV, self, o)
    def __rtruediv__(self, o): return apply(DIV, o, self)
    def __pow__(self, o): return apply(POW, self, o)
    def __rpow__(self, o): return apply(POW, o, self)
    def __neg__(self): return apply(NEG, self)
    def __pos__(self): return self

    def __eq__(self, other):
        if isinstance(other, Dual):
            return self.value == other.value and self.tangent == other.tangent
        return NotImplemented

    def __hash__(self):
        return hash((self.value, self.tangent))

    def __repr__(self):
        return f"Dual(value={self.value!r}, tangent={self.tangent!r})"


def apply(op: Op, *args) -> Dual:
    """Apply an operation to dual numbers (or plain numbers, as constants)."""
    vals, tans = [], []
    for a in args:
        if isinstance(a, Dual):
            vals.append(a.value)
            tans.append(a.tangent)
        elif isinstance(a, numbers.Real):
            vals.append(float(a))
            tans.append(None)
        else:
            return NotImplemented
    b = vals[1] if len(vals) > 1 else None
    try:
        out = op.fn(*vals)
        tangent = 0.0
        for k, t in enumerate(tans):
            if t is not None:
                tangent += op.partials[k](vals[0], b, out) * t
    except (ValueError, ZeroDivisionError, OverflowError) as e:
        raise DomainError(f"{op.name} of {', '.join(map(repr, vals))}: "
                          f"{op.domain or e}", rule=op.name, value=vals[0]) from None
    if not (-_INF < out < _INF and -_INF < tangent < _INF):
        raise DomainError(f"{op.name} of {', '.join(map(repr, vals))} overflows",
                          rule=op.name, value=vals[0])
    return Dual(out, tangent)
