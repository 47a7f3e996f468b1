"""Checks on the parts of your own engine (lesson 10): an operation of a ``Value`` class
(here), the reset of the gradients, one training step and the loss from the logit
(``engine_loop``), and what they share: running the student's code.

A check runs the student's code on fresh instances of the student's ``Value`` class (what the
question is about, given first; the student's function is the answer, given last or as
``answer=``: ``check_value_op(Value, "tanh", tanh)``) and compares with the package: values
with the operation table, gradients with the package's reverse sweep of the same function.
The class needs ``Value(number)``, ``.data``, ``.grad`` and ``.backward()``. Whatever the
student's code raises or returns is reported (with the line it came from), never raised.
"""

from __future__ import annotations

from ..functions import apply
from ..notation import number, shown
from ..ops import BY_NAME, FUNCTIONS
from ..trace import trace
from .calls import checker
from .feedback import ArgumentError, Feedback, _Invalid, _UNANSWERED, _matches, _right, _wrong
from .student_code import arity_problem, crash_message

#: The binary operations a student writes as methods, by the method's name.
BINARY = {"add": "add", "sub": "sub", "mul": "mul", "truediv": "div", "div": "div"}
_SYMBOL = {"add": "+", "sub": "−", "mul": "·", "div": "/"}
_UNARY_POINTS = (-1.7, -0.4, 0.3, 0.9, 2.2)
_POSITIVE_POINTS = (0.3, 0.7, 1.3, 2.1, 3.4)
_PAIRS = ((0.7, 2.0), (1.3, -0.5), (-2.1, 3.0), (0.4, 1.5))


def _returns_none(what: str) -> Feedback:
    """'Not answered yet' for a template still returning (or storing) None: ``what`` says which."""
    return Feedback("unanswered", f"Not answered yet: {what}. Write it, run that cell, then this check again.")


def _value_class(value_class) -> type:
    if not isinstance(value_class, type):
        raise ArgumentError(f"give your Value class first (the class itself), not a {type(value_class).__name__}")
    return value_class


def _not_callable(answer, example: str) -> Feedback | None:
    """Feedback for an answer that is not a function, or None."""
    if callable(answer):
        return None
    return Feedback("invalid", f"Cannot check this: give a function ({example}), not a {type(answer).__name__}.")


def _unusable(answer, name: str, params: str) -> Feedback | None:
    """'Not answered yet' for None, 'invalid' for an answer that is not a function the check
    can call as ``name(params)``, or None for one it can run."""
    if answer is None:
        return _UNANSWERED
    n = len(params.split(", "))
    problem = _not_callable(answer, f"def {name}({params}): ...")  # a Feedback, falsy: not `or`
    return problem if problem is not None else arity_problem(answer, n, f"{name} is called with {n}: ({params})")


def _hint(e: Exception) -> str:
    """A sentence about the likely cause of an error raised by the student's code."""
    text = str(e)
    if isinstance(e, AttributeError) and ("'float' object" in text or "'int' object" in text):
        return "A plain number reached code that expects a Value: lift it first with Value.lift(other)."
    if isinstance(e, TypeError) and "NoneType" in text:
        return "Something is still None: a partial, or a function that does not return its result."
    if isinstance(e, AttributeError) and "'str' object" in text:
        return "Looping over a dict gives its keys, the names: loop over params.values() for the Values."
    return ""


def _run(fn, args, where: str):
    """fn(*args), or _Invalid saying what the student's code raised, at which call (``where``)
    and on which line of their code."""
    try:
        return fn(*args)
    except Exception as e:  # noqa: BLE001 - the student's code: report, never raise
        params = ", ".join(f"{type(a).__name__}" for a in args)
        message = crash_message(e, where, params, _hint(e))
        raise _Invalid(message[0].lower() + message[1:]) from None


def _make(value_class, x: float):
    return _run(value_class, (x,), f"Value({number(x)})")


