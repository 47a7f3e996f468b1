"""The full Jacobian from forward or reverse sweeps, with what it cost."""

from __future__ import annotations

from dataclasses import dataclass

from ..notation import number
from .forward import ForwardSweep
from .reverse import ReverseSweep


@dataclass(frozen=True)
class Jacobian:
    """∂(outputs)/∂(inputs), with the cost of computing it."""

    mode: str
    matrix: tuple  # rows: outputs; columns: inputs
    inputs: tuple  # input names
    outputs: tuple  # output node labels
    sweeps: int  # forward: one per input; reverse: one per output
    operations: int  # elementary tangent/adjoint updates, over all sweeps

    def __str__(self):
        rows = ["  ".join(f"{number(v):>10}" for v in row) for row in self.matrix]
        return (
            f"Jacobian ({self.mode} mode: {self.sweeps} sweep"
            f"{'s' if self.sweeps != 1 else ''}, "
            f"{self.operations} elementary operations)\n" + "\n".join(rows)
        )


def jacobian(graph, mode: str = "reverse") -> Jacobian:
    names = graph.input_names
    m = len(graph.output_indices)
    if mode == "forward":
        cols, ops, edges = [], 0, len(graph.edges)
        for name in names:
            s = ForwardSweep(graph, name)
            tangents = s.tangents
            cols.append([tangents[i] for i in graph.output_indices])
            ops += edges
        matrix = tuple(tuple(cols[c][r] for c in range(len(names))) for r in range(m))
        sweeps = len(names)
    elif mode == "reverse":
        rows, ops = [], 0
        for r in range(m):
            s = ReverseSweep(graph, {r: 1.0})
            rows.append(tuple(s.gradient.values()))
            ops += s.operations
        matrix, sweeps = tuple(rows), m
    else:
        raise ValueError(f"mode must be 'forward' or 'reverse', not {mode!r}")
    return Jacobian(mode, matrix, tuple(names), tuple(o.label for o in graph.outputs), sweeps, ops)
