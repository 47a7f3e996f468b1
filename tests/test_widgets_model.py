"""The step-through's model, headless: the player's data, rules, captions, table rows, bad input.

The model has no widgets in it, so everything the widget shows is checked
here against the core's own sweeps (an independent path: the core's states,
not the player's data) with the real drawings of autodiff_core.viz.
"""

import re

import pytest

from autodiff_core import DomainError, ExpressionError, examples, trace, viz
from autodiff_core.widgets import MODES, StepModel
from autodiff_core.player.drawing import MAX_NODES as PLAYER_MAX_NODES
from autodiff_core.widgets import model as model_module

STEPS = {
    ("f", "evaluate"): 5,
    ("f", "forward"): 4,  # one step seeds both inputs
    ("f", "reverse"): 5,
    ("y", "evaluate"): 4,
    ("y", "forward"): 4,  # the seed, then a, b, y
    ("y", "reverse"): 3,
}


def core_sweep(example, mode, seed=None, **inputs):
    g = example.graph(**inputs)
    return {"evaluate": g.evaluate, "forward": lambda: g.forward(seed or g.input_names[0]), "reverse": g.reverse}[
        mode
    ]()


def current_node_in_svg(svg: str):
    """The data-node name of the node the drawing highlights as current."""
    found = re.findall(r'data-node="([^"]+)" data-status="[^"]*\bcurrent\b', svg)
    assert len(found) <= 1, found
    return found[0] if found else None


@pytest.mark.parametrize("example", [examples.F, examples.Y], ids=lambda e: e.key)
@pytest.mark.parametrize("mode", MODES)
def test_every_step_shows_the_cores_state(example, mode):
    m = StepModel.from_source(example, mode=mode)
    assert m.error == ""
    sweep = core_sweep(example, mode)
    n = sweep.n_steps
    assert m.n_steps == n == STEPS[example.key, mode]
    assert m.player["n"] == n and len(m.player["steps"]) == n
    for k in range(n + 1):
        assert m.go(k) == k
        frame, state = m.frame, sweep.state(k)
        assert (frame.k, frame.n_steps, frame.kind) == (k, n, mode)
        assert frame.caption == state.caption
        assert frame.caption.startswith(f"step {k} of {n}")
        assert [r["value"] for r in frame.rows] == [r["value"] or "?" for r in state.table()]
        marked = [i for i, r in enumerate(frame.rows) if r["current"]]
        if k == 0:  # reverse mode starts on its seeded output
            assert marked == list(state.focus) and frame.rule == ""
            assert marked == ([] if mode != "reverse" else [state.graph.output_indices[0]])
        else:
            step = state.step
            assert marked == list(step.focus) and frame.current_row == step.node == m.player["steps"][k - 1]["node"]
            assert m.player["steps"][k - 1]["focus"] == marked
            assert frame.rule == step.rule  # and the numbers once, unless they say the same
            assert frame.numbers == ("" if step.numbers == step.rule else step.numbers)


def test_the_issues_rule_with_numbers():
    m = StepModel.from_source(examples.F, mode="forward", seed="x1")
    m.go(2)
    assert m.frame.caption == "step 2 of 4: forward tangent of w¹₁"
    assert m.frame.rule == "ẇ¹₁ = ẇ⁰₁·w⁰₂ + w⁰₁·ẇ⁰₂"
    assert m.frame.numbers == "ẇ¹₁ = 1·5 + 2·0 = 5"
    m.go(5)
    assert "Result: ∂w²/∂x₁ = 4.58385." in m.frame.note


def test_unknown_is_a_question_mark_never_zero():
    m = StepModel.from_source(examples.F, mode="forward", seed="x1")
    assert [r["tangent"] for r in m.frame.rows] == ["?"] * 5  # k = 0
    m.go(1)  # the seed step sets both inputs' tangents
    assert [r["tangent"] for r in m.frame.rows] == ["1", "0", "?", "?", "?"]
    m = StepModel.from_source(examples.Y, mode="reverse")
    assert [r["adjoint"] for r in m.frame.rows] == ["?", "?", "?", "1"]  # only ȳ = 1 seeded


