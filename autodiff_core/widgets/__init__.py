"""The step-through widget: walk a graph node by node, in the browser, without the kernel.

``StepThrough(examples.F, mode="forward", seed="x1")`` or
``StepThrough("sin(x**2 + 1)", x=1.5, mode="reverse")``. The logic lives in
:class:`StepModel` (no widgets, tested headless); the stepping in the player
(:mod:`autodiff_core.player`, shown through :class:`.player.Player`);
:class:`StepThrough` only links the settings controls to the model.
"""

from .frame import Frame
from .messages import MODES
from .model import StepModel
from .view import StepThrough

__all__ = ["Frame", "MODES", "StepModel", "StepThrough"]
