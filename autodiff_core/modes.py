"""The kinds of sweep, one record each: what every layer needs to know about a mode.

A sweep's ``kind`` (``"evaluate"``, ``"forward"``, ``"reverse"``, ``"checkpoint"``) names
one :class:`Mode` in :data:`MODES`: where a state holds the quantity it computes, the
trace table's column and heading for it, the mark on its name (ẇ, w̄), the way it flows
through the graph, whose colours it is drawn in, whether a step adds one edge's
contribution to a running sum, whether its states say what memory holds, whether predict
mode asks about its steps, and the Graph method that runs it. Drawings, the player, the
story, the widget and the command line read this table instead of comparing kind strings;
what a mode *does* (its sweep, its step texts) lives with its sweep and in ``step_text``.

A new kind of sweep is one new entry here, its sweep class and its step texts; the
colours (``viz/style.py``) come from :attr:`Mode.colours`. Core layer: standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mode:
    """One kind of sweep, as the layers above the sweeps see it."""

    kind: str  # the sweep's kind: its key here, the player data's "kind", CSS's data-kind
    field: str  # the State field holding its quantity: "values", "tangents" or "adjoints"
    column: str  # the trace table's column of that quantity: "value", "tangent", "adjoint"
    heading: str  # that column's heading: "tangent ẇ"
    mark: str | None  # the mark on the quantity's name ("dot": ẇ, "bar": w̄); None: the value w
    back: bool | None  # True: flows from the outputs to the inputs; None: each step says
    colours: str  # whose colours it is drawn in (viz/style.py): checkpointed reverse, reverse's
    title: str  # the legend's title
    running_sum: bool = False  # a step adds one edge's contribution to a node's running sum
    memory: bool = False  # its states say what memory does with each value (a table column, a meter)
    predictable: bool = False  # predict mode asks for the number each step computes
    method: str | None = None  # the Graph method that runs it (a mode a user picks by name)

    @property
    def quantity(self) -> str | None:
        """The name of the quantity the table adds beside the value ("tangent", "adjoint"), or
        None when the quantity is the value itself."""
        return None if self.column == "value" else self.column

    @property
    def columns(self) -> tuple:
        """The trace table's columns for this mode."""
        extra = ("memory",) if self.memory else ()
        return ("node", "op", "formula", "value", *extra, *((self.column,) if self.quantity else ()))


MODES = {
    m.kind: m
    for m in (
        Mode(
            "evaluate",
            field="values",
            column="value",
            heading="value w",
            mark=None,
            back=False,
            colours="evaluate",
            title="evaluation: values w",
            predictable=True,
            method="evaluate",
        ),
        Mode(
            "forward",
            field="tangents",
            column="tangent",
            heading="tangent ẇ",
            mark="dot",
            back=False,
            colours="forward",
            title="forward mode: tangents ẇ",
            predictable=True,
            method="forward",
        ),
        Mode(
            "reverse",
            field="adjoints",
            column="adjoint",
            heading="adjoint w̄",
            mark="bar",
            back=True,
            colours="reverse",
            title="reverse mode: adjoints w̄",
            running_sum=True,
            predictable=True,
            method="reverse",
        ),
        # its steps compute values (forward, recompute) and adjoints (back), store and free
        Mode(
            "checkpoint",
            field="adjoints",
            column="adjoint",
            heading="adjoint w̄",
            mark="bar",
            back=None,
            colours="reverse",
            title="checkpointed reverse mode: adjoints w̄",
            memory=True,
        ),
    )
}

#: The modes a user picks by name (``mode="forward"``, ``--mode``): those a Graph runs as a method.
BY_NAME = tuple(k for k, m in MODES.items() if m.method)


def mode(kind: str) -> Mode:
    """The :class:`Mode` of a sweep kind; a ValueError naming the kinds for any other."""
    try:
        return MODES[kind]
    except (KeyError, TypeError):
        raise ValueError(f"no sweep kind {kind!r}: the kinds are {', '.join(MODES)}") from None


__all__ = ["BY_NAME", "MODES", "Mode", "mode"]
