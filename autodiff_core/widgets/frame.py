"""What the player shows at one state of a sweep, as plain texts: for tests and printing."""

from __future__ import annotations

from dataclasses import dataclass

from .. import story as _story


def frame_at(sweep, k: int) -> Frame:
    """The texts and the trace table of ``sweep`` at state ``k``."""
    st = sweep.state(k)
    t = _story.texts(sweep, st)
    return Frame(st.kind, st.k, st.n_steps, t["caption"], t["rule"], t["numbers"], t["note"], tuple(_story.table(st)))


@dataclass(frozen=True)
class Frame:
    """What the player shows at state ``k``: plain texts and the trace table."""

    kind: str
    k: int
    n_steps: int
    caption: str  # "step 3 of 5: forward tangent of w¹₁"
    rule: str  # "ẇ¹₁ = ẇ⁰₁·w⁰₂ + w⁰₁·ẇ⁰₂" ('' at k = 0)
    numbers: str  # "ẇ¹₁ = 1·5 + 2·0 = 5"
    note: str  # seeds, running sums, the result
    rows: tuple  # one dict of display strings per node ('?' when unknown)

    @property
    def current_row(self) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r["current"]), None)
