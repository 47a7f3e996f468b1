"""The primitive operations: one table, the single definition every part uses.

Each entry says how to evaluate the operation, its local partial derivative
with respect to each operand, and how the operation, those partials and the
forward (tangent) terms are written, in plain text and in LaTeX. Sweeps,
dual numbers, drawings and lessons all read this table; adding an operation
is one new entry.

Templates use ``<0>``/``<1>`` for the operands, ``<d0>``/``<d1>`` for their
tangents and ``<out>`` for the result. A template may also be a function of
the operands' constants (None for a node operand) returning a template, for
the few rules that read better simplified (``2·x`` rather than ``2·x^(2−1)``).
Which operand values a partial reads is read off its template once, here
(:func:`partial_uses`), so no other module parses a template for it.
"""

import math
import operator
import re
from dataclasses import dataclass
from collections.abc import Callable

Template = str | Callable[[tuple], str]


@dataclass(frozen=True, eq=False)
class Op:
    name: str  # "mul"; also the function name for math functions
    symbol: str  # what a drawing shows: "×", "+", "sin"
    arity: int
    fn: Callable  # evaluation: fn(a) or fn(a, b)
    partials: tuple  # per operand: d(a, b, out) -> ∂out/∂operand
    text: Template  # the operation, e.g. "<0>·<1>"
    latex: Template
    partial_text: tuple  # per operand
    partial_latex: tuple
    domain: str = ""  # what the operation needs, for error messages
    tangent_text: tuple | None = None  # per-operand forward terms, when the
    tangent_latex: tuple | None = None  # default "partial·tangent" reads worse

    def __repr__(self):
        return f"<op {self.name}>"


def _sigmoid(a: float) -> float:
    if a >= 0:
        return 1.0 / (1.0 + math.exp(-a))
    e = math.exp(a)
    return e / (1.0 + e)


def _relu(a: float) -> float:
    return 0.0 if a <= 0 else a  # NaN stays NaN


def _relu_partial(a: float, b, out) -> float:
    return 1.0 if a > 0 else (0.0 if a <= 0 else a)  # [a > 0]; NaN stays NaN


def _sign(a: float) -> float:
    return 1.0 if a > 0 else (-1.0 if a < 0 else (0.0 if a == 0 else a))  # NaN stays NaN


def _num(c) -> str:
    """A constant inside a template (kept exact: 2, 0.5, 1e-3)."""
    return repr(int(c)) if float(c).is_integer() and abs(c) < 1e15 else repr(c)


def _pow_partial_base_text(consts):
    c = consts[1]
    if c is None:
        return "<1>·<0>^(<1>−1)"
    if c == 2:
        return "2·<0>"
    return f"{_num(c)}·<0>^{_num(c - 1)}" if c - 1 >= 0 else f"{_num(c)}·<0>^({_num(c - 1)})"


def _pow_partial_base_latex(consts):
    c = consts[1]
    if c is None:
        return r"<1> \cdot {<0>}^{<1> - 1}"
    if c == 2:
        return r"2 \cdot <0>"
    return rf"{_num(c)} \cdot {{<0>}}^{{{_num(c - 1)}}}"


def _unary(name, symbol, fn, partial, text, latex, ptext, platex, domain=""):
    return Op(name, symbol, 1, fn, (partial,), text, latex, (ptext,), (platex,), domain)


