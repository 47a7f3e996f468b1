"""The step-through widget: walk a graph node by node, in the browser, without the kernel.

``StepThrough(examples.F, mode="forward", seed="x1")`` or
``StepThrough("sin(x**2 + 1)", x=1.5, mode="reverse")``. The logic lives in
:class:`StepModel` (no widgets, tested headless); the frames' HTML in
:mod:`.frames`; :class:`StepThrough` only links controls to the model.
"""

from .frames import Frame
from .model import MODES, StepModel
from .view import StepThrough

__all__ = ["Frame", "MODES", "StepModel", "StepThrough"]
