"""The player's data, checked against independent renderings of the same sweep.

Applying each step's slot changes to the base drawing must give, slot for slot,
exactly the groups the renderer draws for that state from scratch
(``viz.frames``), in both directions; replaying the cells must give the story's
table. Hostile names never reach the page unescaped.
"""

import json
import re

import pytest

from autodiff_core import examples, functions as fn, player, trace, viz
from autodiff_core.player import page as player_page


def slots_of(svg: str) -> dict:
    """slot -> its SVG group, read from a whole frame."""
    body = svg[: svg.index("<g data-legend")] if "<g data-legend" in svg else svg
    out = {}
    for m in re.finditer(r'<g data-(?:node|edge)="[^"]*" data-slot="(\d+)"', body):
        out[int(m.group(1))] = m.start()
    starts = sorted(out.values()) + [len(body)]
    return {slot: body[pos : starts[starts.index(pos) + 1]] for slot, pos in out.items()}


def chain(n):
    def f(x):
        for _ in range(n):
            x = 0.9 * x + fn.sin(x)
        return x

    return trace(f, x=0.5)


SWEEPS = {
    "f forward": lambda: examples.F.graph().forward("x1"),
    "f reverse": lambda: examples.F.graph().reverse(),
    "f evaluate": lambda: examples.F.graph().evaluate(),
    "y reverse": lambda: examples.Y.graph().reverse(),
    "y forward": lambda: examples.Y.graph().forward(),
    "two outputs reverse": lambda: trace("x*y, x + y", x=2.0, y=3.0).reverse({0: 1.0, 1: 2.0}),
    "one of two outputs reverse": lambda: trace("x*y, x + y", x=2.0, y=3.0).reverse(1),
    "neuron reverse": lambda: examples.NEURON.graph().reverse(),
    "chain reverse": lambda: chain(12).reverse(),
}


@pytest.mark.parametrize("name", SWEEPS)
def test_patching_the_base_gives_every_frame(name):
    sweep = SWEEPS[name]()
    d = json.loads(json.dumps(player.data(sweep)))  # as the browser receives it
    frames = viz.frames(sweep)
    shown = list(range(len(sweep.graph) + len(sweep.graph.edges)))
    assert [d["pool"][i] for i in shown] == [slots_of(d["svg"])[i] for i in shown]

    def check(k):
        want = slots_of(frames[k])
        assert {s: d["pool"][shown[s]] for s in want} == want, f"state {k}"

    check(0)
    for k, step in enumerate(d["steps"], 1):  # forward
        for slot, new, old in step["slots"]:
            assert shown[slot] == old
            shown[slot] = new
        check(k)
    for k in range(len(d["steps"]), 0, -1):  # and back
        for slot, _new, old in d["steps"][k - 1]["slots"]:
            shown[slot] = old
        check(k - 1)


@pytest.mark.parametrize("name", ["f reverse", "two outputs reverse", "chain reverse"])
def test_replaying_cells_gives_every_table(name):
    from autodiff_core import story

    sweep = SWEEPS[name]()
    d = player.data(sweep)
    cols = player.columns(sweep.kind)
    rows = [list(r) for r in d["start"]["rows"]]
    final = list(d["start"]["final"])
    for k, step in enumerate(d["steps"], 1):
        for r, c, new, old in step["cells"]:
            if c < 0:
                assert final[r] == old
                final[r] = new
            else:
                assert rows[r][c] == old
                rows[r][c] = new
        table = story.table(sweep.state(k))
        assert final == [t["final"] for t in table]
        assert rows == [[player._cell(c, t[c]) for c in cols] for t in table]


def test_the_current_step_flows_along_its_edges():
    d = player.data(examples.F.graph().reverse())
    g = examples.F.graph()
    for step, s in zip(d["steps"], g.reverse().steps):
        parent, child, pos = s.edge
        assert [g.edges[e] for e in step["flow"]] == [(parent, child, pos)]
    d = player.data(examples.F.graph().forward("x1"))
    assert [sorted(g.edges[e][0] for e in st["flow"]) for st in d["steps"]] == [[], [], [0, 1], [0], [2, 3]]


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
    d = player.data(chain(40).reverse())
    raw = json.dumps(d, ensure_ascii=False)
    packed = player.pack(d)
    assert player.unpack(packed) == json.loads(raw)
    assert len(packed) < len(raw) / 5