def test_reverse_shows_fan_out_accumulation():
    m = StepModel.from_source(examples.F, mode="reverse")
    m.go(3)  # w̄⁰₁ += w̄¹₁·w⁰₂: a partial sum, marked as such in the table
    assert m.frame.rows[0]["adjoint"] == "5" and not m.frame.rows[0]["final"]
    m.go(5)  # the second contribution to w̄⁰₁, and its new total
    assert m.frame.numbers == "w̄⁰₁ += 1·cos(2) = −0.416147 → 4.58385"
    assert "∂w²/∂x₁ = 4.58385, ∂w²/∂x₂ = 2" in m.frame.note


def test_changing_inputs_mode_or_seed_recomputes_and_restarts():
    m = StepModel.from_source(examples.F, mode="forward", seed="x1")
    m.go(4)
    m.inputs = {"x1": 3.0, "x2": 5.0}
    assert (m.index, m.error, m.version) == (0, "", 2)
    assert m.graph.value == pytest.approx(15 + __import__("math").sin(3))
    m.go(3)
    m.seed = "x2"
    assert m.index == 0 and m.sweep.seed == {"x1": 0.0, "x2": 1.0}
    m.go(5)
    assert "∂w²/∂x₂ = 3." in m.frame.note
    m.mode = "reverse"
    assert m.index == 0 and m.sweep.kind == "reverse" and m.seed_options == ()
    m.mode = "evaluate"
    assert m.sweep.kind == "evaluate" and m.seed_options == ()
    assert m.update(mode="forward", seed="x1", inputs={"x1": 2.0, "x2": 5.0})
    assert m.version == 6 and m.seed_options == ("x1", "x2")


def node_boxes(svg: str) -> list:
    return re.findall(
        r'data-node="(\w+)"[^>]*><title>[^<]*</title><rect class="[\w-]+" x="([\d.]+)" '
        r'y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"',
        svg,
    )


def test_the_drawing_does_not_move_when_an_input_changes():
    m = StepModel.from_source(examples.F, mode="reverse")
    before = node_boxes(m.player["svg"])
    assert len(before) == 5
    for x1 in (3.0, -123.456789, 2.0):
        m.inputs = {"x1": x1, "x2": 5.0}
        assert node_boxes(m.player["svg"]) == before
        assert all(node_boxes(g) in ([], [b]) for g in m.player["pool"] for b in before if f'data-node="{b[0]}"' in g)


def test_table_cells_typeset_names_like_the_drawing():
    m = StepModel.from_source(examples.Y, mode="forward")
    assert m.player["start"]["rows"][1][1] == "(·)<sup>2</sup>"  # a = x², the op column
    m = StepModel.from_source(examples.F, mode="forward")
    assert m.player["start"]["rows"][0][0] == 'w<span class="ss"><sup>0</sup><sub>1</sub></span>'


def test_editing_the_text_adapts_the_inputs_and_seed():
    m = StepModel.from_source(examples.F, mode="forward", seed="x2")
    m.text = "x2 * y + 1"
    assert m.error == "" and m.inputs == {"x2": 5.0, "y": 1.0} and m.seed == "x2"
    m.text = "sin(z)"
    assert m.inputs == {"z": 1.0} and m.seed == "z" and m.n_steps == 2


def test_example_names_kept_while_the_text_is_the_examples():
    m = StepModel.from_source(examples.Y, mode="reverse", inputs={"x": 2.0})
    assert [nd.label for nd in m.graph.nodes] == ["x", "a", "b", "y"]
    m.inputs = {"x": 1.0}
    assert [nd.label for nd in m.graph.nodes] == ["x", "a", "b", "y"]
    m.text = "sin(x**3 + 1)"  # a different expression: the names would lie
    assert [nd.label for nd in m.graph.nodes] == ["w⁰", "w¹", "w²", "w³"]


