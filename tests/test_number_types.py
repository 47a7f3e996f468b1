"""Every op of the table through every number type and sweep, and every number type the
same at the edges (one protocol: ops.py, operators.py, __autodiff_apply__).

Oracles: sympy's derivative of each op's own text template (so the table's partials and
the text a student reads are both checked, driven from the table), central differences,
and the float partials for the other number types."""

import math
import re

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, given, settings, strategies as st

import autodiff_core as ad
from autodiff_core import DomainError, Dual, ExpressionError, trace
from autodiff_core.expression_text import normalize
from autodiff_core.functions import apply
from autodiff_core.nested_dual import Nested, derivative
from autodiff_core.ops import BUILTIN, FLOAT, OPS
from autodiff_core.tape import Tracer
from test_properties import expressions

TABLE = [op for op in BUILTIN if op.arity]
CANDIDATES = ((0.7, 1.3), (1.9, -0.4), (-0.6, 2.0), (2.5, 0.5))
# sympy names for the few functions it spells otherwise (every other name is sympy's own)
SYMPY_NAMES = {
    "sigmoid": lambda z: 1 / (1 + sympy.exp(-z)),
    "relu": lambda z: sympy.Max(0, z),
    "abs": sympy.Abs,
    "hypot": lambda a, b: sympy.sqrt(a**2 + b**2),
    "sign": sympy.sign,
    "Step": lambda z: sympy.Heaviside(z, 0),
}


A, B = sympy.symbols("a b", real=True)


def symbolic(template, consts=(None, None)):
    """A template of the table (``<0>·<1>``, ``σ(<0>)``, ``[<0> > 0]``) as a sympy expression of a, b."""
    text = template(consts) if callable(template) else template
    text = text.replace("σ(", "sigmoid(").replace("[<0> > 0]", "Step(<0>)")
    text = re.sub(r"\|([^|]+)\|", r"abs(\1)", text).replace("<0>", "a").replace("<1>", "b")
    source, _ = normalize(text)
    return sympy.sympify(source, locals={**SYMPY_NAMES, "a": A, "b": B})


def points(op):
    """Points in the op's domain, where its partials are defined."""
    for args in CANDIDATES:
        args = args[: op.arity]
        try:
            out = op.fn(*args)
            [op.partials[k](FLOAT, *args, out) for k in range(op.arity)]
        except (ValueError, ZeroDivisionError):
            continue
        yield args


@pytest.mark.parametrize("op", TABLE, ids=lambda op: op.name)
def test_each_partial_and_its_text_are_sympys_derivative_of_the_ops_text(op):
    a, b = A, B
    f = symbolic(op.text)
    checked = 0
    for args in points(op):
        subs = dict(zip((a, b), args))
        assert float(f.evalf(subs=subs)) == pytest.approx(op.fn(*args), rel=1e-12)
        for k, sym in enumerate((a, b)[: op.arity]):
            exact = float(sympy.diff(f, sym).evalf(subs=subs))
            assert op.partials[k](FLOAT, *args, op.fn(*args)) == pytest.approx(exact, rel=1e-12, abs=1e-14)
            written = symbolic(op.partial_text[k])
            assert float(written.evalf(subs=subs)) == pytest.approx(exact, rel=1e-12, abs=1e-14)
            checked += 1
    assert checked >= op.arity * 2


@pytest.mark.parametrize("op", TABLE, ids=lambda op: op.name)
def test_every_op_through_every_number_type_and_sweep(op):
    for args in points(op):
        through_everything(op, args)


def through_everything(op, args):
    out = op.fn(*args)
    want = [op.partials[k](FLOAT, *args, out) for k in range(op.arity)]
    fn = getattr(ad, op.name, None) or (lambda *xs: apply(op, *xs))
    assert apply(op, *args) == out
    names = ("x", "y")[: op.arity]
    g = trace(lambda **xs: apply(op, *(xs[n] for n in names)), **dict(zip(names, args)))
    assert len(g) == op.arity + 1 and g.value == out
    assert list(g.gradient().values()) == pytest.approx(want, rel=1e-12)
    assert [g.forward(n).derivative for n in names] == pytest.approx(want, rel=1e-12)
    G = g.gradient_graph()
    assert list(G.evaluate().values[i] for i in G.output_indices) == pytest.approx(want, rel=1e-12)
    for k in range(op.arity):
        duals = [Dual(v, 1.0 if q == k else 0.0) for q, v in enumerate(args)]
        d = fn(*duals)
        assert (d.value, d.tangent) == pytest.approx((out, want[k]), rel=1e-12)
        nested = derivative(lambda t, k=k: fn(*(t if q == k else v for q, v in enumerate(args))), args[k])
        assert nested == pytest.approx(want[k], rel=1e-12)
    if op.ufuncs:
        x = Dual(args[0], 1.0)
        assert getattr(np, op.ufuncs[0])(x, *args[1:]).tangent == pytest.approx(want[0], rel=1e-12)
    if op.python:  # the Python operator gives the same node
        g2 = trace(lambda x: _operator(op)(x, *args[1:]), x=args[0])
        assert g2.nodes[-1].op is op and g2.value == out


