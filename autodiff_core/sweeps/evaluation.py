"""The primal sweep: each node's value from its parents', one step per node."""

from __future__ import annotations

from .states import State, Step, Sweep


class Evaluation(Sweep):
    """The primal sweep: each node's value from its parents', in order."""

    kind = "evaluate"

    @property
    def n_steps(self):
        return len(self.graph)

    @property
    def values(self) -> tuple:
        return tuple(self.graph.values)

    def _step(self, k):
        nd = self.graph.nodes[k]
        return Step("evaluate", k, k, nd.parents, nd.value, nd.value, graph=self.graph)

    def state(self, k: int) -> State:
        self._check_k(k)
        n = len(self.graph)
        vals = tuple(self.graph.values[i] if i < k else None for i in range(n))
        return State(
            "evaluate",
            k,
            n,
            self.steps[k - 1] if k else None,
            vals,
            None,
            None,
            tuple(i < k for i in range(n)),
            self.graph,
        )
