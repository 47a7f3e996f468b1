"""Checkpointed reverse mode: the same gradient as graph.reverse, and the counts it reports
measured against the formulas and against a brute-force search."""

import math

import pytest

from autodiff_core import exp, sigmoid, sin, sqrt, tan, tanh, trace
from autodiff_core.checkpoint import (
    best_k,
    chain_length,
    checkpointed_reverse,
    kept_values,
    peak_stored,
    recomputed,
    sin_chain,
)
from autodiff_core.examples import F, Y


def mixed(x):
    # every kind of partial: reading the operand, the output (exp, tan, sqrt, tanh, σ) or nothing
    x = exp(0.5 * x) - 1
    x = tanh(x * x) + 2
    x = sqrt(x) / 3
    x = tan(sigmoid(x)) ** 2
    return 1 - x


@pytest.mark.parametrize("k", range(1, 16))
def test_same_gradient_as_plain_reverse(k):
    for graph in (sin_chain(12, x=0.7), trace(mixed, x=0.3), Y.graph()):
        run = checkpointed_reverse(graph, k, seed=2.5)
        assert run.gradient == graph.gradient(2.5)  # the same operations: bit for bit
        assert run.value == graph.value


def test_gradient_of_the_sine_chain_by_hand():
    g = sin_chain(3, x=0.7)
    a = math.sin(0.7)
    b = math.sin(a)
    by_hand = math.cos(b) * math.cos(a) * math.cos(0.7)
    for k in (1, 2, 3):
        assert checkpointed_reverse(g, k).gradient["x"] == pytest.approx(by_hand, rel=1e-15)


@pytest.mark.parametrize("n", [1, 2, 5, 12, 13, 40])
def test_counts_match_the_formulas(n):
    g = sin_chain(n)
    assert chain_length(g) == n
    for k in range(1, n + 3):
        run = checkpointed_reverse(g, k)
        assert run.peak_stored == peak_stored(n, k)
        assert run.recomputed == recomputed(n, k)
        assert run.checkpoints == tuple(range(0, n, k))
        assert len(run.timeline) == n and max(run.timeline) == run.peak_stored
        if k <= n:
            assert run.peak_stored == math.ceil(n / k) + k - 1


def test_golden_counts():
    assert (peak_stored(12, 1), recomputed(12, 1)) == (12, 0)  # plain reverse mode
    assert (peak_stored(12, 3), recomputed(12, 3)) == (6, 8)
    assert (peak_stored(12, 4), recomputed(12, 4)) == (6, 9)
    assert (peak_stored(12, 12), recomputed(12, 12)) == (12, 11)  # one checkpoint, v₀
    assert peak_stored(1000, 28) == 63


def test_best_k_against_a_brute_force_of_the_measured_peaks():
    for n in (1, 2, 3, 10, 30, 100):
        g = sin_chain(n)
        peaks = {k: checkpointed_reverse(g, k).peak_stored for k in range(1, n + 1)}
        assert peaks[best_k(n)] == min(peaks.values())
        assert best_k(n) == min(k for k in peaks if peaks[k] == min(peaks.values()))
    assert best_k(100) == 10 and peak_stored(100, 10) == 19
    assert best_k(1000) == 28
    for n in (100, 1000, 10_000):
        assert abs(best_k(n) - math.sqrt(n)) < 0.3 * math.sqrt(n)


def test_kept_values_are_what_the_reverse_steps_read():
    for graph in (Y.graph(), F.graph(), sin_chain(5), trace(mixed, x=0.3)):
        read = {r for s in graph.reverse().steps for r in s.reads[1:]}
        assert set(kept_values(graph)) == read
    y = Y.graph()  # a = x² reads x (2·x), b = a + 1 reads nothing, y = sin(b) reads b
    assert [y.nodes[i].name for i in kept_values(y)] == ["x", "b"]
    assert kept_values(sin_chain(7)) == tuple(range(7))


def test_not_a_chain_is_refused_with_the_node():
    with pytest.raises(ValueError, match="not a chain: w² = w⁰·w¹ reads w⁰, w¹, not only the node before it, w¹"):
        chain_length(trace(lambda x: x * sin(x), x=1.0))
    with pytest.raises(ValueError, match="one input"):
        chain_length(F.graph())
    with pytest.raises(ValueError, match="one input"):
        checkpointed_reverse(trace(lambda a, b: a * b, a=1.0, b=2.0), 2)
    with pytest.raises(ValueError, match="one output"):
        chain_length(trace(lambda t: (2 * t, t), t=1.0))
    with pytest.raises(ValueError, match="k, the checkpoint spacing"):
        checkpointed_reverse(sin_chain(3), 0)
    with pytest.raises(ValueError, match="whole number"):
        sin_chain(0)
    with pytest.raises(TypeError, match="seed"):
        checkpointed_reverse(sin_chain(3), 1, seed="1")
