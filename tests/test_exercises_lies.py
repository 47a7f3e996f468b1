"""Lesson 12's checks: what AD gives at a kink or an ``x == 0`` branch, the implicit
derivative of a solution, and a custom rule's declared partial. Oracles: derivatives worked
out by hand (relu(x) − relu(−x) = x; (eˣ − 1)/x → ½ at 0; dx*/da = 1/(3x*² + 1) for
x³ + x = a), sympy, the loop of a never-reset .grad written out in fractions, and the rule
that a wrong answer is never marked right."""

import fractions
import math

import numpy as np
import pytest
import sympy
from hypothesis import given, settings, strategies as st

from autodiff_core import exp, sin
from autodiff_core.exercises.custom_rules import (
    POINTS,
    check_log_sigmoid_partial,
    check_partial_rule,
    log_sigmoid_value,
)
from autodiff_core.exercises.lies import check_ad_derivative, check_implicit_derivative
from autodiff_core.exercises.pile_up import check_no_reset_steps

KINK = "relu(x) - relu(-x)"  # = x, slope 1 everywhere; AD gives 0 at 0
CUBIC = "x**3 + x - a"  # x*(2) = 1, dx*/da = 1/(3·1 + 1)
ODD = ("zero", "", float("nan"), float("inf"), 10**400, True, [0], {0: 1}, object(), 1j, b"0")


def exprel(x):
    return (exp(x) - 1) / x if x != 0 else 1.0


def sinc(x):
    return sin(x) / x if x != 0 else 1.0


def sigma(z):
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


# -- check_ad_derivative ------------------------------------------------------------------------
@pytest.mark.parametrize("mode", ["forward", "reverse"])
def test_the_kink_ad_gives_0_where_the_slope_is_1(mode):
    fb = check_ad_derivative(KINK, 0.0, 0, mode=mode)
    assert fb.status == "right" and "although the function's slope is 1" in fb.message
    assert "relu's rule [u > 0]" in fb.message and "w² = relu(w¹₂)" in fb.message
    wrong = check_ad_derivative(KINK, 0.0, answer=1.0, mode=mode)
    assert wrong.status == "wrong" and "that is the true derivative" in wrong.message
    assert check_ad_derivative(KINK, 0.5, 1.0, mode=mode).status == "right"  # away from the kink AD is right


def test_a_corner_is_named_and_the_central_difference_is_not_ads_answer():
    assert "corner" in check_ad_derivative("relu(x)", 0.0, 0.0, mode="reverse").message
    half = check_ad_derivative("relu(x)", 0.0, 0.5, mode="reverse")
    assert half.status == "wrong" and "average of the slopes" in half.message
    for side, slope in (("right", 1.0), ("left", -1.0)):
        fb = check_ad_derivative("abs(x)", 0.0, slope, mode="reverse")
        assert fb.status == "wrong" and f"just to the {side}" in fb.message
    assert check_ad_derivative("abs(x)", 0.0, "undefined").status == "wrong"
    assert "returns the number" in check_ad_derivative("abs(x)", 0.0, "nan").message


def test_a_branch_on_x_equal_to_0_is_differentiated_as_a_constant():
    # (eˣ − 1)/x = 1 + x/2 + x²/6 + ...: slope ½ at 0, which AD cannot see
    x = sympy.Symbol("x")
    true = sympy.limit(sympy.diff((sympy.exp(x) - 1) / x, x), x, 0)
    assert true == sympy.Rational(1, 2)
    for mode in ("forward", "reverse"):
        fb = check_ad_derivative(exprel, 0.0, 0.0, mode=mode)
        assert fb.status == "right" and "returns a constant" in fb.message
        assert "true derivative" in check_ad_derivative(exprel, 0.0, float(true), mode=mode).message
    assert "the value f(0)" in check_ad_derivative(exprel, 0.0, 1.0).message
    # sinc's slope at 0 is 0 too: the branch is right, by symmetry
    assert "give the function's slope too" in check_ad_derivative(sinc, 0.0, 0.0).message


def test_smooth_points_sign_slips_and_generic_hints():
    assert check_ad_derivative("sin(x)", 1.0, math.cos(1.0)).status == "right"
    assert "sign" in check_ad_derivative("sin(x)", 1.0, -math.cos(1.0)).message
    generic = check_ad_derivative(KINK, 0.0, 0.5, mode="reverse")
    assert generic.status == "wrong" and "exactly" in generic.message


@pytest.mark.parametrize("odd", ODD)
def test_odd_answers_give_feedback_not_errors(odd):
    fb = check_ad_derivative(KINK, 0.0, odd)
    assert fb.status in ("invalid", "wrong") and not fb
    assert check_implicit_derivative(CUBIC, 1.0, 2.0, odd).status == "invalid"
    assert check_log_sigmoid_partial(odd).status == "invalid"
    assert check_no_reset_steps(odd).status == "invalid"
    assert check_no_reset_steps([0, -1, -1, 0, 1, odd]).status == "invalid"  # one odd iterate among six


