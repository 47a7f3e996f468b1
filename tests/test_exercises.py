"""Predict-then-check exercises: right answers pass, wrong ones get a hint, never the answer.

The reference values here are written independently of the engine (by hand or
with math), so a check that drifted from the seed examples would fail.
"""

import math
import re

import pytest

from autodiff_core import Dual, examples, sin, tanh, trace
from autodiff_core.exercises import (
    ArgumentError,
    Feedback,
    check_adjoint,
    check_adjoint_contribution,
    check_adjoint_rule,
    check_best_step,
    check_dual,
    check_evaluations,
    check_gradient,
    check_level,
    check_mode,
    check_node_count,
    check_operations,
    check_rule,
    check_sweeps,
    check_tangent,
    check_tangent_rule,
    check_value,
    exact_derivative,
)
from autodiff_core.notation import number

F = examples.F.graph()  # f(x1, x2) = x1*x2 + sin(x1) at (2, 5)
Y = examples.Y.graph()  # y = sin(x**2 + 1) at 1.5
NEURON = examples.NEURON.graph()
DF_DX1 = 5 + math.cos(2)  # 4.583853163452858


def assert_no_solution(feedback: Feedback, solution: float):
    """The message must not give the answer away, in any common spelling."""
    text = feedback.message
    spellings = {
        number(solution),
        number(solution, 4),
        repr(solution),
        f"{solution:.4f}",
        f"{solution:.3f}",
        str(round(solution, 2)),
    }
    for s in spellings:
        if len(s.strip("−-0.")) >= 2:  # "0" or "1" alone are too common to test for
            assert s not in text, f"{text!r} reveals {s!r}"


# -- Feedback ---------------------------------------------------------------------------
def test_feedback_reads_as_a_short_message_and_is_truthy_only_when_right():
    right, wrong = check_value(Y, "b", 3.25), check_value(Y, "b", 4)
    assert right and right.correct and str(right).startswith("✔ Right")
    assert not wrong and wrong.status == "wrong" and str(wrong).startswith("✘ Not quite")
    assert repr(wrong) == str(wrong)
    assert "border-left" in wrong._repr_html_()
    assert "a &lt; b</div>" in Feedback("wrong", "a < b")._repr_html_()  # escaped


@pytest.mark.parametrize(
    "check, args",
    [
        (check_value, (F, "w1_2")),
        (check_level, (F, "w2")),
        (check_node_count, (F,)),
        (check_tangent, (F.forward("x1"), "w1_2")),
        (check_adjoint, (F, "x1")),
        (check_adjoint_contribution, (F, "w1_2", "w0_1")),
        (check_gradient, (F,)),
        (check_sweeps, (F, "forward")),
        (check_operations, (F, "reverse")),
        (check_mode, (F,)),
        (check_evaluations, (lambda x1, x2: x1 * x2, {"x1": 1.0, "x2": 2.0})),
        (check_best_step, ("sin(x**2 + 1)", 1.5)),
    ],
)
def test_a_none_answer_is_not_answered_yet_and_does_not_raise(check, args):
    fb = check(*args, None)
    assert fb.status == "unanswered" and "None" in fb.message and not fb


def test_check_rule_with_no_function_is_not_answered_yet():
    assert check_rule("cos", None).status == "unanswered"


@pytest.mark.parametrize("answer", ["three", True, Dual(1.0, 2.0), [1, 2], float("nan")])
def test_answers_that_are_not_numbers_are_explained_not_raised(answer):
    fb = check_value(Y, "b", answer)
    assert fb.status == "invalid" and fb.message.startswith("Cannot check this")


def test_numbers_typed_as_text_or_numpy_are_accepted():
    np = pytest.importorskip("numpy")
    assert check_value(Y, "b", "3.25")
    assert check_value(Y, "b", np.float64(3.25))
    assert check_value(F, "w2", "10.909297")


# -- values and structure --------------------------------------------------------------------
def test_check_value_on_the_seed_trace():
    assert check_value(F, "w1_1", 10)
    assert check_value(F, "w¹₂", math.sin(2))
    assert check_value(Y, "a", 2.25)
    close = check_value(F, "w1_2", 0.92)
    assert close.status == "close"
    fb = check_value(F, "w1_1", 5)  # the value of w⁰₂
    assert not fb and "w⁰₂" in fb.message
    fb = check_value(F, "w2", 12)
    assert "w¹₁ + w¹₂" in fb.message
    assert_no_solution(fb, 10 + math.sin(2))


