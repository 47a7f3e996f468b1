"""The memory of reverse mode: what the tape keeps, and checkpointing (lesson 09).

* :func:`kept_values` — the nodes whose values the reverse sweep's local partials read,
  i.e. what a tape must keep from the forward pass for the sweep back.
* :func:`checkpointed_reverse` — reverse mode on a chain that keeps only every k-th
  value in the forward pass and recomputes each segment from its checkpoint during the
  sweep back, counting the values it holds and the operations it redoes.
* :func:`peak_stored`, :func:`recomputed` and :func:`best_k` — the same counts as
  formulas, and the k that minimises the peak (about √n).

The counts are of primal values, one float each. A chain of n operations reads the
values v₀ … vₙ₋₁ (the output vₙ is the result the caller gets, read by nobody below it).
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

from .codes import constant_slot, is_constant
from .functions import sin
from .ops import OPS, partial_uses
from .sweeps.partials import derivative_error
from .trace import trace


def kept_values(graph) -> tuple[int, ...]:
    """Indices of the nodes whose values the reverse sweep reads, in evaluation order.

    An edge's contribution w̄ · ∂w/∂u reads the operand values its local partial is
    written with: ``cos(<0>)`` reads the operand, ``1`` (the partial of ``+ 1``) reads
    nothing. These are the values a tape must keep until the sweep back has used them."""
    kept = set()
    for nd in graph.nodes:
        if nd.is_input:
            continue
        codes = graph.operand_codes(nd.index)
        for pos, code in enumerate(codes):
            if is_constant(code):
                continue
            kept.update(codes[q] for q in partial_uses(nd.op, pos) if not is_constant(codes[q]))
    return tuple(sorted(kept))


def sin_chain(n: int, x: float = 0.5):
    """The graph of sin(sin(… sin(x) …)), n sines: a chain of n operations."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"a chain needs a whole number n ≥ 1 of operations, not {n!r}")

    def f(x):
        for _ in range(n):
            x = sin(x)
        return x

    return trace(f, x=x)


def chain_length(graph) -> int:
    """The number n of operations of a chain graph: one input w⁰, and every other node
    reads the node just before it (and constants), the last node being the output.
    Raises ValueError, naming the node, for any other graph."""
    if len(graph.inputs) != 1 or graph.inputs[0].index != 0:
        raise ValueError(f"a chain has one input, first; this graph's inputs are {', '.join(graph.input_names)}")
    if len(graph.outputs) != 1 or graph.outputs[0].index != len(graph) - 1:
        raise ValueError(
            "a chain has one output, its last node; this graph's outputs are "
            + ", ".join(o.label for o in graph.outputs)
        )
    nodes = graph.nodes
    for j in range(1, len(graph)):
        parents = set(nodes[j].parents)
        if parents != {j - 1}:
            reads = ", ".join(nodes[p].label for p in sorted(parents)) or "no node"
            raise ValueError(
                f"not a chain: {nodes[j].label} = {graph.formula(j)} reads {reads}, "
                f"not only the node before it, {nodes[j - 1].label}"
            )
    if len(graph) < 2:
        raise ValueError("a chain needs at least one operation; this graph is only its input")
    return len(graph) - 1


def _check_k(k) -> int:
    return _whole(k, "k, the checkpoint spacing")


def _whole(v, what: str) -> int:
    """A count ≥ 1 as an int (numpy integers too), or a ValueError naming it."""
    if isinstance(v, bool) or not isinstance(v, numbers.Integral) or v < 1:
        raise ValueError(f"{what}, must be a whole number ≥ 1, not {v!r}")
    return int(v)


