"""Predict mode's data: what each step asks a student before it is shown.

Predict mode (``predict.js``) hides the number a step computes, lets the student type it,
grades it in the browser and only then shows the step. For every step with a number to
predict (:func:`autodiff_core.step_text.predictable`: not forward mode's seed step, not an
input's given value) :func:`ask` gives the texts (question, hint, a reverse-mode slip), the
answer, and what hides it: the step's nodes drawn with the quantity unknown (the drawing's
``mask``, :func:`.drawing.drawing`) and their table cells as ``?``. In reverse mode that
hides the running total as well, so neither the drawing nor the table gives the
contribution away. The texts are written by :mod:`autodiff_core.step_text`.

A sweep of more than :data:`MAX_STEPS` steps asks nothing (no one predicts a thousand
steps, and the masks would make its data a sixth larger): its player's predict toggle is
disabled and says why.
"""

from __future__ import annotations

import math

from .. import step_text
from ..modes import MODES
from ..notation import number
from ..story import UNKNOWN, show
from ..viz.labels import html

#: The longest sweep predict mode asks about.
MAX_STEPS = 500


def asks(sweep):
    """The test of which steps of ``sweep`` predict mode asks about (for
    :func:`.drawing.drawing`'s ``hide``), or None for a sweep too long to ask about or of a
    mode that is not :attr:`~autodiff_core.modes.Mode.predictable` (a checkpointed sweep's
    steps also store and free)."""
    return step_text.predictable if MODES[sweep.kind].predictable and sweep.n_steps <= MAX_STEPS else None


def ask(step, state, column: int, mask: list) -> dict:
    """What predicting ``step`` (which leads to ``state``) asks, JSON-ready::

        {"question": html, "hint": html, "slip": html, "answer": [value, shown],
         "total": [value, shown] | None, "mask": [[slot, masked, real], ...],
         "cells": [[row, column, masked, real], ...]}

    ``answer`` is the number the step computes (reverse mode: the contribution it adds) and
    its text as the player shows it; ``total`` the new total in reverse mode once the adjoint
    had a contribution (a student may give it instead: ``slip`` says so kindly); ``mask`` and
    ``cells`` swap the answer for ``?`` in the drawing and the table (``real``: as after the
    step)."""
    total = None
    if MODES[step.kind].running_sum and step.before is not None and math.isfinite(step.total):
        total = [step.total, number(step.total)]
    cells = [[i, column, UNKNOWN, html(show(state.quantity[i]))] for i in state.focus]
    return {
        "question": html(step_text.question(step)),
        "hint": html(step_text.hint(step)),
        "slip": html(step_text.slip(step)),
        "answer": [step.result, number(step.result)],
        "total": total,
        "mask": mask,
        "cells": cells,
    }


__all__ = ["MAX_STEPS", "ask", "asks"]
