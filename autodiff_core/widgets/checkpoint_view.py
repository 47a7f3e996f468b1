"""The checkpoint step-through: where the checkpoints go, and the player stepping through
checkpointed reverse mode, linked to a :class:`CheckpointModel`.

The settings (the chain's length, every k-th value or positions typed in) are ipywidgets
whose changes go to the kernel, which recomputes the sweep; a line under them says what the
schedule costs (its peak and its recomputations) as soon as it is recomputed. Stepping is
the player's, in the browser; its meter shows the values held, the most held so far and the
recomputations at every step. Nothing is computed here.
"""

from __future__ import annotations

import ipywidgets as W

from ..checkpoint_text import spacing
from ..viz.labels import html
from .checkpoint_model import MAX_N, CheckpointModel
from .player import Player
from .stepping_view import SteppingView
from .view import SPEED_MS, STYLE, error_html

WAYS = (("every k-th value", "even"), ("at positions", "free"))


class CheckpointStepThrough(SteppingView):
    """Step through checkpointed reverse mode on a chain: the forward pass keeping every k-th
    value, each segment recomputed from its checkpoint on the way back, the adjoint steps
    and the values freed; the player's meter counts the values held.

    ``CheckpointStepThrough(12, k=4)`` (a chain of 12 sines, every 4th value kept),
    ``CheckpointStepThrough(12, positions=[0, 5, 9])``, or a chain Graph instead of 12.
    The student moves k or types positions (``0, 5, 9``); a bad entry says what is wrong and
    the last good schedule stays. ``.model`` holds the settings and the sweep; ``.index`` is
    the step shown; ``first()``, ``prev()``, ``next()``, ``last()`` step from Python.
    """

    MADE = ("length", "way", "k", "positions", "settings", "summary", "error", "player")

    def __init__(
        self,
        source=12,
        k: int | None = 4,
        *,
        positions=None,
        x: float = 0.5,
        seed: float = 1.0,
        speed: int = SPEED_MS,
    ):
        self.model = m = CheckpointModel(source, k, positions=positions, x=x, seed=seed)
        self._syncing = False
        # boxes to type in, with spin buttons (a slider's handle has no accessible name in ipywidgets 8)
        self.length = W.BoundedIntText(
            value=m.n,
            min=1,
            max=MAX_N,
            description="chain length n",
            style={"description_width": "initial"},
            layout=W.Layout(width="170px", display="none" if m.fixed_length else None),
        )
        self.way = W.ToggleButtons(options=WAYS, value="even" if m.k else "free", style={"button_width": "128px"})
        self.k = W.BoundedIntText(value=m.k or 1, min=1, max=m.n, description="k", layout=W.Layout(width="130px"))
        self.positions = W.Text(
            value=_listed(m.sweep.checkpoints),
            description="positions",
            placeholder="e.g. 0, 5, 9",
            continuous_update=False,
            layout=W.Layout(width="260px"),
        )
        self.positions.add_class("adstep-expr")
        self.settings = W.HBox([self.length, self.way, self.k, self.positions])
        self.settings.add_class("adstep-settings")
        self.summary = W.HTML()
        self.error = W.HTML()
        self.player = Player(speed=int(speed))
        super().__init__([W.HTML(STYLE), self.settings, self.summary, self.error, self.player])
        self.add_class("adstep")

        self.length.observe(lambda c: self._set(n=c["new"]), "value")
        self.way.observe(self._on_way, "value")
        self.k.observe(lambda c: self._set(k=c["new"]), "value")
        self.positions.observe(lambda c: self._set(positions=c["new"]), "value")
        self._link()
        m.observe(self._show_error, ["error", "index_error"])
        self._on_version()
        self._show_error()

    # -- controls -> model --------------------------------------------------------------------
    def _set(self, **settings):
        if not self._syncing:
            self.model.update(**settings)

    def _on_way(self, change):
        if self._syncing:
            return
        if change["new"] == "even":
            self.model.update(k=self.k.value)
        else:  # the checkpoints shown now, as positions to edit
            self.model.update(positions=self.positions.value)

    # -- model -> controls --------------------------------------------------------------------
    def _on_version(self, change=None):
        """A new sweep: send its data once, at step 0, and show the settings it was made with."""
        super()._on_version(change)
        m = self.model
        self._syncing = True
        try:
            self.length.value = m.n
            self.k.max = max(m.n, 1)
            if m.k is not None:
                self.k.value = min(m.k, self.k.max)
            self.way.value = "even" if m.k is not None else "free"
            self.k.layout.display = None if m.k is not None else "none"  # k only for an even spacing
            self.positions.value = _listed(m.sweep.checkpoints)
        finally:
            self._syncing = False
        self.summary.value = summary_html(m)

    def _show_error(self, change=None):
        m = self.model
        self.error.value = error_html(m.error, still="still showing the last good schedule.") + error_html(
            m.index_error, still=f"still showing step {m.index}."
        )


def _listed(positions) -> str:
    return ", ".join(str(p) for p in positions)


def summary_html(model: CheckpointModel) -> str:
    """One line under the settings: the checkpoints and what the schedule costs."""
    s = model.sweep
    g = s.graph
    kept = ", ".join(g.nodes[j].label for j in s.checkpoints)
    n = s.length
    return (
        f'<div class="adstep-summary" role="status">{len(s.checkpoints)} checkpoint'
        f"{'' if len(s.checkpoints) == 1 else 's'} ({html(spacing(s.k))}): {html(kept)} · "
        f"<b>at most {s.peak} value{'' if s.peak == 1 else 's'} held</b> (plain reverse mode: {n}) · "
        f"<b>{s.recomputed} operation{'' if s.recomputed == 1 else 's'} recomputed</b></div>"
    )


__all__ = ["CheckpointStepThrough", "MAX_N", "summary_html"]
