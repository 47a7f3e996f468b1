"""Sweeps as recorded data: steps, rules, replay with state(k), Jacobian costs."""

import math

import pytest

from autodiff_core import examples, trace, sin, cos, exp, Step


@pytest.fixture
def f():
    return examples.F.graph()


def test_forward_steps_write_the_rules(f):
    s = f.forward("x1")
    assert len(s.steps) == 4  # one seed step for both inputs, then one per computed node
    assert [st.rule for st in s.steps] == [
        "ẇ⁰₁ = 1, ẇ⁰₂ = 0",
        "ẇ¹₁ = ẇ⁰₁·w⁰₂ + w⁰₁·ẇ⁰₂",
        "ẇ¹₂ = cos(w⁰₁)·ẇ⁰₁",
        "ẇ² = ẇ¹₁ + ẇ¹₂",
    ]
    seed = s.steps[0]
    assert seed.seeds == ((0, 1.0), (1, 0.0)) and seed.focus == (0, 1) and seed.reads == ()
    assert s.steps[1].numbers == "ẇ¹₁ = 1·5 + 2·0 = 5"
    assert s.steps[1].rule_latex == (
        r"\dot{w}^{1}_{1} = \dot{w}^{0}_{1} \cdot w^{0}_{2} + "
        r"w^{0}_{1} \cdot \dot{w}^{0}_{2}"
    )
    assert s.steps[3].numbers == "ẇ² = 5 + (−0.416147) = 4.58385"
    assert [s.step_for(i).index for i in range(5)] == [0, 0, 1, 2, 3]
    assert s.tangents[3] == pytest.approx(math.cos(2.0))


def test_reverse_shows_fan_out_as_separate_steps(f):
    s = f.reverse()
    rules = [st.rule for st in s.steps]
    assert rules == ["w̄¹₁ += w̄²", "w̄¹₂ += w̄²", "w̄⁰₁ += w̄¹₁·w⁰₂", "w̄⁰₂ += w̄¹₁·w⁰₁", "w̄⁰₁ += w̄¹₂·cos(w⁰₁)"]
    first, second = s.steps[2], s.steps[4]
    assert (first.node, first.before, first.total) == (0, None, 5.0)
    assert second.node == 0 and second.before == 5.0
    assert second.total == pytest.approx(4.583853163452858, abs=1e-12)
    assert second.edge == (0, 3, 0)
    assert first.numbers == "w̄⁰₁ += 1·5 = 5"  # its first contribution: no total yet
    assert second.numbers == "w̄⁰₁ += 1·cos(2) = −0.416147 → 4.58385"  # then the new total


def test_evaluate_steps(f):
    s = f.evaluate()
    assert [st.numbers for st in s.steps][2:] == [
        "w¹₁ = 2·5 = 10",
        "w¹₂ = sin(2) = 0.909297",
        "w² = 10 + 0.909297 = 10.9093",
    ]
    assert s.state(0).values == (None,) * 5
    assert s.state(3).values[:3] == (2.0, 5.0, 10.0) and s.state(3).values[3] is None


def _direct_adjoints(graph, k, sweep):
    """Recompute the adjoints after k steps straight from the step records."""
    adj = [None] * len(graph)
    adj[graph.outputs[0].index] = 1.0
    for st in sweep.steps[:k]:
        adj[st.node] = st.result if adj[st.node] is None else adj[st.node] + st.result
    return adj


@pytest.mark.parametrize("example", [examples.F, examples.Y, examples.NEURON])
def test_replay_matches_direct_recomputation(example):
    g = example.graph()
    seed = g.input_names[0]
    fwd = g.forward(seed)
    inputs = set(g.input_indices)
    for k in range(fwd.n_steps + 1):
        st = fwd.state(k)
        # step 1 seeds the inputs, then each computed node in order
        known = [k >= 1 if i in inputs else k >= 2 and i < k - 1 + len(inputs) for i in range(len(g))]
        assert st.tangents == tuple(t if kn else None for t, kn in zip(fwd.tangents, known))
        assert st.final == tuple(known)
        assert st.step == (fwd.steps[k - 1] if k else None)
    rev = g.reverse()
    for k in range(rev.n_steps + 1):
        st = rev.state(k)
        direct = _direct_adjoints(g, k, rev)
        if k < rev.n_steps:
            assert list(st.adjoints) == direct
        for i, (a, fin) in enumerate(zip(st.adjoints, st.final)):
            if fin:  # a final adjoint is the finished one
                assert a == pytest.approx(rev.adjoints[i])
        if k:
            assert st.adjoints[st.step.node] == pytest.approx(st.step.total)
    assert rev.state(rev.n_steps).adjoints == pytest.approx(rev.adjoints)


def test_unknown_is_never_zero():
    # x2's tangent is really 0 for seed x1: it must show as 0 only once set
    g = examples.F.graph()
    s = g.forward("x1")
    assert s.state(0).tangents[1] is None
    assert s.state(1).tangents[1] == 0.0  # seeded: every input at step 1
    assert s.state(1).tangents[2] is None
    row = s.state(1).table()[2]
    assert row["tangent"] == "?" and s.state(1).table()[1]["tangent"] == "0"
    r = g.reverse()
    assert r.state(0).adjoints[:4] == (None,) * 4
    # a node that does not reach the output: adjoint unknown until the sweep ends, then 0
    dead = trace(lambda x: (x * 2.0, x + 1.0)[0] + 0 * 0 + x, x=1.0)
    assert dead.reverse().gradient["x"] == 3.0


