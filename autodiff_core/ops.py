"""The primitive operations: one table, the single definition every part uses.

Each entry says how to evaluate the operation on floats, its local partial derivative
with respect to each operand, and how the operation, those partials and the forward
(tangent) terms are written, in plain text and in LaTeX. A partial is written once,
against a namespace ``m`` of math functions: ``lambda m, a, out: m.cos(a)`` for sin,
``lambda m, a, b, out: b`` for ∂(a·b)/∂a. The sweeps call it with :data:`FLOAT` (floats,
the math module's functions); the gradient graph and nested dual numbers call it with
the package's own functions (``functions.PACKAGE``), so the same line records nodes or
differentiates the partial again. Python's operators (``__add__``, ...) and numpy's
ufuncs (``np.sin``) on the package's number types are made from the table too.

So adding an operation is one new entry here (see ARCHITECTURE.md, "Where to add
things"); :func:`register` adds one at run time (what ``autodiff_core.primitive`` uses).

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
from collections.abc import Callable
from dataclasses import dataclass, field

Template = str | Callable[[tuple], str]
MAX_OPS = 256  # a graph stores an op's position in one byte


@dataclass(frozen=True, eq=False)
class Op:
    name: str  # "mul"; also the function name for math functions
    symbol: str  # what a drawing shows: "×", "+", "sin"
    arity: int
    fn: Callable  # evaluation on floats: fn(a) or fn(a, b)
    partials: tuple  # per operand: d(m, a, out) or d(m, a, b, out) -> ∂out/∂operand
    text: Template  # the operation, e.g. "<0>·<1>"
    latex: Template
    partial_text: tuple  # per operand
    partial_latex: tuple
    domain: str = ""  # what the operation needs, for error messages
    tangent_text: tuple | None = None  # per-operand forward terms, when the
    tangent_latex: tuple | None = None  # default "partial·tangent" reads worse
    python: str = ""  # its Python operator: "add" gives __add__ and __radd__, "neg" __neg__
    ufuncs: tuple = ()  # the numpy ufuncs it is: ("sin",), ("absolute", "fabs")
    custom: bool = False  # declared at run time (autodiff_core.primitive), not in this file
    #: per operand, the partial on floats as f(a, b, out) (b unused for one operand)
    float_partials: tuple = field(init=False, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "float_partials", tuple(_on_floats(d, self.arity) for d in self.partials))

    def __repr__(self):
        return f"<op {self.name}>"


def _on_floats(d, arity):
    if arity == 1:
        return lambda a, b, out: d(FLOAT, a, out)
    return lambda a, b, out: d(FLOAT, a, b, out)


def _sigmoid(a: float) -> float:
    if a >= 0:
        return 1.0 / (1.0 + math.exp(-a))
    e = math.exp(a)
    return e / (1.0 + e)


def _relu(a: float) -> float:
    return 0.0 if a <= 0 else a  # NaN stays NaN


def _step(a: float) -> float:
    """[a > 0], NaN staying NaN: relu's partial."""
    return 1.0 if a > 0 else (0.0 if a <= 0 else a)


def _sign(a: float) -> float:
    return 1.0 if a > 0 else (-1.0 if a < 0 else (0.0 if a == 0 else a))  # NaN stays NaN


class FloatMath:
    """The namespace ``m`` a partial gets on floats: every operation of the table by name
    (``m.cos``, ``m.pow``, ``m.sigmoid``, ...) as its float function, and the piecewise
    constants ``m.sign(a)`` and ``m.step(a)`` (= [a > 0])."""

    def __init__(self):
        self.sign, self.step = _sign, _step

    def __getattr__(self, name):
        op = BY_NAME.get(name)
        if op is None or not op.arity:
            raise AttributeError(f"the math namespace m has no {name!r}: it has {', '.join(namespace_names())}")
        if not op.custom:
            setattr(self, name, op.fn)  # a built-in never changes: looked up once
        return op.fn


FLOAT = FloatMath()


def namespace_names() -> list[str]:
    """What a partial may call on ``m``: the operations by name, sign and step."""
    return [op.name for op in OPS if op.arity] + ["sign", "step"]


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


def _unary(name, symbol, fn, partial, text, latex, ptext, platex, domain="", ufuncs=None):
    ufuncs = (name,) if ufuncs is None else ufuncs
    return Op(name, symbol, 1, fn, (partial,), text, latex, (ptext,), (platex,), domain, ufuncs=ufuncs)


def _fn(name, latex_name=None):
    """The text and LaTeX templates of a named function of its operands."""
    return f"{name}(<0>)", rf"{latex_name or name}(<0>)"


# fmt: off
ADD = Op("add", "+", 2, operator.add,  # a + b, as a C function: tracing calls it for every node
         (lambda m, a, b, out: 1.0, lambda m, a, b, out: 1.0),
         "<0> + <1>", "<0> + <1>", ("1", "1"), ("1", "1"), python="add", ufuncs=("add",))
