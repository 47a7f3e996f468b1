"""Marks on letters: a tangent's dot, an adjoint's bar, a user's hat or tilde.

A name may carry two marks on one letter: the adjoint of ŷ, the tangent of w̄⁰₁. A font
stacks a second combining mark on the first, so the two collapse into one (ŷ's bar hides
under its hat), and some bases (∂) take no mark at all. So no text the package writes
holds two consecutive combining marks (U+0300–U+036F), and writers draw the marks a font
cannot be trusted with:

* **plain text** (``print``, ``str``, tooltips, terminal): a letter keeps its first mark
  combined; each further mark goes after the whole name, which it wraps in parentheses,
  as a spacing mark: the adjoint of ŷ is ``(ŷ)¯``, the tangent of w̄⁰₁ is ``(w̄⁰₁)˙``,
  the tangent of the adjoint of ŷ ``((ŷ)¯)˙``. :func:`add` puts one more mark on a name,
  :func:`plain` rewrites any text into this form.
* **drawings and pages** read it back with :func:`split`: runs of text a font draws well
  (each Latin or Greek letter with at most one mark: ẇ, w̄, ŷ) and single letters with
  the marks to draw above them, innermost first (an overline, a dot). Every writer
  (SVG, HTML, matplotlib, text widths) takes its letters from :func:`split`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

DOT = "\u0307"  # combining dot above: ẇ
BAR = "\u0304"  # combining macron: w̄
HAT = "\u0302"
NBSP = "\u00a0"  # the base Unicode gives a mark shown on its own

#: A combining mark written after a name in plain text, as a character that takes room.
SPACING = {
    DOT: "˙",
    BAR: "¯",
    HAT: "ˆ",
    "\u0303": "˜",
    "\u0308": "¨",
    "\u0301": "´",
    "\u0300": "ˋ",
    "\u030c": "ˇ",
    "\u0306": "˘",
    "\u030a": "˚",
    "\u0305": "‾",
}
_COMBINING = {v: k for k, v in SPACING.items()}


def is_mark(c: str) -> bool:
    """A combining diacritical mark (U+0300–U+036F)."""
    return "\u0300" <= c <= "\u036f"


def _spacing(mark: str) -> str:
    return SPACING.get(mark) or NBSP + mark


def _fontable(base: str) -> bool:
    """A letter whose first combining mark fonts place well (Latin, Greek, Cyrillic)."""
    o = ord(base)
    return unicodedata.category(base).startswith("L") and (o < 0x0530 or 0x1E00 <= o < 0x2000)


def _cluster_end(s: str, k: int = 0) -> int:
    """Where the letter at ``s[k]`` and its combining marks end."""
    k += 1
    while k < len(s) and "\u0300" <= s[k] <= "\u036f":
        k += 1
    return k


def _mark_after(s: str, j: int) -> tuple[str, int] | None:
    """The mark written from position j on in plain form, and its length; or None."""
    if j < len(s) and s[j] in _COMBINING:
        return _COMBINING[s[j]], 1
    if j + 1 < len(s) and s[j] == NBSP and is_mark(s[j + 1]):
        return s[j + 1], 2
    return None


@lru_cache(maxsize=8192)
def stack(text: str) -> str:
    """Text with every mark combined on its letter, innermost first (NFD): the inverse of
    :func:`plain`, ``(ŷ)¯`` -> y, U+0302, U+0304. For reading only: never shown."""
    s = unicodedata.normalize("NFD", text)
    i = 0
    while True:
        j = s.find(")", i)
        if j < 0:
            return s
        found = _mark_after(s, j + 1)
        depth, k = 0, j
        while found and k >= 0:  # the "(" that this ")" closes
            depth += {")": 1, "(": -1}.get(s[k], 0)
            if depth == 0:
                break
            k -= 1
        if not found or k < 0 or k + 1 == j:
            i = j + 1
            continue
        mark, width = found
        inner = s[k + 1 : j]
        n = _cluster_end(inner)
        s = s[:k] + inner[:n] + mark + inner[n:] + s[j + 1 + width :]
        i = k


def add(display: str, mark: str) -> str:
    """``display`` (a name, in plain form) with one more mark on its first letter: combined
    if that letter has none yet (``w¹₂`` -> ``ẇ¹₂``), else after the parenthesised name
    (``ŷ`` -> ``(ŷ)¯``, ``w̄⁰₁`` -> ``(w̄⁰₁)˙``)."""
    if not display:
        return NBSP + mark
    s = stack(display)
    n = _cluster_end(s)
    if n == 1 and not display.startswith("("):
        return unicodedata.normalize("NFC", display[0] + mark + display[1:])
    return f"({unicodedata.normalize('NFC', display)}){_spacing(mark)}"


@lru_cache(maxsize=8192)
def plain(text: str) -> str:
    """Text in plain form: unchanged unless a letter carries two or more marks, which
    become ``(ŷ)¯`` (the first mark combined, each further one after the parentheses)."""
    if not has_stacked_marks(text):
        return text
    s = unicodedata.normalize("NFD", text)
    out, k = [], 0
    while k < len(s):
        end = _cluster_end(s, k)
        if is_mark(s[k]):  # a mark with no letter before it
            letter, marks = NBSP, s[k:end]
        else:
            letter, marks = s[k], s[k + 1 : end]
        word = unicodedata.normalize("NFC", letter + marks[:1])
        for m in marks[1:]:
            word = f"({word}){_spacing(m)}"
        out.append(word)
        k = end
    return unicodedata.normalize("NFC", "".join(out))


_CLUSTER = re.compile("(.?)([\u0300-\u036f]+)", re.S)  # a letter (or none) and its marks


@lru_cache(maxsize=8192)
def split(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Display text as ``(chars, marks)`` pieces: ``chars`` is text to write as it is (NFC;
    no letter in it has more than one mark, and only one a font places well); ``marks``,
    non-empty only when ``chars`` is one letter, are the combining marks to draw above it,
    innermost first. ``(ŷ)¯ = 1`` -> (('ŷ', (U+0304,)), (' = 1', ()))."""
    s = stack(text)
    out: list[tuple[str, tuple[str, ...]]] = []
    pos = 0
    for m in _CLUSTER.finditer(s):
        letter, marks = m.group(1) or NBSP, m.group(2)
        fontable = _fontable(letter)
        if fontable and len(marks) == 1:
            continue  # a letter with one mark: the font draws it
        if m.start() > pos:
            out.append((unicodedata.normalize("NFC", s[pos : m.start()]), ()))
        head, drawn = (letter + marks[0], marks[1:]) if fontable else (letter, marks)
        out.append((unicodedata.normalize("NFC", head), tuple(drawn)))
        pos = m.end()
    if pos < len(s) or not out:
        out.append((unicodedata.normalize("NFC", s[pos:]), ()))
    return tuple(out)


def has_stacked_marks(text: str) -> bool:
    """Does ``text`` put two marks on one letter: two consecutive combining marks, once
    decomposed (``ŷ`` + U+0304 counts, though NFC writes ŷ as one character)?"""
    s = unicodedata.normalize("NFD", text)
    return any(is_mark(a) and is_mark(b) for a, b in zip(s, s[1:]))
