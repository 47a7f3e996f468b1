"""The primal sweep: each node's value from its parents', one step per node."""

from __future__ import annotations


from ..notation import number, number_latex
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
        g = self.graph
        nd = g.nodes[k]
        v = nd.value
        lhs, lhs_tex = nd.label, nd.latex
        rule = f"{lhs} = {g.formula(k)}"
        rule_tex = f"{lhs_tex} = {g.formula(k, latex=True)}"
        if nd.is_input:
            nums = f"{lhs} = {number(v)}"
            nums_tex = f"{lhs_tex} = {number_latex(v)}"
            if nd.label == nd.var_label:   # "x = 1.5", not "x = x"
                rule, rule_tex = nums, nums_tex
        else:
            nums = f"{lhs} = {g.formula(k, numbers=True)} = {number(v)}"
            nums_tex = f"{lhs_tex} = {g.formula(k, True, True)} = {number_latex(v)}"
        return Step("evaluate", k, k, nd.parents, rule, rule_tex, nums, nums_tex, v, v)

    def state(self, k: int) -> State:
        self._check_k(k)
        n = len(self.graph)
        vals = tuple(self.graph.values[i] if i < k else None for i in range(n))
        return State("evaluate", k, n, self.steps[k - 1] if k else None, vals, None, None,
                     tuple(i < k for i in range(n)), self.graph)
