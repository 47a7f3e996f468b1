"""Typed expressions: ``parse("x1*x2 + sin(x1)")``, safely.

The text is parsed with Python's ``ast`` and checked against a whitelist:
numbers, names, ``+ - * / **`` (and ``^`` as a power), unary ``-``/``+``,
typographic forms pasted from the lessons (``x₁·x₂``, ``x²``, ``−``),
calls of the package's functions, and a tuple at the top for several
outputs. Nothing is ever passed to ``eval`` or ``exec``; the checked tree is
turned into a small postfix program that runs on numbers, dual numbers or
traced values alike. Anything else raises :class:`ExpressionError` saying
what is wrong and at which column.
"""

from __future__ import annotations

import ast
import difflib
import math
import re
import warnings

from .errors import DomainError, ExpressionError
from .expression_text import MAX_PARENS as MAX_PARENS, check_parens, normalize
from .functions import apply
from .notation import natural_key
from .ops import ADD, DIV, FUNCTIONS, MUL, NEG, POW, SUB
from .tape import check_input

MAX_LENGTH = 1000  # characters
MAX_DEPTH = 600  # depth of the syntax tree
MAX_CONSTANT = 1e15  # largest number written or folded
MAX_EXPONENT = 1000  # largest constant exponent
CONSTANTS = {"pi": math.pi}

_BINOPS = {ast.Add: ADD, ast.Sub: SUB, ast.Mult: MUL, ast.Div: DIV, ast.Pow: POW}
_DESCRIBE = {
    ast.Attribute: "attribute access ('.')",
    ast.Subscript: "indexing ('[]')",
    ast.Lambda: "lambda",
    ast.ListComp: "a comprehension",
    ast.SetComp: "a comprehension",
    ast.DictComp: "a comprehension",
    ast.GeneratorExp: "a comprehension",
    ast.Compare: "a comparison",
    ast.BoolOp: "'and'/'or'",
    ast.IfExp: "'if ... else'",
    ast.List: "a list",
    ast.Dict: "a dict",
    ast.Set: "a set",
    ast.Tuple: "a tuple",
    ast.Starred: "'*'",
    ast.NamedExpr: "':='",
    ast.JoinedStr: "an f-string",
    ast.Await: "await",
    ast.Yield: "yield",
    ast.Slice: "a slice",
}
_OPNAMES = {
    ast.FloorDiv: "'//'",
    ast.Mod: "'%'",
    ast.MatMult: "'@'",
    ast.LShift: "'<<'",
    ast.RShift: "'>>'",
    ast.BitOr: "'|'",
    ast.BitAnd: "'&'",
    ast.BitXor: "'^'",
    ast.Invert: "'~'",
    ast.Not: "'not'",
}


class Expression:
    """A parsed expression: call it with input values (numbers, Duals or tracers)."""

    def __init__(self, text: str, inputs: tuple, program: tuple, n_outputs: int):
        self.text = text
        self.inputs = inputs  # free names in natural order: x1, x2, x10
        self._program = program
        self.n_outputs = n_outputs

    def __call__(self, *args, **values):
        """Evaluate at the inputs given by position (in ``inputs`` order) or by name.

        Values are finite real numbers, Dual numbers or traced values; an unknown, repeated
        or missing input, or any other value, is an ExpressionError naming it."""
        if args:
            if len(args) > len(self.inputs):
                raise ExpressionError(
                    f"{self.text!r} takes {len(self.inputs)} inputs ({', '.join(self.inputs)}), got {len(args)}"
                )
            twice = [n for n in self.inputs[: len(args)] if n in values]
            if twice:
                raise ExpressionError(f"{', '.join(twice)} given both by position and by name")
            values.update(zip(self.inputs, args))
        extra = [n for n in values if n not in self.inputs]
        if extra:
            raise ExpressionError(
                f"{', '.join(extra)} {'is' if len(extra) == 1 else 'are'} not "
                f"an input of {self.text!r}, whose inputs are "
                f"{', '.join(self.inputs) or 'none'}"
            )
        missing = [n for n in self.inputs if n not in values]
        if missing:
            raise ExpressionError(f"no value given for {', '.join(missing)} in {self.text!r}")
        for n, v in values.items():
            if not hasattr(type(v), "__autodiff_apply__"):  # a traced value or a Dual
                values[n] = check_input(n, v)
        stack = []
        for instr in self._program:
            kind = instr[0]
            if kind == "name":
                stack.append(values[instr[1]])
            elif kind == "const":
                stack.append(instr[1])
            elif kind == "op":
                op = instr[1]
                if op.arity == 2:
                    b = stack.pop()
                    stack.append(apply(op, stack.pop(), b))
                else:
                    stack.append(apply(op, stack.pop()))
            else:  # ("tuple", n)
                n = instr[1]
                items = tuple(stack[-n:])
                del stack[-n:]
                stack.append(items)
        return stack[0]

    def __repr__(self):
        return f"parse({self.text!r})"

    def __eq__(self, other):
        return isinstance(other, Expression) and other.text == self.text

    def __hash__(self):
        return hash(self.text)


