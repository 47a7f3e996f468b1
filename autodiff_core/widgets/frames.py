"""The frames of a step-through: for each state of a sweep, the drawing, the
rule with its numbers, a one-line caption and the trace table, as HTML.

Everything shown comes from the core (``state.caption``, ``step.rule_latex``,
``step.numbers_latex``, ``state.table()``) and the drawing layer
(``viz.frames``); this module only lays it out. The HTML needs no script: the
rule is LaTeX between ``$`` signs for an ``HTMLMath`` widget to typeset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from ..notation import decorate, number_latex
from ..story import note, result  # noqa: F401 (the frames' note; result re-exported)

QUANTITY = {"evaluate": None, "forward": "tangent", "reverse": "adjoint"}
HEADINGS = {"tangent": "tangent ẇ", "adjoint": "adjoint w̄"}


def colours(kind: str) -> tuple[str, str]:
    """(ink, tint) of a sweep kind: the drawings' colour scheme, so the marked
    table row and the rule's bar match the highlighted node."""
    from ..viz.style import SCHEMES
    scheme = SCHEMES[kind]
    return scheme.ink, scheme.strong_tint


@dataclass(frozen=True)
class Frame:
    """What the step-through shows at state ``k`` of a sweep."""
    kind: str            # "evaluate", "forward" or "reverse"
    k: int
    n_steps: int
    caption: str         # "step 3 of 5: forward tangent of w¹₁"
    rule_latex: str      # "ẇ¹₁ = ẇ⁰₁·w⁰₂ + w⁰₁·ẇ⁰₂ = 1·5 + 2·0 = 5" in LaTeX; at k = 0
                         # what is set before the first step (inputs, seeds)
    note: str            # a line of plain text under the rule (seeds, running sums, result)
    rows: tuple          # state.table(): one dict of display strings per node
    svg: str             # the drawing of this state

    @property
    def current_row(self) -> int | None:
        """Position of the marked row of the table (None at k = 0)."""
        return next((i for i, r in enumerate(self.rows) if r["current"]), None)

    @property
    def head_html(self) -> str:
        """Caption, rule and note: the part an HTMLMath widget typesets."""
        ink = colours(self.kind)[0]
        rule = (f'<div class="adstep-rule">${self.rule_latex}$</div>' if self.rule_latex
                else '<div class="adstep-rule adstep-muted">&nbsp;</div>')
        # always a note line, so that the drawing below never moves between frames
        note = f'<div class="adstep-note">{escape(self.note) or "&nbsp;"}</div>'
        return (f'<div class="adstep-head" data-step="{self.k}" style="border-color:{ink}">'
                f'<div class="adstep-caption">{escape(self.caption)}</div>{rule}{note}</div>')

    @property
    def body_html(self) -> str:
        """The drawing and, beside it, the trace table."""
        # The drawing keeps its own width (the table goes below it when both do not fit).
        m = _SVG_WIDTH.match(self.svg)
        size = f' style="flex-basis:{m.group(1)}px;min-width:min({m.group(1)}px,100%)"' if m else ""
        return (f'<div class="adstep-body" data-step="{self.k}">'
                f'<div class="adstep-drawing"{size}>{self.svg}</div>{self.table_html}</div>')

    @property
    def table_html(self) -> str:
        quantity = QUANTITY[self.kind]
        ink, tint = colours(self.kind)
        heads = ["", "node", "op", "definition", "value w"]
        if quantity:
            heads.append(HEADINGS[quantity])
        out = ['<table class="adstep-table"><thead><tr>'
               + "".join(f"<th>{escape(h)}</th>" for h in heads) + "</tr></thead><tbody>"]
        for r in self.rows:
            cur = r["current"]
            attrs = (f' class="adstep-current" style="background:{tint};'
                     f'box-shadow:inset 4px 0 0 {ink}"' if cur else "")
            op = f"(·){r['op']}" if r["op"][:1] in _SUP else r["op"]    # ² -> (·)²
            cells = ["▶" if cur else "", r["node"], op, r["formula"], r["value"]]
            if quantity:
                cells.append(r[quantity])
            tds = [f"<td>{scripts(c)}</td>" for c in cells]
            if quantity == "adjoint" and r[quantity] and not r["final"]:
                tds[-1] = (f'<td class="adstep-partial" title="partial sum: more '
                           f'contributions may still come">{escape(r[quantity])}…</td>')
            out.append(f'<tr data-node="{escape(r["name"])}"{attrs}>{"".join(tds)}</tr>')
        out.append("</tbody></table>")
        return "".join(out)


