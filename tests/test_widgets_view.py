"""The StepThrough widget, headless: its controls, and its front-end links emulated.

Outside a browser, jslinks do nothing. `Browser` below plays their part the way
the widget manager's LinkModel does (a change at one end of a link is set at
the other, and so on, until nothing changes), and `click_stop` does what the
Play widget's stop button does in the browser (value = min). So these tests
check that the link topology alone — no kernel handler — moves every part of
the widget to the right frame.
"""

import html

import ipywidgets as W
import pytest

from autodiff_core import examples, trace
from autodiff_core.widgets import MODES, StepThrough
from autodiff_core.widgets.view import _Jump


class Browser:
    """The front end's link propagation for one StepThrough."""

    def __init__(self, widget: StepThrough):
        self.w = widget

    def links(self):
        return [link for link in self.w._fixed_links + self.w._links if link.comm is not None]

    def set(self, widget, attr, value):
        if getattr(widget, attr) == value:
            return                      # no change event, nothing propagates
        setattr(widget, attr, value)
        for link in self.links():
            for (a, a_attr), (b, b_attr) in (link.source, link.target), (link.target, link.source):
                if a is widget and a_attr == attr:
                    self.set(b, b_attr, value)

    def click_stop(self, play):
        """PlayModel.stop(): pause, then value = min."""
        assert not play.disabled, "a disabled button cannot be clicked"
        play.playing = False
        self.set(play, "value", play.min)

    def visible_nav(self):
        prev, nxt = self.w.nav.children[self.w.nav.selected_index].children
        return prev, nxt

    def next(self):
        self.click_stop(self.visible_nav()[1])

    def prev(self):
        self.click_stop(self.visible_nav()[0])

    def shown(self):
        """The step every part of the widget shows, checked to agree."""
        w = self.w
        k = w.slider.value
        assert w.heads.selected_index == w.bodies.selected_index == w.nav.selected_index == k
        assert w.play.value == w.first_button.value == w.last_button.value == k
        assert all(j.value == k for pair in w.nav.children for j in pair.children)
        assert w.model.index == k     # the kernel heard about it
        return k


def check_frame(w: StepThrough, k: int):
    frame = w.model.frames[k]
    head, body = w.heads.children[k].value, w.bodies.children[k].value
    assert isinstance(w.heads.children[k], W.HTMLMath) and isinstance(w.bodies.children[k], W.HTML)
    assert frame.caption in head and f"step {k} of {w.n_steps}" in head
    if k:
        assert f"${frame.rule_latex}$" in head
        node = w.model.graph.nodes[w.model.sweep.state(k).current].name
        assert f'<tr data-node="{node}" class="adstep-current"' in body
    else:
        assert "adstep-current" not in body
    assert frame.svg in body


@pytest.mark.parametrize("example", [examples.F, examples.Y], ids=lambda e: e.key)
@pytest.mark.parametrize("mode", MODES)
def test_next_prev_first_last_move_every_part_without_the_kernel(example, mode):
    w = StepThrough(example, mode=mode)
    b = Browser(w)
    n = w.n_steps
    assert w.model.error == "" and n > 0
    assert len(w.heads.children) == len(w.bodies.children) == len(w.nav.children) == n + 1
    assert b.shown() == 0 and b.visible_nav()[0].disabled          # no previous at step 0
    for k in range(1, n + 1):
        b.next()
        assert b.shown() == k
        check_frame(w, k)
    assert b.visible_nav()[1].disabled                                # no next at the end
    for k in range(n - 1, -1, -1):
        b.prev()
        assert b.shown() == k
        check_frame(w, k)
    b.click_stop(w.last_button)
    assert b.shown() == n
    b.click_stop(w.first_button)
    assert b.shown() == 0
    b.set(w.slider, "value", 2)              # dragging the slider
    assert b.shown() == 2
    b.click_stop(w.play)                     # Play's own stop: back to step 0
    assert b.shown() == 0


def test_play_and_speed_are_linked_in_the_browser():
    w = StepThrough(examples.Y, mode="forward")
    b = Browser(w)
    b.set(w.speed, "value", 300)
    assert w.play.interval == 300
    while w.play.value < w.play.max:         # what PlayModel.loop does on each tick
        b.set(w.play, "value", w.play.value + 1)
        check_frame(w, b.shown())
    assert b.shown() == w.n_steps == w.play.max == w.slider.max


def test_a_step_in_the_browser_gets_no_answer_from_the_kernel():
    w = StepThrough(examples.F, mode="reverse")
    w.slider.value = 3          # as the browser reports the slider's new value
    assert w.model.index == 3
    # the frames were not moved by the kernel: in the browser the jslinks do that
    assert w.heads.selected_index == 0 and w.nav.selected_index == 0


