"""The step-through widget: walk a graph node by node, in the browser, without the kernel.

``StepThrough(examples.F, mode="forward", seed="x1")`` or
``StepThrough("sin(x**2 + 1)", x=1.5, mode="reverse")``; ``CheckpointStepThrough(12, k=4)``
steps through checkpointed reverse mode on a chain. The logic lives in
:class:`StepModel` (no widgets, tested headless); the stepping in the player
(:mod:`autodiff_core.player`, shown through :class:`.player.Player`);
:class:`StepThrough` only links the settings controls to the model.

Needs the ``[widgets]`` extra (ipywidgets and anywidget); without it, importing
this package says so instead of naming a module deep inside.
"""

from importlib.util import find_spec

#: What the widget imports that the core does not (traitlets comes with ipywidgets).
NEEDS = ("ipywidgets", "anywidget", "traitlets")
_missing = [name for name in NEEDS if find_spec(name) is None]
if _missing:
    raise ModuleNotFoundError(
        f"the step-through widget needs {' and '.join(_missing)}, which "
        f"{'is' if len(_missing) == 1 else 'are'} not installed: "
        'pip install "autodiff-core[widgets]" (or "autodiff-core[lessons]" for everything the lessons use)',
        name=_missing[0],
    )

from .checkpoint_model import CheckpointModel  # noqa: E402 - after the check above, so a missing package is said plainly
from .checkpoint_view import CheckpointStepThrough  # noqa: E402
from .frame import Frame  # noqa: E402
from .messages import MODES  # noqa: E402
from .model import StepModel  # noqa: E402
from .view import StepThrough  # noqa: E402

__all__ = ["CheckpointModel", "CheckpointStepThrough", "Frame", "MODES", "StepModel", "StepThrough"]
