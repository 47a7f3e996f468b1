"""Lesson 09's checks: the values the tape keeps, checkpointing's counts, the best spacing."""

import pytest

from autodiff_core import tanh, trace
from autodiff_core.checkpoint import sin_chain
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
    assert check_peak_stored(7, n=13, k=4).status == "right"  # 4 checkpoints + 3
    assert "round n/k up" in check_peak_stored(6, n=13, k=4).message
    assert check_peak_stored("six", n=12, k=4).status == "invalid"
    with pytest.raises(TypeError, match="k must be"):
        check_peak_stored(6, n=12, k=0)


def test_recomputed():
    assert check_recomputed(8, n=12, k=3).status == "right"  # 12 − 4 checkpoints
    assert "never recomputed" in check_recomputed(12, n=12, k=3).message
    assert "count the checkpoints again" in check_recomputed(7, n=12, k=3).message
    assert "one segment" in check_recomputed(2, n=12, k=3).message
    assert "no checkpoints but v₀" in check_recomputed(66, n=12, k=3).message
    assert "only plain reverse" in check_recomputed(0, n=12, k=3).message
    assert check_recomputed(0, n=12, k=1).status == "right"
    assert check_recomputed(None, n=12, k=3).status == "unanswered"


def test_best_k():
    assert check_best_k(10, n=100).status == "right"
    assert "19 values instead of 100" in check_best_k(10, n=100).message
    for tie in range(28, 37):  # all reach 63 values
        assert check_best_k(tie, n=1000).status == "right"
    assert "plain reverse" in check_best_k(1, n=100).message
    assert "one checkpoint" in check_best_k(100, n=100).message
    wrong = check_best_k(5, n=100)
    assert wrong.status == "wrong" and "24 values" in wrong.message and "10" not in wrong.message
    assert check_best_k(0, n=100).status == "invalid"
    assert check_best_k(None, n=100).status == "unanswered"
