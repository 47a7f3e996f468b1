"""The checkpoint step-through without a browser: the model (settings, last good sweep, what
a bad entry says) and the view's controls driven as a student would."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autodiff_core import player, trace
from autodiff_core.checkpoint import sin_chain
from autodiff_core.checkpoint_schedule import peak_of
from autodiff_core.widgets import CheckpointModel, CheckpointStepThrough
from autodiff_core.widgets.checkpoint_model import MAX_N, read_positions


def test_the_model_recomputes_on_every_setting():
    m = CheckpointModel(12, k=4)
    assert m.sweep.checkpoints == (0, 4, 8) and m.counts == {
        "checkpoints": (0, 4, 8),
        "peak": 6,
        "recomputed": 9,
        "n": 12,
    }
    m.index = 7
    m.positions = "9, 5"  # text, any order; 0 is always kept
    assert (m.k, m.positions, m.index, m.error) == (None, (0, 5, 9), 0, "")
    assert m.counts["peak"] == 5
    m.k = 3
    assert (m.k, m.positions, m.sweep.checkpoints) == (3, None, (0, 3, 6, 9))
    m.n = 20
    assert m.sweep.length == 20 and m.sweep.checkpoints == (0, 3, 6, 9, 12, 15, 18)
    assert player.unpack(m.payload) == m.player and m.player["n"] == m.sweep.n_steps
    version = m.version
    assert m.update(n=10, positions=[0, 4, 7]) and m.version == version + 1
    assert (m.n, m.k, m.positions) == (10, None, (0, 4, 7))


def test_a_shorter_chain_keeps_the_positions_still_on_it():
    m = CheckpointModel(12, positions=[0, 5, 9])
    m.n = 8
    assert m.positions == (0, 5) and m.error == ""


@pytest.mark.parametrize(
    "setting, value, said",
    [
        ("positions", "0, 5, 12", "checkpoint position 12 is not a whole number from 0 to 11"),
        ("positions", "0, 5.5", "'5.5' is not a whole number"),
        ("positions", "zero", "'zero' is not a whole number"),
        ("positions", [0, -1], "checkpoint position -1"),
        ("positions", 5, "positions must be a list"),
        ("k", 0, "k, the spacing of the checkpoints, must be a whole number ≥ 1"),
        ("k", 2.5, "must be a whole number"),
        ("k", True, "must be a whole number"),
        ("n", 0, f"the chain length must be a whole number from 1 to {MAX_N}"),
        ("n", MAX_N + 1, "from 1 to"),
    ],
)
def test_a_bad_entry_says_what_is_wrong_and_keeps_the_last_good_schedule(setting, value, said):
    m = CheckpointModel(12, positions=[0, 5, 9])
    m.index = 3
    before = (m.n, m.k, m.positions, m.version, m.payload, m.index)
    setattr(m, setting, value)
    assert said in m.error and m.error.startswith(f"Cannot use {setting}=")
    assert (m.n, m.k, m.positions, m.version, m.payload, m.index) == before
    assert not m.update(**{setting: value}) and said in m.error
    m.positions = "0, 4"  # a good entry clears it
    assert m.error == "" and m.positions == (0, 4)


def test_a_given_chain_keeps_its_length_and_other_graphs_are_refused():
    g = sin_chain(6, x=0.3)
    m = CheckpointModel(g, k=2)
    assert m.fixed_length and m.sweep.graph is g
    m.n = 7
    assert "a given chain of 6 operations" in m.error and m.n == 6
    with pytest.raises(ValueError, match="a chain has one input"):
        CheckpointModel(trace("x*y", x=1.0, y=2.0), k=1)
    with pytest.raises(ValueError, match="positions=.*position 6"):
        CheckpointModel(6, positions=[6])
    with pytest.raises(TypeError, match="unknown setting"):
        m.update(x=1.0)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 30), st.lists(st.text("0123456789, ;-x.", max_size=6), max_size=5))
def test_typed_positions_are_read_or_refused_never_raised(n, words):
    m = CheckpointModel(n, k=1)
    text = ",".join(words)
    m.positions = text
    try:
        want = read_positions(text, n)
    except ValueError as exc:
        assert m.error.endswith(f"{exc}.") and m.k == 1
    else:
        assert m.positions == want and m.error == "" and m.sweep.peak == peak_of(n, want)


def test_the_view_links_the_controls_and_shows_the_counts():
    w = CheckpointStepThrough(12, k=4)
    assert "at most 6 values held" in w.summary.value and "9 operations recomputed" in w.summary.value
    assert w.positions.value == "0, 4, 8" and w.way.value == "even" and w.k.max == 12
    w.positions.value = "0, 5, 9"
    assert w.way.value == "free" and "at most 5 values held" in w.summary.value
    assert w.k.layout.display == "none"  # k is for an even spacing
    w.positions.value = "0, 5, 99"
    assert "position 99" in w.error.value and "still showing the last good schedule" in w.error.value
    assert "at most 5 values held" in w.summary.value  # the last good one
    w.way.value = "even"
    assert w.model.k == 4 and w.positions.value == "0, 4, 8" and w.error.value == ""
    assert w.k.layout.display is None
    w.k.value = 3
    assert w.model.sweep.checkpoints == (0, 3, 6, 9) and "4 checkpoints (every 3rd value)" in w.summary.value
    w.length.value = 30
    assert w.k.max == 30 and w.model.sweep.length == 30 and w.player.payload == w.model.payload
    w.next()
    w.next()
    assert w.player.index == w.index == 2 and w.frame.caption.startswith("step 2 of")
    w.player.index = 10_000  # the browser asked for too much: clamped
    assert w.index == w.n_steps and w.player.index == w.n_steps
    w.index = 1.5
    assert "Cannot show step 1.5" in w.error.value
    w.close()


def test_the_view_of_a_given_chain_hides_the_length():
    w = CheckpointStepThrough(sin_chain(5), positions=[0, 2])
    assert w.length.layout.display == "none" and w.way.value == "free"
    w.close()
