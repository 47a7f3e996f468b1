"""Tracing ordinary Python code into a Graph, by operator overloading.

``trace(lambda x1, x2: x1*x2 + sin(x1), x1=2.0, x2=5.0)`` calls the function
with :class:`Tracer` stand-ins for x1 and x2. Every operation on a tracer is
evaluated (with the table's definition) and appended to a tape (:mod:`.tape`);
the tape becomes the graph.
"""

from __future__ import annotations

import inspect

from .errors import ExpressionError
from .expression import Expression, parse
from .graph import Graph
from .tape import Tape, Tracer, check_input, foreign_tracer_error

__all__ = ["Tape", "Tracer", "check_input", "trace"]


def trace(f, /, *, names: dict | None = None, **inputs) -> Graph:
    """Trace ``f`` at the given input values into a :class:`Graph`.

    ``f`` is a Python function of named scalar inputs, or an expression string
    (see :func:`autodiff_core.parse`). A function returning a tuple gives a graph
    with several outputs. ``names`` renames nodes, e.g. ``{"w1": "a"}``.
    """
    source = None
    if isinstance(f, str):
        f = parse(f)
    if isinstance(f, Expression):
        source = f.text
        missing = [n for n in f.inputs if n not in inputs]
        extra = [n for n in inputs if n not in f.inputs]
        if missing:
            raise ExpressionError(f"no value given for input {', '.join(missing)} of {f.text!r}")
        if extra:
            raise ExpressionError(
                f"{', '.join(extra)} {'is' if len(extra) == 1 else 'are'} "
                f"not used in {f.text!r}, whose inputs are "
                f"{', '.join(f.inputs) or 'none'}"
            )
        inputs = {n: inputs[n] for n in f.inputs}
    elif not callable(f):
        raise TypeError(f"trace needs a function or an expression string, got {f!r}")
    else:
        _check_signature(f, inputs)
    tape = Tape()
    tracers = {n: tape.input(check_input(n, v)) for n, v in inputs.items()}
    outs = outputs(f(**tracers))
    codes = []
    for k, out in enumerate(outs):
        if type(out) is not Tracer:
            what = "output" if len(outs) == 1 else f"output {k + 1}"
            if out is None:
                raise ExpressionError(f"the function returned None: did it forget `return`? ({what})")
            raise ExpressionError(
                f"the {what} ({out!r}) does not depend on the inputs {', '.join(inputs)}; nothing to differentiate"
            )
        if out.tape is not tape:
            raise foreign_tracer_error()
        codes.append(out.index)
    return Graph(
        *tape.arrays(),
        tape.consts,
        tuple(range(len(inputs))),
        tuple(inputs),
        tuple(codes),
        names,
        source,
    )


def outputs(result) -> tuple:
    """A traced function's outputs: a tuple, a list and a numpy array (flattened) are
    several outputs, anything else one."""
    kind = type(result).__name__
    if hasattr(result, "tolist") and hasattr(result, "shape"):  # a numpy array
        kind = "array"
        result = result.reshape(-1).tolist() if result.shape else [result.item()]
    outs = tuple(result) if isinstance(result, (tuple, list)) else (result,)
    if not outs:
        raise ExpressionError(f"the function returned an empty {kind}: nothing to differentiate")
    return outs


def _check_signature(f, inputs: dict) -> None:
    try:
        sig = inspect.signature(f)
    except (TypeError, ValueError):
        return
    try:
        sig.bind(**inputs)
    except TypeError as e:
        params = ", ".join(sig.parameters)
        raise ExpressionError(
            f"the inputs given ({', '.join(inputs) or 'none'}) do not match the function's parameters ({params}): {e}"
        ) from None
