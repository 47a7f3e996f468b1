"""autodiff_core: forward- and reverse-mode automatic differentiation, step by step.

Trace ordinary Python code (or a typed expression) into a computation graph,
then run the primal, forward (tangent) and reverse (adjoint) sweeps as recorded
steps that can be replayed, drawn and tabulated. Standard library only.
"""

from . import examples
from . import gradient_graph as gradient_graph  # registers Graph.gradient_graph()
from .dual import Dual
from .errors import DomainError, ExpressionError
from .expression import Expression, parse
from .functions import abs, cos, exp, log, relu, sigmoid, sin, sqrt, tan, tanh  # noqa: A004 - the student's abs, for traced values too
from .graph import Graph
from .node import Constant, Node
from .numeric import numerical_derivative, numerical_gradient
from .ops import OPS, Op
from .sweeps import Evaluation, ForwardSweep, Jacobian, ReverseSweep, State, Step
from .tape import Tracer
from .trace import trace

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
    "State",
    "Step",
    "Tracer",
    "abs",
    "cos",
    "examples",
    "exp",
    "log",
    "numerical_derivative",
    "numerical_gradient",
    "parse",
    "relu",
    "sigmoid",
    "sin",
    "sqrt",
    "tan",
    "tanh",
    "trace",
]
