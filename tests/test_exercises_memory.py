"""Lesson 09's checks: the values the tape keeps, checkpointing's counts, the best spacing."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autodiff_core import tanh, trace
from autodiff_core.checkpoint import best_k, peak_stored, recomputed, sin_chain
from autodiff_core.examples import F, Y
from autodiff_core.exercises.feedback import ArgumentError
from autodiff_core.exercises.memory import check_best_k, check_kept_values, check_peak_stored, check_recomputed


def test_kept_values():
    y = Y.graph()  # x, a = x², b = a + 1, y = sin(b): reads x and b
    assert check_kept_values(y, 2).status == "right"
    assert "which of them contain a value" in check_kept_values(y, 4).message
    assert "plain number" in check_kept_values(y, 3).message
    assert check_kept_values(sin_chain(7), 7).status == "right"
    assert check_kept_values(F.graph(), 2).status == "right"  # x₁·x₂ and sin(x₁)
    wide = trace(lambda a, b, c, d: tanh(a * b + c * d) + a * d, a=0.5, b=-1.0, c=2.0, d=0.3)
    assert len(wide) == 10 and len(wide.edges) == 11
    assert check_kept_values(wide, 5).status == "right"  # a, b, c, d, tanh's operand
    assert "edges" in check_kept_values(wide, 11).message
    assert check_kept_values(y, None).status == "unanswered"
    assert check_kept_values(y, 2.5).status == "invalid"
    with pytest.raises(ArgumentError, match="expected a graph"):
        check_kept_values("sin(x)", 2)


def test_peak_stored():
    assert check_peak_stored(12, 4, 6).status == "right"  # 3 checkpoints + 3
    assert "checkpoints alone" in check_peak_stored(12, 4, 3).message
    assert "counted twice" in check_peak_stored(12, 4, 7).message
    assert check_peak_stored(12, 1, 12).status == "right"
    assert "plain reverse" in check_peak_stored(12, 4, 12).message
    # k does not divide n: the top checkpoint is freed before the full segments below are swept
    assert check_peak_stored(13, 4, 6).status == "right"  # w⁰, w⁴, w⁸ + 3, w¹² freed
    assert "until the end" in check_peak_stored(13, 4, 7).message  # 4 checkpoints + 3
    assert check_peak_stored(12, 5, 6).status == "right"
    assert "freed" in check_peak_stored(12, 5, 6).message
    assert "until the end" in check_peak_stored(12, 5, 7).message
    assert check_peak_stored(5, 9, 5).status == "right"
    assert check_peak_stored(12, 4, "six").status == "invalid"
    for bad in ({"n": 12, "k": 0}, {"n": 0, "k": 4}, {"n": -2, "k": 1}, {"n": 12.0, "k": 4}):
        with pytest.raises(ArgumentError, match="whole number ≥ 1"):
            check_peak_stored(answer=6, **bad)
    with pytest.raises(ArgumentError, match="at most 100,000"):
        check_best_k(10**300, 10)
    with pytest.raises(ArgumentError, match="k, the checkpoint spacing"):
        check_recomputed(12, 0, 6)
    with pytest.raises(ArgumentError, match="n, the chain length"):
        check_best_k(0, 6)


def test_recomputed():
    assert check_recomputed(12, 3, 8).status == "right"  # 12 − 4 checkpoints
    assert "never recomputed" in check_recomputed(12, 3, 12).message
    assert "count the checkpoints again" in check_recomputed(12, 3, 7).message
    assert "one segment" in check_recomputed(12, 3, 2).message
    assert "no checkpoints but w⁰" in check_recomputed(12, 3, 66).message
    assert "only plain reverse" in check_recomputed(12, 3, 0).message
    assert check_recomputed(12, 1, 0).status == "right"
    assert check_recomputed(12, 3, None).status == "unanswered"


def test_best_k():
    for tie in range(8, 14):  # all reach 19 values
        assert check_best_k(100, tie).status == "right"
    assert "19 values instead of 100" in check_best_k(100, 10).message
    assert check_best_k(100, 14).status == "wrong"
    for tie in range(28, 37):  # all reach 62 values
        assert check_best_k(1000, tie).status == "right"
    assert "plain reverse" in check_best_k(100, 1).message
    assert "one checkpoint" in check_best_k(100, 100).message
    wrong = check_best_k(100, 5)
    assert wrong.status == "wrong" and "24 values" in wrong.message and "10" not in wrong.message
    assert check_best_k(100, 0).status == "invalid"
    assert check_best_k(100, None).status == "unanswered"


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
    value = number_in(answer)
    for check, reference in (
        (check_peak_stored, peak_stored(n, k)),
        (check_recomputed, recomputed(n, k)),
    ):
        feedback = check(n, k, answer=answer)
        assert feedback.status in ("right", "wrong", "close", "unanswered", "invalid")
        assert (feedback.status == "right") == (value == reference)
    feedback = check_best_k(n, answer=answer)
    fits = value is not None and value.is_integer() and value >= 1
    best = fits and peak_stored(n, int(value)) == peak_stored(n, best_k(n))
    assert (feedback.status == "right") == best


def number_in(answer):
    """The number an answer stands for (a number, or text of one such as '6'), else None."""
    if isinstance(answer, bool) or answer is None:
        return None
    if isinstance(answer, str):
        try:
            answer = float(answer.replace("−", "-"))
        except ValueError:
            return None
    if isinstance(answer, (int, float)) and math.isfinite(answer):
        return float(answer)
    return None


def test_the_older_calls_with_the_answer_first_still_work():
    y = Y.graph()
    assert check_kept_values(2, y).status == "right"
    assert check_kept_values(None, y).status == "unanswered"
    assert check_peak_stored(6, n=12, k=4).status == "right"
    assert check_recomputed(8, n=12, k=3).status == "right"
    assert check_best_k(10, n=100).status == "right"
    assert check_peak_stored(n=12, k=4, answer=6).status == "right"