def test_unanswered_and_the_authors_mistakes():
    assert check_ad_derivative(KINK, 0.0, None).status == "unanswered"
    assert check_implicit_derivative(CUBIC, 1.0, 2.0, None).status == "unanswered"
    assert check_log_sigmoid_partial(None).status == "unanswered"
    with pytest.raises(TypeError, match="mode"):
        check_ad_derivative(KINK, 0.0, 0.0, mode="sideways")
    with pytest.raises(TypeError, match="cannot differentiate"):
        check_ad_derivative("sqrt(x)", 0.0, 0.0)
    with pytest.raises(TypeError, match="not a solution"):
        check_implicit_derivative(CUBIC, 1.0, 3.0, 0.25)
    with pytest.raises(TypeError, match="∂F/∂x is 0"):
        check_implicit_derivative("x**2 - a", 0.0, 0.0, 1.0)
    with pytest.raises(TypeError, match="written in x and a"):
        check_implicit_derivative("x**2 - b", 1.0, 1.0, 0.5)


# -- check_implicit_derivative -----------------------------------------------------------------
@pytest.mark.parametrize("x, a", [(1.0, 2.0), (2.0, 10.0), (-1.0, -2.0), (0.5, 0.625)])
def test_the_implicit_derivative_against_sympy(x, a):
    xs, as_ = sympy.symbols("x a")
    F = xs**3 + xs - as_
    reference = float((-sympy.diff(F, as_) / sympy.diff(F, xs)).subs({xs: x, as_: a}))
    fb = check_implicit_derivative(CUBIC, x, a, reference)
    assert fb.status == "right" and "F_x·dx*/da + F_a = 0" in fb.message
    assert check_implicit_derivative(lambda x, a: x**3 + x - a, x, a, answer=reference).status == "right"


def test_the_implicit_derivative_names_each_misconception():
    assert "the sign" in check_implicit_derivative(CUBIC, 1.0, 2.0, -0.25).message
    assert "upside down" in check_implicit_derivative(CUBIC, 1.0, 2.0, 4.0).message  # −F_x/F_a
    assert "upside down" in check_implicit_derivative(CUBIC, 1.0, 2.0, -4.0).message
    assert "∂F/∂a" in check_implicit_derivative(CUBIC, 1.0, 2.0, -1.0).message
    # x·a − 2 = 0 at (1, 2): F_x = a = 2, F_a = x = 1, dx*/da = −1/2
    F = "x*a - 2"
    assert check_implicit_derivative(F, 1.0, 2.0, -0.5).status == "right"
    # at (0.5, 4): F_x = 4, F_a = 0.5, dx*/da = −1/8; 1/F_x = 1/4 leaves F_a out
    assert check_implicit_derivative(F, 0.5, 4.0, -0.125).status == "right"
    assert "∂F/∂x at the solution" in check_implicit_derivative(F, 0.5, 4.0, 4.0).message
    assert "upside down" in check_implicit_derivative(F, 0.5, 4.0, -8.0).message
    assert "you left out ∂F/∂a" in check_implicit_derivative(F, 0.5, 4.0, 0.25).message
    assert "chain rule" in check_implicit_derivative(CUBIC, 1.0, 2.0, 1 / 3).message  # forgot the + 1


# -- check_partial_rule / check_log_sigmoid_partial -----------------------------------------------
def test_log_sigmoid_value_against_sympy():
    z = sympy.Symbol("z")
    exact = sympy.log(1 / (1 + sympy.exp(-z)))
    for v in (-40.0, -3.0, 0.0, 2.5, 40.0):
        assert log_sigmoid_value(v) == pytest.approx(float(exact.subs(z, v).evalf(30)), rel=1e-14)
    assert log_sigmoid_value(-800.0) == -800.0  # where log(σ(z)) is log(0)


def test_the_log_sigmoid_partial_right_and_its_slips():
    right = check_log_sigmoid_partial(lambda m, z, out: m.sigmoid(-z))
    assert right.status == "right" and "caveat" not in right.message
    assert check_log_sigmoid_partial(lambda m, z, out: m.exp(-z) / (1 + m.exp(-z))).status == "right"
    rounded = check_log_sigmoid_partial(lambda m, z, out: 1 - m.sigmoid(z))
    assert rounded.status == "right" and "caveat" in rounded.message and "z = 40" in rounded.message
    expected = {
        "mirror image": lambda m, z, out: m.sigmoid(z),
        "sign is flipped": lambda m, z, out: -m.sigmoid(-z),
        "the slope of σ": lambda m, z, out: m.sigmoid(z) * (1 - m.sigmoid(z)),
        "the log's derivative alone": lambda m, z, out: 1 / m.sigmoid(z),
        "value (out)": lambda m, z, out: out,
        "2 times the slope": lambda m, z, out: 2 * m.sigmoid(-z),
        "it agrees at z = 0 but not": lambda m, z, out: 0.5,
    }
    for words, partial in expected.items():
        fb = check_log_sigmoid_partial(partial)
        assert fb.status == "wrong" and words in fb.message, (words, fb.message)