def test_an_unknown_node_name_lists_the_real_ones():
    with pytest.raises(ArgumentError, match="x, a, b, y"):
        check_value(Y, "c", 1)
    with pytest.raises(ArgumentError, match="x, a, b, y"):
        check_value(Y, "c", None)  # checked at the door, answered or not


def test_check_level_and_node_count():
    assert check_level(F, "w2", 2) and check_level(Y, "y", 3) and check_level(F, "x2", 0)
    assert "off by one" in check_level(F, "w2", 1).message
    assert check_node_count(F, 5) and check_node_count(Y, 4)
    assert "inputs are nodes too" in check_node_count(F, 3).message
    assert "constants" in check_node_count(Y, 6).message  # counted the 2 and the 1
    assert check_level(F, "w2", 2.5).status == "invalid"


# -- forward mode ----------------------------------------------------------------------------------
def test_check_tangent_seeded_with_x1_and_x2():
    s1, s2 = F.forward("x1"), F.forward("x2")
    assert check_tangent(s1, "w1_1", 5) and check_tangent(s1, "w1_2", math.cos(2))
    assert check_tangent(s2, "w1_1", 2) and check_tangent(s2, "w1_2", 0)
    assert check_tangent(F, "w2", DF_DX1, seed="x1")
    assert check_tangent(s1, "x1", 1) and check_tangent(s1, "x2", 0)
    assert check_tangent(Y.forward(), "a", 3)  # ȧ = 2x·ẋ


def test_check_tangent_recognises_common_mistakes():
    s1 = F.forward("x1")
    assert "if x₂ were the seeded input" in check_tangent(s1, "w1_1", 2).message
    assert "value" in check_tangent(s1, "w1_1", 10).message
    assert "seed" in check_tangent(s1, "x2", 1).message
    fb = check_tangent(s1, "w2", 1.5)
    assert "ẇ² = ẇ¹₁ + ẇ¹₂" in fb.message
    assert_no_solution(fb, DF_DX1)
    fb = check_tangent(s1, "w1_2", 0.3)
    assert "cos(w⁰₁)·ẇ⁰₁" in fb.message
    assert_no_solution(fb, math.cos(2))


def test_a_tangent_that_is_one_term_of_the_product_rule_is_called_out():
    g = trace(lambda x: x * sin(x), x=2.0)
    s = g.forward()
    whole = math.sin(2) + 2 * math.cos(2)
    assert check_tangent(s, "w2", whole)
    assert "only the part" in check_tangent(s, "w2", math.sin(2)).message


# -- reverse mode -------------------------------------------------------------------------------------
def test_check_adjoint_contribution_edge_by_edge():
    assert check_adjoint_contribution(F, "w1_1", "w0_1", 5)
    assert check_adjoint_contribution(F, "w1_1", "w0_2", 2)
    assert check_adjoint_contribution(F, "w1_2", "w0_1", math.cos(2))
    assert check_adjoint_contribution(F.reverse(), "w2", "w1_2", 1)
    assert check_adjoint_contribution(Y, "y", "b", math.cos(3.25))


def test_check_adjoint_contribution_mistakes():
    whole = check_adjoint_contribution(F, "w1_1", "w0_1", DF_DX1)
    assert "whole w̄⁰₁" in whole.message
    fb = check_adjoint_contribution(Y, "a", "x", 3)  # forgot ā
    assert "local partial" in fb.message and "multiply" in fb.message
    fb = check_adjoint_contribution(Y, "a", "x", math.cos(3.25))  # ā alone
    assert "alone" in fb.message
    fb = check_adjoint_contribution(F, "w1_2", "w0_1", 0.5)
    assert "w̄⁰₁ += w̄¹₂·cos(w⁰₁)" in fb.message
    assert_no_solution(fb, math.cos(2))
    with pytest.raises(ArgumentError, match="not an operand of w¹₂.*w¹₁ → w⁰₂"):
        check_adjoint_contribution(F, "w1_2", "w0_2", 1)


