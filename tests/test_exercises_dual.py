"""check_dual on functions of two arguments (atan2, hypot), against the partials written by
hand: atan2(y, x) has ∂/∂y = x/(x²+y²), ∂/∂x = −y/(x²+y²); hypot(x, y) has x/h and y/h."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autodiff_core.exercises import check_dual
from autodiff_core.exercises.feedback import ArgumentError


def by_hand(op, a, b, c, d):
    """(real part, ε part) of op(a + bε, c + dε), from the partials written above."""
    if op == "atan2":
        r2 = a * a + c * c
        return math.atan2(a, c), b * c / r2 - d * a / r2
    h = math.hypot(a, c)
    return h, b * a / h + d * c / h


def test_two_argument_functions_are_checked():
    assert check_dual((1.0, 2.0), "atan2", (3.0, -1.0), by_hand("atan2", 1.0, 2.0, 3.0, -1.0))
    assert check_dual((3.0, 1.0), "hypot", (4.0, 2.0), (5.0, 3 / 5 + 2 * 4 / 5))
    assert check_dual((3.0, 1.0), "hypot", 4.0, (5.0, 3 / 5))  # a plain number: d = 0
    wrong = check_dual((3.0, 1.0), "hypot", (4.0, 2.0), (5.0, 3 / 5))  # the left term alone
    assert not wrong and "both inputs carry an ε part" in wrong.message
    wrong = check_dual((3.0, 2.0), "hypot", (4.0, 3.0), (5.0, 3 / 5 + 4 / 5))  # partials, no b and d
    assert not wrong and "multiplied by the ε part of its input" in wrong.message
    assert not check_dual((1.0, 2.0), "atan2", (3.0, -1.0), (math.atan2(3.0, 1.0), 0.1))  # swapped


def test_the_arguments_a_function_takes_are_said():
    with pytest.raises(ArgumentError, match=r"a function of two \('atan2', 'hypot': atan2\(left, right\)\)"):
        check_dual((1.0, 2.0), "atan2", None, (0.0, 0.0))
    with pytest.raises(ArgumentError, match="right=None for a function of one argument such as 'sin'"):
        check_dual((1.0, 2.0), "sin", (3.0, 0.0), (0.0, 0.0))
    with pytest.raises(ArgumentError, match="has no value"):
        check_dual((0.0, 1.0), "atan2", (0.0, 1.0), (0.0, 0.0))


finite = st.floats(-4, 4, allow_nan=False).filter(lambda v: abs(v) > 0.1)


@settings(max_examples=60, deadline=None)
@given(op=st.sampled_from(["atan2", "hypot"]), a=finite, b=finite, c=finite, d=finite)
def test_by_hand_is_right_and_a_slip_never_is(op, a, b, c, d):
    real, eps = by_hand(op, a, b, c, d)
    assert check_dual((a, b), op, (c, d), (real, eps)).status == "right"
    for slip in (0.0, -eps, 2 * eps, eps + 1.0):  # plausible wrong ε parts
        if not math.isclose(slip, eps, rel_tol=1e-6, abs_tol=1e-9):
            assert check_dual((a, b), op, (c, d), (real, slip)).status == "wrong"
