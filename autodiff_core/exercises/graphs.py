"""Checks on computation graphs: a node's value and level, the number of nodes (lessons 01,
08). The call: ``check_value(graph, node, answer)``, ``check_level(graph, node, answer)``,
``check_node_count(graph, answer, per_iteration=None)``."""

from __future__ import annotations

import numbers

from .calls import checker
from .feedback import ArgumentError, Feedback, _UNANSWERED, _as_int, _as_number, _graph, _matches, _node
from .feedback import _numeric_verdict, _right, _short, _values_of, _wrong


@checker
def check_value(graph, node, answer) -> Feedback:
    """Is ``answer`` the value of ``node`` (its primal, wⁿᵢ) in ``graph`` (a graph, an
    example or a sweep)?"""
    g = _graph(graph)
    nd = _node(g, node)
    if answer is None:
        return _UNANSWERED
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


@checker
def check_level(graph, node, answer) -> Feedback:
    """Is ``answer`` the level n of ``node`` in the wⁿᵢ notation?"""
    g = _graph(graph)
    nd = _node(g, node)
    if answer is None:
        return _UNANSWERED
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


@checker
def check_node_count(graph, answer, *, per_iteration=None) -> Feedback:
    """Is ``answer`` the number of nodes (inputs and elementary operations) in ``graph``?

    ``per_iteration``, for a traced loop, is the number of operations in one pass of the
    loop body: it lets the check recognise "the loop is stored once"."""
    g = _graph(graph)
    if per_iteration is not None:
        if not isinstance(per_iteration, numbers.Integral) or isinstance(per_iteration, bool) or per_iteration < 1:
            raise ArgumentError(f"per_iteration is a whole number of at least 1, not {_short(per_iteration)}")
        per_iteration = int(per_iteration)
    if answer is None:
        return _UNANSWERED
    n = _as_int(answer, "a count of nodes")
    total = len(g)
    if n == total:
        return _right("One node per elementary operation that ran, the inputs included." if per_iteration else "")
    n_inputs = len(g.inputs)
    n_consts = sum(1 for nd in g.nodes for c in nd.consts if c is not None)
    if per_iteration is not None and n in (per_iteration, per_iteration + n_inputs) and n != total - n_inputs:
        return _wrong(
            "the graph does not hold the loop, it holds what the loop did: one "
            "copy of the body for every iteration that ran."
        )
    if n == total - n_inputs:
        return _wrong("the inputs are nodes too (level 0): count them as well.")
    if n_consts and n == total + n_consts:
        return _wrong("constants (like the 1 in b = a + 1) are not nodes of their own: they belong to their operation.")
    if per_iteration is not None:
        return _wrong(
            "count the elementary operations of one pass through the loop body, then "
            "how many passes ran, and add the inputs."
        )
    if n < total:
        return _wrong(
            "too few. One node per input and one per elementary operation "
            "(+, −, ×, /, **, sin, exp, ...): an operation written twice counts twice."
        )
    return _wrong(
        "too many. One node per input and one per elementary operation; an input "
        "used twice is still one node, and constants are not nodes."
    )
