"""autodiff_core: forward- and reverse-mode automatic differentiation, step by step.

Trace ordinary Python code (or a typed expression) into a computation graph,
then run the primal, forward (tangent) and reverse (adjoint) sweeps as recorded
steps that can be replayed, drawn and tabulated. Standard library only.
"""

from . import examples, functions
from . import gradient_graph as gradient_graph  # registers Graph.gradient_graph()
from .custom import check_partials, primitive
from .dual import Dual
from .errors import DomainError, ExpressionError, RuleError
from .expression import Expression, parse
from .functions import abs, atan2, cos, exp, hypot, log, relu, sigmoid, sin, sqrt, tan, tanh  # noqa: A004 - the student's abs
from .graph import Graph
from .node import Constant, Node
from .numeric import numerical_derivative, numerical_gradient
from .ops import OPS, Op
from .sweeps.evaluation import Evaluation
from .sweeps.forward import ForwardSweep
from .sweeps.jacobian import Jacobian
from .sweeps.reverse import ReverseSweep
from .sweeps.states import State, Step
from .tape import Tracer
from .trace import trace
from .version import __version__ as __version__

__all__ = [
    "Constant",
    "Dual",
    "DomainError",
    "Evaluation",
    "Expression",
    "ExpressionError",
    "ForwardSweep",
    "Graph",
    "Jacobian",
    "Node",
    "OPS",
    "Op",
    "ReverseSweep",
    "RuleError",
    "State",
    "Step",
    "Tracer",
    "abs",
    "atan2",
    "check_partials",
    "cos",
    "examples",
    "exp",
    "hypot",
    "log",
    "numerical_derivative",
    "numerical_gradient",
    "parse",
    "primitive",
    "relu",
    "sigmoid",
    "sin",
    "sqrt",
    "tan",
    "tanh",
    "trace",
]
__all__ += [name for name in functions.NAMES if name not in __all__]  # an op added to the table


def __getattr__(name: str):
    """The student's function of any op of the table (``autodiff_core.hypot``), also one
    added after this file was written."""
    if name in functions.NAMES:
        return getattr(functions, name)
    raise AttributeError(f"module 'autodiff_core' has no attribute {name!r}")
