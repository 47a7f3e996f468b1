"""One calling convention for every check: the question first, the answer last (or answer=),
settings as keywords; the answer-first calls of lessons 07–11 still work; arguments about the
question are checked at the door, with the valid ones listed."""

import inspect
import math

import numpy as np
import pytest

import autodiff_core.exercises as ex
from autodiff_core import examples, sin, trace
from autodiff_core.examples import newton_sqrt
from autodiff_core.exercises import ArgumentError, Feedback
from autodiff_core.exercises.control import check_node_count as control_node_count

F = examples.F.graph()  # f = x1*x2 + sin(x1) at (2, 5)
NEURON = examples.NEURON.graph()
C2 = math.cos(2.0)
G2 = trace(lambda x1, x2: (x1 * x2 + sin(x1), x1 * x2 - sin(x1)), x1=2.0, x2=5.0)  # two outputs
LOOP = trace(lambda a: newton_sqrt(a, 1.0, 3), a=2.0)  # 3 iterations of 3 nodes, and a
NEWTON = trace("x1**4/4 + x2**2 + x1*x2 - x1", x1=1.5, x2=1.0)

CHECKS = [getattr(ex, name) for name in ex.__all__ if name.startswith("check_")]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_every_check_has_the_answer_last_and_settings_as_keywords(check):
    params = list(inspect.signature(check).parameters.values())
    names = [p.name for p in params]
    at = names.index("answer")
    assert all(p.kind is p.POSITIONAL_OR_KEYWORD and p.default is p.empty for p in params[: at + 1])
    assert all(p.kind is p.KEYWORD_ONLY for p in params[at + 1 :])
    assert "answer" in check.__doc__ or "answer" in check.usage
    assert check.usage.startswith(f"{check.__name__}(")


def test_the_same_thing_has_the_same_keyword_everywhere():
    seen = {}
    for check in CHECKS:
        for name in inspect.signature(check).parameters:
            seen.setdefault(name, []).append(check.__name__)
    # no synonyms left for what another check calls graph, name, x, seed or answer
    for old in ("graph_or_sweep", "answer_fn", "function", "x0_point", "v", "target_label", "weights_u"):
        assert old not in seen, (old, seen.get(old))
    assert "target" in seen and seen["target"] == ["check_adjoint_contribution"]  # an edge's end only


# question objects, a right answer, a wrong one: each call in the old and the new order
SAME = [
    (ex.check_jvp, (F, {"x1": 1.0, "x2": 2.0}), 9 + C2, 1.0),
    (ex.check_vjp, (G2, {0: 1.0, 1: 2.0}), {"x1": 15 - C2, "x2": 6.0}, [1.0, 1.0]),
    (ex.check_sweeps_needed, (G2,), 2, 1),
    (ex.check_node_count, (LOOP,), 10, 4),
    (ex.check_hvp, (F, {"x1": 1.0, "x2": 1.0}, "x1"), 1 - math.sin(2), 0.3),
    (ex.check_hessian_sweeps, (NEURON,), 3, 9),
    (ex.check_newton_step, (NEWTON,), None, (0.0, 0.0)),
    (ex.check_nested_derivative, (False,), 2, 1),
    (ex.check_kink_derivative, ("abs",), 0, 1),
    (ex.check_value, (F, "w1_1"), 10, 5),
    (ex.check_adjoint, (NEURON, "y_hat"), 2 * (0.7109495026250039 - 0.8), -0.0366),
    (ex.check_gradient, (F,), [5 + C2, 2.0], [2.0, 5 + C2]),
    (ex.check_sweeps, (F, "forward"), 2, 1),
    (ex.check_mode, (F,), "reverse", "forward"),
]


@pytest.mark.parametrize("check, question, right, wrong", SAME, ids=lambda v: getattr(v, "__name__", ""))
def test_old_order_new_order_and_keyword_agree(check, question, right, wrong):
    for answer in (right, wrong, None, "junk"):
        if answer is None and right is None:
            continue
        new = check(*question, answer)
        assert isinstance(new, Feedback)
        assert check(answer, *question) == new  # the answer first, as lessons 07–11 wrote it
        assert check(*question, answer=answer) == new
    if right is not None:
        assert check(*question, right).status == "right"
    assert check(*question, wrong).status == "wrong"
    assert check(*question, None).status == "unanswered"


