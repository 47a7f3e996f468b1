"""Forward mode: tangents ẇ from the inputs to the outputs, one step per node."""

from __future__ import annotations

from array import array

from ..errors import DomainError
from .partials import ARITY, ARITH_ERRORS, INF, PARTIALS, partial_defined, derivative_error, overflow_error, seed_value
from .states import State, Step, Sweep


def _forward_seed(graph, seed) -> dict:
    names = graph.input_names
    if seed is None:
        if len(names) != 1:
            raise ValueError(
                f"forward() needs a seed: which input gets ẋ = 1? One of {', '.join(names)}, or a dict input -> ẋ"
            )
        seed = names[0]
    if isinstance(seed, str):
        seed = {seed: 1.0}
    if not isinstance(seed, dict):
        raise TypeError(f"the seed must be an input name or a dict input -> ẋ, got {seed!r}")
    for name in seed:
        if name not in names:
            raise ValueError(f"unknown input {name!r} in the seed; inputs are {', '.join(names)}")
    return {name: seed_value(seed[name], f"the seed of input {name!r}") if name in seed else 0.0 for name in names}


class ForwardSweep(Sweep):
    """Tangents ẇ = Σₖ ∂w/∂uₖ · u̇ₖ, from the inputs to the outputs."""

    kind = "forward"

    def __init__(self, graph, seed=None):
        super().__init__(graph)
        self.seed = _forward_seed(graph, seed)
        self._tan = self._run()

    def _run(self) -> array:
        g = self.graph
        n = len(g)
        opc, a0, a1, val, consts = g.op_ids, g.first_operands, g.second_operands, g.values, g.constants
        tan = array("d", bytes(8 * n))
        for i, name in zip(g.input_indices, g.input_names):
            tan[i] = self.seed[name]
        j = 0
        try:
            for j in range(n):
                oid = opc[j]
                if oid == 0:
                    continue
                parts = PARTIALS[oid]
                c0 = a0[j]  # an operand code (codes.py), decoded inline for speed
                a = val[c0] if c0 >= 0 else consts[-c0 - 1]
                # a zero tangent is a structural zero: its partial is not evaluated
                if ARITY[oid] == 1:
                    t0 = tan[c0]
                    t = parts[0](a, 0.0, val[j]) * t0 if t0 else 0.0
                else:
                    c1 = a1[j]
                    b = val[c1] if c1 >= 0 else consts[-c1 - 1]
                    t = 0.0
                    if c0 >= 0:
                        t0 = tan[c0]
                        if t0:
                            t = parts[0](a, b, val[j]) * t0
                    if c1 >= 0:
                        t1 = tan[c1]
                        if t1:
                            t += parts[1](a, b, val[j]) * t1
                if not -INF < t < INF:
                    raise overflow_error(g, j, "tangent")
                tan[j] = t
        except DomainError:
            raise
        except ARITH_ERRORS as e:
            raise derivative_error(g, j, e) from None
        return tan

    @property
    def n_steps(self):
        return len(self.graph)

    @property
    def tangents(self) -> tuple:
        """ẇ for every node, in evaluation order."""
        return tuple(self._tan)

    @property
    def derivative(self):
        """The directional derivative of the output (a tuple for several outputs)."""
        d = tuple(self._tan[i] for i in self.graph.output_indices)
        return d[0] if len(d) == 1 else d

    @property
    def operations(self) -> int:
        """Elementary tangent updates performed: one per edge."""
        return sum(1 for _ in self.graph.edges)

    def _step(self, k):
        g = self.graph
        nd = g.nodes[k]
        t = self._tan[k]
        if nd.is_input:
            return Step("forward", k, k, (), t, t, graph=g)
        tangents = tuple(None if c is not None else self._tan[o] for o, c in zip(nd.operands, nd.consts))
        # operands whose tangent is 0 and whose partial is undefined here: the term is 0
        # and was never evaluated (a structural zero); the text says so
        skipped = tuple(q for q, d in enumerate(tangents) if d == 0.0 and not partial_defined(g, k, q))
        return Step("forward", k, k, nd.parents, t, t, operand_tangents=tangents, skipped=skipped, graph=g)

    def state(self, k: int) -> State:
        self._check_k(k)
        n = len(self.graph)
        tans = tuple(self._tan[i] if i < k else None for i in range(n))
        return State(
            "forward",
            k,
            n,
            self.steps[k - 1] if k else None,
            tuple(self.graph.values),
            tans,
            None,
            tuple(i < k for i in range(n)),
            self.graph,
        )
