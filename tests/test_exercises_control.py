"""Lesson 08's checks: unrolled loops, AD through Newton's method, relu and abs at 0."""

import math

import pytest

from autodiff_core import trace
from autodiff_core.examples import newton_sqrt
from autodiff_core.exercises.control import check_kink_derivative, check_loop_derivative, check_node_count


def test_newton_sqrt_converges_on_numbers():
    assert newton_sqrt(2.0, 1.0, 6) == pytest.approx(math.sqrt(2.0), rel=1e-15)


@pytest.mark.parametrize("k", [1, 2, 4])
def test_node_count(k):
    g = trace(lambda a: newton_sqrt(a, 1.0, k), a=2.0)
    assert len(g) == 3 * k + 1
    assert check_node_count(g, 3 * k + 1, per_iteration=3).status == "right"
    # k = 1: the loop ran once, so 3 nodes means the input was left out
    assert ("every iteration" if k > 1 else "inputs") in check_node_count(g, 3, per_iteration=3).message
    assert "inputs" in check_node_count(g, 3 * k, per_iteration=3).message
    assert check_node_count(g, "many").status == "invalid"
    assert check_node_count(g, None).status == "unanswered"


def test_lesson_08s_answer_first_call_still_works():
    g = trace(lambda a: newton_sqrt(a, 1.0, 3), a=2.0)
    for answer in (10, 3, 9, "many", None):
        assert check_node_count(answer, g, per_iteration=3) == check_node_count(g, answer, per_iteration=3)


def test_loop_derivative_against_the_formula():
    # x1 = (x0 + a/x0)/2, so dx1/da = 1/(2·x0); x2 = (x1 + a/x1)/2 by the chain rule
    assert check_loop_derivative(2.0, 0.5, x0=1.0, iterations=1).status == "right"
    assert check_loop_derivative(0.5, a=2.0, x0=1.0, iterations=1).status == "right"  # lesson 08's call
    x1, d1 = 1.5, 0.5
    d2 = 0.5 * (d1 + (x1 - 2.0 * d1) / x1**2)
    assert check_loop_derivative(d2, a=2.0, iterations=2).status == "right"
    limit = check_loop_derivative(1 / (2 * math.sqrt(2.0)), a=2.0, iterations=1)
    assert limit.status == "wrong" and "limit" in limit.message
    assert "constant" in check_loop_derivative(0, a=2.0).message
    assert check_loop_derivative(1 / (2 * math.sqrt(2.0)), a=2.0, iterations=6).status == "right"
    with pytest.raises(TypeError, match="iterations"):
        check_loop_derivative(0.5, a=2.0, iterations=0)


def test_kink_derivatives_are_the_rules_at_zero():
    assert check_kink_derivative(0, "relu").status == "right"
    assert check_kink_derivative(0, "abs").status == "right"
    assert check_kink_derivative(1, "relu", x=2.0).status == "right"
    assert check_kink_derivative(-1, "abs", x=-3.0).status == "right"
    assert "central difference" in check_kink_derivative(0.5, "relu").message
    assert "one-sided" in check_kink_derivative(1, "abs").message
    assert "always" in check_kink_derivative("undefined", "abs").message
    assert check_kink_derivative(float("nan"), "abs").status == "invalid"
    assert check_kink_derivative("abs", 0).status == "right"
    assert check_kink_derivative(name="relu", answer=0.5, x=0.0).status == "wrong"
    assert check_kink_derivative(0, function="abs").status == "right"  # the keyword of before
    with pytest.raises(TypeError, match="name must be one of 'relu', 'abs'"):
        check_kink_derivative("sin", 0)