def parse(text: str) -> Expression:
    """Parse a typed expression into an :class:`Expression`, or raise ExpressionError."""
    if not isinstance(text, str):
        raise ExpressionError(f"an expression must be a string, got {type(text).__name__}")
    if not text.strip():
        raise ExpressionError("the expression is empty: type something like x1*x2 + sin(x1)")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"the expression is {len(text)} characters long; the limit is {MAX_LENGTH}")
    if "\n" in text.strip() or "\r" in text:
        raise ExpressionError("the expression must be on one line", None, text)
    source, cols = normalize(text.rstrip())
    check_parens(text)
    lead = len(source) - len(source.lstrip())
    source, cols = source[lead:], cols[lead:]
    try:
        with warnings.catch_warnings():  # "invalid decimal literal" and such: we say it
            warnings.simplefilter("ignore")
            tree = ast.parse(source, mode="eval")
    except SyntaxError as e:
        end = text.rstrip()
        if e.msg == "invalid syntax" and end[-1] in "+-*/^(,·×−÷":
            raise ExpressionError(
                f"the expression ends with {end[-1]!r}: something is missing after it", len(end), text
            ) from None
        col = cols[min(max((e.offset or 1) - 1, 0), len(cols) - 1)] if e.lineno == 1 else None
        raise ExpressionError(f"syntax error: {e.msg}{_product_hint(source)}", col, text) from None
    except (RecursionError, MemoryError):
        raise ExpressionError("the expression is nested too deeply", None, text) from None
    except ValueError as e:  # e.g. null bytes
        raise ExpressionError(f"cannot read the expression: {e}", None, text) from None
    return _compile(tree, text, source, cols)


