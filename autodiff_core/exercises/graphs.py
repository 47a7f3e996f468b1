"""Checks on computation graphs: a node's value and level, the number of nodes (lesson 01)."""

from __future__ import annotations

from .feedback import (
    Feedback,
    _UNANSWERED,
    _as_int,
    _as_number,
    _checked,
    _graph,
    _matches,
    _node,
    _numeric_verdict,
    _right,
    _values_of,
    _wrong,
)


@_checked
def check_value(graph_or_sweep, node, answer) -> Feedback:
    """Is ``answer`` the value of ``node`` (its primal, wⁿᵢ) in the traced graph?"""
    if answer is None:
        return _UNANSWERED
    g = _graph(graph_or_sweep)
    nd = _node(g, node)
    a = _as_number(answer)
    for other in g.nodes:
        if other.index != nd.index and _matches(a, other.value) and not _matches(a, nd.value):
            return _wrong(f"that is the value of {other.label}, not of {nd.label}.")
    if nd.is_input:
        hint = f"{nd.label} is the input {nd.var_label}: its value is the one given to trace."
    else:
        hint = f"{nd.label} = {g.formula(nd.index)}, where {_values_of(g, nd.parents)}."
        if any(c is not None for c in nd.consts):
            hint += " The constants belong to the operation."
    return _numeric_verdict(a, nd.value, hint)


@_checked
def check_level(graph, node, answer) -> Feedback:
    """Is ``answer`` the level n of ``node`` in the wⁿᵢ notation?"""
    if answer is None:
        return _UNANSWERED
    g = _graph(graph)
    nd = _node(g, node)
    n = _as_int(answer, "a level")
    if n == nd.level:
        return _right()
    hint = (
        "inputs are level 0, and an operation sits one level above the highest of its "
        "operands: follow the longest path from an input to this node."
    )
    if n == nd.level + 1 or n == nd.level - 1:
        hint = "off by one: " + hint
    return _wrong(hint)


@_checked
def check_node_count(graph, answer) -> Feedback:
    """Is ``answer`` the number of nodes (inputs and elementary operations) in the graph?"""
    if answer is None:
        return _UNANSWERED
    g = _graph(graph)
    n = _as_int(answer, "a count of nodes")
    total = len(g)
    if n == total:
        return _right()
    n_inputs = len(g.inputs)
    n_consts = sum(1 for nd in g.nodes for c in nd.consts if c is not None)
    if n == total - n_inputs:
        return _wrong("the inputs are nodes too (level 0): count them as well.")
    if n_consts and n == total + n_consts:
        return _wrong("constants (like the 1 in b = a + 1) are not nodes of their own: they belong to their operation.")
    if n < total:
        return _wrong(
            "too few. One node per input and one per elementary operation "
            "(+, −, ×, /, **, sin, exp, ...): an operation written twice counts twice."
        )
    return _wrong(
        "too many. One node per input and one per elementary operation; an input "
        "used twice is still one node, and constants are not nodes."
    )