def test_sources_function_graph_and_text():
    m = StepModel.from_source(lambda x1, x2=5.0: x1 * x2, inputs={"x1": 2})
    assert m.error == "" and m.inputs == {"x1": 2.0, "x2": 5.0} and not m.editable_text
    m.inputs = {"x1": 4.0, "x2": 5.0}
    assert m.graph.value == 20
    m = StepModel.from_source(examples.Y.graph(x=0.5), mode="evaluate")
    assert m.editable_text and m.inputs == {"x": 0.5}
    assert [nd.label for nd in m.graph.nodes] == ["x", "a", "b", "y"]
    fixed = trace(lambda u: u * u, u=3.0)
    m = StepModel.from_source(fixed, mode="reverse")
    assert not m.editable_inputs and m.graph is fixed and m.sweep.gradient == {"u": 6.0}
    m = StepModel.from_source("x*y", inputs={"x": 2, "y": 3}, mode="reverse")
    assert m.sweep.gradient == {"x": 3.0, "y": 2.0}
    with pytest.raises(TypeError):
        StepModel.from_source(42)
    with pytest.raises(TypeError, match="unknown setting"):
        StepModel.from_source(examples.Y, x=2.0)  # inputs go in inputs=


def test_several_outputs_seed_the_chosen_output():
    m = StepModel.from_source("x*y, x + y", inputs={"x": 2, "y": 3}, mode="reverse")
    assert len(m.seed_options) == 2
    assert m.sweep.gradient == {"x": 3.0, "y": 2.0}
    m.output = 1
    assert m.sweep.gradient == {"x": 1.0, "y": 1.0}


BAD_TEXT = [
    ("x1*x2 + sin(x1", "syntax error", 12),
    ("x1*x2 + foo(x1)", "unknown function 'foo'", 9),
    ("x1.__class__", "attribute access", 1),
    ("", "empty", None),
    ("2 + 3", "does not depend on the inputs", None),
    ("x" + "*x" * 600, "characters long", None),
]


@pytest.mark.parametrize("text, words, column", BAD_TEXT, ids=[b[1] for b in BAD_TEXT])
def test_bad_text_keeps_the_last_good_state(text, words, column):
    m = StepModel.from_source(examples.F, mode="forward", seed="x1")
    m.go(3)
    good = (m.graph, m.sweep, m.payload, m.index, m.version)
    m.text = text
    assert words in m.error and m.error.startswith("Cannot")
    assert m.error_column == column
    assert (m.graph, m.sweep, m.payload, m.index, m.version) == good
    m.text = "x1*x2 + sin(x1)"  # fixed: shown again, from step 0
    assert m.error == "" and m.error_column is None and m.index == 0


def test_domain_error_keeps_the_last_good_state():
    m = StepModel.from_source("log(x) * x", inputs={"x": 2.0}, mode="reverse")
    m.go(2)
    good = (m.graph, m.payload, m.index)
    m.inputs = {"x": -1.0}
    assert m.error.startswith("Cannot compute at these inputs: cannot compute")
    assert "log" in m.error and "−1" in m.error
    assert (m.graph, m.payload, m.index) == good
    # a function's own failures are reported the same way, never raised
    m = StepModel.from_source(lambda x: 1 / (x - 1), inputs={"x": 2.0})
    m.inputs = {"x": 1.0}
    assert m.error.startswith("Cannot") and m.graph.value == 1.0


def test_graph_too_large_to_draw():
    def chain(x):
        for _ in range(PLAYER_MAX_NODES + 10):
            x = x + 1
        return x

    m = StepModel.from_source(chain, inputs={"x": 1.0})
    assert m.error.startswith("Too large to step through") and m.player is None
    assert m.frame is None and m.n_steps == 0


def test_graph_too_large_after_a_good_one(monkeypatch):
    m = StepModel.from_source(examples.Y, mode="forward")
    m.go(2)

    def too_large(sweep, **kw):
        raise viz.GraphTooLarge("this graph has 9999 nodes; drawings stop at 500")

    monkeypatch.setattr(model_module._player, "data", too_large)
    m.inputs = {"x": 2.0}
    assert m.error == "Too large to step through: this graph has 9999 nodes; drawings stop at 500"
    assert m.index == 2 and m.graph.value == examples.Y.graph().value


