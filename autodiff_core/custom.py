"""Custom rules: a new primitive operation with the derivative you declare.

Automatic differentiation differentiates the operations a program runs. Where that
gives the wrong answer or a bad number (log(σ(z)) overflowing for z = −800, a sqrt at 0,
an iteration that stops on a tolerance), declare the function as ONE primitive with the
derivative you know, as JAX's ``custom_jvp`` does::

    import math
    from autodiff_core import primitive, check_partials, trace

    log_sigmoid = primitive(
        "log_sigmoid",
        lambda z: -math.log1p(math.exp(-z)) if z > -30 else z,   # evaluation, on floats
        partials=lambda m, z, out: m.sigmoid(-z),                 # d/dz log σ(z) = σ(−z)
        text="logσ(<0>)",
    )
    g = trace(lambda z: log_sigmoid(2 * z), z=-800.0)   # one node, drawn as logσ
    g.gradient()                                        # {'z': 2.0}
    print(check_partials(log_sigmoid, -3.0, 0.5, 4.0))  # declared vs central differences

The same declaration as a decorator (the name is the function's)::

    @primitive(partials=lambda m, x, out: 0.0 if out == 0 else 0.5 / out)
    def safe_sqrt(x):
        return math.sqrt(x)

**What you give.** ``fn`` evaluates the operation on floats (use :mod:`math` freely: it
only ever sees floats) and takes one or two numbers. ``partials`` is one function per
operand (a single function for one operand), each taking ``(m, x, out)`` or
``(m, a, b, out)``: the operands, the result, and ``m``, a namespace of math functions.
Write the partial with ``m`` — ``m.cos(x)``, ``m.exp(x)``, ``m.sigmoid(x)``, ``m.pow(a, b)``,
every operation of the table by name (your own primitives too), and ``m.sign(x)``,
``m.step(x)`` (= [x > 0]) — and with ``+ − × / **``: the sweeps call it with floats, the
gradient graph and nested dual numbers with the package's values, so second derivatives
work too. (``math.cos`` works on floats only: a second derivative would then say so.)
A partial may branch on its operands' values (``if out == 0``): a comparison reads the
value at the point.

**What you get.** A function that works on numbers, :class:`~autodiff_core.Dual`,
nested dual numbers and traced values (one node ``w = name(u)``, drawn with ``symbol``,
stepped in every sweep and the player, written with ``text``/``partial_text`` in the
rules); typed expressions may call it by name. Its ``op`` is the table entry.

**Checked.** A wrong declaration is a :class:`~autodiff_core.errors.RuleError` at once
(a name taken by a built-in operation or not an identifier, ``fn`` or a partial not
callable or taking the wrong number of arguments, a partial count that is not the
operand count, a template without its operands); a partial that raises or returns
something other than a number is one when it is used, naming the partial and the point.
:func:`check_partials` compares the declared partials with central differences.

Declaring a name again replaces its rule (re-running a notebook cell); graphs traced
before read the new rule. :func:`forget` takes a name out of use.
"""

from __future__ import annotations

import inspect
import keyword
import numbers
import re
from dataclasses import dataclass

from .errors import DomainError, RuleError
from .functions import apply, is_real
from .notation import number, shown
from .numeric import numerical_derivative
from .ops import BUILTIN, FLOAT, Op, register, unregister

_ARITH = (ArithmeticError, ValueError)  # a domain: the callers turn it into a DomainError
_OPERANDS = {1: ("x",), 2: ("a", "b")}
_PLACEHOLDER = re.compile(r"<(\w+)>")  # as the rules fill them


class Primitive:
    """A declared primitive: call it like the package's functions; ``op`` is its table entry."""

    def __init__(self, op: Op):
        self.op = op
        self.__name__ = self.__qualname__ = op.name
        self.__doc__ = f"{op.name}: a custom primitive of {op.arity} operand{'s' * (op.arity > 1)}."

    def __call__(self, *args):
        return apply(self.op, *args)

    def __repr__(self):
        return f"<primitive {self.op.name}>"


