"""Lesson 09's checks: the values the tape keeps, checkpointing's counts, the best spacing."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autodiff_core import tanh, trace
from autodiff_core.checkpoint import best_k, peak_stored, recomputed, sin_chain
from autodiff_core.examples import F, Y
from autodiff_core.exercises.memory import check_best_k, check_kept_values, check_peak_stored, check_recomputed


def test_kept_values():
    y = Y.graph()  # x, a = x², b = a + 1, y = sin(b): reads x and b
    assert check_kept_values(2, y).status == "right"
    assert "which of them contain a value" in check_kept_values(4, y).message
    assert "plain number" in check_kept_values(3, y).message
    assert check_kept_values(7, sin_chain(7)).status == "right"
    assert check_kept_values(2, F.graph()).status == "right"  # x₁·x₂ and sin(x₁)
    wide = trace(lambda a, b, c, d: tanh(a * b + c * d) + a * d, a=0.5, b=-1.0, c=2.0, d=0.3)
    assert len(wide) == 10 and len(wide.edges) == 11
    assert check_kept_values(5, wide).status == "right"  # a, b, c, d, tanh's operand
    assert "edges" in check_kept_values(11, wide).message
    assert check_kept_values(None, y).status == "unanswered"
    assert check_kept_values(2.5, y).status == "invalid"
    with pytest.raises(TypeError, match="Graph"):
        check_kept_values(2, "sin(x)")


def test_peak_stored():
    assert check_peak_stored(6, n=12, k=4).status == "right"  # 3 checkpoints + 3
    assert "checkpoints alone" in check_peak_stored(3, n=12, k=4).message
    assert "counted twice" in check_peak_stored(7, n=12, k=4).message
    assert check_peak_stored(12, n=12, k=1).status == "right"
    assert "plain reverse" in check_peak_stored(12, n=12, k=4).message
    # k does not divide n: the top checkpoint is freed before the full segments below are swept
    assert check_peak_stored(6, n=13, k=4).status == "right"  # w⁰, w⁴, w⁸ + 3, w¹² freed
    assert "until the end" in check_peak_stored(7, n=13, k=4).message  # 4 checkpoints + 3
    assert check_peak_stored(6, n=12, k=5).status == "right"
    assert "freed" in check_peak_stored(6, n=12, k=5).message
    assert "until the end" in check_peak_stored(7, n=12, k=5).message
    assert check_peak_stored(5, n=5, k=9).status == "right"
    assert check_peak_stored("six", n=12, k=4).status == "invalid"
    for bad in ({"n": 12, "k": 0}, {"n": 0, "k": 4}, {"n": -2, "k": 1}):
        with pytest.raises(ValueError, match="whole number ≥ 1"):
            check_peak_stored(6, **bad)
    with pytest.raises(ValueError, match="k, the checkpoint spacing"):
        check_recomputed(6, n=12, k=0)
    with pytest.raises(ValueError, match="n, the chain length"):
        check_best_k(6, n=0)


def test_recomputed():
    assert check_recomputed(8, n=12, k=3).status == "right"  # 12 − 4 checkpoints
    assert "never recomputed" in check_recomputed(12, n=12, k=3).message
    assert "count the checkpoints again" in check_recomputed(7, n=12, k=3).message
    assert "one segment" in check_recomputed(2, n=12, k=3).message
    assert "no checkpoints but w⁰" in check_recomputed(66, n=12, k=3).message
    assert "only plain reverse" in check_recomputed(0, n=12, k=3).message
    assert check_recomputed(0, n=12, k=1).status == "right"
    assert check_recomputed(None, n=12, k=3).status == "unanswered"


def test_best_k():
    for tie in range(8, 14):  # all reach 19 values
        assert check_best_k(tie, n=100).status == "right"
    assert "19 values instead of 100" in check_best_k(10, n=100).message
    assert check_best_k(14, n=100).status == "wrong"
    for tie in range(28, 37):  # all reach 62 values
        assert check_best_k(tie, n=1000).status == "right"
    assert "plain reverse" in check_best_k(1, n=100).message
    assert "one checkpoint" in check_best_k(100, n=100).message
    wrong = check_best_k(5, n=100)
    assert wrong.status == "wrong" and "24 values" in wrong.message and "10" not in wrong.message
    assert check_best_k(0, n=100).status == "invalid"
    assert check_best_k(None, n=100).status == "unanswered"


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 40),
    st.integers(1, 45),
    st.one_of(
        st.integers(-5, 60),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=4),
        st.none(),
        st.booleans(),
        st.lists(st.integers(), max_size=2),
    ),
)
def test_any_answer_gets_feedback_and_only_the_count_is_right(n, k, answer):
    for check, reference in (
        (check_peak_stored, peak_stored(n, k)),
        (check_recomputed, recomputed(n, k)),
    ):
        feedback = check(answer, n=n, k=k)
        assert feedback.status in ("right", "wrong", "close", "unanswered", "invalid")
        is_reference = isinstance(answer, (int, float)) and not isinstance(answer, bool) and answer == reference
        assert (feedback.status == "right") == is_reference
    feedback = check_best_k(answer, n=n)
    whole = isinstance(answer, (int, float)) and not isinstance(answer, bool) and math.isfinite(answer)
    fits = whole and float(answer).is_integer() and answer >= 1
    best = fits and peak_stored(n, int(answer)) == peak_stored(n, best_k(n))
    assert (feedback.status == "right") == best
