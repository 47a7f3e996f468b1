"""Families of functions that grow with a size n, for counting what a Jacobian costs
(lessons 02-04): each function traces one member, :func:`jacobian_costs` counts a row
per size with the engine's own ``graph.jacobian(mode)`` and, dense and pruned, with
:func:`~autodiff_core.costs.jacobian_cost`."""

from __future__ import annotations

from .costs import jacobian_cost
from .functions import sin
from .trace import trace


def many_inputs(n: int):
    """f(x1, ..., xn) = Σ xᵢ·sin(xᵢ): n inputs, one output, traced at xᵢ = i/n."""
    names = [f"x{i}" for i in range(1, n + 1)]

    def f(**xs):
        total = xs[names[0]] * sin(xs[names[0]])
        for nm in names[1:]:
            total = total + xs[nm] * sin(xs[nm])
        return total

    return trace(f, **{nm: (i + 1) / n for i, nm in enumerate(names)})


def many_outputs(m: int):
    """The states of a small simulation: xₖ = xₖ₋₁ + 0.1·sin(xₖ₋₁) for k = 1, ..., m from
    x₀ = x, traced at x = 0.5. One input, m outputs that share work: output k depends on
    all k steps before it (4 edges each)."""

    def trajectory(x):
        states = []
        for _ in range(m):
            x = x + 0.1 * sin(x)
            states.append(x)
        return tuple(states)

    return trace(trajectory, x=0.5)


def unshared_outputs(m: int):
    """yₖ = sin(k·x) for k = 1, ..., m, traced at x = 0.5: m outputs that share no work
    (each has its own 2 edges), so forward and reverse mode cost the same."""
    return trace(lambda x: tuple(sin(k * x) for k in range(1, m + 1)), x=0.5)


def jacobian_costs(make_graph, sizes) -> list[dict]:
    """For each size, trace ``make_graph(size)`` and count the full Jacobian's cost.

    Each row: size, inputs, outputs, nodes, edges, and for each mode the
    sweeps and elementary operations reported by ``graph.jacobian(mode)``
    (``forward_ops``: dense, ``reverse_ops``: pruned, as the engine counts), and the
    operations counted both ways (``forward_dense``, ``forward_pruned``,
    ``reverse_dense``, ``reverse_pruned``; see :mod:`autodiff_core.costs`).
    """
    rows = []
    for size in sizes:
        g = make_graph(size)
        fwd, rev = g.jacobian("forward"), g.jacobian("reverse")
        fwd_cost, rev_cost = jacobian_cost(g, "forward"), jacobian_cost(g, "reverse")
        rows.append(
            {
                "size": size,
                "inputs": len(g.input_names),
                "outputs": len(g.outputs),
                "nodes": len(g),
                "edges": len(g.edges),
                "forward_sweeps": fwd.sweeps,
                "forward_ops": fwd.operations,
                "reverse_sweeps": rev.sweeps,
                "reverse_ops": rev.operations,
                "forward_dense": fwd_cost.dense_total,
                "forward_pruned": fwd_cost.pruned_total,
                "reverse_dense": rev_cost.dense_total,
                "reverse_pruned": rev_cost.pruned_total,
            }
        )
    return rows
