"""Running a function the student wrote, and saying plainly what went wrong in it.

A rule the student writes may take the wrong number of parameters, misspell a name,
divide by zero, forget ``return`` or return the wrong kind of thing. :func:`call` runs it
once and returns ``(result, None)``, or ``(None, Feedback)`` whose message names the
error, its message, the test values and the line of the student's code it came from.
"""

from __future__ import annotations

import inspect
import os
import sysconfig
import traceback

from .feedback import Feedback, _short

_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_LIBRARIES = tuple(
    os.path.abspath(p) for p in {sysconfig.get_paths()[k] for k in ("stdlib", "platstdlib", "purelib", "platlib")}
)


def _invalid(message: str) -> Feedback:
    return Feedback("invalid", message)


def arity_problem(fn, n: int, call: str) -> Feedback | None:
    """Feedback if ``fn`` cannot take ``n`` positional arguments (``call`` says how the check
    calls it, e.g. "a tangent rule of div is called with 4: (a, b, a_dot, b_dot)")."""
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):  # a builtin without a signature: just call it
        return None
    try:
        signature.bind(*range(n))
    except TypeError:
        params = [p.name for p in signature.parameters.values()]
        takes = f"{len(params)} parameter{'s' if len(params) != 1 else ''}"
        listed = f" ({', '.join(params)})" if params else ""
        return _invalid(f"Your function takes {takes}{listed}, but {call}.")
    return None


def _student_frame(error: BaseException):
    """The innermost line of the traceback that is in the student's code (not in this
    package, the standard library or an installed library)."""
    frames = traceback.extract_tb(error.__traceback__)
    for frame in reversed(frames):
        path = os.path.abspath(frame.filename)
        if path.startswith(_PACKAGE) or path.startswith(_LIBRARIES):
            continue
        return frame
    return None


def _parameters(fn, expected: str) -> str:
    try:
        return ", ".join(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        return expected


def crash_message(error: Exception, where: str, params: str, tip: str = "") -> str:
    """What the student sees when their code raised ``error`` at the test values ``where``."""
    kind = type(error).__name__
    text = str(error)
    message = f"Your code raised {kind}" + (f" ({text})" if text else "") + f" at {where}"
    frame = _student_frame(error)
    if frame is not None and frame.line:
        name = "" if frame.name in ("<lambda>", "<module>") else f" in {frame.name}"
        message += f",{name} line {frame.lineno}: `{frame.line.strip()}`"
    message += "."
    if isinstance(error, NameError):
        message += (
            f" A name there is not defined: check its spelling (your function's parameters are {params}) "
            "and that what it uses, such as math, is imported."
        )
    elif isinstance(error, RecursionError):
        message += " The function calls itself without end."
    if tip:
        message += " " + tip
    return message


def call(fn, args: tuple, where: str, rule: str, params: str, tip=None):
    """Run the student's ``fn(*args)``: ``(result, None)`` or ``(None, invalid Feedback)``.

    ``where`` names the test values, ``rule`` what the function is ("the derivative of
    cos"), ``params`` the parameters it is called with; ``tip(error)`` may add a sentence
    for an error."""
    n = len(args)
    wrong_arity = arity_problem(fn, n, f"{rule} is called with {n}: ({params})")
    if wrong_arity is not None:
        return None, wrong_arity
    try:
        return fn(*args), None
    except Exception as e:  # noqa: BLE001 - the student's code: report, never raise
        return None, _invalid(crash_message(e, where, _parameters(fn, params), tip(e) if tip else ""))


def not_a_function(answer, example: str) -> str:
    """Why ``answer`` cannot be run as a rule."""
    if isinstance(answer, str):
        return f"give a function, not the text {_short(answer)}: for example `{example}`, without quotes."
    return f"give a function, for example `{example}`, not a {type(answer).__name__}."
