"""Checkpointed reverse mode: the same gradient as graph.reverse, and the counts it reports
measured against the formulas and against a brute-force search."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
from autodiff_core.checkpoint_schedule import checkpoint_positions, evenly_spaced, peak_of, schedule
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
        m = math.ceil(n / k)
        if k < n:  # a checkpoint is freed once its segment is done: only the top one holds all m
            assert run.peak_stored == max(m + (n - (m - 1) * k) - 1, m + k - 2)
            assert run.peak_stored == m + k - (1 if n % k == 0 else 2)


def test_golden_counts():
    assert (peak_stored(12, 1), recomputed(12, 1)) == (12, 0)  # plain reverse mode
    assert (peak_stored(12, 3), recomputed(12, 3)) == (6, 8)
    assert (peak_stored(12, 4), recomputed(12, 4)) == (6, 9)
    assert (peak_stored(12, 12), recomputed(12, 12)) == (12, 11)  # one checkpoint, w⁰
    assert peak_stored(12, 5) == 6  # w⁰, w⁵, w¹⁰: w¹⁰ is freed before w⁶ … w⁹ are recomputed
    assert peak_stored(1000, 28) == 62


def test_best_k_searches_a_window_around_the_square_root_but_finds_what_all_k_would():
    for n in [*range(1, 400), 999, 1000, 4097, 10_000, 65_537]:
        assert best_k(n) == min(range(1, n + 1), key=lambda k: (peak_stored(n, k), k)), n
    assert best_k(10**12) in range(10**6 - 5 * 10**3, 10**6 + 5 * 10**3)  # quickly, without trying every k


def test_best_k_against_a_brute_force_of_the_measured_peaks():
    for n in (1, 2, 3, 10, 30, 100):
        g = sin_chain(n)
        peaks = {k: checkpointed_reverse(g, k).peak_stored for k in range(1, n + 1)}
        assert peaks[best_k(n)] == min(peaks.values())
        assert best_k(n) == min(k for k in peaks if peaks[k] == min(peaks.values()))
    assert best_k(100) == 8 and {k for k in range(1, 101) if peak_stored(100, k) == 19} == set(range(8, 14))
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


def test_counts_for_no_operations_or_no_spacing_are_a_value_error():
    for bad in (0, -3):
        for count, args in ((peak_stored, (bad, 2)), (recomputed, (bad, 2)), (best_k, (bad,))):
            with pytest.raises(ValueError, match="n, the chain length"):
                count(*args)
        for count in (peak_stored, recomputed, schedule):
            with pytest.raises(ValueError, match="k, the checkpoint spacing"):
                count(5, bad)
        with pytest.raises(ValueError, match="n, the chain length"):
            schedule(bad, 1)
    for odd in (2.0, True, "3", None):
        with pytest.raises(ValueError, match="whole number"):
            peak_stored(odd, 2)


# -- the schedule, against a brute-force simulation ------------------------------------------
def simulate(n, positions):
    """Checkpointed reverse mode run step by step with an explicit memory, without the
    schedule's rules for freeing: after every step, a value leaves the memory when no later
    step reads it before it is written again (found by looking ahead through all steps).
    Returns the memory after each step, and the steps' kinds."""
    points = sorted(set(positions) | {0})
    steps = [("store" if j in points else "forward", j - 1, j) for j in range(1, n + 1)]
    bounds = points + [n]
    for start, end in reversed(list(zip(bounds, bounds[1:]))):
        steps += [("recompute", j - 1, j) for j in range(start + 1, end)]
        steps += [("adjoint", j - 1, None) for j in range(end, start, -1)]
    memory, after = {0}, []
    for t, (kind, reads, writes) in enumerate(steps):
        if kind in ("recompute", "adjoint"):  # the forward pass reads the value it just computed
            assert reads in memory, f"step {t} ({kind}) reads v{reads}, which is not held"
        if kind in ("store", "recompute"):
            memory.add(writes)
        sizes = len(memory)
        for v in sorted(memory):
            later = [(k, r, w) for k, r, w in steps[t + 1 :] if (r == v and k in ("recompute", "adjoint")) or w == v]
            if not later or later[0][1] != v:  # nobody reads it again before it is rewritten
                memory.discard(v)
        after.append((kind, sizes, frozenset(memory)))
    return after


