"""Custom rules (autodiff_core.primitive): a declared primitive is one node everywhere, its
derivative is the declared one, and a bad declaration is a clear RuleError. Oracles: central
differences of the evaluation, sympy for the nested second derivative, and closed forms."""

import json
import math
import re

import pytest
import sympy

import autodiff_core as ad
from autodiff_core import Dual, RuleError, check_partials, primitive, trace
from autodiff_core.custom import forget
from autodiff_core.nested_dual import derivative
from autodiff_core.ops import FUNCTIONS


@pytest.fixture
def declare():
    """primitive(), with every name declared in the test forgotten afterwards."""
    made = []

    def make(*args, **kwargs):
        f = primitive(*args, **kwargs)
        made.append(f)
        return f

    yield make
    for f in made:
        forget(f)


def stable_log_sigmoid(z):
    return -math.log1p(math.exp(-z)) if z > -30 else z


@pytest.fixture
def log_sigmoid(declare):
    return declare("log_sigmoid", stable_log_sigmoid, partials=lambda m, z, out: m.sigmoid(-z), text="logσ(<0>)")


def test_a_primitive_is_one_node_with_the_declared_derivative_where_the_naive_one_overflows(log_sigmoid):
    with pytest.raises(ad.DomainError):
        trace(lambda z: ad.log(ad.sigmoid(2 * z)), z=-800.0)  # σ(−1600) = 0: log(0)
    g = trace(lambda z: log_sigmoid(2 * z), z=-800.0)
    assert [nd.op.name for nd in g.nodes] == ["input", "mul", "log_sigmoid"]
    assert g.value == -1600.0 and g.gradient() == {"z": 2.0} and g.forward("z").derivative == 2.0


@pytest.mark.parametrize("z", [-3.0, -0.4, 0.0, 0.5, 4.0, 25.0])
def test_every_number_type_and_sweep_agrees_with_central_differences(log_sigmoid, z):
    h = 1e-6
    fd = (stable_log_sigmoid(z + h) - stable_log_sigmoid(z - h)) / (2 * h)
    g = trace(lambda x: log_sigmoid(x), x=z)
    assert g.gradient()["x"] == pytest.approx(fd, rel=1e-7)
    assert g.forward("x").derivative == g.gradient()["x"]
    assert log_sigmoid(Dual(z, 1.0)).tangent == g.gradient()["x"]
    assert derivative(log_sigmoid, z) == g.gradient()["x"]
    assert log_sigmoid(z) == stable_log_sigmoid(z)
    assert check_partials(log_sigmoid, z).ok


def test_second_derivatives_through_the_declared_partial_match_sympy(log_sigmoid):
    x, y = sympy.symbols("x y", real=True)
    f = -sympy.log(1 + sympy.exp(-x * y))
    at = {x: 0.5, y: 1.3}
    mixed = float(sympy.diff(f, x, y).evalf(subs=at))
    nested = derivative(lambda a: derivative(lambda b: log_sigmoid(a * b), 1.3), 0.5)
    assert nested == pytest.approx(mixed, rel=1e-12)
    H = trace(lambda x, y: log_sigmoid(x * y), x=0.5, y=1.3).gradient_graph().hessian().matrix
    assert H[0][1] == pytest.approx(mixed, rel=1e-12)
    assert H[0][0] == pytest.approx(float(sympy.diff(f, x, x).evalf(subs=at)), rel=1e-12)


def test_typed_expressions_steps_rules_drawing_and_player(log_sigmoid):
    from autodiff_core.player import data
    from autodiff_core.viz import svg

    g = trace("log_sigmoid(x*y) + x", x=0.5, y=2.0)
    r = g.reverse()
    rules = [st.rule for st in r.steps]
    assert "w̄¹ += w̄²·log_sigmoid′(w¹)" in rules
    assert g.formula(3) == "logσ(w¹)" and g.nodes[3].op_label == "log_sigmoid"
    assert "log_sigmoid" in svg(g.forward("x").state(2)) and "log_sigmoid" in svg(r.state(1))
    payload = json.dumps(data(r), ensure_ascii=False)
    assert "log_sigmoid" in payload and "logσ" in payload


def test_a_primitive_of_two_operands(declare):
    def logaddexp(a, b):
        top = max(a, b)
        return top + math.log(math.exp(a - top) + math.exp(b - top))

    lae = declare(
        "logaddexp",
        logaddexp,
        partials=(lambda m, a, b, out: m.exp(a - out), lambda m, a, b, out: m.exp(b - out)),
    )
    report = check_partials(lae, (0.3, -1.2), (1000.0, 999.0), (-2.0, 4.0))
    assert report.ok and len(report.rows) == 6
    g = trace("logaddexp(x, 2*y)", x=1000.0, y=499.5)  # exp(1000) would overflow
    s = 1 / (1 + math.exp(-1.0))
    assert g.gradient() == pytest.approx({"x": s, "y": 2 * (1 - s)}, rel=1e-12)
    assert g.formula(len(g) - 1) == "logaddexp(w⁰₁, w¹)"


