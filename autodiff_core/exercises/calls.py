"""How every check is called: what the question is about first, the student's answer last.

``check_value(graph, node, answer)``, ``check_jvp(graph, seed, answer)``,
``check_rule(name, answer)``: the objects the question is about come first, in the order
the question names them; the answer comes last, or as the keyword ``answer=``; settings
that have a default (``seed=``, ``scheme=``, ``x=``, ...) are keywords only. The same
thing has the same keyword in every check (``graph``, ``node``, ``name``, ``f``, ``x``,
``point``, ``seed``, ``weights``).

Lessons written before this convention put the answer first (``check_jvp(answer, graph,
seed=...)``); such calls still work where the argument types say which order was meant
(the graph is a graph, an operation's name is a string, ...). When both orders fit, the
answer is taken to be last.

:func:`checker` turns a function written as ``def check_x(question..., answer, *,
settings...)`` into a check with this convention: arguments are read by name or by
position, an answer-first call is recognised, a misspelt keyword or a missing argument is
an :class:`ArgumentError` that shows the call, an :class:`_Invalid` raised while reading
the answer becomes an "invalid" :class:`Feedback`, and an engine error while computing
the reference becomes one too.
"""

from __future__ import annotations

import functools
import inspect
import numbers

from ..graph import Node
from ..functions import is_real
from ..ops import BY_NAME, FUNCTIONS
from .feedback import ArgumentError, Feedback, _checked, is_graph


def _is_node(v) -> bool:
    return isinstance(v, (str, Node, numbers.Integral)) and not isinstance(v, bool)


def _is_pair_or_number(v) -> bool:
    return v is None or is_real(v) or (isinstance(v, (tuple, list)) and len(v) == 2) or hasattr(v, "tangent")


# What an argument of each name looks like: used only to tell an answer-first call apart.
LOOKS = {
    "graph": is_graph,
    "node": _is_node,
    "source": _is_node,
    "target": _is_node,
    "name": lambda v: isinstance(v, str) and (v in FUNCTIONS or v in BY_NAME),
    "mode": lambda v: isinstance(v, str) and v.strip().lower() in ("forward", "reverse"),
    "f": lambda v: callable(v) or isinstance(v, str),
    "point": lambda v: isinstance(v, dict),
    "seed": lambda v: isinstance(v, dict),
    "weights": lambda v: isinstance(v, dict),
    "component": lambda v: isinstance(v, str),
    "left": _is_pair_or_number,
    "right": _is_pair_or_number,
    "op": lambda v: isinstance(v, str),
    "tagged": lambda v: isinstance(v, bool),
    "x": is_real,
    "a": is_real,
    "z": is_real,
    "label": lambda v: is_real(v) and v in (0, 1),
}


class _Spec:
    """A check's parameters, read from its signature: question, answer, settings."""

    def __init__(self, fn, renamed: dict):
        params = list(inspect.signature(fn).parameters.values())
        names = [p.name for p in params]
        if "answer" not in names:
            raise AssertionError(f"{fn.__name__} has no parameter called answer")
        at = names.index("answer")
        self.name = fn.__name__
        self.question = names[:at]
        self.settings = [p.name for p in params[at + 1 :]]
        if any(p.kind is not p.POSITIONAL_OR_KEYWORD or p.default is not p.empty for p in params[: at + 1]):
            raise AssertionError(f"{fn.__name__}: the question and the answer are plain positional parameters")
        if any(p.kind is not p.KEYWORD_ONLY for p in params[at + 1 :]):
            raise AssertionError(f"{fn.__name__}: settings after the answer are keyword-only")
        self.renamed = dict(renamed)
        self.usage = f"{fn.__name__}({', '.join(self.question + ['answer'] + [s + '=...' for s in self.settings])})"

    def _fits(self, given: dict) -> bool:
        for key, value in given.items():
            look = LOOKS.get(key)
            try:
                if look is not None and not look(value):
                    return False
            except Exception:  # noqa: BLE001 - a student's odd object: it does not fit
                return False
        return True

    def bind(self, args: tuple, kwargs: dict) -> dict:
        """The call's arguments by name; an answer-first call is put in order."""
        bound = {}
        for key, value in kwargs.items():
            key = self.renamed.get(key, key)
            if key not in self.question and key != "answer" and key not in self.settings:
                raise ArgumentError(f"{self.name} has no argument {key!r}; call it as {self.usage}.")
            if key in bound:
                raise ArgumentError(f"{self.name}: {key} is given twice; call it as {self.usage}.")
            bound[key] = value
        free = [p for p in self.question if p not in bound]
        open_settings = [p for p in self.settings if p not in bound]
        n = len(free) if "answer" in bound else len(free) + 1
        if len(args) < n:
            what = ", ".join([*free, "answer"][len(args) :] if "answer" not in bound else free[len(args) :])
            raise ArgumentError(f"{self.name}: {what or 'the answer'} missing; call it as {self.usage}.")
        if len(args) > n + len(open_settings):
            twice = [p for p in self.question if p in bound][: len(args) - n]
            also = f" ({', '.join(twice)} given by position and as a keyword too)" if twice else ""
            raise ArgumentError(f"{self.name}: too many arguments{also}; call it as {self.usage}.")
        # settings given by position (as older versions allowed) come after the answer
        bound.update(zip(open_settings, args[n:]))
        args = args[:n]
        if "answer" in bound:
            bound.update(zip(free, args))
        else:
            last, first = dict(zip(free, args[:-1])), dict(zip(free, args[1:]))
            if len(args) > 1 and not self._fits(last) and self._fits(first):
                bound.update(first, answer=args[0])  # the older order: the answer first
            else:
                bound.update(last, answer=args[-1])
        return bound


def checker(fn=None, *, renamed: dict | None = None):
    """Make ``fn(question..., answer, *, settings...)`` a check with the convention above.

    ``renamed`` maps keywords an older version of the check used to today's names
    (``{"x0": "x"}``), so older calls keep working.
    """
    if fn is None:
        return functools.partial(checker, renamed=renamed)
    spec = _Spec(fn, renamed or {})
    inner = _checked(fn)

    @functools.wraps(fn)
    def check(*args, **kwargs) -> Feedback:
        return inner(**spec.bind(args, kwargs))

    check.usage = spec.usage
    return check
