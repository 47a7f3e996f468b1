"""Dual numbers and finite differences, against exact derivatives."""

import math

import pytest

from autodiff_core import Dual, cos, exp, numerical_derivative, numerical_gradient, sin, trace


def test_dual_arithmetic():
    x = Dual(2.0, 1.0)
    assert (x * x).tangent == 4.0
    assert (1 / x).tangent == pytest.approx(-0.25)
    assert (3 - x).tangent == -1.0
    assert (x**3).tangent == pytest.approx(12.0)
    assert (2**x).tangent == pytest.approx(4 * math.log(2))
    assert (-x).value == -2.0
    assert Dual(1.0, 2.0) == Dual(1.0, 2.0)
    assert cos(x).tangent == pytest.approx(-math.sin(2.0))


def test_dual_agrees_with_graph_sweeps():
    def f(x1, x2):
        return x1 * x2 + sin(x1) * exp(x2 / 4)

    g = trace(f, x1=2.0, x2=5.0)
    d = f(Dual(2.0, 1.0), Dual(5.0, 0.0))
    assert d.tangent == pytest.approx(g.gradient()["x1"], rel=1e-14)


def test_finite_differences():
    exact = math.cos(1.0)
    central = numerical_derivative(math.sin, 1.0)
    forward = numerical_derivative(math.sin, 1.0, scheme="forward")
    assert abs(central - exact) < 1e-10
    assert abs(forward - exact) < 1e-7
    assert abs(central - exact) < abs(forward - exact)
    # too small a step: round-off wins
    assert abs(numerical_derivative(math.sin, 1.0, h=1e-13) - exact) > 1e-5
    grad = numerical_gradient(lambda x1, x2: x1 * x2 + math.sin(x1), {"x1": 2, "x2": 5})
    assert grad["x1"] == pytest.approx(4.583853163452858, rel=1e-9)
    assert grad["x2"] == pytest.approx(2.0, rel=1e-9)
    with pytest.raises(ValueError):
        numerical_derivative(math.sin, 1.0, scheme="backward")
    with pytest.raises(ValueError):
        numerical_derivative(math.sin, 1.0, h=0)


def test_the_complex_step_refuses_a_function_that_drops_the_imaginary_part():
    import cmath

    from autodiff_core.numeric import complex_step_derivative

    assert complex_step_derivative(cmath.sin, 0.3) == pytest.approx(math.cos(0.3), rel=1e-15)
    assert complex_step_derivative(lambda z: z * 0 + 1, 2.0) == 0.0  # a constant: its derivative is 0
    for f in (abs, lambda z: z.real, lambda z: float(z.real) ** 2):
        with pytest.raises(TypeError, match="drops the imaginary part"):
            complex_step_derivative(f, 1.0)


@pytest.mark.parametrize("n, k", [(0, 2), (-3, 2), (5, 0), (5, -1)])
def test_checkpoint_counts_refuse_what_is_not_a_count(n, k):
    from autodiff_core.checkpoint import best_k, peak_stored, recomputed

    for f in (peak_stored, recomputed):
        with pytest.raises(ValueError, match="must be a whole number ≥ 1"):
            f(n, k)
    if n < 1:
        with pytest.raises(ValueError, match="n, the chain length, must be a whole number ≥ 1"):
            best_k(n)
