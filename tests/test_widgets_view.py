"""The StepThrough widget, headless: its settings controls and its player's synced state.

The stepping itself runs in the browser (tests/test_widget_browser.py); here the
kernel side: the player gets one packed sweep per recompute, its index and the
model's stay equal whichever side moves, and bad input keeps the last good sweep.
"""

import html

import pytest

from autodiff_core import examples, trace
from autodiff_core.player import unpack
from autodiff_core.widgets import MODES, StepThrough


def test_the_player_gets_the_sweep_once_and_its_index():
    w = StepThrough(examples.F, mode="forward", seed="x1")
    data = unpack(w.player.payload)
    assert data["n"] == w.n_steps == 4 and data["kind"] == "forward"
    assert len(data["steps"]) == 4 and w.player.index == 0
    assert data["steps"][0]["focus"] == [0, 1]  # step 1 seeds both inputs
    assert data["steps"][1]["node"] == 2  # step 2 computes w¹₁


@pytest.mark.parametrize("example", [examples.F, examples.Y], ids=lambda e: e.key)
@pytest.mark.parametrize("mode", MODES)
def test_the_browser_moving_the_player_moves_the_model(example, mode):
    w = StepThrough(example, mode=mode)
    n = w.n_steps
    assert w.model.error == "" and n > 0
    for k in [1, n, 0, n - 1]:
        w.player.index = k  # as the browser reports the player's step
        assert w.index == w.model.index == k
        assert w.frame.caption.startswith(f"step {k} of {n}")
    w.player.index = n + 7  # out of range: clamped, and told back
    assert w.index == n == w.player.index


def test_stepping_from_python_moves_the_player():
    w = StepThrough(examples.F, mode="forward", seed="x1")
    w.next()
    w.next()
    assert w.player.index == 2 == w.index
    w.last()
    assert w.player.index == 4 and w.frame.caption == "step 4 of 4: forward tangent of w²"
    w.prev()
    assert w.player.index == 3
    w.index = 99  # not a step: said in place, the step kept
    assert w.player.index == 3 == w.index and "There is no step 99" in w.error.value
    w.next()
    w.next()  # stepping past the end stays at the end
    assert w.player.index == 4 and w.error.value == ""
    w.first()
    assert w.player.index == 0


def test_changing_mode_seed_inputs_sends_a_new_sweep_at_step_0():
    w = StepThrough(examples.F, mode="forward", seed="x1", speed=300)
    assert w.player.speed == 300
    w.player.index = 3
    before = w.player.payload
    w.seed.value = "x2"
    assert w.model.seed == "x2" and w.player.index == 0 and w.player.payload != before
    w.last()
    assert "∂w²/∂x₂ = 2." in w.frame.note
    w.mode.value = "reverse"
    data = unpack(w.player.payload)
    assert w.model.mode == data["kind"] == "reverse" and w.player.index == 0
    assert w.seed.layout.display == "none"
    w.next()
    assert "adjoint contribution" in w.frame.caption
    w.mode.value = "evaluate"
    assert w.seed.layout.display == "none" and w.n_steps == 5
    w.mode.value = "forward"
    assert w.seed.layout.display is None and list(w.seed.options) == ["x1", "x2"]
    x1 = w.inputs.children[0]
    assert x1.description == "x1" and x1.value == 2.0
    w.next()
    x1.value = 3.0
    assert w.model.inputs == {"x1": 3.0, "x2": 5.0} and w.player.index == 0
    assert ">15<" in unpack(w.player.payload)["svg"]  # w¹₁ = 3·5 in the drawing


def test_a_vector_seed_steps_through_a_directional_derivative_and_output_weights():
    w = StepThrough(examples.F, mode="forward", seed={"x1": 1.0, "x2": 2.0})
    assert w.model.sweep.derivative == pytest.approx(5 + 2 * 2 + 2 * 0 + (-0.4161468365471424))
    assert w.seed.layout.display == "none"
    w = StepThrough("x*y, x + y", x=2.0, y=3.0, mode="reverse", seed={0: 1.0, 1: 2.0})
    assert w.model.sweep.gradient == {"x": 3.0 + 2.0, "y": 2.0 + 2.0}


