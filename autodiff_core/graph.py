"""The recorded graph (a Wengert list): one data structure, read by everything.

A :class:`Graph` stores its nodes in evaluation order in compact arrays (an
operation id, two operand codes, a value and a level per node), so that graphs
of 100,000 operations stay small. :class:`Node` objects, with their names in
the seed notation, are made on demand. A graph never changes once traced.
"""

from __future__ import annotations

import numbers as numbers_
from array import array
from collections.abc import Mapping
from functools import cached_property

from .codes import Edge, constant_slot, is_constant
from .graph_text import GraphText
from .node import Constant, Node
from .notation import shown, var_display, w_name, w_position
from .ops import OPS
from .sweeps.evaluation import Evaluation
from .sweeps.forward import ForwardSweep
from .sweeps.jacobian import jacobian
from .sweeps.partials import local_partial
from .sweeps.reverse import ReverseSweep

#: Builders above this module that a graph offers as methods. A GradientGraph is a Graph,
#: so gradient_graph.py imports this module and registers its builder here when imported
#: (autodiff_core/__init__ imports it): the import points one way, gradient_graph → graph.
BUILDERS: dict = {}


def _whole(v) -> bool:
    return isinstance(v, numbers_.Integral) and not isinstance(v, bool)


class Graph(GraphText):
    """A traced computation: nodes in evaluation order, inputs and outputs.

    Build one with :func:`autodiff_core.trace`. Sweeps (``evaluate``,
    ``forward``, ``reverse``) are functions of the graph and never change it; how its
    nodes and rules are written comes from :class:`~autodiff_core.graph_text.GraphText`.
    """

    def __init__(
        self,
        ops: array,
        a0: array,
        a1: array,
        values: array,
        levels: array,
        consts: list,
        inputs: tuple,
        input_names: tuple,
        outputs: tuple,
        names: dict | None = None,
        source: str | None = None,
    ):
        self._op, self._a0, self._a1 = ops, a0, a1
        self._val, self._lvl, self._consts = values, levels, consts
        self._inputs, self._input_names, self._outputs = inputs, input_names, outputs
        self._names = self._checked_names(names) if names else {}
        self.source = source  # the expression text, when traced from one

    # -- the compact form, read by the programs that run on a graph ---------------
    def __len__(self) -> int:
        return len(self._val)

    @property
    def op_ids(self) -> memoryview:
        """Per node, its operation as a position in ``ops.OPS`` (0: an input); read only."""
        return memoryview(self._op).toreadonly()

    @property
    def first_operands(self) -> memoryview:
        """Per node, its first operand's code (see :meth:`operand_codes`); read only."""
        return memoryview(self._a0).toreadonly()

    @property
    def second_operands(self) -> memoryview:
        """Per node, its second operand's code (0 for fewer operands); read only."""
        return memoryview(self._a1).toreadonly()

    @property
    def values(self) -> memoryview:
        """Per node, its value at the traced point; read only."""
        return memoryview(self._val).toreadonly()

    @property
    def node_levels(self) -> memoryview:
        """Per node, its level n (the n of wⁿᵢ); read only."""
        return memoryview(self._lvl).toreadonly()

    @cached_property
    def constants(self) -> tuple[float, ...]:
        """The constants an operand code may stand for (see :mod:`autodiff_core.codes`)."""
        return tuple(self._consts)

    @property
    def input_indices(self) -> tuple[int, ...]:
        """The node index of each input, in the order of ``input_names``."""
        return self._inputs

    @property
    def output_indices(self) -> tuple[int, ...]:
        """The node index of each output, in order."""
        return self._outputs

    def operand_codes(self, i: int) -> tuple:
        """Operand codes of node i: a node index, or a constant (see :mod:`autodiff_core.codes`)."""
        arity = OPS[self._op[i]].arity
        if arity == 0:
            return ()
        if arity == 1:
            return (self._a0[i],)
        return (self._a0[i], self._a1[i])

    # -- nodes --------------------------------------------------------------------
    @cached_property
    def nodes(self) -> tuple[Node, ...]:
        """All nodes in evaluation order, named in the seed notation."""
        n = len(self)
        lvl = self._lvl
        level_sizes: dict[int, int] = {}
        for i in range(n):
            level_sizes[lvl[i]] = level_sizes.get(lvl[i], 0) + 1
        seen: dict[int, int] = {}
        out_pos = {o: k for k, o in reversed(list(enumerate(self._outputs)))}
        var_of = dict(zip(self._inputs, self._input_names))
        nodes = []
        for i in range(n):
            level = lvl[i]
            seen[level] = seen.get(level, 0) + 1
            plain, label, latex = w_name(level, seen[level] if level_sizes[level] > 1 else None)
            if plain in self._names:
                plain = self._names[plain]
                label, latex = var_display(plain)
            operands = tuple(
                Constant(self._consts[constant_slot(c)]) if is_constant(c) else c for c in self.operand_codes(i)
            )
            var = var_of.get(i)
            vlabel, vlatex = var_display(var) if var is not None else (None, None)
            nodes.append(
                Node(
                    i,
                    OPS[self._op[i]],
                    operands,
                    self._val[i],
                    level,
                    plain,
                    label,
                    latex,
                    var,
                    vlabel,
                    vlatex,
                    out_pos.get(i),
                )
            )
        return tuple(nodes)

    def node(self, name: str) -> Node:
        """A node by any name the package prints for it: plain (``w1_2``, or ``w1_1`` for
        the only node of its level), display (``w¹₂``), LaTeX, custom name, input variable."""
        if not isinstance(name, str):
            raise TypeError(
                f"a node is named by a string such as 'w1_2' or 'w¹₂', got {shown(name)} (type {type(name).__name__})"
            )
        for nd in self.nodes:
            if name in (nd.name, nd.label, nd.var):
                return nd
        for nd in self.nodes:
            if name in (nd.var_label, nd.latex):
                return nd
        i = self._default_index(name)
        if i is not None:
            return self.nodes[i]
        known = [nd.name for nd in self.nodes[:20]]
        raise KeyError(
            f"no node named {shown(name)}; nodes are " + ", ".join(known) + (", ..." if len(self) > 20 else "")
        )

    @cached_property
    def _by_level(self) -> dict[int, list[int]]:
        groups: dict[int, list[int]] = {}
        for i, level in enumerate(self._lvl):
            groups.setdefault(level, []).append(i)
        return groups

    def _default_index(self, name: str) -> int | None:
        """The node a default name (wⁿᵢ in any form, or an input variable) denotes."""
        if name in self._input_names:
            return self._inputs[self._input_names.index(name)]
        pos = w_position(name)
        if pos is None:
            return None
        members = self._by_level.get(pos[0], ())
        if pos[1] is None:
            return members[0] if len(members) == 1 else None
        return members[pos[1] - 1] if pos[1] <= len(members) else None

    def _checked_names(self, names) -> dict:
        """Custom names keyed by default plain name; ValueError naming a bad entry."""
        if not isinstance(names, Mapping):
            raise TypeError(f"names must be a dict such as {{'w1': 'a'}}, got {shown(names)}")
        out: dict[str, str] = {}
        given: dict[str, object] = {}
        written = {var_display(v)[0]: (i, v) for i, v in zip(self._inputs, self._input_names)}
        for key, name in names.items():
            i = self._default_index(key) if isinstance(key, str) else None
            if i is None:
                raise ValueError(
                    f"names: {shown(key)} is not a node of this graph (use names such as 'w1', 'w1_2' or 'w¹₂')"
                )
            if not isinstance(name, str) or not name.strip():
                raise ValueError(f"names[{key!r}]: a node's name must be a non-empty string, got {shown(name)}")
            members = self._by_level[self._lvl[i]]
            plain = w_name(self._lvl[i], members.index(i) + 1 if len(members) > 1 else None)[0]
            if plain in out:
                raise ValueError(f"names: {key!r} names node {plain} a second time")
            if name in given:
                raise ValueError(
                    f"names: {name!r} is given to both {given[name]!r} and {key!r}; node names must be unique"
                )
            label = var_display(name)[0]
            other = self._default_index(name)
            if other is None:
                other = written.get(label, (None, None))[0]
            if other is not None and other != i:
                raise ValueError(
                    f"names[{key!r}]: {name!r} is already the name of another node"
                    + (f" (both are written {label})" if label != name else "")
                )
            out[plain] = name
            given[name] = key
            written[label] = (i, key)
        return out

    @property
    def names(self) -> dict:
        """The custom node names given to ``trace`` (``{"w1": "a"}``)."""
        return dict(self._names)

    @property
    def inputs(self) -> tuple[Node, ...]:
        return tuple(self.nodes[i] for i in self._inputs)

    @property
    def input_names(self) -> tuple[str, ...]:
        """The user's names of the inputs, in order (``('x1', 'x2')``)."""
        return self._input_names

    @property
    def outputs(self) -> tuple[Node, ...]:
        return tuple(self.nodes[i] for i in self._outputs)

    @property
    def value(self):
        """The output value, or a tuple of them for several outputs."""
        vals = tuple(self._val[i] for i in self._outputs)
        return vals[0] if len(vals) == 1 else vals

    @property
    def levels(self) -> tuple[tuple[int, ...], ...]:
        """Node indices grouped by level n (level 0 first)."""
        groups = self._by_level
        return tuple(tuple(groups[k]) for k in sorted(groups))

    @property
    def edges(self) -> tuple[Edge, ...]:
        """Every :class:`~autodiff_core.codes.Edge` (parent, child, operand position), duplicates included."""
        return tuple(e for j in range(len(self)) for e in self.edges_into(j))

    def edges_into(self, j: int) -> tuple[Edge, ...]:
        """The edges into node j, in operand order (a constant operand has none)."""
        return tuple(Edge(c, j, k) for k, c in enumerate(self.operand_codes(j)) if not is_constant(c))

    def partial_value(self, j: int, k: int) -> float:
        """The number ∂w_j/∂(operand k) at the traced point."""
        return local_partial(self, self.node_at(j, k).index, k)

    def node_at(self, i, k=...) -> Node:
        """Node i (an int, negative from the end), checked; with ``k``, checked to have an
        operand k. TypeError or IndexError saying what is wrong."""
        n = len(self)
        if not _whole(i):
            raise TypeError(f"a node index is a whole number, got {shown(i)}")
        if not -n <= i < n:
            raise IndexError(f"node {i} out of range: this graph has nodes 0 to {n - 1}")
        nd = self.nodes[i]
        if k is not ...:
            if not _whole(k):
                raise TypeError(f"an operand position is a whole number, got {shown(k)}")
            if not 0 <= k < len(nd.operands):
                raise IndexError(
                    f"operand {k} out of range: {nd.label} has "
                    f"{len(nd.operands)} operand{'s' if len(nd.operands) != 1 else ''}"
                )
        return nd

    def __repr__(self) -> str:
        return (
            f"<Graph {len(self)} nodes, inputs {', '.join(self._input_names)}, "
            f"{len(self._outputs)} output{'s' if len(self._outputs) != 1 else ''}>"
        )

    def _repr_pretty_(self, p, cycle):
        p.text(str(self))

    # -- sweeps -------------------------------------------------------------------
    def evaluate(self):
        """The primal sweep, one step per node."""
        return Evaluation(self)

    def forward(self, seed=None):
        """The tangent sweep for a seed: an input name (ẋ = 1 for it, 0 for the
        others) or a dict input name -> ẋ. With one input the seed may be omitted."""
        return ForwardSweep(self, seed)

    def reverse(self, seed=1.0):
        """The adjoint sweep, one step per edge contribution, in reverse order.

        ``seed``: the output adjoint (a number) for a one-output graph; for several
        outputs an output index or a dict output index -> adjoint."""
        return ReverseSweep(self, seed)

    def gradient(self, seed=1.0) -> dict:
        """∂f/∂input for every input, from one reverse sweep."""
        return self.reverse(seed).gradient

    def jacobian(self, mode: str = "reverse"):
        """The full Jacobian, with the sweeps and elementary operations it took."""
        return jacobian(self, mode)

    def gradient_graph(self):
        """The reverse sweep traced as a graph whose outputs are ∂f/∂xᵢ (see gradient_graph.py)."""
        return BUILDERS["gradient_graph"](self)
