"""The gradient graph (the reverse sweep traced as a graph): its values are the gradient, its
forward sweep a Hessian-vector product, its Jacobian the Hessian. Oracles: sympy's symbolic
second derivatives, finite differences of the gradient, the operation table's numeric
partials, and a traced forward sweep differentiated in reverse (reverse-over-forward)."""

import math

import mpmath
import pytest
import sympy
from hypothesis import HealthCheck, assume, given, settings

from autodiff_core import DomainError, examples, trace
from autodiff_core.gradient_graph import GradientGraph
from autodiff_core.functions import PACKAGE, apply
from autodiff_core.ops import BUILTIN, FLOAT, OPS
from autodiff_core.tape import Tape
from autodiff_core.trace import Tracer
from test_properties import POINT, SYMPY, _kinks_away, _parse, expressions

# every op, in a function of two inputs whose Hessian is not trivially zero
EVERY_OP = {
    "add": "x*y + x*x",
    "sub": "x*y - y*y*x",
    "mul": "x*y*x",
    "div": "x/y",
    "neg": "-(x*x*y)",
    "pow": "x**y",
    "sin": "sin(x*y)",
    "cos": "cos(x*y)",
    "tan": "tan(x*y)",
    "exp": "exp(x*y)",
    "log": "log(x*y)",
    "sqrt": "sqrt(x*y)",
    "tanh": "tanh(x*y)",
    "sigmoid": "sigmoid(x*y)",
    "relu": "relu(x*y)*x",
    "abs": "abs(x - y)*x",
    "atan2": "atan2(x*y, x - y*y)",
    "hypot": "hypot(x*y, x - y)",
}
EXTRA = [
    "x**3*y",
    "2**(x*y)",
    "(x*y)**0.5",
    "y/x**2",
    "3/(x + y)",
    "x**y**0.5",
    "relu(x - y)*y",
    "x + y",
    "x",
    "x*0 + y",
    "sin(x)*cos(y) + x/y",
]
AT = {"x": 0.7, "y": 1.3}


# away from relu's kink (the tests keep there) its second derivative, a DiracDelta, is 0
AWAY_FROM_KINKS = {"DiracDelta": lambda *_: 0}


def sympy_hessian(text, inputs, point):
    syms = {n: sympy.Symbol(n, real=True) for n in inputs}
    # |u| as sqrt(u²), the same away from 0: sympy leaves d²|u| as Derivative(sign(u)), no number
    expr = sympy.sympify(text.replace("^", "**"), locals={**SYMPY, "abs": lambda u: sympy.sqrt(u**2), **syms})
    # evaluated with mpmath at 30 digits (lambdify): sympy's own evalf consults its assumptions
    # system on every subexpression, which can run for minutes on a random nested expression
    args = [syms[n] for n in inputs]
    with mpmath.workdps(30):
        at = [mpmath.mpf(point[n]) for n in inputs]
        return [
            [
                float(
                    sympy.lambdify(args, sympy.diff(expr, syms[r], syms[c]), modules=[AWAY_FROM_KINKS, "mpmath"])(*at)
                )
                for c in inputs
            ]
            for r in inputs
        ]


def assert_matrix(actual, expected, rel=1e-8, abs_=1e-8):
    for row_a, row_e in zip(actual, expected, strict=True):
        assert list(row_a) == pytest.approx(list(row_e), rel=rel, abs=abs_)


def assert_no_dead_nodes(G):
    """Every node of a gradient graph is used on the way to an output (the inputs aside)."""
    live = {o.index for o in G.outputs}
    for j in range(len(G) - 1, -1, -1):
        if j in live:
            live.update(G.nodes[j].parents)
    assert all(j in live or G.nodes[j].is_input for j in range(len(G)))


def test_every_op_has_a_case():
    assert set(EVERY_OP) == {op.name for op in BUILTIN if op.arity}


