"""What every sweep shares: its Step records, the State after k steps, the
sequence of steps made on demand, and the Sweep base class."""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import ClassVar

from .. import step_text
from ..modes import MODES
from ..notation import number


def _written(text: str, latex: bool, doc: str) -> property:
    """A read-only property: the step's ``text`` ("rule" or "numbers") as its kind's text
    module writes it."""
    return property(lambda step: getattr(step.texts, text)(step, latex=latex), doc=doc)


class StepTexts:
    """A step's texts, written when read by the text module of its kind (``texts``, a module
    with ``rule(step, latex=False)`` and ``numbers(step, latex=False)``): records hold numbers
    and structure only."""

    texts: ClassVar

    rule = _written("rule", False, "Symbolic: ``ẇ¹₁ = ẇ⁰₁·w⁰₂ + w⁰₁·ẇ⁰₂``.")
    rule_latex = _written("rule", True, "The rule in LaTeX.")
    numbers = _written("numbers", False, "Substituted: ``ẇ¹₁ = 1·5 + 2·0 = 5``.")
    numbers_latex = _written("numbers", True, "The numbers in LaTeX.")


@dataclass(frozen=True)
class Step(StepTexts):
    """One step of a sweep: which node, from which quantities, with which numbers.

    Numbers and structure only; its texts (``rule``, ``numbers``, and their LaTeX)
    are written by :mod:`autodiff_core.step_text` when read."""

    texts: ClassVar = step_text

    kind: str  # "evaluate", "forward" or "reverse": a key of modes.MODES
    index: int  # 0-based position in the sweep
    node: int  # the node whose value/tangent/adjoint this step sets
    reads: tuple  # nodes whose quantities this step reads
    result: float  # the value / tangent / contribution computed
    total: float  # the node's quantity after the step
    before: float | None = None  # reverse: the adjoint before (None: none yet)
    edge: tuple | None = None  # reverse: its codes.Edge (parent, child, operand position)
    operand_tangents: tuple = ()  # forward: per operand, its tangent (None: a constant)
    child_adjoint: float | None = None  # reverse: the child's adjoint w̄ sent along the edge
    skipped: tuple = ()  # structural zeros: operand positions whose partial, undefined
    #                           here, was never evaluated (its term is 0)
    seeds: tuple = ()  # forward's first step: (input node, ẋ) for every input, in input order
    graph: object = field(kw_only=True, compare=False, repr=False)  # what the texts name

    @property
    def focus(self) -> tuple:
        """The nodes this step sets: every input at forward's seed step, else its node."""
        return tuple(i for i, _ in self.seeds) if self.seeds else (self.node,)

    @property
    def edges(self) -> tuple:
        """The edges (codes.Edge) this step's quantity flows along: the one whose contribution
        it adds (reverse), else every edge into the nodes it sets, in operand order (none
        into an input; a constant operand has no edge)."""
        if self.edge is not None:
            return (self.edge,)
        return tuple(e for i in self.focus for e in self.graph.edges_into(i))


@dataclass(frozen=True)
class State:
    """What is known after ``k`` steps of a sweep; None means not yet known."""

    kind: str
    k: int
    n_steps: int
    step: Step | None  # the step just taken (the current one); None at k = 0
    values: tuple
    tangents: tuple | None
    adjoints: tuple | None
    final: tuple  # per node: is this sweep's quantity final
    graph: object = field(compare=False, repr=False)
    sweep: object = field(default=None, compare=False, repr=False)

    @property
    def edges_taken(self) -> tuple:
        """Reverse: (parent, child, operand position) of every edge whose contribution
        has been added, the current step's last; read from the sweep's own order, so
        edges the seeded outputs do not depend on are never among them."""
        if not MODES[self.kind].running_sum or self.sweep is None:
            return ()
        return self.sweep.edge_order[: self.k]

    @property
    def current(self) -> int | None:
        """The node the current step computes (or, in reverse, adds to); the first of
        :attr:`focus` when there are several."""
        focus = self.focus
        return focus[0] if focus else None

    @property
    def focus(self) -> tuple:
        """The nodes this state is about: the ones the step just taken set (every input at
        forward's seed step); before the first step of reverse mode, the seeded outputs."""
        if self.step is not None:
            return self.step.focus
        if MODES[self.kind].back:  # it starts from the outputs
            return tuple(i for i in self.graph.output_indices if self.adjoints[i] is not None)
        return ()

    @property
    def quantity(self) -> tuple:
        """Per node, the quantity this sweep computes (value, tangent or adjoint)."""
        return getattr(self, MODES[self.kind].field)

    @property
    def caption(self) -> str:
        """One line saying where we are: 'step 3 of 5: forward tangent of w¹₂'."""
        return step_text.caption(self)

    def table(self) -> list[dict]:
        """The trace table: one row per node, display strings, the current row marked."""
        g = self.graph
        head = MODES[self.kind].quantity
        focus = set(self.focus)
        rows = []
        for nd in g.nodes:
            i = nd.index
            row = {
                "node": nd.label,
                "name": nd.name,
                "formula": g.formula(i),
                "op": nd.op_label or "input",
                "value": _show(self.values[i]),
                "current": i in focus,
                "final": self.final[i],
            }
            if head is not None:
                row[head] = _show(self.quantity[i])
            rows.append(row)
        return rows


def _show(v):
    return number(v)  # None (not yet known) is "?"


def _whole(k, what: str) -> int:
    """k as an int (numpy integers too); bools, floats and the rest are refused."""
    if not isinstance(k, bool):
        try:
            return operator.index(k)
        except TypeError:
            pass
    raise TypeError(f"{what}, not {k!r} ({type(k).__name__})")


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