def test_a_contribution_along_another_edge_of_the_same_node_is_named():
    fb = check_adjoint_contribution(F, "w1_1", "w0_2", 5)  # what w¹₁ sends to w⁰₁
    assert "sends back to w⁰₁" in fb.message


def test_a_single_consumer_hint_shows_the_way_down_not_the_numbers():
    fb = check_adjoint(NEURON, "y_hat", -0.5)
    assert "Work down from the output" in fb.message and "L̄ = 1" in fb.message
    assert "r̄ = L̄·∂L/∂r" in fb.message
    assert_no_solution(fb, 2 * (0.7109495026250039 - 0.8))
    fb = check_adjoint(NEURON, "b", 1.0)
    assert_no_solution(fb, -0.036599809159086276)


def test_duplicate_edges_accept_either_contribution():
    g = trace(lambda x: x * x, x=3.0)
    assert check_adjoint_contribution(g, "w1", "x", 3)
    assert check_adjoint(g, "x", 6)
    assert "only one contribution" in check_adjoint(g, "x", 3).message


def test_check_adjoint_fan_out_and_output():
    assert check_adjoint(F, "x1", DF_DX1) and check_adjoint(F, "x2", 2)
    assert check_adjoint(F, "w2", 1) and check_adjoint(F, "w1_2", 1)
    fb = check_adjoint(F, "x1", 5)
    assert "only one contribution" in fb.message and "w¹₁, w¹₂" in fb.message
    assert "seed" in check_adjoint(F, "w2", 0).message
    fb = check_adjoint(F, "x1", 1)
    assert_no_solution(fb, DF_DX1)
    assert check_adjoint(NEURON, "y_hat", 2 * (0.7109495026250039 - 0.8))
    assert check_adjoint(NEURON, "b", -0.036599809159086276)


def test_check_gradient_dicts_and_sequences():
    assert check_gradient(F, {"x1": DF_DX1, "x2": 2})
    assert check_gradient(F, [DF_DX1, 2.0])
    assert check_gradient(examples.NEURON, {"w": -0.07319962, "b": -0.03659981, "x": -0.0182999})
    fb = check_gradient(F, {"x1": 2, "x2": DF_DX1})
    assert "order" in fb.message
    fb = check_gradient(F, [DF_DX1, 3])
    assert "∂f/∂x₂ is wrong" in fb.message and "∂f/∂x₁ is right" in fb.message
    assert check_gradient(F, {"x1": 1}).status == "invalid"
    assert check_gradient(F, {"x1": 1, "x2": 2, "x3": 3}).status == "invalid"
    assert check_gradient(F, [1]).status == "invalid"
    assert check_gradient(F, "4.58, 2").status == "invalid"
    np = pytest.importorskip("numpy")
    assert check_gradient(F, np.array([DF_DX1, 2.0]))
    assert check_gradient(F, {"x1": None, "x2": None}).status == "unanswered"


# -- derivative rules -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name, rule",
    [
        ("sin", math.cos),
        ("cos", lambda x: -math.sin(x)),
        ("exp", math.exp),
        ("log", lambda x: 1 / x),
        ("sqrt", lambda x: 0.5 / math.sqrt(x)),
        ("tanh", lambda x: 1 - math.tanh(x) ** 2),
        ("tan", lambda x: 1 / math.cos(x) ** 2),
        ("sigmoid", lambda x: math.exp(-x) / (1 + math.exp(-x)) ** 2),
        ("relu", lambda x: 1.0 if x > 0 else 0.0),
        ("abs", lambda x: math.copysign(1, x)),
    ],
)
def test_check_rule_accepts_the_textbook_derivatives(name, rule):
    assert check_rule(name, rule), name


def test_check_rule_of_binary_operations():
    assert check_rule("mul", lambda a, b: b) and check_rule("mul", lambda a, b: a, operand=1)
    assert check_rule("div", lambda a, b: -a / b**2, operand=1)
    assert check_rule("pow", lambda a, b: b * a ** (b - 1))
    assert check_rule("pow", lambda a, b: a**b * math.log(a), operand=1)
    assert not check_rule("div", lambda a, b: a / b**2, operand=1)
    with pytest.raises(TypeError):
        check_rule("mul", lambda a, b: b, operand=2)
    with pytest.raises(TypeError):
        check_rule("cosh", math.sinh)


