"""What a sweep and a whole Jacobian cost, counted two ways (lessons 04 and 07).

One elementary operation is one tangent or adjoint update along one edge of the graph.
How many a sweep does depends on what it bothers to visit:

* **dense**: every sweep updates every edge, carrying a 0 where nothing flows. A plain
  sweep over the whole list does this, and so does a batched one that pushes all the
  unit seeds through the graph together (JAX's ``jacfwd`` and ``jacrev``).
* **pruned**: a sweep skips the edges that can only ever carry a 0. A forward sweep
  seeded on some inputs visits the edges on a path from a seeded input to an output; a
  reverse sweep seeded on some outputs the edges on a path from an input to a seeded
  output (what AD tools call activity analysis: a value matters when it depends on a
  seeded input and an output depends on it).

The engine's own sweeps count one of each: ``ForwardSweep.operations`` is dense,
``ReverseSweep.operations`` pruned. This module counts both ways for both modes, from the
graph's public read API only, so the lessons can set the two side by side.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .codes import is_constant

MODES = ("forward", "reverse")


def _operand_nodes(graph, i: int) -> tuple[int, ...]:
    """The operands of node i that are nodes (constants are not edges)."""
    return tuple(c for c in graph.operand_codes(i) if not is_constant(c))


def depends_on(graph, nodes: Iterable[int]) -> bytearray:
    """Per node, 1 if its value depends on one of ``nodes`` (or is one of them)."""
    marked = bytearray(len(graph))
    for i in nodes:
        marked[i] = 1
    for i in range(len(graph)):
        if not marked[i] and any(marked[p] for p in _operand_nodes(graph, i)):
            marked[i] = 1
    return marked


def needed_by(graph, nodes: Iterable[int]) -> bytearray:
    """Per node, 1 if one of ``nodes`` depends on its value (or it is one of them)."""
    marked = bytearray(len(graph))
    for i in nodes:
        marked[i] = 1
    for i in reversed(range(len(graph))):
        if marked[i]:
            for p in _operand_nodes(graph, i):
                marked[p] = 1
    return marked


def _seeded(graph, mode: str, seed) -> tuple[int, ...]:
    """The node indices a seed starts from: inputs (forward) or outputs (reverse).

    Forward: an input name, several names, or a dict name -> ẋ (its nonzero entries).
    Reverse: an output index, several indices, or a dict index -> ȳ (its nonzero entries).
    """
    if isinstance(seed, Mapping):
        seed = [k for k, v in seed.items() if v != 0]
    elif isinstance(seed, (str, numbers.Integral)):
        seed = [seed]
    if mode == "forward":
        where = dict(zip(graph.input_names, graph.input_indices))
        if not all(isinstance(s, str) for s in seed):
            raise TypeError(f"a forward seed names inputs ({', '.join(graph.input_names)}), not {seed!r}")
        unknown = [s for s in seed if s not in where]
        if unknown:
            raise KeyError(f"no input named {unknown[0]!r}: the inputs are {', '.join(graph.input_names)}")
        return tuple(where[s] for s in seed)
    outputs = graph.output_indices
    for s in seed:
        if isinstance(s, bool) or not isinstance(s, numbers.Integral) or not 0 <= s < len(outputs):
            raise IndexError(f"a reverse seed is an output index from 0 to {len(outputs) - 1}, not {s!r}")
    return tuple(outputs[s] for s in seed)


def _mode(mode) -> str:
    if mode not in MODES:
        raise ValueError(f"mode must be 'forward' or 'reverse', not {mode!r}")
    return mode


def sweep_operations(graph, mode: str, seed, *, pruned: bool) -> int:
    """The elementary operations of one sweep: every edge (``pruned=False``), or only the
    edges on a path from a seeded input to an output (forward) or from an input to a
    seeded output (reverse)."""
    _mode(mode)
    seeded = _seeded(graph, mode, seed)
    edges = graph.edges
    if not pruned:
        return len(edges)
    if mode == "forward":
        start, end = depends_on(graph, seeded), needed_by(graph, graph.output_indices)
    else:
        start, end = depends_on(graph, graph.input_indices), needed_by(graph, seeded)
    return sum(1 for e in edges if start[e.parent] and end[e.child])


@dataclass(frozen=True)
class JacobianCost:
    """The cost of a full Jacobian in one mode, per sweep, counted dense and pruned."""

    mode: str
    edges: int  # edges of the graph
    seeds: tuple  # per sweep, what it seeds: an input name (forward) or an output index (reverse)
    dense: tuple[int, ...]  # per sweep: every edge
    pruned: tuple[int, ...]  # per sweep: the edges that can carry something other than 0

    @property
    def sweeps(self) -> int:
        return len(self.seeds)

    @property
    def dense_total(self) -> int:
        return sum(self.dense)

    @property
    def pruned_total(self) -> int:
        return sum(self.pruned)

    def __str__(self):
        def row(words, counts):
            total = sum(counts)
            return f"  {words:7} {' + '.join(f'{c:>2}' for c in counts)} = {total}"

        return "\n".join(
            (
                f"{self.mode} mode: {self.sweeps} sweep{'s' if self.sweeps != 1 else ''}, "
                f"{self.edges} edges in the graph",
                row("dense", self.dense),
                row("pruned", self.pruned),
            )
        )


def jacobian_cost(graph, mode: str) -> JacobianCost:
    """The full Jacobian's cost in ``mode``: one sweep per input (forward) or per output
    (reverse), each counted dense and pruned."""
    _mode(mode)
    seeds = tuple(graph.input_names) if mode == "forward" else tuple(range(len(graph.output_indices)))
    return JacobianCost(
        mode,
        len(graph.edges),
        seeds,
        tuple(sweep_operations(graph, mode, s, pruned=False) for s in seeds),
        tuple(sweep_operations(graph, mode, s, pruned=True) for s in seeds),
    )
