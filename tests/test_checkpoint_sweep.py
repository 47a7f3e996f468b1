"""Checkpointed reverse mode recorded step by step (checkpoint_sweep): its counts against the
schedule and against the brute-force simulation of test_checkpoint (which frees by looking
ahead, without the schedule's rules), its numbers against the traced values and plain reverse
mode, its texts against the evaluation and reverse sweeps' texts for the same operations, and
its states as immutable values (replayed one by one or made in one pass, the same)."""

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autodiff_core import exp, sqrt, tanh, trace
from autodiff_core.checkpoint import checkpointed_reverse, sin_chain
from autodiff_core.checkpoint_schedule import schedule
from autodiff_core.checkpoint_sweep import HELD, MEMORY, CheckpointedSweep
from test_checkpoint import simulate


def squares(x):
    # operations that read the value before twice (w·w), through a constant, and partials
    # written with the result (exp, sqrt, tanh)
    x = x * x
    x = exp(0.5 * x)
    x = 2 - x
    x = x * x
    x = tanh(x) + 1.5
    return sqrt(x)


def assert_counts_match(sweep):
    """Every state's counts and held values are the schedule's after that event, and equal
    what its memory statuses say."""
    plan = sweep.schedule
    states = list(sweep.states())
    assert len(states) == len(plan.events) + 1
    assert (states[0].held, states[0].peak, states[0].recomputed) == (0, 0, 0)
    for k, (state, event) in enumerate(zip(states[1:], plan.events)):
        assert (state.held, state.peak, state.recomputed) == (event.held, event.peak, event.recomputed)
        assert state.held_nodes == plan.held(k)
        assert sum(m in HELD for m in state.memory) == state.held
        assert state.step.event == event.kind
    assert states[-1].peak == plan.peak == sweep.peak
    assert states[-1].recomputed == plan.recomputed == sweep.recomputed


def assert_matches_simulation(sweep):
    """The brute force's memory after each of its steps (an adjoint step with its free) is
    the set of values the state holds, and its size before the frees the state's count."""
    sim = simulate(sweep.length, sweep.checkpoints)
    events = sweep.schedule.events
    i, t = 1, 0  # event 0 stores w⁰, which the simulation starts with
    while i < len(events):
        last = i + 1 if events[i].kind == "adjoint" else i
        kind, size, memory = sim[t]
        assert kind == events[i].kind
        assert sweep.state(i + 1).held == size
        assert set(sweep.state(last + 1).held_nodes) == memory
        i, t = last + 1, t + 1
    assert t == len(sim)


@pytest.mark.parametrize("n, k", [(1, 1), (5, 2), (12, 4), (12, 5), (13, 13), (20, 1), (20, 30)])
def test_counts_are_the_schedules_and_the_brute_forces(n, k):
    sweep = CheckpointedSweep(sin_chain(n), k)
    assert sweep.schedule == schedule(n, k)
    run = checkpointed_reverse(sin_chain(n), k)  # the same schedule, read through the same names
    assert (sweep.length, sweep.checkpoints, sweep.peak, sweep.recomputed, sweep.timeline) == (
        run.length,
        run.checkpoints,
        run.peak_stored,
        run.recomputed,
        run.timeline,
    )
    assert sweep.peak_stored == sweep.peak and run.peak == run.peak_stored
    assert_counts_match(sweep)
    assert_matches_simulation(sweep)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 40).flatmap(lambda n: st.tuples(st.just(n), st.sets(st.integers(0, n - 1), max_size=n))))
def test_any_placement_counts_numbers_and_states(case):
    n, positions = case
    graph = sin_chain(n, x=0.8)
    sweep = CheckpointedSweep(graph, positions=sorted(positions), seed=1.5)
    assert sweep.schedule == schedule(n, positions=positions)
    assert_counts_match(sweep)
    assert_matches_simulation(sweep)
    assert_numbers_are_plain_reverse_modes(sweep, 1.5)
    assert [sweep.state(k) for k in range(sweep.n_steps + 1)] == list(sweep.states())


def assert_numbers_are_plain_reverse_modes(sweep, seed):
    """Values as traced, adjoints as graph.reverse gives them, bit for bit (the recomputation
    repeats the same operations on the same numbers)."""
    g = sweep.graph
    plain = g.reverse(seed)
    end = sweep.state(sweep.n_steps)
    assert end.values == tuple(g.values)
    assert end.adjoints == plain.adjoints
    assert sweep.gradient == plain.gradient == checkpointed_reverse(g, seed=seed, positions=sweep.checkpoints).gradient
    assert sweep.value == g.value
    for state in sweep.states():  # a value once known is the traced one; an adjoint too
        assert all(v is None or v == g.values[i] for i, v in enumerate(state.values))
        assert all(a is None or a == plain.adjoints[i] for i, a in enumerate(state.adjoints))


@pytest.mark.parametrize("k", [1, 2, 3, 7])
def test_numbers_of_a_chain_with_two_edges_and_partials_of_the_result(k):
    g = trace(squares, x=0.6)
    sweep = CheckpointedSweep(g, k, seed=-2.0)
    assert_numbers_are_plain_reverse_modes(sweep, -2.0)
    assert_counts_match(sweep)


