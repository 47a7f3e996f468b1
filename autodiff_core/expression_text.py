"""What a student types, read as Python syntax: typographic signs (×, ·, −, ^), sub- and
superscripts (x₁, x²) and Greek letters, with the column of every character kept for
errors; and the parentheses checked before Python reads them."""

from __future__ import annotations

import unicodedata

from .errors import ExpressionError

MAX_PARENS = 50  # nesting depth of parentheses


# Typographic characters a student may paste from the lessons, and what they mean.
_TYPOGRAPHIC = {"^": "**", "·": "*", "⋅": "*", "×": "*", "−": "-", "÷": "/"}
_SUBSCRIPTS = {sub: str(d) for d, sub in enumerate("₀₁₂₃₄₅₆₇₈₉")}
_SUPERSCRIPTS = {sup: str(d) for d, sup in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}
_SUPER_SIGNS = {"⁻": "-", "⁺": ""}


def _is_greek(ch: str) -> bool:
    """Plain Greek letters (α..ω, Α..Ω): those Python does not fold into others."""
    return "\u0391" <= ch <= "\u03a9" or "\u03b1" <= ch <= "\u03c9"


def _is_name_char(ch: str) -> bool:
    return (ch.isascii() and (ch.isalnum() or ch == "_")) or _is_greek(ch)


def normalize(text: str):
    """Turn the typed text into Python source, keeping a map to the original columns.

    ``^`` becomes ``**`` (Python's ^ would bind looser than +); ``·`` ``×`` ``−``
    ``÷`` become ``* * - /``; a run of superscripts is one exponent (``x¹⁰`` is
    ``x**10``, ``x⁻¹`` is ``x**-1``); a final run of subscripts belongs to a name
    (``x₁`` is ``x1``). Names are ASCII letters, digits, ``_`` and Greek letters;
    any other character (look-alikes such as Cyrillic ``х``, ``ⁿ``) is an error.
    """
    out, cols = [], []
    token = None  # "name", "number", "subscript" (a name's final run) or None
    i, n = 0, len(text)

    def emit(rep, col):
        out.append(rep)
        cols.extend([col] * len(rep))

    while i < n:
        ch, col = text[i], i + 1
        if ch in _SUPERSCRIPTS or ch in _SUPER_SIGNS:
            j = i
            sign = ""
            if ch in _SUPER_SIGNS:
                sign = _SUPER_SIGNS[ch]
                j += 1
            start = j
            while j < n and text[j] in _SUPERSCRIPTS:
                j += 1
            if j == start:
                raise ExpressionError(
                    f"the superscript {ch!r} must be followed by superscript digits, e.g. x⁻¹", col, text
                )
            emit("**" + sign + "".join(_SUPERSCRIPTS[c] for c in text[start:j]), col)
            token, i = None, j
            continue
        if ch in _SUBSCRIPTS:
            if token not in ("name", "subscript"):
                what = "a number" if token == "number" else "nothing"
                raise ExpressionError(
                    f"the subscript {ch!r} follows {what}: subscripts belong to names only, e.g. x₁", col, text
                )
            emit(_SUBSCRIPTS[ch], col)
            token = "subscript"
        elif _is_name_char(ch):
            if token == "subscript":
                raise ExpressionError(
                    f"{ch!r} follows a subscript: subscripts must end a name, e.g. x₁ or x1a", col, text
                )
            if token is None:
                token = "number" if ch.isdigit() else "name"
            emit(ch, col)
        elif ch == "." and token == "number":
            emit(ch, col)
        elif ch in _TYPOGRAPHIC:
            emit(_TYPOGRAPHIC[ch], col)
            token = None
        elif not ch.isascii():
            raise ExpressionError(_bad_character(ch), col, text)
        else:
            if ch == "." and token is None:
                token = "number"
            elif token == "number" and ch in "+-" and out and out[-1] in "eE":
                pass  # 1e-5
            else:
                token = None
            emit(ch, col)
        i += 1
    cols.append(n + 1)
    return "".join(out), cols


def _bad_character(ch: str) -> str:
    """The message for a character that is not allowed, with a hint."""
    name = unicodedata.name(ch, f"U+{ord(ch):04X}")
    if "SUPERSCRIPT" in name or "MODIFIER LETTER" in name:
        return (
            f"{ch!r} ({name.lower()}) is not supported: only superscript digits "
            "(x², x⁻¹) are; write other powers as x**n"
        )
    if "SUBSCRIPT" in name:
        return f"{ch!r} ({name.lower()}) is not supported: only subscript digits (x₁) are; write x_i or xi"
    if unicodedata.category(ch).startswith("L"):
        return (
            f"the letter {ch!r} ({name.lower()}) is not allowed in names: use ASCII "
            "letters, digits, _ and Greek letters (it may be a look-alike of a "
            "Latin letter)"
        )
    return f"invalid character {ch!r} ({name.lower()})"


def check_parens(text: str) -> None:
    depth = 0
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
            if depth > MAX_PARENS:
                raise ExpressionError(f"parentheses are nested more than {MAX_PARENS} deep", i + 1, text)
        elif ch in ")]}":
            depth -= 1