SUB = Op("sub", "−", 2, operator.sub, (lambda m, a, b, out: 1.0, lambda m, a, b, out: -1.0),
         "<0> − <1>", "<0> - <1>", ("1", "−1"), ("1", "-1"), python="sub", ufuncs=("subtract",))
MUL = Op("mul", "×", 2, operator.mul, (lambda m, a, b, out: b, lambda m, a, b, out: a),
         "<0>·<1>", r"<0> \cdot <1>", ("<1>", "<0>"), ("<1>", "<0>"),
         tangent_text=("<d0>·<1>", "<0>·<d1>"), tangent_latex=(r"<d0> \cdot <1>", r"<0> \cdot <d1>"),
         python="mul", ufuncs=("multiply",))
DIV = Op("div", "÷", 2, operator.truediv, (lambda m, a, b, out: 1.0 / b, lambda m, a, b, out: -a / (b * b)),
         "<0>/<1>", r"\frac{<0>}{<1>}", ("1/<1>", "−<0>/<1>²"), (r"\frac{1}{<1>}", r"-\frac{<0>}{{<1>}^{2}}"),
         domain="the divisor must not be 0",
         tangent_text=("<d0>/<1>", "−<0>·<d1>/<1>²"),
         tangent_latex=(r"\frac{<d0>}{<1>}", r"-\frac{<0> \cdot <d1>}{{<1>}^{2}}"),
         python="truediv", ufuncs=("divide", "true_divide"))
NEG = Op("neg", "−", 1, operator.neg, (lambda m, a, out: -1.0,), "−<0>", "-<0>", ("−1",), ("-1",),
         python="neg", ufuncs=("negative",))
POW = Op("pow", "^", 2, math.pow,
         (lambda m, a, b, out: b * m.pow(a, b - 1.0), lambda m, a, b, out: out * m.log(a)),
         "<0>^<1>", "{<0>}^{<1>}",
         (_pow_partial_base_text, "<0>^<1>·log(<0>)"), (_pow_partial_base_latex, r"{<0>}^{<1>} \cdot \log <0>"),
         domain="a negative base needs a whole-number exponent, 0 a positive one, and a variable exponent a "
         "positive base", python="pow", ufuncs=("power", "float_power"))
SIN = _unary("sin", "sin", math.sin, lambda m, a, out: m.cos(a), *_fn("sin", r"\sin"), "cos(<0>)", r"\cos(<0>)")
COS = _unary("cos", "cos", math.cos, lambda m, a, out: -m.sin(a), *_fn("cos", r"\cos"), "−sin(<0>)", r"-\sin(<0>)")
TAN = _unary("tan", "tan", math.tan, lambda m, a, out: 1.0 + out * out, *_fn("tan", r"\tan"),
             "1 + tan(<0>)²", r"1 + \tan^{2}(<0>)")
EXP = _unary("exp", "exp", math.exp, lambda m, a, out: out, "exp(<0>)", r"e^{<0>}", "exp(<0>)", r"e^{<0>}")
LOG = _unary("log", "log", math.log, lambda m, a, out: 1.0 / a, *_fn("log", r"\log"), "1/<0>", r"\frac{1}{<0>}",
             domain="log needs an argument > 0")
SQRT = _unary("sqrt", "√", math.sqrt, lambda m, a, out: 0.5 / out, "sqrt(<0>)", r"\sqrt{<0>}",
              "1/(2·sqrt(<0>))", r"\frac{1}{2\sqrt{<0>}}",
              domain="sqrt needs an argument ≥ 0 (and > 0 for its derivative)")
TANH = _unary("tanh", "tanh", math.tanh, lambda m, a, out: 1.0 - out * out, *_fn("tanh", r"\tanh"),
              "1 − tanh(<0>)²", r"1 - \tanh^{2}(<0>)")
SIGMOID = _unary("sigmoid", "σ", _sigmoid, lambda m, a, out: out * (1.0 - out), *_fn("σ", r"\sigma"),
                 "σ(<0>)·(1 − σ(<0>))", r"\sigma(<0>) \, (1 - \sigma(<0>))", ufuncs=())
RELU = _unary("relu", "relu", _relu, lambda m, a, out: m.step(a), *_fn("relu", r"\operatorname{relu}"),
              "[<0> > 0]", r"[<0> > 0]", ufuncs=())
ABS = Op("abs", "abs", 1, abs, (lambda m, a, out: m.sign(a),), "|<0>|", r"\left|<0>\right|",
         ("sign(<0>)",), (r"\operatorname{sign}(<0>)",), python="abs", ufuncs=("absolute", "fabs"))
