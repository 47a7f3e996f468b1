"""Every text about a step of a sweep, written on demand from its numbers.

A :class:`~autodiff_core.sweeps.states.Step` records numbers and structure only;
this module writes what is said about it, from the step, its graph's public API
(names, formulas, partials) and the rules of :mod:`.rules`:

* :func:`rule` — the symbolic rule: ``ẇ¹₁ = ẇ⁰₁·w⁰₂ + w⁰₁·ẇ⁰₂``, ``w̄⁰₁ += w̄¹₂·cos(w⁰₁)``;
* :func:`numbers` — the rule with the numbers in: ``ẇ¹₁ = 1·5 + 2·0 = 5``, and the
  :func:`zero_note` of a structural zero, a partial undefined here and not needed;
* :func:`caption` — where a state is: ``step 3 of 5: forward tangent of w¹₂``;
* :func:`seed_text` — a seed vector, summarised when long: ``ẋ₇ = 1, every other input 0``;
* predicting a step before it is shown: :func:`predictable`, the :func:`question`
  (``ẇ¹₁ = ?``, ``w̄⁰₁ += ?``), the :func:`hint` (the rule with the numbers it reads and the
  result left out: ``ẇ¹₁ = ẇ⁰₁·w⁰₂ + w⁰₁·ẇ⁰₂ = 1·5 + 2·0 = ?``) and, in reverse mode, the
  :func:`slip` of giving the new total for the contribution.

Each in plain text or LaTeX (``latex=True``). Core layer: standard library only.
"""

from __future__ import annotations

import math

from . import rules
from .notation import number, number_latex


def rule(step, latex: bool = False) -> str:
    """The step's rule, symbolically."""
    return _RULE[step.kind](step, latex)


def numbers(step, latex: bool = False) -> str:
    """The step's rule with the numbers substituted, its result and any structural-zero note."""
    return _NUMBERS[step.kind](step, latex) + zero_note(step, latex)


def zero_note(step, latex: bool = False) -> str:
    """Why a term is 0 without its partial: ``" (ẇ⁰₂ = 0, so …, undefined here, is not needed)"``;
    ``""`` when the step skipped no partial."""
    if not step.skipped:
        return ""
    g = step.graph
    if step.kind == "forward":
        out = ""
        for q in step.skipped:
            o = g.nodes[step.node].operands[q]
            if latex:
                out += (
                    rf" \quad ({g.tangent_name(o, True)} = 0\text{{, so }}"
                    rf"{g.partial(step.node, q, True, True)}\text{{, undefined here, is not needed}})"
                )
            else:
                out += (
                    f" ({g.tangent_name(o)} = 0, so {g.partial(step.node, q, numbers=True)},"
                    " undefined here, is not needed)"
                )
        return out
    p, j, pos = step.edge
    d = _partial_name(g, j, p, latex)
    if latex:
        return (
            rf" \quad ({g.adjoint_name(j, True)} = 0\text{{, so }}{d} = {g.partial(j, pos, True, True)}"
            rf"\text{{, undefined here, is not needed}})"
        )
    return f" ({g.adjoint_name(j)} = 0, so {d} = {g.partial(j, pos, numbers=True)}, undefined here, is not needed)"


SHORT = 4  # a seed vector or a list of results longer than this is summarised


def seed_text(names, values, latex: bool = False) -> str:
    """A seed vector in one line: ``ẇ⁰₁ = 1, ẇ⁰₂ = 0`` for up to :data:`SHORT` inputs;
    longer, the seeds that are not 0 (``ẇ⁰₇ = 1, every other input 0``), or the first
    and last of them with the count."""
    num = _num(latex)
    pairs = list(zip(names, values))

    def eq(name, v):
        return f"{name} = {num(v)}"

    def words(text):
        return rf"\text{{{text}}}" if latex else text

    if len(pairs) <= SHORT:
        return ", ".join(eq(n, v) for n, v in pairs)
    nonzero = [(n, v) for n, v in pairs if v != 0]
    if not nonzero:
        return words(f"every input 0 (all {len(pairs)})")
    if len(set(v for _, v in pairs)) == 1:
        return words(f"every input {number(pairs[0][1])} (all {len(pairs)})")
    if len(nonzero) <= 2:
        return ", ".join(eq(n, v) for n, v in nonzero) + words(", every other input 0")
    head = ", ".join(eq(n, v) for n, v in pairs[:2])
    return head + ", …, " + eq(*pairs[-1]) + words(f" ({len(pairs)} inputs)")