def test_too_many_steps(monkeypatch):
    monkeypatch.setattr(model_module, "MAX_STEPS", 6)
    m = StepModel.from_source("x*x*x*x*x", inputs={"x": 1.0}, mode="forward")
    assert m.error == "" and m.n_steps == 5
    m.mode = "reverse"  # one step per edge: 8 > MAX_STEPS
    assert m.error.startswith("Too large to step through: this sweep has 8 steps")
    assert m.sweep.kind == "forward"


def test_a_first_bad_input_shows_nothing_and_says_why():
    m = StepModel.from_source("sqrt(x)", inputs={"x": -4.0})
    assert m.player is None and m.frame is None and m.error.startswith("Cannot compute")
    m.inputs = {"x": 4.0}
    assert m.error == "" and m.n_steps == 2


def test_describe_names_the_kind_of_problem():
    assert model_module.describe(ExpressionError("bad", 3)) == "Cannot read the expression: bad (column 3)"
    assert model_module.describe(DomainError("log of −1")) == "Cannot compute at these inputs: log of −1"
    assert model_module.describe(KeyError("x")).startswith("Cannot trace this (KeyError)")


def test_update_rejects_unknown_names_and_stays_coherent_when_a_value_is_refused():
    m = StepModel.from_source("x*y", inputs={"x": 2.0, "y": 3.0}, mode="forward")
    with pytest.raises(TypeError, match="unknown setting bogus"):
        m.update(bogus=1, mode="reverse")
    assert not hasattr(m, "bogus") and m.mode == "forward"  # nothing changed
    good = (m.graph, m.version)
    assert not m.update(text="x+z", mode="backward")  # all or nothing: said, not raised
    assert m.error.startswith("Cannot use mode='backward': mode must be one of")
    assert m.text == "x*y" and m.mode == "forward" and (m.graph, m.version) == good
    assert m.update(text="x+z", mode="reverse")
    assert m.inputs == {"x": 2.0, "z": 1.0} and m.error == "" and m.graph.value == 3.0


def test_non_numeric_input_values_are_reported_not_raised():
    m = StepModel.from_source("x*y", inputs={"x": 2.0, "y": 3.0})
    good = (m.graph, m.version)
    m.inputs = {"x": "abc", "y": 3.0}
    assert m.error == "Cannot use these input values: the value of input 'x' must be a real number, got 'abc'"
    m.text = "x*y+1"
    assert m.inputs == {"x": "abc", "y": 3.0} and m.error.startswith("Cannot use these input")
    assert (m.graph, m.version) == good
    assert not m.update(inputs={"x": None, "y": 3.0})
    assert "'x' must be a real number, got None" in m.error and m.error_column is None
    m = StepModel.from_source("x + 1", inputs={"x": "2"})
    assert m.player is None and "got '2'" in m.error


def test_input_values_survive_an_expression_that_fails():
    m = StepModel.from_source("sin(x)*y", inputs={"x": 0.5, "y": 2.0})
    m.text = "x/0"  # parses, then fails: y is dropped for now
    assert m.error.startswith("Cannot compute") and m.inputs == {"x": 0.5}
    m.text = "sin(x)*"  # does not parse
    m.text = "sin(x)*y"
    assert m.error == "" and m.inputs == {"x": 0.5, "y": 2.0}


def test_a_bad_input_value_is_not_called_bad_text():
    m = StepModel.from_source(examples.F)
    m.inputs = {"x1": float("inf"), "x2": 5.0}
    assert m.error == "Cannot use these input values: the value of input 'x1' must be finite, got ∞"
    m.inputs = {"x1": 2.0, "x2": 5.0}
    m.text = "x1 +* 2"
    assert m.error.startswith("Cannot read the expression")


def test_seed_choice_is_the_chosen_seed_option():
    m = StepModel.from_source(examples.F, mode="forward", seed="x2")
    assert m.seed_options == ("x1", "x2") and m.seed_choice == "x2"
    m.mode = "evaluate"
    assert m.seed_choice is None
    m = StepModel.from_source("x*y, x + y", inputs={"x": 2, "y": 3}, mode="reverse", output=1)
    assert m.seed_choice == m.seed_options[1]
    m.mode = "forward"
    assert m.seed_choice == "x"


