"""Checkpointed reverse mode on a chain, recorded step by step: a sweep a player steps through.

:class:`CheckpointedSweep` runs :func:`checkpoint_schedule.schedule` on a chain graph's
numbers (:func:`checkpoint.event_numbers`) and records one step per event: a value computed
in the forward pass (``forward``: passed on, not kept; ``store``: kept as a checkpoint), a
value recomputed from its segment's checkpoint (``recompute``), an adjoint step of the sweep
back (``adjoint``: w̄ʲ⁻¹ from w̄ʲ) and a value freed once read (``free``). Each
:class:`CheckpointState` knows, per node, its value (None until first computed), its adjoint
(None until known) and what memory does with it (:data:`MEMORY`), with the counts of
:class:`checkpoint_schedule.Event`: the values held now, the most held so far and the
operations recomputed so far. Steps and states are frozen values made on demand, as the other
sweeps'; their texts are :mod:`.checkpoint_text`'s. Core layer: standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from . import checkpoint_text
from .checkpoint import chain_length, check_seed, event_numbers
from .checkpoint_schedule import FollowsSchedule, schedule
from .sweeps.states import StepTexts, Sweep

#: What memory does with a node's value: computed and passed on to the next operation, not
#: kept (``passing``); the output, the caller's result (``output``); kept as a checkpoint
#: (``stored``); computed again and kept until read (``recomputed``); passed on and gone
#: (``dropped``: never held); held and then let go once read (``freed``). None: not computed yet.
MEMORY = ("passing", "output", "stored", "recomputed", "dropped", "freed")
HELD = ("stored", "recomputed")  # the statuses the counts count


@dataclass(frozen=True)
class CheckpointStep(StepTexts):
    """One event of a checkpointed sweep, its numbers and the counts just after it.

    ``event`` is the schedule's kind; ``node`` the node it concerns (the value computed or
    freed; for ``adjoint``, the node whose adjoint it sets, j − 1); ``reads`` the nodes whose
    numbers it reads (an adjoint step: the adjoint of j first, then the value wʲ⁻¹);
    ``result`` the value or adjoint computed (None for ``free``); ``edges`` the edges the
    number flows along; ``segment`` (start, end) of the sweep back's segment it belongs to."""

    kind: ClassVar[str] = "checkpoint"
    texts: ClassVar = checkpoint_text
    event: str
    index: int  # 0-based position in the sweep
    node: int
    reads: tuple
    result: float | None
    held: int  # values held just after this step
    peak: int  # most values held at once so far
    recomputed: int  # operations evaluated again so far
    edges: tuple = ()  # Edge(parent, child, operand position), …
    child_adjoint: float | None = None  # adjoint: w̄ʲ, sent down
    segment: tuple | None = None  # the sweep back: (checkpoint, top) of this step's segment
    graph: object = field(kw_only=True, compare=False, repr=False)

    @property
    def focus(self) -> tuple:
        return (self.node,)

    @property
    def back(self) -> bool:
        """Whether the step flows back (an adjoint step) rather than forward."""
        return self.event == "adjoint"


@dataclass(frozen=True)
class CheckpointState:
    """What is known and held after ``k`` steps of a checkpointed sweep (None: not yet known)."""

    kind: ClassVar[str] = "checkpoint"
    tangents: ClassVar[None] = None
    k: int
    n_steps: int
    step: CheckpointStep | None  # the step just taken; None at k = 0
    values: tuple  # per node: its value once computed (also after it is freed), else None
    adjoints: tuple  # per node: w̄ once known, else None (the output's is the seed)
    memory: tuple  # per node: one of MEMORY, or None (not computed yet)
    final: tuple  # per node: its adjoint is known
    held: int
    peak: int
    recomputed: int
    graph: object = field(compare=False, repr=False)
    sweep: object = field(default=None, compare=False, repr=False)

    @property
    def quantity(self) -> tuple:
        return self.adjoints

    @property
    def focus(self) -> tuple:
        """The node the step just taken is about; none before the first step."""
        return () if self.step is None else self.step.focus

    @property
    def current(self) -> int | None:
        return self.focus[0] if self.focus else None

    @property
    def held_nodes(self) -> tuple:
        """The nodes whose values are held now (checkpoints and recomputed values), in order."""
        return tuple(i for i, m in enumerate(self.memory) if m in HELD)

    @property
    def edges_taken(self) -> tuple:
        return ()

    @property
    def caption(self) -> str:
        return checkpoint_text.caption(self)

    @property
    def note(self) -> str:
        return checkpoint_text.note(self)

    def memory_word(self, i: int) -> str:
        """Node i's memory status in a word for the table (``checkpoint``, ``freed``, …)."""
        return checkpoint_text.memory_word(self.memory[i])