def test_check_rule_diagnoses_without_giving_the_rule():
    assert "wrong sign" in check_rule("cos", math.sin).message
    assert "itself" in check_rule("cos", math.cos).message
    assert "constant factor" in check_rule("exp", lambda x: 2 * math.exp(x)).message
    fb = check_rule("cos", lambda x: x)
    assert fb.status == "wrong" and "numerical_derivative(cos" in fb.message
    assert "sin" not in fb.message
    raised = check_rule("log", lambda x: 1 / (x - x))
    assert raised.status == "invalid" and "ZeroDivisionError" in raised.message
    assert check_rule("sin", lambda x: "cos").status == "invalid"
    assert check_rule("sin", 3).status == "invalid"
    assert check_rule("sin", sin).status == "wrong"  # the function itself


# -- cost of Jacobians -------------------------------------------------------------------------------------
def test_check_sweeps_operations_and_mode():
    wide = trace(lambda a, b, c, d: a * b + c * d, a=1.0, b=2.0, c=3.0, d=4.0)
    tall = trace(lambda x: (sin(x), x * x, x + 1.0), x=0.5)
    assert check_sweeps(wide, "forward", 4) and check_sweeps(wide, "reverse", 1)
    assert check_sweeps(tall, "forward", 1) and check_sweeps(tall, "reverse", 3)
    assert "other mode" in check_sweeps(wide, "forward", 1).message
    assert "column" in check_sweeps(wide, "forward", 3).message
    assert check_operations(wide, "forward", 4 * 6) and check_operations(wide, "reverse", 6)
    assert "one sweep" in check_operations(wide, "forward", 6).message
    assert check_mode(wide, "reverse") and check_mode(tall, "Forward ")
    assert not check_mode(wide, "forward")
    assert check_mode(trace(lambda x: sin(x), x=1.0), "forward")  # 1 by 1: a tie
    assert check_mode(wide, "backward").status == "invalid"
    with pytest.raises(TypeError):
        check_sweeps(wide, "sideways", 1)


def test_reverse_operations_count_only_the_edges_each_output_depends_on():
    from autodiff_core import cos, exp

    def spiral(t):
        r = exp(0.1 * t)
        return r * cos(t), r * sin(t), 0.5 * r

    g = trace(spiral, t=0.5)
    # by hand, 9 edges: back from r·cos t: r·cos t←r, ←cos t, cos t←t, r←0.1t, 0.1t←t (5);
    # from r·sin t likewise (5); from 0.5·r: ←r, r←0.1t, 0.1t←t (3): 13 in all
    assert len(g.edges) == 9
    assert check_operations(g, "forward", 9) and check_operations(g, "reverse", 13)
    assert "skips the edges" in check_operations(g, "reverse", 27).message
    assert "depends on" in check_operations(g, "reverse", 12).message
    assert check_mode(g, "forward") and "depends on" in check_mode(g, "reverse").message


def test_cost_checks_name_the_other_way_of_counting():
    wide = trace(lambda a, b, c, d: tanh(a * b + c * d) + a * d, a=0.5, b=-1.0, c=2.0, d=0.3)
    # 11 edges; pruned, the sweeps seeded on a, b, c, d reach 6 + 4 + 4 + 6 of them
    assert "pruned count" in check_operations(wide, "forward", 20).message
    assert "dense" in check_operations(wide, "forward", 20).message
    right = check_mode(wide, "reverse").message
    assert "44 forward against 11 reverse" in right and "pruned both ways, 20 against 11" in right

    def chain_then_two(a, b, c):
        u = sin(sin(sin(a)))
        return u * b, u * c

    g = trace(chain_then_two, a=0.1, b=0.2, c=0.3)
    # the engine: forward dense 3 × 7 = 21, reverse pruned 5 + 5 = 10; pruned both ways the
    # forward sweeps reach 5 + 1 + 1 = 7 edges, so forward mode would win
    assert check_mode(g, "reverse")
    wrong = check_mode(g, "forward")
    assert not wrong and "depends on how you count" in wrong.message and "7 against 10" in wrong.message


