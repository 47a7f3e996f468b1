"""Lesson 07's checks: J·v, uᵀJ, and the fewest forward sweeps for a sparse Jacobian."""

import math

import pytest

from autodiff_core import sin, trace
from autodiff_core.examples import F
from autodiff_core.exercises.jvp import check_jvp, check_sweeps_needed, check_vjp, dependencies, seed_groups

C2 = math.cos(2.0)
V = {"x1": 1.0, "x2": 2.0}


def g(x1, x2):
    product, sine = x1 * x2, sin(x1)
    return product + sine, product - sine


def g_graph():
    return trace(g, x1=2.0, x2=5.0)


def test_jvp_by_hand():
    # f = x1·x2 + sin(x1) at (2, 5): J = (5 + cos 2, 2); J·(1, 2) = 5 + cos 2 + 4
    f = F.graph()
    assert check_jvp(9 + C2, f, V).status == "right"
    assert check_jvp([9 + C2], f, V).status == "right"
    assert "column for x1 alone" in check_jvp(5 + C2, f, V).message
    assert "column for x2 alone" in check_jvp(2, f, V).message
    assert "seed (1, 1" in check_jvp(7 + C2, f, V).message
    assert "swapped" in check_jvp(2 * (5 + C2) + 2, f, V).message
    assert check_jvp(8.6, f, V).status == "close"
    assert check_jvp(None, f, V).status == "unanswered"
    assert check_jvp("nine", f, V).status == "invalid"
    # two outputs: J = [[5 + cos 2, 2], [5 − cos 2, 2]]
    assert check_jvp((9 + C2, 9 - C2), g_graph(), V).status == "right"
    assert check_jvp(9 + C2, g_graph(), V).status == "invalid"  # one number for two outputs
    assert check_jvp([1, None], g_graph(), V).status == "unanswered"
    with pytest.raises(TypeError, match="'x3' in the seed v is not an input; the inputs are x1, x2"):
        check_jvp(F.graph(), {"x3": 1.0}, 1)


def test_vjp_by_hand():
    # uᵀJ for u = (1, 2): (5 + cos 2 + 2·(5 − cos 2), 2 + 4) = (15 − cos 2, 6)
    u = {0: 1.0, 1: 2.0}
    gg = g_graph()
    assert check_vjp({"x1": 15 - C2, "x2": 6.0}, gg, u).status == "right"
    assert check_vjp([15 - C2, 6.0], gg, u).status == "right"
    assert "row 1 alone" in check_vjp([5 + C2, 2.0], gg, u).message
    assert "row 2 alone" in check_vjp([5 - C2, 2.0], gg, u).message
    # J·u = (5 + cos 2 + 4, 5 − cos 2 + 4): the columns combined
    assert "J·u" in check_vjp([9 + C2, 9 - C2], gg, u).message
    assert "weights (1, 1" in check_vjp([10.0, 4.0], gg, u).message
    assert check_vjp({"x1": 1.0}, gg, u).status == "invalid"
    assert check_vjp([1.0, 2.0, 3.0], gg, u).status == "invalid"
    assert check_vjp(None, gg, u).status == "unanswered"


def h_graph():
    return trace(lambda x1, x2, x3: (sin(x1**2 + 1), sin(x2**2 + 1), sin(x3**2 + 1)), x1=1.5, x2=0.5, x3=-1.0)


def test_dependencies_and_groups():
    assert dependencies(h_graph()) == ({"x1"}, {"x2"}, {"x3"})
    assert seed_groups(h_graph()) == (("x1", "x2", "x3"),)
    assert dependencies(g_graph()) == ({"x1", "x2"}, {"x1", "x2"})
    assert seed_groups(g_graph()) == (("x1",), ("x2",))
    # one forward sweep seeded (1, 1, 1) gives the diagonal: 2x·cos(x² + 1)
    once = h_graph().forward({"x1": 1.0, "x2": 1.0, "x3": 1.0}).derivative
    assert once == pytest.approx([2 * x * math.cos(x * x + 1) for x in (1.5, 0.5, -1.0)])


def band_graph(n):
    names = [f"x{i}" for i in range(1, n + 1)]

    def f(**x):
        v = [x[m] for m in names]
        return tuple((v[i - 1] if i else 0) + v[i] * (v[i + 1] if i + 1 < n else 1) for i in range(n))

    return trace(f, **{m: 1.0 + i for i, m in enumerate(names)})


@pytest.mark.parametrize("n", [3, 4, 6, 9])
def test_banded_needs_three_sweeps_and_they_recover_the_jacobian(n):
    b = band_graph(n)
    groups = seed_groups(b)
    assert len(groups) == 3
    jac = b.jacobian("forward").matrix
    deps = dependencies(b)
    for group in groups:  # no output sees two inputs of a group
        assert all(len(set(group) & d) <= 1 for d in deps)
        tangents = b.forward({m: 1.0 for m in group}).derivative
        for r, d in enumerate(deps):
            hit = [c for c, m in enumerate(b.input_names) if m in group and m in d]
            assert tangents[r] == (jac[r][hit[0]] if hit else 0.0)


def test_sweeps_needed():
    assert check_sweeps_needed(1, h_graph()).status == "right"
    assert "one sweep per input" in check_sweeps_needed(3, h_graph()).message
    b = band_graph(6)
    assert check_sweeps_needed(3, b).status == "right"
    assert "one sweep per input" in check_sweeps_needed(6, b).message
    assert "cannot share a sweep" in check_sweeps_needed(2, b).message
    assert check_sweeps_needed(4, b).status == "wrong"
    assert check_sweeps_needed(2, g_graph()).status == "right"
    assert check_sweeps_needed(0, b).status == "invalid"
    assert check_sweeps_needed(None, b).status == "unanswered"