_SUP = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789−"))
_SUB = dict(zip("₀₁₂₃₄₅₆₇₈₉", "0123456789"))
_SCRIPTS = re.compile("([⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+)([₀₁₂₃₄₅₆₇₈₉]*)|([₀₁₂₃₄₅₆₇₈₉]+)")


def scripts(text: str) -> str:
    """Display text as HTML, super- and subscripts typeset as the drawings do
    (w¹₂ with the 1 over the 2), numbers' exponents (10⁻⁵) as plain <sup>."""
    out, pos = [], 0
    for m in _SCRIPTS.finditer(text):
        out.append(escape(text[pos:m.start()]))
        sup, sub, lone = m.group(1), m.group(2), m.group(3)
        if lone:
            out.append(f"<sub>{''.join(_SUB[c] for c in lone)}</sub>")
        elif sub:
            out.append(f'<span class="adstep-ss"><sup>{"".join(_SUP[c] for c in sup)}</sup>'
                       f'<sub>{"".join(_SUB[c] for c in sub)}</sub></span>')
        else:
            out.append(f"<sup>{''.join(_SUP[c] for c in sup)}</sup>")
        pos = m.end()
    out.append(escape(text[pos:]))
    return "".join(out)


def build(sweep, direction: str = "LR", edge_labels=False) -> list[Frame]:
    """Every frame of a sweep, states 0..n_steps, drawn on one layout."""
    from .. import viz
    svgs = viz.frames(sweep, direction=direction, edge_labels=edge_labels)
    return [Frame(state.kind, state.k, state.n_steps, caption(state),
                  rule_latex(state) if state.k else start_latex(sweep, state),
                  note(sweep, state), tuple(state.table()), svg)
            for state, svg in zip(sweep.states(), svgs)]


def caption(state) -> str:
    """The core's one-line caption of a state."""
    return state.caption


_SVG_WIDTH = re.compile(r'<svg[^>]*?\swidth="([\d.]+)"')
_LHS = re.compile(r"^(.*?)( = | \\mathrel\{\+\}= )")


def rule_latex(state) -> str:
    """The rule and the same rule with numbers, chained into one line:
    ``ẇ¹₁ = ẇ⁰₁·w⁰₂ + w⁰₁·ẇ⁰₂ = 1·5 + 2·0 = 5`` (in LaTeX)."""
    step = state.step
    if step is None:
        return ""
    rule, numbers = step.rule_latex, step.numbers_latex
    if rule == numbers:
        return rule
    m = _LHS.match(numbers)
    if not (m and rule.startswith(m.group(0))):
        return f"{rule} \\quad\\Rightarrow\\quad {numbers}"
    chain = [rule]
    for part in numbers[m.end():].split(" = "):   # "1 = 1" (w̄ · 1 with w̄ = 1) once
        if part != chain[-1]:
            chain.append(part)
    return " = ".join(chain)


def start_latex(sweep, state) -> str:
    """What is set before the first step: the inputs (evaluation), the seed
    direction ẋ (forward), the output adjoint ȳ (reverse), in LaTeX."""
    g = sweep.graph
    if state.kind == "reverse":
        return r",\; ".join(f"{g.adjoint_name(o.index, True)} = {number_latex(state.adjoints[o.index])}"
                            for o in g.outputs if state.adjoints[o.index] is not None)
    if state.kind == "forward":
        return r",\; ".join(f"{decorate(nd.var_label, nd.var_latex, 'dot')[1]} = "
                            f"{number_latex(sweep.seed[nd.var])}" for nd in g.inputs)
    return r",\; ".join(f"{nd.var_latex} = {number_latex(nd.value)}" for nd in g.inputs)


def error_html(message: str, text: str | None = None, column: int | None = None) -> str:
    """The error line: the message, and the expression with the column marked."""
    if not message:
        return ""
    where = ""
    if text is not None and column is not None and 1 <= column <= len(text) + 1:
        i = column - 1
        where = (f'<code class="adstep-where">{escape(text[:i])}'
                 f'<mark>{escape(text[i:i + 1]) or "&nbsp;"}</mark>{escape(text[i + 1:])}</code>')
    return (f'<div class="adstep-error" role="alert"><b>⚠</b> {escape(message)}'
            f"{where}<span class=\"adstep-muted\"> — still showing the last good graph."
            "</span></div>")


