"""Issue 10 item 13: the widget survives what a student or an author may throw at it.

``update(output=True)``, an index of 1000 or NaN, an object whose ``__str__``
fails: each shows a message in place, keeps the last good state (sweep, index,
drawing) and can go on with the next good change. Only the public API of
StepModel and StepThrough is used.
"""

import gc
import math

import pytest

from autodiff_core import examples
from autodiff_core.player import unpack
from autodiff_core.widgets import StepModel, StepThrough


class Unprintable:
    """An object whose __str__ and __repr__ both fail."""

    def __str__(self):
        raise RuntimeError("no text for you")

    __repr__ = __str__


class UnprintableText(str):
    """A string whose __str__ fails; its characters are still a good expression."""

    def __str__(self):
        raise RuntimeError("no text for you")


def shown(m):
    """Everything the model shows: the sweep, the drawing, the step, the settings."""
    return (m.graph, m.sweep, m.payload, m.index, m.version, m.text, dict(m.inputs), m.mode, m.seed, m.output)


def two_outputs(**kw):
    m = StepModel.from_source("x*y, x + y", inputs={"x": 2.0, "y": 3.0}, mode="reverse", **kw)
    assert m.error == ""
    return m


# -- update(output=True) and other values of the wrong kind -------------------------------


@pytest.mark.parametrize("value", [True, False, 1.0, -1, "1", None, math.nan, Unprintable()])
def test_update_with_an_output_of_the_wrong_kind_is_said_and_changes_nothing(value):
    m = two_outputs(output=1)
    m.go(2)
    before = shown(m)
    assert m.update(output=value) is False
    assert m.error.startswith("Cannot use output=")
    assert "output must be the index of an output" in m.error
    assert shown(m) == before
    assert m.update(output=0) and m.error == "" and m.index == 0
    assert m.sweep.gradient == {"x": 3.0, "y": 2.0}  # output 0 is x·y


def test_setting_the_output_trait_to_true_is_said_and_changes_nothing():
    m = two_outputs(output=1)
    m.go(3)
    before = shown(m)
    m.output = True
    assert m.output == 1 and shown(m) == before
    assert m.error == "Cannot use output=True: output must be the index of an output: a whole number 0, 1, …."
    m.output = 0  # can go on
    assert m.error == "" and m.sweep.gradient == {"x": 3.0, "y": 2.0}


def test_the_widget_shows_update_output_true_in_place():
    w = StepThrough("x*y, x + y", x=2.0, y=3.0, mode="reverse")
    w.index = 2
    payload, version = w.player.payload, w.model.version
    assert not w.model.update(output=True)
    assert "Cannot use output=True" in w.error.value and "adstep-error" in w.error.value
    assert (w.player.payload, w.player.index, w.model.version) == (payload, 2, version)
    w.model.update(output=1)
    assert w.error.value == "" and w.player.index == 0 and w.player.payload != payload
    assert unpack(w.player.payload)["kind"] == "reverse"


@pytest.mark.parametrize(
    "settings, words",
    [
        ({"mode": "backward"}, "Cannot use mode='backward': mode must be one of evaluate"),
        ({"mode": None}, "Cannot use mode=None"),
        ({"direction": "RL"}, "Cannot use direction='RL'"),
        ({"edge_labels": "yes"}, "Cannot use edge_labels='yes'"),
        ({"inputs": [1.0, 2.0]}, "inputs must be a dict"),
        ({"inputs": {1: 2.0}}, "inputs must be named by strings"),
        ({"seed": ["x1"]}, "Cannot use seed=['x1']"),
        ({"text": 42}, "Cannot use text=42: the expression must be a string"),
        ({"text": "x1 + 1", "mode": "sideways"}, "Cannot use mode='sideways'"),  # all or nothing
    ],
)
def test_update_with_a_refused_value_changes_nothing_and_can_go_on(settings, words):
    m = StepModel.from_source(examples.F, mode="forward", seed="x1")
    m.go(4)
    before = shown(m)
    assert m.update(**settings) is False
    assert m.error.startswith("Cannot use") and words in m.error, m.error
    assert shown(m) == before
    assert m.update(mode="reverse") and m.error == "" and m.sweep.kind == "reverse"


def test_a_refused_value_at_construction_is_a_clear_value_error():
    with pytest.raises(ValueError, match="Cannot use mode='backward'"):
        StepModel.from_source(examples.F, mode="backward")
    with pytest.raises(ValueError, match="Cannot use output=True"):
        StepModel.from_source("x*y, x+y", output=True)


# -- an index of 1000 or NaN --------------------------------------------------------------

