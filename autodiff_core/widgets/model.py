"""What the step-through shows, with no widgets in it.

:class:`StepModel` holds the settings a student can change (the expression or
function, the input values, the mode, the seed) and the step index. Each
change of a setting recomputes the sweep through the core and the player's
data (:func:`autodiff_core.player.data`), once. If that fails (the text does
not parse, ``log`` of a negative number, a graph too large to draw), the model
keeps the last good sweep, its data and the step index, and says what went
wrong in ``error``. Nothing here raises on a student's input.
"""

from __future__ import annotations

import inspect

from traitlets import Instance, Int, observe, validate

from ..errors import ExpressionError
from ..examples import Example
from ..expression import parse
from ..graph import Graph
from .. import player as _player
from ..tape import check_input
from ..trace import trace
from .messages import (
    BadInputNames,
    BadInputValue,
    Setting,
    TooManySteps,
    check_output,
    describe,
    first_refusal,
    names_refusal,
    normalised,
    refusal,
)
from .stepping_model import SteppingModel

SETTINGS = ("text", "inputs", "mode", "seed", "output", "direction", "edge_labels")
MAX_STEPS = 5000  # more steps than this is not a step-through any more
DEFAULT_INPUT = 1.0  # the value a new input starts at when the expression is edited


class StepModel(SteppingModel):
    """Settings, step index and the last good sweep of a step-through.

    Build one with :meth:`from_source`. Change ``text``, ``inputs``, ``mode``,
    ``seed`` or ``output`` (or several at once with :meth:`update`): the sweep
    is recomputed and ``index`` goes back to 0, or ``error`` says why not.
    Input values must name exactly the expression's (or function's) inputs, as
    ``trace`` asks; only editing the text adapts them (a new input starts at
    DEFAULT_INPUT, or the last value it had).
    """

    # -- settings (what the student asked for) -------------------------------------
    text = Setting(None, allow_none=True, help="the expression; None for a function")
    inputs = Setting({}, help="input name -> value, in the graph's input order")
    mode = Setting("forward", help="one of MODES")
    seed = Setting(
        None,
        allow_none=True,
        help="forward: the input that gets ẋ = 1, or a dict input -> ẋ (a direction); "
        "reverse: None (see output) or a dict output index -> ȳ (output weights)",
    )
    output = Setting(0, help="reverse mode, several outputs: the output that gets ȳ = 1")
    direction = Setting("LR", help="'LR' or 'TB'")
    edge_labels = Setting(False)

    # -- what is shown (the last good computation; index, sweep, error, ...: SteppingModel's) --
    graph = Instance(Graph, allow_none=True)
    error_column = Int(None, allow_none=True)

    def __init__(self, *, text=None, function=None, graph=None, names=None, **settings):
        self._check_settings(settings)
        why = first_refusal({"text": text, **settings})
        if why:
            raise ValueError(why)
        self._remembered = {}  # every input value seen, by name
        self._function = function  # a Python function, traced on each change
        self._fixed_graph = graph  # a Graph that cannot be re-traced
        self._names = dict(names or {})  # node names, used while text is unchanged
        self._names_text = text
        self._parsed = (None, None)  # (text, its Expression or ExpressionError): parsed once
        self._busy = True  # one recompute at the end, not one per setting
        super().__init__(text=text, **settings)
        self._busy = False
        self._adapt_seed()
        self.recompute()

    # -- construction --------------------------------------------------------------------
    @classmethod
    def from_source(cls, source, mode="forward", seed=None, inputs=None, **settings):
        """A model for an :class:`~autodiff_core.examples.Example`, an expression
        string, a :class:`~autodiff_core.Graph` or a Python function. ``inputs``
        override the example's or graph's values; a function's missing inputs take its
        parameters' defaults."""
        inputs = dict(inputs or {})  # trace checks the values, recompute shows why not
        common = dict(mode=mode, seed=seed, **settings)
        if isinstance(source, Example):
            return cls(text=source.expression, names=source.names, inputs={**source.inputs, **inputs}, **common)
        if isinstance(source, str):
            return cls(text=source, inputs=inputs, **common)
        if isinstance(source, Graph):
            values = {nd.var: nd.value for nd in source.inputs}
            if source.source is not None:
                return cls(text=source.source, names=source.names, inputs={**values, **inputs}, **common)
            return cls(graph=source, inputs={**values, **inputs}, **common)  # _trace refuses a change
        if callable(source):
            defaults = {}
            try:
                defaults = {
                    p.name: float(p.default)
                    for p in inspect.signature(source).parameters.values()
                    if p.default is not inspect.Parameter.empty
                }
            except Exception:  # noqa: BLE001 — a default that is not a number is left out
                pass
            return cls(function=source, inputs={**defaults, **inputs}, **common)
        raise TypeError(
            f"StepThrough needs an Example, an expression string, a Graph or a function, not {type(source).__name__}"
        )

    # -- what the view asks --------------------------------------------------------------
    @property
    def editable_text(self) -> bool:
        """Can the expression be edited (it came from text, not a function)?"""
        return self._function is None and self._fixed_graph is None

    @property
    def editable_inputs(self) -> bool:
        return self._fixed_graph is None

    @property
    def seed_options(self) -> tuple:
        """The seed menu: input names (forward), output labels (reverse, several), or ()."""
        if isinstance(self.seed, dict):
            return ()  # a vector seed, set from Python: no menu
        if self.mode == "forward":
            return tuple(self.inputs)
        if self.mode == "reverse" and self.graph is not None and len(self.graph.outputs) > 1:
            return tuple(o.label for o in self.graph.outputs)
        return ()

    @property
    def seed_choice(self):
        """The one of :attr:`seed_options` chosen now (the seed or the output), or None."""
        options = self.seed_options
        if self.mode == "forward":
            return self.seed if self.seed in options else None
        return options[min(self.output, len(options) - 1)] if options else None

    @validate(*SETTINGS)
    def _check_setting(self, proposal):
        """A refused value leaves the setting as it was, says why in ``error``,
        and so changes nothing shown."""
        name, value = proposal["trait"].name, proposal["value"]
        why = refusal(name, value)
        if why:
            self.error, self.error_column = why, None
            return getattr(self, name)
        return normalised(name, value)

    def update(self, **settings) -> bool:
        """Change several settings, recompute once; True if the result is shown.

        All or nothing: an unknown name is a TypeError, and a refused value
        (``output=True``, ``mode="backward"``) changes no setting, says why in
        ``error`` and keeps what is shown; False is returned."""
        self._check_settings(settings)
        why = first_refusal(settings)
        if why:
            self.error, self.error_column = why, None
            return False
        self._busy = True
        try:
            for name, value in settings.items():
                setattr(self, name, value)
        finally:
            self._busy = False
        if "text" in settings and "inputs" not in settings:
            self._adapt_inputs(new_text=True)
        else:
            self._adapt_seed()
        return self.recompute()

    @staticmethod
    def _check_settings(settings: dict) -> None:
        unknown = sorted(set(settings) - set(SETTINGS))
        if unknown:
            raise TypeError(f"unknown setting {', '.join(unknown)} (input values go in inputs={{...}})")

    # -- recomputing ---------------------------------------------------------------------
    @observe("inputs")
    def _remember_inputs(self, change):
        self._remembered.update(change["new"])

    @observe("text", "inputs", "mode", "seed", "output", "direction", "edge_labels")
    def _settings_changed(self, change):
        if self._busy:
            return
        if change["name"] == "text":
            self._adapt_inputs(new_text=True)
        elif change["name"] == "inputs":
            self._adapt_seed()
        self.recompute()

    def _adapt_inputs(self, new_text: bool = False) -> None:
        """After the text was edited: keep the values of inputs that remain, give the
        others the last value they had (or DEFAULT_INPUT), drop the rest; keep the
        seed and the output valid. Values are checked by recompute()."""
        if self.text is None or not self.editable_text:
            return self._adapt_seed()
        try:
            expr = self._expression()
        except ExpressionError:
            return None  # recompute() reports it
        self._busy = True
        try:
            self.inputs = {n: self._remembered.get(n, DEFAULT_INPUT) for n in expr.inputs}
            if new_text and self.output >= expr.n_outputs:
                self.output = 0  # the output chosen is gone with the old text
        finally:
            self._busy = False
        return self._adapt_seed()

    def _adapt_seed(self) -> None:
        """Keep the forward seed one of the inputs."""
        if not isinstance(self.seed, dict) and self.seed not in self.inputs:
            self._busy = True
            try:
                self.seed = next(iter(self.inputs), None)
            finally:
                self._busy = False

    def recompute(self) -> bool:
        """Trace, sweep and render every frame; on failure keep what is shown."""
        try:
            graph = self._trace()
            sweep = self._sweep(graph)
            if sweep.n_steps > MAX_STEPS:
                raise TooManySteps(
                    f"this sweep has {sweep.n_steps} steps; the step-through shows at most "
                    f"{MAX_STEPS}. Try a smaller expression."
                )
            data = _player.data(sweep, direction=self.direction, edge_labels=self.edge_labels)
            payload = _player.pack(data)
        except Exception as exc:  # noqa: BLE001 — a UI boundary: report, never raise
            column = getattr(exc, "column", None)
            self.error = describe(exc)
            self.error_column = column if isinstance(column, int) else None
            return False
        self._show(sweep, data, payload, graph=graph, error_column=None)
        return True

    def _expression(self):
        """The text, parsed once per text (for the inputs it has, the names' check and the
        trace); a text that does not parse raises its ExpressionError each time asked."""
        text, parsed = self._parsed
        if text != self.text or parsed is None:
            try:
                parsed = parse(self.text)
            except ExpressionError as exc:
                parsed = exc
            self._parsed = (self.text, parsed)
        if isinstance(parsed, ExpressionError):
            raise parsed.with_traceback(None)
        return parsed

    def _trace(self) -> Graph:
        if self.text is None and self._function is None and self._fixed_graph is None:
            raise ExpressionError("there is no expression to show")
        expr = self._expression() if self.editable_text else None
        why = names_refusal(expr, self._function, self._fixed_graph, tuple(self.inputs))
        if why:  # as trace() and the command line refuse them
            raise BadInputNames(why)
        if self._fixed_graph is not None:
            changed = [nd.var for nd in self._fixed_graph.inputs if self.inputs[nd.var] != nd.value]
            if changed:
                raise BadInputNames(
                    f"this graph was traced from a function, so its inputs stay at their traced values: "
                    f"trace it again with other values of {', '.join(changed)}"
                )
            return self._fixed_graph
        for name, value in self.inputs.items():  # said as a bad value, not bad text
            try:
                check_input(name, value)
            except ExpressionError as exc:
                raise BadInputValue(str(exc)) from None
        if self._function is not None:
            return trace(self._function, **self.inputs)
        names = self._names if self.text == self._names_text else None
        return trace(expr, names=names, **self.inputs)

    def _sweep(self, graph: Graph):
        if self.mode == "evaluate":
            return graph.evaluate()
        vector = isinstance(self.seed, dict)
        if self.mode == "forward":
            if vector and all(isinstance(k, str) for k in self.seed):
                return graph.forward(dict(self.seed))
            seed = self.seed if self.seed in graph.input_names else graph.input_names[0]
            return graph.forward(seed)
        if vector and all(isinstance(k, int) for k in self.seed):
            return graph.reverse(dict(self.seed))
        n = len(graph.outputs)
        check_output(self.output, n)
        return graph.reverse(self.output) if n > 1 else graph.reverse()
