"""The command line, ``autodiff`` (or ``python -m autodiff_core``).

    autodiff export "x1*x2 + sin(x1)" x1=2 x2=5 --mode reverse -o reverse.html
    autodiff export "sin(x**2 + 1)" x=1.5 --svg-dir slides/
    autodiff site notebooks/ -o site/

Inputs are given as ``NAME=VALUE`` (or ``--input NAME=VALUE``), forms that never clash
with an option, or as ``--NAME VALUE`` when NAME is not an option's name. Every mistake
(a bad expression, a missing or unknown input, a bad number or seed, a file that cannot
be written) is one line on stderr and exit code 2; a page or slide set written is exit 0.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from pathlib import Path

from .cli_args import EXPORT_OPTIONS, UsageError, input_values, split_export_args
from .errors import DomainError, ExpressionError
from .expression import CONSTANTS, parse
from .ops import FUNCTIONS
from .trace import trace
from .version import __version__

USAGE_ERROR = 2
INTERNAL_ERROR = 70  # EX_SOFTWARE: a bug of ours, said in one line (AUTODIFF_DEBUG=1 shows the traceback)

_EXAMPLES = """\
inputs:
  NAME=VALUE or --input NAME=VALUE for every input of the expression; --NAME VALUE works
  too when NAME is not one of the options above. Values may be negative: x=-2, --x -2.

{vocabulary}

examples:
  {prog} export "x1*x2 + sin(x1)" x1=2 x2=5 --mode reverse -o reverse.html
  {prog} export "sin(x**2 + 1)" x=1.5 -o forward.html
  {prog} export "x*y, x + y" x=2 y=3 --mode reverse --seed 1 -o second_output.html
  {prog} export "-t*exp(s)" t=1 s=0.5 --svg-dir slides/   one SVG per step, for slides
