"""What every step-through's model shares, whatever it steps through: the step index over
its last good sweep, with the player's data for it (no widgets in it). :mod:`.model` and
:mod:`.checkpoint_model` add the settings and how they make a sweep; :mod:`.stepping_view`
is the views' half.
"""

from __future__ import annotations

from traitlets import Any, HasTraits, Int, Unicode, validate

from .frame import Frame, frame_at
from .messages import Setting, index_refusal, is_whole


class SteppingModel(HasTraits):
    """The state shown (``index``) of the last good ``sweep``, with the player's data for it.

    A subclass recomputes the sweep from its settings and hands it to :meth:`_show`; a
    setting or an index that cannot be used says why in ``error`` or ``index_error``."""

    index = Setting(0, help="the state shown: 0 (before the first step) .. n_steps")
    sweep = Any(None)
    player = Any(None, help="the player's data for `sweep` (autodiff_core.player.data)")
    payload = Unicode("", help="`player` packed for the browser (autodiff_core.player.pack)")
    version = Int(0, help="counts successful recomputes")
    error = Unicode("", help="why the settings could not be shown; '' when they are")
    index_error = Unicode("", help="why the last index asked for was not shown; '' when it was")

    @property
    def n_steps(self) -> int:
        return 0 if self.sweep is None else self.sweep.n_steps

    @property
    def frame(self) -> Frame | None:
        """What is shown now (texts and table), or None before any good computation."""
        return None if self.sweep is None else frame_at(self.sweep, self.index)

    def go(self, k) -> int:
        """Show state k (a whole number, clamped to 0..n_steps); return the index shown.

        Anything else (NaN, a bool, a string) is refused as ``index = k`` is:
        ``index_error`` says why and the index stays."""
        if is_whole(k):
            k = max(0, min(int(k), self.n_steps))
        self.index = k
        return self.index

    @validate("index")
    def _check_index(self, proposal):
        k = proposal["value"]
        why = index_refusal(k, self.n_steps)
        self.index_error = why or ""
        return self.index if why else int(k)

    def _show(self, sweep, data, payload: str, **more) -> None:
        """Show a new sweep (its player data and their packed form) from step 0, with no error;
        ``more`` are other traits that go with it, set in the same notification."""
        with self.hold_trait_notifications():
            for name, value in more.items():
                setattr(self, name, value)
            self.sweep, self.player, self.payload = sweep, data, payload
            self.index = 0
            self.error, self.index_error = "", ""
            self.version += 1
