"""Issue 10, items 5, 9 and 11: comparisons follow the traced point's branch, operands and
input values are checked, and NaN never disappears or is called an overflow."""

import math
import re
from decimal import Decimal
from fractions import Fraction

import pytest

import autodiff_core
from autodiff_core import DomainError, Dual, ExpressionError, exp, parse, sin, trace
from autodiff_core.ops import ABS, FUNCTIONS, RELU

NAN = float("nan")


# -- item 5: comparisons ---------------------------------------------------------------------
def branchy(x):
    if x > 0:
        return x * x
    return -x


def test_an_if_on_a_comparison_follows_the_branch_taken_at_the_traced_point():
    right, left = trace(branchy, x=1.5), trace(branchy, x=-2.0)
    assert [nd.op.name for nd in right.nodes] == ["input", "mul"]
    assert [nd.op.name for nd in left.nodes] == ["input", "neg"]
    assert right.value == 2.25 and right.gradient() == {"x": 3.0}
    assert left.value == 2.0 and left.gradient() == {"x": -1.0}
    # the same code on plain numbers and on dual numbers takes the same branches
    assert branchy(1.5) == 2.25
    assert branchy(Dual(-2.0, 1.0)).tangent == -1.0
    assert branchy(Dual(1.5, 1.0)).tangent == 3.0


def test_comparisons_compare_values_and_return_plain_bools():
    seen = {}

    def f(x, y):
        seen.update(
            {
                "lt": x < y,
                "le": x <= 2,
                "gt": 3 > x,
                "ge": x >= 2.0,
                "eq": x == y,
                "ne": x != y,
                "eq_num": x == 2,
                "ne_num": 2 != x,
                "same": x == x,
                "eq_str": x == "2",
                "ne_none": x != None,  # noqa: E711 - the point
            }
        )
        return x * y

    trace(f, x=2.0, y=2.0)
    assert seen == {
        "lt": False,
        "le": True,
        "gt": True,
        "ge": True,
        "eq": True,
        "ne": False,
        "eq_num": True,
        "ne_num": False,
        "same": True,
        "eq_str": False,
        "ne_none": True,
    }
    assert all(type(v) is bool for v in seen.values())


def test_comparisons_with_numpy_scalars_are_plain_bools():
    np = pytest.importorskip("numpy")
    out = []
    trace(lambda x: out.extend([x < np.float32(3), np.float64(1) < x, x == np.int64(2)]) or x, x=2.0)
    assert out == [True, True, True] and all(type(v) is bool for v in out)


def test_ordering_a_traced_value_against_a_string_is_a_type_error():
    def f(x):
        return x if x < "3" else -x

    with pytest.raises(TypeError, match="'<' not supported"):
        trace(f, x=1.0)


def test_truth_value_of_a_traced_value_is_an_error_that_says_to_compare():
    with pytest.raises(TypeError, match=r"no truth value.*comparison"):
        trace(lambda x: x if x else -x, x=1.0)
    with pytest.raises(TypeError, match="comparison"):
        bool(Dual(1.0, 1.0))


def test_traced_values_and_duals_stay_hashable_by_identity():
    def f(x, y):
        table = {x: "x", y: "y"}  # equal values, two keys
        assert len(table) == 2 and table[x] == "x" and table[y] == "y"
        assert len({x, y, x}) == 2 and hash(x) == hash(x)
        return x + y

    assert trace(f, x=1.0, y=1.0).value == 2.0
    a, b = Dual(1.0, 2.0), Dual(1.0, 3.0)
    assert a == b and a is not b and len({a, b}) == 2
    assert Dual(1.0, 2.0) == 1.0 and Dual(0.5) < 1 < Dual(2.0) and Dual(2.0) >= Dual(2.0, 9.0)


def test_builtin_abs_of_a_traced_value_is_recorded():
    g = trace(lambda x: abs(x) * 2, x=-3.0)
    assert [nd.op for nd in g.nodes][1] is ABS and g.value == 6.0
    assert g.gradient() == {"x": -2.0}
    assert abs(Dual(-3.0, 1.0)).tangent == -1.0


# -- item 9: operands and values -------------------------------------------------------------
@pytest.mark.parametrize(
    "make, op",
    [
        (lambda x: x * "2", "mul"),
        (lambda x: "2" * x, "mul"),
        (lambda x: x + None, "add"),
        (lambda x: None - x, "sub"),
        (lambda x: x / [1], "div"),
        (lambda x: x ** {}, "pow"),
        (lambda x: 2**x + Decimal("1"), "add"),
        (lambda x: x * 1j, "mul"),
    ],
)
def test_an_operand_that_is_not_a_number_is_a_type_error_naming_it_and_the_operation(make, op):
    with pytest.raises(TypeError, match=op) as err:
        trace(make, x=1.5)
    assert "traced value" in str(err.value) and "operands must be numbers" in str(err.value)