BAD_INDICES = [1000, -1, 10**400, -(10**400), math.nan, math.inf, 2.5, 2.0, True, False, "3", None, Unprintable()]


@pytest.mark.parametrize("k", BAD_INDICES, ids=lambda k: "unprintable" if isinstance(k, Unprintable) else repr(k)[:12])
def test_an_index_that_is_not_a_step_is_said_in_place_and_the_step_kept(k):
    w = StepThrough(examples.F, mode="reverse")
    w.index = 3
    payload, frame = w.player.payload, w.frame
    w.index = k
    assert w.index == 3 == w.player.index and w.frame == frame and w.player.payload == payload
    message = w.model.index_error
    assert message.startswith(("There is no step", "Cannot show step")), message
    assert "steps 0 … 5" in message or "0 … 5" in message
    assert "adstep-error" in w.error.value and "still showing step 3" in w.error.value
    assert w.model.error == ""  # the settings are fine
    w.index = 5  # can go on
    assert w.index == 5 == w.player.index and w.model.index_error == "" and w.error.value == ""


def test_the_index_messages_say_what_was_asked():
    m = StepModel.from_source(examples.F, mode="forward")
    m.index = 1000
    assert m.index_error == "There is no step 1000: this sweep has steps 0 … 4."
    m.index = float("nan")
    assert m.index_error == "Cannot show step not a number (NaN): a step is a whole number 0 … 4."
    m.index = True
    assert m.index_error == "Cannot show step True: a step is a whole number 0 … 4."
    m.index = 10**400
    assert "There is no step 100000…00 (401 digits)" in m.index_error
    m.index = Unprintable()
    assert m.index_error == "Cannot show step <Unprintable object>: a step is a whole number 0 … 4."
    assert m.index == 0
    m.index = 2
    assert m.index == 2 and m.index_error == ""


def test_go_clamps_whole_numbers_and_refuses_the_rest():
    m = StepModel.from_source(examples.F, mode="forward")
    assert m.go(1000) == 4 and m.go(-3) == 0 and m.index_error == ""
    m.go(2)
    assert m.go(math.nan) == 2 and "NaN" in m.index_error
    assert m.go(True) == 2 and "True" in m.index_error
    assert m.go(3) == 3 and m.index_error == ""


def test_an_index_message_does_not_hide_a_settings_message():
    w = StepThrough(examples.F, mode="forward")
    w.expression.value = "x1 +* 2"
    w.index = 1000
    assert "Cannot read the expression" in w.error.value and "There is no step 1000" in w.error.value
    w.index = 1
    assert "Cannot read the expression" in w.error.value and "no step" not in w.error.value


def test_the_browser_reporting_a_step_out_of_range_is_clamped_and_told_back():
    w = StepThrough(examples.F, mode="forward")
    w.player.index = 1000  # the player only sends whole numbers
    assert w.index == 4 == w.player.index and w.model.index_error == ""
    w.player.index = -4
    assert w.index == 0 == w.player.index


# -- an object whose __str__ fails --------------------------------------------------------


def test_an_unprintable_text_is_refused_in_place():
    m = StepModel.from_source(examples.F, mode="forward")
    m.go(2)
    before = shown(m)
    m.text = Unprintable()
    assert m.error == "Cannot use text=<Unprintable object>: the expression must be a string."
    assert shown(m) == before
    assert not m.update(text=Unprintable())
    assert shown(m) == before
    m.text = "x1*x2"
    assert m.error == "" and m.n_steps == 2  # the seed, then x1·x2


def test_a_string_whose_str_fails_is_read_by_its_characters():
    m = StepModel.from_source(examples.F, mode="forward")
    assert m.update(text=UnprintableText("x1*x2 + 1"))
    assert type(m.text) is str and m.text == "x1*x2 + 1" and m.error == ""
    w = StepThrough(UnprintableText("sin(x)"), x=1.0)
    assert w.model.error == "" and w.n_steps == 2


@pytest.mark.parametrize("host", ["model", "widget"])
def test_an_unprintable_input_value_is_said_in_place(host):
    w = StepThrough(examples.F, mode="reverse")
    m = w.model
    w.index = 4
    before = shown(m)
    if host == "model":
        assert not m.update(inputs={"x1": Unprintable(), "x2": 5.0})
    else:
        m.inputs = {"x1": Unprintable(), "x2": 5.0}
    assert (
        m.error == "Cannot use these input values: the value of input 'x1' must be a real "
        "number, got <Unprintable object>"
    )
    assert "Cannot use these input values" in w.error.value
    assert (m.graph, m.sweep, m.payload, m.index, m.version) == before[:5]
    assert w.inputs.children[0].value == 2.0  # the box keeps the last good number
    w.inputs.children[0].value = 3.0  # can go on
    assert m.error == "" and m.graph.value == pytest.approx(15 + math.sin(3))


