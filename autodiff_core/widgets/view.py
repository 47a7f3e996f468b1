"""The step-through GUI: controls linked to a :class:`StepModel`, nothing computed here.

Stepping never waits for the kernel. Every frame of the sweep is sent to the
browser once, as children of ``Stack`` widgets, and one integer, the value of
the step slider, selects the frame. Everything that changes the step is
linked to that slider with ``jslink``, which runs in the browser:

* the ``Play`` widget (its stop button goes back to step 0) and its speed;
* the frame stacks: caption + rule (an ``HTMLMath``), drawing + table (an ``HTML``);
* first / previous / next / last. An ipywidgets ``Button`` click always goes
  to the kernel, so these are ``Play`` widgets showing only their stop button,
  which sets ``value = min`` in the browser. First has ``min = 0`` and last
  ``min = n``; previous and next need ``min = k - 1`` and ``k + 1`` at step k,
  so each frame has its own pair, in a third stack selected by the same slider.

The kernel still hears about every step (the slider's value updates
``model.index``) but never answers it, so a saved notebook steps without one.
"""

from __future__ import annotations

import math
import numbers

import ipywidgets as W
from traitlets import Bool, CInt, validate

from .frames import STYLE, Frame, error_html
from .model import MODES, StepModel

SPEED_MS = 800     # default time per step while playing


class _Jump(W.Play):
    """A Play widget used for its stop button only: a click sets value = min,
    in the browser. Its value is jslinked to the step, so it is any step and
    must not be clamped to [min, max] by the kernel (that would send the
    clamped value back and move the step). The kernel does not echo it back
    either: every front end derives it from the step slider through its links."""

    value = CInt(0).tag(sync=True, echo_update=False)
    playing = Bool(False).tag(sync=True, echo_update=False)

    @validate("value")
    def _validate_value(self, proposal):
        return proposal["value"]

    @validate("min")
    def _validate_min(self, proposal):
        return proposal["value"]

    @validate("max")
    def _validate_max(self, proposal):
        return proposal["value"]


class _Frames(W.Stack):
    """A Stack whose selected index, jslinked to the step slider in every front
    end, is not echoed back by the kernel (one message less per control per step)."""

    selected_index = CInt(None, allow_none=True).tag(sync=True, echo_update=False)


def _number(v) -> float | None:
    """A model input value as an input box can show it, or None if it is not a
    finite number (the model says so in its error)."""
    ok = isinstance(v, numbers.Real) and not isinstance(v, bool) and math.isfinite(v)
    return float(v) if ok else None


def _jump(kind: str, target: int, value: int, n: int, tooltip: str, disabled=False) -> _Jump:
    j = _Jump(value=value, min=target, max=n, show_repeat=False, disabled=disabled,
              tooltip=tooltip, layout=W.Layout(width="auto"))
    j.add_class("adstep-jump")
    j.add_class(f"adstep-{kind}")
    return j


