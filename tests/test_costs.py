"""Dense and pruned operation counts (autodiff_core.costs): against counts made by hand,
against the engine's own sweeps where it counts the same way, and against a brute-force
oracle that walks every path of random graphs."""

import pytest
from hypothesis import given, settings, strategies as st

from autodiff_core import cos, exp, sin, tanh, trace
from autodiff_core.costs import JacobianCost, depends_on, jacobian_cost, needed_by, sweep_operations


def twin(x1, x2):
    product = x1 * x2
    sine = sin(x1)
    return product + sine, product - sine


def spiral(t):
    r = exp(0.1 * t)
    return r * cos(t), r * sin(t), 0.5 * r


def test_hand_counts_of_the_twin_outputs():
    # edges: x1→x1·x2, x2→x1·x2, x1→sin, and the product and the sine into each of y1, y2
    g = trace(twin, x1=2.0, x2=5.0)
    fwd, rev = jacobian_cost(g, "forward"), jacobian_cost(g, "reverse")
    assert fwd.edges == rev.edges == 7
    assert fwd.dense == rev.dense == (7, 7)
    # seeded on x1: every edge but x2→x1·x2 (x2 does not depend on x1); on x2: x2→x1·x2
    # and the product into both outputs
    assert fwd.pruned == (6, 3) and fwd.pruned_total == 9
    # seeded on one output: its own two edges, the product's two and the sine's one
    assert rev.pruned == (5, 5) and rev.pruned_total == 10
    assert fwd.seeds == ("x1", "x2") and rev.seeds == (0, 1) and fwd.sweeps == rev.sweeps == 2


def test_hand_counts_of_the_spiral():
    # 0.1·t, exp, cos, r·cos (2), sin, r·sin (2), 0.5·r: 9 edges
    g = trace(spiral, t=0.5)
    fwd, rev = jacobian_cost(g, "forward"), jacobian_cost(g, "reverse")
    assert fwd.dense == fwd.pruned == (9,)
    assert rev.dense == (9, 9, 9)
    assert rev.pruned == (5, 5, 3)  # r·cos t: its 2 edges, cos t, exp, 0.1·t; 0.5·r: 1 + exp + 0.1·t


def test_a_repeated_operand_is_two_edges_and_dead_code_is_pruned():
    assert jacobian_cost(trace(lambda x: x * x, x=3.0), "forward").pruned == (2,)

    def f(x, y):
        sin(x) * y  # traced, but no output reads it
        return x + y

    g = trace(f, x=1.0, y=2.0)
    assert len(g.edges) == 5
    assert jacobian_cost(g, "forward").pruned == (1, 1)
    assert jacobian_cost(g, "reverse").pruned == (2,)


def test_the_engine_counts_forward_dense_and_reverse_pruned():
    g = trace(lambda a, b, c, d: (tanh(a * b + c * d) + a * d, c * sin(d)), a=0.5, b=-1.0, c=2.0, d=0.3)
    for name in g.input_names:
        assert sweep_operations(g, "forward", name, pruned=False) == g.forward(name).operations
    for r in range(2):
        assert sweep_operations(g, "reverse", r, pruned=True) == g.reverse(r).operations
    assert jacobian_cost(g, "forward").dense_total == g.jacobian("forward").operations
    assert jacobian_cost(g, "reverse").pruned_total == g.jacobian("reverse").operations


def test_seeds_as_sets_and_dicts():
    g = trace(twin, x1=2.0, x2=5.0)
    assert sweep_operations(g, "forward", {"x1": 1.0, "x2": 0.0}, pruned=True) == 6
    assert sweep_operations(g, "forward", ["x1", "x2"], pruned=True) == 7
    assert sweep_operations(g, "reverse", {0: 1.0, 1: 2.0}, pruned=True) == g.reverse({0: 1.0, 1: 2.0}).operations
    assert sweep_operations(g, "reverse", {0: 0.0, 1: 2.0}, pruned=True) == g.reverse({0: 0.0, 1: 2.0}).operations


def test_reachability():
    g = trace(twin, x1=2.0, x2=5.0)  # nodes: x1, x2, x1·x2, sin x1, y1, y2
    assert list(depends_on(g, [1])) == [0, 1, 1, 0, 1, 1]
    assert list(needed_by(g, [g.output_indices[0]])) == [1, 1, 1, 1, 1, 0]


