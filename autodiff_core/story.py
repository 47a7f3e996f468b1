"""A sweep told step by step, as what each step changes: the data of a player.

:func:`story` turns a sweep into a compact, JSON-ready record: the table and
texts of state 0 once, then per step only what that step changes (caption,
rule with its numbers, note, the table cells that change). :func:`replay`
applies the changes, so state k's texts and table come back without the sweep.
The record grows linearly with the steps. Core layer: standard library only.
"""

from __future__ import annotations

import re

from .modes import MODES
from .notation import number
from .step_text import SHORT, seed_text

TEXTS = ("caption", "rule", "numbers", "note")
UNKNOWN = "?"  # a quantity not yet computed: never blank, never 0


def texts(sweep, state) -> dict:
    """The caption, rule, rule with numbers and note of one state (plain text); the
    numbers are '' when they say what the rule says (a seed, ``x = 1.5``)."""
    step = state.step
    rule = "" if step is None else step.rule
    numbers = "" if step is None else step.numbers
    return {
        "caption": state.caption,
        "rule": rule,
        "numbers": "" if numbers == rule else numbers,
        "note": note(sweep, state),
    }


def show(v) -> str:
    """A table cell's number: ``?`` while unknown."""
    return UNKNOWN if v is None else number(v)


def row(state, i: int, fixed: dict | None = None) -> dict:
    """Row i of the trace table of a state (display strings; the current row marked).
    ``fixed`` holds the columns that are the same in every state (node, name, formula, op)."""
    g = state.graph
    if fixed is None:
        nd = g.nodes[i]
        fixed = {"node": nd.label, "name": nd.name, "formula": g.formula(i), "op": nd.op_label or "input"}
    out = {**fixed, "value": show(state.values[i]), "current": i in state.focus, "final": state.final[i]}
    if getattr(state, "memory", None) is not None:  # a checkpointed sweep: what memory holds
        out["memory"] = state.memory_word(i)
    head = MODES[state.kind].quantity
    if head is not None:
        out[head] = show(state.quantity[i])
    return out


def table(state) -> list[dict]:
    """The whole trace table of a state, one :func:`row` per node."""
    return [row(state, i) for i in range(len(state.graph))]


def story(sweep, states=None) -> dict:
    """``{"kind", "n", "start": {texts, "rows", "focus"}, "steps": [{texts, "node", "focus",
    "cells"}, ...]}``.

    ``steps[k-1]`` says what step k changes: its texts, the node it computes (``focus``:
    the nodes it sets, every input at forward's seed step) and
    ``cells``, ``[[row, {column: new}, {column: old}], ...]`` (the old values let a
    player step back). Linear in the steps: a step rewrites only the rows it marks,
    unmarks, writes or makes final. ``states`` (every state, if already made) saves remaking them."""
    states = list(sweep.states()) if states is None else states
    first = states[0]
    rows = table(first)
    fixed = [{c: r[c] for c in ("node", "name", "formula", "op")} for r in rows]
    steps = []
    prev = first
    for k in range(1, sweep.n_steps + 1):
        st = states[k]
        touched = {*st.focus, *prev.focus} | changed_nodes(prev, st, last=k == sweep.n_steps)
        changes = swaps([(i, row(st, i, fixed[i])) for i in sorted(touched)], rows)
        cells = []
        for i, new, old in changes:  # a row's cells that changed, new and old
            diff = {c: v for c, v in new.items() if old[c] != v}
            cells.append([i, diff, {c: old[c] for c in diff}])
        steps.append({**texts(sweep, st), "node": st.current, "focus": list(st.focus), "cells": cells})
        prev = st
    return {
        "kind": sweep.kind,
        "n": sweep.n_steps,
        "start": {**texts(sweep, first), "rows": table(first), "focus": list(start_focus(first))},
        "steps": steps,
    }


def changed_nodes(prev, state, last: bool = False) -> set:
    """The nodes whose display a step can change besides those it marks (its focus and reads,
    now and one step back): those made final, those whose memory status changed (a
    checkpointed sweep's) and, at the ``last`` step, any whose quantity changed. The one
    idea behind both per-step diffs: the table's cells (:func:`story`) and the drawing's
    slots (:func:`autodiff_core.player.drawing.drawing`)."""
    out = set()
    for name in ("final", "memory", *(("quantity",) if last else ())):
        old, new = getattr(prev, name, None), getattr(state, name, None)
        if old != new:
            out.update(i for i, (a, b) in enumerate(zip(old, new)) if a != b)
    return out