def _operator(op):
    return {"add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b,
            "truediv": lambda a, b: a / b, "pow": lambda a, b: a**b, "neg": lambda a: -a,
            "abs": abs}[op.python]  # fmt: skip


def test_the_three_number_types_get_the_operators_from_one_mixin():
    from autodiff_core.operators import Operators

    for cls in (Tracer, Dual, Nested):
        assert issubclass(cls, Operators)
        for name in ("__add__", "__rpow__", "__neg__", "__abs__", "__lt__", "__array_ufunc__", "__round__"):
            assert hasattr(cls, name), (cls, name)


# -- the edges, the same on every number type ---------------------------------------------------
@pytest.mark.parametrize(
    "f, x, message",
    [
        (lambda x: ad.log(x - x), 1.0, "log"),
        (lambda x: 1 / (x - x), 1.0, "divisor"),
        (lambda x: ad.exp(x * 1000), 1.0, "overflow"),
        (lambda x: ad.sqrt(x), 0.0, "sqrt"),
        (lambda x: ad.atan2(x, x), 0.0, "atan2"),
        (lambda x: (x - 2) ** 0.5, 2.0, "pow"),
    ],
)
def test_nested_derivatives_raise_the_packages_domain_error(f, x, message):
    with pytest.raises(DomainError, match=message):
        derivative(f, x)
    with pytest.raises(DomainError):
        derivative(lambda t: derivative(f, t), x)
    with pytest.raises(DomainError):
        f(Dual(x, 1.0)).tangent  # noqa: B018 - the same on Duals
    with pytest.raises(DomainError):
        trace(f, x=x).forward("x")


def test_abs_and_comparisons_on_nested_duals_read_the_primal_value():
    assert derivative(abs, -2.0) == -1.0 and derivative(abs, 3.0) == 1.0
    assert derivative(lambda x: x * x if x > 0 else -x, 3.0) == 6.0
    assert derivative(lambda x: derivative(lambda y: x * y if y >= 1 else y, 2.0), 0.5) == 1.0
    seen = []
    derivative(lambda x: seen.extend([x < 2, x == 1, 0 < x, x != 1.0]) or x, 1.0)
    assert seen == [True, True, True, False] and all(type(v) is bool for v in seen)


def test_a_function_with_no_result_or_several_results():
    with pytest.raises(ExpressionError, match="returned None: did it forget `return`"):
        derivative(lambda x: None, 1.0)
    with pytest.raises(ExpressionError, match="returned 'a'"):
        derivative(lambda x: "a", 1.0)
    assert derivative(lambda x: (x * x, 3 * x, 2.0), 2.0) == (4.0, 3.0, 0.0)
    assert derivative(lambda x: [x * x, ad.sin(x)], 0.0) == (0.0, 1.0)
    assert derivative(lambda x: np.array([x * x, x]), 3.0) == (6.0, 1.0)
    with pytest.raises(ExpressionError, match="returned None"):
        trace(lambda x: None, x=1.0)


def test_dual_power_with_a_zero_tangent_exponent_is_a_structural_zero():
    d = Dual(-2.0, 1.0) ** Dual(2.0, 0.0)
    assert (d.value, d.tangent) == (4.0, -4.0)
    assert trace(lambda x, y: x**y, x=-2.0, y=2.0).forward("x").derivative == -4.0
    with pytest.raises(DomainError):
        Dual(-2.0, 0.0) ** Dual(2.0, 1.0)  # the exponent's partial needs log(−2)