def test_bad_arguments_say_what_is_wrong():
    g = trace(twin, x1=2.0, x2=5.0)
    with pytest.raises(ValueError, match="mode must be 'forward' or 'reverse'"):
        jacobian_cost(g, "sideways")
    with pytest.raises(KeyError, match="no input named 'x3': the inputs are x1, x2"):
        sweep_operations(g, "forward", "x3", pruned=True)
    with pytest.raises(TypeError, match="a forward seed names inputs"):
        sweep_operations(g, "forward", 0, pruned=True)
    with pytest.raises(IndexError, match="output index from 0 to 1, not 2"):
        sweep_operations(g, "reverse", 2, pruned=True)
    with pytest.raises(IndexError, match="not True"):
        sweep_operations(g, "reverse", True, pruned=True)
    with pytest.raises(TypeError):
        sweep_operations(g, "reverse", 0)  # dense or pruned must be said


def test_the_cost_prints_both_counts_per_sweep():
    text = str(jacobian_cost(trace(twin, x1=2.0, x2=5.0), "forward"))
    assert text.splitlines() == [
        "forward mode: 2 sweeps, 7 edges in the graph",
        "  dense    7 +  7 = 14",
        "  pruned   6 +  3 = 9",
    ]
    assert isinstance(jacobian_cost(trace(spiral, t=0.5), "reverse"), JacobianCost)


# -- a brute-force oracle: walk every path --------------------------------------------------------
def edges_on_paths(graph, sources, targets):
    """The edges (as positions in graph.edges) on some path from a source node to a target node,
    found by listing every path: exponential, and independent of the module's two closures."""
    edges = graph.edges
    out = {}
    for k, e in enumerate(edges):
        out.setdefault(e.parent, []).append(k)
    found = set()

    def walk(node, path):
        if node in targets:
            found.update(path)
        for k in out.get(node, ()):
            walk(edges[k].child, path + [k])

    for s in set(sources):
        walk(s, [])
    return len(found)


UNARY = (sin, tanh, cos, lambda v: 0.5 * v)  # bounded: no overflow however deep
BINARY = (lambda a, b: a + b, lambda a, b: a * b, lambda a, b: a - b)


@st.composite
def programs(draw):
    """A random straight-line program: 1-3 inputs, up to 9 operations on earlier values
    (an operand may repeat), 1-4 outputs picked among all values (inputs included)."""
    n_in = draw(st.integers(1, 3))
    steps = []
    for i in range(draw(st.integers(0, 9))):
        size = n_in + i
        if draw(st.booleans()):
            steps.append((draw(st.integers(0, len(UNARY) - 1)), draw(st.integers(0, size - 1)), None))
        else:
            steps.append(
                (draw(st.integers(0, len(BINARY) - 1)), draw(st.integers(0, size - 1)), draw(st.integers(0, size - 1)))
            )
    n_values = n_in + len(steps)
    outputs = draw(st.lists(st.integers(0, n_values - 1), min_size=1, max_size=4))
    return n_in, steps, outputs


def traced(program):
    n_in, steps, outputs = program

    def f(**xs):
        values = list(xs.values())
        for op, a, b in steps:
            values.append(UNARY[op](values[a]) if b is None else BINARY[op](values[a], values[b]))
        picked = tuple(values[o] for o in outputs)
        return picked if len(picked) > 1 else picked[0]

    return trace(f, **{f"x{i}": 0.1 + 0.2 * i for i in range(1, n_in + 1)})


@settings(max_examples=200, deadline=None)
@given(programs())
def test_pruned_counts_are_the_edges_on_some_path(program):
    g = traced(program)
    inputs, outputs = set(g.input_indices), set(g.output_indices)
    fwd, rev = jacobian_cost(g, "forward"), jacobian_cost(g, "reverse")
    for name, index, count in zip(g.input_names, g.input_indices, fwd.pruned):
        assert count == edges_on_paths(g, [index], outputs), name
    for r, count in enumerate(rev.pruned):
        assert count == edges_on_paths(g, inputs, {g.output_indices[r]}), r
    assert fwd.dense == (len(g.edges),) * len(g.input_names)
    assert rev.dense == (len(g.edges),) * len(g.output_indices)
    # the engine's own counts: forward dense, reverse pruned
    assert fwd.dense_total == g.jacobian("forward").operations
    assert rev.pruned_total == g.jacobian("reverse").operations
    # pruning never adds work
    assert all(p <= d for p, d in zip(fwd.pruned + rev.pruned, fwd.dense + rev.dense))