def test_states_say_where_we_are(f):
    s = f.forward("x1")
    assert s.state(2).caption == "step 2 of 4: forward tangent of w¹₁"
    assert s.state(1).caption == "step 1 of 4: seed the tangents of the inputs"
    assert s.state(0).caption.startswith("step 0 of 4")
    r = f.reverse()
    assert r.state(5).caption == "step 5 of 5: adjoint contribution w¹₂ → w⁰₁"
    rows = r.state(3).table()
    assert [row["current"] for row in rows] == [True, False, False, False, False]
    assert rows[0]["adjoint"] == "5" and rows[1]["adjoint"] == "?"


def test_sweeps_do_not_mutate_and_are_values(f):
    a, b = f.reverse(), f.reverse()
    assert a.gradient == b.gradient
    assert a.steps[:] == b.steps[:]
    assert a.state(3) == b.state(3)
    assert isinstance(a.steps[0], Step)
    with pytest.raises(AttributeError):
        a.steps[0].result = 2.0
    with pytest.raises(IndexError):
        a.state(6)


def test_forward_seed_validation(f):
    with pytest.raises(ValueError, match="unknown input 'x3'"):
        f.forward("x3")
    with pytest.raises(ValueError, match="needs a seed"):
        f.forward()
    assert f.forward({"x1": 1.0, "x2": 1.0}).derivative == pytest.approx(6.583853163452858)


def test_jacobian_costs_one_sweep_per_input_or_output():
    n = 6
    many_in = trace(lambda **x: sum(exp(v) * v for v in x.values()), **{f"x{i}": 0.1 * i for i in range(1, n + 1)})
    fwd, rev = many_in.jacobian("forward"), many_in.jacobian("reverse")
    assert fwd.sweeps == n and rev.sweeps == 1
    assert fwd.operations == n * rev.operations
    for a, b in zip(fwd.matrix[0], rev.matrix[0]):
        assert a == pytest.approx(b)
    many_out = trace(lambda x: tuple(sin(x * k) for k in range(1, 5)), x=0.3)
    fwd, rev = many_out.jacobian("forward"), many_out.jacobian("reverse")
    assert (fwd.sweeps, rev.sweeps) == (1, 4)
    assert [r[0] for r in fwd.matrix] == pytest.approx([k * math.cos(0.3 * k) for k in range(1, 5)])
    assert [r[0] for r in fwd.matrix] == pytest.approx([r[0] for r in rev.matrix])
    with pytest.raises(ValueError):
        many_out.jacobian("sideways")


def test_reverse_sweeps_only_what_the_seeded_output_depends_on():
    # y0 = x·y, y1 = sin(x): seeding y1 visits sin's one edge, not x·y's two
    g = trace(lambda x, y: (x * y, sin(x)), x=2.0, y=5.0)
    r = g.reverse(1)
    assert r.n_steps == r.operations == 1
    assert [st.rule for st in r.steps] == ["w̄⁰₁ += w̄¹₂·cos(w⁰₁)"]
    assert r.gradient == {"x": pytest.approx(math.cos(2.0)), "y": 0.0}
    # y (and x·y) are never reached: unknown while sweeping, 0 (and final) at the end
    assert r.state(0).adjoints == (None, None, None, 1.0)
    assert r.state(0).final == (False, False, False, True)
    end = r.state(1)
    assert end.adjoints == (pytest.approx(math.cos(2.0)), 0.0, 0.0, 1.0) and all(end.final)
    assert [row["adjoint"] for row in r.state(0).table()] == ["?", "?", "?", "1"]
    assert [row["adjoint"] for row in end.table()] == ["−0.416147", "0", "0", "1"]
    # a zero seed is no seed; both seeds: all four edges
    assert g.reverse({0: 0.0, 1: 1.0}).n_steps == 1
    both = g.reverse({0: 1.0, 1: 1.0})
    assert both.n_steps == 3 and both.gradient == {"x": pytest.approx(5 + math.cos(2.0)), "y": 2.0}
    assert g.reverse({0: 0.0}).n_steps == 0 and g.reverse({0: 0.0}).gradient == {"x": 0.0, "y": 0.0}


def test_jacobian_reverse_counts_the_dependent_edges():
    # the lesson-04 example: 2 inputs, 5 outputs, 10 edges
    g = trace(lambda p, q: (p * q, p + q, sin(p), cos(q), p * p * q), p=1.0, q=2.0)
    assert len(g.edges) == 10
    fwd, rev = g.jacobian("forward"), g.jacobian("reverse")
    assert (fwd.sweeps, fwd.operations) == (2, 20)  # every edge, once per input
    assert (rev.sweeps, rev.operations) == (5, 10)  # 2 + 2 + 1 + 1 + 4: each output's own edges
    exact = [(2.0, 1.0), (1.0, 1.0), (math.cos(1.0), 0.0), (0.0, -math.sin(2.0)), (4.0, 1.0)]
    for row_f, row_r, row in zip(fwd.matrix, rev.matrix, exact):
        assert row_f == pytest.approx(row) and row_r == pytest.approx(row)
