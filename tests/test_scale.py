"""No recursion on graph depth: a chain of 100,000 operations works end to end."""

import math

import pytest

from autodiff_core import sin, trace


def test_chain_of_100000_operations():
    def chain(x):
        for _ in range(100_000):
            x = sin(x)
        return x

    g = trace(chain, x=0.5)
    assert len(g) == 100_001
    rev = g.reverse()
    fwd = g.forward("x")
    assert rev.gradient["x"] == pytest.approx(fwd.derivative, rel=1e-12)
    # the derivative of sin∘…∘sin is the product of the cosines along the chain
    value, expected = 0.5, 1.0
    for _ in range(100_000):
        expected *= math.cos(value)
        value = math.sin(value)
    assert rev.gradient["x"] == pytest.approx(expected, rel=1e-9)
    assert rev.steps[-1].rule == "w̄⁰ += w̄¹·cos(w⁰)"
    assert rev.state(rev.n_steps).adjoints[0] == rev.gradient["x"]


def test_recording_is_compact():
    g = trace(lambda x: sum(sin(x * k) for k in range(1000)), x=0.1)
    assert g.reverse().n_steps <= 2 * len(g)
