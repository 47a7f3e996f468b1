"""The three sweeps over a graph, recorded as data that can be replayed.

* :class:`Evaluation` — the primal sweep, one step per node.
* :class:`ForwardSweep` — tangents ẇ from the inputs up, one step per node.
* :class:`ReverseSweep` — adjoints w̄ from the output down, one step per edge
  contribution, so accumulation at a fan-out (w̄⁰₁ receiving twice) is visible.

A sweep computes its numbers eagerly into compact arrays; its :class:`Step`
records (with the rule written out) are made on demand, and ``state(k)`` says
what is known after k steps: ``None`` for a quantity not yet computed, never 0.
"""

from __future__ import annotations

import numbers
import operator
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from . import rules
from .errors import DomainError
from .notation import number, number_latex
from .ops import OPS

_INF = float("inf")
_PARTIALS = tuple(op.partials for op in OPS)
_ARITY = tuple(op.arity for op in OPS)
_ERRORS = (ValueError, ZeroDivisionError, OverflowError)


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a sweep: which node, by which rule, with which numbers."""
    kind: str                 # "evaluate", "forward" or "reverse"
    index: int                # 0-based position in the sweep
    node: int                 # the node whose value/tangent/adjoint this step sets
    reads: tuple              # nodes whose quantities this step reads
    rule: str                 # symbolic: "ẇ¹₁ = ẇ⁰₁·w⁰₂ + w⁰₁·ẇ⁰₂"
    rule_latex: str
    numbers: str              # substituted: "ẇ¹₁ = 1·5 + 2·0 = 5"
    numbers_latex: str
    result: float             # the value / tangent / contribution computed
    total: float              # the node's quantity after the step
    before: float | None = None   # reverse: the adjoint before (None: none yet)
    edge: tuple | None = None     # reverse: (parent, child, operand position)


@dataclass(frozen=True)
class State:
    """What is known after ``k`` steps of a sweep; None means not yet known."""
    kind: str
    k: int
    n_steps: int
    step: Step | None          # the step just taken (the current one); None at k = 0
    values: tuple
    tangents: tuple | None
    adjoints: tuple | None
    final: tuple               # per node: is this sweep's quantity final
    graph: object = field(compare=False, repr=False)

    @property
    def current(self) -> int | None:
        """The node the current step computes (or, in reverse, adds to)."""
        return None if self.step is None else self.step.node

    @property
    def quantity(self) -> tuple:
        """Per node, the quantity this sweep computes (value, tangent or adjoint)."""
        return {"evaluate": self.values, "forward": self.tangents,
                "reverse": self.adjoints}[self.kind]

    @property
    def caption(self) -> str:
        """One line saying where we are: 'step 3 of 5: forward tangent of w¹₂'."""
        g = self.graph
        if self.step is None:
            if self.kind == "reverse":
                start = "output adjoint seeded: " + ", ".join(
                    f"{g.adjoint_name(o.index)} = {number(self.adjoints[o.index])}"
                    for o in g.outputs)
            else:
                start = "nothing computed yet"
            return f"step 0 of {self.n_steps}: {start}"
        s = self.step
        label = g.nodes[s.node].label
        if self.kind == "reverse":
            what = f"adjoint contribution {g.nodes[s.edge[1]].label} → {label}"
        elif self.kind == "forward":
            what = f"forward tangent of {label}" + (" (seed)" if g.nodes[s.node].is_input else "")
        else:
            what = f"value of {label}"
        return f"step {self.k} of {self.n_steps}: {what}"

    def table(self) -> list[dict]:
        """The trace table: one row per node, display strings, the current row marked."""
        g = self.graph
        head = {"evaluate": None, "forward": "tangent", "reverse": "adjoint"}[self.kind]
        rows = []
        for nd in g.nodes:
            i = nd.index
            row = {"node": nd.label, "name": nd.name, "formula": g.formula(i),
                   "op": nd.op_label or "input", "value": _show(self.values[i]),
                   "current": i == self.current, "final": self.final[i]}
            if head is not None:
                row[head] = _show(self.quantity[i])
            rows.append(row)
        return rows


def _show(v):
    return number(v)     # None (not yet known) is "?"


def _whole(k, what: str) -> int:
    """k as an int (numpy integers too); bools, floats and the rest are refused."""
    if not isinstance(k, bool):
        try:
            return operator.index(k)
        except TypeError:
            pass
    raise TypeError(f"{what}, not {k!r} ({type(k).__name__})")


def _seed_value(v, what: str) -> float:
    """A seed as a finite float, or an error saying what is wrong with it."""
    if isinstance(v, bool) or not isinstance(v, numbers.Real):
        raise TypeError(f"{what} must be a real number, got {v!r} ({type(v).__name__})")
    try:
        x = float(v)
    except OverflowError:
        raise ValueError(f"{what} is too large for a float: {v!r}") from None
    if x != x:
        raise ValueError(f"{what} is not a number (nan)")
    if not -_INF < x < _INF:
        raise ValueError(f"{what} must be finite, got {number(x)}")
    return x


class Steps(Sequence):
    """The steps of a sweep, made on demand from its compact record."""

    def __init__(self, sweep):
        self._sweep = sweep

    def __len__(self):
        return self._sweep.n_steps

    def __getitem__(self, k):
        if isinstance(k, slice):
            return tuple(self[i] for i in range(*k.indices(len(self))))
        n = len(self)
        k = _whole(k, f"steps[k] takes a step number 0..{n - 1} (or negative from the end)")
        if k < 0:
            k += n
        if not 0 <= k < n:
            raise IndexError(f"step {k} out of range: this sweep has {n} steps")
        return self._sweep._step(k)


class Sweep:
    """Common shape of the sweeps: ``steps``, ``state(k)``, ``len``."""
    kind = ""

    def __init__(self, graph):
        self.graph = graph

    @property
    def n_steps(self) -> int:
        raise NotImplementedError

    def __len__(self):
        return self.n_steps

    @cached_property
    def steps(self) -> Steps:
        return Steps(self)

    def states(self):
        """Every state, from before the first step to after the last."""
        return (self.state(k) for k in range(self.n_steps + 1))

    def _check_k(self, k: int) -> int:
        k = _whole(k, f"state(k) takes a number of steps taken, 0..{self.n_steps}")
        if not 0 <= k <= self.n_steps:
            raise IndexError(f"state {k} out of range: states go from 0 to {self.n_steps}")
        return k

    def __repr__(self):
        return f"<{type(self).__name__} {self.n_steps} steps over {self.graph!r}>"


def operand_values(graph, j: int) -> tuple[float, float, float]:
    """(a, b, out) for node j: operand values (b = 0 for unary ops) and its value."""
    codes = graph.operand_codes(j)
    vals = [graph._val[c] if c >= 0 else graph._consts[-c - 1] for c in codes]
    vals += [0.0] * (2 - len(vals))
    return vals[0], vals[1], graph._val[j]


def local_partial(graph, j: int, k: int) -> float:
    """∂w_j/∂(operand k) at the traced point, from the operation table."""
    a, b, out = operand_values(graph, j)
    try:
        d = OPS[graph._op[j]].partials[k](a, b, out)
    except _ERRORS as e:
        raise _derivative_error(graph, j, e) from None
    if not -_INF < d < _INF:
        raise _derivative_error(graph, j, None)
    return d


def _defined(graph, j: int, k: int) -> bool:
    """Is ∂w_j/∂(operand k) defined (and finite) at the traced point?"""
    try:
        local_partial(graph, j, k)
    except DomainError:
        return False
    return True


def _derivative_error(graph, j: int, err) -> DomainError:
    nd = graph.nodes[j]
    op = nd.op
    where = ", ".join(f"{graph.nodes[p].label} = {number(graph.nodes[p].value)}"
                      for p in nd.parents)
    why = op.domain or (str(err) if err else "not finite")
    if isinstance(err, OverflowError) or err is None:
        why = "the derivative is too large for a float (overflow)"
    return DomainError(f"cannot differentiate {nd.label} = {graph.formula(j)}: {why}"
                       f" where {where}", node=nd.name,
                       rule=f"{nd.label} = {graph.formula(j)}", value=operand_values(graph, j)[0])


def _overflow(graph, j: int, what: str) -> DomainError:
    nd = graph.nodes[j]
    return DomainError(f"the {what} of {nd.label} = {graph.formula(j)} overflows to infinity",
                       node=nd.name, rule=f"{nd.label} = {graph.formula(j)}")


# -- the primal sweep ----------------------------------------------------------------
class Evaluation(Sweep):
    """The primal sweep: each node's value from its parents', in order."""
    kind = "evaluate"

    @property
    def n_steps(self):
        return len(self.graph)

    @property
    def values(self) -> tuple:
        return tuple(self.graph._val)

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
        vals = tuple(self.graph._val[i] if i < k else None for i in range(n))
        return State("evaluate", k, n, self.steps[k - 1] if k else None, vals, None, None,
                     tuple(i < k for i in range(n)), self.graph)


# -- forward mode ---------------------------------------------------------------------
def _forward_seed(graph, seed) -> dict:
    names = graph.input_names
    if seed is None:
        if len(names) != 1:
            raise ValueError(f"forward() needs a seed: which input gets ẋ = 1? "
                             f"One of {', '.join(names)}, or a dict input -> ẋ")
        seed = names[0]
    if isinstance(seed, str):
        seed = {seed: 1.0}
    if not isinstance(seed, dict):
        raise TypeError(f"the seed must be an input name or a dict input -> ẋ, got {seed!r}")
    for name in seed:
        if name not in names:
            raise ValueError(f"unknown input {name!r} in the seed; inputs are {', '.join(names)}")
    return {name: _seed_value(seed[name], f"the seed of input {name!r}") if name in seed else 0.0
            for name in names}


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
        opc, a0, a1, val, consts = g._op, g._a0, g._a1, g._val, g._consts
        tan = array("d", bytes(8 * n))
        for i, name in zip(g._inputs, g.input_names):
            tan[i] = self.seed[name]
        j = 0
        try:
            for j in range(n):
                oid = opc[j]
                if oid == 0:
                    continue
                parts = _PARTIALS[oid]
                c0 = a0[j]
                a = val[c0] if c0 >= 0 else consts[-c0 - 1]
                # a zero tangent is a structural zero: its partial is not evaluated
                if _ARITY[oid] == 1:
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
                if not -_INF < t < _INF:
                    raise _overflow(g, j, "tangent")
                tan[j] = t
        except DomainError:
            raise
        except _ERRORS as e:
            raise _derivative_error(g, j, e) from None
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
        d = tuple(self._tan[i] for i in self.graph._outputs)
        return d[0] if len(d) == 1 else d

    @property
    def operations(self) -> int:
        """Elementary tangent updates performed: one per edge."""
        return sum(1 for _ in self.graph.edges)

    def _step(self, k):
        g = self.graph
        nd = g.nodes[k]
        t = self._tan[k]
        lhs, lhs_tex = g.tangent_name(k), g.tangent_name(k, True)
        if nd.is_input:
            rule, rule_tex = f"{lhs} = {number(t)}", f"{lhs_tex} = {number_latex(t)}"
            return Step("forward", k, k, (), rule, rule_tex, rule, rule_tex, t, t)
        # operands whose tangent is 0 and whose partial is undefined here: the term is 0
        # and was never evaluated (a structural zero); the text says so
        ops = [q for q, c in enumerate(nd.consts) if c is None]
        skipped = [q for q in ops if self._tan[nd.operands[q]] == 0.0 and not _defined(g, k, q)]
        texts = []
        for latex in (False, True):
            terms = rules.tangent_terms(nd.op, nd.consts, latex)
            sym = rules.fill(rules.join_terms(terms, latex), nd.consts, g._subs(k, latex, False), latex)
            terms = ["0" if q in skipped else tm for q, tm in zip(ops, terms)]
            num = rules.fill(rules.join_terms(terms, latex), nd.consts,
                             g._subs(k, latex, True, self._tan), latex)
            texts += [sym, num]
        mid = "" if texts[1] == number(t) else f" = {texts[1]}"
        mid_tex = "" if texts[1] == number(t) else f" = {texts[3]}"
        why = why_tex = ""
        for q in skipped:
            d = g.tangent_name(nd.operands[q])
            why += f" ({d} = 0, so {g.partial(k, q, numbers=True)}, undefined here, is not needed)"
            why_tex += (rf" \quad ({g.tangent_name(nd.operands[q], True)} = 0\text{{, so }}"
                        rf"{g.partial(k, q, True, True)}\text{{, undefined here, is not needed}})")
        return Step("forward", k, k, nd.parents, f"{lhs} = {texts[0]}",
                    f"{lhs_tex} = {texts[2]}", f"{lhs}{mid} = {number(t)}{why}",
                    f"{lhs_tex}{mid_tex} = {number_latex(t)}{why_tex}", t, t)

    def state(self, k: int) -> State:
        self._check_k(k)
        n = len(self.graph)
        tans = tuple(self._tan[i] if i < k else None for i in range(n))
        return State("forward", k, n, self.steps[k - 1] if k else None,
                     tuple(self.graph._val), tans, None, tuple(i < k for i in range(n)),
                     self.graph)


# -- reverse mode ---------------------------------------------------------------------
def reverse_order(graph) -> array:
    """Node indices from the top level down, each level in index order."""
    lvl = graph._lvl
    buckets: list[list[int]] = [[] for _ in range(max(lvl, default=0) + 1)]
    for i in range(len(lvl)):
        buckets[lvl[i]].append(i)
    order = array("q")
    for bucket in reversed(buckets):
        order.extend(bucket)
    return order

def _reverse_seed(graph, seed) -> dict:
    outs = graph._outputs
    if isinstance(seed, dict):
        bad = [k for k in seed if not (isinstance(k, int) and 0 <= k < len(outs))]
        if bad:
            raise ValueError(f"seed keys must be output indices 0..{len(outs) - 1}, got {bad}")
        return {k: _seed_value(v, f"the seed of output {k}") for k, v in seed.items()}
    if len(outs) == 1:
        return {0: _seed_value(seed, "the seed (the output's adjoint)")}
    if isinstance(seed, int) and not isinstance(seed, bool) and 0 <= seed < len(outs):
        return {seed: 1.0}
    raise ValueError(f"this graph has {len(outs)} outputs: give reverse() an output index "
                     f"0..{len(outs) - 1} or a dict output index -> adjoint")


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
            i = self.graph._outputs[k]
            out[i] = out.get(i, 0.0) + v
        return out

    def _run(self):
        g = self.graph
        n = len(g)
        opc, a0, a1, val, consts = g._op, g._a0, g._a1, g._val, g._consts
        partials, arity = _PARTIALS, _ARITY
        adj = array("d", bytes(8 * n))
        live = bytearray(n)         # does a seeded output depend on this node?
        for i, v in self._seeded().items():
            adj[i] = v
            if v != 0.0:
                live[i] = 1
        contrib = array("d")
        record = contrib.append
        self._adj, self._contrib, self._live = adj, contrib, live
        j = n - 1
        try:
            for j in self._order:
                if not live[j]:
                    continue
                oid = opc[j]
                if oid == 0:
                    continue
                g_j = adj[j]
                if not g_j:     # a structural zero: no partial evaluated, every contribution 0
                    for c in ((a0[j],) if arity[oid] == 1 else (a0[j], a1[j])):
                        if c >= 0:
                            live[c] = 1
                            record(0.0)
                    continue
                parts = partials[oid]
                c0 = a0[j]
                a = val[c0] if c0 >= 0 else consts[-c0 - 1]
                if arity[oid] == 1:
                    c = g_j * parts[0](a, 0.0, val[j])
                    adj[c0] += c
                    live[c0] = 1
                    record(c)
                else:
                    c1 = a1[j]
                    b = val[c1] if c1 >= 0 else consts[-c1 - 1]
                    if c0 >= 0:
                        c = g_j * parts[0](a, b, val[j])
                        adj[c0] += c
                        live[c0] = 1
                        record(c)
                    if c1 >= 0:
                        c = g_j * parts[1](a, b, val[j])
                        adj[c1] += c
                        live[c1] = 1
                        record(c)
        except _ERRORS as e:
            raise _derivative_error(g, j, e) from None
        # A non-finite contribution leaves a non-finite adjoint behind: one check
        # at the end (sum() in C) instead of one per step; find the culprit if so.
        if not -_INF < sum(contrib) < _INF or not -_INF < sum(adj) < _INF:
            for k, c in enumerate(contrib):
                if not -_INF < c < _INF:
                    raise _overflow(g, self._edges[k] // 2, "adjoint contribution")
            for i in range(n):
                if not -_INF < adj[i] < _INF:
                    raise _overflow(g, i, "adjoint")

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
        return {name: self._adj[i] for i, name in zip(self.graph._inputs, self.graph.input_names)}

    @property
    def operations(self) -> int:
        """Elementary adjoint updates performed: one per edge a seeded output depends on."""
        return self.n_steps

    @cached_property
    def _edges(self) -> array:
        """Per step, child index * 2 + operand position (the order of the sweep)."""
        g = self.graph
        live = self._live
        out = array("q")
        for j in self._order:
            if live[j]:
                for k, c in enumerate(g.operand_codes(j)):
                    if c >= 0:
                        out.append(j * 2 + k)
        return out

    @cached_property
    def _trail(self) -> tuple:
        """Per step: the node it adds to, that node's adjoint before (None: nothing
        yet) and after the step. Computed once, so each step and state is cheap."""
        g = self.graph
        a0, a1 = g._a0, g._a1
        adj: list = [None] * len(g)
        for i, v in self._seeded().items():
            adj[i] = v
        parents, before, after = array("q"), [], array("d")
        for e, c in zip(self._edges, self._contrib):
            j = e >> 1
            p = a1[j] if e & 1 else a0[j]
            b = adj[p]
            adj[p] = c if b is None else b + c
            parents.append(p)
            before.append(b)
            after.append(adj[p])
        return parents, before, after

    @property
    def edge_order(self) -> tuple:
        """(parent, child, operand position) of each step, in sweep order."""
        parents = self._trail[0]
        return tuple((p, e >> 1, e & 1) for p, e in zip(parents, self._edges))

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
        j, pos = e >> 1, e & 1
        parents, before, after = self._trail
        p = parents[k]
        nd = g.nodes[j]
        c = self._contrib[k]
        texts = []
        for latex in (False, True):
            tmpl = rules.contribution(nd.op, pos, nd.consts, latex)
            sym = dict(g._subs(j, latex, False), bar=g.adjoint_name(j, latex))
            num = dict(g._subs(j, latex, True),
                       bar=rules.num_operand(self._adj[j], latex))
            texts += [rules.fill(tmpl, nd.consts, sym, latex),
                      rules.fill(tmpl, nd.consts, num, latex)]
        lhs, lhs_tex = g.adjoint_name(p), g.adjoint_name(p, True)
        if self._adj[j] == 0.0 and not _defined(g, j, pos):
            # a structural zero: w̄ = 0, so the partial (undefined here) was never evaluated
            bar, bar_tex = g.adjoint_name(j), g.adjoint_name(j, True)
            d = f"∂{nd.label}/∂{g.nodes[p].label}"
            d_tex = rf"\partial {nd.latex} / \partial {g.nodes[p].latex}"
            texts[1] = f"0·{d}"
            texts[3] = rf"0 \cdot {d_tex}"
            note = f" ({bar} = 0, so {d} = {g.partial(j, pos, numbers=True)}, undefined here, is not needed)"
            note_tex = (rf" \quad ({bar_tex} = 0\text{{, so }}{d_tex} = {g.partial(j, pos, True, True)}"
                        rf"\text{{, undefined here, is not needed}})")
        else:
            note = note_tex = ""
        # the step reads the child's adjoint and the operand values its partial uses
        used = {int(m) for m in re.findall(r"<(\d)>", rules.partial(nd.op, pos, nd.consts, False))}
        reads = (j,) + tuple(c for q, c in enumerate(g.operand_codes(j)) if q in used and c >= 0)
        return Step("reverse", k, p, reads,
                    f"{lhs} += {texts[0]}", rf"{lhs_tex} \mathrel{{+}}= {texts[2]}",
                    f"{lhs} += {texts[1]} = {number(c)}{note}",
                    rf"{lhs_tex} \mathrel{{+}}= {texts[3]} = {number_latex(c)}{note_tex}",
                    c, after[k], before[k], (p, j, pos))

    def state(self, k: int) -> State:
        self._check_k(k)
        g = self.graph
        n = len(g)
        adj = self._replay(k)
        if k == self.n_steps:
            final = (True,) * n
            adj = [0.0 if a is None else a for a in adj]
        else:   # final once every edge out of the node has carried its contribution;
            # a node no step reaches is known (0) only at the end
            seeded = self._seeded()
            final = tuple(last < k and (last >= 0 or i in seeded)
                          for i, last in enumerate(self._last_use))
        return State("reverse", k, self.n_steps, self.steps[k - 1] if k else None,
                     tuple(g._val), None, tuple(adj), final, g)


# -- the Jacobian ----------------------------------------------------------------------
@dataclass(frozen=True)
class Jacobian:
    """∂(outputs)/∂(inputs), with the cost of computing it."""
    mode: str
    matrix: tuple            # rows: outputs; columns: inputs
    inputs: tuple            # input names
    outputs: tuple           # output node labels
    sweeps: int              # forward: one per input; reverse: one per output
    operations: int          # elementary tangent/adjoint updates, over all sweeps

    def __str__(self):
        rows = ["  ".join(f"{number(v):>10}" for v in row) for row in self.matrix]
        return (f"Jacobian ({self.mode} mode: {self.sweeps} sweep"
                f"{'s' if self.sweeps != 1 else ''}, "
                f"{self.operations} elementary operations)\n" + "\n".join(rows))


def jacobian(graph, mode: str = "reverse") -> Jacobian:
    names = graph.input_names
    m = len(graph._outputs)
    if mode == "forward":
        cols, ops, edges = [], 0, len(graph.edges)
        for name in names:
            s = ForwardSweep(graph, name)
            cols.append([s._tan[i] for i in graph._outputs])
            ops += edges
        matrix = tuple(tuple(cols[c][r] for c in range(len(names))) for r in range(m))
        sweeps = len(names)
    elif mode == "reverse":
        rows, ops = [], 0
        for r in range(m):
            s = ReverseSweep(graph, {r: 1.0})
            rows.append(tuple(s._adj[i] for i in graph._inputs))
            ops += s.operations
        matrix, sweeps = tuple(rows), m
    else:
        raise ValueError(f"mode must be 'forward' or 'reverse', not {mode!r}")
    return Jacobian(mode, matrix, tuple(names), tuple(o.label for o in graph.outputs),
                    sweeps, ops)