class StepThrough(W.VBox):
    """Step through the evaluation, forward or reverse sweep of a computation.

    ``StepThrough(examples.F, mode="forward", seed="x1")``,
    ``StepThrough("sin(x**2 + 1)", x=1.5, mode="reverse")``, or a Graph, or a
    Python function with its inputs as keywords. ``mode`` is "evaluate",
    "forward" or "reverse"; ``seed`` is the input that gets ẋ = 1.
    ``expression_box`` shows an editable expression (default: when built
    from text). ``speed`` is the time per step while playing, in ms.

    ``.model`` holds the settings and the sweep; ``.index`` is the step shown;
    ``first()``, ``prev()``, ``next()``, ``last()`` step from Python.
    """

    def __init__(self, source, mode: str = "forward", seed: str | None = None, *,
                 expression_box: bool | None = None, speed: int = SPEED_MS,
                 direction: str = "LR", edge_labels: bool = False, **inputs):
        self.model = m = StepModel.from_source(source, mode=mode, seed=seed, inputs=inputs,
                                               direction=direction, edge_labels=edge_labels)
        self._from_browser = False
        self._syncing = False
        self._links: list = []      # front-end links to the step slider (rebuilt per sweep)
        self._per_sweep: list = []  # widgets made for the current sweep, closed on rebuild

        # -- settings -------------------------------------------------------------------------
        show_box = m.editable_text if expression_box is None else expression_box and m.editable_text
        self.expression = W.Text(value=m.text or "", description="expression",
                                 continuous_update=False, placeholder="e.g. x1*x2 + sin(x1)",
                                 layout=W.Layout(width="360px", display=None if show_box else "none"))
        self.expression.add_class("adstep-expr")
        self.mode = W.ToggleButtons(options=[(k, k) for k in MODES], value=m.mode,
                                    style={"button_width": "78px"})
        self.seed = W.Dropdown(description="seed", options=(), layout=W.Layout(width="150px"))
        self.inputs = W.HBox()
        self.settings = W.HBox([self.expression, self.mode, self.seed, self.inputs])
        self.settings.add_class("adstep-settings")
        self.error = W.HTML()

        # -- stepping: everything jslinked to the slider ---------------------------------------
        self.slider = W.IntSlider(value=0, min=0, max=0, description="step",
                                  layout=W.Layout(width="260px"))
        self.play = W.Play(value=0, min=0, max=0, interval=speed, show_repeat=False,
                           tooltip="play from here (■ goes back to step 0)")
        self.play.add_class("adstep-play")
        self.speed = W.IntSlider(value=speed, min=100, max=2000, step=100,
                                 description="ms/step", layout=W.Layout(width="220px"))
        self.first_button = _jump("first", 0, 0, 0, "first step")
        self.last_button = _jump("last", 0, 0, 0, "last step")
        self.nav = _Frames()        # per frame: its previous / next pair
        self.heads = _Frames()      # per frame: caption, rule (HTMLMath)
        self.bodies = _Frames()     # per frame: drawing and trace table (HTML)
        controls = W.HBox([self.first_button, self.nav, self.last_button, self.play,
                           self.speed, self.slider])
        controls.add_class("adstep-nav")
        self._fixed_links = [W.jslink((self.slider, "value"), (self.play, "value")),
                             W.jslink((self.slider, "max"), (self.play, "max")),
                             W.jslink((self.speed, "value"), (self.play, "interval"))]

        super().__init__([W.HTML(STYLE), self.settings, self.error, controls,
                          self.heads, self.bodies])
        self.add_class("adstep")

        # -- wiring: controls -> model (kernel side), model -> controls --------------------------
        self.expression.observe(self._on_expression, "value")
        self.mode.observe(lambda c: setattr(m, "mode", c["new"]), "value")
        self.seed.observe(self._on_seed, "value")
        self.slider.observe(self._on_slider, "value")
        m.observe(self._on_version, "version")
        m.observe(self._on_index, "index")
        m.observe(self._show_error, ["error", "error_column"])
        m.observe(self._on_settings, ["inputs", "mode", "seed", "output"])
        self._build_inputs()
        self._build_seed()
        self._on_version()
        self._show_error()

    # -- Python API ----------------------------------------------------------------------------
    @property
    def index(self) -> int:
        return self.model.index

    @index.setter
    def index(self, k: int) -> None:
        self.model.go(k)

    @property
    def n_steps(self) -> int:
        return self.model.n_steps

    @property
    def frame(self) -> Frame | None:
        return self.model.frame

    def first(self):
        self.model.go(0)

    def prev(self):
        self.model.go(self.model.index - 1)

    def next(self):
        self.model.go(self.model.index + 1)

    def last(self):
        self.model.go(self.model.n_steps)

    def close(self):
        """Close this widget and every widget and link it made (frames included)."""
        for w in [*self._links, *self._fixed_links, *self._per_sweep, *self.inputs.children,
                  *self.children, self.first_button, self.last_button, self.play, self.speed,
                  self.slider, self.expression, self.mode, self.seed, self.inputs,
                  self.settings, self.error, self.nav, self.heads, self.bodies]:
            w.close()
        super().close()

    # -- controls -> model --------------------------------------------------------------------
    def _on_expression(self, change):
        self.model.text = change["new"]

    def _on_seed(self, change):
        if change["new"] is None or self._syncing:
            return
        if self.model.mode == "reverse":
            self.model.output = self.seed.index or 0
        else:
            self.model.seed = change["new"]

    def _on_input(self, name):
        def handler(change):
            self.model.inputs = {**self.model.inputs, name: float(change["new"])}
        return handler

    def _on_slider(self, change):
        """The step changed in the browser (or from Python): tell the model."""
        self._from_browser = True
        try:
            self.model.go(change["new"])
        finally:
            self._from_browser = False

    # -- model -> controls --------------------------------------------------------------------
    def _on_index(self, change=None):
        """The model's step changed from Python: move every linked control.
        (In the browser the jslinks do this; setting them all here also keeps
        a kernel-only session, such as a test, consistent.)"""
        if self._from_browser:
            return
        k = self.model.index
        self.slider.value = k
        self.play.value = k
        for w in self._step_widgets():
            if isinstance(w, W.Stack):
                w.selected_index = k if w.children else None
            else:
                w.value = k

    def _step_widgets(self):
        yield from (self.heads, self.bodies, self.nav, self.first_button, self.last_button)
        for pair in self.nav.children:
            yield from pair.children

    def _on_settings(self, change):
        name = change["name"]
        if name == "inputs" and tuple(change["old"]) != tuple(change["new"]):
            self._build_inputs()
        elif name == "inputs":
            for box in self.inputs.children:
                v = _number(self.model.inputs.get(box.description))
                if v is not None and box.value != v:    # a bad value leaves the box as it is
                    box.value = v
        if name == "mode" and self.mode.value != change["new"]:
            self.mode.value = change["new"]
        self._build_seed()

    def _build_inputs(self):
        m = self.model
        boxes = []
        for name, value in m.inputs.items():
            box = W.FloatText(value=_number(value) or 0.0, description=name,
                              disabled=not m.editable_inputs, layout=W.Layout(width="150px"),
                              style={"description_width": "initial"})
            box.observe(self._on_input(name), "value")
            boxes.append(box)
        old = self.inputs.children
        self.inputs.children = boxes
        for box in old:
            box.close()

    def _build_seed(self):
        m = self.model
        options, current = m.seed_options, m.seed_choice
        self._syncing = True          # the model already holds these: no recompute
        try:
            if tuple(self.seed.options) != options:
                self.seed.options = options
            if current is not None and self.seed.value != current:
                self.seed.value = current
        finally:
            self._syncing = False
        self.seed.description = "seed ȳ = 1:" if m.mode == "reverse" else "seed ẋ = 1:"
        self.seed.style.description_width = "initial"
        self.seed.layout.display = None if options else "none"

    def _show_error(self, change=None):
        m = self.model
        self.error.value = error_html(m.error, m.text if m.editable_text else None,
                                      m.error_column)

    def _on_version(self, change=None):
        """A new sweep: send its frames, rebuild previous/next, link, go to step 0."""
        m = self.model
        frames = m.frames
        n = max(len(frames) - 1, 0)
        self.play.playing = False
        old_links, old_widgets = self._links, self._per_sweep
        self.slider.value = 0          # the old links carry 0 to the old controls
        for link in old_links:
            link.close()

        heads = [W.HTMLMath(f.head_html) for f in frames]
        bodies = [W.HTML(f.body_html) for f in frames]
        pairs = []
        for k in range(len(frames)):
            pairs.append(W.HBox([
                _jump("prev", max(k - 1, 0), k, n, "previous step", disabled=k == 0),
                _jump("next", min(k + 1, n), k, n, "next step", disabled=k == n)]))
        for w in (self.first_button, self.last_button):
            w.max = n
        self.last_button.min = n
        self.heads.children, self.bodies.children, self.nav.children = heads, bodies, pairs
        self.slider.max = n
        self.play.max = n
        leaves = [(self.heads, "selected_index"), (self.bodies, "selected_index"),
                  (self.nav, "selected_index"), (self.first_button, "value"),
                  (self.last_button, "value")]
        leaves += [(j, "value") for pair in pairs for j in pair.children]
        self._links = [W.jslink((self.slider, "value"), leaf) for leaf in leaves]
        self._per_sweep = heads + bodies + pairs + [j for p in pairs for j in p.children]
        for w in old_widgets:
            w.close()
        self._on_index()