def test_the_calls_lessons_04_and_06_to_11_make_still_work():
    f_graph, g_graph = F, G2
    assert ex.check_jvp(9 + C2, f_graph, seed={"x1": 1.0, "x2": 2.0}).status == "right"
    assert ex.check_vjp([15 - C2, 6.0], g_graph, weights={0: 1.0, 1: 2.0}).status == "right"
    assert ex.check_sweeps_needed(2, g_graph).status == "right"
    assert control_node_count(10, LOOP, per_iteration=3).status == "right"
    assert ex.check_loop_derivative(0.5, a=2.0, x0=1.0, iterations=1).status == "right"
    assert ex.check_kink_derivative(0, "abs", x=0.0).status == "right"
    assert ex.check_accumulated_grad(8.0, f="x*x", x=2.0, calls=2).status == "right"
    s = 1 / (1 + math.exp(4.0))
    assert ex.check_logit_gradient(s - 1, z=-4.0, target=1, loss="cross_entropy").status == "right"
    assert ex.check_logit_gradient(2 * (s - 1) * s * (1 - s), z=-4.0, target=1, loss="mse").status == "right"
    assert ex.check_hvp(1 - math.sin(2), F, {"x1": 1.0, "x2": 1.0}, "x1").status == "right"
    assert ex.check_hessian_sweeps(3, NEURON).status == "right"
    assert ex.check_nested_derivative(2, tagged=False).status == "right"
    for call in (
        lambda: ex.check_jvp(None, f_graph, seed={"x1": 1.0, "x2": 2.0}),
        lambda: ex.check_vjp(None, g_graph, weights={0: 1.0, 1: 2.0}),
        lambda: control_node_count(None, LOOP, per_iteration=3),
        lambda: ex.check_loop_derivative(None, a=2.0, x0=1.0, iterations=1),
        lambda: ex.check_kink_derivative(None, "abs", x=0.0),
        lambda: ex.check_accumulated_grad(None, f="x*x", x=2.0, calls=2),
        lambda: ex.check_logit_gradient(None, z=-4.0, target=1, loss="mse"),
        lambda: ex.check_hvp(None, F, {"x1": 1.0, "x2": 1.0}, "x1"),
        lambda: ex.check_newton_step(None, NEWTON),
        lambda: ex.check_nested_derivative(None, tagged=False),
        lambda: ex.check_sweeps(F, "forward", None),
        lambda: ex.check_adjoint(NEURON, "b", None),
    ):
        assert call().status == "unanswered"


def test_lesson_01s_node_count_call_in_lesson_08_gets_feedback():
    assert control_node_count is ex.check_node_count  # one function
    assert ex.check_node_count(LOOP, 10).status == "right"
    assert ex.check_node_count(10, LOOP).status == "right"
    fb = ex.check_node_count(LOOP, 3, per_iteration=3)
    assert "every iteration" in fb.message
    assert "inputs" in ex.check_node_count(LOOP, 9).message


def test_settings_given_by_position_as_before_still_work():
    assert ex.check_tangent(F, "w2", 5 + C2, "x1").status == "right"
    assert ex.check_best_step("sin(x**2 + 1)", 1.5, 1e-8, "forward").status == "right"
    assert ex.check_best_step("sin(x**2 + 1)", x0=1.5, answer=1e-5).status == "right"  # the keyword of before
    assert ex.check_rule("mul", lambda a, b: a, 1).status == "right"
    assert ex.check_rule("cos", answer_fn=lambda x: -math.sin(x)).status == "right"


def test_a_call_that_cannot_be_read_says_how_to_call():
    with pytest.raises(ArgumentError, match=r"answer missing; call it as check_value\(graph, node, answer\)"):
        ex.check_value(F, "w1_1")
    with pytest.raises(ArgumentError, match=r"has no argument 'nod'"):
        ex.check_value(F, nod="w1_1", answer=10)
    with pytest.raises(ArgumentError, match="too many arguments"):
        ex.check_value(F, "w1_1", 10, 11)
    with pytest.raises(ArgumentError, match="graph given by position and as a keyword too"):
        ex.check_value(F, "w1_1", graph=F, answer=10)
    with pytest.raises(ArgumentError, match=r"check_tangent\(graph, node, answer, seed=\.\.\.\)"):
        ex.check_tangent(F)


def test_check_vjp_refuses_output_indices_counted_from_1():
    right = {"x1": 15 - C2, "x2": 6.0}
    with pytest.raises(ArgumentError, match="numbered from 0: this graph has outputs 0, 1"):
        ex.check_vjp(G2, {1: 1.0, 2: 2.0}, right)
    with pytest.raises(ArgumentError, match="numbered from 0"):
        ex.check_vjp(G2, {1: 1.0, 2: 2.0}, None)  # at the door, answered or not
    assert ex.check_vjp(G2, {np.int64(0): 1.0, np.int64(1): 2.0}, right).status == "right"
    assert ex.check_vjp(G2, {1: 1.0}, {"x1": 5 - C2, "x2": 2.0}).status == "right"  # u = (0, 1)
    for weights in ({"0": 1.0}, {True: 1.0}, {0.5: 1.0}, [1.0, 2.0], {0: "one"}, {0: math.nan}):
        with pytest.raises(ArgumentError):
            ex.check_vjp(G2, weights, right)


