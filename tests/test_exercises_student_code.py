"""A rule the student writes that fails is reported as the failure it is (its kind, message,
test values and line), never as a wrong return type; one test per kind of failure."""

import math

import numpy as np
import pytest

from autodiff_core import log
from autodiff_core.exercises import check_adjoint_rule, check_rule, check_tangent_rule

RULE_CHECKS = [check_tangent_rule, check_adjoint_rule]


def div_tangent_with_a_typo(a, b, a_dot, b_dot):
    return (a_dot * b - a * bdot) / b**2  # noqa: F821 - the student's typo


def div_adjoint_with_a_typo(a, b, w_bar):
    return w_bar / b, -w_bar * a / bb**2  # noqa: F821 - the student's typo


@pytest.mark.parametrize(
    "check, rule, line",
    [
        (check_tangent_rule, div_tangent_with_a_typo, "return (a_dot * b - a * bdot) / b**2"),
        (check_adjoint_rule, div_adjoint_with_a_typo, "return w_bar / b, -w_bar * a / bb**2"),
    ],
)
def test_a_name_error_is_reported_with_its_line(check, rule, line):
    fb = check("div", rule)
    assert fb.status == "invalid"
    assert fb.message.startswith("Your code raised NameError (name ")
    assert f"line {rule.__code__.co_firstlineno + 1}: `{line}" in fb.message
    assert f"in {rule.__name__}" in fb.message
    assert "check its spelling" in fb.message and "a, b, " in fb.message
    assert "NoneType" not in fb.message and "return a pair" not in fb.message


def test_dividing_by_a_tangent_that_is_zero_is_explained():
    fb = check_tangent_rule("div", lambda a, b, a_dot, b_dot: a_dot / b_dot)
    assert fb.status == "invalid" and "ZeroDivisionError" in fb.message
    assert "ḃ = 0" in fb.message and "never divides by a tangent" in fb.message
    # the general points come first: a wrong rule that never divides is judged on numbers
    assert check_tangent_rule("div", lambda a, b, a_dot, b_dot: a_dot * b_dot).status == "wrong"


def test_a_zero_division_elsewhere_is_reported_without_the_tangent_tip():
    fb = check_adjoint_rule("div", lambda a, b, w: (w / (a - a), w))
    assert fb.status == "invalid" and "ZeroDivisionError" in fb.message and "tangent" not in fb.message
    fb = check_rule("log", lambda x: 1 / (x - x))
    assert fb.status == "invalid" and "ZeroDivisionError" in fb.message


@pytest.mark.parametrize(
    "check, rule, takes, called",
    [
        (check_tangent_rule, lambda a, b: a / b, "2 parameters (a, b)", "called with 4: (a, b, a_dot, b_dot)"),
        (check_tangent_rule, lambda a, b, c, d, e: 0, "5 parameters", "called with 4"),
        (check_adjoint_rule, lambda a, b, a_bar, b_bar: 0, "4 parameters", "called with 3: (a, b, w_bar)"),
        (check_rule, lambda: 0, "0 parameters", "called with 1: (x)"),
    ],
)
def test_the_wrong_number_of_parameters_is_said_before_calling(check, rule, takes, called):
    fb = check("div" if check is not check_rule else "cos", rule)
    assert fb.status == "invalid" and takes in fb.message and called in fb.message


def test_a_type_error_inside_the_rule_is_not_mistaken_for_arity():
    fb = check_tangent_rule("mul", lambda a, b, a_dot, b_dot: a_dot * b + "a")
    assert fb.status == "invalid" and "raised TypeError" in fb.message and "parameters" not in fb.message


@pytest.mark.parametrize("check", RULE_CHECKS)
def test_a_rule_that_returns_nothing_asks_for_return(check):
    def forgot_return(*args):
        args[0] * args[1]

    fb = check("mul", forgot_return)
    assert fb.status == "invalid" and "returned None: did you forget `return`?" in fb.message


def test_a_rule_that_returns_the_wrong_kind_of_thing_says_what_it_returned():
    fb = check_tangent_rule("mul", lambda a, b, da, db: (da * b, a * db))
    assert "returned 2 values; return one number" in fb.message
    fb = check_tangent_rule("mul", lambda a, b, da, db: "da*b + a*db")
    assert "not the text 'da*b + a*db'" in fb.message
    fb = check_adjoint_rule("mul", lambda a, b, w: w * b)
    assert "returned a float; return a pair" in fb.message
    fb = check_adjoint_rule("mul", lambda a, b, w: (w * b, w * a, 0))
    assert "returned 3 values; return a pair" in fb.message
    fb = check_adjoint_rule("mul", lambda a, b, w: {"a": w * b, "b": w * a})
    assert "returned a dict; return a pair" in fb.message
    fb = check_adjoint_rule("mul", lambda a, b, w: np.array(w * b))  # a 0-d array
    assert "returned one number; return a pair" in fb.message
    fb = check_adjoint_rule("mul", lambda a, b, w: "w*b, w*a")
    assert "returned the text 'w*b, w*a'; return a pair" in fb.message
    fb = check_adjoint_rule("sin", lambda x, w: (w * math.cos(x), 0))
    assert "returned 2 values; return one number" in fb.message
    fb = check_rule("cos", lambda x: None)
    assert "returned None" in fb.message


def test_a_domain_error_from_the_packages_functions_is_reported():
    fb = check_rule("cos", lambda u: log(u))
    assert fb.status == "invalid" and "raised DomainError" in fb.message and "x = −1.7" in fb.message


def test_endless_recursion_is_reported():
    def again(a, b, da, db):
        return again(a, b, da, db)

    fb = check_tangent_rule("mul", again)
    assert fb.status == "invalid" and "RecursionError" in fb.message and "calls itself" in fb.message


@pytest.mark.parametrize("check", [check_rule, *RULE_CHECKS])
def test_text_or_a_number_instead_of_a_function(check):
    fb = check("mul", "lambda a, b: b")
    assert fb.status == "invalid" and "without quotes" in fb.message
    assert check("mul", 3).status == "invalid"
    assert check("mul", None).status == "unanswered"


def test_right_rules_still_pass():
    assert check_tangent_rule("div", lambda a, b, a_dot, b_dot: (a_dot * b - a * b_dot) / b**2)
    assert check_adjoint_rule("div", lambda a, b, w_bar: (w_bar / b, -w_bar * a / b**2))
    assert check_tangent_rule("sin", lambda x, x_dot: math.cos(x) * x_dot)
    assert check_adjoint_rule("tanh", lambda x, w: w * (1 - math.tanh(x) ** 2))
    assert check_rule("tanh", lambda u: 1 - math.tanh(u) ** 2)
