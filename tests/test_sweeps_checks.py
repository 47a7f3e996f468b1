"""Sweeps on awkward input: structural zeros, step indices, seed values (issue 10 items 7-10)."""

import math

import pytest

from autodiff_core import DomainError, examples, trace


@pytest.fixture
def power():
    return trace(lambda x, n: x**n, x=-2.0, n=3.0)  # (−2)³: ∂/∂n = x³·log x is undefined


def test_a_zero_tangent_skips_its_partial(power):
    fwd = power.forward("x")  # ṅ = 0: log(−2) is never needed
    assert fwd.derivative == 12.0  # 3·(−2)²
    assert fwd.steps[1].numbers == (
        "ẇ¹ = 3·(−2)^(3−1)·1 + 0 = 12 (ẇ⁰₂ = 0, so (−2)³·log(−2), undefined here, is not needed)"
    )
    assert r"\text{, undefined here, is not needed}" in fwd.steps[1].numbers_latex
    assert power.forward({"x": 1.0, "n": 0.0}).derivative == 12.0


def test_a_needed_undefined_partial_is_still_an_error_naming_the_node(power):
    for sweep in (lambda: power.forward("n"), lambda: power.reverse(), lambda: power.gradient()):
        with pytest.raises(DomainError, match="cannot differentiate w¹") as err:
            sweep()
        assert err.value.node == "w1"


def test_a_zero_adjoint_skips_its_partials():
    g = trace(lambda x, n: 0.0 * x**n + x, x=-2.0, n=3.0)
    r = g.reverse()
    assert r.gradient == {"x": 1.0, "n": 0.0}
    assert [st.numbers for st in r.steps] == [
        "w̄² += 1 = 1",
        "w̄⁰₁ += 1 = 1",
        "w̄¹ += 1·0 = 0",
        "w̄⁰₁ += 0·3·(−2)^(3−1) = 0 → 1",  # defined: written out as always
        "w̄⁰₂ += 0·∂w¹/∂w⁰₂ = 0 (w̄¹ = 0, so ∂w¹/∂w⁰₂ = (−2)³·log(−2), undefined here, is not needed)",
    ]
    assert r.n_steps == len(g.edges)  # every edge depends on the output: still a step


def test_structural_zero_keeps_ordinary_numbers():
    # seed x1 on f: ẇ⁰₂ = 0 and the partial w⁰₁ is fine, so the text is the usual one
    s = examples.F.graph().forward("x1")
    assert s.steps[1].numbers == "ẇ¹₁ = 1·5 + 2·0 = 5"
    # a zero tangent times an infinite partial is 0, not nan: sqrt at 0 is fine to skip
    g = trace(lambda x, y: x + (y * 0.0 + 0.0) ** 0.5, x=1.0, y=3.0)
    assert g.forward("x").derivative == 1.0


@pytest.mark.parametrize("bad", [True, 1.5, "2", None, 2.0 + 0j])
def test_state_and_step_indices_are_whole_numbers(bad):
    s = examples.F.graph().reverse()
    with pytest.raises(TypeError, match=r"state\(k\) takes a number of steps taken, 0\.\.5, not"):
        s.state(bad)
    with pytest.raises(TypeError, match=r"steps\[k\] takes a step number 0\.\.4"):
        s.steps[bad]


def test_state_and_step_indices_in_range():
    s = examples.F.graph().forward("x1")  # 4 steps: the seed, then w¹₁, w¹₂, w²
    with pytest.raises(IndexError, match="state 5 out of range: states go from 0 to 4"):
        s.state(5)
    with pytest.raises(IndexError, match="state -1 out of range"):
        s.state(-1)
    with pytest.raises(IndexError, match="step 4 out of range: this sweep has 4 steps"):
        s.steps[4]
    assert s.steps[-1] == s.steps[3] and s.state(4).k == 4
    np = pytest.importorskip("numpy")
    assert s.state(np.int64(2)) == s.state(2)


@pytest.mark.parametrize(
    "seed, error, message",
    [
        ({"x1": "2"}, TypeError, "the seed of input 'x1' must be a real number, got '2'"),
        ({"x1": True}, TypeError, "must be a real number, got True"),
        ({"x1": math.nan}, ValueError, r"the seed of input 'x1' must be finite: it is not a number \(NaN\)"),
        ({"x1": math.inf}, ValueError, "the seed of input 'x1' must be finite, got ∞"),
        ({"x1": 10**400}, ValueError, r"the seed of input 'x1' is too large for a float: 100000…00 \(401 digits\)"),
        ({"x1": 10**5000}, ValueError, "too large for a float"),
    ],
)
def test_forward_seed_values_are_finite_reals(seed, error, message):
    with pytest.raises(error, match=message) as err:
        examples.F.graph().forward(seed)
    assert "overflow" not in str(err.value)


@pytest.mark.parametrize(
    "seed, error, message",
    [
        ("2", TypeError, r"the seed \(the output's adjoint\) must be a real number, got '2'"),
        (math.nan, ValueError, "is not a number"),
        (-math.inf, ValueError, "must be finite, got −∞"),
        (10**400, ValueError, "too large for a float"),
    ],
)
def test_reverse_seed_values_are_finite_reals(seed, error, message):
    with pytest.raises(error, match=message) as err:
        examples.F.graph().reverse(seed)
    assert "overflow" not in str(err.value)
    g = trace(lambda x: (x * 2.0, x + 1.0), x=1.0)
    with pytest.raises(error, match=message.replace(r"the seed \(the output's adjoint\)", "the seed of output 1")):
        g.reverse({1: seed})


def test_good_seeds_still_work():
    g = examples.F.graph()
    assert g.forward({"x1": 2}).derivative == pytest.approx(2 * (5 + math.cos(2.0)))
    assert g.reverse(2).gradient["x2"] == 4.0
    np = pytest.importorskip("numpy")
    assert g.reverse(np.float64(0.5)).gradient["x2"] == 1.0
