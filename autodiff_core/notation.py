"""How names and numbers are written: w¹₂, ẇ¹₂, w̄¹₂ in plain text and LaTeX.

The seed texts write operation units as wⁿᵢ (level n, index i), tangents with a
dot and adjoints with a bar. Everything that prints a name or a number goes
through this module, so the trace, the rules, the tables and the drawings agree.
A second mark on a letter is written as :mod:`.marks` says: the adjoint of ŷ is
``(ŷ)¯`` in plain text, drawn with a bar over the hat.
"""

import re

from .marks import BAR, DOT, add, plain

_SUP = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
MINUS = "−"  # typographic minus for display text


def superscript(text: str) -> str:
    return str(text).translate(_SUP)


def subscript(text: str) -> str:
    return str(text).translate(_SUB)


def w_name(level: int, index: int | None) -> tuple[str, str, str]:
    """(plain, display, latex) for wⁿᵢ; ``index=None`` drops the subscript."""
    if index is None:
        return f"w{level}", f"w{superscript(level)}", f"w^{{{level}}}"
    return (f"w{level}_{index}", f"w{superscript(level)}{subscript(index)}", f"w^{{{level}}}_{{{index}}}")


_W_FORMS = (
    re.compile(r"w(0|[1-9][0-9]*)(?:_([1-9][0-9]*))?"),
    re.compile(r"w([⁰¹²³⁴⁵⁶⁷⁸⁹]+)([₁₂₃₄₅₆₇₈₉][₀₁₂₃₄₅₆₇₈₉]*)?"),
    re.compile(r"w\^\{(0|[1-9][0-9]*)\}(?:_\{([1-9][0-9]*)\})?"),
)
_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉", "01234567890123456789")


def w_position(name: str) -> tuple[int, int | None] | None:
    """(level, index) of a name written as wⁿᵢ in any form the package prints: ``w1_2``,
    ``w¹₂``, ``w^{1}_{2}``; index None for ``w1``, ``w¹``. None if it is not such a name."""
    for form in _W_FORMS:
        m = form.fullmatch(name)
        if m:
            level, index = m.group(1).translate(_DIGITS), m.group(2)
            if len(level) > 1 and level.startswith("0"):
                return None
            return int(level), None if index is None else int(index.translate(_DIGITS))
    return None


_TRAILING_DIGITS = re.compile(r"^(.*?)_?(\d+)$")


def var_display(name: str) -> tuple[str, str]:
    """A user's variable name for display: ``x1`` -> (``x₁``, ``x_{1}``),
    ``y_hat`` -> (``ŷ``, ``\\hat{y}``); a letter with two marks in plain form (:mod:`.marks`)."""
    if name.endswith("_hat") and len(name) > 4:
        text, tex = var_display(name[:-4])
        return plain(text[0] + "\u0302" + text[1:]), rf"\hat{{{tex}}}"
    m = _TRAILING_DIGITS.match(name)
    if m and m.group(1) and not m.group(1).endswith("_"):
        base, digits = m.group(1), m.group(2)
        return plain(base) + subscript(digits), f"{_latex_ident(base)}_{{{digits}}}"
    return plain(name), _latex_ident(name)


def _latex_ident(base: str) -> str:
    if len(base) == 1:
        return base
    return r"\mathrm{" + base.replace("_", r"\_") + "}"


def decorate(display: str, latex: str, mark: str) -> tuple[str, str]:
    """Put a dot (tangent) or bar (adjoint) on a name, in text and LaTeX.

    ``mark`` is ``"dot"`` or ``"bar"``. The mark goes on the first letter only
    (ẇ¹₂, not ẇ̇¹̇₂), over any mark it has (the adjoint of ŷ is ``(ŷ)¯`` in plain
    text, see :mod:`.marks`), and over the base in LaTeX: ``\\dot{w}^{1}_{2}``,
    ``\\bar{\\hat{y}}``.
    """
    text = add(display, DOT if mark == "dot" else BAR)
    n = _latex_atom(latex)
    tex = rf"\{mark}{{{latex[:n]}}}{latex[n:]}" if n else rf"\{mark}{{{latex}}}"
    return text, tex


def _latex_atom(latex: str) -> int:
    """The length of the first symbol of a LaTeX name: ``w``, ``\\partial``,
    ``\\hat{y}``, ``\\mathrm{loss}``; 0 if there is none to put a mark on."""
    m = re.match(r"\\[A-Za-z]+|[A-Za-z]", latex)
    if not m:
        return 0
    k = m.end()
    if latex[0] == "\\" and latex[k : k + 1] == "{":
        depth = 0
        for j in range(k, len(latex)):
            depth += {"{": 1, "}": -1}.get(latex[j], 0)
            if depth == 0:
                return j + 1
        return 0
    return k


def number(value: float | None, digits: int = 6) -> str:
    """A number for display: integers without a point, others to 6 significant
    digits, a typographic minus; ``None`` (not yet known) as ``?``."""
    if value is None:
        return "?"
    if value != value:
        return "nan"
    if value in (float("inf"), float("-inf")):
        return ("" if value > 0 else MINUS) + "∞"
    if value == int(value) and abs(value) < 1e15:
        text = str(int(value))
    else:
        text = f"{value:.{digits}g}"
        if "e" in text:
            mant, exp = text.split("e")
            text = f"{mant}·10{superscript(int(exp))}"
    return text.replace("-", MINUS)


def number_latex(value: float | None, digits: int = 6) -> str:
    if value is None:
        return "?"
    text = number(value, digits).replace(MINUS, "-")
    m = re.match(r"^(.*)·10(.*)$", text)
    if m:
        exp = m.group(2).translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-"))
        text = rf"{m.group(1)} \times 10^{{{exp}}}"
    return text.replace("∞", r"\infty")


def shown(obj, limit: int = 40) -> str:
    """A short repr for an error message, even of a huge int or an object whose repr fails."""
    if isinstance(obj, int) and not isinstance(obj, bool) and obj.bit_length() > 100:
        return _huge_int(obj)
    try:
        text = repr(obj)
    except Exception:  # noqa: BLE001 - a student's object may fail to print
        text = f"<{type(obj).__name__} object>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _huge_int(n: int) -> str:
    """'-123456…89 (5001 digits)', without str(n): Python refuses to write an int of
    over 4,300 digits, and a student may type 10**5000."""
    m = abs(n)
    count = int((m.bit_length() - 1) * 0.30102999566398) + 1  # the digits, or one fewer
    if 10**count <= m:
        count += 1
    head = m // 10 ** (count - 6)
    return f"{'-' if n < 0 else ''}{head}…{m % 100:02d} ({count} digits)"


def natural_key(name: str):
    """Sort key that puts x2 before x10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]
