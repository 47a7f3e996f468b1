"""Checks on forward mode: the tangent of a node in a seeded sweep (lesson 02). The call:
``check_tangent(graph, node, answer, seed=None)``."""

from __future__ import annotations

from ..errors import DomainError
from ..sweeps.forward import ForwardSweep
from .calls import checker
from .feedback import ArgumentError, Feedback, _UNANSWERED, _as_number, _graph, _matches, _node, _numeric_verdict
from .feedback import _reveals, _right, _seed_text, _clip, _short, _values_of, _var_label, _wrong
from ..notation import number


def _forward_sweep(graph, seed) -> ForwardSweep:
    if isinstance(graph, ForwardSweep):
        if seed is not None:
            raise ArgumentError("give either a forward sweep or a graph with a seed, not both")
        return graph
    g = _graph(graph)
    names = ", ".join(g.input_names)
    if seed is None and len(g.input_names) > 1:
        raise ArgumentError(
            f"this graph has inputs {names}: say which one "
            f"the sweep is seeded with, e.g. pass seed={g.input_names[0]!r}, "
            "or pass a forward sweep instead of the graph"
        )
    if isinstance(seed, str) and seed not in g.input_names:
        raise ArgumentError(f"the seed names an input: this graph's inputs are {names}, not {_short(seed)}")
    if isinstance(seed, dict):
        unknown = [k for k in seed if k not in g.input_names]
        if unknown:
            raise ArgumentError(f"the seed's {_short(unknown[0])} is not an input; the inputs are {names}")
    try:
        return g.forward(seed)
    except DomainError:
        raise  # the sweep cannot run at this point: the check says so
    except (TypeError, ValueError, KeyError) as e:
        raise ArgumentError(f"cannot seed a forward sweep with {_short(seed)}: {_clip(e)}") from None


@checker
def check_tangent(graph, node, answer, *, seed=None) -> Feedback:
    """Is ``answer`` the tangent ẇ of ``node`` in a forward sweep?

    ``graph`` is a forward sweep (``g.forward("x1")``), or a graph with ``seed=`` (an
    input name, or a dict input name -> ẋ).
    """
    sweep = _forward_sweep(graph, seed)
    g = sweep.graph
    nd = _node(g, node)
    if answer is None:
        return _UNANSWERED
    a = _as_number(answer)
    ref = sweep.tangents[nd.index]
    dot = g.tangent_name(nd.index)
    if _matches(a, ref):
        return _right()
    if nd.is_input:
        return _wrong(
            f"{dot} is a seed: 1 for the input we differentiate by, 0 for the "
            "others. Which input was this sweep seeded with?"
        )
    if _matches(a, nd.value):
        return _wrong(
            f"that is the value {nd.label}; the tangent {dot} is its rate of change as the seeded input moves."
        )
    for name in g.input_names:
        other = g.forward(name)
        if other.seed != sweep.seed and _matches(a, other.tangents[nd.index]):
            seeds = "" if _reveals(sweep.seed.values(), ref) else f" Here the seeds are {_seed_text(sweep)}."
            return _wrong(f"that would be {dot} if {_var_label(g, name)} were the seeded input.{seeds}")
    terms = [g.partial_value(nd.index, k) * sweep.tangents[o] for k, o in enumerate(nd.operands) if isinstance(o, int)]
    if len(terms) > 1 and any(_matches(a, t) for t in terms):
        return _wrong(
            "that is only the part that comes through one operand: the tangent adds up the parts from all of them."
        )
    step = sweep.step_for(nd.index)
    parents = list(dict.fromkeys(nd.parents))
    shown = [g.nodes[p].value for p in parents] + [sweep.tangents[p] for p in parents]
    if _reveals(shown, ref):
        # a partial of ±1 or a zero term: the numbers would be the answer itself
        return _numeric_verdict(
            a, ref, f"use {step.rule}, with the values and tangents of its operands from the steps before."
        )
    tangents = ", ".join(f"{g.tangent_name(p)} = {number(sweep.tangents[p])}" for p in parents)
    return _numeric_verdict(a, ref, f"use {step.rule}, with {_values_of(g, parents)} and {tangents}.")
