"""The three sweeps over a graph, recorded as data that can be replayed.

* :class:`Evaluation` — the primal sweep, one step per node.
* :class:`ForwardSweep` — tangents ẇ from the inputs up, one step per node.
* :class:`ReverseSweep` — adjoints w̄ from the output down, one step per edge
  contribution, so accumulation at a fan-out (w̄⁰₁ receiving twice) is visible.

A sweep computes its numbers eagerly into compact arrays; its :class:`Step`
records (numbers and structure; :mod:`autodiff_core.step_text` writes their texts
when read) are made on demand, and ``state(k)`` says what is known after k steps:
``None`` for a quantity not yet computed, never 0.

Modules: ``states`` (Step, State, Steps, Sweep), ``partials`` (local partials and
the checks), ``evaluation``, ``forward``, ``adjoints`` (reverse mode's numbers),
``reverse`` (its steps), ``jacobian``.
"""

from .evaluation import Evaluation
from .forward import ForwardSweep
from .jacobian import Jacobian, jacobian
from .partials import local_partial, operand_values
from .adjoints import adjoints, reverse_order
from .reverse import ReverseSweep
from .states import State, Step, Steps, Sweep

__all__ = [
    "Evaluation",
    "ForwardSweep",
    "Jacobian",
    "ReverseSweep",
    "State",
    "Step",
    "Steps",
    "Sweep",
    "adjoints",
    "jacobian",
    "local_partial",
    "operand_values",
    "reverse_order",
]