def caption(state) -> str:
    """One line saying where a state is: ``step 3 of 5: forward tangent of w¹₂``."""
    g = state.graph
    if state.step is None:
        if state.kind == "reverse":
            start = "output adjoint seeded: " + ", ".join(
                f"{g.adjoint_name(o.index)} = {number(state.adjoints[o.index])}" for o in g.outputs
            )
        else:
            start = "nothing computed yet"
        return f"step 0 of {state.n_steps}: {start}"
    s = state.step
    label = g.nodes[s.node].label
    if s.seeds:
        return f"step {state.k} of {state.n_steps}: seed the tangents of the inputs"
    if state.kind == "reverse":
        what = f"adjoint contribution {g.nodes[s.edge[1]].label} → {label}"
    elif state.kind == "forward":
        what = f"forward tangent of {label}"
    else:
        what = f"value of {label}"
    return f"step {state.k} of {state.n_steps}: {what}"


def predictable(step) -> bool:
    """Whether a step computes a number a student can predict: not forward mode's seed step,
    not an input's given value, not a result that is not a finite number."""
    if step.seeds or (step.kind != "reverse" and step.graph.nodes[step.node].is_input):
        return False
    return isinstance(step.result, (int, float)) and math.isfinite(step.result)


def question(step, latex: bool = False) -> str:
    """What predicting a step asks for: ``w¹₁ = ?``, ``ẇ¹₁ = ?``; in reverse mode the
    contribution the step adds, ``w̄⁰₁ += ?`` (not the new total)."""
    g = step.graph
    if step.kind == "reverse":
        return f"{_reverse_lhs(step, latex)} ?"
    lhs = g.tangent_name(step.node, latex) if step.kind == "forward" else _lhs(g, step.node, latex)
    return f"{lhs} = ?"


def hint(step, latex: bool = False) -> str:
    """The step's rule with the numbers it reads and the result left out:
    ``ẇ¹₁ = ẇ⁰₁·w⁰₂ + w⁰₁·ẇ⁰₂ = 1·5 + 2·0 = ?``, ``w̄⁰₁ += w̄¹₂·cos(w⁰₁) = 1·cos(2) = ?``,
    with a structural zero's :func:`zero_note`."""
    g, k = step.graph, step.node
    if step.kind == "evaluate":
        parts = [_lhs(g, k, latex), g.formula(k, latex), g.formula(k, latex, True)]
    elif step.kind == "forward":
        parts = [g.tangent_name(k, latex), _forward_fill(step, latex, False), _forward_fill(step, latex, True)]
    else:
        p, j, _ = step.edge
        zero = (r"0 \cdot " if latex else "0·") + _partial_name(g, j, p, latex)
        filled = zero if step.skipped else _reverse_fill(step, latex, True)
        parts = [_reverse_lhs(step, latex) + " " + _reverse_fill(step, latex, False), filled]
    # "ẇ = ẋ·2 = ?", never the same text twice ("w = x = x")
    shown = [t for i, t in enumerate(parts) if i == 0 or t != parts[i - 1]]
    return " = ".join(shown) + " = ?" + zero_note(step, latex)


def slip(step, latex: bool = False) -> str:
    """Reverse mode, once the adjoint has had a contribution: what to say to a student who
    gives the new total instead of the contribution; ``""`` otherwise (then the two agree)."""
    if step.kind != "reverse" or step.before is None:
        return ""
    name = step.graph.adjoint_name(step.node, latex)
    rhs = _reverse_fill(step, latex, False)
    return (
        f"That is the new total of {name}: the contributions so far and this one. "
        f"The step asks only for the contribution it adds, {rhs}."
    )


def _lhs(g, k: int, latex: bool) -> str:
    return g.nodes[k].latex if latex else g.nodes[k].label


def _num(latex: bool):
    return number_latex if latex else number


def _partial_name(g, j: int, p: int, latex: bool) -> str:
    """∂w_j/∂w_p written as a name: ``∂w¹/∂w⁰₂``."""
    if latex:
        return rf"\partial {g.nodes[j].latex} / \partial {g.nodes[p].latex}"
    return f"∂{g.nodes[j].label}/∂{g.nodes[p].label}"


# evaluation: w = op(u₀, u₁), one step per node


def _evaluate_rule(step, latex: bool) -> str:
    g, k = step.graph, step.node
    nd = g.nodes[k]
    if nd.is_input and nd.label == nd.var_label:  # "x = 1.5", not "x = x"
        return _evaluate_numbers(step, latex)
    return f"{nd.latex if latex else nd.label} = {g.formula(k, latex)}"


