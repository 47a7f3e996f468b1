"""Dual numbers that nest: derivatives of functions that take derivatives themselves.

A :class:`Nested` dual number is (value, tangent) along one perturbation ε, named by its
``tag``; value and tangent may be dual numbers of other perturbations, so a derivative
inside a derivative works. Arithmetic applies the table's partials with the package's own
functions (``functions.PACKAGE``), so the partials are differentiated again; errors are the
package's (log(0), 1/0 and exp(1000) are a :class:`DomainError`), and comparisons,
``abs()`` and numpy's ufuncs behave as on every number type of the package.

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

from . import functions
from .errors import DomainError, ExpressionError
from .functions import apply, is_real, not_finite, PACKAGE, primal
from .notation import number, shown
from .operators import Operators

_TAGS = itertools.count(1)
SHARED = 0  # the one tag of untagged (confusable) nesting
_ARITH_ERRORS = (ValueError, ZeroDivisionError, OverflowError)


class Nested(Operators):
    """A dual number value + tangent·ε_tag; value and tangent may be Nested of older tags."""

    __slots__ = ("tag", "value", "tangent")
    what = "a nested dual number"
    drops = "drop its tangents"

    def __init__(self, tag: int, value, tangent=0.0):
        self.tag, self.value, self.tangent = tag, value, tangent

    def __autodiff_apply__(self, op, *args):
        """The hook of :func:`autodiff_core.functions.apply`: ``op(*args)`` as a Nested."""
        return apply_op(op, *args)

    def __repr__(self):
        return f"Nested(tag={self.tag}, value={self.value!r}, tangent={self.tangent!r})"


def apply_op(op, *args):
    """``op(*args)``: the newest perturbation among the arguments carries the result; an
    argument of an older one (or a number) is a constant for it."""
    for a in args:
        if not isinstance(a, Nested) and not is_real(a):
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
    out = apply(op, *vals)  # on floats, the table's evaluation and its checks
    tangent = 0.0
    try:
        for k, t in enumerate(tans):
            if isinstance(t, Nested) or t != 0.0:
                tangent = tangent + op.partials[k](PACKAGE, *vals, out) * t
    except _ARITH_ERRORS as e:
        at = ", ".join(number(primal(v)) for v in vals)
        why = "overflow" if isinstance(e, OverflowError) else (op.domain or str(e))
        raise DomainError(f"the derivative of {op.name} at {at}: {why}", rule=op.name, value=primal(vals[0])) from None
    bad = not_finite(primal(tangent))
    if bad:
        at = ", ".join(number(primal(v)) for v in vals)
        raise DomainError(f"the derivative of {op.name} at {at}: {bad}", rule=op.name, value=primal(vals[0]))
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
    all derivatives, as naive nesting does (and is confused by derivatives inside f).

    A function with several outputs (a tuple, a list or a numpy array) gives one derivative
    per output, as a tuple; one that returns nothing, or something that is not a number, is
    an ExpressionError."""
    if not isinstance(x, Nested) and not is_real(x):
        raise TypeError(f"derivative() needs a real number x, got {shown(x)} (type {type(x).__name__})")
    if not isinstance(x, Nested) and not_finite(float(x)):
        raise DomainError(f"derivative() at x = {x!r}: {not_finite(float(x))}")
    tag = next(_TAGS) if tagged else SHARED
    y = f(Nested(tag, x, 1.0))
    if isinstance(y, (tuple, list)) or hasattr(y, "tolist"):
        outs = y.tolist() if hasattr(y, "tolist") and not isinstance(y, numbers.Real) else y
        if isinstance(outs, (tuple, list)):
            if not outs:
                raise ExpressionError("the function returned no outputs (an empty sequence): nothing to differentiate")
            return tuple(_checked(out, tag, k) for k, out in enumerate(outs))
    return _checked(y, tag, None)


def _checked(y, tag, k):
    if isinstance(y, Nested) or is_real(y):
        return tangent_of(y, tag)
    where = "the function" if k is None else f"output {k + 1} of the function"
    if y is None:
        raise ExpressionError(f"{where} returned None: did it forget `return`?")
    raise ExpressionError(
        f"{where} returned {shown(y)} (type {type(y).__name__}), not a number: nothing to differentiate"
    )


globals().update({name: getattr(functions, name) for name in functions.NAMES})  # nd.sin, ...: the package's
