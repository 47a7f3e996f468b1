"""What the checkpoint step-through shows, with no widgets in it.

:class:`CheckpointModel` holds the settings a student changes — the chain's length ``n``
(a chain of n sines), and where the checkpoints go: every ``k``-th value, or at
``positions`` they choose — and the step index. Each change recomputes the
:class:`~autodiff_core.checkpoint_sweep.CheckpointedSweep` and the player's data once. A
value that cannot be used (k = 0, a position past the chain's end, text that is not a list
of whole numbers) changes nothing shown: ``error`` says what is wrong, and the last good
sweep, its data and the step index stay. Nothing here raises on a student's input.
"""

from __future__ import annotations

import re

from traitlets import observe, validate

from .. import player as _player
from ..checkpoint import chain_length, sin_chain
from ..checkpoint_schedule import checkpoint_positions
from ..checkpoint_sweep import CheckpointedSweep
from ..graph import Graph
from ..notation import shown
from .messages import Setting, is_whole
from .stepping_model import SteppingModel

MAX_N = 200  # longer chains are for the counts (checkpoint.py), not for stepping through
SETTINGS = ("n", "k", "positions")


def read_positions(value, n: int) -> tuple:
    """Checkpoint positions from a list of whole numbers or text such as ``"0, 5, 9"``
    (commas or spaces between them), checked against a chain of n operations: sorted, 0
    added. A ValueError says which entry is wrong and why."""
    if isinstance(value, str):
        words = [w for w in re.split(r"[\s,;]+", value.strip().strip("[]()")) if w]
        numbers = []
        for w in words:
            if not re.fullmatch(r"[+-]?\d+", w):
                raise ValueError(f"{w!r} is not a whole number: write positions as whole numbers, e.g. 0, 5, 9")
            numbers.append(int(w))
        value = numbers
    return checkpoint_positions(n, value)


def _said(value) -> str:
    try:
        return shown(value)
    except Exception:  # noqa: BLE001 - a student's object may fail to print
        return f"<{type(value).__name__} object>"


def settings_refusal(name: str, value, n: int) -> str | None:
    """Why setting ``name`` (n, k or positions) cannot take ``value`` for a chain of n
    operations, or None if it can."""
    why = None
    if name == "n":
        if not is_whole(value) or not 1 <= value <= MAX_N:
            why = f"the chain length must be a whole number from 1 to {MAX_N}"
    elif name == "k":
        if value is not None and (not is_whole(value) or value < 1):
            why = "k, the spacing of the checkpoints, must be a whole number ≥ 1"
    elif name == "positions" and value is not None:
        try:
            read_positions(value, n)
        except (ValueError, TypeError) as exc:
            why = str(exc)
    return None if why is None else f"Cannot use {name}={_said(value)}: {why}."


class CheckpointModel(SteppingModel):
    """Settings, step index and the last good sweep of a checkpoint step-through.

    ``CheckpointModel(12, k=4)``, ``CheckpointModel(12, positions=[0, 5, 9])``, or a chain
    Graph instead of 12 (its length then fixed). Set ``n``, ``k`` (every k-th value kept) or
    ``positions`` (a list, or text ``"0, 5, 9"``; setting one of k and positions clears the
    other), or several with :meth:`update`: the sweep is recomputed and ``index`` goes back
    to 0, or ``error`` says why not."""

    n = Setting(12, help="the chain's length: n operations (a chain of n sines)")
    k = Setting(4, allow_none=True, help="every k-th value kept; None when positions are given")
    positions = Setting(None, allow_none=True, help="the checkpoints' positions (0 always); None with k")

    def __init__(self, source=12, k: int | None = 4, *, positions=None, x: float = 0.5, seed: float = 1.0):
        self._graph = source if isinstance(source, Graph) else None
        n = chain_length(source) if self._graph is not None else source
        if positions is not None:
            k = None
        for name, value in (("n", n), ("k", k), ("positions", positions)):
            why = settings_refusal(name, value, n if is_whole(n) else 1)
            if why:
                raise ValueError(why)
        if k is None and positions is None:
            raise ValueError("give k, the spacing of the checkpoints, or positions, where they are")
        self._x, self._seed, self._busy = x, seed, True
        super().__init__(n=int(n), k=k, positions=None if positions is None else read_positions(positions, n))
        self._busy = False
        if not self.recompute():
            raise ValueError(self.error)

    # -- what the view asks --------------------------------------------------------------------
    @property
    def fixed_length(self) -> bool:
        """Was it made from a chain graph (so n cannot change)?"""
        return self._graph is not None

    @property
    def counts(self) -> dict:
        """What the shown schedule costs: its checkpoints, peak and recomputations."""
        s = self.sweep
        return {"checkpoints": s.checkpoints, "peak": s.peak, "recomputed": s.recomputed, "n": s.length}

    # -- checks ------------------------------------------------------------------------------
    @validate(*SETTINGS)
    def _check_setting(self, proposal):
        """A refused value leaves the setting as it was and says why in ``error``."""
        name, value = proposal["trait"].name, proposal["value"]
        if name == "n" and self._graph is not None and value != self.n:
            why = f"Cannot use n={_said(value)}: this step-through shows a given chain of {self.n} operations."
        else:
            why = settings_refusal(name, value, self.n if name != "n" else 1)
        if why:
            self.error = why
            return getattr(self, name)
        if name == "positions" and value is not None:
            return read_positions(value, self.n)
        return int(value) if name in ("n", "k") and value is not None else value

    def update(self, **settings) -> bool:
        """Change several settings, recompute once; True if the result is shown. All or
        nothing: a refused value changes no setting and says why in ``error``."""
        unknown = sorted(set(settings) - set(SETTINGS))
        if unknown:
            raise TypeError(f"unknown setting {', '.join(unknown)} (the settings are {', '.join(SETTINGS)})")
        n = settings.get("n", self.n)
        for name, value in settings.items():
            why = settings_refusal(name, value, n if is_whole(n) else 1)
            if why:
                self.error = why
                return False
        self._busy = True
        try:
            for name, value in settings.items():
                setattr(self, name, value)
            self._other_goes(settings)
        finally:
            self._busy = False
        return self.recompute()

    # -- recomputing -------------------------------------------------------------------------
    @observe(*SETTINGS)
    def _settings_changed(self, change):
        if self._busy:
            return
        self._busy = True
        try:
            self._other_goes({change["name"]: change["new"]})
        finally:
            self._busy = False
        self.recompute()

    def _other_goes(self, changed: dict) -> None:
        """k and positions exclude each other: the one set last stays. A shorter chain
        keeps the positions that are still on it."""
        if changed.get("k") is not None:
            self.positions = None
        elif changed.get("positions") is not None:
            self.k = None
        if "n" in changed and self.positions is not None:
            self.positions = tuple(p for p in self.positions if p < self.n)

    def recompute(self) -> bool:
        """The sweep and the player's data for the settings; on failure keep what is shown."""
        try:
            graph = self._graph or sin_chain(self.n, self._x)
            sweep = CheckpointedSweep(graph, self.k, positions=self.positions, seed=self._seed)
            data = _player.data(sweep)
            payload = _player.pack(data)
        except Exception as exc:  # noqa: BLE001 — a UI boundary: report, never raise
            self.error = f"Cannot step through this ({type(exc).__name__}): {exc}"
            return False
        self._show(sweep, data, payload)
        return True
