"""How ``autodiff export`` reads its arguments: the options, the expression, the inputs.

argparse alone cannot read this command line: an expression may begin with "-"
(``"-x*y"``), a value may be negative (``--x -2``), and an input may be named like an
option (``t``, ``mode``). So :func:`split_export_args` first sorts the words, knowing
exactly which options exist (:data:`EXPORT_OPTIONS`, also what argparse is given) and
which of them take a value; argparse then checks the options alone. Never an
abbreviation: ``--t`` is the input t, never ``--title``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from .modes import BY_NAME

_NAME = re.compile(r"[^\W\d]\w*\Z")  # an input name, as the parser reads one


class UsageError(Exception):
    """A mistake on the command line, reported as one line."""


#: The options of ``export``: (flags, argparse keywords). A flag with no ``action``
#: takes a value.
EXPORT_OPTIONS = (
    (
        ("--mode",),
        {
            "choices": BY_NAME,
            "default": "forward",
            "help": "the sweep to step through (default: forward)",
        },
    ),
    (
        ("--seed",),
        {
            "metavar": "SEED",
            "help": "forward: the input to differentiate by (default: the first input); "
            "reverse with several outputs: the output's index, from 0 (default: 0)",
        },
    ),
    (
        ("--input",),
        {
            "metavar": "NAME=VALUE",
            "action": "append",
            "help": "an input's value; the form for any name, e.g. --input t=1 (repeat for each input)",
        },
    ),
    (
        ("-o", "--output"),
        {"metavar": "FILE", "help": "the page to write (default: step_through.html, none with --svg-dir alone)"},
    ),
    (
        ("--svg-dir",),
        {
            "metavar": "DIR",
            "help": "write one self-contained SVG per step into DIR (step-000.svg, ...), "
            "drawn for slides: 16:9, large type, caption, rule with numbers and legend",
        },
    ),
    (
        ("--presenter",),
        {"action": "store_true", "help": "the page opens in the player's presenter mode"},
    ),
    (
        ("--predict",),
        {
            "action": "store_true",
            "help": "the page opens in the player's predict mode: each step's number hidden until the reader types it",
        },
    ),
    (
        ("--direction",),
        {
            "choices": ("LR", "TB"),
            "default": "LR",
            "help": "the drawing's direction: left to right or top to bottom (default: LR)",
        },
    ),
    (("--edge-labels",), {"action": "store_true", "help": "write each edge's local partial on the drawing"}),
    (("--title",), {"help": "the heading (default: the expression)"}),
)

#: Every option string -> whether it takes a value (with -h / --help, which argparse adds).
TAKES_VALUE = {
    flag: kwargs.get("action", "store") in ("store", "append") for flags, kwargs in EXPORT_OPTIONS for flag in flags
} | {"-h": False, "--help": False}


@dataclass
class Split:
    """The words of an ``export`` command line, sorted."""

    options: list = field(default_factory=list)  # for argparse, each as one word: "--mode=reverse"
    expression: str | None = None
    inputs: list = field(default_factory=list)  # (how it was written, "NAME=VALUE")
    flags_given: set = field(default_factory=set)

    def explain(self, err: UsageError, expression) -> str:
        """argparse's message, plus a hint when an option was meant as an input."""
        names = expression.inputs if expression is not None else ()
        clashes = [n for n in names if f"--{n}" in self.flags_given]
        if clashes:
            n = clashes[0]
            return f"{err}; the expression's input {n} is named like the option --{n}: give it as {n}=VALUE"
        return str(err)


def split_export_args(argv: list[str]) -> Split:
    """Sort ``export``'s words into options, the expression and the inputs."""
    out = Split()
    i, only_positional = 0, False
    while i < len(argv):
        word = argv[i]
        i += 1
        if not only_positional and word == "--":
            only_positional = True
            continue
        if not only_positional and word.startswith("-") and len(word) > 1:
            flag, eq, attached = word.partition("=")
            if flag in TAKES_VALUE:
                out.flags_given.add(flag)
                if not TAKES_VALUE[flag]:
                    if eq:
                        raise UsageError(f"{flag} takes no value (got {word!r})")
                    out.options.append(flag)
                    continue
                if not eq:
                    if _no_value_next(argv, i):
                        raise UsageError(f"{flag} needs a value")
                    attached, i = argv[i], i + 1
                out.options.append(f"{flag}={attached}" if flag.startswith("--") else flag + attached)
                continue
            if word[:2] in TAKES_VALUE and word[1] != "-" and TAKES_VALUE[word[:2]]:  # -oFILE
                out.flags_given.add(word[:2])
                out.options.append(word)
                continue
            if flag.startswith("--") and _NAME.match(flag[2:]):  # --NAME VALUE or --NAME=VALUE
                name = flag[2:]
                if not eq:
                    if _no_value_next(argv, i):
                        raise UsageError(f"--{name} needs a value, e.g. {name}=2 (or --{name} 2)")
                    attached, i = argv[i], i + 1
                out.inputs.append((f"--{name}", f"{name}={attached}"))
                continue
            if _NAME.match(word[1:]) and out.expression is not None:
                name = word[1:]
                raise UsageError(f"unknown option {word}: give an input as {name}=VALUE (or --input {name}=VALUE)")
        name, eq, _ = word.partition("=")
        if eq and _NAME.match(name.strip()):
            out.inputs.append(("", word))
        elif out.expression is None:
            out.expression = word
        else:
            raise UsageError(f"unexpected argument {word!r}: give inputs as NAME=VALUE, e.g. x=2")
    return out


def _no_value_next(argv: list[str], i: int) -> bool:
    """No value follows: the words ended, or the next is an option (a negative number is a value)."""
    return i >= len(argv) or argv[i] == "--" or argv[i].partition("=")[0] in TAKES_VALUE


def input_values(names: tuple[str, ...], given: list) -> dict[str, float]:
    """The value of each of the expression's inputs, from ``(how, "NAME=VALUE")`` pairs."""
    values: dict[str, float] = {}
    for how, pair in given:
        name, eq, text = pair.partition("=")
        name = name.strip()
        shown = how if how.startswith("--") and how != "--input" else name
        if not eq or not _NAME.match(name):
            raise UsageError(f"--input {pair!r}: give it as NAME=VALUE, e.g. --input x=2")
        if name not in names:
            known = ", ".join(names) or "none (it is a constant)"
            raise UsageError(f"unknown input {shown}: the expression's inputs are {known}")
        if name in values:
            raise UsageError(f"{name} is given twice")
        values[name] = number(shown, text)
    missing = [n for n in names if n not in values]
    if missing:
        example = " ".join(f"{n}=1" for n in missing)
        clash = [f for n in missing for f in (f"-{n}", f"--{n}") if f in TAKES_VALUE]
        why = f" ({clash[0]} is an option, so give this input as {clash[0].lstrip('-')}=VALUE)" if clash else ""
        raise UsageError(f"no value for {', '.join(missing)}: add {example}{why}")
    return values


def number(name: str, text: str) -> float:
    """A finite float from the command line; a typographic minus (−2) is a minus."""
    try:
        value = float(text.replace("−", "-"))
    except ValueError:
        raise UsageError(f"{name} {text!r} is not a number") from None
    if not math.isfinite(value):
        raise UsageError(f"{name} {text!r} is not a finite number")
    return value
