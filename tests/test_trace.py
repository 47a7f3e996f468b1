"""trace(): a function or a text, traced at a point into a graph; what it refuses, and why."""

import math
import re

import pytest

from autodiff_core import Dual, DomainError, ExpressionError, Graph, Tracer, log, sin, trace


def test_a_function_and_its_text_give_the_same_graph():
    g = trace(lambda x1, x2: x1 * x2 + sin(x1), x1=2.0, x2=5.0)
    t = trace("x1*x2 + sin(x1)", x1=2.0, x2=5.0)
    assert isinstance(g, Graph) and g.source is None and t.source == "x1*x2 + sin(x1)"
    assert (
        str(g)
        == str(t)
        == (
            "w⁰₁ = x₁ = 2\nw⁰₂ = x₂ = 5\nw¹₁ = w⁰₁·w⁰₂ = 10\n"
            "w¹₂ = sin(w⁰₁) = 0.909297\nw² = w¹₁ + w¹₂ = 10.9093   ← output"
        )
    )
    assert g.value == t.value == 10.0 + math.sin(2.0)
    assert [nd.level for nd in g.nodes] == [0, 0, 1, 1, 2]
    assert g.input_names == ("x1", "x2")


def test_several_outputs_custom_names_and_numeric_inputs():
    g = trace(lambda x: (x * x, x + 1), x=3.0)
    assert g.value == (9.0, 4.0) and len(g.outputs) == 2
    g = trace(lambda a, b: a + b, names={"w1": "s"}, a=1.0, b=2.0)
    assert g.names == {"w1": "s"} and g.outputs[0].label == "s"
    assert trace(lambda x: x - 1, x=3).value == 2.0  # an int input is a float
    assert trace(lambda x: 2**x, x=3.0).value == 8.0  # reflected operators
    assert str(trace(lambda x: abs(-x), x=2.0)).splitlines()[1:] == ["w¹ = −w⁰ = −2", "w² = |w¹| = 2   ← output"]


def test_a_branch_follows_the_side_taken():
    def f(x):
        return x * x if x > 0 else -x

    assert str(trace(f, x=2.0)).splitlines()[-1] == "w¹ = w⁰·w⁰ = 4   ← output"
    assert str(trace(f, x=-2.0)).splitlines()[-1] == "w¹ = −w⁰ = 2   ← output"


def test_the_function_is_called_with_tracers():
    seen = []
    trace(lambda x: seen.append(x) or x, x=1.5)
    assert type(seen[0]) is Tracer and repr(seen[0]) == "Tracer(node 0, value=1.5)"


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: trace("x + y", x=1.0), "no value given for input y of 'x + y'"),
        (lambda: trace("x+1", x=1.0, y=2.0, z=1), "y, z are not used in 'x+1', whose inputs are x"),
        (lambda: trace(lambda x: (), x=1.0), "the function returned an empty tuple: nothing to differentiate"),
        (
            lambda: trace(lambda x: 3.0, x=1.0),
            "the output (3.0) does not depend on the inputs x; nothing to differentiate",
        ),
        (
            lambda: trace(lambda x, y: (x, 2.0), x=1.0, y=1.0),
            "the output 2 (2.0) does not depend on the inputs x, y; nothing to differentiate",
        ),
        (
            lambda: trace(lambda x: x, y=1.0),
            "the inputs given (y) do not match the function's parameters (x): missing a required argument: 'x'",
        ),
        (lambda: trace(lambda x: x, x=True), "the value of input 'x' must be a real number, got True"),
        (lambda: trace(lambda x: x, x="1"), "the value of input 'x' must be a real number, got '1'"),
        (lambda: trace(lambda x: x, x=float("nan")), "the value of input 'x' must be finite: it is not a number (NaN)"),
        (lambda: trace(lambda x: x, x=math.inf), "the value of input 'x' must be finite, got ∞"),
        (
            lambda: trace(lambda x: x, x=10**400),
            "the value of input 'x' is too large for a float: 100000…00 (401 digits)",
        ),
    ],
)
def test_what_cannot_be_traced_is_an_expression_error(call, message):
    with pytest.raises(ExpressionError) as e:
        call()
    assert str(e.value) == message


