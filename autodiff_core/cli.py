"""The command line: a sweep's step-through as an HTML page, without a notebook.

    python -m autodiff_core export "x1*x2 + sin(x1)" --x1 2 --x2 5 --mode reverse -o reverse.html

Input values are given as ``--NAME VALUE``, one per input of the expression.
Every mistake (a bad expression, a missing or unknown input, a bad number or
seed, a file that cannot be written) is one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import math
import sys

from .errors import DomainError, ExpressionError
from .expression import parse
from .trace import trace

USAGE_ERROR = 2

_EXAMPLES = """\
examples:
  python -m autodiff_core export "x1*x2 + sin(x1)" --x1 2 --x2 5 --mode reverse -o reverse.html
  python -m autodiff_core export "sin(x**2 + 1)" --x 1.5 -o forward.html
  python -m autodiff_core export "x*y, x + y" --x 2 --y 3 --mode reverse --seed 1 -o second_output.html
"""


class UsageError(Exception):
    """A mistake on the command line, reported as one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's default prints the usage too: keep it one line
        raise UsageError(f"{message} (see {self.prog} --help)")


def _parser() -> argparse.ArgumentParser:
    top = _Parser(
        prog="python -m autodiff_core", description="Forward- and reverse-mode automatic differentiation, step by step."
    )
    commands = top.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    export = commands.add_parser(
        "export",
        help="write a sweep's step-through as one self-contained HTML page",
        description="Write the step-through of one sweep of EXPRESSION as one HTML page that "
        "works offline (open it in any browser). Give every input a value with "
        "--NAME VALUE.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument(
        "expression", metavar="EXPRESSION", help='the function, as typed in the widget, e.g. "x1*x2 + sin(x1)"'
    )
    export.add_argument(
        "--mode",
        choices=("evaluate", "forward", "reverse"),
        default="forward",
        help="the sweep to step through (default: forward)",
    )
    export.add_argument(
        "--seed",
        metavar="SEED",
        help="forward: the input to differentiate by (default: the first input); "
        "reverse with several outputs: the output's index, from 0 (default: 0)",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default="step_through.html",
        help="the page to write (default: step_through.html)",
    )
    export.add_argument(
        "--direction",
        choices=("LR", "TB"),
        default="LR",
        help="the drawing's direction: left to right or top to bottom (default: LR)",
    )
    export.add_argument("--edge-labels", action="store_true", help="write each edge's local partial on the drawing")
    export.add_argument("--title", help="the page's heading (default: the expression)")
    return top


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    try:
        return _run(sys.argv[1:] if argv is None else list(argv))
    except UsageError as err:
        print(f"error: {err}", file=sys.stderr)
        return USAGE_ERROR


def _run(argv: list[str]) -> int:
    parser = _parser()
    args, rest = parser.parse_known_args(argv)
    try:
        expression = parse(args.expression)
    except ExpressionError as err:
        raise UsageError(f"the expression {args.expression!r}: {err}") from None
    values = _input_values(expression.inputs, rest)
    try:
        graph = trace(args.expression, **values)
        sweep = _sweep(graph, args.mode, args.seed)
    except (ExpressionError, DomainError) as err:
        raise UsageError(str(err)) from None

    from .player.page import page  # the player (and its drawing) only when a page is made
    from .viz.geometry import GraphTooLarge

    try:
        text = page(sweep, direction=args.direction, edge_labels=args.edge_labels, title=args.title)
    except GraphTooLarge as err:
        raise UsageError(str(err).split(". ")[0]) from None
    try:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write(text)
    except OSError as err:
        raise UsageError(f"cannot write {args.output}: {err.strerror or err}") from None
    size = len(text.encode("utf-8"))
    print(f"wrote {args.output}: {args.mode} sweep of {args.expression}, {len(sweep.steps)} steps, {_size(size)}")
    return 0


def _input_values(names: tuple[str, ...], rest: list[str]) -> dict[str, float]:
    """``--NAME VALUE`` (or ``--NAME=VALUE``) pairs for the expression's inputs."""
    values: dict[str, float] = {}
    i = 0
    while i < len(rest):
        token = rest[i]
        if not token.startswith("--") or len(token) == 2:
            raise UsageError(f"unexpected argument {token!r}: give inputs as --NAME VALUE")
        name, has_value, value = token[2:].partition("=")
        if not has_value:
            if i + 1 >= len(rest):
                raise UsageError(f"--{name} needs a value, e.g. --{name} 2")
            value = rest[i + 1]
            i += 1
        i += 1
        if name not in names:
            known = ", ".join(f"--{n}" for n in names) or "none"
            raise UsageError(f"unknown option --{name}: the expression's inputs are {known}")
        if name in values:
            raise UsageError(f"--{name} is given twice")
        values[name] = _number(name, value)
    missing = [n for n in names if n not in values]
    if missing:
        example = " ".join(f"--{n} 1" for n in missing)
        raise UsageError(f"no value for {', '.join(missing)}: add {example}")
    return values


def _number(name: str, text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise UsageError(f"--{name} {text!r} is not a number") from None
    if not math.isfinite(value):
        raise UsageError(f"--{name} {text!r} is not a finite number")
    return value


def _sweep(graph, mode: str, seed: str | None):
    if mode == "evaluate":
        if seed is not None:
            raise UsageError("--seed has no meaning for --mode evaluate")
        return graph.evaluate()
    if mode == "forward":
        if seed is not None and seed not in graph.input_names:
            raise UsageError(
                f"--seed {seed!r}: forward mode is seeded with an input, one of {', '.join(graph.input_names)}"
            )
        return graph.forward(seed if seed is not None else graph.input_names[0])
    n = len(graph.outputs)
    if seed is None:
        return graph.reverse(0) if n > 1 else graph.reverse()
    if not seed.isdigit() or int(seed) >= n:
        raise UsageError(
            f"--seed {seed!r}: reverse mode is seeded with an output index, 0 to {n - 1}"
            if n > 1
            else f"--seed {seed!r}: the expression has one output, nothing to choose"
        )
    return graph.reverse(int(seed)) if n > 1 else graph.reverse()


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024**2 else f"{n / 1024**2:.1f} MB"