# -- dual numbers and AD rules ---------------------------------------------------------------------
def test_check_dual_knows_epsilon_squared_is_zero():
    # (3 + 2ε)(4 − ε) = 12 − 3ε + 8ε − 2ε² = 12 + 5ε, by hand
    assert check_dual((3, 2), "*", (4, -1), (12, 5))
    assert check_dual((3, 2), "*", (4, -1), Dual(12.0, 5.0))
    assert "ε² = 0" in check_dual((3, 2), "*", (4, -1), (10, 5)).message  # ε² = 1
    assert "ε² = 0" in check_dual((3, 2), "*", (4, -1), (14, 5)).message  # ε² = −1
    assert "cross terms" in check_dual((3, 2), "*", (4, -1), (12, -2)).message  # b·d
    assert "cross term is missing" in check_dual((3, 2), "*", (4, -1), (12, 8)).message
    # (1 + 2ε)/(4 + ε) = 1/4 + (2·4 − 1·1)/16 ε
    assert check_dual((1, 2), "/", (4, 1), (0.25, 7 / 16))
    assert "wrong sign" in check_dual((1, 2), "/", (4, 1), (0.25, -7 / 16)).message
    # sin(0.5 + 2ε) = sin 0.5 + 2·cos 0.5 ε
    assert check_dual((0.5, 2), "sin", None, (math.sin(0.5), 2 * math.cos(0.5)))
    fb = check_dual((0.5, 2), "sin", None, (math.sin(0.5), math.cos(0.5)))
    assert "b·f′(a)" in fb.message
    assert check_dual((3, 2), "*", (4, -1), "12 + 5ε").status == "invalid"
    with pytest.raises(TypeError):
        check_dual((3, 2), "^", (4, -1), (12, 5))


def test_check_tangent_rule_checks_a_forward_step_numerically():
    assert check_tangent_rule("div", lambda a, b, da, db: (da * b - a * db) / b**2)
    assert check_tangent_rule("mul", lambda a, b, da, db: da * b + a * db)
    assert check_tangent_rule("sin", lambda x, dx: math.cos(x) * dx)
    assert "wrong sign" in check_tangent_rule("div", lambda a, b, da, db: (da * b + a * db) / b**2).message
    assert "through a" in check_tangent_rule("div", lambda a, b, da, db: da / b).message
    assert "partial derivative(s) alone" in check_tangent_rule("div", lambda a, b, da, db: 1 / b - a / b**2).message
    assert "partial derivative(s) alone" in check_tangent_rule("sin", lambda x, dx: math.cos(x)).message
    assert "value" in check_tangent_rule("mul", lambda a, b, da, db: a * b).message
    assert check_tangent_rule("mul", lambda a, b: 0).status == "invalid"


def test_check_adjoint_rule_checks_a_reverse_step_numerically():
    assert check_adjoint_rule("div", lambda a, b, w: (w / b, -w * a / b**2))
    assert check_adjoint_rule("tanh", lambda x, w: w * (1 - math.tanh(x) ** 2))
    assert "alone" in check_adjoint_rule("div", lambda a, b, w: (1 / b, -a / b**2)).message
    assert "swapped" in check_adjoint_rule("mul", lambda a, b, w: (w * a, w * b)).message
    assert "back to a is right" in check_adjoint_rule("div", lambda a, b, w: (w / b, w * a / b**2)).message
    assert check_adjoint_rule("div", lambda a, b, w: w / b).status == "invalid"


# -- finite differences --------------------------------------------------------------------------------------
def test_check_evaluations_counts_the_calls_numerical_gradient_makes():
    def f(x1, x2, x3):
        return x1 * x2 * x3

    point = {"x1": 1.0, "x2": 2.0, "x3": 3.0}
    assert check_evaluations(f, point, 6)
    assert "two points" in check_evaluations(f, point, 3).message
    assert not check_evaluations(f, point, 4) and not check_evaluations(f, point, 9)


def test_forward_differences_need_n_plus_one_evaluations():
    def f(x1, x2, x3):
        return x1 * x2 * x3

    point = {"x1": 1.0, "x2": 2.0, "x3": 3.0}
    assert check_evaluations(f, point, 4, scheme="forward")
    fb = check_evaluations(f, point, 6, scheme="forward")
    assert fb.status == "wrong" and "once, not once per input" in fb.message
    assert not check_evaluations(f, point, 3, scheme="forward")
    with pytest.raises(TypeError, match="scheme"):
        check_evaluations(f, point, 4, scheme="backward")