def test_a_dual_number_mixed_into_a_trace_is_a_type_error_saying_so():
    for make in (lambda x: x * Dual(1.0, 1.0), lambda x: Dual(1.0, 1.0) + x, lambda x: sin(x) + Dual(2.0)):
        with pytest.raises(TypeError, match="Dual number"):
            trace(make, x=1.0)


def test_numbers_of_every_kind_are_constants():
    np = pytest.importorskip("numpy")
    g = trace(lambda x: x * np.float32(2) + np.int64(3) - Fraction(1, 2) + np.float64(0.25) + True, x=1.0)
    assert g.value == 5.75 and g.gradient() == {"x": 2.0}
    # bool operands count as 0 and 1: x * (x > 0) is relu written with a comparison
    assert trace(lambda x: x * (x > 0), x=-2.0).value == 0.0
    assert trace(lambda x: x * (x > 0), x=3.0).gradient() == {"x": 1.0}


def test_input_values_must_be_finite_real_numbers():
    with pytest.raises(ExpressionError, match=r"input 'x' is too large for a float"):
        trace("x + 1", x=10**400)
    with pytest.raises(ExpressionError, match=r"input 'x' must be finite.*not a number"):
        trace("x + 1", x=NAN)
    with pytest.raises(ExpressionError, match="input 'x' must be finite"):
        trace(lambda x: x, x=-math.inf)
    for bad in ("2", True, None, Decimal("1.5"), 1j, [1.0]):
        with pytest.raises(ExpressionError, match="input 'y' must be a real number"):
            trace("x*y", x=1.0, y=bad)
    assert trace("x*y", x=Fraction(1, 4), y=-0.0).gradient() == {"x": -0.0, "y": 0.25}


def test_a_constant_too_large_for_a_float_is_a_domain_error():
    with pytest.raises(DomainError, match="too large for a float") as err:
        trace(lambda x: x * 10**400, x=1.0)
    assert "401 digits" in str(err.value) and len(str(err.value)) < 120
    with pytest.raises(DomainError, match="not a number"):
        trace(lambda x: x + NAN, x=1.0)


def test_dual_numbers_take_numbers_only():
    for bad in ("2", None, [1.0]):
        with pytest.raises(TypeError, match="real number"):
            Dual(bad)
        with pytest.raises(TypeError, match="mul"):
            Dual(1.0, 1.0) * bad
    with pytest.raises(TypeError, match="real number"):
        Dual(1.0, "1")
    with pytest.raises(DomainError, match="too large for a float"):
        Dual(1.0, 1.0) + 10**400


def test_a_parsed_expression_checks_its_inputs():
    e = parse("x*y + 1")
    assert e(x=2.0, y=3.0) == 7.0 and e(2.0, y=3.0) == 7.0
    with pytest.raises(ExpressionError, match="'x' must be a real number, got 'abc'"):
        parse("x")(x="abc")
    with pytest.raises(ExpressionError, match=r"z is not an input of 'x\*y \+ 1'"):
        e(x=1.0, y=2.0, z=3.0)
    with pytest.raises(ExpressionError, match="x given both by position and by name"):
        e(1.0, x=2.0, y=3.0)
    with pytest.raises(ExpressionError, match="input 'y' must be finite"):
        e(x=1.0, y=NAN)
    d = e(x=Dual(2.0, 1.0), y=3.0)
    assert (d.value, d.tangent) == (7.0, 3.0)


# -- item 11: NaN never disappears -----------------------------------------------------------
def test_relu_and_abs_keep_nan_in_the_op_table():
    assert math.isnan(RELU.fn(NAN))
    assert math.isnan(RELU.float_partials[0](NAN, 0.0, NAN))
    assert math.isnan(ABS.float_partials[0](NAN, 0.0, NAN))
    assert RELU.fn(-0.0) == 0.0 and RELU.fn(-1.0) == 0.0 and RELU.fn(2.5) == 2.5
    assert RELU.float_partials[0](0.0, 0.0, 0.0) == 0.0 and ABS.float_partials[0](0.0, 0.0, 0.0) == 0.0


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_nan_is_never_called_an_overflow(name):
    fn = getattr(autodiff_core, name)
    for arg in (NAN, Dual(NAN, 1.0), Dual(1.0, NAN)):
        with pytest.raises(DomainError) as err:
            fn(*[arg] * FUNCTIONS[name].arity)
        assert "not a number" in str(err.value) and "overflow" not in str(err.value)


def test_infinite_arguments_are_named_not_reported_as_math_errors():
    with pytest.raises(DomainError, match="infinite"):
        sin(math.inf)
    with pytest.raises(DomainError, match="infinite"):
        exp(Dual(1.0, math.inf))


def test_converting_a_traced_value_to_int_index_or_complex_says_why_not():
    for convert, words in (
        (int, "int()"),
        (lambda x: range(x), "count or an index"),
        (lambda x: [1, 2][x], "count or an index"),
        (complex, "real numbers"),
        (float, "float()"),
        (math.sin, "float()"),
    ):
        with pytest.raises(TypeError, match=re.escape(words)):
            trace(lambda x, convert=convert: convert(x) and x, x=1.0)
