"""A node of a graph, made on demand: its operation, operands, value and names."""

from __future__ import annotations

from dataclasses import dataclass

from .notation import number, superscript
from .ops import INPUT, POW


@dataclass(frozen=True, slots=True)
class Constant:
    """A number that belongs to an operation (the 1 in ``b = a + 1``)."""

    value: float


@dataclass(frozen=True, slots=True)
class Node:
    """One operation unit wⁿᵢ of a graph."""

    index: int  # position in evaluation order
    op: object  # the Op from the operation table
    operands: tuple  # node indices (int) and Constants, in order
    value: float
    level: int  # n in wⁿᵢ: inputs 0, else 1 + highest parent level
    name: str  # plain name, "w1_2" (or a custom name)
    label: str  # display name, "w¹₂"
    latex: str  # LaTeX name, "w^{1}_{2}"
    var: str | None = None  # the user's variable name of an input ("x1")
    var_label: str | None = None  # "x₁"
    var_latex: str | None = None  # "x_{1}"
    output: int | None = None  # position among the graph's outputs

    @property
    def parents(self) -> tuple[int, ...]:
        """Parent node indices in operand order; ``x*x`` lists x twice."""
        return tuple(o for o in self.operands if not isinstance(o, Constant))

    @property
    def consts(self) -> tuple:
        """Per operand: its constant value, or None for a node operand."""
        return tuple(o.value if isinstance(o, Constant) else None for o in self.operands)

    @property
    def is_input(self) -> bool:
        return self.op is INPUT

    @property
    def op_label(self) -> str:
        """What a drawing writes for the operation: ×, + 1, ², sin, 1 −."""
        if self.is_input:
            return ""
        consts = self.consts
        if self.op is POW and consts[1] is not None and float(consts[1]).is_integer() and 0 <= consts[1] < 100:
            return superscript(int(consts[1]))
        if len(consts) == 2:
            if consts[1] is not None:
                return f"{self.op.symbol} {number(consts[1])}"
            if consts[0] is not None:
                return f"{number(consts[0])} {self.op.symbol}"
        return self.op.symbol