def test_unknown_inputs_are_refused_with_the_valid_ones_listed():
    with pytest.raises(ArgumentError, match="'x3' in the seed v is not an input; the inputs are x1, x2"):
        ex.check_jvp(F, {"x1": 1.0, "x3": 1.0}, 1.0)
    with pytest.raises(ArgumentError, match="inputs are x1, x2"):
        ex.check_tangent(F, "w2", 1.0, seed="x3")
    with pytest.raises(ArgumentError, match="inputs are x1, x2"):
        ex.check_hvp(F, {"y": 1.0}, "x1", 1.0)
    with pytest.raises(ArgumentError, match="component must be one of x1, x2"):
        ex.check_hvp(F, {"x1": 1.0}, "x3", 1.0)
    with pytest.raises(ArgumentError, match="its nodes are w⁰₁, w⁰₂, w¹₁, w¹₂, w²"):
        ex.check_value(F, "w3", 1.0)
    with pytest.raises(ArgumentError, match="nodes 0 to 4"):
        ex.check_level(F, 7, 1)


def test_a_dict_answer_is_read_by_name_never_by_position():
    right = {"x2": 2.0, "x1": 5 + C2}  # keys in the other order
    assert ex.check_gradient(F, right).status == "right"
    assert ex.check_gradient(F, {"x₁": 5 + C2, "x₂": 2.0}).status == "right"  # display names
    assert ex.check_vjp(G2, {0: 1.0, 1: 2.0}, {"x2": 6.0, "x1": 15 - C2}).status == "right"
    g = ex.check_newton_step(NEWTON, None)
    assert g.status == "unanswered"
    det = 6.75 * 2 - 1
    step = (-(2 * 3.375 - 3.5) / det, -(-3.375 + 6.75 * 3.5) / det)
    new = {"x2": 1.0 + step[1], "x1": 1.5 + step[0]}
    assert ex.check_newton_step(NEWTON, new).status == "right"
    swapped = {"x1": 1.0 + step[1], "x2": 1.5 + step[0]}
    assert ex.check_newton_step(NEWTON, swapped).status != "right"
    for bad in ({"x1": 1.0, "y": 2.0}, {"x1": 1.0}, {1: 2.0, 2: 3.0}):
        assert ex.check_newton_step(NEWTON, bad).status == "invalid"
        assert ex.check_gradient(F, bad).status == "invalid"
    assert "a set has no order" in ex.check_gradient(F, {5 + C2, 2.0}).message
    assert ex.check_jvp(G2, {"x1": 1.0, "x2": 2.0}, {1: 9 - C2, 0: 9 + C2}).status == "right"


def test_a_single_number_where_a_pair_is_expected_is_said_so():
    fb = ex.check_dual((3, 2), "*", (4, -1), 12)
    assert fb.status == "invalid" and "pair" in fb.message and "ε part" in fb.message
    assert ex.check_dual((3, 2), "*", (4, -1), np.array([12.0, 5.0])).status == "right"
    assert ex.check_dual((3, 2), "*", (4, -1), (np.int64(12), np.float32(5))).status == "right"
    fb = ex.check_newton_step(NEWTON, 3.0)
    assert fb.status == "invalid" and "pair" in fb.message
    fb = ex.check_adjoint_rule("div", lambda a, b, w: w / b)
    assert fb.status == "invalid" and "returned a float; return a pair" in fb.message
    fb = ex.check_adjoint_rule("div", lambda a, b, w: {"a": w / b, "b": -w * a / b**2})
    assert fb.status == "invalid" and "returned a dict; return a pair" in fb.message


def test_numbers_as_text_numpy_scalars_and_arrays_are_accepted():
    assert ex.check_value(F, np.int64(2), np.float64(10.0)).status == "right"  # node by numpy index
    assert ex.check_value(F, "w1_1", "10").status == "right"
    assert ex.check_value(F, "w1_1", " −10 ").status == "wrong"
    assert ex.check_node_count(F, np.int32(5)).status == "right"
    assert ex.check_gradient(F, np.array([5 + C2, 2.0])).status == "right"
    assert ex.check_jvp(G2, {"x1": 1.0, "x2": 2.0}, np.array([9 + C2, 9 - C2])).status == "right"
    fb = ex.check_value(F, "w1_1", np.array([10.0]))
    assert fb.status == "invalid" and "array of shape (1,)" in fb.message


def test_a_node_of_another_graph_is_refused():
    with pytest.raises(ArgumentError, match="another graph"):
        ex.check_value(F, NEURON.nodes[3], 1.0)
    assert ex.check_value(F, F.nodes[2], 10).status == "right"
