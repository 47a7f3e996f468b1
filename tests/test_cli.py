"""The command line `python -m autodiff_core export`: the page it writes is the
export's page for the same sweep; every mistake is one line on stderr, exit 2."""

import json
import re
import subprocess
import sys

import pytest

from autodiff_core import player, trace
from autodiff_core.cli import main


def payload(path):
    text = path.read_text(encoding="utf-8")
    return player.unpack(json.loads(re.search(r"const payload = (\"[A-Za-z0-9+/=]*\");", text).group(1)))


def test_the_issue_example_writes_the_reverse_page(tmp_path, capsys):
    out = tmp_path / "reverse.html"
    code = main(["export", "x1*x2 + sin(x1)", "--x1", "2", "--x2", "5", "--mode", "reverse", "-o", str(out)])
    assert code == 0
    want = player.data(trace("x1*x2 + sin(x1)", x1=2.0, x2=5.0).reverse())
    assert payload(out) == json.loads(json.dumps(want))
    said = capsys.readouterr()
    assert said.err == ""
    assert said.out.startswith(f"wrote {out}: reverse sweep of x1*x2 + sin(x1), 5 steps, ")


@pytest.mark.parametrize(
    "args, seed",
    [
        (["--x1", "-2", "--x2=5e0"], "x1"),  # negative values, NAME=VALUE
        (["--x2", "5", "--x1", "-2", "--seed", "x2"], "x2"),  # any order; the forward seed
    ],
)
def test_forward_pages(tmp_path, args, seed):
    out = tmp_path / "f.html"
    assert main(["export", "x1*x2 + sin(x1)", *args, "-o", str(out)]) == 0
    want = player.data(trace("x1*x2 + sin(x1)", x1=-2.0, x2=5.0).forward(seed))
    assert payload(out) == json.loads(json.dumps(want))


def test_options_reach_the_page(tmp_path):
    out = tmp_path / "o.html"
    assert (
        main(
            [
                "export",
                "x*y, x + y",
                "--x",
                "2",
                "--y",
                "3",
                "--mode",
                "reverse",
                "--seed",
                "1",
                "--direction",
                "TB",
                "--edge-labels",
                "--title",
                "<b>two outputs</b>",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    want = player.data(
        trace("x*y, x + y", x=2.0, y=3.0).reverse(1), direction="TB", edge_labels=True, title="<b>two outputs</b>"
    )
    assert payload(out) == json.loads(json.dumps(want))
    assert "<b>two outputs</b>" not in out.read_text(encoding="utf-8")  # escaped where shown


def test_evaluate_page(tmp_path):
    out = tmp_path / "e.html"
    assert main(["export", "sin(x**2 + 1)", "--x", "1.5", "--mode", "evaluate", "-o", str(out)]) == 0
    assert payload(out)["kind"] == "evaluate"


@pytest.mark.parametrize(
    "args, message",
    [
        (["x1 +* 2", "--x1", "2"], "the expression 'x1 +* 2': syntax error: invalid syntax (column 5)"),
        (["x1*x2", "--x1", "2"], "no value for x2: add --x2 1"),
        (
            ["x1*x2", "--x1", "2", "--x3", "4", "--x2", "1"],
            "unknown option --x3: the expression's inputs are --x1, --x2",
        ),
        (["x1*x2", "--x1", "abc", "--x2", "1"], "--x1 'abc' is not a number"),
        (["x", "--x", "nan"], "--x 'nan' is not a finite number"),
        (["x", "--x", "1e400"], "--x '1e400' is not a finite number"),
        (["x", "--x", "1", "--x", "2"], "--x is given twice"),
        (["x", "--x"], "--x needs a value, e.g. --x 2"),
        (["x", "5"], "unexpected argument '5': give inputs as --NAME VALUE"),
        (["log(x)", "--x", "-1"], "cannot compute w¹₁ = log(w⁰₁): log needs an argument > 0 where w⁰₁ = −1"),
        (["x", "--x", "1", "--seed", "y"], "--seed 'y': forward mode is seeded with an input, one of x"),
        (
            ["x*y, x+y", "--x", "2", "--y", "3", "--mode", "reverse", "--seed", "3"],
            "--seed '3': reverse mode is seeded with an output index, 0 to 1",
        ),
        (["x", "--x", "1", "--mode", "evaluate", "--seed", "x"], "--seed has no meaning for --mode evaluate"),
        (["x", "--x", "1", "--mode", "sideways"], "argument --mode: invalid choice: 'sideways'"),
        ([], "the following arguments are required: EXPRESSION"),
    ],
)
def test_mistakes_are_one_line_and_exit_2(tmp_path, capsys, args, message):
    out = tmp_path / "never.html"
    assert main(["export", *args, "-o", str(out)]) == 2
    said = capsys.readouterr()
    assert said.out == ""
    assert said.err.startswith(f"error: {message}")
    assert said.err.count("\n") == 1
    assert not out.exists()


def test_an_unwritable_file_is_one_line(tmp_path, capsys):
    assert main(["export", "x", "--x", "1", "-o", str(tmp_path / "no" / "such" / "dir.html")]) == 2
    assert capsys.readouterr().err.startswith("error: cannot write ")


def test_python_dash_m(tmp_path):
    """The module runs as a program: --help, a page, and exit code 2 on a mistake."""
    run = [sys.executable, "-m", "autodiff_core"]
    helped = subprocess.run([*run, "export", "--help"], capture_output=True, text=True, timeout=60)
    assert helped.returncode == 0 and "--NAME VALUE" in helped.stdout and "--mode" in helped.stdout
    made = subprocess.run(
        [*run, "export", "x1*x2 + sin(x1)", "--x1", "2", "--x2", "5", "-o", "f.html"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "f.html").stat().st_size > 1000
    bad = subprocess.run([*run, "export", "x +"], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and bad.stderr.startswith("error: the expression 'x +'")
    assert bad.stderr.count("\n") == 1