def test_a_derivative_defined_at_a_kink(declare):
    safe = declare("safe_sqrt", math.sqrt, partials=lambda m, x, out: 0.0 if out == 0 else 0.5 / out)
    with pytest.raises(ad.DomainError):
        trace(lambda x: ad.sqrt(x), x=0.0).gradient()
    assert trace(lambda x: safe(x), x=0.0).gradient() == {"x": 0.0}
    assert trace(lambda x: safe(x), x=4.0).gradient() == {"x": 0.25}


def test_a_partial_may_be_written_with_the_result(declare):
    """A solver's derivative comes from the implicit function theorem at its result:
    x*(a) solves x³ + x = a, so dx*/da = 1/(3x*² + 1), written with <out>."""

    def solve(a):
        x = 0.0
        while abs(x**3 + x - a) > 1e-13 * max(1.0, abs(a)):
            x -= (x**3 + x - a) / (3 * x**2 + 1)
        return x

    root = declare("cubic_root", solve, partials=lambda m, a, out: 1 / (3 * out**2 + 1), text="x*(<0>)",
                   partial_text="1/(3·<out>² + 1)", partial_latex=r"\frac{1}{3 {<out>}^{2} + 1}")  # fmt: skip
    g = trace(lambda a: 2 * root(a), a=2.0)  # x*(2) = 1
    assert g.gradient() == {"a": 0.5}
    assert [st.numbers for st in g.reverse().steps][1] == "w̄⁰ += 2/(3·1² + 1) = 0.5"
    assert g.forward("a").steps[1].rule == "ẇ¹ = 1/(3·(w¹)² + 1)·ẇ⁰"
    assert g.partial(1, 0) == "1/(3·(w¹)² + 1)" and g.partial(1, 0, latex=True) == r"\frac{1}{3 {w^{1}}^{2} + 1}"
    assert trace(lambda a: root(a), a=10.0).gradient()["a"] == pytest.approx(1 / 13, rel=1e-15)  # x* = 2
    assert check_partials(root, 0.5, 10.0, -3.0).ok
    constant = declare("doubled", lambda x: 2 * x, partials=lambda m, x, out: 2.0, partial_text="2")
    assert trace(lambda x: constant(x), x=1.0).reverse().steps[0].rule == "w̄⁰ += w̄¹·2"


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"text": "<out> + <0>"}, "text '<out> + <0>' writes <out>, which is not one of its placeholders: <0>"),
        ({"partial_text": "<1>·<0>"}, "writes <1>, which is not one of its placeholders: <0> and <out> (the result)"),
        ({"partial_latex": r"\cos <x>"}, "writes <x>, which is not one of its placeholders"),
    ],
)
def test_a_template_with_an_unknown_placeholder_is_a_rule_error(kwargs, message):
    with pytest.raises(RuleError, match=re.escape(message)):
        primitive("f", math.sin, partials=lambda m, x, out: m.cos(x), **kwargs)
    assert "f" not in FUNCTIONS


def test_the_decorator_form_takes_the_function_name(declare):
    @primitive(partials=lambda m, x, out: 3 * x * x)
    def cube(x):
        return x**3

    try:
        assert cube.op.name == "cube" and FUNCTIONS["cube"] is cube.op
        assert trace("cube(x)", x=2.0).gradient() == {"x": 12.0}
    finally:
        forget(cube)
    assert "cube" not in FUNCTIONS


def test_check_partials_reports_a_wrong_partial(declare):
    wrong = declare("wrong_sin", math.sin, partials=lambda m, x, out: -m.cos(x))
    report = check_partials(wrong, 0.2, 1.0)
    assert not report.ok and all(not r.ok for r in report.rows)
    assert "DIFFERS" in str(report) and "some differ" in str(report)
    right = declare("right_log", math.log, partials=lambda m, x, out: 1 / x, arity=1)
    report = check_partials(right, -1.0, 2.0)  # log is not defined at -1: reported, not agreeing
    assert [r.ok for r in report.rows] == [False, True]
    assert report.rows[0].declared is None and report.rows[0].numeric is None and "not defined" in str(report)