def test_a_value_outside_the_domain_names_the_node_and_its_rule():
    with pytest.raises(DomainError) as e:
        trace(lambda x: log(x - 1), x=1.0)
    assert str(e.value) == "cannot compute w²₁ = log(w¹₁): log needs an argument > 0 where w¹₁ = 0"
    assert (e.value.node, e.value.rule, e.value.value) == ("w2_1", "w²₁ = log(w¹₁)", 0.0)
    with pytest.raises(
        DomainError,
        match=r"^cannot compute w²₁ = w⁰₁/w¹₁: the divisor must not be 0 "
        r"where w⁰₁ = 1, w¹₁ = 0$",
    ):
        trace(lambda x: x / (x - x), x=1.0)
    with pytest.raises(DomainError, match=r"^a constant is not a number \(NaN\) \(in mul\)$"):
        trace(lambda x: x * math.nan, x=1.0)


@pytest.mark.parametrize(
    "f, message",
    [
        (lambda x: x * Dual(1.0, 1.0), "mul (×) of a traced value and a Dual number: the two cannot be mixed"),
        (lambda x: x + "a", "add (+) of a traced value and 'a' (type str): operands must be numbers"),
        (lambda x: bool(x), "a traced value has no truth value"),
        (lambda x: float(x), "float() of a traced value would drop it from the graph"),
        (lambda x: int(x), "int() of a traced value would drop it from the graph"),
        (lambda x: [1, 2][x], "a traced value cannot be a count or an index"),
        (lambda x: 42, "nothing to differentiate"),
    ],
)
def test_what_a_traced_value_refuses_says_why(f, message):
    with pytest.raises((TypeError, ExpressionError), match=re.escape(message)):
        trace(f, x=1.0)


def test_a_tracer_from_another_trace_is_refused():
    kept = []
    trace(lambda x: kept.append(x) or x, x=1.0)
    with pytest.raises(ExpressionError, match="^a traced value from another trace was mixed into this one$"):
        trace(lambda x: x + kept[0], x=1.0)
    with pytest.raises(TypeError, match="^trace needs a function or an expression string, got 42$"):
        trace(42, x=1.0)


def test_a_negative_zero_constant_keeps_its_sign():
    """0.0 == -0.0, but x·(−0.0) is −0.0 in Python: the two constants stay apart, so
    every node's value is the one plain Python computes, sign of zero included."""
    import math

    f = lambda x: (x * 0.0, x * -0.0, -0.0 * x + 0.0 * x)
    g = trace(f, x=1.0)
    want = f(1.0)
    got = [nd.value for nd in g.outputs]
    assert [math.copysign(1.0, v) for v in got] == [math.copysign(1.0, v) for v in want]
    assert sorted(math.copysign(1.0, c) for c in g.constants) == [-1.0, 1.0]


def test_the_graph_holds_exactly_what_the_tape_recorded():
    """The tape records in lists and packs them into typed arrays once: every op id,
    operand code (constants are negative), value (−0.0 and huge ones too) and level
    survives the packing, on a graph of a few thousand nodes."""
    from array import array

    from autodiff_core.tape import Tape

    def f(x, y):
        s = x * -0.0
        for k in range(1500):
            s = (s + x * y) / 1.5 - k * 1e300 * 1e-300 + sin(s)
        return s * 1e300

    tape = Tape()
    out = f(tape.input(0.3), tape.input(-0.7))
    packed = tape.arrays()
    for got, kept, code in zip(packed, (tape.ops, tape.a0, tape.a1, tape.values, tape.levels), "BqqdL"):
        assert got.tolist() == kept
        assert got.typecode.lower() == code.lower()
        assert array(got.typecode, kept) == got
    assert min(tape.a1) < 0 < 6000 < max(tape.a0)  # constants and node codes both packed
    assert packed[3][-1] == out.value and abs(out.value) > 1e299
    g = trace(f, x=0.3, y=-0.7)
    assert list(g.values) == tape.values and list(g.node_levels) == tape.levels
