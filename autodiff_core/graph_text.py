"""How a graph's nodes are written: formulas, tangent and adjoint names, local partials.

:class:`GraphText` is the part of :class:`~autodiff_core.graph.Graph` that writes; it
reads the graph through its public API (``nodes``, ``node_at``, ``output_indices``) and
the rules through :mod:`.rules`.
"""

from __future__ import annotations

from . import rules
from .node import Constant
from .notation import decorate, number


class GraphText:
    """Formulas and names of a graph's nodes, in plain text or LaTeX (a part of Graph)."""

    def operand_texts(self, i: int, latex: bool = False, numbers: bool = False, tangents=None) -> dict:
        """What fills node i's rule templates: ``"0"``/``"1"`` its operands' names (or numbers),
        ``"d0"``/``"d1"`` their tangents' names (or, with ``tangents``, their numbers), ``"out"``
        node i's own name (or number), which a custom partial may write."""
        nodes = self.nodes
        me = nodes[i]
        subs = {"out": rules.num_operand(me.value, latex) if numbers else (me.latex if latex else me.label)}
        for k, o in enumerate(nodes[i].operands):
            if isinstance(o, Constant):
                subs[str(k)] = rules.num_operand(o.value, latex)
                subs[f"d{k}"] = "0"
                continue
            p = nodes[o]
            if numbers:
                subs[str(k)] = rules.num_operand(p.value, latex)
                if tangents is not None:
                    subs[f"d{k}"] = rules.num_operand(tangents[o], latex)
            else:
                subs[str(k)] = p.latex if latex else p.label
                subs[f"d{k}"] = self.tangent_name(o, latex)
        return subs

    def formula(self, i: int, latex: bool = False, numbers: bool = False) -> str:
        """The right-hand side of node i: ``w⁰₁·w⁰₂`` (or ``2·5`` with numbers)."""
        nd = self.node_at(i)
        if nd.is_input:
            if numbers:
                return rules.num_operand(nd.value, latex)
            return nd.var_latex if latex else nd.var_label
        template = nd.op.latex if latex else nd.op.text
        return rules.fill(template, nd.consts, self.operand_texts(i, latex, numbers), latex)

    def tangent_name(self, i: int, latex: bool = False) -> str:
        nd = self.node_at(i)
        return decorate(nd.label, nd.latex, "dot")[1 if latex else 0]

    def adjoint_name(self, i: int, latex: bool = False) -> str:
        nd = self.node_at(i)
        return decorate(nd.label, nd.latex, "bar")[1 if latex else 0]

    def partial(self, j: int, k: int, latex: bool = False, numbers: bool = False) -> str:
        """The local partial ∂w_j/∂(operand k), symbolically or with numbers."""
        nd = self.node_at(j, k)
        return rules.fill(
            rules.partial(nd.op, k, nd.consts, latex), nd.consts, self.operand_texts(j, latex, numbers), latex
        )

    def __str__(self) -> str:
        lines = []
        for nd in self.nodes:
            rhs = self.formula(nd.index)
            tail = (
                ""
                if nd.output is None
                else "   ← output" + (f" {nd.output + 1}" if len(self.output_indices) > 1 else "")
            )
            eq = "" if nd.is_input and nd.label == nd.var_label else f" = {rhs}"
            lines.append(f"{nd.label}{eq} = {number(nd.value)}{tail}")
        return "\n".join(lines)