def test_check_best_step_finds_the_bottom_of_the_v():
    assert check_best_step("sin(x**2 + 1)", 1.5, 1e-5)
    assert check_best_step(lambda x: sin(x**2 + 1), 1.5, 1e-8, scheme="forward")
    assert "too large" in check_best_step("sin(x**2 + 1)", 1.5, 1e-1).message
    assert "too small" in check_best_step("sin(x**2 + 1)", 1.5, 1e-14).message
    assert check_best_step("sin(x**2 + 1)", 1.5, -1e-5).status == "invalid"
    fb = check_best_step("sin(x**2 + 1)", 1.5, 1e-14, scheme="forward")
    assert "f(x)" in fb.message and "x−h" not in fb.message


def test_check_best_step_near_the_edge_of_a_domain_gives_feedback():
    # steps larger than x put x − h below 0, where log has no value: skipped, not raised
    assert check_best_step("log(x)", 0.05, 1e-7)
    assert "too large" in check_best_step("log(x)", 0.05, 1e-4).message
    assert check_best_step("sqrt(x)", 0.01, 3e-8)
    fb = check_best_step("log(x)", 0.05, 0.08)
    assert fb.status == "wrong" and "domain" in fb.message
    assert check_best_step("log(x)", 0.05, 0.08, scheme="forward").status == "wrong"
    fb = check_best_step("log(x)", -1.0, 1e-5)  # no derivative there at all
    assert fb.status == "invalid" and "log" in fb.message


def test_exact_derivative_is_the_engines():
    assert exact_derivative("sin(x**2 + 1)", 1.5) == pytest.approx(-2.9823890282416388, abs=1e-12)
    assert exact_derivative(lambda t: t * t, 3.0) == 6.0
    with pytest.raises(TypeError):
        exact_derivative(lambda a, b: a, 1.0)


def test_every_public_check_has_a_docstring():
    import autodiff_core.exercises as ex

    for name in ex.__all__:
        obj = getattr(ex, name)
        assert obj.__doc__ and len(obj.__doc__.strip()) > 20, name
        assert not re.search(r"\bprint\(", obj.__doc__ or "")


# -- review regressions: hints never reveal the answer, checks never raise -------------------------
LEAK_CASES = [
    ("sin(x**2 + 1)", {"x": 1.5}),
    ("x1*x2 + sin(x1)", {"x1": 2.0, "x2": 5.0}),
    ("(sigmoid(w*x + b) - 0.8)**2", {"w": 0.5, "x": 2.0, "b": -0.1}),
    ("x + y", {"x": 2.0, "y": 3.0}),
    ("x - y", {"x": 2.0, "y": 3.0}),
]


def assert_reference_hidden(feedback: Feedback, ref: float, where: str):
    """The reference, as displayed or printed plainly, must not stand in the message
    as a number of its own (digits of a longer number do not count)."""
    spellings = {number(ref), repr(ref), str(ref), f"{ref:g}", number(-ref), repr(-ref)}
    if float(ref).is_integer():
        spellings.add(str(int(ref)))
    for s in spellings:
        if re.search(rf"(?<![\d.−-]){re.escape(s)}(?![\d]|\.\d)", feedback.message):
            raise AssertionError(f"{where}: {feedback.message!r} reveals {s!r}")


@pytest.mark.parametrize("text, inputs", LEAK_CASES)
def test_no_hint_reveals_the_reference(text, inputs):
    g = trace(text, **inputs)
    for name in g.input_names:
        sweep = g.forward(name)
        for nd in g.nodes[len(g.inputs) :]:  # an input's tangent is the seed rule itself
            ref = sweep.tangents[nd.index]
            fb = check_tangent(sweep, nd.index, ref + 1.2345)
            assert fb.status == "wrong", fb
            assert_reference_hidden(fb, ref, f"tangent of {nd.label}, seed {name}")
    back = g.reverse()
    for nd in g.nodes:
        ref = back.adjoints[nd.index]
        fb = check_adjoint(back, nd.index, ref + 1.2345)
        assert_reference_hidden(fb, ref, f"adjoint of {nd.label}")
    for parent, child, k in g.edges:
        ref = back.adjoints[child] * g.partial_value(child, k)
        fb = check_adjoint_contribution(back, child, parent, ref + 1.2345)
        assert fb.status == "wrong", fb
        assert_reference_hidden(fb, ref, f"edge {g.nodes[child].label} → {g.nodes[parent].label}")


