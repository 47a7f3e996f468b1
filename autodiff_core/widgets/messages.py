"""What the step-through accepts, and what it says when it cannot show what was asked.

:func:`refusal` checks one setting's value before the model takes it (the
wrong kind of value: a bool or a float for ``output``, an unknown mode, an
object for the text); :func:`names_refusal` the names of the input values against
the expression's; :func:`index_refusal` checks a step index;
:func:`describe` turns a failure of the core (bad text, a domain error, a graph
too large) into one line for a student. Each works on any object, even one
whose ``__str__`` or ``__repr__`` raises.
"""

from __future__ import annotations

import inspect
import math
import numbers
from collections.abc import Mapping

from traitlets import Any

from ..errors import DomainError, ExpressionError
from ..modes import BY_NAME
from ..notation import shown

MODES = BY_NAME  # the modes a user picks by name: evaluate, forward, reverse
DIRECTIONS = ("LR", "TB")


class Setting(Any):
    """A trait holding any value (None only where allowed), so that every value
    reaches the model's validator, which asks :func:`refusal`."""

    allow_none = False


class TooManySteps(ValueError):
    """A sweep with more steps than the step-through shows."""


class BadInputValue(ExpressionError):
    """An input value that is not a finite real number (said as a bad value, not bad text)."""


class BadOutput(ValueError):
    """An output index the graph does not have."""


class BadInputNames(ExpressionError):
    """Input values named for inputs the expression does not have, or missing for some it has."""


def _expected_inputs(expression, function, graph, given) -> tuple[tuple, str, tuple]:
    """The inputs a graph, function or parsed expression has, what to call it, and the
    inputs that may be left out (a function's parameters with defaults)."""
    if graph is not None:
        return graph.input_names, "this graph", ()
    if function is not None:
        name = getattr(function, "__name__", "")
        what = f"{name}()" if name.isidentifier() else "the function"
        try:
            params = inspect.signature(function).parameters.values()
        except (TypeError, ValueError):
            return given, what, ()  # trace() checks what it can
        optional = tuple(p.name for p in params if p.default is not inspect.Parameter.empty)
        return tuple(p.name for p in params), what, optional
    return expression.inputs, repr(expression.text), ()


def names_refusal(expression, function, graph, given: tuple) -> str | None:
    """Why values for the inputs ``given`` cannot be used with this graph, function or
    parsed :class:`~autodiff_core.expression.Expression` (the first that is not None), as
    ``trace`` refuses them; None if they can. A function's parameters with defaults may be
    left out."""
    expected, what, optional = _expected_inputs(expression, function, graph, given)
    unknown = [n for n in given if n not in expected]
    missing = [n for n in expected if n not in given and n not in optional]
    if not unknown and not missing:
        return None
    parts = []
    if unknown:
        verb = "is not an input" if len(unknown) == 1 else "are not inputs"
        parts.append(f"{', '.join(unknown)} {verb} of {what}")
    if missing:
        parts.append(f"no value given for {', '.join(missing)}")
    return "; ".join(parts) + f". Its inputs are {', '.join(expected) or 'none'}."


def check_output(output: int, n_outputs: int) -> None:
    """Refuse an ``output`` that is not one of the graph's ``n_outputs`` (never clamp it:
    the student would see the derivative of another output)."""
    if output >= n_outputs:
        have = "one output, 0" if n_outputs == 1 else f"{n_outputs} outputs, 0 … {n_outputs - 1}"
        raise BadOutput(f"output {output} is not an output of this graph: it has {have}")


def is_whole(value) -> bool:
    """A whole number, and not a bool (True is not step 1)."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _safe(value) -> str:
    try:
        return shown(value)
    except Exception:  # noqa: BLE001 - a student's object may fail to print
        return f"<{type(value).__name__} object>"


def refusal(name: str, value) -> str | None:
    """Why setting ``name`` cannot take ``value``, or None if it can.

    Only the kind of value is checked here; whether the values make a graph
    (the text parses, an input is a finite number, ``log`` of it exists) is
    found by recomputing."""
    why = None
    if name == "text":
        if value is not None and not isinstance(value, str):
            why = "the expression must be a string"
    elif name == "inputs":
        if not isinstance(value, Mapping):
            why = "inputs must be a dict: input name -> value"
        elif not all(isinstance(k, str) for k in value):
            why = "inputs must be named by strings"
    elif name == "mode":
        if not (isinstance(value, str) and value in MODES):
            why = f"mode must be one of {', '.join(MODES)}"
    elif name == "seed":
        if not (value is None or isinstance(value, (str, Mapping))):
            why = "seed must be an input name, a dict input -> ẋ (forward) or a dict output index -> ȳ (reverse)"
    elif name == "output":
        if not is_whole(value) or value < 0:
            why = "output must be the index of an output: a whole number 0, 1, …"
    elif name == "direction":
        if not (isinstance(value, str) and value in DIRECTIONS):
            why = f"direction must be one of {', '.join(DIRECTIONS)}"
    elif name == "edge_labels":
        if not isinstance(value, bool):
            why = "edge_labels must be True or False"
    if why is None:
        return None
    return f"Cannot use {name}={_safe(value)}: {why}."


def first_refusal(settings: dict) -> str | None:
    """The first of :func:`refusal`'s messages for several settings, or None."""
    return next(filter(None, (refusal(n, v) for n, v in settings.items())), None)


def normalised(name: str, value):
    """A value :func:`refusal` accepted, as the model keeps it (plain str, dict, int)."""
    if name == "text" and value is not None:
        return str.__getitem__(value, slice(None))  # a plain str, never a subclass's __str__
    if name in ("inputs", "seed") and isinstance(value, Mapping):
        return dict(value)
    if name == "output":
        return int(value)
    return value


def index_refusal(k, n_steps: int) -> str | None:
    """Why step ``k`` cannot be shown when the sweep has ``n_steps`` steps, or None."""
    if not is_whole(k):
        kind = "not a number (NaN)" if isinstance(k, float) and math.isnan(k) else _safe(k)
        return f"Cannot show step {kind}: a step is a whole number 0 … {n_steps}."
    if not 0 <= k <= n_steps:
        return f"There is no step {_safe(k)}: this sweep has steps 0 … {n_steps}."
    return None


def describe(exc: BaseException) -> str:
    """One line for a student: what kind of problem, and the core's message."""
    from .. import viz

    too_large = getattr(viz, "GraphTooLarge", ())
    if isinstance(exc, BadInputValue):
        kind = "Cannot use these input values"
    elif isinstance(exc, BadInputNames):
        kind = "Cannot use these inputs"
    elif isinstance(exc, ExpressionError):
        kind = "Cannot read the expression"
    elif isinstance(exc, DomainError):
        kind = "Cannot compute at these inputs"
    elif isinstance(exc, BadOutput):
        kind = "Cannot use this output"
    elif too_large and isinstance(exc, too_large) or isinstance(exc, TooManySteps):
        kind = "Too large to step through"
    else:
        kind = f"Cannot trace this ({type(exc).__name__})"
    try:
        message = str(exc) or type(exc).__name__
    except Exception:  # noqa: BLE001 - an exception of the student's may fail to print
        message = type(exc).__name__
    return f"{kind}: {message}"
