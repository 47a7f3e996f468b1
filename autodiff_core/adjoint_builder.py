"""The builder behind :func:`autodiff_core.gradient_graph.gradient_graph`: it runs the
adjoint program of a graph on traced values, with the op table's partials called with the
package's math namespace (so they record nodes), folding what is constant, and names each
node after what it holds."""

from __future__ import annotations

from . import rules
from .codes import constant_slot, is_constant
from .notation import number, w_name
from .functions import PACKAGE
from .ops import DIV, OPS
from .sweeps.adjoints import reverse_order
from .tape import Tape, Tracer

_SAME = "   (a partial of 1: the same node, no new one)"


class AdjointBuilder:
    """Runs a one-output graph's adjoint program on traced values and names every node."""

    def __init__(self, graph):
        self.graph = graph
        self.nodes = graph.nodes
        self.codes = [graph.operand_codes(j) for j in range(len(graph))]
        self.tape = Tape()
        self.names: dict[int, str] = {}  # tape index -> display name
        self.taken: set[str] = set()
        self.program: list[tuple] = []  # ("node", index) and ("alias", text), in order
        self.emitted: set[int] = set()

    def emit(self, i: int) -> None:
        if i not in self.emitted:
            self.emitted.add(i)
            self.program.append(("node", i))

    # -- naming --------------------------------------------------------------------------
    def name(self, t: Tracer, text: str) -> Tracer:
        if text[-1] in "0123456789":  # a display name would write x2 as x₂
            text = f"({text})"
        while text in self.taken:
            text += "′"
        old = self.names.get(t.index)
        if old is not None:
            self.taken.discard(old)
        self.names[t.index] = text
        self.taken.add(text)
        return t

    def name_new(self, start: int, t: Tracer, text: str) -> None:
        """Name the nodes recorded since ``start``: the last ``text``, the others by formula."""
        for i in range(start, t.index):
            self.name(Tracer(self.tape, i, self.tape.values[i], self.tape.levels[i]), self.formula(i))
            self.emit(i)
        self.name(t, text)
        self.emit(t.index)

    def formula(self, i: int) -> str:
        tape = self.tape
        op = OPS[tape.ops[i]]
        codes = (tape.a0[i], tape.a1[i])[: op.arity]
        consts = tuple(tape.consts[constant_slot(c)] if is_constant(c) else None for c in codes)
        subs = {
            str(k): rules.num_operand(consts[k], False) if is_constant(c) else self.names[c]
            for k, c in enumerate(codes)
        }
        text = rules.fill(op.text, consts, subs, False).replace(" ", "")
        return f"({text})" if op.name in ("add", "sub") else text

    # -- the program ---------------------------------------------------------------------
    def live(self) -> bytearray:
        """Which nodes get an adjoint: those the output depends on."""
        codes, out = self.codes, self.graph.output_indices[0]
        live = bytearray(len(self.graph))
        live[out] = 1
        for j in range(out, -1, -1):
            if live[j]:
                for c in codes[j]:
                    if not is_constant(c):
                        live[c] = 1
        return live

    def needed(self, live: bytearray) -> bytearray:
        """Which primal values the partials build on, with everything those values are
        computed from. Found by running the program once with every live value a node and
        reading which of those nodes the adjoint part uses (so a partial is read only as
        the table writes it: relu's [a > 0] reads a's number, sin's cos(a) builds on a)."""
        probe = AdjointBuilder(self.graph)
        prim, first, outputs = probe.run(live, live)
        used = {o.index for o in outputs}
        tape = probe.tape
        for i in range(first, len(tape.values)):
            used.update(c for c in (tape.a0[i], tape.a1[i])[: OPS[tape.ops[i]].arity] if not is_constant(c))
        need = bytearray(len(self.graph))
        for j, t in prim.items():
            if t.index in used:
                need[j] = 1
        for j in range(len(need) - 1, -1, -1):
            if need[j]:
                for c in self.codes[j]:
                    if not is_constant(c):
                        need[c] = 1
        return need

    def build(self) -> tuple[tuple, dict]:
        """The arguments of the GradientGraph: its arrays, inputs, outputs and names."""
        live = self.live()
        outputs = self.run(live, self.needed(live))[2]
        return self.parts(tuple(t.index for t in outputs))

    def run(self, live: bytearray, need: bytearray) -> tuple[dict, int, list]:
        """Record the primal values in ``need``, then the adjoint program: (the primal nodes
        by graph index, where the adjoint part starts on the tape, the gradient's nodes)."""
        g, tape, nodes, codes = self.graph, self.tape, self.nodes, self.codes
        ops, vals_, consts = g.op_ids, g.values, g.constants
        self.prim = prim = {}
        for i in g.input_indices:
            prim[i] = self.name(tape.input(vals_[i]), nodes[i].label)
            self.emit(prim[i].index)
        for j in range(len(g)):
            if need[j] and j not in prim:
                args = [consts[constant_slot(c)] if is_constant(c) else prim[c] for c in codes[j]]
                prim[j] = self.name(tape.apply(OPS[ops[j]], *args), nodes[j].label)
                self.emit(prim[j].index)

        first = len(tape.values)
        out = g.output_indices[0]
        self.program.append(("alias", f"{g.adjoint_name(out)} = 1   (the seed)"))
        contribs: dict[int, list] = {i: [] for i in range(len(g))}
        adj: dict[int, object] = {out: 1.0}  # a node, or a number where it is constant
        for j in reverse_order(g):
            if not live[j] or ops[j] == 0:
                continue
            if j != out:
                adj[j] = self.total(j, contribs[j])
            w_bar = adj[j]
            vals = [self.operand(c, prim) for c in codes[j]] + [None]
            o = prim.get(j, vals_[j])
            if OPS[ops[j]] is DIV:
                self.div_contributions(j, w_bar, vals[1], o, contribs)
                continue
            op = OPS[ops[j]]
            for k, c in enumerate(codes[j]):
                if is_constant(c):
                    continue
                start = len(tape.values)
                p = op.partials[k](PACKAGE, *vals[: op.arity], o)
                if type(p) is Tracer and p.index >= start:
                    self.name_new(start, p, f"∂{nodes[j].label}/∂{nodes[c].label}")
                contribs[c].append((j, w_bar, p))

        outputs = []
        for i in g.input_indices:
            if i == out:  # f = x: the gradient is the seed
                contribs[i].append((i, 1.0, 1.0))
            outputs.append(self.total(i, contribs[i], own=True))
        return prim, first, outputs

    def div_contributions(self, j: int, w_bar, b, out, contribs: dict) -> None:
        """w = a/b sends w̄/b to ā and −(w̄/b)·w to b̄: the second reuses the first, as
        ∂w/∂b = −w/b = −w·∂w/∂a (two nodes fewer than via the partials)."""
        ca, cb = self.codes[j]
        label, nodes = self.nodes[j].label, self.nodes
        q = w_bar / b
        if type(q) is Tracer:
            self.name(q, f"{self.graph.adjoint_name(ca)}←{label}" if not is_constant(ca) else self.formula(q.index))
            self.emit(q.index)
        if not is_constant(ca):
            contribs[ca].append((j, None, q))
        if not is_constant(cb):
            qw = q * out
            self.name(qw, f"{self.graph.adjoint_name(j)}/{nodes[cb].label}·{label}")
            self.emit(qw.index)
            contribs[cb].append((j, None, self.record(-qw, f"{self.graph.adjoint_name(cb)}←{label}")))

    def operand(self, c: int, prim: dict):
        if is_constant(c):
            return self.graph.constants[constant_slot(c)]
        return prim.get(c, self.graph.values[c])  # a number where no node is needed

    def record(self, t, text: str):
        """Name a new node and put it in the program; a number becomes a line of text."""
        if type(t) is Tracer:
            self.name(t, text)
            self.emit(t.index)
        else:
            self.program.append(("alias", f"{text} = {number(t)}   (a constant: no node)"))
        return t

    def total(self, i: int, contribs: list, own: bool = False):
        """The adjoint of node i, the sum of the contributions it received: a node, or a
        number where it is constant. ``own``: a gradient output, which needs a node of its own."""
        label = self.graph.adjoint_name(i)
        many = len(contribs) > 1
        parts, reused = [], False  # (node or number, where from)
        for child, w_bar, p in contribs:
            src = self.nodes[child].label
            if w_bar is None:  # the contribution itself (division)
                t = p
            elif type(w_bar) is Tracer and type(p) is not Tracer and p in (1.0, -1.0):
                reused = p == 1.0
                t = w_bar if reused else -w_bar
            else:
                t = w_bar * p
            if many and t is w_bar:
                self.program.append(("alias", f"{label}←{src} = {self.names[t.index]}" + _SAME))
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
        if type(acc) is Tracer:  # the child's adjoint itself
            if own:
                return self.record(acc * 1.0, label)
            self.program.append(("alias", f"{label} = {self.names[acc.index]}" + _SAME))
            return acc
        if not own:
            return self.record(acc, label)
        x = self.prim[i]  # a constant gradient c: the node x·0 + c
        if acc == 0:
            return self.record(x * 0.0, label)
        return self.record(self.record(x * 0.0, f"0·{self.names[x.index]}") + acc, label)

    def parts(self, outputs: tuple) -> tuple[tuple, dict]:
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
        m = len(self.graph.input_indices)
        return (
            (
                *tape.arrays(),
                tape.consts,
                tuple(range(m)),
                self.graph.input_names,
                outputs,
                names,
                None,
            ),
            {"primal": self.graph, "program": tuple(self.program)},
        )
