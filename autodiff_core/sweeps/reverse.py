"""Reverse mode: adjoints w̄ from the seeded outputs down, one step per edge
contribution, over the edges the seeded outputs depend on."""

from __future__ import annotations

import numbers
from array import array
from functools import cached_property

from ..codes import Edge, edge_child, edge_id, edge_position, is_constant
from ..ops import partial_uses
from .adjoints import adjoints, reverse_order
from ..functions import finite_float
from .partials import ARITY, INF, overflow_error, partial_defined
from .states import State, Step, Sweep


def _reverse_seed(graph, seed) -> dict:
    outs = graph.output_indices

    def index(k) -> bool:  # an output index: an int or a numpy integer, not a bool
        return isinstance(k, numbers.Integral) and not isinstance(k, bool) and 0 <= k < len(outs)

    if isinstance(seed, dict):
        bad = [k for k in seed if not index(k)]
        if bad:
            raise ValueError(f"seed keys must be output indices 0..{len(outs) - 1}, got {bad}")
        return {int(k): finite_float(v, f"the seed of output {k}") for k, v in seed.items()}
    if len(outs) == 1:
        return {0: finite_float(seed, "the seed (the output's adjoint)")}
    if index(seed):
        return {int(seed): 1.0}
    raise ValueError(
        f"this graph has {len(outs)} outputs: give reverse() an output index "
        f"0..{len(outs) - 1} or a dict output index -> adjoint"
    )


