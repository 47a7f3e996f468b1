"""Lesson 10's checks: accumulated gradients and the loss's slope at the logit."""

import math

import pytest

from autodiff_core.exercises.training import check_accumulated_grad, check_logit_gradient


def sigma(z):
    return 1 / (1 + math.exp(-z))


def test_accumulated_grad_right_and_the_misconceptions():
    assert check_accumulated_grad(8.0).status == "right"  # 2 · d(x·x)/dx at 2
    once = check_accumulated_grad(4.0)
    assert once.status == "wrong" and "+=" in once.message
    assert "multiply" in check_accumulated_grad(16.0).message
    assert check_accumulated_grad(12.0, f="x**3", x=2.0, calls=1).status == "right"
    assert check_accumulated_grad(3 * math.cos(1.0), f="sin(x)", x=1.0, calls=3).status == "right"


def test_accumulated_grad_odd_answers_give_feedback_not_errors():
    assert check_accumulated_grad(None).status == "unanswered"
    for odd in ("eight", float("nan"), 10**400, True, [8]):
        assert check_accumulated_grad(odd).status == "invalid"
    with pytest.raises(TypeError, match="calls"):
        check_accumulated_grad(8.0, calls=0)


@pytest.mark.parametrize("z", [-4.0, -0.5, 0.0, 2.0])
@pytest.mark.parametrize("t", [0, 1])
def test_logit_gradient_against_the_formulas(z, t):
    s = sigma(z)
    assert check_logit_gradient(z, t, s - t).status == "right"
    assert check_logit_gradient(z, t, 2 * (s - t) * s * (1 - s), loss="mse").status == "right"
    assert check_logit_gradient(s - t, z=z, target=t).status == "right"  # lesson 10's call


def test_logit_gradient_names_each_misconception():
    z, t = -4.0, 1
    s = sigma(z)
    ce, mse = s - t, 2 * (s - t) * s * (1 - s)
    assert "sign" in check_logit_gradient(-ce, z, t).message
    assert "squared error" in check_logit_gradient(mse, z, t).message
    assert "σ′" in check_logit_gradient(ce * s * (1 - s), z, t).message
    assert "cross-entropy" in check_logit_gradient(ce, z, t, "mse").message
    assert "factor 2" in check_logit_gradient(mse / 2, z, t, "mse").message
    hint = check_logit_gradient(0.5, z, t).message
    assert f"{ce:.4f}" not in hint and f"{-ce:.4f}" not in hint  # no answer in the hint


def test_logit_gradient_bad_arguments():
    with pytest.raises(TypeError, match="label is 0 or 1"):
        check_logit_gradient(-4.0, 2, 0.1)
    assert check_logit_gradient(-4.0, 1, "x").status == "invalid"
    with pytest.raises(TypeError, match="loss"):
        check_logit_gradient(0.1, -4.0, 1, loss="hinge")