def _grad(v) -> float:
    g = getattr(v, "grad", None)
    if g is None:
        raise _Invalid("after backward() a Value's .grad is None: it must start at 0.0 and be added into.")
    try:
        return float(g)
    except (TypeError, ValueError):
        raise _Invalid(f"after backward() a Value's .grad is a {type(g).__name__}, not a number.") from None


def _reference(op, args: tuple) -> tuple[float, list]:
    """op's value at args, and its partials from the package's reverse sweep of op(a[, b])."""
    names = ("a", "b")[: len(args)]
    f = (lambda a: apply(op, a)) if len(args) == 1 else (lambda a, b: apply(op, a, b))
    graph = trace(f, **dict(zip(names, args)))
    gradient = graph.gradient()
    return graph.value, [gradient[n] for n in names]


def _outcome(value_class, answer, operands, where: str):
    """Run answer on its operands: ``("value", x)`` a new Value, ``("number", x)`` a plain
    number, ``("same",)`` the first operand again. Returns (the result's value, the grads
    of the distinct Values after its backward()), or None for an answer not written yet."""
    args = []
    for spec in operands:
        args.append(args[0] if spec[0] == "same" else _make(value_class, spec[1]) if spec[0] == "value" else spec[1])
    out = _run(answer, tuple(args), where)
    if out is None:
        return None
    if not isinstance(out, value_class):
        if isinstance(out, (int, float)) and not isinstance(out, bool):
            raise _Invalid(
                f"{where} returned the plain number {number(float(out))}: return a Value, "
                "so that backward() can go through it to the operands."
            )
        raise _Invalid(f"{where} returned a {type(out).__name__}: return a Value.")
    if any(p is None for p in _run(tuple, (getattr(out, "partials", ()),), "reading the result's partials")):
        return None  # the template's None partial, not filled in yet
    data = getattr(out, "data", None)
    if not isinstance(data, (int, float)) or isinstance(data, bool):
        raise _Invalid(f"{where} returned a Value whose .data is a {type(data).__name__}, not a number.")
    _run(out.backward, (), f"backward() after {where}")
    grads = [_grad(v) for v in dict.fromkeys(v for v in args if isinstance(v, value_class))]
    return float(data), grads


@checker
def check_value_op(value_class, name, answer) -> Feedback:
    """Does ``answer`` compute the operation ``name`` for your ``Value`` class, with a result
    whose ``backward()`` gives the right partial derivatives?

    For a function (``"tanh"``, ``"sigmoid"``, ``"log"``, …) ``answer(a)`` takes one Value;
    for ``"sub"`` or ``"truediv"`` (also ``"add"``, ``"mul"``) ``answer(a, b)`` takes a
    Value and a Value or a plain number, as a method ``__sub__(self, other)`` does."""
    value_class = _value_class(value_class)
    op = (FUNCTIONS.get(name) or (BY_NAME[BINARY[name]] if name in BINARY else None)) if isinstance(name, str) else None
    if op is None:
        raise ArgumentError(f"no operation {shown(name)} to check; try one of {', '.join([*FUNCTIONS, *BINARY])}")
    problem = _unusable(answer, name, "self, other" if op.arity == 2 else "self")
    if problem is not None:
        return problem
    return (_check_unary if op.arity == 1 else _check_binary)(value_class, op, name, answer)


