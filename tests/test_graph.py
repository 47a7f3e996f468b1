"""Graph look-ups by position: node indices and operand positions are checked (issue 10,
item 10), with the package's messages."""

import pytest

from autodiff_core import trace

G = trace("x1*x2 + sin(x1)", x1=2.0, x2=5.0)  # w⁰₁ w⁰₂ w¹₁ w¹₂ w²


def test_positions_in_range_work_as_before_negative_from_the_end():
    assert G.formula(2) == "w⁰₁·w⁰₂" and G.formula(-1) == G.formula(4) == "w¹₁ + w¹₂"
    assert G.partial(2, 1) == "w⁰₁" and G.partial(2, 1, numbers=True) == "2"
    assert G.partial_value(2, 0) == 5.0 and G.partial_value(-1, 1) == 1.0
    assert G.tangent_name(0) == "ẇ⁰₁" and G.adjoint_name(-1) == "w̄²"


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: G.formula(5), IndexError, "node 5 out of range: this graph has nodes 0 to 4"),
        (lambda: G.formula(-6), IndexError, "node -6 out of range"),
        (lambda: G.tangent_name(99), IndexError, "node 99 out of range"),
        (lambda: G.formula(True), TypeError, "a node index is a whole number, got True"),
        (lambda: G.adjoint_name("w1"), TypeError, "a node index is a whole number, got 'w1'"),
        (lambda: G.partial(1.0, 0), TypeError, "a node index is a whole number, got 1.0"),
        (lambda: G.partial(3, 1), IndexError, "operand 1 out of range: w¹₂ has 1 operand$"),
        (lambda: G.partial(0, 0), IndexError, "operand 0 out of range: w⁰₁ has 0 operands"),
        (lambda: G.partial_value(2, 2), IndexError, "operand 2 out of range: w¹₁ has 2 operands"),
        (lambda: G.partial_value(2, None), TypeError, "operand position is a whole number"),
    ],
)
def test_bad_positions_are_the_packages_errors(call, error, words):
    with pytest.raises(error, match=words):
        call()


def test_numpy_integers_are_positions():
    np = pytest.importorskip("numpy")
    assert G.formula(np.int64(2)) == G.formula(2)
    assert G.partial(np.int32(2), np.int64(0)) == "w⁰₂"
