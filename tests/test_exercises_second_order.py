"""Lesson 11's checks: each right answer from an independent formula, each misconception it
names, and that a student's odd answer never raises."""

import math

import pytest

from autodiff_core import examples, trace
from autodiff_core.exercises.second_order import (
    check_hessian_sweeps,
    check_hvp,
    check_nested_derivative,
    check_newton_step,
)

F = examples.F  # f = x1*x2 + sin(x1) at (2, 5): H = [[−sin 2, 1], [1, 0]]


def test_hvp_right_and_its_misconceptions():
    v = {"x1": 1.0, "x2": 1.0}
    assert check_hvp(-math.sin(2) + 1, F, v, "x1").status == "right"
    assert check_hvp(1.0, F, v, "x2").status == "right"
    assert "gradient graph's value" in check_hvp(5 + math.cos(2), F, v, "x1").message
    assert "directional derivative" in check_hvp(5 + math.cos(2) + 2, F, v, "x1").message
    assert "mixed partials" in check_hvp(-math.sin(2), F, v, "x1").message
    assert "signs" in check_hvp(math.sin(2) - 1, F, v, "x1").message
    assert check_hvp(round(-math.sin(2) + 1, 2), F, v, "x1").status == "close"
    assert check_hvp(None, F, v, "x1").status == "unanswered"
    assert check_hvp("lots", F, v, "x1").status == "invalid"
    with pytest.raises(TypeError, match="component"):
        check_hvp(1.0, F, v, "x3")


def test_hvp_on_the_neuron_against_finite_differences():
    g = examples.NEURON.graph()
    v = {"w": 1.0, "x": 0.0, "b": -1.0}
    h = 1e-5

    def grad(s):
        return examples.NEURON.graph(w=0.5 + s, b=-0.1 - s).gradient()["w"]

    fd = (grad(h) - grad(-h)) / (2 * h)
    assert check_hvp(fd, g, v, "w").status == "right"


def test_hessian_sweeps():
    g = examples.NEURON.graph()  # three inputs: w, x, b
    assert check_hessian_sweeps(3, g).status == "right"
    assert "whole column" in check_hessian_sweeps(9, g).message
    assert "How many columns" in check_hessian_sweeps(1, g).message
    assert "symmetric" in check_hessian_sweeps(6, g).message
    assert "already inside" in check_hessian_sweeps(8, trace("a*b*c*d", a=1, b=2, c=3, d=4)).message
    assert check_hessian_sweeps(2.5, g).status == "invalid"
    assert check_hessian_sweeps(None, g).status == "unanswered"


NEWTON = "x1**4/4 + x2**2 + x1*x2 - x1"


def test_newton_step_against_the_formula():
    g = trace(NEWTON, x1=1.5, x2=1.0)
    # ∇f = (x1³ + x2 − 1, 2x2 + x1) = (3.375, 3.5); H = [[3x1², 1], [1, 2]] = [[6.75, 1], [1, 2]]
    det = 6.75 * 2 - 1
    step = (-(2 * 3.375 - 3.5) / det, -(-3.375 + 6.75 * 3.5) / det)
    new = (1.5 + step[0], 1.0 + step[1])
    assert check_newton_step(new, g).status == "right"
    assert check_newton_step({"x1": new[0], "x2": new[1]}, g).status == "right"
    assert "gradient-descent" in check_newton_step((1.5 - 3.375, 1.0 - 3.5), g).message
    assert "sign" in check_newton_step((1.5 - step[0], 1.0 - step[1]), g).message
    assert "the step Δ" in check_newton_step(step, g).message
    assert "own curvature" in check_newton_step((1.5 - 3.375 / 6.75, 1.0 - 3.5 / 2), g).message
    assert check_newton_step(3.0, g).status == "invalid"
    assert check_newton_step(None, g).status == "unanswered"
    for odd, said in ((3.0, "a float"), ("1, 2", "the text '1, 2'"), ((1, 2, 3), "3 values"), ({1, 2}, "a set")):
        fb = check_newton_step(odd, g)
        assert fb.status == "invalid" and f"as a pair (x₁, x₂), not {said}." in fb.message, fb.message


def test_nested_derivative():
    assert check_nested_derivative(1, tagged=True).status == "right"
    assert check_nested_derivative(2, tagged=False).status == "right"
    assert "true derivative" in check_nested_derivative(1, tagged=False).message
    assert "confused" in check_nested_derivative(2, tagged=True).message
    assert check_nested_derivative(0, tagged=True).status == "wrong"
    assert check_nested_derivative("one", tagged=True).status == "invalid"
    with pytest.raises(TypeError, match="tagged"):
        check_nested_derivative(1, tagged="yes")
