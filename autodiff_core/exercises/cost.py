"""Checks on the cost of a Jacobian: sweeps, elementary operations, the cheaper mode
(lesson 04). The calls: ``check_sweeps(graph, mode, answer)``, ``check_operations(graph,
mode, answer)``, ``check_mode(graph, answer)``."""

from __future__ import annotations

from ..costs import jacobian_cost
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
        if n == jacobian_cost(g, "forward").pruned_total:
            return _wrong(
                "that is the pruned count, which skips the edges a sweep's input cannot reach. "
                "Count as the engine counts a forward sweep, dense: every edge, in every sweep."
            )
        return _wrong(
            "every forward sweep does one elementary update per edge of the graph; "
            "multiply by the number of sweeps. (len(graph.edges) counts the edges.)"
        )
    if n == edges * jac.sweeps and jac.operations != n:
        return _wrong(
            "that is the dense count, every edge in every sweep. The engine counts a reverse "
            "sweep pruned: it skips the edges its seeded output does not depend on. Count, "
            "for each output, only the edges on its paths back to the inputs."
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
    engine = {m: g.jacobian(m).operations for m in ("forward", "reverse")}  # forward dense, reverse pruned
    pruned = {m: jacobian_cost(g, m).pruned_total for m in ("forward", "reverse")}
    counts = (
        f"as the engine counts (forward dense, reverse pruned), {engine['forward']} forward against "
        f"{engine['reverse']} reverse; pruned both ways, {pruned['forward']} against {pruned['reverse']}"
    )
    if engine["forward"] == engine["reverse"]:
        return _right(f"Here both cost the same {counts}.")
    best = min(engine, key=engine.get)
    if answer == best:
        return _right(f"{best.capitalize()} mode: {counts}.")
    if pruned[answer] < pruned[best]:
        return _wrong(f"{best} mode is cheaper {counts}. Here the answer depends on how you count.")
    return _wrong(
        f"forward mode pays one sweep per input ({len(g.input_names)}), reverse mode one per output "
        f"({len(g.outputs)}), each back over the edges its output depends on: work the outputs share is "
        "swept once per output."
    )
