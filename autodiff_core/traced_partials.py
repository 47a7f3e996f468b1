"""Each operation's local partials written with the operations themselves, so that they
can be traced, and so differentiated again.

``ops.py`` gives ∂w/∂uₖ as a number (``math.cos(a)``). Here entry k of ``PARTIALS[name]``
is ``(rule, uses)``: ``rule(a, b, out)`` builds the same partial out of elementary
operations (``cos(a)``), so called on traced values it records nodes, called on numbers
it gives ops.py's number (tests/test_gradient_graph.py checks every entry), and called on
nested dual numbers it differentiates the partial again. ``uses`` says which of ``a``,
``b`` and ``out`` (``o``) the rule builds on (relu and abs only read a's number; pow's base
rule also uses ``out`` when the exponent is a node, see :func:`uses`). A
partial that is a constant (1 for +) or piecewise constant ([a > 0] for relu, whose
second derivative is 0) comes back as a float.
"""

from __future__ import annotations

from .ops import COS, LOG, OPS, SIN
from .tape import Tracer


def call(op, *args):
    """``op(*args)`` on traced values, nested dual numbers or plain numbers."""
    for a in args:
        if type(a) is Tracer:
            return a._tape.apply(op, *args)
    for a in args:
        apply = getattr(a, "apply_op", None)
        if apply is not None:
            return apply(op, *args)
    return op.fn(*(float(a) for a in args))


def value(x) -> float:
    """The plain number inside a traced value or a (nested) dual number."""
    while not isinstance(x, (int, float)):
        x = x.value
    return float(x)


def _sign(v: float) -> float:
    return 1.0 if v > 0 else (-1.0 if v < 0 else 0.0)


def _pow_base(a, b, out):
    if isinstance(b, (int, float)):  # a constant exponent c: c·a^(c−1)
        if b == 0:
            return 0.0
        if b == 1:
            return 1.0
        if b == 2:
            return 2.0 * a
        return b * a ** (b - 1.0)
    return b * (out / a)  # a variable exponent needs a > 0: b·a^(b−1) = b·w/a, one node less


def _one(a, b, out):
    return 1.0


def _minus_one(a, b, out):
    return -1.0


PARTIALS: dict[str, tuple] = {
    "add": ((_one, ""), (_one, "")),
    "sub": ((_one, ""), (_minus_one, "")),
    "mul": ((lambda a, b, out: b, "b"), (lambda a, b, out: a, "a")),
    "div": ((lambda a, b, out: 1.0 / b, "b"), (lambda a, b, out: -(out / b), "bo")),
    "neg": ((_minus_one, ""),),
    "pow": ((_pow_base, "ab"), (lambda a, b, out: out * call(LOG, a), "ao")),
    "sin": ((lambda a, b, out: call(COS, a), "a"),),
    "cos": ((lambda a, b, out: -call(SIN, a), "a"),),
    "tan": ((lambda a, b, out: 1.0 + out * out, "o"),),
    "exp": ((lambda a, b, out: out, "o"),),
    "log": ((lambda a, b, out: 1.0 / a, "a"),),
    "sqrt": ((lambda a, b, out: 0.5 / out, "o"),),
    "tanh": ((lambda a, b, out: 1.0 - out * out, "o"),),
    "sigmoid": ((lambda a, b, out: out * (1.0 - out), "o"),),
    "relu": ((lambda a, b, out: 1.0 if value(a) > 0 else 0.0, ""),),
    "abs": ((lambda a, b, out: _sign(value(a)), ""),),
}


def uses(name: str, k: int, exponent_is_node: bool = False) -> str:
    """Which of a, b, out (``o``) the rule for operand k of ``name`` builds nodes on."""
    used = PARTIALS[name][k][1]
    return used + "o" if name == "pow" and k == 0 and exponent_is_node else used


missing = [op.name for op in OPS if op.arity and op.name not in PARTIALS]
if missing:  # a new operation in ops.py needs its traced partials here too
    raise ImportError(f"traced_partials.PARTIALS has no entry for {', '.join(missing)}")