def test_declaring_a_name_again_replaces_its_rule(declare):
    first = declare("twice", lambda x: 2 * x, partials=lambda m, x, out: 3.0)  # a slip
    g = trace("twice(x)", x=1.0)
    assert g.gradient() == {"x": 3.0}
    second = declare("twice", lambda x: 2 * x, partials=lambda m, x, out: 2.0)
    assert second.op is FUNCTIONS["twice"] and first.op is not second.op
    assert trace("twice(x)", x=1.0).gradient() == {"x": 2.0}


@pytest.mark.parametrize(
    "args, kwargs, message",
    [
        (("sin", math.sin), {"partials": lambda m, x, out: m.cos(x)}, "'sin' is already an operation"),
        (("pi", math.sin), {"partials": lambda m, x, out: m.cos(x)}, "'pi' is already an operation"),
        (("bad name", math.sin), {"partials": lambda m, x, out: 1.0}, "must be a Python name"),
        (("_hidden", math.sin), {"partials": lambda m, x, out: 1.0}, "must be a Python name"),
        (("f", 3.0), {"partials": lambda m, x, out: 1.0}, "fn must be a function of the operands, got 3.0"),
        (("f", lambda a, b, c: a), {"partials": lambda m, a, out: 1.0}, "fn must take one or two numbers"),
        (("f", lambda *xs: 0.0), {"partials": lambda m, a, out: 1.0}, "fn must take one or two numbers"),
        (("f", math.sin), {"partials": (lambda m, x, out: 1.0,) * 2}, "needs 1 partial, one per operand; got 2"),
        (("f", math.log), {"partials": lambda m, a, out: 1.0}, "cannot read fn's parameters; say how many"),
        (("f", math.log), {"partials": lambda m, a, out: 1.0, "arity": 3}, "arity must be 1 or 2"),
        (("f", lambda a, b: a), {"partials": lambda m, a, b, out: 1.0}, "needs 2 partials, one per operand; got"),
        (("f", math.sin), {"partials": 1.0}, "got 1.0, not a function or a list of them"),
        (("f", math.sin), {"partials": [2.0]}, "partial 1 must be a function (m, x, out), got 2.0"),
        (("f", math.sin), {"partials": lambda x: 1.0}, "partial 1 must take 3 arguments (m, x, out)"),
        (("f", math.sin), {"partials": lambda m, x, out: 1.0, "text": "f(x)"}, "text must be a string that writes <0>"),
    ],
)
def test_a_bad_declaration_is_a_clear_rule_error(args, kwargs, message):
    with pytest.raises(RuleError, match=message.replace("(", r"\(").replace(")", r"\)")):
        primitive(*args, **kwargs)
    assert "f" not in FUNCTIONS


def test_a_partial_or_evaluation_that_misbehaves_is_named_when_used(declare):
    text = declare("texty", lambda x: x, partials=lambda m, x, out: "1")
    with pytest.raises(RuleError, match=r"the partial 1 of texty at \(2\) returned '1', not a number"):
        trace(lambda x: text(x), x=2.0).gradient()
    with pytest.raises(RuleError, match="returned '1', not a number"):
        text(Dual(2.0, 1.0))
    raises = declare("raises", lambda x: x, partials=lambda m, x, out: undefined_name)  # noqa: F821
    with pytest.raises(RuleError, match="the partial 1 of raises at .* raised NameError"):
        trace(lambda x: raises(x), x=2.0).reverse()
    with_math = declare("with_math", math.exp, partials=lambda m, x, out: math.exp(x))
    assert trace(lambda x: with_math(x), x=1.0).gradient() == {"x": math.e}  # floats: fine
    with pytest.raises(RuleError, match=r"m\.exp\(x\), not math\.exp\(x\)"):
        derivative(lambda x: derivative(with_math, x), 1.0)
    none = declare("gives_none", lambda x: None, partials=lambda m, x, out: 1.0)
    with pytest.raises(RuleError, match=r"gives_none\(1\) returned None, not a number"):
        trace(lambda x: none(x), x=1.0)
    domain = declare("only_positive", math.log, partials=lambda m, x, out: 1 / x, domain="needs x > 0", arity=1)
    with pytest.raises(ad.DomainError, match="needs x > 0"):
        trace(lambda x: domain(x), x=-1.0)


def test_a_symbol_that_looks_like_markup_is_escaped_in_the_drawing(declare):
    from autodiff_core.viz import svg

    declare("tagged", lambda x: x, partials=lambda m, x, out: 1.0, symbol="<b>&")
    drawing = svg(trace("tagged(x)", x=1.0).evaluate().state(2))
    assert "<b>&" not in drawing and "&lt;b&gt;&amp;" in drawing
