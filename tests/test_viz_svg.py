"""SVG frames: well-formed, what each node and edge shows, the highlights, and a
layout that never moves across the frames of a sweep."""

import xml.etree.ElementTree as ET

import pytest

from autodiff_core import examples, trace
from autodiff_core import viz
from autodiff_core.viz import style
from autodiff_core.viz.svg_render import Renderer

NS = {"s": "http://www.w3.org/2000/svg"}
F = examples.F.graph()
Y = examples.Y.graph()


def parse(text):
    root = ET.fromstring(text)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return root


def nodes(root):
    """data-node -> its <g> element."""
    return {g.get("data-node"): g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("data-node")}


def edges(root):
    return [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("data-edge")]


def rows(group):
    """The plain text of a node's row lines (scripts flattened: w¹₁ -> w11)."""
    texts = group.findall("s:text", NS)
    return ["".join(t.itertext()) for t in texts[1:]]


def geometry(root):
    """Every node's rectangles, as numbers, by node name."""
    return {
        name: tuple(tuple(float(r.get(a)) for a in ("x", "y", "width", "height")) for r in g.findall("s:rect", NS))
        for name, g in nodes(root).items()
    }


def all_sweeps(g):
    return [g.evaluate(), g.reverse()] + [g.forward(n) for n in g.input_names]


@pytest.mark.parametrize("options", [{}, {"direction": "TB"}, {"edge_labels": True}])
@pytest.mark.parametrize("example", [examples.F, examples.Y])
def test_node_positions_never_move_across_frames(example, options):
    g = example.graph()
    for sweep in all_sweeps(g):
        frames = viz.frames(sweep, **options)
        assert len(frames) == sweep.n_steps + 1
        first = geometry(parse(frames[0]))
        assert set(first) == {nd.name for nd in g.nodes}
        for k, text in enumerate(frames):
            root = parse(text)
            assert root.get("data-step") == str(k)
            assert geometry(root) == first, (sweep.kind, k)
            assert root.get("viewBox") == parse(frames[0]).get("viewBox")


def test_an_svg_scales_inside_html():
    root = parse(viz.svg(F))
    assert root.get("viewBox").startswith("0 0 ")
    assert float(root.get("width")) > 0 and "max-width:100%" in root.get("style")
    assert not viz.svg(F).startswith("<?xml")


def test_forward_state_two_of_f():
    root = parse(viz.svg(F.forward("x1").state(2)))  # step 1 seeded x1 and x2 together
    n = nodes(root)
    assert rows(n["w1_1"]) == ["w11 = 10", "ẇ11 = 5"]
    assert rows(n["w1_2"]) == ["w12 = 0.909297", "ẇ12 = ?"]
    assert rows(n["w0_2"]) == ["w02 = 5", "ẇ02 = 0"]  # known zero: shown as 0
    assert n["w1_1"].get("data-status") == "current final"
    assert n["w0_1"].get("data-status") == "read final"
    assert n["w2"].get("data-status") == "output"
    heads = {name: "".join(g.findall("s:text", NS)[0].itertext()) for name, g in n.items()}
    assert heads == {"w0_1": "input x1", "w0_2": "input x2", "w1_1": "×", "w1_2": "sin", "w2": "+"}
    now = [e for e in edges(root) if e.get("data-status") == "current"]
    assert sorted(int(e.get("data-edge")) for e in now) == [0, 1]  # both edges into w¹₁
    ink = style.scheme("forward").ink
    assert all(e.find("s:path", NS).get("stroke") == ink for e in now)


def test_scripts_are_real_super_and_subscripts():
    root = parse(viz.svg(F))
    name_row = nodes(root)["w1_2"].findall("s:text", NS)[1]
    spans = name_row.findall("s:tspan", NS)
    sup, sub = spans[0], spans[1]
    assert (sup.text, sub.text) == ("1", "2")
    assert float(sup.get("dy")) < 0 < float(sub.get("dy"))  # raised, then lowered
    assert float(sub.get("dx")) < 0  # stacked under the 1
    assert float(sup.get("font-size")) < style.FONT


def test_reverse_state_four_adds_along_one_edge_toward_the_parent():
    st = F.reverse().state(4)  # w̄⁰₂ += w̄¹₁·w⁰₁ along (w⁰₂ -> w¹₁)
    root = parse(viz.svg(st))
    now = [e for e in edges(root) if e.get("data-status") == "current"]
    assert len(now) == 1 and F.edges[int(now[0].get("data-edge"))] == (1, 2, 1)
    tip = [tuple(map(float, p.split(","))) for p in now[0].find("s:polygon", NS).get("points").split()][0]
    lay = viz.layout(F)
    parent, child = lay.boxes[1], lay.boxes[2]
    dist = lambda b: abs(tip[0] - b.x) - b.w / 2  # x-distance to a box side
    assert abs(dist(parent)) < 2 and dist(child) > 10  # arrow points into the parent
    done = sorted(F.edges[int(e.get("data-edge"))] for e in edges(root) if e.get("data-status") == "done")
    assert done == [(0, 2, 0), (2, 4, 0), (3, 4, 1)]
    n = nodes(root)
    assert rows(n["w0_1"]) == ["w01 = 2", "w̄01 = 5…"]  # partial sum so far, said so
    assert n["w0_1"].get("data-status").split() == ["read", "partial"]
    partial = n["w0_1"].find(".//s:tspan[@class='adn-q adn-partial']", NS)
    assert partial.get("font-style") == "italic" and "".join(partial.itertext()) == "5…"
    assert rows(n["w0_2"]) == ["w02 = 5", "w̄02 = 2"]
    assert n["w0_2"].get("data-status").split() == ["current", "final"]  # its only edge is done


