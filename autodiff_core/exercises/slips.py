"""The slips a student makes on the way down a reverse sweep, derived from the graph.

For a node's adjoint the plausible wrong answers are: the sign flipped, the factor a
power brings down (the 2 of r²) forgotten, a local partial on the way down left out
(stopping at the adjoint of a node above), one node too far (the adjoint of an operand
below), or the adjoint of another node altogether. :func:`adjoint_slips` lists each as
the number it would give and the words that name it, nearest first; the reference
itself is never among them.
"""

from __future__ import annotations

from collections import deque

from ..graph import Graph
from ..notation import number
from ..ops import BY_NAME
from ..sweeps.reverse import ReverseSweep
from .feedback import _matches

_POW = BY_NAME["pow"]
_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


def consumers(g: Graph, i: int) -> list:
    """(child, operand position) for every edge leaving node i."""
    return [(j, k) for (p, j, k) in g.edges if p == i]


def chain_up(g: Graph, i: int) -> list:
    """Node i, then its only consumer, then that one's, ... while a node has exactly one
    edge out: [(node, position of the node below in it)], starting with (i, None)."""
    chain = [(i, None)]
    while True:
        out = consumers(g, chain[-1][0])
        if len(out) != 1:
            return chain
        chain.append(out[0])


def _distances(g: Graph, i: int) -> dict:
    """Edges between node i and every node, ignoring their direction."""
    near: dict = {}
    for p, j, _ in g.edges:
        near.setdefault(p, set()).add(j)
        near.setdefault(j, set()).add(p)
    dist, todo = {i: 0}, deque([i])
    while todo:
        n = todo.popleft()
        for m in near.get(n, ()):
            if m not in dist:
                dist[m] = dist[n] + 1
                todo.append(m)
    return dist


def _partial(g: Graph, j: int, k: int) -> str:
    return f"∂{g.nodes[j].label}/∂{g.nodes[g.nodes[j].operands[k]].label} = {g.partial(j, k)}"


def adjoint_slips(sweep: ReverseSweep, i: int) -> list:
    """(value, words) for each slip on the way to node i's adjoint, most specific first."""
    g, adj = sweep.graph, sweep.adjoints
    ref, nd, bar = adj[i], g.nodes[i], g.adjoint_name(i)
    chain = chain_up(g, i)
    slips = []
    negative = [_partial(g, j, k) for j, k in chain[1:] if g.partial_value(j, k) < 0]
    sign = "the size is right, the sign is not: on the way down, check the sign of each local partial"
    slips.append((-ref, sign + (f" ({' and '.join(negative)} < 0 here)." if negative else ".")))
    for (j, k), (below, _) in zip(chain[1:], chain):
        e = g.nodes[j].consts[1] if g.nodes[j].op is _POW and k == 0 else None
        if e is not None and e not in (0.0, 1.0, -1.0):
            slips.append(
                (
                    ref / e,
                    f"the derivative of {g.formula(j)} with respect to {g.nodes[below].label} is "
                    f"{g.partial(j, k)}: the factor {number(e)} the exponent brings down is missing.",
                )
            )
    for d in range(1, len(chain)):
        m = chain[d][0]
        skipped = [_partial(g, j, k) for j, k in chain[1 : d + 1] if not _matches(abs(g.partial_value(j, k)), 1.0)]
        up = f"{_WORDS.get(d, d)} node{'s' if d > 1 else ''} up"
        slips.append(
            (
                adj[m],
                f"that is {g.adjoint_name(m)}, the adjoint of {g.nodes[m].label} {up}. On the way down "
                f"to {nd.label} it is still multiplied by {' and by '.join(skipped) or 'the local partials'}.",
            )
        )
    for j, k in chain[2:]:
        p = g.partial_value(j, k)
        if p != 0 and not _matches(abs(p), 1.0):
            slips.append((ref / p, f"a local partial on the way down is left out: {_partial(g, j, k)}."))
    for p in dict.fromkeys(nd.parents):
        slips.append(
            (
                adj[p],
                f"that is {g.adjoint_name(p)}, one node too far: the sweep goes on below {nd.label} "
                f"to its operand {g.nodes[p].label}, but {bar} is what arrives at {nd.label} itself.",
            )
        )
    out = consumers(g, i)
    if out:
        terms = " + ".join(f"{g.adjoint_name(j)}·∂{g.nodes[j].label}/∂{nd.label}" for j, _ in out)
        users = ", ".join(f"{g.nodes[j].label} = {g.formula(j)}" for j in dict.fromkeys(j for j, _ in out))
        dist = _distances(g, i)
        for m in sorted((m for m in dist if dist[m] > 0), key=lambda m: (dist[m], m)):
            slips.append(
                (
                    adj[m],
                    f"that is {g.adjoint_name(m)}, the adjoint of {g.nodes[m].label}, not of {nd.label}: "
                    f"{nd.label} is used in {users}, so {bar} = {terms}.",
                )
            )
    return [(v, words) for v, words in slips if not _matches(v, ref)]
