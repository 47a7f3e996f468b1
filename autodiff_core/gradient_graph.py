"""The reverse sweep is a program too: traced, it is a graph whose outputs are ∂f/∂xᵢ.

:func:`gradient_graph` runs the adjoint program of a one-output graph on
:class:`~autodiff_core.trace.Tracer` stand-ins for its inputs, with every local partial
the op table's, built from elementary operations (the table's partials called with the
package's math namespace, ``functions.PACKAGE``). The result is an ordinary
:class:`~autodiff_core.graph.Graph`, so everything works on it: ``evaluate()`` gives the
gradient, ``forward(v)`` a Hessian-vector product (forward-over-reverse), ``jacobian()``
the Hessian; the drawings and the step-through show it.

Its nodes are named after what they hold: the primal values the partials need keep
their names (``w⁰₁``, ``w¹₂``), ``∂w¹₂/∂w⁰₁`` is a local partial, ``w̄⁰₁←w¹₂`` the
contribution that w¹₂ sends back to w̄⁰₁, ``w̄⁰₁←w¹₁,w¹₂`` a running sum of them and
``w̄⁰₁`` the complete adjoint. The seed w̄ = 1 is the constant 1 in the formulas (``1·w⁰₂``),
and the program folds what is constant: a contribution through a partial of 1 (the edges
of + and −) is the child's adjoint itself and costs no node. A gradient that is a constant
c still gets a node, ``xᵢ·0 + c``, hanging off its input (a graph's nodes all do).
"""

from __future__ import annotations

from .adjoint_builder import AdjointBuilder
from .graph import BUILDERS, Graph
from .notation import number, w_position


class GradientGraph(Graph):
    """A graph whose outputs are the gradient of another graph's output, one per input."""

    def __init__(self, *args, primal: Graph, program: tuple, **kwargs):
        self.primal = primal  # the graph it differentiates
        self._program = program  # ("node", index) and ("alias", text), in order
        super().__init__(*args, **kwargs)

    def _checked_names(self, names) -> dict:
        """Every node here has a custom name, and the primal values keep f's names (w¹₂),
        which may be another node's default name in this graph: ``Graph`` refuses that, as
        it would hide the default name; here no default name is in use. The builder keys
        the names by default plain name and makes them unique and non-empty."""
        return dict(names)

    def _default_index(self, name: str):
        """No default wⁿᵢ name denotes a node here (each has its own name): ``node("w¹₁")``
        finds f's w¹₁ if the gradient graph recomputes it, and fails if not."""
        if name in self.input_names:
            return self.input_indices[self.input_names.index(name)]
        return None

    def adjoint_program(self) -> str:
        """The adjoint program, one assignment per node, with the numbers at the traced point."""
        lines = ["# the primal values the partials use"]
        out = self.primal.nodes[self.primal.output_indices[0]]
        f = "f" if w_position(out.name) is not None else out.label  # the output's own name, if it has one
        for kind, what in self._program:
            if kind == "alias":
                if what.endswith("(the seed)"):
                    lines.append("# the adjoints, from the output down")
                lines.append(what)
                continue
            nd = self.nodes[what]
            if nd.is_input and nd.label == nd.var_label:
                lines.append(f"{nd.label} = {number(nd.value)}")
                continue
            rhs = nd.var_label if nd.is_input else self.formula(what)
            tail = "" if nd.output is None else f"   ← ∂{f}/∂{self.input_names[nd.output]}"
            lines.append(f"{nd.label} = {rhs} = {number(nd.value)}{tail}")
        return "\n".join(lines)

    def hvp(self, v: dict) -> dict:
        """The Hessian-vector product H·v by one forward sweep of this graph, seeded with v
        (a dict input name -> vᵢ; missing inputs get 0), by input name."""
        tangents = self.forward(dict(v)).derivative
        if not isinstance(tangents, tuple):
            tangents = (tangents,)
        return dict(zip(self.input_names, tangents))

    def hessian(self):
        """The Hessian as a :class:`~autodiff_core.sweeps.Jacobian`: one forward sweep of
        this graph per input (its ``sweeps`` and ``operations`` say what it cost)."""
        return self.jacobian("forward")

    def __repr__(self) -> str:
        return f"<GradientGraph {len(self)} nodes: ∇ of {self.primal!r}>"


def gradient_graph(graph: Graph) -> GradientGraph:
    """The reverse sweep of ``graph`` traced as a graph (see the module's docstring)."""
    if len(graph.outputs) != 1:
        raise ValueError(
            f"gradient_graph needs a graph with one output; this one has "
            f"{len(graph.outputs)}: differentiate each output's graph separately"
        )
    args, kwargs = AdjointBuilder(graph).build()
    return GradientGraph(*args, **kwargs)


BUILDERS["gradient_graph"] = gradient_graph  # Graph.gradient_graph()