def swaps(displays, shown: list) -> list:
    """``[[key, new, old], ...]`` for each ``(key, new)`` of ``displays`` (in their order)
    whose display differs from ``shown[key]``, which is updated to it: what a step swaps in,
    and what stepping back swaps out. The table diffs rows (dicts of cells), the drawing
    pool indices of SVG groups; both make displays only for the keys a step can change."""
    out = []
    for key, new in displays:
        if new != shown[key]:
            out.append([key, new, shown[key]])
            shown[key] = new
    return out


def replay(data: dict, k: int) -> dict:
    """State k's texts and table (``"rows"``), rebuilt from a :func:`story` record."""
    if isinstance(k, bool) or not isinstance(k, int) or not 0 <= k <= data["n"]:
        raise ValueError(f"step {k!r} is outside 0..{data['n']}")
    rows = [dict(r) for r in data["start"]["rows"]]
    shown = {t: data["start"][t] for t in TEXTS}
    for step in data["steps"][:k]:
        for i, diff, _ in step["cells"]:
            rows[i].update(diff)
        shown = {t: step[t] for t in TEXTS}
    return {**shown, "rows": rows}


def start_focus(state) -> tuple:
    """Where a sweep starts, for a view to follow at state 0: the seeded outputs in
    reverse mode, else the inputs."""
    return state.focus or tuple(state.graph.input_indices)


def note(sweep, state) -> str:
    """Plain text under the rule: how the sweep goes at k = 0, the result at the last step."""
    own = getattr(state, "note", None)  # a state that writes its own (a checkpointed sweep's)
    if own is not None:
        return own
    g = sweep.graph
    kind, step = state.kind, state.step
    if step is None:
        if kind == "forward":
            seeds = seed_text([g.tangent_name(nd.index) for nd in g.inputs], [sweep.seed[nd.var] for nd in g.inputs])
            return f"Step 1 seeds the inputs' tangents ({seeds}); they flow forward, from the inputs to the output."
        if kind == "reverse":
            return "Adjoints flow backward, from the output to the inputs, one edge at a time."
        return "Values are computed in evaluation order, from the inputs to the output."
    return result(sweep) if state.k == state.n_steps else ""


def result(sweep) -> str:
    """The sweep's answer, in words; a long list of results summarised
    (``∂w⁹⁹/∂xᵢ = 1 for i = 1…100``)."""
    g = sweep.graph
    outs = g.outputs
    if sweep.kind == "evaluate":
        return "Result: " + _listed([o.label for o in outs], [o.value for o in outs]) + "."
    if sweep.kind == "forward":
        direction = [n for n, v in sweep.seed.items() if v]
        d = sweep.derivative
        ds = d if isinstance(d, tuple) else (d,)
        if len(direction) == 1:
            x = g.node(direction[0]).var_label
            return "Result: " + _listed([f"∂{o.label}/∂{x}" for o in outs], ds) + "."
        return "Result (directional derivative): " + _listed([g.tangent_name(o.index) for o in outs], ds) + "."
    seeded = [outs[k].label for k, v in sweep.seed.items() if v] or [outs[0].label]
    y = seeded[0]
    grad = sweep.gradient
    same = _indexed(list(grad))
    if same and len(grad) > SHORT and len(set(grad.values())) == 1:
        base, first, last = same
        v = next(iter(grad.values()))
        return f"Result: ∂{y}/∂{base}ᵢ = {number(v)} for i = {first}…{last}."
    return "Result: " + _listed([f"∂{y}/∂{g.node(n).var_label}" for n in grad], list(grad.values())) + "."


def _listed(names, values) -> str:
    """``a = 1, b = 2``; past :data:`SHORT` items the first two, "…", the last and the count."""
    pairs = [f"{n} = {number(v)}" for n, v in zip(names, values)]
    if len(pairs) <= SHORT:
        return ", ".join(pairs)
    return f"{pairs[0]}, {pairs[1]}, …, {pairs[-1]} ({len(pairs)} in all)"


def _indexed(names) -> tuple | None:
    """(base, first, last) when the names are one base with consecutive numbers (x1 … x100)."""
    parts = [re.fullmatch(r"([A-Za-z]+)_?([0-9]+)", n) for n in names]
    if not all(parts) or len({p.group(1) for p in parts}) != 1:
        return None
    numbers_ = [int(p.group(2)) for p in parts]
    if numbers_ != list(range(numbers_[0], numbers_[0] + len(numbers_))):
        return None
    return parts[0].group(1), numbers_[0], numbers_[-1]