def primitive(name=None, fn=None, *, partials, text=None, latex=None, symbol=None, partial_text=None,
              partial_latex=None, domain: str = "", arity: int | None = None) -> Primitive:  # fmt: skip
    """Declare a primitive operation ``name`` evaluated by ``fn`` with the given ``partials``
    (see the module's docstring); without ``fn``, a decorator. ``text`` and ``latex`` write
    the operation (``<0>``, ``<1>`` stand for the operands; default ``name(<0>)``),
    ``partial_text``/``partial_latex`` each partial (default ``name′(<0>)``; ``<out>`` stands
    for the result, as in a solver's ``1/(3·<out>² + 1)``), ``symbol``
    is what a drawing shows (default the name), ``domain`` what an error says it needs,
    ``arity`` the number of operands where fn's signature does not say (``math.log``)."""
    if fn is None and callable(name):
        name, fn = None, name
    if fn is None:
        return lambda f: primitive(name, f, partials=partials, text=text, latex=latex, symbol=symbol,
                                   partial_text=partial_text, partial_latex=partial_latex, domain=domain,
                                   arity=arity)  # fmt: skip
    name = getattr(fn, "__name__", None) if name is None else name
    _check_name(name)
    if not callable(fn):
        raise RuleError(f"primitive {name!r}: fn must be a function of the operands, got {shown(fn)}")
    arity = _arity(name, fn) if arity is None else arity
    if arity not in (1, 2) or isinstance(arity, bool):
        raise RuleError(f"primitive {name!r}: arity must be 1 or 2 (operands), got {shown(arity)}")
    parts = (partials,) if callable(partials) else partials
    if not isinstance(parts, (tuple, list)) or len(parts) != arity:
        count = (
            len(parts) if isinstance(parts, (tuple, list)) else f"{shown(partials)}, not a function or a list of them"
        )
        raise RuleError(
            f"primitive {name!r} has {arity} operand{'s' * (arity > 1)} ({', '.join(_OPERANDS[arity])}), so it "
            f"needs {arity} partial{'s' * (arity > 1)}, one per operand; got {count}"
        )
    for k, p in enumerate(parts):
        _check_partial(name, arity, k, p)
    args = ", ".join(f"<{k}>" for k in range(arity))
    text = text or f"{name}({args})"
    latex = latex or rf"\operatorname{{{_latex_name(name)}}}({args})"
    partial_text = partial_text or tuple(
        f"{name}′({args})" if arity == 1 else f"∂{name}/∂{_OPERANDS[2][k]}({args})" for k in range(arity)
    )
    partial_latex = partial_latex or tuple(
        rf"\operatorname{{{_latex_name(name)}}}'({args})"
        if arity == 1
        else rf"\partial_{{{_OPERANDS[2][k]}}}"
        rf"\operatorname{{{_latex_name(name)}}}({args})"
        for k in range(arity)
    )
    partial_text = (partial_text,) if isinstance(partial_text, str) else tuple(partial_text)
    partial_latex = (partial_latex,) if isinstance(partial_latex, str) else tuple(partial_latex)
    for what, t in (("text", text), ("latex", latex)):
        _check_template(name, arity, what, t)
    for what, ts in (("partial_text", partial_text), ("partial_latex", partial_latex)):
        for t in ts:
            _check_template(name, arity, what, t, partial=True)
    if len(partial_text) != arity or len(partial_latex) != arity:
        raise RuleError(f"primitive {name!r}: give one partial_text and one partial_latex per operand ({arity})")
    checked = tuple(_partial(name, k, p) for k, p in enumerate(parts))
    op = Op(name, symbol or name, arity, _evaluation(name, fn), checked, text, latex, partial_text, partial_latex,
            domain, custom=True)  # fmt: skip
    return Primitive(register(op))


def forget(f) -> None:
    """Take a declared primitive's name out of use (graphs traced with it keep it)."""
    unregister(f.op if isinstance(f, Primitive) else f)


def _check_name(name) -> None:
    if not isinstance(name, str) or not name.isidentifier() or keyword.iskeyword(name) or name.startswith("_"):
        raise RuleError(f"a primitive's name must be a Python name not starting with '_', got {shown(name)}")
    if name == "pi" or any(op.name == name for op in BUILTIN):
        raise RuleError(f"{name!r} is already an operation of the package (or a constant): choose another name")


def _latex_name(name: str) -> str:
    return name.replace("_", r"\_")


def _arity(name: str, fn) -> int:
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        raise RuleError(
            f"primitive {name!r}: cannot read fn's parameters; say how many operands it takes (arity=1 or 2)"
        ) from None
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    n = sum(1 for p in params if p.kind in kinds and p.default is inspect.Parameter.empty)
    if n not in (1, 2) or any(p.kind is inspect.Parameter.VAR_POSITIONAL for p in params):
        raise RuleError(f"primitive {name!r}: fn must take one or two numbers (the operands), it takes {n}")
    return n


def _check_partial(name: str, arity: int, k: int, p) -> None:
    want = f"(m, {', '.join(_OPERANDS[arity])}, out)"
    if not callable(p):
        raise RuleError(f"primitive {name!r}: partial {k + 1} must be a function {want}, got {shown(p)}")
    try:
        inspect.signature(p).bind(*range(arity + 2))
    except TypeError:
        raise RuleError(
            f"primitive {name!r}: partial {k + 1} must take {arity + 2} arguments {want}: the math namespace, "
            f"the operand{'s' * (arity > 1)} and the result; its parameters are {inspect.signature(p)}"
        ) from None
    except ValueError:
        pass  # a builtin without a signature: checked when called


