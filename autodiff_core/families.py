"""Families of functions that grow with a size n, for counting what a Jacobian costs
(lessons 02-04): each function traces one member, :func:`jacobian_costs` counts a row
per size with the engine's own ``graph.jacobian(mode)``."""

from __future__ import annotations

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
    """yₖ = sin(k·x) for k = 1, ..., m: one input, m outputs, traced at x = 0.5."""
    return trace(lambda x: tuple(sin(k * x) for k in range(1, m + 1)), x=0.5)


def jacobian_costs(make_graph, sizes) -> list[dict]:
    """For each size, trace ``make_graph(size)`` and count the full Jacobian's cost.

    Each row: size, inputs, outputs, nodes, edges, and for each mode the
    sweeps and elementary operations reported by ``graph.jacobian(mode)``.
    """
    rows = []
    for size in sizes:
        g = make_graph(size)
        fwd, rev = g.jacobian("forward"), g.jacobian("reverse")
        rows.append({"size": size, "inputs": len(g.input_names), "outputs": len(g.outputs),
                     "nodes": len(g), "edges": len(g.edges),
                     "forward_sweeps": fwd.sweeps, "forward_ops": fwd.operations,
                     "reverse_sweeps": rev.sweeps, "reverse_ops": rev.operations})
    return rows
