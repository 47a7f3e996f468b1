"""How the graph's arrays encode an operand and a reverse step's edge: ints, for speed.

* An **operand code** says what a node reads: a code ``c >= 0`` is the node with index c,
  a code ``c < 0`` the constant ``constants[-c - 1]`` (code -1 is constant slot 0, -2 slot
  1, ...). :func:`is_constant`, :func:`constant_slot` and :func:`constant_code` are the
  only spelling of that rule; the two hottest loops (the sweeps' ``_run``) write it
  inline, with a note.
* An **edge** of the reverse sweep is (parent, child, operand position): the child
  reads the parent as its operand ``position`` (0 or 1). A sweep stores it as one int,
  :func:`edge_id` = child · 2 + position; :func:`edge_child` and :func:`edge_position`
  read it back, and :class:`Edge` is the named triple ``edge_order`` returns.
"""

from __future__ import annotations

from typing import NamedTuple


def is_constant(code: int) -> bool:
    """Does this operand code stand for a constant (not a node)?"""
    return code < 0


def constant_slot(code: int) -> int:
    """The position in ``constants`` of the constant a (negative) code stands for."""
    return -code - 1


def constant_code(slot: int) -> int:
    """The operand code of ``constants[slot]``."""
    return -slot - 1


def operand_value(code: int, values, constants) -> float:
    """The number an operand code stands for: a node's value or a constant."""
    return constants[-code - 1] if code < 0 else values[code]


class Edge(NamedTuple):
    """A reverse step's edge: ``child`` reads ``parent`` as its operand ``position``."""

    parent: int
    child: int
    position: int


def edge_id(child: int, position: int) -> int:
    """One int for (child, operand position): child · 2 + position."""
    return child * 2 + position


def edge_child(e: int) -> int:
    """The child node of an edge id."""
    return e >> 1


def edge_position(e: int) -> int:
    """The operand position (0 or 1) of an edge id."""
    return e & 1
