"""Domain problems name the node, its rule and the offending value; NaN and
infinity never pass silently into a result."""

import pytest

from autodiff_core import DomainError, Dual, log, sqrt, trace, exp


def test_log_of_negative_input_names_the_node():
    with pytest.raises(DomainError) as err:
        trace("x1*x2 + log(x1)", x1=-1.0, x2=5.0)
    msg = str(err.value)
    assert "w¹₂ = log(w⁰₁)" in msg and "w⁰₁ = −1" in msg and "> 0" in msg
    assert err.value.node == "w1_2" and err.value.value == -1.0


@pytest.mark.parametrize(
    "text, inputs, words",
    [
        ("sqrt(x - 3)", {"x": 1.0}, "sqrt needs"),
        ("1 / (x - 1)", {"x": 1.0}, "divisor must not be 0"),
        ("exp(x)", {"x": 1000.0}, "overflow"),
        ("x * x * x * x", {"x": 1e100}, "overflow"),
        ("x ** 0.5", {"x": -4.0}, "negative base"),
        ("x ** y", {"x": -2.0, "y": 0.5}, "negative base"),
    ],
)
def test_domain_errors_during_tracing(text, inputs, words):
    with pytest.raises(DomainError, match=words):
        trace(text, **inputs)


def test_domain_errors_in_derivatives():
    g = trace("sqrt(x)", x=0.0)  # the value is fine, the derivative is not
    assert g.value == 0.0
    with pytest.raises(DomainError, match="cannot differentiate"):
        g.gradient()
    with pytest.raises(DomainError, match="cannot differentiate"):
        g.forward("x")


def test_plain_numbers_and_duals():
    assert log(1.0) == 0.0
    with pytest.raises(DomainError):
        log(-1.0)
    with pytest.raises(DomainError):
        sqrt(Dual(-1.0, 1.0))
    with pytest.raises(DomainError):
        exp(Dual(1000.0, 1.0))
    with pytest.raises(TypeError):
        log("e")


def test_infinite_derivatives_never_pass_silently():
    g = trace("log(x)", x=1e-310)  # a finite value, an infinite slope 1/x
    with pytest.raises(DomainError, match="overflow"):
        g.gradient()
    with pytest.raises(DomainError, match="overflow"):
        g.forward("x")
