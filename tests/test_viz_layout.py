"""The layout, made once per graph: one rank per level, fixed boxes (equal within a level)
that never overlap, one route per edge (duplicates too), labels clear of boxes."""

import itertools

import pytest

from autodiff_core import examples, sin, trace
from autodiff_core.viz import GraphTooLarge, MAX_NODES, has_dot, layout
from autodiff_core.viz.geometry import box_size, box_sizes
from support import require

GRAPHS = {
    "f": examples.F.graph(),
    "y": examples.Y.graph(),
    "xx": trace("x*x + sin(x)*x", x=3.0),
    "neuron": examples.NEURON.graph(),
}


@pytest.fixture(params=["python", "dot"])
def engine(request):
    """Both layout engines; 'dot' needs graphviz."""
    if request.param == "dot":
        require(has_dot(), "the dot engine needs graphviz (apt-get install graphviz)")
    return request.param


def overlap(a, b, pad=0.0):
    """Do two (x0, y0, x1, y1) rectangles overlap by more than ``pad``?"""
    return a[0] < b[2] - pad and b[0] < a[2] - pad and a[1] < b[3] - pad and b[1] < a[3] - pad


def rect(box):
    return (box.x - box.w / 2, box.y - box.h / 2, box.x + box.w / 2, box.y + box.h / 2)


@pytest.mark.parametrize("direction", ["LR", "TB"])
@pytest.mark.parametrize("name", GRAPHS)
def test_levels_are_ranks_inputs_first(name, direction, engine):
    g = GRAPHS[name]
    lay = layout(g, direction, engine=engine)
    assert lay.engine == engine and len(lay.boxes) == len(g)
    axis = (lambda b: b.x) if direction == "LR" else (lambda b: b.y)
    main = {}
    for nd, b in zip(g.nodes, lay.boxes):
        main.setdefault(nd.level, set()).add(round(axis(b), 1))
    assert all(len(v) == 1 for v in main.values()), main  # one coordinate per level
    order = [main[k].pop() for k in sorted(main)]
    assert order == sorted(order) and len(set(order)) == len(order)  # inputs first


@pytest.mark.parametrize("direction", ["LR", "TB"])
@pytest.mark.parametrize("name", GRAPHS)
def test_boxes_of_a_level_are_equal_and_never_overlap(name, direction, engine):
    g = GRAPHS[name]
    lay = layout(g, direction, engine=engine)
    assert [(b.w, b.h) for b in lay.boxes] == list(box_sizes(g))
    assert all(len({lay.boxes[i].w for i in level}) == 1 for level in g.levels)
    for a, b in itertools.combinations(lay.boxes, 2):
        assert not overlap(rect(a), rect(b))
    for b in lay.boxes:
        x0, y0, x1, y1 = rect(b)
        assert x0 >= 0 and y0 >= 0 and x1 <= lay.width and y1 <= lay.height


def test_every_edge_has_its_route_duplicates_apart(engine):
    g = trace(lambda x: x * x, x=3.0)
    lay = layout(g, engine=engine)
    assert [(r.parent, r.child, r.pos) for r in lay.routes] == list(g.edges) == [(0, 1, 0), (0, 1, 1)]
    a, b = lay.routes
    assert a.path != b.path  # two visible curves, not one drawn twice
    child = rect(lay.boxes[1])
    for r in lay.routes:  # each arrow ends on the child's border
        x, y = r.tip
        assert child[0] - 2 <= x <= child[2] + 2 and child[1] - 2 <= y <= child[3] + 2
        assert len(r.path) % 3 == 1


@pytest.mark.parametrize("direction", ["LR", "TB"])
@pytest.mark.parametrize("name", ["f", "xx", "neuron"])
def test_edge_labels_clear_of_boxes(name, direction, engine):
    g = GRAPHS[name]
    lay = layout(g, direction, edge_labels=True, engine=engine)
    assert lay.edge_labels and len(lay.label_sizes) == len(g.edges)
    for r, (w, h) in zip(lay.routes, lay.label_sizes):
        x, y = r.label_at
        box = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
        for b in lay.boxes:
            assert not overlap(box, rect(b), pad=2), (r, b)


