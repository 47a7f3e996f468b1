"""Checks on the cost of a Jacobian: sweeps, elementary operations, the cheaper mode
(lesson 04). The calls: ``check_sweeps(graph, mode, answer)``, ``check_operations(graph,
mode, answer)``, ``check_mode(graph, answer)``."""

from __future__ import annotations

from .calls import checker
from .feedback import ArgumentError, Feedback, _Invalid, _UNANSWERED, _as_int, _graph, _right, _short, _wrong


def _mode(mode) -> str:
    if not isinstance(mode, str) or mode.strip().lower() not in ("forward", "reverse"):
        raise ArgumentError(f"mode must be 'forward' or 'reverse', not {_short(mode)}")
    return mode.strip().lower()


@checker
def check_sweeps(graph, mode, answer) -> Feedback:
    """Is ``answer`` the number of sweeps ``mode`` needs for the full Jacobian?"""
    g = _graph(graph)
    mode = _mode(mode)
    if answer is None:
        return _UNANSWERED
    n = _as_int(answer, "a number of sweeps")
    ref = g.jacobian(mode).sweeps
    if n == ref:
        return _right()
    other = g.jacobian("reverse" if mode == "forward" else "forward").sweeps
    if n == other and other != ref:
        return _wrong("that is the count for the other mode.")
    if mode == "forward":
        return _wrong(
            "a forward sweep seeds one input (ẋ = 1, the others 0) and gives one "
            "column of the Jacobian: ∂(every output)/∂(that input)."
        )
    return _wrong(
        "a reverse sweep seeds one output (its adjoint 1, the others 0) and gives "
        "one row of the Jacobian: ∂(that output)/∂(every input)."
    )


@checker
def check_operations(graph, mode, answer) -> Feedback:
    """Is ``answer`` the number of elementary tangent or adjoint updates ``mode``
    performs for the full Jacobian (as counted by ``graph.jacobian(mode)``)?"""
    g = _graph(graph)
    mode = _mode(mode)
    if answer is None:
        return _UNANSWERED
    n = _as_int(answer, "a number of operations")
    jac = g.jacobian(mode)
    if n == jac.operations:
        return _right()
    edges = len(g.edges)
    if n == edges and jac.sweeps > 1 and mode == "forward":
        return _wrong("that is the cost of one sweep; the full Jacobian needs several.")
    if mode == "forward":
        return _wrong(
            "every forward sweep does one elementary update per edge of the graph; "
            "multiply by the number of sweeps. (len(graph.edges) counts the edges.)"
        )
    if n == edges * jac.sweeps and jac.operations != n:
        return _wrong(
            "a reverse sweep skips the edges its seeded output does not depend on: "
            "count, for each output, only the edges on its paths back to the inputs."
        )
    return _wrong(
        "a reverse sweep does one update per edge that its seeded output depends on; "
        "add up those edges over the outputs (work the outputs share is swept again "
        "for each of them)."
    )


@checker
def check_mode(graph, answer) -> Feedback:
    """Is ``answer`` ('forward' or 'reverse') the cheaper mode for this graph's Jacobian?"""
    g = _graph(graph)
    if answer is None:
        return _UNANSWERED
    if not isinstance(answer, str) or answer.strip().lower() not in ("forward", "reverse"):
        raise _Invalid("answer 'forward' or 'reverse'.")
    answer = answer.strip().lower()
    cost = {m: g.jacobian(m).operations for m in ("forward", "reverse")}
    n, m = len(g.input_names), len(g.outputs)
    if cost["forward"] == cost["reverse"]:
        return _right(f"Here both cost the same: {cost['forward']} elementary operations.")
    best = min(cost, key=cost.get)
    if answer == best:
        other = "reverse" if best == "forward" else "forward"
        return _right(f"{best.capitalize()} mode: {cost[best]} elementary operations against {cost[other]}.")
    return _wrong(
        f"forward mode pays one sweep per input ({n}), each over every edge; reverse "
        f"mode one sweep per output ({m}), each over the edges that output depends on. "
        "Work the outputs share is swept once per output."
    )
