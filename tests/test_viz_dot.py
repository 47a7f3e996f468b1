"""graphviz drawings: the DOT text for given states, and (with ``dot``) fixed
positions across every frame and a rendered SVG."""

import json
import re
import subprocess

import pytest

graphviz = pytest.importorskip("graphviz")

from autodiff_core import examples, trace  # noqa: E402
from autodiff_core import viz  # noqa: E402
from autodiff_core.viz import style  # noqa: E402
from autodiff_core.viz.geometry import box_size  # noqa: E402
from support import require  # noqa: E402

F = examples.F.graph()


def node_line(source, i):
    return next(line for line in source.splitlines() if re.match(rf"\s*n{i} \[", line))


def edge_lines(source):
    return [line.strip() for line in source.splitlines() if "->" in line]


def test_a_forward_state_as_dot():
    src = viz.draw(F.forward("x1").state(2)).source
    ink = style.scheme("forward").ink
    cur = node_line(src, 2)
    assert "ẇ¹₁ = " in cur and "<B><FONT" in cur and ">5<" in cur and "✓" in cur
    assert f'color="{ink}"' in cur and "penwidth=2.6" in cur
    assert "dashed" in node_line(src, 0) and "dashed" in node_line(src, 1)  # read
    later = node_line(src, 3)
    assert "ẇ¹₂ = " in later and ">?<" in later and "= <FONT" in later
    assert re.search(r"ẇ⁰₂ = <FONT[^>]*>0<", node_line(src, 1))  # a known zero
    assert "peripheries=2" in node_line(src, 4) and "peripheries" not in node_line(src, 3)
    hot = [e for e in edge_lines(src) if f'color="{ink}"' in e]
    assert sorted(e.split(" [")[0] for e in hot) == ["n0 -> n2", "n1 -> n2"]
    assert "rank=same" in src and "rankdir=LR" in src
    assert "input x₁" in node_line(src, 0) and "sin" in node_line(src, 3)


def test_a_reverse_state_as_dot():
    src = viz.draw(F.reverse().state(4), edge_labels=True).source
    back = [e for e in edge_lines(src) if "dir=back" in e]
    assert len(back) == 1 and back[0].startswith("n1 -> n2")
    assert "cos(w⁰₁) = −0.416147" in src and "w̄⁰₂ = " in node_line(src, 1)
    assert "reverse mode: adjoints w̄" in src  # legend


def test_duplicate_edges_and_a_plain_graph():
    g = trace("x*x", x=2.0)
    src = viz.draw(g).source
    assert [e.split(" [")[0] for e in edge_lines(src)] == ["n0 -> n1", "n0 -> n1"]
    assert "?" not in src
    assert re.search(rf"{g.nodes[0].label} = <FONT[^>]*>2<", node_line(src, 0))


def test_draw_is_a_digraph_with_fixed_sizes():
    dg = viz.draw(F.evaluate().state(0), direction="TB")
    assert isinstance(dg, graphviz.Digraph)
    w, h = box_size(F)  # one size, room for any number: graphviz cannot squeeze a row
    assert f"width={w / 72:.4f}" in dg.source and f"height={h / 72:.4f}" in dg.source
    assert "fixedsize=true" in dg.source and "rankdir=TB" in dg.source


def positions(source):
    out = subprocess.run(["dot", "-Tjson"], input=source.encode(), capture_output=True, check=True).stdout
    return {o["name"]: o["pos"] for o in json.loads(out)["objects"] if "pos" in o}


@pytest.mark.parametrize("example", [examples.F, examples.Y])
def test_dot_keeps_every_node_in_place_across_frames(example):
    require(viz.has_dot(), "needs graphviz's dot (apt-get install graphviz)")
    g = example.graph()
    for sweep in (g.forward(g.input_names[0]), g.reverse()):
        seen = None
        for st in sweep.states():
            pos = positions(viz.draw(st, edge_labels=True).source)
            assert seen is None or pos == seen, (sweep.kind, st.k)
            seen = pos


def test_dot_renders_the_drawing():
    require(viz.has_dot(), "needs graphviz's dot (apt-get install graphviz)")
    svg = viz.draw(F.reverse().state(5)).pipe(format="svg").decode()
    assert "w̄⁰₁ = " in svg and "4.58385" in svg