def test_stepping_from_python_moves_everything():
    w = StepThrough(examples.F, mode="forward", seed="x1")
    b = Browser(w)
    w.next()
    w.next()
    assert b.shown() == 2 == w.index
    w.last()
    assert b.shown() == 5 and w.frame.caption == "step 5 of 5: forward tangent of w²"
    w.prev()
    assert b.shown() == 4
    w.index = 99                # clamped
    assert b.shown() == 5
    w.first()
    assert b.shown() == 0


def test_jump_buttons_are_not_clamped_by_the_kernel():
    j = _Jump(value=0, min=3, max=5)
    assert (j.value, j.min, j.max) == (0, 3, 5)
    j.value = 9                 # the step, carried by a jslink
    assert j.value == 9
    w = StepThrough(examples.F, mode="forward")
    prev, nxt = w.nav.children[2].children
    assert (prev.min, nxt.min, prev.tooltip, nxt.tooltip) == (1, 3, "previous step", "next step")
    assert "adstep-next" in nxt._dom_classes and "adstep-jump" in nxt._dom_classes
    assert (w.first_button.min, w.last_button.min) == (0, 5)


def test_changing_mode_seed_inputs_rebuilds_and_restarts():
    w = StepThrough(examples.F, mode="forward", seed="x1")
    b = Browser(w)
    old_links, old_heads = list(w._links), w.heads.children
    for _ in range(3):
        b.next()
    w.seed.value = "x2"
    assert w.model.seed == "x2" and b.shown() == 0
    assert all(link.comm is None for link in old_links)            # closed, not leaked
    assert all(h.comm is None for h in old_heads)
    assert len(w._links) == 5 + 2 * (w.n_steps + 1)
    b.click_stop(w.last_button)
    assert "∂w²/∂x₂ = 2." in w.heads.children[5].value
    w.mode.value = "reverse"
    assert w.model.mode == "reverse" and b.shown() == 0 and w.seed.layout.display == "none"
    b.next()
    assert "adjoint contribution" in w.heads.children[1].value
    w.mode.value = "evaluate"
    assert w.seed.layout.display == "none" and w.n_steps == 5
    w.mode.value = "forward"
    assert w.seed.layout.display is None and list(w.seed.options) == ["x1", "x2"]
    x1 = w.inputs.children[0]
    assert x1.description == "x1" and x1.value == 2.0
    b.next()
    x1.value = 3.0
    assert w.model.inputs == {"x1": 3.0, "x2": 5.0} and b.shown() == 0
    assert "15" in w.bodies.children[0].value   # w¹₁ = 3·5 in the drawing


def test_bad_input_shows_a_message_in_place_and_keeps_the_last_good_state():
    w = StepThrough(examples.F, mode="forward", seed="x1")
    b = Browser(w)
    for _ in range(3):
        b.next()
    heads, links, version = w.heads.children, list(w._links), w.model.version
    for text, words in [("x1*x2 + sin(x1", "column 12"), ("x1*x2 + foo(x1)", "unknown function"),
                        ("__import__('os')", "unknown function '__import__'"), ("", "empty")]:
        w.expression.value = text
        assert html.escape(words) in w.error.value and "adstep-error" in w.error.value
        assert "Traceback" not in w.error.value
        assert w.heads.children is heads and w._links == links and w.model.version == version
        assert b.shown() == 3                  # same graph, same position
    assert "<mark>" in StepThrough("x +* 2", x=1.0).error.value   # the column is marked
    w.expression.value = "log(x1) + x2"
    assert w.error.value == "" and w.model.version == version + 1 and b.shown() == 0
    b.next()
    w.inputs.children[0].value = -2.0        # log of a negative input
    assert "Cannot compute at these inputs" in w.error.value and b.shown() == 1
    w.inputs.children[0].value = 2.0
    assert w.error.value == "" and b.shown() == 0


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
    assert "Cannot compute" in w.error.value and w.heads.children == () and w.n_steps == 0
    w.inputs.children[0].value = 1.0
    assert w.error.value == "" and len(w.heads.children) == 2 == w.n_steps + 1


def test_close_closes_everything_it_made():
    w = StepThrough(examples.F, mode="reverse")
    made = [*w._links, *w._per_sweep, w.slider, w.play, w.heads, *w.inputs.children]
    w.close()
    assert w.comm is None and all(x.comm is None for x in made)


def test_a_bad_input_value_is_shown_in_place_and_the_boxes_survive():
    w = StepThrough("x*y", x=2.0, y=3.0, mode="forward")
    w.model.inputs = {"x": "abc", "y": 3.0}
    assert "Cannot use these input values" in w.error.value
    assert w.inputs.children[0].value == 2.0 and w.model.inputs["x"] == "abc"
    w.expression.value = "x*y*z"           # new boxes, the bad value shown as 0
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