def _check_template(name: str, arity: int, what: str, t, partial: bool = False) -> None:
    """The operation's text writes every operand; a partial's may write any of them and
    ``<out>``, the result (``1/(3·<out>² + 1)``); no other placeholder."""
    operands = " and ".join(f"<{k}>" for k in range(arity))
    if not isinstance(t, str) or (not partial and any(f"<{k}>" not in t for k in range(arity))):
        raise RuleError(f"primitive {name!r}: {what} must be a string that writes {operands} (the operands), got {t!r}")
    allowed = {str(k) for k in range(arity)} | ({"out"} if partial else set())
    unknown = sorted(set(_PLACEHOLDER.findall(t)) - allowed)
    if unknown:
        may = operands + (" and <out> (the result)" if partial else "")
        raise RuleError(
            f"primitive {name!r}: {what} {t!r} writes <{unknown[0]}>, which is not one of its placeholders: {may}"
        )


def _evaluation(name: str, fn):
    def evaluate(*args):
        try:
            v = fn(*args)
        except _ARITH:
            raise
        except Exception as e:  # the student's code: say where, in the package's error
            raise RuleError(f"{name}({', '.join(map(number, args))}) raised {type(e).__name__}: {e}") from e
        if not is_real(v):
            raise RuleError(f"{name}({', '.join(map(number, args))}) returned {shown(v)}, not a number")
        return float(v)

    return evaluate


def _partial(name: str, k: int, p):
    def partial(m, *args):
        try:
            d = p(m, *args)
        except _ARITH:
            raise
        except Exception as e:  # the student's code
            hint = " (write the partial with m's functions, m.exp(x), not math.exp(x))" if m is not FLOAT else ""
            raise RuleError(f"{_where(name, k, args)} raised {type(e).__name__}: {e}{hint}") from e
        if m is FLOAT:
            if not is_real(d):
                raise RuleError(f"{_where(name, k, args)} returned {shown(d)}, not a number")
            return float(d)
        if not (is_real(d) or hasattr(type(d), "__autodiff_apply__")):
            raise RuleError(f"{_where(name, k, args)} returned {shown(d)}, not a number")
        return d

    return partial


def _where(name: str, k: int, args) -> str:
    def value(v):
        while not isinstance(v, numbers.Real):
            v = v.value
        return number(v)

    return f"the partial {k + 1} of {name} at ({', '.join(value(v) for v in args[:-1])})"


@dataclass(frozen=True)
class PartialCheck:
    """One comparison: at ``point``, the declared ∂/∂operand and its central difference."""

    point: tuple
    operand: int
    declared: float | None  # None: the partial is not defined there
    numeric: float | None  # None: fn is not defined around the point
    ok: bool

    @property
    def error(self) -> float | None:
        if self.declared is None or self.numeric is None:
            return None
        return abs(self.declared - self.numeric)


@dataclass(frozen=True)
class CheckReport:
    """What :func:`check_partials` found; ``ok`` when every comparison agrees; ``str()`` a table."""

    name: str
    rows: tuple

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.rows)

    def __str__(self) -> str:
        lines = [f"{self.name}: declared partials against central differences"]
        for r in self.rows:
            at = ", ".join(map(number, r.point))
            d = "not defined" if r.declared is None else number(r.declared)
            fd = "not defined" if r.numeric is None else number(r.numeric)
            lines.append(
                f"  at ({at}) ∂/∂operand {r.operand + 1}: declared {d}, numeric {fd}  {'ok' if r.ok else 'DIFFERS'}"
            )
        lines.append("all agree" if self.ok else "some differ: look at the rows marked DIFFERS")
        return "\n".join(lines)


def check_partials(f, *points, rtol: float = 1e-5, atol: float = 1e-7) -> CheckReport:
    """Compare a primitive's declared partials with central differences of its evaluation
    at each point (a number, or a pair for two operands; default -1.3, -0.4, 0.6, 1.7).
    Points where either is undefined are reported (``None``) and do not count as agreeing."""
    op = f.op if isinstance(f, Primitive) else f
    if not isinstance(op, Op):
        raise TypeError(f"check_partials needs a primitive (from autodiff_core.primitive), got {shown(f)}")
    rows = []
    for pt in points or (-1.3, -0.4, 0.6, 1.7):
        args = tuple(float(v) for v in (pt if isinstance(pt, (tuple, list)) else (pt,) * op.arity))
        if len(args) != op.arity:
            raise ValueError(f"{op.name} takes {op.arity} operands: give points as {op.arity}-tuples, got {pt!r}")
        for k in range(op.arity):
            declared = numeric = None
            try:
                declared = op.partials[k](FLOAT, *args, op.fn(*args))
            except (*_ARITH, DomainError):
                pass

            def along(t, k=k, args=args):
                return op.fn(*args[:k], t, *args[k + 1 :])

            try:
                numeric = numerical_derivative(along, args[k])
            except (*_ARITH, DomainError):
                pass
            ok = declared is not None and numeric is not None and abs(declared - numeric) <= atol + rtol * abs(numeric)
            rows.append(PartialCheck(args, k, declared, numeric, ok))
    return CheckReport(op.name, tuple(rows))
