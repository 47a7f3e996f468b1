"""The player's data, checked against independent renderings of the same sweep.

Applying each step's slot changes to the base drawing must give, slot for slot,
exactly the groups the renderer draws for that state from scratch
(``viz.frames``), in both directions; replaying the cells must give the story's
table. Hostile names never reach the page unescaped.
"""

import json

import pytest

from autodiff_core import examples, player, trace, viz
from autodiff_core.player import page as player_page
from autodiff_core.viz.labels import html
from player_support import assert_patches_give_every_frame, replayed_tables


SWEEPS = {
    "f forward": lambda: examples.F.graph().forward("x1"),
    "f reverse": lambda: examples.F.graph().reverse(),
    "f evaluate": lambda: examples.F.graph().evaluate(),
    "y reverse": lambda: examples.Y.graph().reverse(),
    "y forward": lambda: examples.Y.graph().forward(),
    "two outputs reverse": lambda: trace("x*y, x + y", x=2.0, y=3.0).reverse({0: 1.0, 1: 2.0}),
    "one of two outputs reverse": lambda: trace("x*y, x + y", x=2.0, y=3.0).reverse(1),
    "neuron reverse": lambda: examples.NEURON.graph().reverse(),
    "chain reverse": lambda: examples.damped_chain(12).reverse(),
    "chain forward": lambda: examples.damped_chain(4).forward(),  # 0.9·x: the constant first
    "constants first, evaluate": lambda: trace("2*x + x*3 - 1/x", x=1.5).evaluate(),
}


@pytest.mark.parametrize("name", SWEEPS)
def test_patching_the_base_gives_every_frame(name):
    assert_patches_give_every_frame(SWEEPS[name]())


@pytest.mark.parametrize("name", ["f reverse", "two outputs reverse", "chain reverse"])
def test_replaying_cells_gives_every_table(name):
    sweep = SWEEPS[name]()
    assert len(replayed_tables(sweep, player.data(sweep))) == sweep.n_steps


def test_the_current_step_flows_along_its_edges():
    d = player.data(examples.F.graph().reverse())
    g = examples.F.graph()
    for step, s in zip(d["steps"], g.reverse().steps):
        parent, child, pos = s.edge
        assert [g.edges[e] for e in step["flow"]] == [(parent, child, pos)]
    d = player.data(examples.F.graph().forward("x1"))
    assert [sorted(g.edges[e][0] for e in st["flow"]) for st in d["steps"]] == [[], [0, 1], [0], [2, 3]]
    # an operation whose constant comes first (2·x, 1/x) still flows along its one edge
    g = trace("2*x + x*3 - 1/x", x=1.5)
    d = player.data(g.forward("x"))
    into = [[k for k, e in enumerate(g.edges) if e.child == s.node] for s in g.forward("x").steps]
    assert [st["flow"] for st in d["steps"]] == into == [[], [0], [1], [2, 3], [4], [5, 6]]


HOSTILE = '"><img src=x onerror=alert(1)>'


def test_hostile_names_are_escaped_everywhere():
    g = trace("a*b + sin(a)", a=2.0, b=5.0, names={"a": HOSTILE, "b": "b'<script>"})
    d = player.data(g.reverse())
    text = json.dumps({k: v for k, v in d.items() if k != "names"}, ensure_ascii=False)
    assert "<img" not in text and "<script" not in text and 'onerror=alert(1)>"' not in text
    assert d["names"][0] == HOSTILE  # raw, set only with setAttribute
    page = player_page.page(g.reverse())
    assert "<img" not in page and "<script>" not in page.replace('<script type="module">', "")


def test_pack_round_trips_and_shrinks():
    d = player.data(examples.damped_chain(40).reverse())
    raw = json.dumps(d, ensure_ascii=False)
    packed = player.pack(d)
    assert player.unpack(packed) == json.loads(raw)
    assert len(packed) < len(raw) / 5


def _texts(obj):
    """Every string in the player's data: texts, cells, svg, pool, names."""
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _texts(v)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            yield from _texts(v)


def _stacked(data) -> list:
    from autodiff_core.marks import has_stacked_marks

    return [t for t in _texts(data) if has_stacked_marks(t)]


def test_no_text_the_player_shows_stacks_two_marks():
    """Issue 23, item 2: the adjoint of ŷ, the tangents of the gradient graph (ẇ̄, a dot on ∂)."""
    G = examples.F.graph().gradient_graph()
    neuron = examples.NEURON.graph()
    for sweep in (neuron.reverse(), neuron.forward("w"), G.forward("x1"), G.reverse(0), G.evaluate()):
        d = player.data(sweep, edge_labels=True)
        assert _stacked(d) == [], sweep
    d = player.data(neuron.reverse())
    assert "adm-bar" in d["steps"][2]["rule"]  # z̄ += ȳ̂·σ(z)·…: the bar drawn over the hat
    assert any('class="adm-bar' in p for p in d["pool"])  # and in the drawing
    d = player.data(G.forward("x1"))
    assert any('class="adm-dot' in p for p in d["pool"])  # ẇ̄⁰₁ and ∂̇w¹₂/∂w⁰₁


def test_names_with_marks_of_any_kind_stay_unstacked():
    from hypothesis import HealthCheck, assume, given, settings, strategies as st

    letters = st.sampled_from("pqθσ∂L")
    marks = st.lists(st.sampled_from("\u0302\u0303\u0304\u0307\u0308"), min_size=1, max_size=3)

    @given(st.lists(st.tuples(letters, marks), min_size=1, max_size=3))
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    def check(parts):
        name = "".join(c + "".join(m) for c, m in parts)
        try:
            g = trace("a*b + sin(a)", a=2.0, b=5.0, names={"w1_1": name, "w0_1": name + "x"})
        except ValueError:
            assume(False)
        for sweep in (g.forward("a"), g.reverse()):
            assert _stacked(player.data(sweep, edge_labels=True)) == []

    check()


def test_the_kind_of_argument_is_checked_and_size_refused_before_any_work(monkeypatch):
    g = examples.F.graph()
    with pytest.raises(TypeError, match=r"give a sweep, e.g. g.reverse\(\)"):
        player.data(g)
    with pytest.raises(TypeError, match="not one state"):
        player.data(g.reverse().state(2))
    with pytest.raises(TypeError, match="give a sweep"):
        viz.export_html(g, "never-written.html")
    sweep = examples.damped_chain(1100).reverse()  # 2201 nodes: more than the player draws
    monkeypatch.setattr(type(sweep), "states", lambda self: pytest.fail("states built before the size check"))
    with pytest.raises(viz.GraphTooLarge):
        player.data(sweep)


def test_long_seed_lists_and_results_are_summarised():
    g = trace(" + ".join(f"x{i}" for i in range(1, 101)), **{f"x{i}": 1.0 for i in range(1, 101)})
    assert player.describe(g.forward("x7")) == "forward mode (tangents), seed ẋ₇ = 1, every other input 0"
    d = player.data(g.reverse())
    assert d["steps"][-1]["note"] == html("Result: ∂w⁹⁹/∂xᵢ = 1 for i = 1…100.")
    fwd = player.data(g.forward("x1"))
    assert fwd["n"] == 100 and fwd["steps"][0]["focus"] == list(g.input_indices)
    assert fwd["start"]["focus"] == list(g.input_indices) and fwd["start"]["node"] == g.input_indices[0]
    rev = player.data(g.reverse())
    assert rev["start"]["focus"] == list(g.output_indices)  # reverse opens on the seeded output