class ReverseSweep(Sweep):
    """Adjoints w̄ = ∂f/∂w, from the output down: for each node, top level
    first (within a level in index order: w¹₁ before w¹₂), and each of its
    operands u, ``ū += w̄ · ∂w/∂u``. Every consumer of a node sits on a higher
    level, so a node's adjoint is complete before it is passed on.

    Only the edges that a seeded output (nonzero seed) depends on are swept, as
    PyTorch and JAX do: a node no seeded output depends on gets no step, its
    adjoint is unknown (None) until the end of the sweep and 0 after it."""

    kind = "reverse"

    def __init__(self, graph, seed=1.0):
        super().__init__(graph)
        self.seed = _reverse_seed(graph, seed)
        self._order = reverse_order(graph)
        self._run()

    def _seeded(self) -> dict:
        """Node index -> seeded adjoint."""
        out = {}
        for k, v in self.seed.items():
            i = self.graph.output_indices[k]
            out[i] = out.get(i, 0.0) + v
        return out

    def _run(self):
        """Adjoints, and the contribution of every step whose child adjoint is not 0.

        A step whose child adjoint is 0 is a structural zero: its partial is not
        evaluated and its contribution is 0, so only the others are computed here;
        which edges are steps is read off the adjoints when first asked (``_record``)."""
        self._adj, self._sent = adjoints(self.graph, self._order, self._seeded())
        # A non-finite contribution leaves a non-finite adjoint behind (inf and nan
        # stay so under +): one check at the end, in C; find the culprit if so
        # (functions.not_finite, inline: these loops run once per edge).
        if not -INF < sum(self._adj) < INF:
            for k, c in enumerate(self._contrib):
                if not -INF < c < INF:
                    raise overflow_error(self.graph, edge_child(self._edges[k]), "adjoint contribution")
            for i, a in enumerate(self._adj):
                if not -INF < a < INF:
                    raise overflow_error(self.graph, i, "adjoint")

    @property
    def n_steps(self):
        return len(self._contrib)

    @property
    def adjoints(self) -> tuple:
        """w̄ for every node, in evaluation order."""
        return tuple(self._adj)

    @property
    def gradient(self) -> dict:
        """∂f/∂input for every input, by the user's names."""
        return {name: self._adj[i] for i, name in zip(self.graph.input_indices, self.graph.input_names)}

    @property
    def operations(self) -> int:
        """Elementary adjoint updates performed: one per edge a seeded output depends on."""
        return self.n_steps

    @cached_property
    def _record(self) -> tuple:
        """Per step, in sweep order: child index * 2 + operand position, and the
        contribution. The steps are the edges out of every node a seeded output
        depends on (a nonzero seed, or a consumer that is such a node); a step whose
        child adjoint is 0 contributes 0, the others what ``_run`` computed."""
        g = self.graph
        opc, a0, a1, arity = g.op_ids, g.first_operands, g.second_operands, ARITY
        adj, sent = self._adj, iter(self._sent)
        live = bytearray(len(g))
        for i, v in self._seeded().items():
            if v != 0.0:
                live[i] = 1
        edges, contrib = [], []
        edge, number = edges.append, contrib.append
        for j in self._order:
            if not live[j] or not opc[j]:
                continue
            zero = not adj[j]
            c = a0[j]  # an operand code, decoded inline (codes.py): c >= 0 is a node
            if c >= 0:
                live[c] = 1
                edge(edge_id(j, 0))
                number(0.0 if zero else next(sent))
            if arity[opc[j]] == 2:
                c = a1[j]
                if c >= 0:
                    live[c] = 1
                    edge(edge_id(j, 1))
                    number(0.0 if zero else next(sent))
        return array("q", edges), array("d", contrib)

    @cached_property
    def _edges(self) -> array:
        """Per step, its edge id (:func:`~autodiff_core.codes.edge_id`), in sweep order."""
        return self._record[0]

    @cached_property
    def _contrib(self) -> array:
        """Per step, its contribution w̄ · ∂w/∂u."""
        return self._record[1]

    @cached_property
    def _trail(self) -> tuple:
        """Per step: the node it adds to, that node's adjoint before (None: nothing
        yet) and after the step. Computed once, so each step and state is cheap."""
        g = self.graph
        a0, a1 = g.first_operands, g.second_operands
        adj: list = [None] * len(g)
        for i, v in self._seeded().items():
            adj[i] = v
        parents, before, after = array("q"), [], array("d")
        for e, c in zip(self._edges, self._contrib):
            j = edge_child(e)
            p = a1[j] if edge_position(e) else a0[j]
            b = adj[p]
            adj[p] = c if b is None else b + c
            parents.append(p)
            before.append(b)
            after.append(adj[p])
        return parents, before, after

    @cached_property
    def edge_order(self) -> tuple:
        """The :class:`~autodiff_core.codes.Edge` (parent, child, operand position) of each step, in sweep order."""
        parents = self._trail[0]
        return tuple(Edge(p, edge_child(e), edge_position(e)) for p, e in zip(parents, self._edges))

    @cached_property
    def _last_use(self) -> tuple:
        """Per node, the number of the last step that adds to it (-1: none)."""
        last = [-1] * len(self.graph)
        for k, p in enumerate(self._trail[0]):
            last[p] = k
        return tuple(last)

    def _replay(self, k: int) -> list:
        """Adjoints after k steps (None: nothing received yet)."""
        adj = [None] * len(self.graph)
        for i, v in self._seeded().items():
            adj[i] = v
        parents, _, after = self._trail
        for s in range(k):
            adj[parents[s]] = after[s]
        return adj

    def _step(self, k):
        g = self.graph
        e = self._edges[k]
        j, pos = edge_child(e), edge_position(e)
        p = self._trail[0][k]
        bar = self._adj[j]
        # a structural zero: w̄ = 0, so the partial (undefined here) was never evaluated
        skipped = (pos,) if bar == 0.0 and not partial_defined(g, j, pos) else ()
        # the step reads the child's adjoint and the operand values its partial uses
        used = partial_uses(g.nodes[j].op, pos)
        reads = (j,) + tuple(c for q, c in enumerate(g.operand_codes(j)) if q in used and not is_constant(c))
        return Step(
            "reverse",
            k,
            p,
            reads,
            self._contrib[k],
            self._trail[2][k],
            self._trail[1][k],
            Edge(p, j, pos),
            child_adjoint=bar,
            skipped=skipped,
            graph=g,
        )

    def states(self):
        """Every state, from before the first step to after the last, in one pass over the
        trail (``state(k)`` on its own replays k steps): the same states, in linear time."""
        g = self.graph
        total = self.n_steps
        values = tuple(g.values)
        seeded = self._seeded()
        adj = [None] * len(g)
        for i, v in seeded.items():
            adj[i] = v
        last_use = self._last_use
        final = [last < 0 and i in seeded for i, last in enumerate(last_use)]
        ready: dict[int, list[int]] = {}  # step k -> nodes final from state k on
        for i, last in enumerate(last_use):
            if last >= 0:
                ready.setdefault(last + 1, []).append(i)
        parents, _, after = self._trail
        steps = self.steps
        for k in range(total):
            if k:
                adj[parents[k - 1]] = after[k - 1]
                for i in ready.get(k, ()):
                    final[i] = True
            yield State(
                "reverse", k, total, steps[k - 1] if k else None, values, None, tuple(adj), tuple(final), g, self
            )
        yield self.state(total)  # the end: every adjoint known, 0 where nothing arrived

    def state(self, k: int) -> State:
        self._check_k(k)
        g = self.graph
        n = len(g)
        adj = self._replay(k)
        if k == self.n_steps:
            final = (True,) * n
            adj = [0.0 if a is None else a for a in adj]
        else:  # final once every edge out of the node has carried its contribution;
            # a node no step reaches is known (0) only at the end
            seeded = self._seeded()
            final = tuple(last < k and (last >= 0 or i in seeded) for i, last in enumerate(self._last_use))
        return State(
            "reverse",
            k,
            self.n_steps,
            self.steps[k - 1] if k else None,
            tuple(g.values),
            None,
            tuple(adj),
            final,
            g,
            self,
        )
