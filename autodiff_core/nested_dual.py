"""Dual numbers that nest: derivatives of functions that take derivatives themselves.

A :class:`Nested` dual number is (value, tangent) along one perturbation ε, named by its
``tag``; value and tangent may be dual numbers of other perturbations, so a derivative
inside a derivative works. Arithmetic uses the traced partials of every operation
(:mod:`.traced_partials`), so the partials are differentiated again.

**Perturbation confusion.** In d/dx [x · d/dy (x + y)] the inner derivative must treat x
as a constant. With one shared ε for every derivative (``tagged=False``) it cannot tell
x's perturbation from y's, counts both, and the answer comes out 2 instead of 1.
``derivative`` gives each call a fresh tag, and arithmetic on two dual numbers of
different tags treats the one of the older tag as a constant of the newer perturbation:
the answer is 1 (Siskind and Pearlmutter, 2005).
"""

from __future__ import annotations

import itertools
import numbers

from .ops import ADD, DIV, FUNCTIONS, MUL, NEG, POW, SUB
from .traced_partials import PARTIALS, call

_TAGS = itertools.count(1)
SHARED = 0  # the one tag of untagged (confusable) nesting


class Nested:
    """A dual number value + tangent·ε_tag; value and tangent may be Nested of older tags."""

    __slots__ = ("tag", "value", "tangent")
    __array_ufunc__ = None

    def __init__(self, tag: int, value, tangent=0.0):
        self.tag, self.value, self.tangent = tag, value, tangent

    def __add__(self, o):
        return apply_op(ADD, self, o)

    def __radd__(self, o):
        return apply_op(ADD, o, self)

    def __sub__(self, o):
        return apply_op(SUB, self, o)

    def __rsub__(self, o):
        return apply_op(SUB, o, self)

    def __mul__(self, o):
        return apply_op(MUL, self, o)

    def __rmul__(self, o):
        return apply_op(MUL, o, self)

    def __truediv__(self, o):
        return apply_op(DIV, self, o)

    def __rtruediv__(self, o):
        return apply_op(DIV, o, self)

    def __pow__(self, o):
        return apply_op(POW, self, o)

    def __rpow__(self, o):
        return apply_op(POW, o, self)

    def __neg__(self):
        return apply_op(NEG, self)

    def __pos__(self):
        return self

    @staticmethod
    def apply_op(op, *args):
        return apply_op(op, *args)

    def __repr__(self):
        return f"Nested(tag={self.tag}, value={self.value!r}, tangent={self.tangent!r})"


def apply_op(op, *args):
    """``op(*args)``: the newest perturbation among the arguments carries the result; an
    argument of an older one (or a number) is a constant for it."""
    for a in args:
        if not isinstance(a, (Nested, numbers.Real)) or isinstance(a, bool):
            return NotImplemented
    tag = max(a.tag for a in args if isinstance(a, Nested))
    vals, tans = [], []
    for a in args:
        if isinstance(a, Nested) and a.tag == tag:
            vals.append(a.value)
            tans.append(a.tangent)
        else:
            vals.append(a)
            tans.append(0.0)
    out = call(op, *vals)
    b = vals[1] if len(vals) > 1 else None
    tangent = 0.0
    for k, t in enumerate(tans):
        if isinstance(t, Nested) or t != 0.0:
            tangent = tangent + PARTIALS[op.name][k][0](vals[0], b, out) * t
    return Nested(tag, out, tangent)


def tangent_of(y, tag: int):
    """The coefficient of ε_tag in y (0 if y does not depend on that perturbation)."""
    if not isinstance(y, Nested) or y.tag < tag:
        return 0.0  # a number, or a dual of an older perturbation: no ε_tag in it
    if y.tag == tag:
        return y.tangent
    return Nested(y.tag, tangent_of(y.value, tag), tangent_of(y.tangent, tag))


def derivative(f, x, tagged: bool = True):
    """df/dx at x by one nested dual number. ``tagged=False`` shares one perturbation among
    all derivatives, as naive nesting does (and is confused by derivatives inside f)."""
    tag = next(_TAGS) if tagged else SHARED
    return tangent_of(f(Nested(tag, x, 1.0)), tag)


def _make(op):
    def function(x):
        return call(op, x)

    function.__name__ = function.__qualname__ = op.name
    function.__doc__ = f"{op.name}(x) on numbers and nested dual numbers."
    return function


sin, cos, tan, exp, log = (_make(FUNCTIONS[n]) for n in ("sin", "cos", "tan", "exp", "log"))
sqrt, tanh, sigmoid = (_make(FUNCTIONS[n]) for n in ("sqrt", "tanh", "sigmoid"))
relu, abs = _make(FUNCTIONS["relu"]), _make(FUNCTIONS["abs"])  # noqa: A001