def _evaluate_numbers(step, latex: bool) -> str:
    g, k = step.graph, step.node
    nd = g.nodes[k]
    lhs, v = nd.latex if latex else nd.label, _num(latex)(step.result)
    if nd.is_input:
        return f"{lhs} = {v}"
    return f"{lhs} = {g.formula(k, latex, True)} = {v}"


# forward: ẇ = Σₖ ∂w/∂uₖ · u̇ₖ, one step per node


def _forward_fill(step, latex: bool, with_numbers: bool) -> str:
    """The right-hand side of a forward rule; with numbers, a skipped term is 0."""
    g, k = step.graph, step.node
    nd = g.nodes[k]
    terms = rules.tangent_terms(nd.op, nd.consts, latex)
    if not with_numbers:
        return rules.fill(rules.join_terms(terms, latex), nd.consts, g.operand_texts(k, latex, False), latex)
    ops = [q for q, c in enumerate(nd.consts) if c is None]
    terms = ["0" if q in step.skipped else tm for q, tm in zip(ops, terms)]
    tangents = {o: t for o, t in zip(nd.operands, step.operand_tangents) if t is not None}
    return rules.fill(rules.join_terms(terms, latex), nd.consts, g.operand_texts(k, latex, True, tangents), latex)


def _seed(step, latex: bool) -> str:
    g = step.graph
    return seed_text([g.tangent_name(i, latex) for i, _ in step.seeds], [v for _, v in step.seeds], latex)


def _forward_rule(step, latex: bool) -> str:
    if step.seeds:
        return _seed(step, latex)
    g, k = step.graph, step.node
    lhs = g.tangent_name(k, latex)
    if g.nodes[k].is_input:
        return f"{lhs} = {_num(latex)(step.result)}"
    return f"{lhs} = {_forward_fill(step, latex, False)}"


def _forward_numbers(step, latex: bool) -> str:
    if step.seeds:
        return _seed(step, latex)
    g, k, t = step.graph, step.node, step.result
    lhs = g.tangent_name(k, latex)
    if g.nodes[k].is_input:
        return f"{lhs} = {_num(latex)(t)}"
    # "ḃ = 3", not "ḃ = 3 = 3": the middle is left out when its plain text is the result
    plain = _forward_fill(step, False, True)
    if plain == number(t):
        return f"{lhs} = {_num(latex)(t)}"
    return f"{lhs} = {_forward_fill(step, True, True) if latex else plain} = {_num(latex)(t)}"


# reverse: ū += w̄ · ∂w/∂u, one step per edge


def _reverse_fill(step, latex: bool, with_numbers: bool) -> str:
    g = step.graph
    _, j, pos = step.edge
    nd = g.nodes[j]
    tmpl = rules.contribution(nd.op, pos, nd.consts, latex)
    if with_numbers:
        subs = dict(g.operand_texts(j, latex, True), bar=rules.num_operand(step.child_adjoint, latex))
    else:
        subs = dict(g.operand_texts(j, latex, False), bar=g.adjoint_name(j, latex))
    return rules.fill(tmpl, nd.consts, subs, latex)


def _reverse_lhs(step, latex: bool) -> str:
    name = step.graph.adjoint_name(step.node, latex)
    return rf"{name} \mathrel{{+}}=" if latex else f"{name} +="


def _reverse_rule(step, latex: bool) -> str:
    return f"{_reverse_lhs(step, latex)} {_reverse_fill(step, latex, False)}"


def _reverse_numbers(step, latex: bool) -> str:
    """``w̄⁰₁ += 1·5 = 5``, and once the adjoint had a contribution before, its new total:
    ``w̄⁰₁ += 1·cos(2) = −0.416147 → 4.58385``."""
    if step.skipped:  # w̄ = 0, so the partial (undefined here) was never evaluated
        p, j, _ = step.edge
        filled = (r"0 \cdot " if latex else "0·") + _partial_name(step.graph, j, p, latex)
    else:
        filled = _reverse_fill(step, latex, True)
    num = _num(latex)
    total = "" if step.before is None else (r" \to " if latex else " → ") + num(step.total)
    return f"{_reverse_lhs(step, latex)} {filled} = {num(step.result)}{total}"


_RULE = {"evaluate": _evaluate_rule, "forward": _forward_rule, "reverse": _reverse_rule}
_NUMBERS = {"evaluate": _evaluate_numbers, "forward": _forward_numbers, "reverse": _reverse_numbers}
