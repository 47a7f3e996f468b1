"""Lesson 06's key predictions: each plausible slip on the way down gets its own message,
derived from the graph (not from hard-coded numbers), on the neuron and on f."""

import math

import pytest

from autodiff_core import examples, trace
from autodiff_core.exercises import check_adjoint

NEURON = examples.NEURON.graph()  # u = w·x, z = u + b, ŷ = σ(z), r = ŷ − 0.8, L = r²
F = examples.F.graph()
Y_HAT = NEURON.node("y_hat")
Y_HAT_BAR = NEURON.adjoint_name(Y_HAT.index)  # the name as the engine writes it

# by hand, at w = 0.5, x = 2, b = −0.1
SIG = 1 / (1 + math.exp(-0.9))
R = SIG - 0.8
Y_BAR = 2 * R  # ȳ̂ = r̄·1 = 2r
Z_BAR = Y_BAR * SIG * (1 - SIG)  # = ū = b̄
W_BAR = Z_BAR * 2.0  # ū·x


def message(node, answer, graph=NEURON):
    fb = check_adjoint(graph, node, answer)
    assert fb.status == "wrong", (node, answer, fb)
    return fb.message


def test_the_references_are_right():
    assert check_adjoint(NEURON, "y_hat", Y_BAR) and check_adjoint(NEURON, "b", Z_BAR)
    assert check_adjoint(NEURON, "w", W_BAR)


@pytest.mark.parametrize(
    "answer, words",
    [
        (R, "the factor 2 the exponent brings down is missing"),  # −0.0890505: forgot the 2 in r²
        (-Y_BAR, "the sign is not"),  # +0.178101
        (Z_BAR, "that is z̄, one node too far"),  # −0.0366: went on below ŷ
        (1.0, "that is L̄, the adjoint of L two nodes up"),  # stopped at the seed
    ],
)
def test_y_hat_slips_each_get_their_own_message(answer, words):
    assert words in message("y_hat", answer)
    assert words in message("y_hat", round(answer, 4))  # as a student types it


def test_the_sign_slip_points_at_the_negative_partial():
    assert "∂L/∂r = 2·r < 0 here" in message("y_hat", -Y_BAR)


@pytest.mark.parametrize(
    "answer, words",
    [
        (W_BAR, "that is w̄, the adjoint of w, not of b: b is used in z = u + b, so b̄ = z̄·∂z/∂b"),  # ×x
        (Y_BAR, f"that is {Y_HAT_BAR}, the adjoint of {Y_HAT.label} two nodes up"),  # skipped σ′
        (-Z_BAR, "the sign is not"),
        (Z_BAR / 2, "factor 2"),
    ],
)
def test_b_slips_each_get_their_own_message(answer, words):
    assert words in message("b", answer)


def test_skipping_sigma_prime_names_the_partial_left_out():
    assert f"∂{Y_HAT.label}/∂z = σ(z)·(1 − σ(z))" in message("b", Y_BAR)


def test_the_five_key_slips_get_five_different_messages():
    texts = {message("y_hat", a) for a in (R, -Y_BAR, Z_BAR)} | {message("b", a) for a in (W_BAR, Y_BAR)}
    assert len(texts) == 5


def test_f_fan_out_slips():
    d = 5 + math.cos(2)
    assert "only one contribution" in message("x1", 5, F)
    assert "only one contribution" in message("x1", math.cos(2), F)
    assert "the sign is not" in message("x1", -d, F)
    assert "that is w̄¹₁, the adjoint of w¹₁ one node up" in message("x2", 1, F)
    assert "∂w¹₁/∂w⁰₂ = w⁰₁" in message("x2", 1, F)
    assert "the sign is not" in message("x2", -2, F)


def test_slips_come_from_the_graph_not_from_fixed_numbers():
    # y = (2·x)³ at x = 0.7: u = 1.4, ȳ = 1, ū = 3u² = 5.88, x̄ = 2ū = 11.76
    g = trace(lambda x: (2.0 * x) ** 3, x=0.7)
    assert check_adjoint(g, "x", 11.76)
    assert "the factor 3 the exponent brings down is missing" in message("x", 11.76 / 3, g)
    assert "that is w̄¹, the adjoint of w¹ one node up" in message("x", 5.88, g)
    assert "∂w¹/∂w⁰ = 2" in message("x", 5.88, g)
    assert "left out: ∂w²/∂w¹ = 3·(w¹)²" in message("x", 2.0, g)
    assert "that is w̄², the adjoint of w² two nodes up" in message("x", 1.0, g)
    assert "that is w̄⁰, one node too far" in message("w1", 11.76, g)
    assert "the sign is not" in message("x", -11.76, g)