def test_reverse_step_zero_knows_only_the_seed():
    n = nodes(parse(viz.svg(Y.reverse().state(0))))
    assert [rows(n[k])[1] for k in ("x", "a", "b", "y")] == ["x̄ = ?", "ā = ?", "b̄ = ?", "ȳ = 1"]


def test_evaluation_frames_fill_values_in_order():
    ev = Y.evaluate()
    assert [rows(g) for g in nodes(parse(viz.svg(ev.state(2)))).values()] == [
        ["x = 1.5"],
        ["a = 2.25"],
        ["b = ?"],
        ["y = ?"],
    ]


def test_duplicate_edges_are_both_drawn():
    g = trace("x*x", x=3.0)
    root = parse(viz.svg(g.reverse().state(2), edge_labels=True))
    es = edges(root)
    assert len(es) == 2
    assert es[0].find("s:path", NS).get("d") != es[1].find("s:path", NS).get("d")
    labels = [
        "".join(t.itertext())
        for t in root.iter("{http://www.w3.org/2000/svg}text")
        if t.get("font-size") == str(style.EDGE_FONT)
    ]
    assert labels == ["w0 = 3", "w0 = 3"]


def test_edge_labels_show_partials_and_highlight_the_current_one():
    root = parse(viz.svg(F.reverse().state(5), edge_labels=True))
    groups = {int(g.get("data-label")): g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("data-label")}
    texts = {F.edges[k]: "".join(g.find("s:text", NS).itertext()) for k, g in groups.items()}
    assert texts[(0, 3, 0)] == "cos(w01) = −0.416147"
    ink = style.scheme("reverse").ink
    assert groups[F.edges.index((0, 3, 0))].find("s:rect", NS).get("stroke") == ink
    assert groups[F.edges.index((0, 2, 0))].find("s:rect", NS).get("stroke") != ink


def test_outputs_have_a_double_border_and_finished_nodes_a_tick():
    root = parse(viz.svg(F.evaluate().state(5)))
    n = nodes(root)
    assert len(n["w2"].findall("s:rect", NS)) == 2 and len(n["w1_1"].findall("s:rect", NS)) == 1
    assert all(g.find("s:circle", NS) is not None for g in n.values())  # all finished
    assert all(g.find("s:circle", NS) is None for g in nodes(parse(viz.svg(F))).values())


def test_each_sweep_kind_has_its_colours_and_legend():
    legends = {}
    for sweep in (F.evaluate(), F.forward("x1"), F.reverse()):
        root = parse(viz.svg(sweep.state(1)))
        legend = next(g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("data-legend"))
        words = " ".join("".join(t.itertext()) for t in legend.findall("s:text", NS))
        legends[sweep.kind] = words
        assert style.scheme(sweep.kind).ink in viz.svg(sweep.state(1))
    assert "tangents" in legends["forward"] and "adjoints" in legends["reverse"]
    assert "not yet known" in legends["reverse"] and "finished" in legends["evaluate"]
    assert style.scheme("forward").ink != style.scheme("reverse").ink


def test_frames_take_one_given_layout_and_refuse_a_wrong_one():
    lay = viz.layout(F, "TB")
    frames = viz.frames(F.forward("x2"), layout=lay)
    assert parse(frames[0]).get("viewBox") == parse(viz.svg(F.forward("x2").state(0), layout=lay)).get("viewBox")
    with pytest.raises(ValueError, match="another graph"):
        Renderer(Y, lay, "forward")
    with pytest.raises(TypeError, match=r"state\(k\)"):
        viz.svg(F.reverse())
    with pytest.raises(TypeError, match="sweep"):
        viz.frames(F)


def test_show_displays_in_jupyter():
    shown = viz.show(Y.reverse().state(2))
    assert shown._repr_html_().startswith("<svg") and str(shown) == shown._repr_svg_()
    with pytest.raises(ValueError, match="backend"):
        viz.show(Y, backend="png")


def test_structure_only_draws_large_graphs_without_numbers():
    def chain(x):
        for _ in range(viz.MAX_NODES):
            x = x * 1.0001
        return x

    g = trace(chain, x=1.0)
    with pytest.raises(viz.GraphTooLarge):
        viz.svg(g)
    root = parse(viz.svg(g, structure_only=True, layout=viz.layout(g, engine="python", structure_only=True)))
    n = nodes(root)
    assert len(n) == len(g) and "".join(n["w0"].itertext()).endswith("w0")
    assert "?" not in "".join(root.itertext())