def test_input_names_are_checked_as_trace_checks_them():
    """Issue 25: values for inputs the expression does not have, or none for one it has,
    are refused in place with the names it has; never a silent y = 1."""
    m = StepModel.from_source("x*y", inputs={"x": 3.0, "yy": 2.0})
    assert m.error == "Cannot use these inputs: yy is not an input of 'x*y'; no value given for y. Its inputs are x, y."
    assert m.player is None and m.graph is None
    m = StepModel.from_source("x**2", inputs={"y": 1.0})
    assert m.error == "Cannot use these inputs: y is not an input of 'x**2'; no value given for x. Its inputs are x."
    m = StepModel.from_source("x1*x2", inputs={"x1": 2.0})
    assert m.error == "Cannot use these inputs: no value given for x2. Its inputs are x1, x2."
    good = StepModel.from_source("x*y", inputs={"x": 2.0, "y": 3.0}, mode="reverse")
    shown = (good.graph, good.version, good.player)
    good.inputs = {"x": 2.0, "z": 3.0}  # from Python: said, and the last good graph kept
    assert good.error.startswith("Cannot use these inputs: z is not an input of 'x*y'")
    assert (good.graph, good.version, good.player) == shown
    assert good.update(inputs={"x": 5.0, "y": 3.0}) and good.error == "" and good.graph.value == 15.0


def test_a_functions_and_a_graphs_inputs_are_checked_too():
    m = StepModel.from_source(lambda a, b: a * b, inputs={"a": 2.0})
    assert m.error == "Cannot use these inputs: no value given for b. Its inputs are a, b."
    m = StepModel.from_source(lambda a, b=4.0: a * b, inputs={"a": 2.0, "c": 1.0})
    assert m.error == "Cannot use these inputs: c is not an input of the function. Its inputs are a, b."
    fixed = trace(lambda u: u * u, u=3.0)
    m = StepModel.from_source(fixed, inputs={"u": 4.0})
    assert m.error.startswith("Cannot use these inputs: this graph was traced from a function")
    assert "trace it again with other values of u" in m.error
    assert StepModel.from_source(fixed, inputs={"u": 3.0}).error == ""


def test_the_widget_says_a_wrong_input_name_in_place():
    from autodiff_core.widgets import StepThrough

    w = StepThrough("x*y", x=3, yy=2)
    assert "yy is not an input of" in w.error.value and "Its inputs are x, y." in w.error.value
    w.close()


@pytest.fixture
def parses(monkeypatch):
    """A count of the texts parsed, by the widget, the command line and trace()."""
    import importlib

    from autodiff_core import cli, expression

    trace_module = importlib.import_module("autodiff_core.trace")
    count = [0]
    real = expression.parse

    def counting(text, *args, **kwargs):
        count[0] += 1
        return real(text, *args, **kwargs)

    for module in (model_module, cli, expression, trace_module):
        monkeypatch.setattr(module, "parse", counting)
    return count


def test_each_text_is_parsed_once(parses):
    m = StepModel.from_source("x*y + sin(x)", inputs={"x": 1.0, "y": 2.0})
    assert parses[0] == 1 and m.error == ""
    m.text = "x*y + cos(x)"  # the inputs it has, the names checked, the trace: one parse
    assert parses[0] == 2 and m.error == "" and m.graph.source == "x*y + cos(x)"
    m.mode, m.inputs = "reverse", {"x": 3.0, "y": 2.0}  # the same text: none
    assert parses[0] == 2 and m.sweep.kind == "reverse" and m.graph.nodes[0].value == 3.0
    m.text = "x*"  # a mistake is said with its column, once
    assert parses[0] == 3 and m.error and m.error_column is not None


def test_the_command_line_parses_once(parses, tmp_path):
    from autodiff_core.cli import main

    assert main(["export", "x*y + sin(x)", "x=1", "y=2", "-o", str(tmp_path / "a.html")]) == 0
    assert parses[0] == 1
