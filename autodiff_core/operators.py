"""Python's operators and numpy's ufuncs on the package's number types, made from the op table.

:class:`Operators` is the one mixin behind traced values, dual numbers and nested dual
numbers. A class that inherits it defines ``__autodiff_apply__(self, op, *args)`` and gets:

* an operator method for every op of the table that has one (``op.python``: ``__add__``
  and ``__radd__``, ``__neg__``, ``__abs__``, ...), each applying that op through the hook
  (a class may supply faster ones with ``__autodiff_operator__(op, reflected)``);
* comparisons by primal value that return plain bools (``if x > 0`` follows the branch
  taken at x), hashing by identity, and no truth value (``if x:`` is an error);
* ``np.sin(x)``, ``np.multiply(2, x)``, ... (``__array_ufunc__``) recording the table's op,
  also on arrays of such values; any other ufunc is a TypeError naming what to use;
* a clear TypeError for what would silently turn the value into a constant: ``float()``
  (and so ``math.sin``), ``int()``, ``round()``, ``//``, ``%``, a format spec (``f"{x:.3f}"``).
"""

from __future__ import annotations

import numbers
import operator
import sys

from .functions import apply, primal
from .ops import BUILTIN, FUNCTIONS, OPS

_COMPARISONS = (operator.lt, operator.le, operator.gt, operator.ge, operator.eq, operator.ne)
_COMPARISON_UFUNCS = dict(zip(("less", "less_equal", "greater", "greater_equal", "equal", "not_equal"), _COMPARISONS))


def _compare(compare):
    """A comparison method that compares primal values and returns a plain bool; anything
    that is neither a number nor one of the package's number types gives NotImplemented."""

    def method(self, other):
        if not isinstance(other, numbers.Real) and not hasattr(type(other), "__autodiff_apply__"):
            return NotImplemented
        return bool(compare(primal(self), primal(other)))

    method.__name__ = f"__{compare.__name__}__"
    return method


def _through_hook(op, reflected: bool):
    if op.arity == 1:
        return lambda self: self.__autodiff_apply__(op, self)
    if reflected:
        return lambda self, o: self.__autodiff_apply__(op, o, self)
    return lambda self, o: self.__autodiff_apply__(op, self, o)


def _constant_maker(what: str, instead: str):
    def method(self, *args):
        raise TypeError(f"{what} of {self.what} would make it a constant ({self.drops}): {instead}")

    return method


def _functions_text() -> str:
    return ", ".join(FUNCTIONS)


class Operators:
    """The operators of a number type that applies operations itself (see the module's docstring)."""

    __slots__ = ()
    what = "a value of the package"  # how messages name the type: "a traced value"
    drops = "drop its derivative"  # what turning it into a float loses: "drop it from the graph"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        make = getattr(cls, "__autodiff_operator__", None) or _through_hook
        for op in BUILTIN:
            if not op.python:
                continue
            for reflected in (False, True) if op.arity == 2 else (False,):
                name = f"__{'r' if reflected else ''}{op.python}__"
                if name not in cls.__dict__:
                    method = make(op, reflected)
                    method.__name__ = name
                    setattr(cls, name, method)

    __lt__, __le__, __gt__, __ge__, __eq__, __ne__ = (_compare(c) for c in _COMPARISONS)
    __hash__ = object.__hash__  # defining __eq__ would remove it: by identity

    def __pos__(self):
        return self

    def __bool__(self):
        raise TypeError(
            f"{self.what} has no truth value: `if x:` would hide which test decides the branch; "
            "write the comparison (`if x > 0:`, `if x != 0:`), which compares its value"
        )

    def __float__(self):
        raise TypeError(
            f"float() of {self.what} would {self.drops} (math.sin(x) and the other math.* functions "
            f"call float()): use the package's functions ({_functions_text()}), or x.value for its number"
        )

    def __int__(self):
        raise TypeError(
            f"int() of {self.what} would {self.drops}: a whole number has no derivative; "
            "use the value itself (or int(x.value) for a count)"
        )

    def __index__(self):
        raise TypeError(
            f"{self.what} cannot be a count or an index (range, [ ]): it would drop out of the "
            "derivative; use a plain int, or compare (x > 0)"
        )

    def __complex__(self):
        raise TypeError(f"complex() of {self.what}: the package differentiates real numbers only")

    __round__ = _constant_maker("round()", "its derivative is 0 wherever it exists; keep x, or use round(x.value)")
    __trunc__ = __floor__ = __ceil__ = _constant_maker(
        "rounding", "a step function has derivative 0 wherever it exists; keep x, or use math.floor(x.value)"
    )
    __floordiv__ = __rfloordiv__ = _constant_maker(
        "//", "a whole-number quotient is a step function; write x / y (true division), or use x.value // y"
    )
    __mod__ = __rmod__ = __divmod__ = __rdivmod__ = _constant_maker(
        "%", "x % y = x − y·floor(x/y) jumps at every multiple of y; write the formula you mean with x / y"
    )

    def __format__(self, spec: str) -> str:
        if not spec:
            return str(self)
        raise TypeError(
            f"format spec {spec!r} on {self.what}: write f'{{x.value:{spec}}}' to show its number "
            "(the value is not a float, so that it cannot be used as one by mistake)"
        )

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        """numpy's ufuncs: the table's op for those it has, elementwise on arrays; the
        comparisons compare primal values, as the operators do."""
        name = ufunc.__name__
        op = next((op for op in OPS if name in op.ufuncs), None)
        compare = _COMPARISON_UFUNCS.get(name)
        if (op is None and compare is None) or method != "__call__" or kwargs:
            how = f"np.{name}" + ("" if method == "__call__" else f".{method}")
            raise TypeError(
                f"{how} on {self.what}: numpy does not differentiate it. The package's functions are "
                f"{_functions_text()} (and + − × / **); write the formula with them"
                + (" (no out=, where= or dtype=)" if op is not None or compare is not None else "")
            )
        if op is not None:
            fn = lambda *xs: apply(op, *xs)
        else:
            fn = lambda a, b: bool(compare(primal(a), primal(b)))
        ours = [hasattr(type(x), "__autodiff_apply__") for x in inputs]
        if any(getattr(x, "ndim", 0) and not mine for x, mine in zip(inputs, ours)):
            numpy = sys.modules["numpy"]  # an array came in, so numpy is loaded
            args = [numpy.array(x, dtype=object) if mine else x for x, mine in zip(inputs, ours)]
            return numpy.frompyfunc(fn, len(inputs), 1)(*args)
        return fn(*(x.item() if hasattr(x, "item") and not mine else x for x, mine in zip(inputs, ours)))


def _named(op, name):
    def method(self, *others):  # numpy's object arrays call x.sin(), x.arctan2(y)
        return apply(op, self, *others)

    method.__name__ = name
    return method


for _op in BUILTIN:
    if not _op.python:
        for _name in _op.ufuncs:
            setattr(Operators, _name, _named(_op, _name))