def test_python_layout_removes_avoidable_crossings():
    # evaluation order puts u (from b) above v (from a): drawn in that order, edges cross
    g = trace(lambda a, b: sin(b * 2) + (a + 1), a=1.0, b=2.0)
    lay = layout(g, engine="python")
    ys = [b.y for b in lay.boxes]
    crossings = sum(
        1
        for (p1, c1, _), (p2, c2, _) in itertools.combinations(g.edges, 2)
        if g.nodes[c1].level == g.nodes[c2].level == g.nodes[p1].level + 1
        and g.nodes[p1].level == g.nodes[p2].level
        and (ys[p1] - ys[p2]) * (ys[c1] - ys[c2]) < 0
    )
    assert crossings == 0


def test_layout_is_cached_and_checked():
    g = GRAPHS["f"]
    assert layout(g, engine="python") is layout(g, engine="python")
    assert layout(g, engine="python") is not layout(g, "TB", engine="python")
    assert layout(g, engine="python").fits(g) and not layout(g, engine="python").fits(GRAPHS["y"])
    with pytest.raises(ValueError, match="direction"):
        layout(g, "RL")
    with pytest.raises(ValueError, match="engine"):
        layout(g, engine="neato")


def big_graph(n):
    def f(x):
        y = x
        for _ in range(n - 1):
            y = y * 1.0001
        return y

    return trace(f, x=1.0)


def test_too_large_graphs_get_a_clear_error_or_a_structure_drawing():
    g = big_graph(MAX_NODES + 1)
    with pytest.raises(GraphTooLarge, match=r"501 nodes.*structure_only=True"):
        layout(g)
    lay = layout(g, engine="python", structure_only=True)
    assert lay.structure_only and len(lay.boxes) == MAX_NODES + 1
    assert box_size(g, structure_only=True)[1] < box_size(g)[1]
    assert isinstance(GraphTooLarge("x"), ValueError)
    layout(big_graph(MAX_NODES), engine="python")  # the limit itself is fine


def test_a_failing_dot_falls_back_to_the_python_layout(monkeypatch):
    from autodiff_core.viz import geometry as layout_module

    def broken(*args, **kwargs):
        raise RuntimeError("dot failed: out of memory")

    monkeypatch.setattr(layout_module, "_dot_layout", broken)
    monkeypatch.setattr(layout_module, "dot_path", lambda: "/usr/bin/dot")
    g = trace("sin(x) * x + 1", x=0.5)
    with pytest.warns(RuntimeWarning, match="using the Python layout"):
        assert layout(g).engine == "python"
    with pytest.raises(RuntimeError, match="out of memory"):
        layout(g, engine="dot")


@pytest.mark.parametrize("engine", ["dot", "python"])
def test_inputs_are_drawn_in_reading_order(engine):
    if engine == "dot":
        require(has_dot(), "the dot engine needs graphviz (apt-get install graphviz)")
    lay = layout(examples.F.graph(), engine=engine)
    assert lay.boxes[0].y < lay.boxes[1].y  # x₁ above x₂, as in the text
    lay = layout(examples.F.graph(), "TB", engine=engine)
    assert lay.boxes[0].x < lay.boxes[1].x


def test_level_skipping_edges_do_not_stall_the_layout():
    # x feeds every level of x·x·…·x: dot's crossing reduction would take minutes
    def power(x):
        y = x
        for _ in range(200):
            y = y * x
        return y

    g = trace(power, x=1.001)
    lay = layout(g)
    assert lay.engine == "python"
    assert len(lay.boxes) == len(g)


@pytest.mark.parametrize("direction", ["LR", "TB"])
def test_nodes_of_a_level_are_drawn_in_index_order(engine, direction):
    # f = x1*x2 + sin(x1): w¹₁ = w⁰₁·w⁰₂ above w¹₂ = sin(w⁰₁), as the names read (issue 13
    # item 11), though sin(x₁) alone would sit beside x₁ without the crossing
    g = examples.F.graph()
    lay = layout(g, direction, engine=engine)
    across = [b.y if direction == "LR" else b.x for b in lay.boxes]
    along = [b.x if direction == "LR" else b.y for b in lay.boxes]
    assert [nd.label for nd in g.nodes] == ["w⁰₁", "w⁰₂", "w¹₁", "w¹₂", "w²"]
    assert across[0] < across[1] and across[2] < across[3]
    assert along[0] == along[1] < along[2] == along[3] < along[4]
    assert lay.boxes[2].w == lay.boxes[3].w and abs(across[3] - across[2]) >= lay.boxes[2].h
