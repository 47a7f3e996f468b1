"""Every text about a step of a checkpointed sweep (:mod:`.checkpoint_sweep`), written on
demand from its numbers, as :mod:`.step_text` writes the other sweeps':

* :func:`rule` and :func:`numbers` — a value computed or recomputed is written as evaluation
  writes it (``w⁵ = sin(w⁴)``, ``w⁵ = sin(0.4) = 0.389``), an adjoint step as reverse mode
  writes it (``w̄⁴ += w̄⁵·cos(w⁴)``), a free as ``free w⁴``;
* :func:`caption` — where a state is: ``step 14 of 46: sweep back, segment w⁸…w¹², w⁹ recomputed``;
* :func:`note` — the values held now (what the drawing shows as kept), the plan at step 0 and
  the result at the end;
* :func:`memory_word` — a node's memory status in a word, for the table; :func:`describe` the
  sweep in one line, :func:`title` in a few words.

Core layer: standard library only.
"""

from __future__ import annotations

from . import step_text
from .codes import Edge
from .notation import number, number_latex
from .sweeps.states import Step

WORDS = {
    None: "",
    "passing": "in use",
    "output": "output",
    "stored": "checkpoint",
    "recomputed": "recomputed",
    "dropped": "dropped",
    "freed": "freed",
}
LISTED = 12  # a list of held values longer than this is summarised


def memory_word(status: str | None) -> str:
    """A memory status (:data:`checkpoint_sweep.MEMORY`) as the table writes it."""
    return WORDS[status]


def _label(g, j: int, latex: bool = False) -> str:
    nd = g.nodes[j]
    return nd.latex if latex else nd.label


def _evaluation(step) -> Step:
    """A value computed or recomputed, as the evaluation sweep's step for the same node."""
    return Step("evaluate", step.index, step.node, step.reads, step.result, step.result, graph=step.graph)


def _contributions(step) -> list:
    """An adjoint step as reverse mode's steps, one per edge it sends w̄ along (a chain's
    operation reads the value before it once, or twice as in w·w)."""
    g, j = step.graph, step.node + 1
    edges = step.edges or (Edge(step.node, j, 0),)
    if len(edges) == 1:
        parts = [step.result]
    else:
        parts = [step.child_adjoint * g.partial_value(j, e.position) for e in edges]
    return [
        Step(
            "reverse",
            step.index,
            step.node,
            step.reads,
            c,
            c,
            None,
            e,
            child_adjoint=step.child_adjoint,
            graph=g,
        )
        for c, e in zip(parts, edges)
    ]


def _plus(latex: bool) -> str:
    return r" \mathrel{+}= " if latex else " += "


def rule(step, latex: bool = False) -> str:
    """The step's rule, symbolically: ``w⁵ = sin(w⁴)``, ``w̄⁴ += w̄⁵·cos(w⁴)``, ``free w⁴``."""
    if step.event == "free":
        return (
            rf"\text{{free }} {_label(step.graph, step.node, True)}"
            if latex
            else f"free {_label(step.graph, step.node)}"
        )
    if step.event != "adjoint":
        return step_text.rule(_evaluation(step), latex)
    parts = [step_text.rule(s, latex) for s in _contributions(step)]
    if len(parts) == 1:
        return parts[0]
    lhs, _ = parts[0].split(_plus(latex), 1)
    return lhs + _plus(latex) + " + ".join(p.split(_plus(latex), 1)[1] for p in parts)


