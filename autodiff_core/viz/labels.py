"""What a drawing writes: node headers and rows for a state, edge labels, and
display text split into runs of normal, superscript and subscript characters and
letters whose marks are drawn over them (from :func:`autodiff_core.marks.split`),
written as HTML (:func:`html`) or matplotlib mathtext (:func:`mathtext`).

Every renderer takes its words from here, and the words come from the core
(names, operation labels, partials, ``notation.number``), so a drawing can never
disagree with the sweep it shows. A quantity not yet known is written ``?``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from html import escape as _html_escape

from ..marks import BAR, DOT, SPACING, is_mark, split, stack
from ..modes import MODES
from ..notation import decorate, number
from . import style

_SUP = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789−+"))
_SUB = dict(zip("₀₁₂₃₄₅₆₇₈₉₋₊", "0123456789−+"))
UNKNOWN = "?"
#: How a drawn mark (one :func:`autodiff_core.marks.split` says a font cannot be trusted
#: with) is drawn: an overline, a dot, or its spacing character.
MARK_SHAPES = {BAR: "bar", "\u0305": "bar", DOT: "dot"}


def mark_shape(mark: str) -> str:
    """'bar', 'dot' or 'glyph' (then the mark's spacing character is written)."""
    return MARK_SHAPES.get(mark, "glyph")


def runs(text: str) -> list[tuple[str, str, tuple]]:
    """Split display text into (text, kind, marks) runs, kind '' / 'sup' / 'sub', marks
    the combining marks to draw above a run of one letter (:func:`marks.split`), else ():
    ``w¹₂ = 5`` -> [('w', '', ()), ('1', 'sup', ()), ('2', 'sub', ()), (' = 5', '', ())];
    ``(ŷ)¯`` -> [('ŷ', '', (U+0304,))]."""
    return list(_runs(text))


_SCRIPTS = re.compile(f"([{''.join(_SUP)}]+)|([{''.join(_SUB)}]+)")
_FROM_SUP = str.maketrans(_SUP)
_FROM_SUB = str.maketrans(_SUB)


@lru_cache(maxsize=8192)  # a big drawing writes the same few labels thousands of times
def _runs(text: str) -> tuple[tuple[str, str, tuple], ...]:
    out: list[tuple[str, str, tuple]] = []
    for chars, drawn in split(text):
        if drawn:
            c = chars[0]
            kind, ch = ("sup", _SUP[c]) if c in _SUP else ("sub", _SUB[c]) if c in _SUB else ("", chars)
            out.append((ch, kind, drawn))
            continue
        pos = 0
        for m in _SCRIPTS.finditer(chars):
            if m.start() > pos:
                _add(out, chars[pos : m.start()], "")
            if m.group(1):
                _add(out, m.group(1).translate(_FROM_SUP), "sup")
            else:
                _add(out, m.group(2).translate(_FROM_SUB), "sub")
            pos = m.end()
        if pos < len(chars):
            _add(out, chars[pos:], "")
    return tuple(out)


def _add(out: list, text: str, kind: str) -> None:
    """Append a run, joined to the one before when that is of the same kind and unmarked."""
    if out and out[-1][1] == kind and not out[-1][2]:
        out[-1] = (out[-1][0] + text, kind, ())
    else:
        out.append((text, kind, ()))


def offsets(text: str, size: float, bold: bool = False) -> tuple[float, list[tuple[float, float, str, str, tuple]]]:
    """The width of display text in px and, for each run with drawn marks, its
    (x offset, width, kind, letter, marks): scripts smaller, a superscript stacked over the
    subscript that follows it (as w¹₂ is typeset)."""
    total, sup = 0.0, 0.0
    marked = []
    for part, kind, drawn in _runs(text):
        w = style.text_width(unicodedata.normalize("NFD", part), size * (style.SCRIPT if kind else 1.0), bold)
        x = total
        if kind == "sub" and sup:
            x = total - sup
            total += max(0.0, w - sup)
        else:
            total += w
        sup = w if kind == "sup" else 0.0
        if drawn:
            marked.append((x, w, kind, part, drawn))
    return total, marked


@lru_cache(maxsize=8192)
def width(text: str, size: float, bold: bool = False) -> float:
    """Width in px of display text as drawn (see :func:`offsets`)."""
    return offsets(text, size, bold)[0]


def kind_of(obj) -> str:
    """'graph' for a Graph, else the state's sweep kind; TypeError otherwise."""
    if hasattr(obj, "nodes") and hasattr(obj, "edges"):
        return "graph"
    if hasattr(obj, "kind") and hasattr(obj, "graph") and hasattr(obj, "final"):
        return obj.kind
    if hasattr(obj, "state") and hasattr(obj, "n_steps"):
        raise TypeError("draw one state of a sweep (sweep.state(k)), or all of them with viz.frames(sweep)")
    raise TypeError(f"expected a Graph or a sweep's State, got {type(obj).__name__}")


def graph_of(obj):
    """The graph of a Graph or of a State."""
    return obj if kind_of(obj) == "graph" else obj.graph


def escape(text: str) -> str:
    """Text safe inside XML and HTML, as element content and as a quoted attribute."""
    return _html_escape(text, quote=True)


_SHORT = set("acegmnopqrsuvwxyzıȷαγεηικμνοπρστυχω")  # letters of x-height, no ascender


def mark_levels(letter: str, drawn: tuple) -> list[tuple[int, str]]:
    """(level, mark) of each drawn mark on a letter, innermost first: level 1 just above a
    lowercase letter's own mark (``style.MARK_BASE``), each level ``style.MARK_STEP``
    higher; a tall letter with a mark of its own (Ŷ, θ̂) starts at 2."""
    d = unicodedata.normalize("NFD", letter)
    first = 2 if len(d) > 1 and d[0] not in _SHORT else 1
    return [(min(k, 4), m) for k, m in enumerate(drawn, first)]


def _html_marked(text: str, drawn: tuple) -> str:
    """One letter with marks drawn above it by CSS (:data:`HTML_CSS`), innermost first."""
    spans = []
    for k, m in mark_levels(text, drawn):
        shape = mark_shape(m)
        inner = escape(SPACING.get(m, "")) if shape == "glyph" else ""
        spans.append(f'<span class="adm-m adm-{shape} adm-k{k}" aria-hidden="true">{inner}</span>')
    return f'<span class="adm">{_html_escape(text, quote=False)}{"".join(spans)}</span>'


def html(text: str) -> str:
    """Display text as HTML: scripts as <sup>/<sub>, a superscript and the subscript
    after it stacked in a ``<span class="ss">`` (sequential where no CSS styles it), and
    a letter's drawn marks (:func:`runs`) as ``<span class="adm">`` with one
    ``<span class="adm-m adm-bar|adm-dot|adm-glyph adm-kN">`` per mark, N its height."""
    parts = _runs(text)
    out, k = [], 0
    while k < len(parts):
        p, kind, drawn = parts[k]
        if kind == "sup" and k + 1 < len(parts) and parts[k + 1][1] == "sub":
            sub = parts[k + 1]
            out.append(
                f'<span class="ss"><sup>{_html_piece(p, drawn)}</sup><sub>{_html_piece(sub[0], sub[2])}</sub></span>'
            )
            k += 2
            continue
        piece = _html_piece(p, drawn)
        out.append(f"<{kind}>{piece}</{kind}>" if kind else piece)
        k += 1
    return "".join(out)


def _html_piece(text: str, drawn: tuple) -> str:
    return _html_marked(text, drawn) if drawn else _html_escape(text, quote=False)


#: CSS that stacks w¹₂'s scripts as in print and draws marks over letters; include it
#: where ``html`` text is shown (the player's drawing.css holds the same rules).
HTML_CSS = (
    ".ss { display: inline-flex; flex-direction: column; vertical-align: 0.36em; "
    "line-height: 0.95; font-size: 72%; } "
    ".ss sup, .ss sub { display: block; font-size: 100%; line-height: inherit; "
    "vertical-align: baseline; } " + style.MARKS_CSS
)


def header(node) -> str:
    """The operation written in a node's header (``×``, ``+ 1``, ``(·)²``), or ``input x₁``."""
    if node.is_input:
        shown = node.var_label if node.var_label and node.var_label != node.label else ""
        return f"input {shown}".rstrip()
    op = node.op_label
    return f"(·){op}" if op[:1] in _SUP else op


def quantity_name(graph, i: int, kind: str) -> str:
    """The name of what a sweep of this kind computes at node i: w, ẇ or w̄ (its mode's mark)."""
    nd, mark = graph.nodes[i], MODES[kind].mark
    return nd.label if mark is None else decorate(nd.label, nd.latex, mark)[0]


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a node box: ``w¹₁ = 10``; ``value`` is '?' when not yet known;
    ``partial``: a running sum of adjoint contributions, more to come (drawn ``5…``)."""

    name: str
    value: str
    role: str  # "value" (the primal) or "quantity" (tangent / adjoint)
    known: bool
    partial: bool = False

    @property
    def text(self) -> str:
        return f"{self.name} = {self.value}{style.PARTIAL if self.partial else ''}"


def show(v) -> str:
    return UNKNOWN if v is None else number(v)


def rows(graph, i: int, state=None) -> tuple[Row, ...]:
    """The rows of node i: its value, then its tangent or adjoint in such a state."""
    label = graph.nodes[i].label
    if state is None:
        return (Row(label, number(graph.nodes[i].value), "value", True),)
    v = state.values[i]
    first = Row(label, show(v), "value", v is not None)
    m = MODES[state.kind]
    if m.quantity is None:  # the value is the quantity
        return (first,)
    q = state.quantity[i]
    partial = m.running_sum and q is not None and not state.final[i]
    return first, Row(quantity_name(graph, i, state.kind), show(q), "quantity", q is not None, partial)


def partial_text(graph, child: int, pos: int) -> str:
    """An edge's local partial ∂w_child/∂(operand pos): ``w⁰₂ = 5``, ``cos(w⁰₁) = −0.416147``, ``1``."""
    sym = graph.partial(child, pos)
    num = number(graph.partial_value(child, pos))
    return num if sym == num else f"{sym} = {num}"


def title(graph, i: int) -> str:
    """A node's tooltip: its rule, ``w¹₁ = w⁰₁·w⁰₂``."""
    nd = graph.nodes[i]
    rhs = graph.formula(i)
    return nd.label if rhs == nd.label else f"{nd.label} = {rhs}"


def widest_row(graph) -> float:
    """Width in px of the widest row any frame of any sweep may show."""
    room = style.text_width(style.NUMBER_ROOM + style.PARTIAL, style.FONT)
    widest = 0.0
    for nd in graph.nodes:
        name = width(graph.adjoint_name(nd.index), style.FONT)
        value = max(room, width(number(nd.value) + style.PARTIAL, style.FONT))
        widest = max(widest, name + style.text_width(" = ", style.FONT) + value)
    return widest


#: matplotlib's accent for each mark (mathtext draws a stack of them: ``\\bar{\\hat{y}}``).
_ACCENTS = {
    "\u0307": "dot",
    "\u0304": "bar",
    "\u0305": "overline",
    "\u0302": "hat",
    "\u0303": "tilde",
    "\u0308": "ddot",
    "\u0301": "acute",
    "\u0300": "grave",
    "\u0306": "breve",
    "\u030c": "check",
    "\u030a": "mathring",
}


def mathtext(text: str) -> str:
    """Display text for matplotlib: names with marks and scripts become mathtext
    (``ẇ¹₁ = 5`` -> ``$\\dot{w}^{1}_{1}$ = 5``, the adjoint of ŷ ``$\\bar{\\hat{y}}$``),
    everything else stays plain. Marks come from :func:`marks.stack`, as every writer's."""
    text = stack(text)
    out, i, n = [], 0, len(text)
    while i < n:
        c, j = text[i], i + 1
        accents = []
        while j < n and is_mark(text[j]):
            accents.append(_ACCENTS.get(text[j]))
            j += 1
        sup = sub = ""
        while j < n and text[j] in _SUP:
            sup, j = sup + _SUP[text[j]], j + 1
        while j < n and text[j] in _SUB:
            sub, j = sub + _SUB[text[j]], j + 1
        if accents or sup or sub:
            base = {"∂": r"\partial ", "\u00a0": r"\ "}.get(c, "\\" + c if c in "$%#&{}_^" else c)
            for a in accents:
                base = rf"\{a}{{{base}}}" if a else base
            math = base + (f"^{{{sup}}}" if sup else "") + (f"_{{{sub}}}" if sub else "")
            out.append("$" + math.replace("−", "-") + "$")
        else:
            out.append("\\$" if c == "$" else c)
        i = j
    return unicodedata.normalize("NFC", "".join(out))


def legend(kind: str, avail: float) -> tuple[list, float, float]:
    """The legend laid out: pieces (row, x, swatch key or None for the title, words,
    width), its height and width; in as few rows of about equal length as keep it
    within ``avail`` px (an item wider than that alone on its row)."""
    if kind == "graph":
        return [], 0.0, 0.0
    f = style.LEGEND_FONT
    title = style.scheme(kind).title
    items = [(None, title, width(title, f, bold=True) + 18)]
    items += [(key, words, 28 + width(words, f) + 16) for key, words in style.legend_items(kind)]
    total = sum(w for *_, w in items)
    for n_rows in range(1, len(items) + 1):
        pieces, x, row = [], 0.0, 0
        for key, words, w in items:  # a new row where an item's middle passes the next share
            if x > 0 and row < n_rows - 1 and sum(p[4] for p in pieces) + w / 2 > total * (row + 1) / n_rows:
                row, x = row + 1, 0.0
            pieces.append((row, x, key, words, w))
            x += w
        if max(px + pw for _, px, _, _, pw in pieces) - 16 <= avail:
            break
    return pieces, 12 + (row + 1) * 22, max(px + pw for _, px, _, _, pw in pieces) - 16