# -- numpy --------------------------------------------------------------------------------------
def test_numpy_ufuncs_record_the_tables_op_on_traced_values_and_arrays():
    def f(x, y):
        a = np.sin(x) * np.float64(2.0) + np.exp(y) - np.sqrt(x) + np.abs(-x) + np.tanh(x) + np.log(y)
        v = np.cos(np.array([x, y])) * np.array([1.0, 3.0])
        return a + np.arctan2(y, x) + np.hypot(x, y) + v[0] + v[1] + x ** np.int64(2)

    def plain(x, y):
        a = math.sin(x) * 2 + math.exp(y) - math.sqrt(x) + abs(-x) + math.tanh(x) + math.log(y)
        return a + math.atan2(y, x) + math.hypot(x, y) + math.cos(x) + 3 * math.cos(y) + x**2

    g = trace(f, x=1.5, y=2.0)
    assert g.value == pytest.approx(plain(1.5, 2.0), rel=1e-14)
    fd = ad.numerical_gradient(plain, {"x": 1.5, "y": 2.0})
    assert g.gradient() == pytest.approx(fd, rel=1e-7)
    assert {nd.op.name for nd in g.nodes} >= {"sin", "exp", "sqrt", "abs", "tanh", "log", "atan2", "hypot", "cos"}


def test_other_ufuncs_are_refused_with_the_function_to_use():
    for value in (Dual(1.0, 1.0), Nested(1, 1.0, 1.0)):
        with pytest.raises(TypeError, match=r"np\.floor on a .*: numpy does not differentiate it.*sin, cos"):
            np.floor(value)
    with pytest.raises(TypeError, match=r"np\.add\.reduce"):
        trace(lambda x: np.add.reduce(x), x=1.0)


def test_a_list_or_array_of_traced_values_is_several_outputs():
    for make in (list, tuple, np.array):
        g = trace(lambda x, y, make=make: make([x * y, x + y]), x=2.0, y=3.0)
        assert [o.value for o in g.outputs] == [6.0, 5.0]
    assert len(trace(lambda x: np.array([[x, x * x], [x, x]]), x=2.0).outputs) == 4
    with pytest.raises(ExpressionError, match="output 2 .* does not depend on the inputs"):
        trace(lambda x: [x, 2.0], x=1.0)
    with pytest.raises(ExpressionError, match="an empty list"):
        trace(lambda x: [], x=1.0)


def test_numpy_integers_and_floats_are_accepted_as_ints_and_floats():
    g = trace(lambda x, y: (x * y, x + y), x=np.float32(2.0), y=np.int64(3))
    assert g.reverse(np.int64(1)).gradient == {"x": 1.0, "y": 1.0}
    assert g.reverse({np.int32(0): np.float64(2.0)}).gradient == {"x": 6.0, "y": 4.0}
    assert g.forward({"x": np.float32(1.0)}).state(np.int64(2)).step.index == 1
    assert ad.numerical_derivative(math.sin, np.float64(0.0), h=np.float64(1e-6)) == pytest.approx(1.0)


# -- built-ins that would turn a traced value into a constant -----------------------------------
@pytest.mark.parametrize(
    "f, message",
    [
        (lambda x: round(x), r"round\(\) of a traced value would make it a constant.*round\(x\.value\)"),
        (lambda x: x // 2, r"// of a traced value .*write x / y"),
        (lambda x: 7 // x, r"// of a traced value"),
        (lambda x: x % 2, r"% of a traced value .*x / y"),
        (lambda x: int(x), r"int\(\) of a traced value would drop it from the graph"),
        (lambda x: float(x), r"float\(\) of a traced value would drop it from the graph"),
        (lambda x: math.sin(x), r"math\.sin\(x\) and the other math\.\* functions.*sin, cos"),
        (lambda x: math.floor(x), r"rounding of a traced value"),
        (lambda x: f"{x:.3f}", r"format spec '\.3f' on a traced value: write f'\{x\.value:\.3f\}'"),
    ],
)
def test_builtins_that_drop_a_traced_value_say_what_to_write(f, message):
    with pytest.raises(TypeError, match=message):
        trace(f, x=1.5)


def test_str_and_plain_format_still_work():
    out = []
    trace(lambda x: out.append(f"{x}") or x, x=1.5)
    assert out == ["Tracer(node 0, value=1.5)"]
    assert "Dual" in f"{Dual(1.0, 2.0)}"


# -- a fuzz: nested duals raise only the package's errors ---------------------------------------
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expressions(), st.sampled_from([0.0, -1.0, 1e-300, 2.0, -7.5, 700.0, 1e200]))
def test_nested_duals_raise_only_the_packages_errors(text, x):
    try:
        expr = ad.parse(text)
    except ExpressionError:
        return
    names = expr.inputs

    def f(t):
        return expr(**{n: t for n in names}) if names else t

    try:
        second = derivative(lambda t: derivative(f, t), x)
    except DomainError:
        return
    assert isinstance(second, float) and math.isfinite(second)


def test_the_ops_list_is_the_live_table():
    assert OPS[: len(BUILTIN)] == list(BUILTIN)