"""


def vocabulary() -> str:
    """What an expression may use, read from the op table and the parser."""
    calls = ", ".join(f"{name}({', '.join('abc'[: op.arity])})" for name, op in FUNCTIONS.items())
    lines = ["an expression may use:", "  + - * / ** (or ^), parentheses, numbers, input names"]
    lines.append(textwrap.fill(calls, 88, initial_indent="  functions: ", subsequent_indent="    "))
    lines.append("  constants: " + ", ".join(CONSTANTS))
    lines.append('  several outputs: separate them with commas, "x*y, x + y"')
    return "\n".join(lines)


class _Done(Exception):
    """argparse finished on its own (--help, --version): exit with this status."""

    def __init__(self, status: int):
        self.status = status


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's default prints the usage too: keep it one line
        raise UsageError(f"{message} (see {self.prog} --help)")

    def exit(self, status=0, message=None):
        if message:
            print(message, file=sys.stderr, end="")
        raise _Done(status)


def _prog() -> str:
    return "autodiff" if Path(sys.argv[0] if sys.argv else "").name == "autodiff" else "python -m autodiff_core"


def parser(prog: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser: ``export`` and ``site``."""
    prog = prog or _prog()
    top = _Parser(
        prog=prog,
        description="Forward- and reverse-mode automatic differentiation, step by step.",
        epilog=vocabulary() + f'\n\n"{prog} COMMAND --help" says more about each command.',
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    top.add_argument("--version", action="version", version=f"autodiff-core {__version__}")
    commands = top.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    export = commands.add_parser(
        "export",
        help="write a sweep's step-through as one HTML page, or one SVG per step for slides",
        description="Write the step-through of one sweep of EXPRESSION as one HTML page that "
        "works offline (open it in any browser), and/or one SVG per step (--svg-dir) for slides.",
        epilog=_EXAMPLES.format(prog=prog, vocabulary=vocabulary()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    export.add_argument(
        "expression", metavar="EXPRESSION", help='the function, as typed in the widget, e.g. "x1*x2 + sin(x1)"'
    )
    export.add_argument("inputs", metavar="NAME=VALUE", nargs="*", help="a value for each input")
    for flags, kwargs in EXPORT_OPTIONS:
        export.add_argument(*flags, **kwargs)
    site = commands.add_parser(
        "site",
        help="execute lessons' notebooks and write them as a static site whose players step",
        description="Execute every NN_*.ipynb in NOTEBOOKS and write a static site: an index and one "
        "page per notebook, each step-through a player that steps in the browser. No request "
        "leaves a page; the site opens from file:// or any static host. Needs the [site] extra.",
        allow_abbrev=False,
    )
    site.add_argument("notebooks", metavar="NOTEBOOKS", nargs="?", default="notebooks", help="default: notebooks")
    site.add_argument("-o", "--output", metavar="DIR", default="site", help="default: site")
    site.add_argument("--readme", metavar="FILE", help="a README whose table names the lessons (their map)")
    site.add_argument("--binder", metavar="URL", help="the Binder link of the runnable notebooks")
    site.add_argument("--jobs", type=int, metavar="N", help="notebooks executed at once (default: the cores)")
    return top


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (never raises, never prints a traceback)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        return _run(argv)
    except _Done as done:
        return done.status
    except UsageError as err:
        print(f"error: {err}", file=sys.stderr)
        return USAGE_ERROR
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as err:  # the last line of defence: one line, never a traceback
        if os.environ.get("AUTODIFF_DEBUG"):
            raise
        print(
            f"internal error (autodiff-core {__version__}): {type(err).__name__}: {err}. "
            "Please report it with the command you ran; AUTODIFF_DEBUG=1 shows the traceback.",
            file=sys.stderr,
        )
        return INTERNAL_ERROR


def _run(argv: list[str]) -> int:
    top = parser()
    if argv[:1] == ["export"]:
        return _export(top, argv[1:])
    args = top.parse_args(argv)
    if args.command == "site":
        return _site(args)
    return _export(top, argv[1:])  # pragma: no cover - argparse knows only the two commands


def _export(top, argv: list[str]) -> int:
    split = split_export_args(argv)
    try:
        expression = parse(split.expression) if split.expression is not None else None
    except ExpressionError as err:
        expression, parse_error = None, err
    else:
        parse_error = None
    try:
        args = top.parse_args(["export", *split.options, "--", *([split.expression] if split.expression else [])])
    except UsageError as err:
        raise UsageError(split.explain(err, expression)) from None
    if parse_error is not None:
        raise UsageError(f"the expression {args.expression!r}: {parse_error}")
    values = input_values(expression.inputs, split.inputs + [("--input", v) for v in args.input or []])
    try:
        graph = trace(expression, **values)  # the parsed expression: parsed once
        sweep = _sweep(graph, args.mode, args.seed)
    except (ExpressionError, DomainError) as err:
        raise UsageError(str(err)) from None
    output = args.output if args.output is not None or args.svg_dir else "step_through.html"
    what = f"{args.mode} sweep of {args.expression}, {len(sweep.steps)} steps"
    from .viz.geometry import GraphTooLarge  # the drawing only when something is drawn

    try:  # everything made before anything is written: a mistake leaves no files behind
        pictures = _slides(sweep, args) if args.svg_dir else {}
        text = _page(sweep, args) if output else ""
    except GraphTooLarge as err:
        raise UsageError(str(err).split(". ")[0]) from None
    if pictures:
        folder = Path(args.svg_dir)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise UsageError(f"cannot make the folder {folder}: {err.strerror or err}") from None
        for name, svg in pictures.items():
            _write(folder / name, svg)
        names = list(pictures)
        print(f"wrote {len(names)} slides to {folder}{os.sep} ({names[0]} … {names[-1]}): {what}")
    if output:
        _write(Path(output), text)
        print(f"wrote {output}: {what}, {_size(len(text.encode('utf-8')))}")
    return 0


def _page(sweep, args) -> str:
    from .player.page import page

    return page(
        sweep,
        direction=args.direction,
        edge_labels=args.edge_labels,
        title=args.title,
        presenter=args.presenter,
        predict=args.predict,
    )


def _slides(sweep, args) -> dict[str, str]:
    from .viz.slides import slides

    return slides(sweep, direction=args.direction, edge_labels=args.edge_labels, title=args.title)


def _write(path: Path, text: str) -> None:
    """Write the whole file or nothing: a half-written page never stays behind."""
    part = path.with_name(path.name + ".part")
    try:
        part.write_text(text, encoding="utf-8")
        part.replace(path)
    except OSError as err:
        if part.parent.is_dir():
            part.unlink(missing_ok=True)
        raise UsageError(f"cannot write {path}: {err.strerror or err}") from None


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
    digits = seed.isascii() and seed.isdigit()
    if not digits or int(seed) >= n:
        raise UsageError(
            f"--seed {seed!r}: reverse mode is seeded with an output's index, 0 to {n - 1}"
            if n > 1
            else f"--seed {seed!r}: the expression has one output, nothing to choose"
        )
    return graph.reverse(int(seed)) if n > 1 else graph.reverse()


def _site(args) -> int:
    try:
        from .site.build import BuildError, build
    except ModuleNotFoundError as err:
        raise UsageError(str(err)) from None
    if args.readme and not Path(args.readme).is_file():
        raise UsageError(f"--readme {args.readme}: no such file")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs {args.jobs}: give 1 or more")
    try:
        report = build(Path(args.notebooks), Path(args.output), readme=args.readme, binder=args.binder, jobs=args.jobs)
    except BuildError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(report)
    return 0


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024**2 else f"{n / 1024**2:.1f} MB"
