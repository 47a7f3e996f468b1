"""Checks on the algebra of dual numbers a + bε, with ε² = 0 (lesson 02). The call:
``check_dual(left, op, right, answer)``: an arithmetic operation, a function of one argument
(``right`` None) or of two (``atan2``, ``hypot``: ``op(left, right)``), read from the op table."""

from __future__ import annotations

from ..dual import Dual
from ..functions import apply
from ..errors import DomainError
from ..notation import number
from ..ops import FUNCTIONS
from .calls import checker
from .feedback import ArgumentError, Feedback, _Invalid, _UNANSWERED, _as_number, _clip, _matches, _right, _short
from .feedback import _wrong

_ARITHMETIC = ("+", "-", "*", "/")


def _has_value_and_tangent(x) -> bool:
    try:
        return hasattr(x, "value") and hasattr(x, "tangent")
    except Exception:  # noqa: BLE001 - an object whose attributes raise: not a dual number
        return False


def _pair(x, what: str, number_is_real: bool) -> tuple[float, float]:
    """(a, b) for a + bε, from a pair, a Dual, or anything with .value and .tangent; a lone
    number is a + 0ε where ``number_is_real``, else refused."""
    if isinstance(x, Dual) or _has_value_and_tangent(x):
        x = (x.value, x.tangent)  # the package's Dual, or a DualNumber class of one's own
    if isinstance(x, (tuple, list)) or (hasattr(x, "ndim") and getattr(x, "ndim", 0) == 1):
        x = list(x)
        if len(x) != 2:
            raise _Invalid(f"give {what} as a pair (a, b), meaning a + bε, not {len(x)} numbers.")
        return (_as_number(x[0], "a number for the real part a"), _as_number(x[1], "a number for the ε part b"))
    if isinstance(x, (str, bytes, dict, set, frozenset)) or not hasattr(x, "__float__"):
        raise _Invalid(f"give {what} as a pair (a, b), meaning a + bε, such as (12, 5).")
    if not number_is_real:
        raise _Invalid(
            f"give {what} as a pair (a, b), meaning a + bε: one number is only the real part. What is the ε part?"
        )
    return _as_number(x, what), 0.0


def _show(p) -> str:
    a, b = p
    sign = "−" if b < 0 else "+"
    return f"{number(a)} {sign} {number(abs(b))}ε"


