"""The tape a trace records on, and the traced values (:class:`Tracer`) that record.

Every operation on a tracer is evaluated (with the table's definition) and appended
to the tape's parallel lists; :func:`autodiff_core.trace.trace` turns a finished tape
into a graph. Tracers hold no references to each other, so tracing makes no reference
cycles for the garbage collector to chase.
"""

from __future__ import annotations

import math
import numbers
import struct
from array import array

from .codes import constant_code, constant_slot, is_constant, operand_value
from .dual import Dual
from .errors import DomainError, ExpressionError
from .functions import finite_float, not_finite
from .notation import number, shown, superscript, subscript
from .operators import Operators
from .ops import DIV, OP_ID, Op

_INF = float("inf")
_ARITH_ERRORS = (ValueError, ZeroDivisionError, OverflowError)


class Tape:
    """The growing record of a trace: parallel lists, one entry per node.

    Lists while it grows (appending to a list is several times cheaper than to an
    array), typed arrays once it is done (:meth:`arrays`, what a graph keeps): while
    a trace runs it holds ~150 bytes per node, its graph ~35."""

    __slots__ = ("ops", "a0", "a1", "values", "levels", "consts", "_const_index")

    def __init__(self):
        self.ops: list[int] = []  # the op's position in ops.OPS (0: an input)
        self.a0: list[int] = []  # operand codes (see autodiff_core.codes)
        self.a1: list[int] = []
        self.values: list[float] = []
        self.levels: list[int] = []
        self.consts: list[float] = []
        self._const_index: dict[float, int] = {}

    def arrays(self) -> tuple[array, array, array, array, array]:
        """The record as the compact arrays a :class:`~autodiff_core.graph.Graph` holds:
        op ids, first and second operand codes, values, levels."""
        return (
            _packed("B", self.ops),
            _packed("q", self.a0),
            _packed("q", self.a1),
            _packed("d", self.values),
            _packed("l", self.levels),
        )

    def constant(self, c, op: Op | None = None) -> int:
        """The operand code of a constant (see :mod:`autodiff_core.codes`).

        Constants are real numbers: int, float, bool (as 0 or 1), numpy scalars, any
        ``numbers.Real``; anything else (a string, a Dual number, None) is a TypeError."""
        if type(c) is not float:
            if not isinstance(c, numbers.Real):
                raise _bad_operand(op, c)
            try:
                c = float(c)
            except OverflowError:
                raise DomainError(
                    f"the constant {shown(c)} is too large for a float" + (f" (in {op.name})" if op else "")
                ) from None
        # 0.0 == -0.0 (and they hash alike), but x·(−0.0) is −0.0: the sign of a zero is kept
        key = c if c else (c, math.copysign(1.0, c))
        k = self._const_index.get(key)
        if k is None:
            if not_finite(c):
                what = "a constant is not a number (NaN)" if c != c else f"the constant {c} is not a finite number"
                raise DomainError(what + (f" (in {op.name})" if op else ""))
            k = self._const_index[key] = len(self.consts)
            self.consts.append(c)
        return constant_code(k)

    def input(self, value: float) -> Tracer:
        i = len(self.values)
        self.ops.append(0)
        self.a0.append(0)
        self.a1.append(0)
        self.values.append(value)
        self.levels.append(0)
        return Tracer(self, i, value)

    def apply(self, op: Op, x, y=None) -> Tracer:
        """Record ``op(x)`` or ``op(x, y)``; x, y are tracers or numbers."""
        record = _RECORDERS.get(op)
        if record is None:  # an operation registered after import (ops.register)
            record = _RECORDERS[op] = _recorder(op)
        return record(self, x, y)

    def domain_error(self, op: Op, codes, level: int, err, result=None) -> DomainError:
        """A DomainError naming the node being created, its rule and its inputs."""
        index = sum(1 for lv in self.levels if lv == level) + 1
        name = f"w{superscript(level)}{subscript(index)}"
        shown = [self._operand_label(c) for c in codes]
        rule = op.text
        for k, s in enumerate(shown):
            rule = rule.replace(f"<{k}>", s)
        values = ", ".join(
            f"{s} = {number(self._operand_value(c))}" for s, c in zip(shown, codes) if not is_constant(c)
        )
        if result is not None and result != result:
            why = "the result is not a number (NaN)"
        elif result is not None:
            why = f"the result is {number(result)} (overflow)"
        elif isinstance(err, OverflowError):
            why = "the result is too large for a float (overflow)"
        else:
            why = op.domain or str(err)
        where = f" where {values}" if values else ""
        return DomainError(
            f"cannot compute {name} = {rule}: {why}{where}",
            node=f"w{level}_{index}",
            rule=f"{name} = {rule}",
            value=self._operand_value(codes[-1] if op is DIV else codes[0]),
        )

    def _operand_label(self, c: int) -> str:
        if is_constant(c):
            v = self.consts[constant_slot(c)]
            return number(v) if v >= 0 else f"({number(v)})"
        level = self.levels[c]
        index = sum(1 for j in range(c + 1) if self.levels[j] == level)
        return f"w{superscript(level)}{subscript(index)}"

    def _operand_value(self, c: int) -> float:
        return operand_value(c, self.values, self.consts)


