"""A sweep told step by step, as what each step changes: the data of a player.

:func:`story` turns a sweep into a compact, JSON-ready record: the table and
texts of state 0 once, then per step only what that step changes (caption,
rule with its numbers, note, the table cells that change). :func:`replay`
applies the changes, so state k's texts and table come back without the sweep.
The record grows linearly with the steps. Core layer: standard library only.
"""

from __future__ import annotations

from .notation import number

TEXTS = ("caption", "rule", "numbers", "note")


def texts(sweep, state) -> dict:
    """The caption, rule, rule with numbers and note of one state (plain text)."""
    step = state.step
    return {"caption": state.caption, "rule": "" if step is None else step.rule,
            "numbers": "" if step is None else step.numbers, "note": note(sweep, state)}


def story(sweep) -> dict:
    """``{"kind", "n", "start": {texts, "rows"}, "steps": [{texts, "cells"}, ...]}``:
    ``steps[k-1]["cells"]`` is ``[[row, {column: new text}], ...]``, the cells of
    the table that step k changes."""
    states = sweep.states()
    first = next(states)
    prev = first.table()
    steps = []
    for st in states:
        rows = st.table()
        cells = []
        for i, (old, new) in enumerate(zip(prev, rows)):
            diff = {c: v for c, v in new.items() if old.get(c) != v}
            if diff:
                cells.append([i, diff])
        steps.append({**texts(sweep, st), "cells": cells})
        prev = rows
    return {"kind": sweep.kind, "n": sweep.n_steps,
            "start": {**texts(sweep, first), "rows": first.table()}, "steps": steps}


def replay(data: dict, k: int) -> dict:
    """State k's texts and table (``"rows"``), rebuilt from a :func:`story` record."""
    if not 0 <= k <= data["n"]:
        raise ValueError(f"step {k} is outside 0..{data['n']}")
    rows = [dict(r) for r in data["start"]["rows"]]
    shown = {t: data["start"][t] for t in TEXTS}
    for step in data["steps"][:k]:
        for i, diff in step["cells"]:
            rows[i].update(diff)
        shown = {t: step[t] for t in TEXTS}
    return {**shown, "rows": rows}


def note(sweep, state) -> str:
    """Plain text under the rule: the seeds at k = 0, the running sum of a
    reverse step, the result at the last step."""
    g = sweep.graph
    kind, step = state.kind, state.step
    if step is None:
        if kind == "forward":
            seeds = ", ".join(f"{g.tangent_name(nd.index)} = {number(sweep.seed[nd.var])}"
                              for nd in g.inputs)
            return f"Seed: {seeds}. Tangents flow forward, from the inputs to the output."
        if kind == "reverse":
            return "Adjoints flow backward, from the output to the inputs, one edge at a time."
        return "Values are computed in evaluation order, from the inputs to the output."
    parts = []
    if kind == "reverse" and step.before is not None:
        name = g.adjoint_name(step.node)
        parts.append(f"Accumulated: {name} = {number(step.before)} + "
                     f"{_paren(step.result)} = {number(step.total)}.")
    if state.k == state.n_steps:
        parts.append(result(sweep))
    return " ".join(parts)


def result(sweep) -> str:
    """The sweep's answer, in words."""
    g = sweep.graph
    outs = g.outputs
    if sweep.kind == "evaluate":
        return "Result: " + ", ".join(f"{o.label} = {number(o.value)}" for o in outs) + "."
    if sweep.kind == "forward":
        direction = [n for n, v in sweep.seed.items() if v]
        d = sweep.derivative
        ds = d if isinstance(d, tuple) else (d,)
        if len(direction) == 1:
            x = g.node(direction[0]).var_label
            return "Result: " + ", ".join(f"∂{o.label}/∂{x} = {number(v)}"
                                          for o, v in zip(outs, ds)) + "."
        return "Result (directional derivative): " + ", ".join(
            f"{g.tangent_name(o.index)} = {number(v)}" for o, v in zip(outs, ds)) + "."
    seeded = [outs[k].label for k, v in sweep.seed.items() if v] or [outs[0].label]
    y = seeded[0]
    return "Result: " + ", ".join(f"∂{y}/∂{g.node(n).var_label} = {number(v)}"
                                  for n, v in sweep.gradient.items()) + "."


def _paren(v: float) -> str:
    return f"({number(v)})" if v < 0 else number(v)
