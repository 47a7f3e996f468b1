"""Random expressions: forward sweeps, the reverse sweep, dual numbers, sympy's
symbolic derivative and central differences must all agree."""

import math

import mpmath
import pytest
import sympy
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from autodiff_core import DomainError, Dual, ExpressionError, numerical_gradient, parse, trace
from autodiff_core.ops import BUILTIN, FUNCTIONS

NAMES = ("x1", "x2", "x3")
# every function of the table (a new op joins the random expressions by itself)
UNARY = tuple(name for name, op in FUNCTIONS.items() if op in BUILTIN and op.arity == 1)
BINARY = tuple(name for name, op in FUNCTIONS.items() if op in BUILTIN and op.arity == 2)
SYMPY = {
    "sigmoid": lambda z: 1 / (1 + sympy.exp(-z)),
    "relu": lambda z: sympy.Max(0, z),
    "abs": sympy.Abs,
    "sin": sympy.sin,
    "cos": sympy.cos,
    "tan": sympy.tan,
    "tanh": sympy.tanh,
    "exp": sympy.exp,
    "log": sympy.log,
    "sqrt": sympy.sqrt,
    "atan2": sympy.atan2,
    "hypot": lambda a, b: sympy.sqrt(a**2 + b**2),
}


def expressions(depth=4):
    leaf = st.one_of(
        st.sampled_from(NAMES), st.sampled_from(NAMES), st.integers(1, 5).map(str), st.sampled_from(["0.5", "2.5"])
    )

    def extend(inner):
        return st.one_of(
            st.tuples(inner, st.sampled_from(["+", "-", "*", "/"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            st.tuples(st.sampled_from(UNARY), inner).map(lambda t: f"{t[0]}({t[1]})"),
            st.tuples(st.sampled_from(BINARY), inner, inner).map(lambda t: f"{t[0]}({t[1]}, {t[2]})"),
            st.tuples(inner, st.sampled_from(["2", "3", "0.5"])).map(lambda t: f"({t[0]})**{t[1]}"),
            inner.map(lambda e: f"(-{e})"),
        )

    return st.recursive(leaf, extend, max_leaves=8)


def _parse(text):
    try:
        expr = parse(text)
    except ExpressionError:  # a constant part like log(-1): not a graph to test
        assume(False)
    assume(expr.inputs)
    return expr


POINT = st.fixed_dictionaries({n: st.floats(0.2, 2.0) for n in NAMES})


def _kinks_away(expr_text, point):
    """relu/abs have kinks at 0: keep away from them so derivatives are defined."""
    g = trace(expr_text, **{n: point[n] for n in parse(expr_text).inputs})
    return all(
        abs(g.nodes[nd.parents[0]].value if nd.parents else 1.0) > 1e-6  # a value 0 is a kink
        for nd in g.nodes
        if nd.op.name in ("relu", "abs")
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(expressions(), POINT)
def test_all_modes_agree(text, point):
    expr = _parse(text)
    pt = {n: point[n] for n in expr.inputs}
    try:
        g = trace(expr, **pt)
        grad = g.gradient()
        tangents = {n: g.forward(n).derivative for n in expr.inputs}
    except DomainError:
        assume(False)
    assume(all(abs(v) < 1e6 for v in grad.values()) and abs(g.value) < 1e6)
    assume(_kinks_away(text, pt))

    # forward sweeps == reverse sweep
    for n in expr.inputs:
        assert tangents[n] == pytest.approx(grad[n], rel=1e-9, abs=1e-9)
    # dual numbers, one input at a time
    for n in expr.inputs:
        d = expr(**{m: Dual(v, 1.0 if m == n else 0.0) for m, v in pt.items()})
        assert d.value == pytest.approx(g.value, rel=1e-12, abs=1e-12)
        assert d.tangent == pytest.approx(grad[n], rel=1e-9, abs=1e-9)
    # sympy's symbolic derivative
    syms = {n: sympy.Symbol(n, positive=True) for n in expr.inputs}
    sym_expr = sympy.sympify(text.replace("^", "**"), locals={**SYMPY, **syms})
    # evaluated with mpmath at 30 digits: sympy's own evalf asks its assumptions system
    # about every subexpression, which on some nested expressions runs for many minutes
    args = [syms[n] for n in expr.inputs]
    with mpmath.workdps(30):
        at = [mpmath.mpf(pt[n]) for n in expr.inputs]
        for n in expr.inputs:
            derivative = sympy.lambdify(args, sympy.diff(sym_expr, syms[n]), modules="mpmath")
            exact = float(derivative(*at))
            assert grad[n] == pytest.approx(exact, rel=1e-8, abs=1e-8)
    # central differences, loosely
    fd = numerical_gradient(lambda **kw: expr(**kw), pt)
    for n in expr.inputs:
        assert grad[n] == pytest.approx(fd[n], rel=1e-4, abs=1e-4)


@settings(max_examples=60, deadline=None)
@given(expressions(), POINT)
def test_replay_every_state(text, point):
    expr = _parse(text)
    try:
        g = trace(expr, **{n: point[n] for n in expr.inputs})
        rev = g.reverse()
    except DomainError:
        assume(False)
    total = [None] * len(g)
    total[g.outputs[0].index] = 1.0
    for k in range(rev.n_steps + 1):
        state = rev.state(k)
        if k:
            s = rev.steps[k - 1]
            total[s.node] = s.result if total[s.node] is None else total[s.node] + s.result
            assert state.adjoints[s.node] == pytest.approx(total[s.node])
        for a, t in zip(state.adjoints, total):
            if t is not None:
                assert a == pytest.approx(t)
            elif k < rev.n_steps:
                assert a is None  # unknown, never a made-up 0
    assert sum(1 for _ in g.edges) == rev.n_steps
    # every state at once (one pass, for the player) is every state one at a time
    assert list(rev.states()) == [rev.state(k) for k in range(rev.n_steps + 1)]
    fwd = g.forward(seed=expr.inputs[0])
    assert list(fwd.states()) == [fwd.state(k) for k in range(fwd.n_steps + 1)]


def test_dual_agrees_with_the_chapter():
    from autodiff_core import sin

    x = Dual(1.5, 1.0)
    y = sin(x**2 + 1)
    assert y.val == pytest.approx(-0.10819513453010837, abs=1e-12)
    assert y.deriv == pytest.approx(math.cos(1.5**2 + 1) * 2 * 1.5, abs=1e-12)
