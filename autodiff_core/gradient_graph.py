"""The reverse sweep is a program too: traced, it is a graph whose outputs are ∂f/∂xᵢ.

:func:`gradient_graph` runs the adjoint program of a one-output graph on
:class:`~autodiff_core.trace.Tracer` stand-ins for its inputs, with every local partial
built from elementary operations (:mod:`.traced_partials`). The result is an ordinary
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

from . import rules
from .graph import BUILDERS, Graph
from .notation import number, w_name
from .ops import DIV, OPS
from .sweeps import reverse_order
from .tape import Tape, Tracer
from .traced_partials import PARTIALS, uses


_SAME = "   (a partial of 1: the same node, no new one)"


class GradientGraph(Graph):
    """A graph whose outputs are the gradient of another graph's output, one per input."""

    def __init__(self, *args, primal: Graph, program: tuple, **kwargs):
        self.primal = primal          # the graph it differentiates
        self._program = program       # ("node", index) and ("alias", text), in order
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
        if name in self._input_names:
            return self._inputs[self._input_names.index(name)]
        return None

    def adjoint_program(self) -> str:
        """The adjoint program, one assignment per node, with the numbers at the traced point."""
        lines = ["# the primal values the partials use"]
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
            tail = "" if nd.output is None else f"   ← ∂f/∂{self.input_names[nd.output]}"
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
        raise ValueError(f"gradient_graph needs a graph with one output; this one has "
                         f"{len(graph.outputs)}: differentiate each output's graph separately")
    b = _Builder(graph)
    return b.build()


