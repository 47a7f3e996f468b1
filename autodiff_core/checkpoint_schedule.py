"""Checkpointed reverse mode on a chain, as data: its events in order, with the counts after
each (lesson 09, and what a step-through of the schedule shows).

A chain of n operations computes w¹ … wⁿ from w⁰: operation j computes wʲ from wʲ⁻¹,
and its adjoint step (w̄ʲ⁻¹ from w̄ʲ) reads wʲ⁻¹. The counts are of the values held
for the sweep back, one float each; the output wⁿ is the caller's result and never counted,
and a value used only on the way to the next one is not held.

The schedule for checkpoints at positions 0 = p₀ < p₁ < … < p_{m−1} < n:

* the forward pass computes w¹ … wⁿ, keeping w⁰ and the values at the other positions
  (``store``) and dropping the rest (``forward``);
* the sweep back takes the segments from the top down. For the segment from p_i to the
  next position (or n), it recomputes the values between them from its checkpoint
  (``recompute``), runs its adjoint steps (``adjoint``), and frees each value as soon as
  the step that reads it has run (``free``): a checkpoint goes when its segment is done.

So while segment i (counted from 0 at the bottom) is swept, i + 1 checkpoints and that
segment's recomputed values are held: the peak is the largest i + (length of segment i).
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

from .notation import shown, superscript

#: The kinds of event, in the order a value meets them.
KINDS = ("forward", "store", "recompute", "adjoint", "free")


@dataclass(frozen=True)
class Event:
    """One event of a checkpointed sweep, and the counts just after it.

    ``index`` is the value's j (wʲ) for ``forward``, ``store``, ``recompute`` and
    ``free``; for ``adjoint`` it is the operation j whose step sends w̄ʲ⁻¹ from w̄ʲ."""

    kind: str
    index: int
    held: int  # values held now
    peak: int  # most values held at once so far
    recomputed: int  # operations evaluated again so far


@dataclass(frozen=True)
class Schedule:
    """The events of checkpointed reverse mode on a chain of ``length`` operations."""

    length: int  # n
    checkpoints: tuple  # the positions kept by the forward pass, 0 first
    events: tuple  # Event, …, in order

    @property
    def peak(self) -> int:
        """Most values held at once."""
        return self.events[-1].peak

    @property
    def recomputed(self) -> int:
        """Operations evaluated again during the sweep back."""
        return self.events[-1].recomputed

    @property
    def timeline(self) -> tuple:
        """Values held just after each adjoint step, top step first."""
        return tuple(e.held for e in self.events if e.kind == "adjoint")

    def held(self, step: int) -> tuple:
        """The values (their j, ascending) held just after event ``step`` (0-based)."""
        if isinstance(step, bool) or not isinstance(step, int) or not 0 <= step < len(self.events):
            raise ValueError(f"step must be a whole number from 0 to {len(self.events) - 1}, not {shown(step)}")
        held = set()
        for e in self.events[: step + 1]:
            if e.kind in ("store", "recompute"):
                held.add(e.index)
            elif e.kind == "free":
                held.discard(e.index)
        return tuple(sorted(held))


def _of_schedule(name: str, doc: str) -> property:
    """A read-only property that answers with the schedule's own ``name``."""
    return property(lambda self: getattr(self.schedule, name), doc=doc)


class FollowsSchedule:
    """What a run that follows a :class:`Schedule` (its ``schedule``) tells of it: the chain's
    length, the checkpoints and the counts (``peak``, also read as ``peak_stored``)."""

    schedule: Schedule

    length = _of_schedule("length", "n, the chain's number of operations.")
    checkpoints = _of_schedule("checkpoints", "The nodes the forward pass keeps: 0, k, 2k, … (or the positions given).")
    peak = _of_schedule("peak", "Most values held at once.")
    peak_stored = peak  # the name of checkpoint.peak_stored(n, k), which counts it for every k-th value
    recomputed = _of_schedule("recomputed", "Operations evaluated again during the sweep back.")
    timeline = _of_schedule("timeline", "Values held just after each adjoint step, top step first.")


def _whole(name: str, value, what: str) -> int:
    """A count ≥ 1 as an int (numpy integers too), or a ValueError naming it."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ValueError(f"{name}, {what}, must be a whole number ≥ 1, not {shown(value)}")
    return int(value)


def check_length(n) -> int:
    """n, a chain's number of operations, as a whole number ≥ 1 (ValueError otherwise)."""
    return _whole("n", n, "the chain length")


def check_spacing(k) -> int:
    """k, the checkpoint spacing, as a whole number ≥ 1 (ValueError otherwise)."""
    return _whole("k", k, "the checkpoint spacing")


def evenly_spaced(n: int, k: int) -> tuple:
    """The positions 0, k, 2k, … below n: every k-th value of a chain of n operations."""
    return tuple(range(0, check_length(n), check_spacing(k)))


def checkpoint_positions(n: int, positions) -> tuple:
    """``positions`` checked and sorted, with 0 added (w⁰, the input, is always kept).

    Any order is fine and a repeated position counts once; a position that is not a whole
    number from 0 to n − 1 is a ValueError that names it (wⁿ is the output: nothing to keep)."""
    n = check_length(n)
    if isinstance(positions, (str, bytes)) or not hasattr(positions, "__iter__"):
        raise ValueError(f"positions must be a list of whole numbers from 0 to {n - 1}, not {shown(positions)}")
    kept = {0}
    for p in positions:
        if isinstance(p, bool) or not isinstance(p, numbers.Integral) or not 0 <= p < n:
            raise ValueError(
                f"checkpoint position {shown(p)} is not a whole number from 0 to {n - 1} "
                f"(a chain of {n} operations holds w⁰ … w{superscript(str(n - 1))} for its sweep back)"
            )
        kept.add(int(p))
    return tuple(sorted(kept))


def schedule(n: int, k: int | None = None, *, positions=None) -> Schedule:
    """The events of checkpointed reverse mode on a chain of n operations, with the
    checkpoints every k-th value (``k``) or at the given ``positions`` (0 is always one)."""
    n = check_length(n)
    if (k is None) == (positions is None):
        raise ValueError("give either k, the spacing of the checkpoints, or positions, where they are (not both)")
    points = evenly_spaced(n, k) if positions is None else checkpoint_positions(n, positions)
    events, held, peak, redone = [], set(), 0, 0

    def add(kind: str, j: int) -> None:
        nonlocal peak, redone
        if kind in ("store", "recompute"):
            held.add(j)
        elif kind == "free":
            held.remove(j)
        redone += kind == "recompute"
        peak = max(peak, len(held))
        events.append(Event(kind, j, len(held), peak, redone))

    kept = set(points)
    for j in range(n + 1):
        add("store" if j in kept else "forward", j)
    for start, end in reversed(list(zip(points, points[1:] + (n,)))):
        for j in range(start + 1, end):
            add("recompute", j)
        for j in range(end, start, -1):
            add("adjoint", j)
            add("free", j - 1)
    return Schedule(n, points, tuple(events))


def peak_of(n: int, positions) -> int:
    """The peak of :func:`schedule` as a formula: the largest i + (length of segment i), the
    segments counted from 0 at the bottom (i + 1 checkpoints and the segment's values
    beyond its own checkpoint are held while it is swept)."""
    points = checkpoint_positions(n, positions)
    return max(i + end - start for i, (start, end) in enumerate(zip(points, points[1:] + (n,))))
