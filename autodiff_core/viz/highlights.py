"""What a frame of a sweep emphasises: the nodes its step sets, the nodes it reads,
finished nodes, the edges of the step and the edges already used, which way the step's
edge points and, in checkpointed reverse mode, what memory does with each value. Every
renderer (SVG, graphviz) draws the same highlights."""

from __future__ import annotations

from dataclasses import dataclass

from ..modes import MODES


@dataclass(frozen=True, slots=True)
class Highlights:
    """What a frame emphasises: the nodes the step sets (``focus``; ``current`` the first
    of them), the nodes it reads, finished nodes, the edges of the current step and the
    edges whose contribution is already used."""

    current: int | None
    reads: frozenset
    final: tuple
    edges_now: frozenset  # edge positions in graph.edges
    edges_done: frozenset
    focus: frozenset = frozenset()

    def status(self, i: int) -> str:
        """Node i's status in the frame: 'current', 'read' or ''."""
        return "current" if i in self.focus else "read" if i in self.reads else ""


def highlights(graph, state=None, edges=None) -> Highlights:
    """The highlights of a state (or of a bare graph: none)."""
    edges = graph.edges if edges is None else edges
    if state is None:
        return Highlights(None, frozenset(), (False,) * len(graph), frozenset(), frozenset())
    step = state.step
    focus = frozenset(state.focus)
    reads = frozenset(() if step is None else step.reads) - focus
    now, done = set(), set()
    if MODES[state.kind].running_sum:  # the edges the sweep has taken, in its own order
        position = {(c, pos): k for k, (_, c, pos) in enumerate(edges)}
        taken = [position[c, pos] for _, c, pos in state.edges_taken]
        if taken:
            now.add(taken[-1])
            done.update(taken[:-1])
    elif MODES[state.kind].back is None:  # steps both ways (checkpointed): the step's edges
        # (a value or an adjoint flows along); the edges the adjoint has come down
        position = {(c, pos): k for k, (_, c, pos) in enumerate(edges)}
        now.update(position[e.child, e.position] for e in (step.edges if step else ()))
        done.update(k for k, (p, _, _) in enumerate(edges) if state.adjoints[p] is not None and k not in now)
    elif step is not None:
        for k, (_, c, _) in enumerate(edges):
            if c in focus:
                now.add(k)
            elif state.final[c]:
                done.add(k)
    return Highlights(state.current, reads, tuple(state.final), frozenset(now), frozenset(done), focus)


def flows_back(state) -> bool | None:
    """Which way a state's current edge points when its mode's steps go both ways
    (:attr:`Mode.back <autodiff_core.modes.Mode.back>` None: a checkpointed sweep's): as its
    step says (``step.back``); None when the mode flows one way (and says which)."""
    step = getattr(state, "step", None)
    if step is None or MODES[state.kind].back is not None:
        return None
    return step.back


def points_back(state) -> bool:
    """Whether a state's current edge points back, from the child to the parent: as its step
    says (:func:`flows_back`), else as its mode flows."""
    back = flows_back(state)
    return bool(MODES[state.kind].back) if back is None else back


#: A node's memory status (checkpointed reverse mode) as the flags its group carries: a value
#: dropped or freed is drawn alike, as not held.
MEMORY_FLAGS = {"stored": "stored", "recomputed": "recomputed", "dropped": "dropped freed", "freed": "freed"}


def memory_of(state, i: int) -> tuple:
    """(status, flags) of node i's value in a checkpointed sweep's state: one of
    :data:`checkpoint_sweep.MEMORY` or None, and its :data:`MEMORY_FLAGS` ('' otherwise)."""
    memory = getattr(state, "memory", None)
    status = None if memory is None else memory[i]
    return status, MEMORY_FLAGS.get(status, "")