def numbers(step, latex: bool = False) -> str:
    """The rule with its numbers: ``w⁵ = sin(0.4) = 0.389418``, ``w̄⁴ += 1·cos(0.4) = 0.921``;
    for a free, the values held before and after (``values held: 6 → 5``)."""
    if step.event == "free":
        words = f"values held: {step.held + 1} → {step.held}"
        return rf"\text{{{words}}}" if latex else words
    if step.event != "adjoint":
        return step_text.numbers(_evaluation(step), latex)
    parts = [step_text.numbers(s, latex) for s in _contributions(step)]
    if len(parts) == 1:
        return parts[0]
    plus, eq = _plus(latex), " = "
    lhs = parts[0].split(plus, 1)[0]
    middles = [p.split(plus, 1)[1].rsplit(eq, 1)[0] for p in parts]
    num = number_latex if latex else number
    return f"{lhs}{plus}{' + '.join(middles)}{eq}{num(step.result)}"


def caption(state) -> str:
    """One line saying where a state is: ``step 5 of 46: forward pass, w⁴ kept as a checkpoint``."""
    start = f"step {state.k} of {state.n_steps}: "
    s = state.step
    if s is None:
        return start + "nothing computed yet"
    g = state.graph
    label = _label(g, s.node)
    if s.segment is None:
        if s.event == "store":
            what = f"{label} kept as a checkpoint"
        elif s.node == len(g) - 1:
            what = f"the output {label} computed"
        else:
            what = f"{label} computed, passed on, not kept"
        return start + "forward pass, " + what
    bottom, top = s.segment
    where = f"sweep back, segment {_label(g, bottom)}…{_label(g, top)}, "
    if s.event == "recompute":
        return start + where + f"{label} recomputed"
    if s.event == "adjoint":
        return start + where + f"adjoint {g.adjoint_name(s.node)} from {g.adjoint_name(s.node + 1)}"
    return start + where + f"{label} freed" + (" (its checkpoint)" if s.node == bottom else "")


def held_text(state) -> str:
    """The values held now: ``held: w⁰, w⁴, w⁸ (3 values)``; a long list summarised."""
    g = state.graph
    names = [_label(g, i) for i in state.held_nodes]
    if not names:
        return "held: no value"
    if len(names) > LISTED:
        names = names[:5] + ["…"] + names[-5:]
    count = state.held
    return f"held: {', '.join(names)} ({count} value{'' if count == 1 else 's'})"


def note(state) -> str:
    """Under the rule: the plan at step 0, the values held at every step, the result at the end."""
    sweep, g = state.sweep, state.graph
    if state.step is None:
        kept = ", ".join(_label(g, j) for j in sweep.checkpoints)
        return (
            f"The forward pass keeps {kept}. The sweep back then takes the segments from the top "
            "down: it recomputes each from its checkpoint and frees every value once it is read."
        )
    if state.k < state.n_steps:
        return held_text(state)
    x, y = g.inputs[0].var_label, g.outputs[0].label
    (gradient,) = sweep.gradient.values()
    n = sweep.length
    return (
        f"Result: ∂{y}/∂{x} = {number(gradient)}, as plain reverse mode gives. At most {state.peak} "
        f"value{'' if state.peak == 1 else 's'} held at once (plain reverse mode: {n}); "
        f"{state.recomputed} operation{'' if state.recomputed == 1 else 's'} recomputed."
    )


def spacing(k: int | None) -> str:
    """``every 4th value``; ``chosen positions`` when there is no single spacing."""
    if k is None:
        return "chosen positions"
    if k == 1:
        return "every value"
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"every {k}{suffix} value"


def title(sweep) -> str:
    """``checkpointed reverse mode on a chain of 12 operations``."""
    n = sweep.length
    return f"checkpointed reverse mode on a chain of {n} operation{'' if n == 1 else 's'}"


def describe(sweep) -> str:
    """One line: ``checkpointed reverse mode, checkpoints w⁰, w⁴, w⁸ (every 4th value), seed w̄¹² = 1``."""
    g = sweep.graph
    kept = ", ".join(_label(g, j) for j in sweep.checkpoints)
    out = g.outputs[0].index
    return (
        f"checkpointed reverse mode, checkpoints {kept} ({spacing(sweep.k)}), "
        f"seed {g.adjoint_name(out)} = {number(sweep.seed[0])}"
    )
