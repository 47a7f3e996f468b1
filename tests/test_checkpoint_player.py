"""The player's data for a checkpointed sweep: applying each step's slot changes to the base
drawing gives, slot for slot, the groups the renderer draws for that state from scratch
(both ways); replaying the cells gives every state's table (the memory column too) and the
story every state's texts; the meter's counts are the schedule's; each node's group carries
its memory status (stored / recomputed / freed) exactly where the state says."""

import json
import re

import pytest

from autodiff_core import player, story, trace, viz
from autodiff_core.checkpoint import sin_chain
from autodiff_core.checkpoint_sweep import CheckpointedSweep
from autodiff_core.player import page as player_page
from autodiff_core.viz import style
from autodiff_core.viz.labels import html
from test_checkpoint_sweep import squares
from player_support import assert_patches_give_every_frame, replayed_tables

SWEEPS = {
    "n = 12, k = 4": lambda: CheckpointedSweep(sin_chain(12), 4),
    "n = 12 at 0, 5, 9": lambda: CheckpointedSweep(sin_chain(12), positions=[0, 5, 9]),
    "n = 7, k = 1": lambda: CheckpointedSweep(sin_chain(7), 1),
    "n = 1": lambda: CheckpointedSweep(sin_chain(1), 1),
    "two edges, k = 3": lambda: CheckpointedSweep(trace(squares, x=0.6), 3, seed=2.0),
}


@pytest.mark.parametrize("name", SWEEPS)
def test_patching_the_base_gives_every_frame(name):
    assert_patches_give_every_frame(SWEEPS[name]())


@pytest.mark.parametrize("name", SWEEPS)
def test_replaying_cells_and_texts_gives_every_state(name):
    sweep = SWEEPS[name]()
    d = player.data(sweep)
    told = story.story(sweep)
    assert player.columns(sweep.kind) == ["node", "op", "formula", "value", "memory", "adjoint"]
    replayed = replayed_tables(sweep, d)
    assert len(replayed) == sweep.n_steps
    for k, step, table in replayed:
        state = sweep.state(k)
        assert [t["memory"] for t in table] == [state.memory_word(i) for i in range(len(sweep.graph))]
        again = story.replay(told, k)
        assert (again["caption"], again["note"]) == (state.caption, state.note)
        assert step["caption"] == html(state.caption) and step["note"] == html(state.note)


@pytest.mark.parametrize("name", SWEEPS)
def test_the_meter_counts_are_the_schedules(name):
    sweep = SWEEPS[name]()
    d = player.data(sweep)
    n = sweep.length
    assert [c["name"] for c in d["meter"]["counts"]] == [
        "values held now",
        "most held so far",
        "operations recomputed so far",
    ]
    assert [c["max"] for c in d["meter"]["counts"]] == [n, n, sweep.recomputed]
    assert d["start"]["meter"] == [0, 0, 0]
    events = sweep.schedule.events
    assert [s["meter"] for s in d["steps"]] == [[e.held, e.peak, e.recomputed] for e in events]
    assert max(s["meter"][1] for s in d["steps"]) == sweep.peak


def test_steps_flow_forward_or_back_along_their_edges():
    sweep = CheckpointedSweep(sin_chain(6), 3)
    d = player.data(sweep)
    g = sweep.graph
    for step, s in zip(d["steps"], sweep.steps):
        assert step["back"] is (s.event == "adjoint")
        assert [g.edges[e] for e in step["flow"]] == list(s.edges)
        assert bool(s.edges) == (s.event != "free" and (s.node, s.event) != (0, "store"))  # w⁰ is the input


def flags(frame: str) -> dict:
    """node name -> the words of its group's data-status, read from a whole frame."""
    return {
        m.group(1): set(m.group(2).split())
        for m in re.finditer(r'<g data-node="([^"]*)" data-slot="\d+" data-status="([^"]*)"', frame)
    }


@pytest.mark.parametrize("name", ["n = 12, k = 4", "n = 12 at 0, 5, 9"])
def test_every_node_is_drawn_with_its_memory_status(name):
    sweep = SWEEPS[name]()
    names = [nd.name for nd in sweep.graph.nodes]
    want = {"stored": {"stored"}, "recomputed": {"recomputed"}, "dropped": {"dropped", "freed"}, "freed": {"freed"}}
    memory_words = {"stored", "recomputed", "dropped", "freed"}
    for state, frame in zip(sweep.states(), viz.frames(sweep)):
        seen = flags(frame)
        for i, m in enumerate(state.memory):
            assert seen[names[i]] & memory_words == want.get(m, set()), (state.k, names[i])
        held = [nm for nm, f in seen.items() if f & {"stored", "recomputed"}]
        assert len(held) == state.held


def test_the_legend_and_the_styles_name_the_memory_statuses():
    sweep = CheckpointedSweep(sin_chain(12), 4)
    svg = viz.frames(sweep)[0]
    for key in ("stored", "recomputed", "freed"):
        assert f'data-key="{key}" data-status="{key}"' in svg
    words = [w for _, w in style.legend_items("checkpoint")]
    assert {"checkpoint, held", "recomputed, held", "not held"} <= set(words)
    css = player.asset("drawing.css")
    assert "[data-status~=stored] > .adn-mem-bar" in css and "[data-status~=recomputed] > .adn-mem-arc" in css
    assert ".adstep-player .adn-gone { fill: var(--adstep-muted); }" in css


def test_the_page_and_describe():
    sweep = CheckpointedSweep(sin_chain(12), positions=[0, 5, 9])
    assert (
        player.describe(sweep) == "checkpointed reverse mode, checkpoints w⁰, w⁵, w⁹ (chosen positions), seed w̄¹² = 1"
    )
    d = player.data(sweep)
    assert d["kind"] == "checkpoint" and d["title"] == "checkpointed reverse mode on a chain of 12 operations"
    assert d["n"] == sweep.n_steps == len(d["steps"])
    text = player_page.page(sweep)
    assert "createMeter" in text and player.unpack(json.loads(re.search(r"const payload = (.*);", text).group(1)))


def test_graphviz_draws_what_memory_holds_too():
    pytest.importorskip("graphviz")
    from autodiff_core.viz import dot

    sweep = CheckpointedSweep(sin_chain(4), k=2)
    source = dot.draw(sweep.state(9)).source  # the adjoint step to w̄²: it reads w³ (freed next)
    assert source.count("dotted") == 1  # w¹, dropped in the forward pass
    assert source.count(f'color="{style.memory_colour("stored")}"') >= 1
    assert "dir=back" in source  # an adjoint step
    assert "dir=back" not in dot.draw(sweep.state(3)).source  # the forward pass
