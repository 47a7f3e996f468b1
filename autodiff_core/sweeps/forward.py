"""Forward mode: tangents ẇ from the inputs to the outputs: one step seeds every input
(the seed vector ẋ), then one step per computed node."""

from __future__ import annotations

from array import array
from functools import cached_property

from ..errors import DomainError
from ..functions import finite_float
from .partials import ARITY, ARITH_ERRORS, INF, PARTIALS, partial_defined, derivative_error, overflow_error
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
    return {name: finite_float(seed[name], f"the seed of input {name!r}") if name in seed else 0.0 for name in names}


class ForwardSweep(Sweep):
    """Tangents ẇ = Σₖ ∂w/∂uₖ · u̇ₖ, from the inputs to the outputs.

    Step 1 (``steps[0]``) seeds every input at once (its ``seeds`` hold the seed vector);
    step 2 onwards computes one node each, in evaluation order (:meth:`step_for` finds
    the step of a node)."""

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

    @cached_property
    def _computed(self) -> tuple:
        """The nodes that are not inputs, in the order their steps compute them."""
        inputs = set(self.graph.input_indices)
        return tuple(i for i in range(len(self.graph)) if i not in inputs)

    @cached_property
    def _known_from(self) -> tuple:
        """Per node, the first state that knows its tangent: 1 for an input (the seed step)."""
        at = [1] * len(self.graph)
        for k, i in enumerate(self._computed, 2):
            at[i] = k
        return tuple(at)

    @property
    def n_steps(self):
        return 1 + len(self._computed)

    def step_for(self, i: int) -> Step:
        """The step that sets node i's tangent (the seed step for an input)."""
        return self.steps[self._known_from[i] - 1]

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
        if k == 0:
            inputs = g.input_indices
            seeds = tuple((i, self._tan[i]) for i in inputs)
            first = inputs[0] if inputs else 0
            return Step("forward", 0, first, (), self._tan[first], self._tan[first], seeds=seeds, graph=g)
        i = self._computed[k - 1]
        nd = g.nodes[i]
        t = self._tan[i]
        tangents = tuple(None if c is not None else self._tan[o] for o, c in zip(nd.operands, nd.consts))
        # operands whose tangent is 0 and whose partial is undefined here: the term is 0
        # and was never evaluated (a structural zero); the text says so
        skipped = tuple(q for q, d in enumerate(tangents) if d == 0.0 and not partial_defined(g, i, q))
        return Step("forward", k, i, nd.parents, t, t, operand_tangents=tangents, skipped=skipped, graph=g)

    def state(self, k: int) -> State:
        self._check_k(k)
        tan, at = self._tan, self._known_from
        final = tuple(a <= k for a in at)
        return State(
            "forward",
            k,
            self.n_steps,
            self.steps[k - 1] if k else None,
            tuple(self.graph.values),
            tuple(t if f else None for t, f in zip(tan, final)),
            None,
            final,
            self.graph,
        )