def test_a_partial_that_misbehaves_is_reported_with_its_real_error():
    def name_error(m, z, out):
        return sigmoid_of_z  # noqa: F821

    fb = check_log_sigmoid_partial(name_error)
    assert fb.status == "invalid" and "NameError" in fb.message and "sigmoid_of_z" in fb.message
    assert "ZeroDivisionError" in check_log_sigmoid_partial(lambda m, z, out: 1 / (z - z)).message
    assert "three arguments" in check_log_sigmoid_partial(lambda m, z: 1.0).message
    said = check_log_sigmoid_partial(lambda m, z, out: "1").message
    assert "what your partial returned at z = " in said and said.endswith("must be a real number, got '1'.")
    assert "too large for a float" in check_log_sigmoid_partial(lambda m, z, out: 10**400).message
    fb = check_log_sigmoid_partial(lambda m, z, out: float("nan"))
    assert fb.status == "invalid" and "must be finite: it is not a number (NaN)" in fb.message


def test_any_function_and_its_domain():
    assert check_partial_rule(math.sin, lambda m, z, out: m.cos(z)).status == "right"
    assert check_partial_rule(math.sqrt, answer=lambda m, z, out: 0.5 / out).status == "right"  # z > 0 only
    assert "2 times" in check_partial_rule(math.sqrt, lambda m, z, out: 1 / out).message
    with pytest.raises(TypeError, match="fewer than two"):
        check_partial_rule(math.sqrt, lambda m, z, out: 0.5 / out, points=(-1.0, 4.0))
    with pytest.raises(TypeError, match="fn must be"):
        check_partial_rule(3.0, lambda m, z, out: 1.0)


# -- a wrong answer is never marked right ---------------------------------------------------------
def _slips(reference):
    return st.one_of(
        st.floats(-1e6, 1e6, allow_nan=False),
        st.sampled_from([0.0, 0.5, 1.0, -1.0, 2.0, 0.25, -0.25, 4.0, 1 / 3, 1 / 13]),
        st.floats(0.5, 2.0).map(lambda c: c * reference),
    )


@settings(max_examples=150, deadline=None)
@given(answer=_slips(0.0), point=st.sampled_from([0.0, 0.5, -1.5]))
def test_ad_derivative_never_marks_a_wrong_answer_right(answer, point):
    reference = 0.0 if point == 0.0 else 1.0  # relu(x) − relu(−x) by hand: 0 at the kink, else 1
    fb = check_ad_derivative(KINK, point, answer, mode="reverse")
    assert fb.correct == (abs(answer - reference) <= 1e-6 + 1e-3 * abs(reference))
    ad = 0.0  # exprel's branch at 0: a constant
    assert check_ad_derivative(exprel, 0.0, answer).correct == (abs(answer - ad) <= 1e-6)


@settings(max_examples=150, deadline=None)
@given(answer=_slips(0.25), x=st.sampled_from([1.0, 2.0, 0.5]))
def test_implicit_derivative_never_marks_a_wrong_answer_right(answer, x):
    a = x**3 + x
    reference = 1 / (3 * x * x + 1)
    fb = check_implicit_derivative(CUBIC, x, a, answer)
    assert fb.correct == (abs(answer - reference) <= 1e-6 + 1e-3 * abs(reference))


@settings(max_examples=100, deadline=None)
@given(
    c=st.sampled_from([1.0, -1.0, 2.0, 0.5]) | st.floats(-3, 3),
    s=st.sampled_from([1.0, -1.0]) | st.floats(-2, 2),
    d=st.sampled_from([0.0, 0.0, 1.0, -0.5]) | st.floats(-1, 1),
)
def test_a_wrong_partial_is_never_marked_right(c, s, d):
    """c·σ(s·z) + d is log σ's slope only for c = 1, s = −1, d = 0."""

    def partial(m, z, out):
        return c * m.sigmoid(s * z) + d

    fb = check_log_sigmoid_partial(partial)
    if fb.correct:  # within the check's tolerance of log σ's slope σ(−z) (1e-5 of it, 1e-7 near 0) everywhere
        assert all(abs(c * sigma(s * z) + d - sigma(-z)) <= 2e-7 + 1.01e-5 * sigma(-z) for z in POINTS)


