"""The memory of reverse mode: what the tape keeps, and checkpointing (lesson 09).

* :func:`kept_values` — the nodes whose values the reverse sweep's local partials read,
  i.e. what a tape must keep from the forward pass for the sweep back.
* :func:`checkpointed_reverse` — reverse mode on a chain that keeps only some values in
  the forward pass (every k-th, or at positions given) and recomputes each segment from
  its checkpoint during the sweep back, following :func:`checkpoint_schedule.schedule`
  (the events and their counts, as data), and computing the numbers it says
  (:func:`event_numbers`, which :mod:`.checkpoint_sweep` records step by step too).
* :func:`peak_stored`, :func:`recomputed` and :func:`best_k` — the counts for every k-th
  value kept, as formulas, and the k that minimises the peak (about √n).

The counts are of primal values, one float each. A chain of n operations reads the
values w⁰ … wⁿ⁻¹ (the output wⁿ is the result the caller gets, read by nobody below it).
A count for n ≤ 0 or k ≤ 0 is a ValueError.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .checkpoint_schedule import FollowsSchedule, Schedule, check_length, check_spacing, schedule
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
    check_length(n)

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


def peak_stored(n: int, k: int) -> int:
    """Most values held at once by :func:`checkpointed_reverse` on a chain of n operations
    with every k-th value kept: m = ⌈n/k⌉ checkpoints. While the top segment (L = n − (m − 1)k
    operations) is swept all m checkpoints and its L − 1 recomputed values are held; while a
    lower one is, the checkpoints above it are already freed: at most m − 1 and k − 1.
    So the peak is the larger of m + L − 1 and m + k − 2 (n when k ≥ n)."""
    n, k = check_length(n), check_spacing(k)
    m = -(-n // k)
    if m == 1:
        return n
    top = n - (m - 1) * k
    return max(m + top - 1, m + k - 2)


def recomputed(n: int, k: int) -> int:
    """Operations :func:`checkpointed_reverse` evaluates again: every value that is not a
    checkpoint, once."""
    n, k = check_length(n), check_spacing(k)
    return n - -(-n // k)


def best_k(n: int) -> int:
    """The spacing k in 1 … n with the smallest :func:`peak_stored` (the smallest such k on
    a tie, as it recomputes least): near √n, with a peak near 2√n."""
    n = check_length(n)
    r = math.isqrt(n)
    bound = min(peak_stored(n, k) for k in (r, r + 1) if k <= n)  # the least peak is at most this
    # peak_stored(n, k) ≥ n/k + k − 2, so only a k with k² − (bound + 2)·k + n ≤ 0 can reach it:
    # a window of width about 3·n^¼ around √n, not all of 1 … n
    b = bound + 2
    s = math.isqrt(b * b - 4 * n)
    ks = range(max(1, (b - s) // 2 - 1), min(n, (b + s) // 2 + 1) + 1)
    return min(ks, key=lambda k: (peak_stored(n, k), k))


@dataclass(frozen=True)
class Checkpointed(FollowsSchedule):
    """The outcome of :func:`checkpointed_reverse`, with what it cost: ``length``,
    ``checkpoints``, ``peak_stored``, ``recomputed`` and ``timeline`` read its schedule."""

    gradient: dict  # ∂output/∂input, by the input's name, as graph.gradient()
    value: float  # the output value
    k: int | None  # checkpoint spacing (None when the positions were given)
    schedule: Schedule  # the events, in order, with the counts after each


def _operands(graph, j: int, operand: float) -> list:
    """The operand values of node j, ``operand`` standing for its node operand(s)."""
    return [graph.constants[constant_slot(c)] if is_constant(c) else operand for c in graph.operand_codes(j)]


def _evaluate(graph, j: int, operand: float) -> float:
    """The value of node j recomputed from ``operand``, the value of the node before it
    (the same operation on the same numbers as when the graph was traced, so it cannot fail)."""
    return OPS[graph.op_ids[j]].fn(*_operands(graph, j, operand))


def check_seed(seed) -> float:
    """The output's adjoint as a float; a TypeError for anything but a number."""
    if isinstance(seed, bool) or not isinstance(seed, (int, float)):
        raise TypeError(f"the seed must be a number (the output's adjoint), got {seed!r}")
    return float(seed)


def event_numbers(graph, plan: Schedule, seed: float = 1.0) -> tuple:
    """What each event of ``plan`` computes on a chain graph's numbers, in order: the value
    wʲ (``forward``, ``store``, ``recompute``), the adjoint w̄ʲ⁻¹ an ``adjoint`` step sends
    down from w̄ʲ, None (``free``). Each value is computed from the value before it as the
    schedule holds it (a checkpoint or a recomputed value), so a recomputed value is the
    same float as the forward pass's."""
    n = chain_length(graph)
    if plan.length != n:
        raise ValueError(f"this schedule is for a chain of {plan.length} operations, the graph has {n}")
    ops = graph.op_ids
    memory, current, adjoint = {}, graph.values[0], check_seed(seed)
    out = []
    for event in plan.events:
        j = event.index
        if event.kind in ("forward", "store"):
            current = current if j == 0 else _evaluate(graph, j, current)
            if event.kind == "store":
                memory[j] = current
            out.append(current)
        elif event.kind == "recompute":
            memory[j] = _evaluate(graph, j, memory[j - 1])
            out.append(memory[j])
        elif event.kind == "free":
            del memory[j]
            out.append(None)
        else:  # the adjoint step through operation j reads wʲ⁻¹; a partial written with the
            # result (exp's, tanh's) gets it from wʲ⁻¹ as its formula says (the output at the top)
            below = memory[j - 1]
            a, b = (_operands(graph, j, below) + [0.0])[:2]
            out_value = current if j == n else _evaluate(graph, j, below)
            parts = OPS[ops[j]].float_partials
            total = 0.0
            for pos, code in enumerate(graph.operand_codes(j)):
                if not is_constant(code):
                    try:
                        total += adjoint * parts[pos](a, b, out_value)
                    except (ValueError, ZeroDivisionError, OverflowError) as e:
                        raise derivative_error(graph, j, e) from None
            adjoint = total
            out.append(adjoint)
    return tuple(out)


def checkpointed_reverse(graph, k: int | None = None, seed: float = 1.0, *, positions=None) -> Checkpointed:
    """Reverse mode on a chain graph, keeping only every k-th value (or the values at
    ``positions``; w⁰ always).

    It runs :func:`checkpoint_schedule.schedule` on the graph's numbers
    (:func:`event_numbers`): the forward pass keeps the checkpoints; the sweep back takes the
    segments from the top down, recomputes each segment's values from its checkpoint, sends
    the adjoint down through it and frees each value once the step that reads it has run.
    k = 1 is plain reverse mode (every value kept, nothing recomputed). The gradient is the
    same as ``graph.reverse(seed)``'s."""
    n = chain_length(graph)
    check_seed(seed)
    plan = schedule(n, k, positions=positions)
    numbers = event_numbers(graph, plan, seed)
    value = next(x for e, x in zip(plan.events, numbers) if e.kind == "forward" and e.index == n)
    adjoint = next(x for e, x in zip(reversed(plan.events), reversed(numbers)) if e.kind == "adjoint")
    return Checkpointed({graph.input_names[0]: adjoint}, value, k, plan)
