"""The step-through GUI: settings controls and the player, linked to a :class:`StepModel`.

The settings (expression, mode, seed, input values) are ipywidgets whose
changes go to the kernel, which recomputes the sweep. Stepping is the
player's (:class:`~autodiff_core.widgets.player.Player`): it happens in the
browser, and the kernel only hears the index afterwards (``w.index`` reads
it; ``w.index = 3`` moves the player). Nothing is computed here.
"""

from __future__ import annotations

import math
import numbers
from html import escape

import ipywidgets as W

from .messages import MODES
from .model import StepModel
from .player import Player
from .stepping_view import SteppingView

SPEED_MS = 900  # default time per step while playing


def _number(v) -> float | None:
    """A model input value as an input box can show it, or None if it is not a
    finite number (the model says so in its error)."""
    if not isinstance(v, numbers.Real) or isinstance(v, bool):
        return None
    try:
        v = float(v)
    except OverflowError:  # an int such as 10**5000
        return None
    return v if math.isfinite(v) else None


class StepThrough(SteppingView):
    """Step through the evaluation, forward or reverse sweep of a computation.

    ``StepThrough(examples.F, mode="forward", seed="x1")``,
    ``StepThrough("sin(x**2 + 1)", x=1.5, mode="reverse")``, or a Graph, or a
    Python function with its inputs as keywords. ``mode`` is "evaluate",
    "forward" or "reverse"; ``seed`` is the input that gets ẋ = 1, or a dict:
    input -> ẋ (forward, a direction) or output index -> ȳ (reverse, weights).
    ``expression_box`` shows an editable expression (default: when built
    from text). ``speed`` is the time per step while playing, in ms. ``predict=True`` opens
    the player in predict mode: each step's number is hidden until the student has typed
    it (graded in the browser; the player's "predict" button turns it off and on).

    ``.model`` holds the settings and the sweep; ``.index`` is the step shown;
    ``first()``, ``prev()``, ``next()``, ``last()`` step from Python.
    """

    MADE = ("expression", "mode", "seed", "inputs", "settings", "error", "player")

    def __init__(
        self,
        source,
        mode: str = "forward",
        seed=None,
        *,
        expression_box: bool | None = None,
        speed: int = SPEED_MS,
        predict: bool = False,
        direction: str = "LR",
        edge_labels: bool = False,
        **inputs,
    ):
        self.model = m = StepModel.from_source(
            source, mode=mode, seed=seed, inputs=inputs, direction=direction, edge_labels=edge_labels
        )
        self._syncing = False
        show_box = m.editable_text if expression_box is None else expression_box and m.editable_text
        self.expression = W.Text(
            value=m.text or "",
            description="expression",
            continuous_update=False,
            placeholder="e.g. x1*x2 + sin(x1)",
            layout=W.Layout(width="360px", display=None if show_box else "none"),
        )
        self.expression.add_class("adstep-expr")
        self.mode = W.ToggleButtons(options=[(k, k) for k in MODES], value=m.mode, style={"button_width": "78px"})
        self.seed = W.Dropdown(description="seed", options=(), layout=W.Layout(width="150px"))
        self.inputs = W.HBox()
        self.settings = W.HBox([self.expression, self.mode, self.seed, self.inputs])
        self.settings.add_class("adstep-settings")
        self.error = W.HTML()
        self.player = Player(speed=int(speed), predict=bool(predict))
        super().__init__([W.HTML(STYLE), self.settings, self.error, self.player])
        self.add_class("adstep")

        self.expression.observe(self._on_expression, "value")
        self.mode.observe(lambda c: setattr(m, "mode", c["new"]), "value")
        self.seed.observe(self._on_seed, "value")
        self._link()
        m.observe(self._show_error, ["error", "error_column", "index_error"])
        m.observe(self._on_settings, ["inputs", "mode", "seed", "output"])
        self._build_inputs()
        self._build_seed()
        self._on_version()
        self._show_error()

    def _made(self) -> list:
        inputs = getattr(self, "inputs", None)  # None if __init__ failed early
        return [*(inputs.children if inputs else ()), *super()._made()]

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

    # -- model -> controls --------------------------------------------------------------------
    def _on_settings(self, change):
        name = change["name"]
        if name == "inputs" and tuple(change["old"]) != tuple(change["new"]):
            self._build_inputs()
        elif name == "inputs":
            for box in self.inputs.children:
                v = _number(self.model.inputs.get(box.description))
                if v is not None and box.value != v:  # a bad value leaves the box as it is
                    box.value = v
        if name == "mode" and self.mode.value != change["new"]:
            self.mode.value = change["new"]
        self._build_seed()

    def _build_inputs(self):
        m = self.model
        boxes = []
        for name, value in m.inputs.items():
            box = W.FloatText(
                value=_number(value) or 0.0,
                description=name,
                disabled=not m.editable_inputs,
                layout=W.Layout(width="150px"),
                style={"description_width": "initial"},
            )
            box.observe(self._on_input(name), "value")
            boxes.append(box)
        old = self.inputs.children
        self.inputs.children = boxes
        for box in old:
            box.close()

    def _build_seed(self):
        m = self.model
        options, current = m.seed_options, m.seed_choice
        self._syncing = True  # the model already holds these: no recompute
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
        self.error.value = error_html(m.error, m.text if m.editable_text else None, m.error_column) + error_html(
            m.index_error, still=f"still showing step {m.index}."
        )


def error_html(
    message: str, text: str | None = None, column: int | None = None, still: str = "still showing the last good graph."
) -> str:
    """The error line: the message, and the expression with the column marked."""
    if not message:
        return ""
    where = ""
    if text is not None and column is not None and 1 <= column <= len(text) + 1:
        i = column - 1
        where = (
            f'<code class="adstep-where">{escape(text[:i])}'
            f"<mark>{escape(text[i : i + 1]) or '&nbsp;'}</mark>{escape(text[i + 1 :])}</code>"
        )
    return (
        f'<div class="adstep-error" role="alert"><b>⚠</b> {escape(message)}'
        f'{where}<span class="adstep-muted"> — {escape(still)}</span></div>'
    )


# Colours from JupyterLab's theme (--jp-*), so the settings and an error read in light and
# dark alike (≥ 4.5:1; tests/test_widget_browser.py computes it); the fallbacks are light.
STYLE = """<style>
.adstep { font-family: var(--jp-ui-font-family, 'DejaVu Sans', sans-serif);
  color: var(--jp-ui-font-color1, #1f2328); }
.adstep .adstep-settings { flex-wrap: wrap; align-items: center; gap: 4px 14px; }
.adstep .adstep-settings .widget-label { width: auto; min-width: 0; padding-right: 4px; }
.adstep .adstep-expr input { font-family: var(--jp-code-font-family, monospace); font-size: 14px; }
.adstep .adstep-muted { color: var(--jp-ui-font-color2, #57606a); }
.adstep .adstep-error { background: var(--jp-rendermime-error-background, #fff1f0);
  color: var(--jp-ui-font-color0, #1f2328); border: 1px solid var(--jp-error-color1, #d32f2f);
  border-left-width: 4px; border-radius: 6px; padding: 6px 10px; margin: 4px 0; font-size: 14px; }
.adstep .adstep-error .adstep-muted { color: inherit; }
.adstep .adstep-where { display: block; margin-top: 4px; color: inherit; background: none;
  font-size: 14px; white-space: pre; }
.adstep .adstep-where mark { background: #ffcdd2; color: #8e0b21; border-bottom: 2px solid #8e0b21; }
</style>"""