def test_bad_input_shows_a_message_in_place_and_keeps_the_last_good_state():
    w = StepThrough(examples.F, mode="forward", seed="x1")
    w.player.index = 3
    payload, version = w.player.payload, w.model.version
    for text, words in [
        ("x1*x2 + sin(x1", "column 12"),
        ("x1*x2 + foo(x1)", "unknown function"),
        ("__import__('os')", "unknown function '__import__'"),
        ("", "empty"),
    ]:
        w.expression.value = text
        assert html.escape(words) in w.error.value and "adstep-error" in w.error.value
        assert "Traceback" not in w.error.value
        assert w.player.payload == payload and w.model.version == version
        assert w.player.index == 3 == w.index  # same graph, same position
    assert "<mark>" in StepThrough("x +* 2", x=1.0).error.value  # the column is marked
    w.expression.value = "log(x1) + x2"
    assert w.error.value == "" and w.model.version == version + 1 and w.player.index == 0
    w.next()
    w.inputs.children[0].value = -2.0  # log of a negative input
    assert "Cannot compute at these inputs" in w.error.value and w.player.index == 1
    w.inputs.children[0].value = 2.0
    assert w.error.value == "" and w.player.index == 0


def test_the_issues_constructors():
    w = StepThrough("sin(x**2 + 1)", x=1.5, mode="reverse")
    assert w.model.sweep.gradient["x"] == pytest.approx(-2.9823890282416388, abs=1e-12)
    assert w.expression.layout.display is None and w.seed.layout.display == "none"
    w = StepThrough(examples.F, mode="forward", seed="x1", expression_box=False)
    assert w.expression.layout.display == "none" and w.seed.value == "x1"
    w = StepThrough(lambda x1, x2: x1 * x2, x1=2.0, x2=5.0, mode="forward", seed="x2")
    assert w.expression.layout.display == "none" and w.model.sweep.derivative == 2.0
    w = StepThrough(trace(lambda u: u * u, u=3.0), mode="evaluate")
    assert all(box.disabled for box in w.inputs.children)
    w = StepThrough(examples.NEURON, mode="reverse")
    assert w.model.error == "" and w.n_steps > 5


def test_a_bad_first_input_shows_an_empty_widget_with_the_message():
    w = StepThrough("log(x)", x=-1.0, mode="reverse")
    assert "Cannot compute" in w.error.value and w.player.payload == "" and w.n_steps == 0
    w.inputs.children[0].value = 1.0
    assert w.error.value == "" and unpack(w.player.payload)["n"] == 1 == w.n_steps


def test_close_closes_everything_it_made():
    w = StepThrough(examples.F, mode="reverse")
    made = [w.player, w.mode, w.seed, w.expression, *w.inputs.children]
    w.close()
    assert w.comm is None and all(x.comm is None for x in made)


def test_a_bad_input_value_is_shown_in_place_and_the_boxes_survive():
    w = StepThrough("x*y", x=2.0, y=3.0, mode="forward")
    w.model.inputs = {"x": "abc", "y": 3.0}
    assert "Cannot use these input values" in w.error.value
    assert w.inputs.children[0].value == 2.0 and w.model.inputs["x"] == "abc"
    w.expression.value = "x*y*z"  # new boxes, the bad value shown as 0
    assert [b.value for b in w.inputs.children] == [0.0, 3.0, 1.0]
    assert "Cannot use these input values" in w.error.value
    w.inputs.children[0].value = 4.0
    assert w.error.value == "" and w.model.graph.value == 12.0


def test_the_seed_control_shows_the_models_choice():
    w = StepThrough("x*y, x + y", x=2.0, y=3.0, mode="reverse")
    assert list(w.seed.options) == list(w.model.seed_options)
    w.model.output = 1
    assert w.seed.value == w.model.seed_choice == w.model.seed_options[1]
    w.mode.value = "forward"
    assert w.seed.value == w.model.seed_choice == "x"