INPUT = Op("input", "", 0, None, (), "<name>", "<name>", (), ())
ATAN2 = Op("atan2", "atan2", 2, math.atan2,
           (lambda m, a, b, out: b / (a * a + b * b), lambda m, a, b, out: -a / (a * a + b * b)),
           "atan2(<0>, <1>)", r"\operatorname{atan2}(<0>, <1>)",
           ("<1>/(<0>² + <1>²)", "−<0>/(<0>² + <1>²)"),
           (r"\frac{<1>}{{<0>}^{2} + {<1>}^{2}}", r"-\frac{<0>}{{<0>}^{2} + {<1>}^{2}}"),
           domain="atan2(0, 0) has no derivative", ufuncs=("arctan2",))
HYPOT = Op("hypot", "hypot", 2, math.hypot, (lambda m, a, b, out: a / out, lambda m, a, b, out: b / out),
           "hypot(<0>, <1>)", r"\sqrt{{<0>}^{2} + {<1>}^{2}}",
           ("<0>/hypot(<0>, <1>)", "<1>/hypot(<0>, <1>)"),
           (r"\frac{<0>}{\sqrt{{<0>}^{2} + {<1>}^{2}}}", r"\frac{<1>}{\sqrt{{<0>}^{2} + {<1>}^{2}}}"),
           domain="hypot(0, 0) has no derivative", ufuncs=("hypot",))
# fmt: on

#: Every operation, in a fixed order: a node stores its operation's position. New
#: operations go at the end, so that a position never changes meaning.
BUILTIN: tuple[Op, ...] = (
    INPUT, ADD, SUB, MUL, DIV, NEG, POW, SIN, COS, TAN, EXP, LOG, SQRT, TANH, SIGMOID, RELU, ABS, ATAN2, HYPOT,
)  # fmt: skip
#: The live table: the built-in operations, then those registered at run time.
OPS: list[Op] = []
OP_ID: dict[Op, int] = {}
BY_NAME: dict[str, Op] = {}
#: The operations a student calls as functions, by name: sin(x), atan2(y, x), ...
FUNCTIONS: dict[str, Op] = {}
_ARITHMETIC = ("add", "sub", "mul", "truediv", "pow", "neg")  # written with an operator, not called by name
_OPERAND = re.compile(r"<(\d)>")
_PARTIAL_USES: list[tuple] = []
#: per op id, for the sweeps' loops: its number of operands, its partials as written
#: (called with FLOAT) and on floats as f(a, b, out); kept in step with OPS by register()
ARITY: list[int] = []
PARTIALS: list[tuple] = []
FLOAT_PARTIALS: list[tuple] = []


def register(op: Op) -> Op:
    """Add ``op`` to the live table (a custom op of the same name is replaced in place:
    graphs traced with the old definition read the new one). Returns ``op``."""
    old = BY_NAME.get(op.name)
    if old is not None and not (old.custom and op.custom):
        raise ValueError(f"{op.name!r} is already an operation of the package: choose another name")
    i = OP_ID[old] if old is not None else len(OPS)
    if i >= MAX_OPS:
        raise ValueError(f"the operation table is full ({MAX_OPS} operations)")
    uses = tuple(_operands_in(t) for t in op.partial_text)
    for table, item in ((OPS, op), (_PARTIAL_USES, uses), (ARITY, op.arity), (PARTIALS, op.partials),
                        (FLOAT_PARTIALS, op.float_partials)):  # fmt: skip
        if old is None:
            table.append(item)
        else:
            table[i] = item
    OP_ID[op] = i
    BY_NAME[op.name] = op
    if op.arity and op.python not in _ARITHMETIC:
        FUNCTIONS[op.name] = op
    return op


def unregister(op: Op) -> None:
    """Take a custom op's name out of use (its position stays, so graphs traced with it
    still read it); a later op may take the name. Built-in ops stay."""
    if not op.custom:
        raise ValueError(f"{op.name!r} is a built-in operation: it cannot be removed")
    if BY_NAME.get(op.name) is op:
        del BY_NAME[op.name]
        FUNCTIONS.pop(op.name, None)


def _operands_in(template: Template) -> frozenset[int]:
    """The operand positions a template writes (``<0>``, ``<1>``), every operand a node."""
    if callable(template):
        template = template((None, None))
    return frozenset(int(m) for m in _OPERAND.findall(template))


def partial_uses(op: Op, k: int) -> frozenset[int]:
    """The operand positions whose values the k-th local partial of ``op`` reads:
    mul's ∂/∂a = b reads {1}, add's 1 reads {}, sin's cos(a) reads {0}. Read once, at
    registration, from the partial's template (with every operand a node: a constant operand
    is part of the operation, not a value the sweep reads)."""
    i = OP_ID.get(op)
    return _operands_in(op.partial_text[k]) if i is None else _PARTIAL_USES[i][k]


for _op in BUILTIN:
    register(_op)
