"""Predict-then-check exercises: the student answers, the engine checks.

A lesson asks for a prediction (the tangent of a node, the contribution an
edge sends back, the derivative rule of cos, ...), the student writes it into
a variable that starts as ``None``, and a check cell calls one of the
functions below. Each returns a :class:`Feedback`: right, close, wrong (with a
hint that names the slip, never the number), or "not answered yet"
while the answer is still ``None``. A check never raises on a student's
answer, so a notebook with its exercises unanswered still runs top to bottom.

**How a check is called.** What the question is about comes first (the graph or
sweep, the node, the operation's name, the function and the point), the answer
last::

    check_value(graph, "w1_1", my_answer)
    check_jvp(graph, {"x1": 1.0, "x2": 2.0}, my_answer)

The answer may also be given as ``answer=``; settings with a default are keywords
(``seed=``, ``scheme=``, ``x=``, ``per_iteration=``). The answer-first order of
earlier lessons (``check_jvp(answer, graph, seed=...)``) still works where the
types tell the two apart. Arguments that are about the question (an unknown node,
input or output, a graph that is not one) raise an :class:`ArgumentError` that
lists what is valid; see :mod:`.calls`.

The reference is always the engine: the graph's values, a forward or reverse
sweep, the operation table, ``graph.jacobian``, or the finite differences of
:mod:`autodiff_core.numeric`.

One module per topic: ``feedback`` (what every check shares), ``calls`` (the
convention), ``graphs`` (01, 08), ``forward`` (02), ``dual_numbers`` (02),
``reverse`` and ``slips`` (03, 06), ``rules`` and ``ad_rules`` (derivative rules and
AD rules, 02, 03; ``student_code`` runs the student's functions), ``cost`` (04),
``finite_differences`` (05), ``jvp`` (07), ``control`` (08), ``memory`` (09),
``training``, ``engine`` and ``engine_loop`` (10), ``second_order`` (11), ``lies``,
``custom_rules`` and ``pile_up`` (12). This package re-exports the checks of lessons 00–11,
all but lesson 10's checks of a student's own ``Value`` class (``engine``, ``engine_loop``),
which take that class; lesson 12 imports its checks from their modules.
"""

from ..numeric import exact_derivative, one_variable
from .ad_rules import check_adjoint_rule, check_tangent_rule
from .calls import checker
from .control import check_kink_derivative, check_loop_derivative
from .cost import check_mode, check_operations, check_sweeps
from .dual_numbers import check_dual
from .feedback import ArgumentError, Feedback

from .finite_differences import check_best_step, check_evaluations
from .forward import check_tangent
from .graphs import check_level, check_node_count, check_value
from .jvp import check_jvp, check_sweeps_needed, check_vjp
from .memory import check_best_k, check_kept_values, check_peak_stored, check_recomputed
from .reverse import check_adjoint, check_adjoint_contribution, check_gradient
from .rules import check_rule
from .second_order import check_hessian_sweeps, check_hvp, check_nested_derivative, check_newton_step
from .training import check_accumulated_grad, check_logit_gradient

__all__ = [
    "ArgumentError",
    "Feedback",
    "check_accumulated_grad",
    "check_adjoint",
    "check_adjoint_contribution",
    "check_adjoint_rule",
    "check_best_k",
    "check_best_step",
    "check_dual",
    "check_evaluations",
    "check_gradient",
    "check_hessian_sweeps",
    "check_hvp",
    "check_jvp",
    "check_kept_values",
    "check_kink_derivative",
    "check_level",
    "check_logit_gradient",
    "check_loop_derivative",
    "check_mode",
    "check_nested_derivative",
    "check_newton_step",
    "check_node_count",
    "check_operations",
    "check_peak_stored",
    "check_recomputed",
    "check_rule",
    "check_sweeps",
    "check_sweeps_needed",
    "check_tangent",
    "check_tangent_rule",
    "check_value",
    "check_vjp",
    "checker",
    "exact_derivative",
    "one_variable",
]
