"""The drawing of a step-through as data: one base SVG, then per step only the
node and edge groups that step changes.

Every node and every edge of the base drawing is a *slot* (``data-slot``: node i
is slot i, edge k is slot ``len(graph) + k``). Each distinct SVG group a slot
ever shows is stored once in a pool; a step lists ``[slot, new, old]`` pool
indices, so a player moves forward or back by swapping a few groups and never
re-sends or re-parses the drawing. Built in one pass over the steps: the cost
grows with what the steps change, not with steps × nodes. For predict mode, a step
whose number is to be predicted also lists ``mask``: ``[slot, masked, real]``, its
nodes drawn as after the step but with the quantity unknown (``?``).
"""

from __future__ import annotations

import dataclasses

from ..modes import MODES
from ..story import changed_nodes, swaps
from ..viz.geometry import check_size, layout as make_layout
from ..viz.highlights import flows_back
from ..viz.svg_render import Renderer

#: The player shows larger graphs than a still drawing: it zooms, pans and follows the step.
MAX_NODES = 2000


class _Pool:
    """Distinct SVG fragments, each stored once, referred to by index."""

    def __init__(self):
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def add(self, text: str) -> int:
        i = self._index.get(text)
        if i is None:
            i = self._index[text] = len(self.items)
            self.items.append(text)
        return i


def _edge_index(graph) -> dict:
    """(child, operand position) -> position in graph.edges."""
    return {(c, pos): k for k, (_, c, pos) in enumerate(graph.edges)}


def _current_edges(step, index: dict) -> tuple:
    """Positions in graph.edges of the edges a step's quantity flows along (``step.edges``:
    into the node it computes, the one edge whose contribution it adds, or in checkpointed
    reverse mode the edges a value or an adjoint flows along; none for a store or a free)."""
    return () if step is None else tuple(index[(e.child, e.position)] for e in step.edges)


def unknown(state, i: int):
    """``state`` with node i's quantity not yet known: what predict mode draws."""
    field = MODES[state.kind].field
    q = getattr(state, field)
    return dataclasses.replace(state, **{field: q[:i] + (None,) + q[i + 1 :]})


def _past(edges, kind: str, state, e: int) -> str:
    """An edge's status once its step is over: 'done' (its contribution is used); in a sweep
    whose steps go both ways (checkpointed reverse mode) only once the adjoint has come down
    it, else '' again."""
    if MODES[kind].back is not None:
        return "done"
    return "done" if state.adjoints[edges[e].parent] is not None else ""


def drawing(sweep, *, direction: str = "LR", edge_labels: bool = False, states=None, hide=None) -> dict:
    """``{"svg", "pool", "boxes", "steps": [{"slots": [[slot, new, old], ...],
    "flow": [edge, ...], "back": bool}, ...]}`` for a sweep (see the module's docstring); a step for
    which ``hide(step)`` is true also has ``"mask"``; ``back`` (checkpointed reverse mode only)
    says which way the flow goes."""
    g, kind = sweep.graph, sweep.kind
    check_size(g, False, MAX_NODES)
    lay = make_layout(g, direction, edge_labels=edge_labels, max_nodes=MAX_NODES)
    r = Renderer(g, lay, kind, edge_labels)
    states = list(sweep.states()) if states is None else states
    first = states[0]
    base = r.render(first)
    pool = _Pool()
    n = len(g)
    focus = set(first.focus)  # reverse: the seeded outputs, current from state 0 on
    shown = [pool.add(r.node(i, first, "current" if i in focus else "", first.final[i])) for i in range(n)]
    shown += [pool.add(r.edge(k, "")) for k in range(len(g.edges))]
    index = _edge_index(g)
    edges = g.edges
    steps = []
    prev, prev_marked, prev_edges = first, focus, ()
    for k in range(1, sweep.n_steps + 1):
        st = states[k]
        step = st.step
        focus = set(st.focus)
        marked = focus | set(step.reads)
        touched = marked | prev_marked | changed_nodes(prev, st, last=k == sweep.n_steps)
        nodes = [(i, "current" if i in focus else "read" if i in marked else "") for i in sorted(touched)]
        slots = swaps([(i, pool.add(r.node(i, st, how, st.final[i]))) for i, how in nodes], shown)
        now = _current_edges(step, index)
        back = flows_back(st)
        past = [(n + e, _past(edges, kind, st, e)) for e in prev_edges if e not in now]
        edge_status = past + [(n + e, "current") for e in now]
        slots += swaps([(s, pool.add(r.edge(s - n, how, back))) for s, how in edge_status], shown)
        entry = {"slots": slots, "flow": list(now), **({"back": back} if back is not None else {})}
        if hide is not None and hide(step):
            entry["mask"] = [
                [i, pool.add(r.node(i, unknown(st, i), "current", st.final[i])), shown[i]] for i in sorted(focus)
            ]
        steps.append(entry)
        prev, prev_marked, prev_edges = st, marked, now
    shift = r.xshift
    boxes = [[round(b.x + shift, 1), round(b.y, 1), b.w, b.h] for b in lay.boxes]
    return {"svg": base, "pool": pool.items, "boxes": boxes, "width": r.width, "height": r.height, "steps": steps}
