"""Predict-then-check exercises: the student answers, the engine checks.

A lesson asks for a prediction (the tangent of a node, the contribution an
edge sends back, the derivative rule of cos, ...), the student writes it into
a variable that starts as ``None``, and a check cell calls one of the
functions below. Each returns a :class:`Feedback`: right, close, wrong (with a
hint that points at the rule, never at the number), or "not answered yet"
while the answer is still ``None``. A check never raises on a student's
answer, so a notebook with its exercises unanswered still runs top to bottom.

The reference is always the engine: the graph's values, a forward or reverse
sweep, the operation table, ``graph.jacobian``, or the finite differences of
:mod:`autodiff_core.numeric`.

One module per topic: ``feedback`` (what every check shares), ``graphs`` (01),
``forward`` (02), ``dual_numbers`` (02), ``reverse`` (03, 06), ``rules`` (derivative
rules and AD rules, 02, 03), ``cost`` (04),
``finite_differences`` (05), ``control`` (08), ``training`` (10). This package
re-exports the checks of lessons 01-06, and the shared helpers that ``control``
and ``training`` import from it.
"""

from ..numeric import exact_derivative, one_variable
from .cost import check_mode, check_operations, check_sweeps
from .feedback import Feedback

# the shared helpers, re-exported: control, training and later topics import them from here
from .feedback import ATOL, CLOSE, RTOL, _Invalid, _UNANSWERED, _as_int, _as_number  # noqa: F401
from .feedback import _checked, _graph, _matches, _near, _node, _numeric_verdict  # noqa: F401
from .feedback import _reveals, _right, _values_of, _wrong  # noqa: F401
from .dual_numbers import check_dual
from .finite_differences import check_best_step, check_evaluations
from .forward import check_tangent
from .graphs import check_level, check_node_count, check_value
from .reverse import check_adjoint, check_adjoint_contribution, check_gradient
from .rules import check_adjoint_rule, check_rule, check_tangent_rule

__all__ = [
    "Feedback",
    "check_adjoint",
    "check_adjoint_contribution",
    "check_adjoint_rule",
    "check_best_step",
    "check_dual",
    "check_evaluations",
    "check_gradient",
    "check_level",
    "check_mode",
    "check_node_count",
    "check_operations",
    "check_rule",
    "check_sweeps",
    "check_tangent",
    "check_tangent_rule",
    "check_value",
    "exact_derivative",
    "one_variable",
]
