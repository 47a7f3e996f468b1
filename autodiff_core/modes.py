"""The kinds of sweep, one record each: what every layer needs to know about a mode.

A sweep's ``kind`` (``"evaluate"``, ``"forward"``, ``"reverse"``, ``"checkpoint"``) names
one :class:`Mode` in :data:`MODES`: where a state holds the quantity it computes, the
trace table's column and heading for it, the mark on its name (ẇ, w̄), the way it flows
through the graph, whose colours it is drawn in, whether a step adds one edge's
contribution to a running sum, whether its states say what memory holds, whether predict
mode asks about its steps, and whether a user picks it by name (the Graph method of that
name runs it). Drawings, the player, the
story, the widget and the command line read this table instead of comparing kind strings;
what a mode *does* (its sweep, its step texts) lives with its sweep and in ``step_text``.

A new kind of sweep is one new entry here, its sweep class and its step texts; its
colours come from :attr:`Mode.colours` (then regenerate the player's ``drawing.css``:
``python -m autodiff_core.player.theme``). Core layer: standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass


_SYMBOL = {None: "w", "dot": "ẇ", "bar": "w̄"}  # the quantity's name at a node w, by its mark


@dataclass(frozen=True)
class Mode:
    """One kind of sweep, as the layers above the sweeps see it."""

    kind: str  # the sweep's kind: its key here, the player data's "kind", CSS's data-kind
    words: str  # what it is called: "forward mode"
    field: str  # the State field holding its quantity: "values", "tangents" or "adjoints"
    column: str  # the trace table's column of that quantity, and its name: "value", "tangent", "adjoint"
    mark: str | None  # the mark on the quantity's name ("dot": ẇ, "bar": w̄); None: the value w
    back: bool | None  # True: flows from the outputs to the inputs; None: each step says (step.back)
    colours: str  # whose colours it is drawn in (viz/style.py): checkpointed reverse, reverse's
    running_sum: bool = False  # a step adds one edge's contribution to a node's running sum
    memory: bool = False  # its states say what memory does with each value (a table column, a meter)
    predictable: bool = True  # predict mode asks for the number each step computes
    by_name: bool = True  # a user picks it by name (mode="forward", --mode): the Graph method of that name

    @property
    def quantity(self) -> str | None:
        """The name of the quantity the table adds beside the value ("tangent", "adjoint"), or
        None when the quantity is the value itself."""
        return None if self.column == "value" else self.column

    @property
    def heading(self) -> str:
        """The heading of its quantity's column: ``tangent ẇ``."""
        return f"{self.column} {_SYMBOL[self.mark]}"

    @property
    def title(self) -> str:
        """The legend's title: ``forward mode: tangents ẇ``."""
        return f"{self.words}: {self.column}s {_SYMBOL[self.mark]}"

    @property
    def columns(self) -> tuple:
        """The trace table's columns for this mode."""
        extra = ("memory",) if self.memory else ()
        return ("node", "op", "formula", "value", *extra, *((self.column,) if self.quantity else ()))


# kind, words, the state's field, the table's column, the mark, flows back, colours; what differs
MODES = {
    m.kind: m
    for m in (
        Mode("evaluate", "evaluation", "values", "value", None, False, "evaluate"),
        Mode("forward", "forward mode", "tangents", "tangent", "dot", False, "forward"),
        Mode("reverse", "reverse mode", "adjoints", "adjoint", "bar", True, "reverse", running_sum=True),
        # its steps compute values (forward, recompute) and adjoints (back), store and free
        Mode(
            "checkpoint",
            "checkpointed reverse mode",
            "adjoints",
            "adjoint",
            "bar",
            None,
            "reverse",
            memory=True,
            predictable=False,
            by_name=False,
        ),
    )
}

#: The modes a user picks by name (``mode="forward"``, ``--mode``): each a Graph method.
BY_NAME = tuple(k for k, m in MODES.items() if m.by_name)


def mode(kind: str) -> Mode:
    """The :class:`Mode` of a sweep kind; a ValueError naming the kinds for any other."""
    try:
        return MODES[kind]
    except (KeyError, TypeError):
        raise ValueError(f"no sweep kind {kind!r}: the kinds are {', '.join(MODES)}") from None


__all__ = ["BY_NAME", "MODES", "Mode", "mode"]