ADD = Op(
    "add",
    "+",
    2,
    operator.add,  # a + b, as a C function: tracing calls it for every node
    (lambda a, b, out: 1.0, lambda a, b, out: 1.0),
    "<0> + <1>",
    "<0> + <1>",
    ("1", "1"),
    ("1", "1"),
)
SUB = Op(
    "sub",
    "−",
    2,
    operator.sub,  # a - b
    (lambda a, b, out: 1.0, lambda a, b, out: -1.0),
    "<0> − <1>",
    "<0> - <1>",
    ("1", "−1"),
    ("1", "-1"),
)
MUL = Op(
    "mul",
    "×",
    2,
    operator.mul,  # a * b
    (lambda a, b, out: b, lambda a, b, out: a),
    "<0>·<1>",
    r"<0> \cdot <1>",
    ("<1>", "<0>"),
    ("<1>", "<0>"),
    tangent_text=("<d0>·<1>", "<0>·<d1>"),
    tangent_latex=(r"<d0> \cdot <1>", r"<0> \cdot <d1>"),
)
DIV = Op(
    "div",
    "÷",
    2,
    operator.truediv,  # a / b
    (lambda a, b, out: 1.0 / b, lambda a, b, out: -a / (b * b)),
    "<0>/<1>",
    r"\frac{<0>}{<1>}",
    ("1/<1>", "−<0>/<1>²"),
    (r"\frac{1}{<1>}", r"-\frac{<0>}{{<1>}^{2}}"),
    domain="the divisor must not be 0",
    tangent_text=("<d0>/<1>", "−<0>·<d1>/<1>²"),
    tangent_latex=(r"\frac{<d0>}{<1>}", r"-\frac{<0> \cdot <d1>}{{<1>}^{2}}"),
)
NEG = _unary("neg", "−", lambda a: -a, lambda a, b, out: -1.0, "−<0>", "-<0>", "−1", "-1")
POW = Op(
    "pow",
    "^",
    2,
    math.pow,
    (lambda a, b, out: b * math.pow(a, b - 1.0), lambda a, b, out: out * math.log(a)),
    "<0>^<1>",
    "{<0>}^{<1>}",
    (_pow_partial_base_text, "<0>^<1>·log(<0>)"),
    (_pow_partial_base_latex, r"{<0>}^{<1>} \cdot \log <0>"),
    domain="a negative base needs a whole-number exponent, 0 a positive one, and a variable exponent a positive base",
)
SIN = _unary("sin", "sin", math.sin, lambda a, b, out: math.cos(a), "sin(<0>)", r"\sin(<0>)", "cos(<0>)", r"\cos(<0>)")
COS = _unary(
    "cos", "cos", math.cos, lambda a, b, out: -math.sin(a), "cos(<0>)", r"\cos(<0>)", "−sin(<0>)", r"-\sin(<0>)"
)
TAN = _unary(
    "tan",
    "tan",
    math.tan,
    lambda a, b, out: 1.0 + out * out,
    "tan(<0>)",
    r"\tan(<0>)",
    "1 + tan(<0>)²",
    r"1 + \tan^{2}(<0>)",
)
EXP = _unary("exp", "exp", math.exp, lambda a, b, out: out, "exp(<0>)", r"e^{<0>}", "exp(<0>)", r"e^{<0>}")
LOG = _unary(
    "log",
    "log",
    math.log,
    lambda a, b, out: 1.0 / a,
    "log(<0>)",
    r"\log(<0>)",
    "1/<0>",
    r"\frac{1}{<0>}",
    domain="log needs an argument > 0",
)
SQRT = _unary(
    "sqrt",
    "√",
    math.sqrt,
    lambda a, b, out: 0.5 / out,
    "sqrt(<0>)",
    r"\sqrt{<0>}",
    "1/(2·sqrt(<0>))",
    r"\frac{1}{2\sqrt{<0>}}",
    domain="sqrt needs an argument ≥ 0 (and > 0 for its derivative)",
)
TANH = _unary(
    "tanh",
    "tanh",
    math.tanh,
    lambda a, b, out: 1.0 - out * out,
    "tanh(<0>)",
    r"\tanh(<0>)",
    "1 − tanh(<0>)²",
    r"1 - \tanh^{2}(<0>)",
)
SIGMOID = _unary(
    "sigmoid",
    "σ",
    _sigmoid,
    lambda a, b, out: out * (1.0 - out),
    "σ(<0>)",
    r"\sigma(<0>)",
    "σ(<0>)·(1 − σ(<0>))",
    r"\sigma(<0>) \, (1 - \sigma(<0>))",
)
RELU = _unary("relu", "relu", _relu, _relu_partial, "relu(<0>)", r"\operatorname{relu}(<0>)", "[<0> > 0]", r"[<0> > 0]")
ABS = _unary(
    "abs",
    "abs",
    abs,
    lambda a, b, out: _sign(a),
    "|<0>|",
    r"\left|<0>\right|",
    "sign(<0>)",
    r"\operatorname{sign}(<0>)",
)
INPUT = Op("input", "", 0, None, (), "<name>", "<name>", (), ())

#: Every operation, in a fixed order: a node stores its operation's position.
OPS: tuple[Op, ...] = (INPUT, ADD, SUB, MUL, DIV, NEG, POW, SIN, COS, TAN, EXP, LOG, SQRT, TANH, SIGMOID, RELU, ABS)
OP_ID = {op: i for i, op in enumerate(OPS)}
BY_NAME = {op.name: op for op in OPS}

#: The operations a student calls as functions, by name: sin(x), relu(x), ...
FUNCTIONS: dict[str, Op] = {op.name: op for op in (SIN, COS, TAN, EXP, LOG, SQRT, TANH, SIGMOID, RELU, ABS)}


_OPERAND = re.compile(r"<(\d)>")


def _operands_in(template: Template) -> frozenset[int]:
    """The operand positions a template writes (``<0>``, ``<1>``), every operand a node."""
    if callable(template):
        template = template((None, None))
    return frozenset(int(m) for m in _OPERAND.findall(template))


_PARTIAL_USES = tuple(tuple(_operands_in(t) for t in op.partial_text) for op in OPS)


def partial_uses(op: Op, k: int) -> frozenset[int]:
    """The operand positions whose values the k-th local partial of ``op`` reads:
    mul's ∂/∂a = b reads {1}, add's 1 reads {}, sin's cos(a) reads {0}. Read once, at
    import, from the partial's template (with every operand a node: a constant operand
    is part of the operation, not a value the sweep reads)."""
    i = OP_ID.get(op)
    return _operands_in(op.partial_text[k]) if i is None else _PARTIAL_USES[i][k]
