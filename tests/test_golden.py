"""Exact values and the wⁿᵢ decomposition of the seed texts' examples."""

import math

import pytest

from autodiff_core import examples, trace, sin, sigmoid

TOL = 1e-12


def f(x1, x2):
    return x1 * x2 + sin(x1)


def test_f_value_and_gradient():
    g = trace(f, x1=2.0, x2=5.0)
    assert g.value == pytest.approx(10.909297426825681, abs=TOL)
    grad = g.gradient()
    assert grad["x1"] == pytest.approx(4.583853163452858, abs=TOL)
    assert grad["x2"] == pytest.approx(2.0, abs=TOL)
    assert g.forward("x1").derivative == pytest.approx(4.583853163452858, abs=TOL)
    assert g.forward("x2").derivative == pytest.approx(2.0, abs=TOL)


def test_y_value_and_derivative():
    g = examples.Y.graph()
    assert g.value == pytest.approx(-0.10819513453010837, abs=TOL)
    assert g.gradient()["x"] == pytest.approx(-2.9823890282416388, abs=TOL)
    assert g.forward().derivative == pytest.approx(-2.9823890282416388, abs=TOL)


def test_sigmoid_neuron_gradient():
    def loss(w, x, b):
        return (sigmoid(w * x + b) - 0.8) ** 2

    g = trace(loss, w=0.5, x=2.0, b=-0.1)
    grad = g.gradient()
    assert round(grad["w"], 8) == -0.07319962
    assert round(grad["b"], 8) == -0.03659981
    assert examples.NEURON.graph().gradient()["w"] == pytest.approx(grad["w"], abs=TOL)


def test_f_decomposition_matches_the_blog_post():
    g = trace("x1*x2 + sin(x1)", x1=2, x2=5)
    assert [n.name for n in g.nodes] == ["w0_1", "w0_2", "w1_1", "w1_2", "w2"]
    assert [n.label for n in g.nodes] == ["w⁰₁", "w⁰₂", "w¹₁", "w¹₂", "w²"]
    assert [n.latex for n in g.nodes][2] == "w^{1}_{1}"
    assert [n.var for n in g.inputs] == ["x1", "x2"]
    assert [n.var_label for n in g.inputs] == ["x₁", "x₂"]
    assert [g.formula(i) for i in range(5)] == ["x₁", "x₂", "w⁰₁·w⁰₂", "sin(w⁰₁)", "w¹₁ + w¹₂"]
    assert [n.level for n in g.nodes] == [0, 0, 1, 1, 2]
    assert g.nodes[4].parents == (2, 3)
    assert str(g).splitlines() == [
        "w⁰₁ = x₁ = 2",
        "w⁰₂ = x₂ = 5",
        "w¹₁ = w⁰₁·w⁰₂ = 10",
        "w¹₂ = sin(w⁰₁) = 0.909297",
        "w² = w¹₁ + w¹₂ = 10.9093   ← output",
    ]


def test_y_decomposition_matches_the_chapter():
    g = examples.Y.graph()
    assert [n.label for n in g.nodes] == ["x", "a", "b", "y"]
    assert [g.formula(i) for i in range(1, 4)] == ["x²", "a + 1", "sin(b)"]
    # the constant belongs to the operation, it is not an input
    assert len(g.inputs) == 1 and g.nodes[2].consts == (None, 1.0)
    assert g.nodes[1].op_label == "²" and g.nodes[2].op_label == "+ 1"
    # without names, the same graph in the w notation
    plain = trace("sin(x**2 + 1)", x=1.5)
    assert [n.label for n in plain.nodes] == ["w⁰", "w¹", "w²", "w³"]


def test_duplicate_edges_are_kept():
    g = trace(lambda x: x * x, x=3.0)
    assert g.nodes[1].parents == (0, 0)
    assert len(g.edges) == 2
    assert g.gradient()["x"] == 6.0
    assert len(g.reverse().steps) == 2


def test_local_partials_come_from_the_table():
    g = examples.F.graph()
    assert g.partial(2, 0) == "w⁰₂" and g.partial_value(2, 0) == 5.0
    assert g.partial(3, 0) == "cos(w⁰₁)"
    assert g.partial(3, 0, numbers=True) == "cos(2)"
    assert g.partial_value(3, 0) == pytest.approx(math.cos(2.0))


def test_several_outputs():
    g = trace(lambda x, y: (x * y, x + sin(y)), x=2.0, y=3.0)
    assert g.value == (6.0, 2.0 + math.sin(3.0))
    assert g.forward("y").derivative == pytest.approx((2.0, math.cos(3.0)))
    assert g.reverse(0).gradient == {"x": 3.0, "y": 2.0}
    assert g.reverse({1: 1.0}).gradient == pytest.approx({"x": 1.0, "y": math.cos(3.0)})
    with pytest.raises(ValueError, match="2 outputs"):
        g.reverse()