@pytest.mark.parametrize("host", ["model", "widget", "constructor"])
def test_an_int_too_long_to_print_is_said_in_place(host):
    """10**5000 has too many digits for str(); it must still get our message."""
    huge = 10**5000
    says = "the value of input 'x1' is too large for a float: 100000…00 (5001 digits)"
    if host == "constructor":
        w = StepThrough(examples.F, mode="reverse", x1=huge)
        assert says in w.model.error and w.inputs.children[0].value == 0.0
        return
    w = StepThrough(examples.F, mode="reverse")
    m = w.model
    before = shown(m)
    if host == "model":
        assert not m.update(inputs={"x1": huge, "x2": 5.0})
    else:
        m.inputs = {"x1": huge, "x2": 5.0}
    assert m.error == "Cannot use these input values: " + says
    assert (m.graph, m.sweep, m.payload, m.index, m.version) == before[:5]
    assert w.inputs.children[0].value == 2.0
    w.index = huge
    assert m.index_error.startswith("There is no step 100000…00 (5001 digits)")
    w.inputs.children[0].value = 3.0
    assert m.error == "" and m.graph.value == pytest.approx(15 + math.sin(3))


def test_an_unprintable_seed_is_refused_in_place():
    m = StepModel.from_source(examples.F, mode="forward", seed="x2")
    before = shown(m)
    m.seed = Unprintable()
    assert m.error.startswith("Cannot use seed=<Unprintable object>: seed must be an input name")
    assert shown(m) == before and m.seed == "x2"
    m.seed = "x1"
    assert m.error == "" and m.sweep.seed == {"x1": 1.0, "x2": 0.0}


def test_a_function_that_raises_an_unprintable_error_is_said_in_place():
    class Weird(Exception):
        def __str__(self):
            raise RuntimeError("no text for you")

    def f(x):
        if x > 2:
            raise Weird()
        return x * x

    m = StepModel.from_source(f, inputs={"x": 1.0}, mode="reverse")
    m.go(1)
    before = shown(m)[:5]
    m.inputs = {"x": 3.0}
    assert m.error == "Cannot trace this (Weird): Weird"
    assert shown(m)[:5] == before
    m.inputs = {"x": 1.5}
    assert m.error == "" and m.sweep.gradient == {"x": 3.0}


def test_a_function_returning_an_unprintable_object_is_said_in_place():
    m = StepModel.from_source(lambda x: Unprintable(), inputs={"x": 1.0})
    assert m.error.startswith("Cannot trace this") and m.player is None


def test_a_function_with_an_unprintable_default_takes_its_inputs_from_the_caller():
    class BadFloat:
        def __float__(self):
            raise RuntimeError("no number")

    no_number = BadFloat()
    m = StepModel.from_source(lambda x, y=no_number: x * 2, inputs={"x": 1.5})
    assert m.error == "" and m.inputs == {"x": 1.5}  # y: the default is no number, left to the function
    m.inputs = {"x": 2.5, "y": 1.0}
    assert m.error == "" and m.graph.value == 5.0


def test_a_failed_construction_leaves_no_noise(capsys):
    with pytest.raises(TypeError, match="StepThrough needs"):
        StepThrough(Unprintable())
    gc.collect()
    assert "AttributeError" not in capsys.readouterr().err


# -- an output the graph does not have ----------------------------------------------------


def test_an_output_the_graph_does_not_have_is_said_never_clamped():
    m = two_outputs()
    m.go(2)
    before = shown(m)[:5]
    assert not m.update(output=5)
    assert m.error == "Cannot use this output: output 5 is not an output of this graph: it has 2 outputs, 0 … 1"
    assert shown(m)[:5] == before
    assert m.update(output=1) and m.sweep.gradient == {"x": 1.0, "y": 1.0}
    m.mode = "forward"
    assert m.error == ""  # forward mode does not use the output


def test_an_output_gone_with_the_old_text_goes_back_to_0():
    m = two_outputs(output=1)
    m.text = "x*y"
    assert m.error == "" and m.output == 0 and m.sweep.gradient == {"x": 3.0, "y": 2.0}
    m = StepModel.from_source(lambda x: x * x, inputs={"x": 2.0}, mode="reverse")
    m.output = 1
    assert m.error == "Cannot use this output: output 1 is not an output of this graph: it has one output, 0"
    m.output = 0
    assert m.error == "" and m.sweep.gradient == {"x": 4.0}