def test_a_hint_with_a_partial_of_one_gives_the_rule_only():
    fb = check_tangent(Y.forward(), "b", 1.0)  # ḃ = ȧ = 3
    assert "ḃ = ȧ" in fb.message and "3" not in fb.message
    fb = check_adjoint_contribution(Y, "b", "a", 0.5)  # ā += b̄ = cos(3.25)
    assert "ā += b̄" in fb.message and "0.99" not in fb.message


np_ = pytest.importorskip("numpy")


@pytest.mark.parametrize("answer", [10**400, -(10**400), np_.array(1.0), lambda x: 0, "cos(x)", None])
@pytest.mark.parametrize(
    "check, args",
    [
        (check_value, (F, "w1_2")),
        (check_tangent, (F.forward("x1"), "w2")),
        (check_adjoint, (F, "x1")),
        (check_adjoint_contribution, (F, "w1_2", "w0_1")),
        (check_gradient, (F,)),
        (check_rule, ("cos",)),
    ],
)
def test_no_answer_makes_a_check_raise(check, args, answer):
    fb = check(*args, answer)
    assert isinstance(fb, Feedback)
    if answer is None:
        assert fb.status == "unanswered"


def test_a_huge_integer_is_invalid_not_an_overflow():
    fb = check_value(F, "w1_2", 10**400)
    assert fb.status == "invalid" and "too large" in fb.message


def test_a_zero_dimensional_array_as_a_gradient_asks_for_a_dict():
    fb = check_gradient(F, np_.array(1.0))
    assert fb.status == "invalid" and "{'x1': ..., 'x2': ...}" in fb.message


def test_check_rule_of_a_function_that_returns_zero_says_so():
    fb = check_rule("cos", lambda x: 0)
    assert fb.status == "wrong" and "0 everywhere" in fb.message
    assert "constant factor" not in fb.message
    assert check_rule("cos", lambda x: 1 / 0).status == "invalid"
    assert check_rule("cos", "-sin(x)").status == "invalid"
    assert check_rule("cos", None).status == "unanswered"


def test_lesson_author_errors_name_the_missing_argument():
    with pytest.raises(TypeError, match=r"seed='x1'"):
        check_tangent(F, "w2", 1.0)
    assert check_tangent(F, "w2", DF_DX1, seed="x1")
    tall = trace(lambda x: (sin(x), x * x), x=0.5)
    for check, args in [(check_adjoint, (tall, "x")), (check_adjoint_contribution, (tall, "w1_1", "x"))]:
        with pytest.raises(TypeError, match=r"reverse\(0\)"):
            check(*args, 1.0)
    assert check_adjoint(tall.reverse(0), "x", math.cos(0.5))


# -- checks never raise: odd answers against every check, odd functions against the numeric ones --------
ODD_ANSWERS = [
    "abc",
    "",
    "  ",
    "1e999",
    "−2.5e-3",
    float("nan"),
    float("inf"),
    -float("inf"),
    None,
    10**400,
    -(10**400),
    1e308 * 10,
    -1e300,
    -5,
    0,
    True,
    2 + 3j,
    [],
    {},
    (),
    [1.0],
    {"x1": "a", "x2": None},
    {"nope": 1.0},
    object(),
    b"1",
    Dual(1.0, 2.0),
    np_.float64("nan"),
    np_.array([1.0, 2.0]),
    lambda *a: 1.0,
    print,
    "lambda x: 0",
]
WIDE = trace(lambda a, b, c: a * b + c, a=1.0, b=2.0, c=3.0)
EVERY_CHECK = [
    (check_value, (F, "w1_2")),
    (check_level, (F, "w2")),
    (check_node_count, (F,)),
    (check_tangent, (F.forward("x1"), "w1_1")),
    (check_adjoint, (NEURON, "y_hat")),
    (check_adjoint_contribution, (F, "w1_1", "w0_2")),
    (check_gradient, (F,)),
    (check_sweeps, (WIDE, "forward")),
    (check_operations, (WIDE, "reverse")),
    (check_mode, (WIDE,)),
    (check_rule, ("cos",)),
    (check_rule, ("pow",)),
    (check_evaluations, (lambda x1, x2: x1 * x2, {"x1": 1.0, "x2": 2.0})),
    (check_best_step, ("sin(x**2 + 1)", 1.5)),
    (check_best_step, ("log(x)", 0.05)),
    (check_dual, ((3, 2), "*", (4, -1))),
    (check_dual, ((0.5, 2), "sin", None)),
    (check_tangent_rule, ("div",)),
    (check_adjoint_rule, ("mul",)),
    (check_adjoint_rule, ("exp",)),
]