@pytest.mark.parametrize("name", sorted(EVERY_OP))
def test_traced_partials_give_the_op_tables_numbers(name):
    """The one partial, called with the package's namespace on traced values, records
    nodes whose value is the number it gives with the float namespace."""
    op = next(op for op in OPS if op.name == name)
    for args in ((0.7, 1.3), (1.9, 0.4), (-0.6, 2.0), (2.5, -1.5)):
        args = args[: op.arity]
        try:
            out = op.fn(*args)
            expected = [op.partials[k](FLOAT, *args, out) for k in range(op.arity)]
        except (ValueError, ZeroDivisionError):
            continue
        tape = Tape()
        traced = [tape.input(v) for v in args]
        t_out = tape.apply(op, *traced)
        got = [op.partials[k](PACKAGE, *traced, t_out) for k in range(op.arity)]
        got = [g.value if isinstance(g, Tracer) else g for g in got]
        assert got == pytest.approx(expected, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("text", list(EVERY_OP.values()) + EXTRA)
def test_hessian_against_sympy(text):
    inputs = tuple(n for n in ("x", "y") if n in text)
    point = {n: AT[n] for n in inputs}
    g = trace(text, **point)
    G = g.gradient_graph()
    assert isinstance(G, GradientGraph) and G.source is None
    assert G.value == pytest.approx(
        tuple(g.gradient().values()) if len(inputs) > 1 else g.gradient()[inputs[0]], rel=1e-12
    )
    H = sympy_hessian(text, inputs, point)
    hess = G.hessian()
    assert hess.sweeps == len(inputs)
    assert_matrix(hess.matrix, H)
    assert_matrix(G.jacobian("reverse").matrix, H)  # reverse-over-reverse: the rows
    assert len(G) <= 4 * len(g)
    assert_no_dead_nodes(G)


def test_relu_and_abs_have_zero_second_derivative():
    for text, x in (("relu(x)", 0.8), ("relu(x)", -0.8), ("abs(x)", -0.8), ("abs(x)", 0.8)):
        G = trace(text, x=x).gradient_graph()
        assert G.hessian().matrix == ((0.0,),)


def test_the_running_example_golden():
    g = examples.F.graph()
    G = g.gradient_graph()
    assert [nd.label for nd in G.nodes] == ["w⁰₁", "w⁰₂", "∂w¹₂/∂w⁰₁", "w̄⁰₁←w¹₁", "w̄⁰₁←w¹₂", "w̄⁰₁", "w̄⁰₂"]
    assert [G.formula(i) for i in range(len(G))] == [
        "x₁",
        "x₂",
        "cos(w⁰₁)",
        "1·w⁰₂",
        "1·∂w¹₂/∂w⁰₁",
        "w̄⁰₁←w¹₁ + w̄⁰₁←w¹₂",
        "1·w⁰₁",
    ]
    assert [o.label for o in G.outputs] == ["w̄⁰₁", "w̄⁰₂"]
    assert G.value == pytest.approx((5 + math.cos(2), 2.0))
    program = G.adjoint_program()
    assert "w̄² = 1   (the seed)" in program and "w̄¹₁ = 1" in program
    assert "w̄⁰₁ = w̄⁰₁←w¹₁ + w̄⁰₁←w¹₂ = 4.58385   ← ∂f/∂x1" in program
    assert "← ∂L/∂b" in examples.NEURON.graph().gradient_graph().adjoint_program()  # a named output keeps its name
    hv = G.hvp({"x1": 1.0, "x2": 0.0})
    assert hv == pytest.approx({"x1": -math.sin(2), "x2": 1.0})
    assert str(G).splitlines()[2] == "∂w¹₂/∂w⁰₁ = cos(w⁰₁) = −0.416147"


def test_names_are_unique_and_the_neuron_keeps_its_names():
    G = examples.NEURON.graph().gradient_graph()
    names = [nd.name for nd in G.nodes]
    assert all(isinstance(n, str) and n for n in names) and len(set(names)) == len(names)
    assert [o.label for o in G.outputs] == ["b̄", "w̄", "x̄"]
    y_hat = "y\u0302"  # ŷ as the package writes it: y and a combining circumflex
    assert {"u", "z", y_hat, "r", "∂L/∂r", f"∂{y_hat}/∂z", "r̄", "z̄"} <= set(names)
    y = G.node(y_hat).value
    assert G.node(f"∂{y_hat}/∂z").value == pytest.approx(y * (1 - y))


def test_primal_copies_keep_their_names_even_where_they_are_default_names_here():
    g = trace("x*y - y*y*x", x=0.7, y=1.3)
    G = g.gradient_graph()
    names = [nd.name for nd in G.nodes]
    assert len(set(names)) == len(names)
    assert G.node("w¹₂").value == g.node("w¹₂").value  # f's w¹₂ = y·y, recomputed
    with pytest.raises(KeyError):  # f's w¹₁ = x·y is not needed, and no default name
        G.node("w¹₁")  # of this graph's own levels stands in for it


def test_constant_and_missing_gradients_are_nodes():
    G = trace(lambda x, y: x + y, x=1.0, y=2.0).gradient_graph()
    assert G.value == (1.0, 1.0) and len({o.index for o in G.outputs}) == 2
    G = trace(lambda x, y: x * 3.0, x=1.0, y=2.0).gradient_graph()
    assert G.value == (3.0, 0.0) and G.hessian().matrix == ((0.0, 0.0), (0.0, 0.0))
    G = trace(lambda x: x, x=1.0).gradient_graph()
    assert G.value == 1.0 and not G.outputs[0].is_input


def test_one_output_only():
    g = trace(lambda x: (x * x, x + 1), x=1.0)
    with pytest.raises(ValueError, match="one output"):
        g.gradient_graph()


def reverse_over_forward(g, v: dict):
    """Trace the forward sweep (tangent program) of g in direction v, then one reverse
    sweep of it: ∇(∇f·v) = H·v."""

    def tangent_program(**xs):
        prim, tan = {}, {}
        for i, name in zip(g._inputs, g.input_names):
            prim[i], tan[i] = xs[name], v.get(name, 0.0)
        for j in range(len(g)):
            if j in prim:
                continue
            op, codes = OPS[g._op[j]], g.operand_codes(j)
            args = [prim[c] if c >= 0 else g._consts[-c - 1] for c in codes]
            prim[j] = apply(op, *args)
            tan[j] = sum(op.partials[k](PACKAGE, *args, prim[j]) * tan[c] for k, c in enumerate(codes) if c >= 0)
        t = tan[g._outputs[0]]
        return t if type(t) is Tracer else next(iter(xs.values())) * 0.0 + t

    return trace(tangent_program, **{nd.var: nd.value for nd in g.inputs}).gradient()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(expressions(), POINT)
def test_random_expressions(text, point):
    expr = _parse(text)
    pt = {n: point[n] for n in expr.inputs}
    try:
        g = trace(expr, **pt)
        G = g.gradient_graph()
        hess = G.hessian().matrix
    except DomainError:
        assume(False)
    assume(_kinks_away(text, pt) and all(abs(h) < 1e5 for row in hess for h in row))
    grad = g.gradient()
    values = G.value if isinstance(G.value, tuple) else (G.value,)
    assert values == pytest.approx(tuple(grad.values()), rel=1e-12, abs=1e-12)
    # atan2's partials are compound (b/(a² + b²), −a/(a² + b²)): up to 9 nodes more each
    assert len(G) <= 4 * len(g) + 9 * sum(1 for nd in g.nodes if nd.op.name == "atan2")
    assert_no_dead_nodes(G)
    # symmetric, and forward-over-reverse == reverse-over-reverse (the Hessian's rows)
    assert_matrix(hess, [list(r) for r in zip(*hess)], rel=1e-9, abs_=1e-9)
    assert_matrix(hess, G.jacobian("reverse").matrix, rel=1e-9, abs_=1e-9)
    # sympy's second derivatives
    assert_matrix(hess, sympy_hessian(text, expr.inputs, pt), rel=1e-7, abs_=1e-7)
    # HVP: one forward sweep of the gradient graph == central differences of the gradient,
    # == reverse-over-forward
    v = {n: 0.5 + k for k, n in enumerate(expr.inputs)}
    hv = G.hvp(v)
    h = 1e-5
    try:
        plus = trace(expr, **{n: pt[n] + h * v[n] for n in pt}).gradient()
        minus = trace(expr, **{n: pt[n] - h * v[n] for n in pt}).gradient()
    except DomainError:
        assume(False)
    assume(
        _kinks_away(text, {n: pt[n] + h * v[n] for n in pt}) and _kinks_away(text, {n: pt[n] - h * v[n] for n in pt})
    )
    for n in expr.inputs:
        assert hv[n] == pytest.approx((plus[n] - minus[n]) / (2 * h), rel=1e-4, abs=1e-4)
    rof = reverse_over_forward(g, v)
    for n in expr.inputs:
        assert hv[n] == pytest.approx(rof[n], rel=1e-9, abs=1e-9)


@pytest.mark.parametrize("mode", ["evaluate", "forward", "reverse"])
@pytest.mark.parametrize("example", [examples.F, examples.NEURON], ids=lambda e: e.key)
def test_the_step_through_opens_a_gradient_graph(example, mode):
    from autodiff_core.widgets import StepThrough

    G = example.graph().gradient_graph()
    w = StepThrough(G, mode=mode)
    assert w.model.error == "" and w.n_steps > 0
    for _ in range(3):
        w.next()
    assert w.index == 3 and "step 3 of" in w.frame.caption
    w.last()
    assert w.frame.caption.startswith(f"step {w.n_steps} of {w.n_steps}")


# -- nested dual numbers: perturbation confusion --------------------------------------------
def test_perturbation_confusion_and_the_tagged_fix():
    from autodiff_core.nested_dual import derivative

    def outer(tagged):
        return derivative(lambda x: x * derivative(lambda y: x + y, 5.0, tagged), 2.0, tagged)

    assert outer(True) == 1.0  # d/dy (x + y) = 1, then d/dx [x · 1] = 1
    assert outer(False) == 2.0  # one shared ε: the inner derivative also counts ẋ = 1


@pytest.mark.parametrize("tagged", [True, False])
def test_nested_duals_give_second_derivatives(tagged):
    from autodiff_core import nested_dual as nd

    second = nd.derivative(lambda x: nd.derivative(lambda z: z**3 + nd.sin(z), x, tagged), 1.2, tagged)
    assert second == pytest.approx(6 * 1.2 - math.sin(1.2), rel=1e-12)
    mixed = nd.derivative(lambda x: nd.derivative(lambda y: nd.exp(x * y), 1.0), 0.5)
    assert mixed == pytest.approx(math.exp(0.5) * 1.5, rel=1e-12)  # ∂²/∂x∂y e^{xy} at (0.5, 1)


@pytest.mark.parametrize("name", sorted(EVERY_OP))
def test_nested_duals_agree_with_the_gradient_graph(name):
    from autodiff_core import nested_dual as nd

    text = EVERY_OP[name]
    G = trace(text, **AT).gradient_graph()
    # ∂²f/∂x∂y by nesting: d/dx of (d/dy f)
    fns = {op.name: getattr(nd, op.name) for op in BUILTIN if op.arity and hasattr(nd, op.name)}
    f = eval(compile("lambda x, y: " + text, "<op>", "eval"), fns)  # our own op text, not user input
    mixed = nd.derivative(lambda x: nd.derivative(lambda y: f(x, y), AT["y"]), AT["x"])
    assert mixed == pytest.approx(G.hessian().matrix[0][1], rel=1e-10, abs=1e-12)