def test_what_memory_does_with_each_value():
    sweep = CheckpointedSweep(sin_chain(12), k=4)
    states = list(sweep.states())
    assert set(m for s in states for m in s.memory) <= set(MEMORY) | {None}
    after_forward = states[13].memory  # 13 events: w⁰ … w¹² computed
    assert after_forward == tuple("stored" if j in (0, 4, 8) else "output" if j == 12 else "dropped" for j in range(13))
    assert states[2].memory[:3] == ("stored", "passing", None)  # w¹ just computed, on its way
    assert states[3].memory[:3] == ("stored", "dropped", "passing")  # gone once w² is
    assert states[14].memory[9] == "recomputed"
    assert states[-1].memory == ("freed",) * 12 + ("output",)
    for j in range(12):  # every value is freed once, after the adjoint step that reads it
        frees = [k for k, s in enumerate(states[1:], 1) if s.step.event == "free" and s.step.node == j]
        (free,) = frees
        assert states[free - 1].step.event == "adjoint" and states[free - 1].step.reads == (j + 1, j)
        assert states[free - 1].memory[j] in HELD


def test_states_and_steps_are_frozen_values():
    sweep = CheckpointedSweep(sin_chain(6), k=3)
    a, b = sweep.state(9), CheckpointedSweep(sin_chain(6), k=3).state(9)
    assert a == b and a.step == b.step
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.held = 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.step.result = 0.0
    assert a.kind == a.step.kind == "checkpoint"
    with pytest.raises(IndexError):
        sweep.state(sweep.n_steps + 1)
    with pytest.raises(TypeError):
        sweep.state(True)


def test_texts_are_the_evaluation_and_reverse_sweeps_for_the_same_operations():
    g = sin_chain(12)
    sweep = CheckpointedSweep(g, k=4)
    evaluation = {s.node: s for s in g.evaluate().steps}
    reverse = {s.edge.child: s for s in g.reverse().steps}
    for step in sweep.steps:
        if step.event in ("forward", "store", "recompute"):
            assert step.rule == evaluation[step.node].rule
            assert step.numbers == evaluation[step.node].numbers
            assert step.rule_latex == evaluation[step.node].rule_latex
        elif step.event == "adjoint":
            assert step.rule == reverse[step.node + 1].rule
            assert step.numbers == reverse[step.node + 1].numbers
            assert step.numbers_latex == reverse[step.node + 1].numbers_latex
        else:
            assert step.rule == f"free {g.nodes[step.node].label}"


def test_captions_and_notes():
    sweep = CheckpointedSweep(sin_chain(12), k=4)
    captions = [s.caption for s in sweep.states()]
    assert captions[0] == "step 0 of 46: nothing computed yet"
    assert captions[1] == "step 1 of 46: forward pass, w⁰ kept as a checkpoint"
    assert captions[2] == "step 2 of 46: forward pass, w¹ computed, passed on, not kept"
    assert captions[13] == "step 13 of 46: forward pass, the output w¹² computed"
    assert captions[14] == "step 14 of 46: sweep back, segment w⁸…w¹², w⁹ recomputed"
    assert captions[17] == "step 17 of 46: sweep back, segment w⁸…w¹², adjoint w̄¹¹ from w̄¹²"
    assert captions[46] == "step 46 of 46: sweep back, segment w⁰…w⁴, w⁰ freed (its checkpoint)"
    assert sweep.state(0).note.startswith("The forward pass keeps w⁰, w⁴, w⁸.")
    assert sweep.state(16).note == "held: w⁰, w⁴, w⁸, w⁹, w¹⁰, w¹¹ (6 values)"
    assert sweep.state(18).step.numbers == "values held: 6 → 5"
    end = sweep.state(46).note
    assert "∂w¹²/∂x = 0.334676" in end and "At most 6 values held" in end and "9 operations recomputed" in end


def test_two_edges_are_written_as_one_step():
    g = trace(squares, x=0.6)
    step = next(s for s in CheckpointedSweep(g, 1).steps if s.event == "adjoint" and s.node == 0)
    assert step.rule == "w̄⁰ += w̄¹·w⁰ + w̄¹·w⁰"
    c = step.child_adjoint * 0.6
    assert step.numbers.endswith(f"= {step.result:.6g}".replace("-", "−")) and step.result == pytest.approx(2 * c)


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="not a chain"):
        CheckpointedSweep(trace("x*x + sin(x)", x=1.0), 2)
    with pytest.raises(ValueError, match="whole number"):
        CheckpointedSweep(sin_chain(5), 0)
    with pytest.raises(ValueError, match="checkpoint position 5"):
        CheckpointedSweep(sin_chain(5), positions=[0, 5])
    with pytest.raises(ValueError, match="either k"):
        CheckpointedSweep(sin_chain(5))
    with pytest.raises(TypeError, match="seed"):
        CheckpointedSweep(sin_chain(5), 2, seed="1")