def _packed(typecode: str, items: list) -> array:
    """``array(typecode, items)``, through struct's native packing (a few times faster)."""
    out = array(typecode)
    out.frombytes(struct.pack(f"{len(items)}{typecode}", *items))
    return out


def foreign_tracer_error() -> ExpressionError:
    """The error for a traced value of another trace mixed into this one."""
    return ExpressionError("a traced value from another trace was mixed into this one")


def _bad_operand(op: Op | None, obj) -> TypeError:
    where = f"{op.name} ({op.symbol})" if op is not None else "an operation"
    if isinstance(obj, Dual):
        return TypeError(
            f"{where} of a traced value and a Dual number: the two cannot be "
            "mixed; trace the function, or give it Dual numbers only"
        )
    return TypeError(
        f"{where} of a traced value and {shown(obj)} (type {type(obj).__name__}): "
        "operands must be numbers (int, float, numpy scalars) or traced values"
    )


def _recorder(op: Op):
    """The function that records ``op`` on a tape: ``record(tape, x[, y])``.

    Evaluate with the table's definition, check the result, append the node. One
    per operation, with its evaluation and id bound, since the arithmetic operators
    of traced values are most of what a traced program does."""
    fn, code, binary = op.fn, OP_ID[op], op.arity == 2

    def record(tape: Tape, x, y=None) -> Tracer:
        if type(x) is Tracer:
            if x.tape is not tape:
                raise foreign_tracer_error()
            cx, vx, lv = x.index, x.value, x.level
        else:
            cx = tape.constant(x, op)
            vx, lv = tape.consts[constant_slot(cx)], -1
        if binary:
            if type(y) is Tracer:
                if y.tape is not tape:
                    raise foreign_tracer_error()
                cy, vy, ly = y.index, y.value, y.level
                if ly > lv:
                    lv = ly
            else:
                cy = tape.constant(y, op)
                vy = tape.consts[constant_slot(cy)]
            try:
                v = fn(vx, vy)
            except _ARITH_ERRORS as e:
                raise tape.domain_error(op, (cx, cy), lv + 1, e) from None
        else:
            cy = 0
            try:
                v = fn(vx)
            except _ARITH_ERRORS as e:
                raise tape.domain_error(op, (cx,), lv + 1, e) from None
        if not -_INF < v < _INF:  # functions.not_finite, inline: this runs for every node
            raise tape.domain_error(op, (cx, cy) if binary else (cx,), lv + 1, None, v)
        i = len(tape.values)
        tape.ops.append(code)
        tape.a0.append(cx)
        tape.a1.append(cy)
        tape.values.append(v)
        lv += 1  # one int object, shared by the record and the tracer
        tape.levels.append(lv)
        return Tracer(tape, i, v, lv)

    return record


_RECORDERS: dict = {}


class Tracer(Operators):
    """A value inside a trace: its number, and where it sits on the tape.

    Arithmetic with numbers (int, float, bool as 0/1, numpy scalars) and other tracers
    of the same trace is recorded, as are numpy's ufuncs of the table's operations
    (``np.sin(x)``); any other operand is a TypeError. Comparisons
    (``< <= > >= == !=``) compare the values at the traced point and return plain bools,
    so an ``if`` follows the branch taken there and the graph records that path only
    (as in HIPS autograd and PyTorch). Hashing is by identity. ``tape`` is the trace it
    belongs to, ``index`` its node's position there, ``level`` the node's level.
    """

    __slots__ = ("tape", "index", "value", "level")
    what = "a traced value"
    drops = "drop it from the graph"

    def __init__(self, tape: Tape, index: int, value: float, level: int = 0):
        self.tape = tape
        self.index = index
        self.value = value
        self.level = level

    def __autodiff_apply__(self, op, *args):
        """The hook of :func:`autodiff_core.functions.apply`: record ``op(*args)``."""
        return self.tape.apply(op, *args)

    @classmethod
    def __autodiff_operator__(cls, op: Op, reflected: bool):
        """The operator methods (``__add__``, ...): the op's recorder, called directly,
        since the arithmetic of traced values is most of what a traced program does."""
        record = _RECORDERS[op] = _RECORDERS.get(op) or _recorder(op)
        if op.arity == 1:
            return lambda self: record(self.tape, self)
        if reflected:
            return lambda self, o: record(self.tape, o, self)
        return lambda self, o: record(self.tape, self, o)

    def __repr__(self):
        return f"Tracer(node {self.index}, value={self.value!r})"


def check_input(name: str, value) -> float:
    """An input value as a float: a finite real number (not a bool), else ExpressionError."""
    try:
        return finite_float(value, f"the value of input {name!r}")
    except (TypeError, ValueError) as e:
        raise ExpressionError(str(e)) from None