def test_no_check_module_writes_feedbacks_helpers_again():
    """feedback.py holds what the checks share (lesson 12's checks once had their own copies
    of its Feedback makers, number reader and guard): no other module of exercises defines a
    function, class or constant of the same name."""
    import ast
    import pathlib

    import autodiff_core.exercises as pkg

    def defined(path):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
        return names | {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if hasattr(t, "id")}

    folder = pathlib.Path(pkg.__file__).parent
    shared = defined(folder / "feedback.py")
    assert {"_Invalid", "_UNANSWERED", "_right", "_wrong", "_as_number", "_matches", "_checked"} <= shared
    for path in folder.glob("*.py"):
        if path.name != "feedback.py":
            assert not defined(path) & shared, path.name


def test_bytes_are_not_read_as_a_number():
    assert check_implicit_derivative(CUBIC, 1.0, 2.0, b"0.25").status == "invalid"
    assert check_no_reset_steps([0, -1, -1, 0, 1, b"1"]).status == "invalid"


# -- check_no_reset_steps: gradients that pile up ---------------------------------------------------
def _by_hand(start, learning_rate, steps, curvature=1.0):
    """The loop written out independently: backward adds curvature·w into grad, then the step."""
    w, grad, out = fractions.Fraction(start), fractions.Fraction(0), []
    for _ in range(steps):
        grad += fractions.Fraction(curvature) * w
        w -= fractions.Fraction(learning_rate) * grad
        out.append(float(w))
    return out


def test_no_reset_steps_the_closed_loop_and_its_slips():
    assert _by_hand(1, 1, 12) == [0, -1, -1, 0, 1, 1] * 2  # w²/2 at η = 1: back at the start every 6 steps
    right = check_no_reset_steps([0, -1, -1, 0, 1, 1])
    assert right.status == "right" and ".grad is not the gradient" in right.message
    assert check_no_reset_steps(("0", "−1", "-1", "0", "1", "1")).status == "right"
    assert check_no_reset_steps(answer=np.array([0.0, -1, -1, 0, 1, 1])).status == "right"
    expected = {
        "the run with the reset": [0, 0, 0, 0, 0, 0],
        "before this step's backward pass": [1, 0, -2, -4, -4, 0],
        "twice too large": [-1, -1, 1, 1, -1, -1],
        "steps go along .grad": [2, 5, 13, 34, 89, 233],
        "w₁ to w₅ are right, w₆ is not": [0, -1, -1, 0, 1, 2],
        "w₁ is right, w₂ is not. At step 2, .grad holds the sum of the gradients at w₀ and w₁": [0, 0, 1, 1, 1, 1],
        "w₁ is not. At step 1, .grad holds the gradient at w₀": [1, 0, -1, -1, 0, 1],
    }
    for words, answer in expected.items():
        fb = check_no_reset_steps(answer)
        assert fb.status == "wrong" and words in fb.message, (words, fb.message)
    assert "0.5·w²/2 is 0.5·w" in check_no_reset_steps([1, 1, 1], steps=3, curvature=0.5).message


def test_no_reset_steps_refuses_what_it_cannot_read():
    assert check_no_reset_steps(None).status == "unanswered"
    for answer, words in [
        ("0, -1", "as a list"),
        (5, "as a list"),
        ([0, 1], "yours has 2"),
        ([0, "a", 0, 0, 0, 0], "w₂"),
        ({0: 1}, "as a list"),
        ([0, 0, 0, 0, 0, True], "w₆"),
    ]:
        fb = check_no_reset_steps(answer)
        assert fb.status == "invalid" and words in fb.message, (answer, fb.message)
    for bad in ({"steps": 0}, {"steps": 2.5}, {"start": "1"}, {"learning_rate": None}):
        with pytest.raises(TypeError):
            check_no_reset_steps([0] * 6, **bad)


@settings(max_examples=150, deadline=None)
@given(
    start=st.sampled_from([1.0, -2.0, 0.5, 3.0]),
    learning_rate=st.sampled_from([1.0, 0.5, 0.25, 1.5]),
    steps=st.integers(1, 8),
    change=st.tuples(st.integers(0, 7), st.floats(-10, 10, allow_nan=False)),
)
def test_no_reset_steps_never_marks_a_wrong_answer_right(start, learning_rate, steps, change):
    reference = _by_hand(start, learning_rate, steps)
    assert check_no_reset_steps(reference, start=start, learning_rate=learning_rate, steps=steps).correct
    index, value = change[0] % steps, change[1]
    answer = list(reference)
    answer[index] = value
    close = abs(value - reference[index]) <= 1e-6 + 1e-3 * abs(reference[index])
    fb = check_no_reset_steps(answer, start=start, learning_rate=learning_rate, steps=steps)
    assert fb.correct == close