STYLE = """<style>
.adstep { font-family: var(--jp-ui-font-family, 'DejaVu Sans', sans-serif); color: #1f2328; }
.adstep .adstep-settings { flex-wrap: wrap; align-items: center; gap: 4px 14px; }
.adstep .adstep-settings .widget-label { width: auto; min-width: 0; padding-right: 4px; }
.adstep .adstep-expr input { font-family: var(--jp-code-font-family, monospace); font-size: 14px; }
.adstep .adstep-nav { align-items: center; gap: 2px; flex-wrap: wrap; }
.adstep .adstep-nav .widget-label { width: auto; min-width: 0; padding-right: 4px; }
.adstep .adstep-jump { width: auto; margin: 0 1px; }
.adstep .adstep-jump > button:first-child { display: none; }
.adstep .adstep-jump > button { width: 36px; }
.adstep .adstep-jump > button:nth-child(2) i { display: none; }
.adstep .adstep-jump > button:nth-child(2)::after {
  font-family: 'Font Awesome 6 Free', 'Font Awesome 5 Free', 'FontAwesome'; font-weight: 900; }
.adstep .adstep-first > button:nth-child(2)::after { content: "\\f049"; }
.adstep .adstep-prev > button:nth-child(2)::after { content: "\\f048"; }
.adstep .adstep-next > button:nth-child(2)::after { content: "\\f051"; }
.adstep .adstep-last > button:nth-child(2)::after { content: "\\f050"; }
.adstep .adstep-play { width: auto; margin-left: 10px; }
.adstep .adstep-play > button { width: 40px; }
.adstep .adstep-head { border-left: 4px solid; padding: 4px 12px 6px; margin: 4px 0 8px;
  background: #f6f8fa; border-radius: 0 6px 6px 0; }
.adstep .adstep-caption { font-weight: 600; font-size: 15px; line-height: 1.6; }
.adstep .adstep-rule { font-size: 17px; line-height: 1.8; min-height: 1.8em;
  overflow-x: auto; overflow-y: hidden; }
.adstep .adstep-note { font-size: 13.5px; color: #424a53; line-height: 1.5; }
.adstep .adstep-muted { color: #6e7781; }
.adstep .adstep-body { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
.adstep .adstep-drawing { flex: 0 1 auto; max-width: 100%; }
.adstep .adstep-drawing svg { display: block; }
.adstep .adstep-table { border-collapse: collapse; font-size: 14px; flex: 0 0 auto;
  font-variant-numeric: tabular-nums; }
.adstep .adstep-table th { font-weight: 600; text-align: left; padding: 4px 10px;
  border-bottom: 2px solid #d0d7de; white-space: nowrap; }
.adstep .adstep-table td { padding: 3px 10px; border-bottom: 1px solid #eaeef2; white-space: nowrap; }
.adstep .adstep-table td:nth-child(n+5) { text-align: right; min-width: 5.5em; }
.adstep .adstep-table td:first-child { width: 1em; padding-right: 0; }
.adstep .adstep-table tr.adstep-current td { font-weight: 600; }
.adstep .adstep-partial { font-style: italic; color: #6e7781; }
.adstep .adstep-table sup, .adstep .adstep-table sub { font-size: 0.72em; line-height: 0; }
.adstep .adstep-ss { display: inline-flex; flex-direction: column; vertical-align: 0.45em;
  line-height: 1; font-size: 0.72em; margin-left: 0.05em; }
.adstep .adstep-ss sup, .adstep .adstep-ss sub { font-size: 1em; vertical-align: baseline;
  line-height: 1; position: static; }
.adstep .adstep-error { background: #fff1f0; color: #a40e26; border: 1px solid #ffcecb;
  border-radius: 6px; padding: 6px 10px; margin: 4px 0; font-size: 14px; }
.adstep .adstep-where { display: block; margin-top: 4px; color: #1f2328; background: none;
  font-size: 14px; white-space: pre; }
.adstep .adstep-where mark { background: #ffcecb; color: #a40e26; border-bottom: 2px solid #a40e26; }
</style>"""
