"""What the drawings write: headers, rows ('?' until known, never 0), edge partials,
scripts, and which nodes and edges a state highlights."""

import pytest

from autodiff_core import examples, trace
from autodiff_core.viz import labels
from autodiff_core.viz.highlights import highlights

F = examples.F.graph()
Y = examples.Y.graph()
GRAPHS = {"f": F, "y": Y, "xx": trace("x*x + sin(x)*x", x=3.0), "neuron": examples.NEURON.graph()}


def sweeps(g):
    out = [g.evaluate(), g.reverse()]
    out += [g.forward(name) for name in g.input_names]
    return out


def test_runs_split_scripts():
    assert labels.runs("w¹₂ = 5") == [("w", "", ()), ("1", "sup", ()), ("2", "sub", ()), (" = 5", "", ())]
    assert labels.runs("1.5·10⁻⁵") == [("1.5·10", "", ()), ("−5", "sup", ())]
    assert labels.runs("sin") == [("sin", "", ())]


def test_stacked_scripts_take_the_room_of_one():
    stacked = labels.width("w¹₂", 14)
    assert labels.width("w¹", 14) == pytest.approx(stacked)
    assert stacked < labels.width("w12", 14)
    assert labels.width("ẇ¹₂", 14) == pytest.approx(stacked)  # the dot takes no room


def test_headers_show_operation_constants_and_input_names():
    assert [labels.header(nd) for nd in F.nodes] == ["input x₁", "input x₂", "×", "sin", "+"]
    assert [labels.header(nd) for nd in Y.nodes] == ["input", "(·)²", "+ 1", "sin"]


def test_rows_of_a_forward_state():
    st = F.forward("x1").state(3)
    ((v, t),) = [labels.rows(F, 2, st)]
    assert (v.text, t.text) == ("w¹₁ = 10", "ẇ¹₁ = 5")
    assert [r.text for r in labels.rows(F, 4, st)] == ["w² = 10.9093", "ẇ² = ?"]
    assert [r.text for r in labels.rows(F, 1, st)] == ["w⁰₂ = 5", "ẇ⁰₂ = 0"]  # a seed of 0
    assert [r.text for r in labels.rows(F, 2, None)] == ["w¹₁ = 10"]


@pytest.mark.parametrize("name", GRAPHS)
def test_unknown_is_a_question_mark_never_zero(name):
    g = GRAPHS[name]
    for sweep in sweeps(g):
        for st in sweep.states():
            for i in range(len(g)):
                rows = labels.rows(g, i, st)
                for row, q in zip(rows, (st.values[i], st.quantity[i])):
                    assert row.known == (q is not None)
                    assert (row.value == "?") == (q is None), (st.caption, row)
                    if q is None:
                        assert "0" not in row.value


def test_edge_labels_are_the_local_partials():
    texts = {(p, c, k): labels.partial_text(F, c, k) for p, c, k in F.edges}
    assert texts == {
        (0, 2, 0): "w⁰₂ = 5",
        (1, 2, 1): "w⁰₁ = 2",
        (0, 3, 0): "cos(w⁰₁) = −0.416147",
        (2, 4, 0): "1",
        (3, 4, 1): "1",
    }
    assert labels.partial_text(Y, 1, 0) == "2·x = 3"


def test_html_and_mathtext():
    assert labels.html("w¹₂ < 1") == ('w<span class="ss"><sup>1</sup><sub>2</sub></span> &lt; 1')
    assert labels.html("x₁") == "x<sub>1</sub>"
    assert labels.mathtext(F.tangent_name(2) + " = 5") == r"$\dot{w}^{1}_{1}$ = 5"
    assert labels.mathtext(F.adjoint_name(4)) == r"$\bar{w}^{2}$"
    assert labels.mathtext("a $5") == r"a \$5"


def test_forward_highlights_the_node_and_the_edges_it_reads():
    hl = highlights(F, F.forward("x1").state(2))
    assert hl.current == 2 and hl.reads == {0, 1} and hl.focus == {2}
    assert {F.edges[k] for k in hl.edges_now} == {(0, 2, 0), (1, 2, 1)}
    assert hl.edges_done == frozenset()  # inputs have no incoming edges
    hl = highlights(F, F.forward("x1").state(4))
    assert {F.edges[k] for k in hl.edges_done} == {(0, 2, 0), (1, 2, 1), (0, 3, 0)}
    seed = highlights(F, F.forward("x1").state(1))  # the seed step: every input at once
    assert seed.focus == {0, 1} and [seed.status(i) for i in range(5)] == ["current"] * 2 + [""] * 3
    assert seed.edges_now == seed.edges_done == frozenset()


@pytest.mark.parametrize("name", GRAPHS)
def test_reverse_highlights_follow_the_sweeps_own_steps(name):
    g = GRAPHS[name]
    sweep = g.reverse()
    edges = g.edges
    seen = []
    for k in range(sweep.n_steps + 1):
        hl = highlights(g, sweep.state(k))
        if k == 0:  # the seeded output is shown as where the sweep starts
            assert hl.edges_now == hl.edges_done == frozenset() and hl.focus == set(g.output_indices)
            continue
        step = sweep.steps[k - 1]
        assert [edges[e] for e in hl.edges_now] == [step.edge]
        assert {edges[e] for e in hl.edges_done} == set(seen)
        assert hl.current == step.edge[0]
        seen.append(step.edge)


@pytest.mark.parametrize("seeded", [0, 1])
def test_reverse_never_marks_an_edge_it_skips(seeded):
    """Seeded on one output only, the sweep never takes the other's edges: they stay unmarked."""
    g = trace("x*y, x + y", x=2.0, y=3.0)
    sweep = g.reverse(seeded)
    skipped = {k for k, (_, c, _) in enumerate(g.edges) if c == g.outputs[1 - seeded].index}
    assert len(skipped) == 2 and sweep.n_steps == 2
    for state in sweep.states():
        hl = highlights(g, state)
        assert not (hl.edges_done | hl.edges_now) & skipped
    assert len(hl.edges_done | hl.edges_now) == 2


def test_fan_out_accumulation_is_a_separate_highlight():
    rev = F.reverse()
    first, second = rev.state(3), rev.state(5)
    assert labels.rows(F, 0, first)[1].text == "w̄⁰₁ = 5…"  # a running sum: partial
    assert labels.rows(F, 0, first)[1].partial
    assert labels.rows(F, 0, second)[1].text == "w̄⁰₁ = 4.58385"  # final on its last contribution
    assert not labels.rows(F, 0, second)[1].partial
    assert [F.edges[k] for k in highlights(F, second).edges_now] == [(0, 3, 0)]


def test_widest_row_covers_every_frame():
    for g in GRAPHS.values():
        room = labels.widest_row(g)
        for sweep in sweeps(g):
            for st in sweep.states():
                for i in range(len(g)):
                    for row in labels.rows(g, i, st):
                        assert labels.width(row.text, 14) <= room + 1e-9, row.text