def replay_per_step(plan):
    """The schedule grouped like simulate's steps: (kind, held before the frees, held after)."""
    grouped, events = [], plan.events
    i = 1  # event 0 stores w⁰, which simulate starts with
    while i < len(events):
        e = events[i]
        last = i + 1 if e.kind == "adjoint" else i  # an adjoint step is followed by its free
        grouped.append((e.kind, e.held, frozenset(plan.held(last))))
        i = last + 1
    return grouped


def assert_schedule_matches_simulation(n, positions):
    plan = schedule(n, positions=positions)
    sim = simulate(n, positions)
    assert replay_per_step(plan) == sim
    assert plan.peak == max(size for _, size, _ in sim) == peak_of(n, positions)
    assert plan.recomputed == sum(kind == "recompute" for kind, _, _ in sim) == n - len(plan.checkpoints)
    assert plan.held(len(plan.events) - 1) == ()  # everything is freed at the end


def test_every_placement_of_checkpoints_on_short_chains():
    for n in range(1, 9):
        for mask in range(2 ** (n - 1)):
            positions = [0] + [p for p in range(1, n) if mask >> (p - 1) & 1]
            assert_schedule_matches_simulation(n, positions)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 60).flatmap(lambda n: st.tuples(st.just(n), st.sets(st.integers(0, n - 1), max_size=n))))
def test_any_placement_of_checkpoints(case):
    n, positions = case
    assert_schedule_matches_simulation(n, positions)
    run = checkpointed_reverse(sin_chain(n, x=0.9), positions=list(positions))
    assert run.gradient == sin_chain(n, x=0.9).gradient()  # the same operations: bit for bit
    assert run.peak_stored == peak_of(n, positions)


@pytest.mark.parametrize("n", [1, 5, 12, 13, 40])
def test_even_spacing_is_the_schedule_of_every_kth_position(n):
    for k in range(1, n + 2):
        assert schedule(n, k) == schedule(n, positions=range(0, n, k))
        assert schedule(n, k).peak == peak_stored(n, k) == peak_of(n, evenly_spaced(n, k))
        assert_schedule_matches_simulation(n, evenly_spaced(n, k))


def test_the_events_of_a_small_schedule():
    plan = schedule(5, 3)  # checkpoints w⁰, w³; segments 0–3 and 3–5
    assert plan.checkpoints == (0, 3)
    assert [(e.kind, e.index, e.held, e.peak, e.recomputed) for e in plan.events] == [
        ("store", 0, 1, 1, 0),
        ("forward", 1, 1, 1, 0),
        ("forward", 2, 1, 1, 0),
        ("store", 3, 2, 2, 0),
        ("forward", 4, 2, 2, 0),
        ("forward", 5, 2, 2, 0),  # the output: the caller's, not held
        ("recompute", 4, 3, 3, 1),  # top segment: w⁴ from w³
        ("adjoint", 5, 3, 3, 1),
        ("free", 4, 2, 3, 1),
        ("adjoint", 4, 2, 3, 1),
        ("free", 3, 1, 3, 1),  # the checkpoint goes with its segment
        ("recompute", 1, 2, 3, 2),
        ("recompute", 2, 3, 3, 3),
        ("adjoint", 3, 3, 3, 3),
        ("free", 2, 2, 3, 3),
        ("adjoint", 2, 2, 3, 3),
        ("free", 1, 1, 3, 3),
        ("adjoint", 1, 1, 3, 3),
        ("free", 0, 0, 3, 3),
    ]
    assert plan.held(3) == (0, 3) and plan.held(12) == (0, 1, 2)
    assert plan.timeline == (3, 2, 3, 2, 1)


def test_positions_are_checked_and_named():
    assert checkpoint_positions(6, [4, 2, 2]) == (0, 2, 4)  # any order, once each, w⁰ always
    for bad in ([6], [-1], [2.0], [True], "0 3"):
        with pytest.raises(ValueError, match="position|positions"):
            schedule(6, positions=bad)
    with pytest.raises(ValueError, match="checkpoint position 6 is not a whole number from 0 to 5"):
        checkpointed_reverse(sin_chain(6), positions=[3, 6])
    with pytest.raises(ValueError, match="either k"):
        schedule(6)
    with pytest.raises(ValueError, match="either k"):
        schedule(6, 2, positions=[0, 3])
    with pytest.raises(ValueError, match="step must be"):
        schedule(3, 1).held(99)