@checker
def check_dual(left, op, right, answer) -> Feedback:
    """Is ``answer`` = (real part, ε part) the result of ``left op right`` in dual numbers?

    ``left`` and ``right`` are pairs (a, b) meaning a + bε (or plain numbers, b = 0);
    ``op`` is ``"+"``, ``"-"``, ``"*"``, ``"/"``, or a function of the package: of one
    argument such as ``"sin"`` (then ``right`` is None and the result is sin(a + bε)) or of
    two such as ``"atan2"`` (the result is atan2(a + bε, c + dε)). The answer is a pair (or
    a Dual). The reference is the package's :class:`Dual`.
    """
    if not isinstance(op, str) or (op not in _ARITHMETIC and op not in FUNCTIONS):
        raise ArgumentError(
            f"op must be one of {', '.join(_ARITHMETIC)} or a function such as 'sin' or 'atan2', not {_short(op)}"
        )
    unary = op in FUNCTIONS and FUNCTIONS[op].arity == 1
    if unary != (right is None):
        two = ", ".join(f"'{name}'" for name, f in FUNCTIONS.items() if f.arity == 2)
        raise ArgumentError(
            "give right=None for a function of one argument such as 'sin', and a right operand for "
            f"+ − * / and a function of two ({two}: {op}(left, right))"
            if op in FUNCTIONS
            else "give a right operand for + − * /"
        )
    try:
        a, b = _pair(left, "left", True)
        rhs = None if right is None else _pair(right, "right", True)
    except _Invalid as e:
        raise ArgumentError(f"check_dual: {e}") from None
    x = Dual(a, b)
    try:
        if op in FUNCTIONS:
            result = apply(FUNCTIONS[op], x, *([] if rhs is None else [Dual(*rhs)]))
        else:
            y = Dual(*rhs)
            result = {"+": x.__add__, "-": x.__sub__, "*": x.__mul__, "/": x.__truediv__}[op](y)
    except (DomainError, ArithmeticError, ValueError) as e:
        raise ArgumentError(f"check_dual: {_short(left)} {op} {_short(right)} has no value: {_clip(e)}") from None
    ref = (result.value, result.tangent)
    if answer is None:
        return _UNANSWERED
    got = _pair(answer, "the result", False)
    real_ok, eps_ok = _matches(got[0], ref[0]), _matches(got[1], ref[1])
    if real_ok and eps_ok:
        return _right(f"The ε part is the derivative part: {_show(ref)} is what a Dual computes.")
    if op == "*":
        c, d = rhs
        if eps_ok and (_matches(got[0], a * c + b * d) or _matches(got[0], a * c - b * d)) and not _matches(b * d, 0):
            return _wrong(
                "ε² = 0 (not 1, and not −1 as for the imaginary i): the term bd·ε² "
                "vanishes, so it adds nothing to the real part."
            )
        if real_ok and _matches(got[1], b * d) and not _matches(b * d, ref[1]):
            return _wrong(
                "multiplying the ε parts gives bd·ε², which is 0; the ε part comes "
                "from the two cross terms, a·dε and bε·c."
            )
        if real_ok and (_matches(got[1], a * d) or _matches(got[1], b * c)):
            return _wrong("one cross term is missing: multiply out (a + bε)(c + dε) term by term.")
    if op == "/" and real_ok and _matches(got[1], -ref[1]):
        return _wrong("the ε part has the wrong sign: (a + bε)/(c + dε) = a/c + (bc − ad)/c²·ε.")
    if op in FUNCTIONS and not unary and real_ok:
        slip = _two_argument_slip(FUNCTIONS[op], (a, b), rhs, got[1])
        if slip:
            return _wrong(slip)
    if unary and real_ok and not _matches(b, 1) and _matches(got[1], ref[1] / b):
        return _wrong(
            f"f(a + bε) = f(a) + b·f′(a)·ε: the derivative is multiplied by the ε part "
            f"b of the input, here {number(b)}."
        )
    if real_ok:
        return _wrong("the real part is right; the ε part is not. Multiply out, then use ε² = 0.")
    if eps_ok:
        return _wrong("the ε part is right; the real part is not: it is the ordinary result on the real parts alone.")
    return _wrong(
        "multiply out term by term as with ordinary numbers, then drop every ε²: "
        "the real part is the ordinary result, the ε part its derivative part."
    )


def _two_argument_slip(op, left, right, eps) -> str | None:
    """What a wrong ε part of f(a + bε, c + dε) = f(a, c) + (b·∂f/∂a + d·∂f/∂c)ε shows:
    one input's term left out, or the partials added without their ε parts."""
    (a, b), (c, d) = left, right
    da, dc = (apply(op, Dual(a, s), Dual(c, 1.0 - s)).tangent for s in (1.0, 0.0))  # ∂f/∂a, ∂f/∂c
    full = b * da + d * dc
    if _matches(eps, full):
        return None
    if (_matches(eps, b * da) and not _matches(d * dc, 0)) or (_matches(eps, d * dc) and not _matches(b * da, 0)):
        return (
            f"both inputs carry an ε part: {op.name}(a + bε, c + dε) = {op.name}(a, c) + "
            f"(b·∂f/∂a + d·∂f/∂c)ε, so the ε part has a term from each."
        )
    if _matches(eps, da + dc) and not (_matches(b, 1) and _matches(d, 1)):
        return (
            "each partial derivative is multiplied by the ε part of its input: "
            f"b·∂f/∂a + d·∂f/∂c, here b = {number(b)} and d = {number(d)}."
        )
    return None
