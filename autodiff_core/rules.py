"""Writing a node's rules out, from the templates in the operation table.

For a node ``w = op(u₀, u₁)`` this module writes the primal rule
(``w¹₁ = w⁰₁·w⁰₂``), the forward rule (``ẇ¹₁ = ẇ⁰₁·w⁰₂ + w⁰₁·ẇ⁰₂``), an
adjoint contribution (``w̄⁰₁ += w̄¹₁·w⁰₂``) and each local partial, both
symbolically and with the numbers substituted, in plain text and LaTeX.
"""

import re

from .notation import MINUS, number, number_latex, superscript

_PLACEHOLDER = re.compile(r"<(\w+)>")
_SMALL_POWER = re.compile(r"\^(−?\d+)(?![\d.])")
_SCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉"


def fill(template, consts: tuple, subs: dict, latex: bool) -> str:
    """Substitute ``<key>`` placeholders; superscript small integer powers in text."""
    if callable(template):
        template = template(consts)

    def put(m):
        value = subs[m.group(1)]
        # a bracketed number already inside brackets: sin(−2), not sin((−2))
        if (
            not latex
            and value.startswith("(")
            and value.endswith(")")
            and template[m.start() - 1 : m.start()] == "("
            and template[m.end() : m.end() + 1] == ")"
        ):
            return value[1:-1]
        # a name with scripts under a power: (w⁰)², not w⁰², which reads as one name
        if not latex and template[m.end() : m.end() + 1] in ("^", "²") and value != value.rstrip(_SCRIPTS):
            return f"({value})"
        return value

    out = _PLACEHOLDER.sub(put, template)
    if not latex:
        out = _SMALL_POWER.sub(lambda m: superscript(m.group(1).replace(MINUS, "-")), out)
    return out


def num_operand(value: float, latex: bool) -> str:
    """A number standing in for a name inside a formula: negatives in parentheses."""
    text = number_latex(value) if latex else number(value)
    if value is not None and (value < 0 or "×" in text or "·" in text):
        return rf"\left({text}\right)" if latex else f"({text})"
    return text


def _times(latex: bool) -> str:
    return r" \cdot " if latex else "·"


def _is_compound(partial: str) -> bool:
    """Does the partial need parentheses after a '·'? (a sum or difference at top level)"""
    depth = 0
    for i, ch in enumerate(partial):
        if ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth -= 1
        elif depth == 0 and i > 0 and ch in "+-−" and partial[i - 1] == " ":
            return True
    return False


def tangent_terms(op, consts: tuple, latex: bool) -> list[str]:
    """One template per node operand: that operand's share of the tangent."""
    terms = []
    override = op.tangent_latex if latex else op.tangent_text
    partials = op.partial_latex if latex else op.partial_text
    for k in range(op.arity):
        if consts[k] is not None:
            continue
        if override is not None:
            terms.append(override[k])
            continue
        p = partials[k]
        if callable(p):
            p = p(consts)
        d = f"<d{k}>"
        if p == "1":
            terms.append(d)
        elif p in ("−1", "-1"):
            terms.append("-" + d if latex else MINUS + d)
        elif _is_compound(p):
            terms.append(f"\\left({p}\\right){_times(True)}{d}" if latex else f"({p})·{d}")
        else:
            terms.append(f"{p}{_times(latex)}{d}")
    return terms


def join_terms(terms: list[str], latex: bool) -> str:
    neg = "-" if latex else MINUS
    out = terms[0]
    for t in terms[1:]:
        out += f" {neg} {t[1:]}" if t.startswith(neg) else f" + {t}"
    return out


def contribution(op, k: int, consts: tuple, latex: bool) -> str:
    """Template for the adjoint flowing back along operand k: ``<bar>·∂w/∂u_k``."""
    p = (op.partial_latex if latex else op.partial_text)[k]
    if callable(p):
        p = p(consts)
    if p == "1":
        return "<bar>"
    if p in ("−1", "-1"):
        return ("-" if latex else MINUS) + "<bar>"
    if p.startswith("1/"):
        return f"<bar>/{p[2:]}"
    if _is_compound(p) or p.startswith(("−", "-")):
        return rf"<bar> \cdot \left({p}\right)" if latex else f"<bar>·({p})"
    return f"<bar>{_times(latex)}{p}"


def partial(op, k: int, consts: tuple, latex: bool) -> str:
    """Template of the local partial ∂w/∂u_k."""
    p = (op.partial_latex if latex else op.partial_text)[k]
    return p(consts) if callable(p) else p
