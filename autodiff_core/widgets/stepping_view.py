"""What every step-through's view shares, whatever it steps through: its Python API
(``index``, ``first()`` … ``last()``, ``close()``) and the link between its model
(:class:`~.stepping_model.SteppingModel`) and its player. :mod:`.view` and
:mod:`.checkpoint_view` add the controls for their settings.
"""

from __future__ import annotations

import ipywidgets as W

from .frame import Frame


class SteppingView(W.VBox):
    """A step-through's box over a :class:`SteppingModel` (``.model``) and a
    :class:`~autodiff_core.widgets.player.Player` (``.player``): ``.index`` is the step shown,
    ``first()``, ``prev()``, ``next()``, ``last()`` step from Python, and the player and the
    model follow each other once :meth:`_link` has run."""

    #: the attributes naming the widgets a subclass makes, closed with it
    MADE: tuple = ()

    def _link(self) -> None:
        """The player's index to the model (which clamps it), the model's index and each new
        sweep to the player."""
        self.player.observe(self._on_player_index, "index")
        self.model.observe(self._on_version, "version")
        self.model.observe(self._on_index, "index")

    # -- Python API ----------------------------------------------------------------------------
    @property
    def index(self) -> int:
        return self.model.index

    @index.setter
    def index(self, k: int) -> None:
        """Show step k; a k that is not a step (1000, NaN, True) shows why instead."""
        self.model.index = k

    @property
    def n_steps(self) -> int:
        return self.model.n_steps

    @property
    def frame(self) -> Frame | None:
        return self.model.frame

    def first(self):
        self.model.go(0)

    def prev(self):
        self.model.go(self.model.index - 1)

    def next(self):
        self.model.go(self.model.index + 1)

    def last(self):
        self.model.go(self.model.n_steps)

    def close(self):
        """Close this widget and every widget it made."""
        for w in self._made():
            w.close()
        super().close()

    def _made(self) -> list:
        """The widgets to close with this one (those made so far, if __init__ failed early)."""
        return [*self.children, *(getattr(self, name) for name in self.MADE if hasattr(self, name))]

    # -- player <-> model ----------------------------------------------------------------------
    def _on_player_index(self, change):
        """The player moved (in the browser): tell the model; it clamps."""
        shown = self.model.go(change["new"])
        if shown != change["new"]:
            self.player.index = shown

    def _on_index(self, change=None):
        self.player.index = self.model.index

    def _on_version(self, change=None):
        """A new sweep: send its data once, at step 0."""
        with self.player.hold_sync():
            self.player.payload = self.model.payload
            self.player.index = self.model.index
