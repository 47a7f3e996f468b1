"""The command line `autodiff export` (`python -m autodiff_core export`): the page it writes is
the export's page for the same sweep, the slides one SVG per state; every mistake is one line on
stderr and exit 2, never a traceback (a hypothesis fuzz over the arguments holds it)."""

import contextlib
import importlib.metadata
import inspect
import io
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import autodiff_core
from autodiff_core import player, trace
from autodiff_core.cli import main
from autodiff_core.expression import CONSTANTS
from autodiff_core.ops import FUNCTIONS
from autodiff_core.player.page import page


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
        (["x1 +* 2", "x1=2"], "the expression 'x1 +* 2': syntax error: invalid syntax (column 5)"),
        (["x1*x2", "x1=2"], "no value for x2: add x2=1"),
        (["x1*x2", "--x1", "2"], "no value for x2: add x2=1"),
        (["x1*x2", "x1=2", "--x3", "4", "x2=1"], "unknown input --x3: the expression's inputs are x1, x2"),
        (["x1*x2", "x1=2", "x3=4", "x2=1"], "unknown input x3: the expression's inputs are x1, x2"),
        (["x1*x2", "--x1", "abc", "--x2", "1"], "--x1 'abc' is not a number"),
        (["x1*x2", "x1=abc", "x2=1"], "x1 'abc' is not a number"),
        (["x", "x=nan"], "x 'nan' is not a finite number"),
        (["x", "--x", "1e400"], "--x '1e400' is not a finite number"),
        (["x", "--x", "1", "x=2"], "x is given twice"),
        (["x", "--x"], "--x needs a value, e.g. x=2 (or --x 2)"),
        (["x", "5"], "unexpected argument '5': give inputs as NAME=VALUE, e.g. x=2"),
        (["x", "-x", "5"], "unknown option -x: give an input as x=VALUE (or --input x=VALUE)"),
        (["x", "--input", "x"], "--input 'x': give it as NAME=VALUE, e.g. --input x=2"),
        (["log(x)", "x=-1"], "cannot compute w¹₁ = log(w⁰₁): log needs an argument > 0 where w⁰₁ = −1"),
        (["x", "x=1", "--seed", "y"], "--seed 'y': forward mode is seeded with an input, one of x"),
        (
            ["x*y, x+y", "x=2", "y=3", "--mode", "reverse", "--seed", "3"],
            "--seed '3': reverse mode is seeded with an output's index, 0 to 1",
        ),
        (
            ["x*y, x+y", "x=2", "y=3", "--mode", "reverse", "--seed", "-1"],
            "--seed '-1': reverse mode is seeded with an output's index, 0 to 1",
        ),
        (
            ["x*y, x+y", "x=2", "y=3", "--mode", "reverse", "--seed", "١"],  # an Arabic-Indic one: not 0-9
            "--seed '١': reverse mode is seeded with an output's index, 0 to 1",
        ),
        (["x*y", "x=2", "y=3", "--mode", "reverse", "--seed", "1"], "--seed '1': the expression has one output"),
        (["x", "x=1", "--seed", ""], "--seed '': forward mode is seeded with an input, one of x"),
        (["x", "x=1", "--mode", "evaluate", "--seed", "x"], "--seed has no meaning for --mode evaluate"),
        (["x", "x=1", "--mode", "sideways"], "argument --mode: invalid choice: 'sideways'"),
        (["x", "x=1", "--mo", "reverse"], "unknown input --mo"),  # never an abbreviation of --mode
        (["x", "x=1", "--edge-labels=yes"], "--edge-labels takes no value (got '--edge-labels=yes')"),
        (["x", "x=1", "--title"], "--title needs a value"),
        ([], "the following arguments are required: EXPRESSION"),
        # inputs named like options: the message says which form to use
        (["o*m", "m=1"], "no value for o: add o=1 (-o is an option, so give this input as o=VALUE)"),
        (["title*2", "--title", "3"], "no value for title: add title=1 (--title is an option, so give"),
        (
            ["mode*2", "--mode", "2"],
            "argument --mode: invalid choice: '2' (choose from 'evaluate', 'forward', 'reverse') "
            "(see python -m autodiff_core export --help); the expression's input mode is named like the "
            "option --mode: give it as mode=VALUE",
        ),
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
    assert list(tmp_path.iterdir()) == []  # no half-written page either


@pytest.mark.parametrize(
    "args",
    [
        ["t*s*o*m*d*e*h", "t=1", "s=2", "o=3", "m=4", "d=5", "e=6", "h=7"],  # bare NAME=VALUE
        ["t*s*o*m*d*e*h", *[f"--input={n}={v}" for n, v in zip("tsomdeh", "1234567")]],
        ["t*s*o*m*d*e*h", *[w for n, v in zip("tsomdeh", "1234567") for w in (f"--{n}", v)]],  # no abbreviations
    ],
)
def test_inputs_named_like_options(tmp_path, args):
    """t, s, o, m, d, e, h are the first letters of options: every form that cannot clash works,
    and --NAME VALUE too, since no option is ever abbreviated."""
    out = tmp_path / "f.html"
    assert main(["export", *args, "-o", str(out)]) == 0
    want = player.data(trace("t*s*o*m*d*e*h", t=1.0, s=2.0, o=3.0, m=4.0, d=5.0, e=6.0, h=7.0).forward("d"))
    assert payload(out) == json.loads(json.dumps(want))


