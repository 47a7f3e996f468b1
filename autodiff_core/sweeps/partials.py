"""The numbers every derivative sweep needs: operand values, local partials from
the operation table, and the errors (domains, overflow) they raise."""

from __future__ import annotations

from ..errors import DomainError
from ..functions import not_finite
from ..codes import operand_value
from ..notation import number
from ..ops import ARITY as ARITY, FLOAT as FLOAT, FLOAT_PARTIALS, OPS
from ..ops import PARTIALS as TABLE_PARTIALS  # noqa: F401 - the sweeps' loops read it from here

INF = float("inf")
#: per op id (a position in ``ops.OPS``), kept in step with the table: its local partials
#: on floats, f(a, b, out); as the table writes them, f(FLOAT, a[, b], out); its number of operands
PARTIALS = FLOAT_PARTIALS
#: what evaluating a partial may raise where it is not defined
ARITH_ERRORS = (ValueError, ZeroDivisionError, OverflowError)


def operand_values(graph, j: int) -> tuple[float, float, float]:
    """(a, b, out) for node j: operand values (b = 0 for unary ops) and its value."""
    codes = graph.operand_codes(j)
    vals = [operand_value(c, graph.values, graph.constants) for c in codes]
    vals += [0.0] * (2 - len(vals))
    return vals[0], vals[1], graph.values[j]


def local_partial(graph, j: int, k: int) -> float:
    """∂w_j/∂(operand k) at the traced point, from the operation table."""
    a, b, out = operand_values(graph, j)
    try:
        d = OPS[graph.op_ids[j]].float_partials[k](a, b, out)
    except ARITH_ERRORS as e:
        raise derivative_error(graph, j, e) from None
    if not_finite(d):
        raise derivative_error(graph, j, None)
    return d


def partial_defined(graph, j: int, k: int) -> bool:
    """Is ∂w_j/∂(operand k) defined (and finite) at the traced point?"""
    try:
        local_partial(graph, j, k)
    except DomainError:
        return False
    return True


def derivative_error(graph, j: int, err) -> DomainError:
    """The error for a partial of node j not defined (or not finite) at the traced point."""
    nd = graph.nodes[j]
    op = nd.op
    where = ", ".join(f"{graph.nodes[p].label} = {number(graph.nodes[p].value)}" for p in nd.parents)
    why = op.domain or (str(err) if err else "not finite")
    if isinstance(err, OverflowError) or err is None:
        why = "the derivative is too large for a float (overflow)"
    return DomainError(
        f"cannot differentiate {nd.label} = {graph.formula(j)}: {why} where {where}",
        node=nd.name,
        rule=f"{nd.label} = {graph.formula(j)}",
        value=operand_values(graph, j)[0],
    )


def overflow_error(graph, j: int, what: str) -> DomainError:
    """The error for a tangent, adjoint or contribution of node j that overflows."""
    nd = graph.nodes[j]
    return DomainError(
        f"the {what} of {nd.label} = {graph.formula(j)} overflows to infinity",
        node=nd.name,
        rule=f"{nd.label} = {graph.formula(j)}",
    )