class _Builder:
    def __init__(self, graph: Graph):
        self.graph = graph
        self.nodes = graph.nodes
        self.codes = [graph.operand_codes(j) for j in range(len(graph))]
        self.tape = Tape()
        self.names: dict[int, str] = {}     # tape index -> display name
        self.taken: set[str] = set()
        self.program: list[tuple] = []   # ("node", index) and ("alias", text), in order
        self.emitted: set[int] = set()

    def emit(self, i: int) -> None:
        if i not in self.emitted:
            self.emitted.add(i)
            self.program.append(("node", i))

    # -- naming --------------------------------------------------------------------------
    def name(self, t: Tracer, text: str) -> Tracer:
        if text[-1] in "0123456789":      # a display name would write x2 as x₂
            text = f"({text})"
        while text in self.taken:
            text += "′"
        old = self.names.get(t._i)
        if old is not None:
            self.taken.discard(old)
        self.names[t._i] = text
        self.taken.add(text)
        return t

    def name_new(self, start: int, t: Tracer, text: str) -> None:
        """Name the nodes recorded since ``start``: the last ``text``, the others by formula."""
        for i in range(start, t._i):
            self.name(Tracer(self.tape, i, self.tape.values[i]), self.formula(i))
            self.emit(i)
        self.name(t, text)
        self.emit(t._i)

    def formula(self, i: int) -> str:
        tape = self.tape
        op = OPS[tape.ops[i]]
        codes = (tape.a0[i], tape.a1[i])[:op.arity]
        consts = tuple(tape.consts[-c - 1] if c < 0 else None for c in codes)
        subs = {str(k): rules.num_operand(consts[k], False) if c < 0 else self.names[c]
                for k, c in enumerate(codes)}
        text = rules.fill(op.text, consts, subs, False).replace(" ", "")
        return f"({text})" if op.name in ("add", "sub") else text

    # -- the program ---------------------------------------------------------------------
    def needed(self) -> tuple[bytearray, bytearray]:
        """Which nodes get an adjoint (the output depends on them), and which primal values
        the partials build on (with everything those values are computed from)."""
        n, codes, ops = len(self.graph), self.codes, self.graph._op
        out = self.graph._outputs[0]
        live, need = bytearray(n), bytearray(n)
        live[out] = 1
        for j in range(out, -1, -1):
            if live[j]:
                for c in codes[j]:
                    if c >= 0:
                        live[c] = 1
        for j in range(n):
            if not live[j] or ops[j] == 0:
                continue
            name = OPS[ops[j]].name
            for k, c in enumerate(codes[j]):
                if c < 0:
                    continue
                for u in uses(name, k, len(codes[j]) == 2 and codes[j][1] >= 0):
                    i = j if u == "o" else codes[j]["ab".index(u)]
                    if i >= 0:
                        need[i] = 1
        for j in range(n - 1, -1, -1):
            if need[j]:
                for c in codes[j]:
                    if c >= 0:
                        need[c] = 1
        return live, need

    def build(self) -> GradientGraph:
        g, tape, nodes, codes = self.graph, self.tape, self.nodes, self.codes
        live, need = self.needed()
        self.prim = prim = {}
        for i in g._inputs:
            prim[i] = self.name(tape.input(g._val[i]), nodes[i].label)
            self.emit(prim[i]._i)
        for j in range(len(g)):
            if need[j] and j not in prim:
                args = [prim[c] if c >= 0 else g._consts[-c - 1] for c in codes[j]]
                prim[j] = self.name(tape.apply(OPS[g._op[j]], *args), nodes[j].label)
                self.emit(prim[j]._i)

        out = g._outputs[0]
        self.program.append(("alias", f"{g.adjoint_name(out)} = 1   (the seed)"))
        contribs: dict[int, list] = {i: [] for i in range(len(g))}
        adj: dict[int, object] = {out: 1.0}      # a node, or a number where it is constant
        for j in reverse_order(g):
            if not live[j] or g._op[j] == 0:
                continue
            if j != out:
                adj[j] = self.total(j, contribs[j])
            w_bar = adj[j]
            vals = [self.operand(c, prim) for c in codes[j]] + [None]
            o = prim.get(j, g._val[j])
            if OPS[g._op[j]] is DIV:
                self.div_contributions(j, w_bar, vals[1], o, contribs)
                continue
            for k, c in enumerate(codes[j]):
                if c < 0:
                    continue
                start = len(tape.values)
                p = PARTIALS[OPS[g._op[j]].name][k][0](vals[0], vals[1], o)
                if type(p) is Tracer and p._i >= start:
                    self.name_new(start, p, f"∂{nodes[j].label}/∂{nodes[c].label}")
                contribs[c].append((j, w_bar, p))

        outputs = []
        for i in g._inputs:
            if i == out:     # f = x: the gradient is the seed
                contribs[i].append((i, 1.0, 1.0))
            outputs.append(self.total(i, contribs[i], own=True))
        return self.graph_of(tuple(t._i for t in outputs))

    def div_contributions(self, j: int, w_bar, b, out, contribs: dict) -> None:
        """w = a/b sends w̄/b to ā and −(w̄/b)·w to b̄: the second reuses the first, as
        ∂w/∂b = −w/b = −w·∂w/∂a (two nodes fewer than via the partials)."""
        ca, cb = self.codes[j]
        label, nodes = self.nodes[j].label, self.nodes
        q = w_bar / b
        if type(q) is Tracer:
            self.name(q, f"{self.graph.adjoint_name(ca)}←{label}" if ca >= 0
                      else self.formula(q._i))
            self.emit(q._i)
        if ca >= 0:
            contribs[ca].append((j, None, q))
        if cb >= 0:
            qw = q * out
            self.name(qw, f"{self.graph.adjoint_name(j)}/{nodes[cb].label}·{label}")
            self.emit(qw._i)
            contribs[cb].append((j, None, self.record(-qw, f"{self.graph.adjoint_name(cb)}←{label}")))

    def operand(self, c: int, prim: dict):
        if c < 0:
            return self.graph._consts[-c - 1]
        return prim.get(c, self.graph._val[c])   # a number where no node is needed

    def record(self, t, text: str):
        """Name a new node and put it in the program; a number becomes a line of text."""
        if type(t) is Tracer:
            self.name(t, text)
            self.emit(t._i)
        else:
            self.program.append(("alias", f"{text} = {number(t)}   (a constant: no node)"))
        return t

    def total(self, i: int, contribs: list, own: bool = False):
        """The adjoint of node i, the sum of the contributions it received: a node, or a
        number where it is constant. ``own``: a gradient output, which needs a node of its own."""
        label = self.graph.adjoint_name(i)
        many = len(contribs) > 1
        parts, reused = [], False          # (node or number, where from)
        for child, w_bar, p in contribs:
            src = self.nodes[child].label
            if w_bar is None:                  # the contribution itself (division)
                t = p
            elif type(w_bar) is Tracer and type(p) is not Tracer and p in (1.0, -1.0):
                reused = p == 1.0
                t = w_bar if reused else -w_bar
            else:
                t = w_bar * p
            if many and t is w_bar:
                self.program.append(("alias", f"{label}←{src} = {self.names[t._i]}" + _SAME))
            elif many:
                self.record(t, f"{label}←{src}")
            parts.append((t, src))
        acc, src = parts[0] if parts else (0.0, "")
        for k, (t, s) in enumerate(parts[1:], 2):
            acc, src = acc + t, f"{src},{s}"
            if k < len(parts):
                self.record(acc, f"{label}←{src}")
        if type(acc) is Tracer and (many or not reused):
            return self.record(acc, label)
        if type(acc) is Tracer:               # the child's adjoint itself
            if own:
                return self.record(acc * 1.0, label)
            self.program.append(("alias", f"{label} = {self.names[acc._i]}" + _SAME))
            return acc
        if not own:
            return self.record(acc, label)
        x = self.prim[i]                      # a constant gradient c: the node x·0 + c
        if acc == 0:
            return self.record(x * 0.0, label)
        return self.record(self.record(x * 0.0, f"0·{self.names[x._i]}") + acc, label)

    def graph_of(self, outputs: tuple) -> GradientGraph:
        tape = self.tape
        n = len(tape.values)
        sizes: dict[int, int] = {}
        for lv in tape.levels:
            sizes[lv] = sizes.get(lv, 0) + 1
        seen: dict[int, int] = {}
        names = {}
        for i in range(n):
            lv = tape.levels[i]
            seen[lv] = seen.get(lv, 0) + 1
            names[w_name(lv, seen[lv] if sizes[lv] > 1 else None)[0]] = self.names[i]
        m = len(self.graph._inputs)
        return GradientGraph(tape.ops, tape.a0, tape.a1, tape.values, tape.levels, tape.consts,
                             tuple(range(m)), self.graph.input_names, outputs, names, None,
                             primal=self.graph, program=tuple(self.program))


BUILDERS["gradient_graph"] = gradient_graph   # Graph.gradient_graph()