class CheckpointedSweep(FollowsSchedule, Sweep):
    """Checkpointed reverse mode on a chain graph, as recorded steps: every k-th value kept
    (``k``) or the values at ``positions`` (w⁰ always), ``seed`` the output's adjoint.

    ``CheckpointedSweep(checkpoint.sin_chain(12), k=4)``; ``.schedule`` is the
    :class:`~autodiff_core.checkpoint_schedule.Schedule` it follows (its counts, ``.peak``
    and ``.recomputed``, are the last state's), ``.gradient`` the same as ``graph.reverse(seed)``'s."""

    kind = "checkpoint"

    def __init__(self, graph, k: int | None = None, *, positions=None, seed: float = 1.0):
        super().__init__(graph)
        n = chain_length(graph)
        self.seed = {0: check_seed(seed)}
        self.k = None if positions is not None else k
        self.schedule = schedule(n, k, positions=positions)
        self._numbers = event_numbers(graph, self.schedule, seed)
        self._segments = self._segment_of_each_event()
        self._child = self._children()

    # -- what it computed ----------------------------------------------------------------------
    @property
    def n_steps(self) -> int:
        return len(self.schedule.events)

    @property
    def value(self) -> float:
        """The output's value."""
        return self._numbers[self.length]  # the forward pass's last event computes wⁿ

    @property
    def gradient(self) -> dict:
        """∂output/∂input, by the input's name: the last adjoint step's result."""
        last = next(x for e, x in zip(reversed(self.schedule.events), reversed(self._numbers)) if e.kind == "adjoint")
        return {self.graph.input_names[0]: last}

    @property
    def adjoints(self) -> tuple:
        """w̄ of every node at the end."""
        return self.state(self.n_steps).adjoints

    def _segment_of_each_event(self) -> tuple:
        """Per event, (checkpoint, top) of the segment it belongs to (None in the forward pass),
        in the schedule's order: per segment from the top down, its recomputations, then an
        adjoint step and a free per operation."""
        n, points = self.length, self.checkpoints
        out: list = [None] * (n + 1)
        for start, end in reversed(list(zip(points, points[1:] + (n,)))):
            out += [(start, end)] * ((end - start - 1) + 2 * (end - start))
        return tuple(out)

    def _children(self) -> tuple:
        """Per event, the adjoint w̄ʲ an adjoint step reads (the one before it sent, or the
        seed); None for the other events."""
        out, last = [], self.seed[0]
        for e, x in zip(self.schedule.events, self._numbers):
            out.append(last if e.kind == "adjoint" else None)
            if e.kind == "adjoint":
                last = x
        return tuple(out)

    # -- steps and states -----------------------------------------------------------------------
    def _step(self, k: int) -> CheckpointStep:
        e = self.schedule.events[k]
        j = e.index
        if e.kind == "adjoint":
            node, reads, edges = j - 1, (j, j - 1), self.graph.edges_into(j)
        elif e.kind == "free":
            node, reads, edges = j, (), ()
        else:
            node, reads, edges = j, ((j - 1,) if j else ()), self.graph.edges_into(j)
        return CheckpointStep(
            e.kind,
            k,
            node,
            reads,
            self._numbers[k],
            e.held,
            e.peak,
            e.recomputed,
            edges,
            self._child[k],
            self._segments[k],
            graph=self.graph,
        )

    def states(self):
        """Every state, from before the first step to after the last, in one pass."""
        n = self.length
        values: list = [None] * (n + 1)
        adjoints: list = [None] * (n + 1)
        memory: list = [None] * (n + 1)
        adjoints[n] = self.seed[0]
        held = peak = redone = 0
        steps = self.steps
        yield self._state(0, None, values, adjoints, memory, held, peak, redone)
        for k, (e, x) in enumerate(zip(self.schedule.events, self._numbers)):
            _apply(e, x, n, values, adjoints, memory)
            held, peak, redone = e.held, e.peak, e.recomputed
            yield self._state(k + 1, steps[k], values, adjoints, memory, held, peak, redone)

    def state(self, k: int) -> CheckpointState:
        k = self._check_k(k)
        n = self.length
        values: list = [None] * (n + 1)
        adjoints: list = [None] * (n + 1)
        memory: list = [None] * (n + 1)
        adjoints[n] = self.seed[0]
        for e, x in zip(self.schedule.events[:k], self._numbers[:k]):
            _apply(e, x, n, values, adjoints, memory)
        last = self.schedule.events[k - 1] if k else None
        counts = (last.held, last.peak, last.recomputed) if last else (0, 0, 0)
        return self._state(k, self.steps[k - 1] if k else None, values, adjoints, memory, *counts)

    def _state(self, k, step, values, adjoints, memory, held, peak, redone) -> CheckpointState:
        adj = tuple(adjoints)
        return CheckpointState(
            k,
            self.n_steps,
            step,
            tuple(values),
            adj,
            tuple(memory),
            tuple(a is not None for a in adj),
            held,
            peak,
            redone,
            self.graph,
            self,
        )

    def __repr__(self):
        return (
            f"<CheckpointedSweep {self.n_steps} steps over a chain of {self.length} operations, "
            f"checkpoints {list(self.checkpoints)}>"
        )


def _apply(event, number, n: int, values: list, adjoints: list, memory: list) -> None:
    """What one event changes in the per-node lists (values, adjoints, memory)."""
    j = event.index
    if event.kind in ("forward", "store"):
        if j and memory[j - 1] == "passing":
            memory[j - 1] = "dropped"  # the next value is computed: the one before goes
        values[j] = number
        memory[j] = "stored" if event.kind == "store" else "output" if j == n else "passing"
    elif event.kind == "recompute":
        values[j] = number
        memory[j] = "recomputed"
    elif event.kind == "free":
        memory[j] = "freed"
    else:
        adjoints[j - 1] = number