def _check_unary(value_class, op, name, answer) -> Feedback:
    rows = []  # (x, value, grad, reference value, reference grad)
    for x in _POSITIVE_POINTS if op.domain else _UNARY_POINTS:
        got = _outcome(value_class, answer, [("value", x)], f"{name}(Value({number(x)}))")
        if got is None:
            return _returns_none(f"your {name} returns None, or stores None as its partial")
        (v, (g,)) = got
        ref_v, (ref_g,) = _reference(op, (x,))
        rows.append((x, v, g, ref_v, ref_g))
    for x, v, _, ref_v, _ in rows:
        if not _matches(v, ref_v):
            return _wrong(f"at a = {number(x)} the value is {number(v)}; the result's .data should be {name}(a).")
    grads = [g for _, _, g, _, _ in rows]
    refs = [r for _, _, _, _, r in rows]

    def every(targets) -> bool:
        return all(_matches(g, t) for g, t in zip(grads, targets))

    if every(refs):
        return _right(f"Your {name} stores its value and the local partial ∂{name}(a)/∂a that backward needs.")
    if all(g == 0 for g in grads):
        return _wrong("backward() never reaches a: the new Value must list self as its parent, with the partial.")
    if every([v for _, v, _, _, _ in rows]):
        return _wrong(f"the partial you store is {name}(a) itself, the value, not its derivative.")
    if every([-r for r in refs]):
        return _wrong("right shape, wrong sign.")
    ratios = [g / r for g, r in zip(grads, refs) if abs(r) > 1e-9]
    if ratios and all(_matches(q, ratios[0]) for q in ratios):
        return _wrong("off by the same factor everywhere: check the numbers in your partial.")
    with_input = [op.float_partials[0](x, 0.0, x) for x, *_ in rows]  # the rule with a where it reads the result
    if not all(_matches(w, r) for w, r in zip(with_input, refs)) and every(with_input):
        return _wrong(
            f"your partial is written with the input a where the rule reads the result: with t = {name}(a), "
            "the partial is a formula in t."
        )
    x, g = next((x, g) for (x, *_), g, r in zip(rows, grads, refs) if not _matches(g, r))
    return _wrong(
        f"at a = {number(x)} backward() gives ∂/∂a = {number(g)}, which is not the slope of {name} there: "
        f"the partial to store is the derivative of {name} at this operation's a."
    )


def _check_binary(value_class, op, name, answer) -> Feedback:
    symbol = _SYMBOL[op.name]
    cases = [(a, b, "value") for a, b in _PAIRS] + [(a, b, "number") for a, b in _PAIRS[:2]]
    rows = []
    for a, b, kind in cases:
        where = f"Value({number(a)}) {symbol} " + (f"Value({number(b)})" if kind == "value" else number(b))
        got = _outcome(value_class, answer, [("value", a), (kind, b)], where)
        if got is None:
            return _returns_none(f"your {name} returns None")
        value, grads = got
        ref_v, ref_g = _reference(op, (a, b))
        rows.append((where, value, grads, ref_v, ref_g[: len(grads)], (a, b)))
    for where, value, _, ref_v, _, (a, b) in rows:
        if _matches(value, ref_v):
            continue
        if op.name in ("sub", "div") and _matches(value, op.fn(b, a)):
            return _wrong(f"{where} gives {number(value)}: the operands are the other way round (self {symbol} other).")
        return _wrong(f"{where} gives the value {number(value)}, not a {symbol} b.")
    for where, _, grads, _, ref_g, _ in rows:
        if all(_matches(g, r) for g, r in zip(grads, ref_g)):
            continue
        if len(grads) == 2 and _matches(grads[0], ref_g[0]):
            if grads[1] == 0:
                return _wrong("backward() never reaches other: it must be a parent of the result too.")
            if _matches(grads[1], -ref_g[1]):
                return _wrong(
                    f"what goes back to other has the wrong sign ({where}): does a {symbol} b grow or fall as b grows?"
                )
            return _wrong(f"what goes back to self is right, the one for other is not ({where}).")
        if len(grads) == 2 and _matches(grads[0], ref_g[1]) and _matches(grads[1], ref_g[0]):
            return _wrong(f"the two partials are swapped: self gets ∂(a {symbol} b)/∂a, other ∂(a {symbol} b)/∂b.")
        listed = ", ".join(number(g) for g in grads)
        return _wrong(f"{where}: backward() gives the gradient ({listed}); check the partial for each operand.")
    same = _outcome(value_class, answer, [("value", 1.5), ("same",)], f"x {symbol} x")
    if same is not None:
        reference = sum(_reference(op, (1.5, 1.5))[1])
        if not _matches(same[1][0], reference):
            return _wrong(
                f"with the same Value on both sides (x {symbol} x) backward() gives {number(same[1][0])}, not "
                f"{number(reference)}: both edges must be kept, so parents are a tuple, not a set."
            )
    return _right(f"Your {name} gives the value and, through backward(), both partial derivatives.")