@pytest.mark.parametrize(
    "args",
    [
        ["-x*y", "x=-2", "y=3"],
        ["x=-2", "y=3", "-x*y"],  # any order
        ["--x", "-2", "--y", "3", "--", "-x*y"],  # after "--" every word is the expression or an input
        ["-x*y", "--x=-2", "--input", "y=3"],
        ["−x·y", "x=−2", "y=3"],  # typographic minus and dot, as pasted from a lesson
    ],
)
def test_expressions_that_begin_with_a_minus(tmp_path, args):
    out = tmp_path / "f.html"
    assert main(["export", "-o", str(out), *args]) == 0
    got = payload(out)
    assert got["n"] == trace("-x*y", x=-2.0, y=3.0).forward("x").n_steps


def test_version_and_help(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"autodiff-core {autodiff_core.__version__}\n"
    assert autodiff_core.__version__ == importlib.metadata.version("autodiff-core")  # one source of truth
    for argv in (["--help"], ["export", "--help"], ["export", "x", "-h"]):
        assert main(argv) == 0
        text = capsys.readouterr().out
        for name, op in FUNCTIONS.items():  # read from the op table, never typed in
            assert f"{name}({', '.join('abc'[: op.arity])})" in text
        for name in CONSTANTS:
            assert name in text.split("constants:")[1]


def test_svg_dir_writes_one_slide_per_step(tmp_path, capsys):
    folder = tmp_path / "slides" / "reverse"
    assert main(["export", "x1*x2 + sin(x1)", "x1=2", "x2=5", "--mode", "reverse", "--svg-dir", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == [f"step-00{k}.svg" for k in range(6)]
    assert not (tmp_path / "step_through.html").exists()  # --svg-dir alone writes the slides only
    assert capsys.readouterr().out.startswith(f"wrote 6 slides to {folder}")
    page = tmp_path / "p.html"
    assert main(["export", "x", "x=1", "--svg-dir", str(tmp_path / "s"), "-o", str(page)]) == 0
    assert page.exists() and len(list((tmp_path / "s").iterdir())) == 2


def test_presenter(tmp_path, capsys):
    """--presenter and --predict open the page in the player's presenter or predict mode."""
    sweep = trace("x*y", x=2.0, y=3.0).forward("x")
    for flag, options in (("--presenter", {"presenter": True}), ("--predict", {"predict": True})):
        out = tmp_path / f"{flag[2:]}.html"
        assert main(["export", "x*y", "x=2", "y=3", flag, "-o", str(out)]) == 0
        assert out.read_text(encoding="utf-8") == page(sweep, **options) != page(sweep)


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


# -- fuzz: whatever the words, one line and exit 2, or the page and exit 0 ----------------------------
WELL_FORMED = {  # expressions and their inputs: most runs should write a page
    "x*y": "xy",
    "-x*y": "xy",
    "sin(t) + o*m": "mot",
    "log(x)/h": "hx",
    "x, y": "xy",
    "mode*title": ["mode", "title"],
    "-e**2": "e",
    "sqrt(s)": "s",
}
NOISE = st.one_of(
    st.sampled_from(["2x", "x +", "", "-", "--", "(x", "tahn(x)", "1/(x-x)", "x1 ^ 2", "-x", "-h", "--mo"]),
    st.sampled_from(["--edge-labels", "--presenter", "--mode=forward", "--seed=x", "--seed", "-o", "--svg-dir"]),
    st.sampled_from(["1", "-2", "0", "1e400", "nan", "abc", "−3", "x=1", "--x", "--input", "y=", "=2"]),
    st.text(max_size=6),
)
GOOD_VALUE = st.floats(-50, 50, allow_nan=False).map(repr) | st.sampled_from(["1", "-2", "−3", "0.5", "2e0"])
ANY_VALUE = GOOD_VALUE | st.sampled_from(["0", "1e400", "nan", "inf", "abc", "", " 2 ", "1_0"])


@st.composite
def command_lines(draw):
    expression = draw(st.sampled_from(sorted(WELL_FORMED)))
    words = []
    for name in WELL_FORMED[expression]:
        value = draw(st.one_of(GOOD_VALUE, GOOD_VALUE, ANY_VALUE))
        form = draw(st.sampled_from(["bare", "input", "flag"]))
        words.append(
            [f"{name}={value}"]
            if form == "bare"
            else ["--input", f"{name}={value}"]
            if form == "input"
            else [f"--{name}", value]
        )
    mode = draw(st.sampled_from([None, "evaluate", "forward", "reverse", "sideways"]))
    if mode:
        words.append(["--mode", mode])
    if draw(st.booleans()):
        words.append(["--seed", draw(st.sampled_from(["0", "1", "2", "x", "t", "", "-1", "mode"]))])
    if draw(st.booleans()):
        words.append(["--direction", draw(st.sampled_from(["LR", "TB", "up"]))])
    if draw(st.booleans()):
        words.append(["--title", draw(st.text(max_size=8))])
    if draw(st.booleans()):
        words.append(["--svg-dir", "slides"])
    words = draw(st.permutations(words))
    words.insert(draw(st.integers(0, len(words))), [expression])
    for _ in range(draw(st.integers(0, 2))):
        words.insert(draw(st.integers(0, len(words))), [draw(NOISE)])
    return ["export", *(w for word in words for w in word)]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argv=command_lines())
def test_fuzz_arguments(argv):
    with tempfile.TemporaryDirectory() as tmp, contextlib.chdir(tmp):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
        written = sorted(str(p.relative_to(tmp)) for p in Path(tmp).rglob("*") if p.is_file())
    event(f"exit {code}")
    assert code in (0, 2), (argv, err.getvalue())
    if "-h" in argv:  # help, unless a mistake came first
        return
    if code == 2:
        assert err.getvalue().startswith("error: ") and err.getvalue().count("\n") == 1, (argv, err.getvalue())
        assert out.getvalue() == "" and not written, argv
    else:
        assert err.getvalue() == "" and out.getvalue().startswith("wrote "), argv
        assert written and not any(name.endswith(".part") for name in written), argv
