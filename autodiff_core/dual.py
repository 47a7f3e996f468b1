"""Eager forward mode with dual numbers: each value carries its derivative.

``Dual(value, tangent)`` is the pair (w, ẇ). Arithmetic and the package's math
functions propagate both at once, using the partials in the operation table:
ẇ = Σₖ ∂w/∂uₖ · u̇ₖ. No graph is kept.
"""

from __future__ import annotations

import numbers
import operator

from .errors import DomainError
from .notation import shown
from .ops import ABS, ADD, DIV, MUL, NEG, POW, SUB, Op

_INF = float("inf")


def compare_values(compare):
    """A comparison method that compares primal values and returns a plain bool.

    The other side is a number, an object of the same class, or a Dual; anything else
    gives NotImplemented (so ``==`` falls back to identity and ``<`` to Python's TypeError).
    Used by Dual and by traced values: ``if x > 0`` follows the branch taken at x."""

    def method(self, other):
        if isinstance(other, (type(self), Dual)):
            other = other.value
        elif not isinstance(other, numbers.Real):
            return NotImplemented
        return bool(compare(self.value, other))

    method.__name__ = f"__{compare.__name__}__"
    return method


class Dual:
    """A dual number: a value and its tangent (derivative along one direction).

    Comparisons (``< <= > >= == !=``) compare values only, as for traced values, so
    code with an ``if`` follows the same branch on numbers, Duals and tracers; hashing
    is by identity. Operands are numbers (int, float, bool, numpy scalars) or Duals.
    """

    __slots__ = ("value", "tangent")
    __array_ufunc__ = None

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

    def __add__(self, o):
        return apply(ADD, self, o)

    def __radd__(self, o):
        return apply(ADD, o, self)

    def __sub__(self, o):
        return apply(SUB, self, o)

    def __rsub__(self, o):
        return apply(SUB, o, self)

    def __mul__(self, o):
        return apply(MUL, self, o)

    def __rmul__(self, o):
        return apply(MUL, o, self)

    def __truediv__(self, o):
        return apply(DIV, self, o)

    def __rtruediv__(self, o):
        return apply(DIV, o, self)

    def __pow__(self, o):
        return apply(POW, self, o)

    def __rpow__(self, o):
        return apply(POW, o, self)

    def __neg__(self):
        return apply(NEG, self)

    def __pos__(self):
        return self

    def __abs__(self):
        return apply(ABS, self)

    __lt__ = compare_values(operator.lt)
    __le__ = compare_values(operator.le)
    __gt__ = compare_values(operator.gt)
    __ge__ = compare_values(operator.ge)
    __eq__ = compare_values(operator.eq)
    __ne__ = compare_values(operator.ne)
    __hash__ = object.__hash__  # defining __eq__ would remove it: by identity

    def __bool__(self):
        raise TypeError(
            "a Dual number has no truth value: write the comparison "
            "(`if x > 0:`, `if x != 0:`), which compares its value"
        )

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
            try:
                vals.append(float(a))
            except OverflowError:
                raise DomainError(
                    f"{op.name}: the constant {shown(a)} is too large for a float", rule=op.name
                ) from None
            tans.append(None)
        else:
            if hasattr(type(a), "__autodiff_apply__"):
                return NotImplemented  # a traced value: its own operator says what is wrong
            raise TypeError(
                f"{op.name} ({op.symbol}) of a Dual number and {shown(a)} (type "
                f"{type(a).__name__}): operands must be numbers or Dual numbers"
            )
    b = vals[1] if len(vals) > 1 else None
    shown_vals = ", ".join(map(repr, vals))
    numbers_in = vals + [t for t in tans if t is not None]
    if any(v != v for v in numbers_in):
        raise DomainError(
            f"{op.name} of {shown_vals}: a value or tangent is not a number (NaN)", rule=op.name, value=vals[0]
        )
    if any(not -_INF < v < _INF for v in numbers_in):
        raise DomainError(f"{op.name} of {shown_vals}: a value or tangent is infinite", rule=op.name, value=vals[0])
    try:
        out = op.fn(*vals)
        tangent = 0.0
        for k, t in enumerate(tans):
            if t is not None:
                tangent += op.partials[k](vals[0], b, out) * t
    except (ValueError, ZeroDivisionError, OverflowError) as e:
        why = "overflow" if isinstance(e, OverflowError) else (op.domain or e)
        raise DomainError(f"{op.name} of {shown_vals}: {why}", rule=op.name, value=vals[0]) from None
    if out != out or tangent != tangent:
        raise DomainError(f"{op.name} of {shown_vals}: the result is not a number (NaN)", rule=op.name, value=vals[0])
    if not (-_INF < out < _INF and -_INF < tangent < _INF):
        raise DomainError(f"{op.name} of {shown_vals} overflows", rule=op.name, value=vals[0])
    return Dual(out, tangent)