def _compile(tree: ast.Expression, text: str, source: str, cols) -> Expression:
    """Check the tree against the whitelist and flatten it into a postfix program."""
    encoded = source.encode("utf-8")

    def col(node):
        off = getattr(node, "col_offset", None)  # a UTF-8 byte offset
        if off is None:
            return None
        off = len(encoded[:off].decode("utf-8", "ignore"))
        return cols[min(off, len(cols) - 1)]

    def fail(node, message):
        raise ExpressionError(message, col(node), text)

    body = tree.body
    top = body.elts if isinstance(body, ast.Tuple) else [body]
    if not top:
        fail(body, "the expression is empty")
    names: set[str] = set()
    program: list = []
    # Iterative post-order walk: (node, depth, children_done)
    stack = [(node, 1, False) for node in reversed(top)]
    values: list = []  # per emitted subtree: its constant value, or None
    while stack:
        node, depth, done = stack.pop()
        if depth > MAX_DEPTH:
            fail(node, f"the expression is nested more than {MAX_DEPTH} deep")
        if isinstance(node, ast.BinOp):
            op = _BINOPS.get(type(node.op))
            if op is None:
                fail(node, f"unsupported operator {_OPNAMES.get(type(node.op), '')}: use + - * / ** (or ^)")
            if not done:
                stack += [(node, depth, True), (node.right, depth + 1, False), (node.left, depth + 1, False)]
                continue
            _emit(program, values, op, 2, node, fail)
        elif isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.UAdd):
                stack.append((node.operand, depth + 1, False))
                continue
            if not isinstance(node.op, ast.USub):
                fail(node, f"unsupported operator {_OPNAMES.get(type(node.op), '')}")
            if not done:
                stack += [(node, depth, True), (node.operand, depth + 1, False)]
                continue
            _emit(program, values, NEG, 1, node, fail)
        elif isinstance(node, ast.Call):
            fname = node.func.id if isinstance(node.func, ast.Name) else None
            if fname is None:
                hint = "; for a product write the '*': 2*(x + 1), (x + 1)*(x − 1)"
                fail(node, "only the functions " + ", ".join(FUNCTIONS) + " can be called" + hint)
            if fname not in FUNCTIONS:
                fail(node, f"unknown function {fname!r}{_name_hint(fname)}; the functions are " + ", ".join(FUNCTIONS))
            op = FUNCTIONS[fname]
            if node.keywords or len(node.args) != op.arity or any(isinstance(a, ast.Starred) for a in node.args):
                fail(node, f"{fname}() takes {_ARGUMENTS[op.arity]}, e.g. {fname}({'x' if op.arity == 1 else 'y, x'})")
            if not done:
                stack += [(node, depth, True)] + [(a, depth + 1, False) for a in reversed(node.args)]
                continue
            _emit(program, values, op, op.arity, node, fail)
        elif isinstance(node, ast.Name):
            name = node.id
            if name.startswith("_"):
                fail(node, f"names may not start with '_': {name!r}")
            if name in FUNCTIONS:
                fail(node, f"{name} is a function: write {name}(...)")
            if name in CONSTANTS:
                program.append(("const", CONSTANTS[name]))
                values.append(CONSTANTS[name])
            else:
                names.add(name)
                program.append(("name", name))
                values.append(None)
        elif isinstance(node, ast.Constant):
            v = node.value
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                fail(node, f"unsupported constant {v!r}: only real numbers are allowed")
            try:
                v = float(v)
            except OverflowError:
                v = math.inf
            if not abs(v) <= MAX_CONSTANT:
                fail(node, f"the number {node.value!r:.30} is too large (limit {MAX_CONSTANT:g})")
            program.append(("const", v))
            values.append(v)
        else:
            what = _DESCRIBE.get(type(node), type(node).__name__)
            fail(node, f"unsupported syntax: {what}")
    if len(top) > 1:
        program.append(("tuple", len(top)))
    inputs = tuple(sorted(names, key=natural_key))
    return Expression(text, inputs, tuple(program), len(top))


_ARGUMENTS = {1: "exactly one argument", 2: "exactly two arguments"}
_DIGIT_THEN_LETTER = re.compile(r"(?<![\w.])(\d+\.?\d*)([A-Za-z_\u0370-\u03ff]\w*)")


def _product_hint(source: str) -> str:
    """For a syntax error: the product a student most likely meant (2x → 2*x, x y → x*y)."""
    m = _DIGIT_THEN_LETTER.search(source)
    if m:
        return f": the multiplication sign is never implied; write {m[1]}*{m[2]} for {m[0]}"
    m = re.search(r"([\w.)]+)\s+([\w(]+)", source)
    if m and not re.fullmatch(r"(and|or|not|if|else|for|in|is|lambda)", m[1]):
        return f": two terms side by side; write {m[1]}*{m[2]} for a product"
    return ""


def _name_hint(name: str) -> str:
    """A close function name (tahn → tanh), or the product a call-like text meant (x(y) → x*(y))."""
    close = [f for f in FUNCTIONS if sorted(f) == sorted(name)]  # two letters swapped: tahn
    close = close or difflib.get_close_matches(name, FUNCTIONS, n=1, cutoff=0.6)
    if close:
        return f" (did you mean {close[0]}?)"
    return f" (for {name} times (…), write {name}*(…))"


def _emit(program, values, op, arity, node, fail):
    """Append an operation; fold it when its operands are all constants."""
    args = values[-arity:]
    if arity == 2 and op is POW and args[1] is not None and abs(args[1]) > MAX_EXPONENT:
        fail(node, f"the exponent {args[1]:g} is too large (limit {MAX_EXPONENT})")
    if all(a is not None for a in args):
        try:
            v = apply(op, *args)
        except DomainError as e:
            fail(node, f"cannot compute this constant part: {e}")
        if not abs(v) <= MAX_CONSTANT:
            fail(node, f"this constant part evaluates to {v:g}, too large (limit {MAX_CONSTANT:g})")
        del program[-arity:]
        del values[-arity:]
        program.append(("const", v))
        values.append(v)
        return
    program.append(("op", op, arity))
    del values[-arity:]
    values.append(None)