@pytest.mark.parametrize("check, args", EVERY_CHECK, ids=[f"{c.__name__}-{i}" for i, (c, _) in enumerate(EVERY_CHECK)])
def test_no_odd_answer_makes_any_check_raise(check, args):
    for answer in ODD_ANSWERS:
        fb = check(*args, answer)
        assert isinstance(fb, Feedback) and fb.status in ("right", "close", "wrong", "unanswered", "invalid"), (
            answer,
            fb,
        )
        assert fb.message and not fb.message.startswith("Right") or fb.correct
        if answer is None:
            assert fb.status == "unanswered"
        if isinstance(answer, float) and not math.isfinite(answer):
            assert fb.status in ("invalid", "unanswered"), (answer, fb)


@pytest.mark.parametrize(
    "f, x0",
    [
        ("log(x)", 0.05),
        ("log(x)", 1e-12),
        ("sqrt(x)", 0.0),
        ("sqrt(x)", 1e-3),
        ("log(x)", -1.0),
        ("1/x", 0.0),
        ("1/x", 1e-9),
        ("exp(x)", 700.0),
        ("exp(x)", 1e5),
        ("tan(x)", 1.5707963),
        ("x**0.5", 0.02),
        ("abs(x)", 0.0),
        ("relu(x)", 0.0),
        ("x", 1e300),
        ("x*x", -1e200),
    ],
)
def test_no_unusual_function_makes_check_best_step_raise(f, x0):
    for h in (1e-5, 1e-12, 0.5, 1e300):
        for scheme in ("central", "forward"):
            assert isinstance(check_best_step(f, x0, h, scheme=scheme), Feedback)


@pytest.mark.parametrize(
    "fn",
    [
        lambda *u: math.nan,
        lambda *u: (1.0, "x"),
        lambda *u: (1.0, 2.0, 3.0),
        lambda *u: 1 / 0,
        lambda *u: (math.inf, 0.0),
        lambda *u: 10**400,
    ],
)
def test_no_odd_rule_makes_the_ad_rule_checks_raise(fn):
    for name in ("cos", "log", "mul", "div", "pow"):
        assert isinstance(check_tangent_rule(name, fn), Feedback)
        assert isinstance(check_adjoint_rule(name, fn), Feedback)


@pytest.mark.parametrize(
    "fn",
    [
        lambda u: math.nan,
        lambda u: 10**400,
        lambda u: "x",
        lambda u: None,
        lambda u: 1 / 0,
        lambda u: [u],
        lambda: 0,
        lambda u, v, w: 0,
        math.sin,
        "abc",
        5,
    ],
)
def test_no_odd_rule_makes_check_rule_raise(fn):
    for name in ("cos", "log", "mul", "pow"):
        assert isinstance(check_rule(name, fn), Feedback)


@pytest.mark.parametrize(
    "f", [lambda x1, x2: math.nan, lambda x1, x2: 1 / 0, lambda x1, x2: math.log(x1 - 5), lambda x1, x2: 10.0**400]
)
def test_no_unusual_function_makes_check_evaluations_raise(f):
    for answer in (4, "four", None):
        assert isinstance(check_evaluations(f, {"x1": 1.0, "x2": 2.0}, answer), Feedback)


def test_check_rule_hint_is_code_that_can_be_pasted():
    fb = check_rule("cos", lambda u: math.sin(u) + 0.1)
    code = re.findall(r"`([^`]*)`", fb.message)
    assert code == ["from autodiff_core import numerical_derivative, cos", "numerical_derivative(cos, -1.7)"]
    assert all(c.isascii() for c in code)