def peak_stored(n: int, k: int) -> int:
    """Most values held at once by :func:`checkpointed_reverse` on a chain of n operations:
    ⌈n/k⌉ checkpoints plus the k − 1 values recomputed in one segment (n − 1 if k ≥ n)."""
    n, k = _whole(n, "n, the chain length"), _check_k(k)
    return -(-n // k) + min(k, n) - 1


def recomputed(n: int, k: int) -> int:
    """Operations :func:`checkpointed_reverse` evaluates again: every value that is not a
    checkpoint, once."""
    n, k = _whole(n, "n, the chain length"), _check_k(k)
    return n - -(-n // k)


def best_k(n: int) -> int:
    """The spacing k in 1 … n with the smallest :func:`peak_stored` (the smallest such k on
    a tie, as it recomputes least): near √n, with a peak near 2√n."""
    n = _whole(n, "n, the chain length")
    return min(range(1, n + 1), key=lambda k: (peak_stored(n, k), k))


@dataclass(frozen=True)
class Checkpointed:
    """The outcome of :func:`checkpointed_reverse`, with what it cost."""

    gradient: dict  # ∂output/∂input, by the input's name, as graph.gradient()
    value: float  # the output value
    k: int  # checkpoint spacing
    length: int  # n, the chain's number of operations
    checkpoints: tuple  # node indices kept by the forward pass: 0, k, 2k, …
    peak_stored: int  # most values held at once (checkpoints + one segment)
    recomputed: int  # operations evaluated again during the sweep back
    timeline: tuple  # values held after each adjoint step, top step first


def _operands(graph, j: int, operand: float) -> list:
    """The operand values of node j, ``operand`` standing for its node operand(s)."""
    return [graph.constants[constant_slot(c)] if is_constant(c) else operand for c in graph.operand_codes(j)]


def _evaluate(graph, j: int, operand: float) -> float:
    """The value of node j recomputed from ``operand``, the value of the node before it
    (the same operation on the same numbers as when the graph was traced, so it cannot fail)."""
    return OPS[graph.op_ids[j]].fn(*_operands(graph, j, operand))


def checkpointed_reverse(graph, k: int, seed: float = 1.0) -> Checkpointed:
    """Reverse mode on a chain graph, keeping only every k-th value.

    The forward pass runs the chain from its input value and keeps v₀, v_k, v_2k, …
    (the checkpoints). The sweep back takes the segments from the top down: it
    recomputes the segment's values from its checkpoint, sends the adjoint down through
    the segment, and drops those values again. k = 1 is plain reverse mode (every value
    kept, nothing recomputed). The gradient is the same as ``graph.reverse(seed)``'s."""
    n = chain_length(graph)
    k = _check_k(k)
    if isinstance(seed, bool) or not isinstance(seed, (int, float)):
        raise TypeError(f"the seed must be a number (the output's adjoint), got {seed!r}")
    ops = graph.op_ids
    # forward pass: v₀ … vₙ, keeping every k-th of v₀ … vₙ₋₁
    stored = {0: graph.values[0]}
    v = stored[0]
    for j in range(1, n + 1):
        v = _evaluate(graph, j, v)
        if j < n and j % k == 0:
            stored[j] = v
    output = v
    checkpoints = tuple(stored)
    peak, redone, timeline = len(stored), 0, []
    adjoint = float(seed)
    for start in reversed(checkpoints):
        end = min(start + k, n)  # ops start+1 … end read v_start … v_end-1
        segment = {start: stored[start]}
        for j in range(start + 1, end):
            segment[j] = _evaluate(graph, j, segment[j - 1])
            redone += 1
        held = len(stored) + len(segment) - 1
        peak = max(peak, held)
        for j in range(end, start, -1):
            # the partials read the operands and, for some ops, the node's own value: held
            # in the segment, or the next checkpoint, or the output at the top
            a, b = (_operands(graph, j, segment[j - 1]) + [0.0])[:2]
            out = segment[j] if j < end else stored.get(j, output)
            parts = OPS[ops[j]].float_partials
            total = 0.0
            for pos, code in enumerate(graph.operand_codes(j)):
                if not is_constant(code):
                    try:
                        total += adjoint * parts[pos](a, b, out)
                    except (ValueError, ZeroDivisionError, OverflowError) as e:
                        raise derivative_error(graph, j, e) from None
            adjoint = total
            timeline.append(held)
    return Checkpointed({graph.input_names[0]: adjoint}, output, k, n, checkpoints, peak, redone, tuple(timeline))
