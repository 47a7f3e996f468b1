"""What a frame of a sweep emphasises: the nodes its step sets, the nodes it reads,
finished nodes, the edges of the step and the edges already used. Every renderer
(SVG, graphviz, matplotlib) draws the same highlights."""

from __future__ import annotations

from dataclasses import dataclass


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
    if state.kind == "reverse":  # the edges the sweep has taken, in its own order
        position = {(c, pos): k for k, (_, c, pos) in enumerate(edges)}
        taken = [position[c, pos] for _, c, pos in state.edges_taken]
        if taken:
            now.add(taken[-1])
            done.update(taken[:-1])
    elif step is not None:
        for k, (_, c, _) in enumerate(edges):
            if c in focus:
                now.add(k)
            elif state.final[c]:
                done.add(k)
    return Highlights(state.current, reads, tuple(state.final), frozenset(now), frozenset(done), focus)
