"""Without graphviz's ``dot``: nothing fails at import, one clear message, the
Python layout for SVG frames, and the matplotlib drawing with the same content."""

import io
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET

import pytest

from autodiff_core import examples
from autodiff_core import viz
from autodiff_core.viz import MissingDotWarning, style

F = examples.F.graph()
Y = examples.Y.graph()


@pytest.fixture
def no_dot(monkeypatch, tmp_path):
    """PATH without ``dot``, and the cached detection forgotten (and again afterwards)."""
    monkeypatch.setenv("PATH", str(tmp_path))
    viz.reset_dot_detection()
    yield
    monkeypatch.undo()
    viz.reset_dot_detection()


def test_import_needs_neither_dot_nor_matplotlib_nor_graphviz(tmp_path):
    code = (
        "import sys, autodiff_core.viz as v\n"
        "print(v.has_dot(), 'matplotlib' in sys.modules, 'graphviz' in sys.modules)\n"
        "from autodiff_core import examples\n"
        "g = examples.F.graph()\n"
        "print(len(v.frames(g.reverse())), len(v.svg(g)) > 1000)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env={"PATH": str(tmp_path)}, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False", "False", "6", "True"]
    assert done.stderr.count("graphviz's `dot` program was not found") == 1
    for how in ("apt-get install graphviz", "brew install graphviz", "conda install -c conda-forge graphviz"):
        assert how in done.stderr


def test_detection_is_cached_and_resettable(no_dot, monkeypatch):
    assert viz.has_dot() is False
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    assert viz.has_dot() is False  # cached until reset
    viz.reset_dot_detection()
    assert viz.has_dot() is (subprocess.run(["sh", "-c", "command -v dot"], capture_output=True).returncode == 0)


def test_frames_use_the_python_layout_and_warn_once(no_dot):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert viz.layout(Y).engine == "python"
        frames = viz.frames(Y.reverse())
        viz.svg(F.forward("x1").state(3))
    assert [w.category for w in caught] == [MissingDotWarning]
    assert "apt-get install graphviz" in str(caught[0].message)
    roots = [ET.fromstring(f) for f in frames]
    spots = [
        [r.get("x") for r in root.iter("{http://www.w3.org/2000/svg}rect") if r.get("rx") == str(style.RADIUS)]
        for root in roots
    ]
    assert all(s == spots[0] for s in spots) and len(spots[0]) == len(Y)


def texts(fig):
    return [t.get_text() for t in fig.axes[0].texts]


def test_matplotlib_drawing_shows_the_same_information(no_dot):
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyBboxPatch

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MissingDotWarning)
        fig = viz.draw_matplotlib(F.forward("x1").state(3), edge_labels=True)
    assert isinstance(fig, Figure)
    shown = texts(fig)
    for expected in (
        "×",
        "sin",
        "+",
        r"input $x_{1}$",
        r"$w^{1}_{1}$ = ",
        r"$\dot{w}^{1}_{1}$ = ",
        "5",
        "?",
        r"$w^{0}_{2}$ = 5",
        r"cos($w^{0}_{1}$) = −0.416147",
        r"forward mode: tangents $\dot{w}$",
        "not yet known",
    ):
        assert expected in shown, expected
    assert shown.count("?") == 3  # ẇ¹₂ and ẇ² not yet known, and the legend's swatch
    s = style.scheme("forward")
    boxes = [p for p in fig.axes[0].patches if isinstance(p, FancyBboxPatch)]
    current = [p for p in boxes if p.get_facecolor()[:3] == _rgb(s.strong_tint)]
    assert len(current) == 2  # the current node and the legend's swatch
    png = io.BytesIO()
    fig.savefig(png, format="png")
    assert png.getvalue()[:8] == b"\x89PNG\r\n\x1a\n"


def test_matplotlib_reverse_and_plain_graph():
    fig = viz.draw_matplotlib(Y.reverse().state(2), direction="TB", layout=viz.layout(Y, "TB", engine="python"))
    shown = texts(fig)
    assert r"$\bar{a}$ = " in shown and "−0.99413" in shown and r"$\bar{x}$ = " in shown
    assert "reverse mode: adjoints $\\bar{w}$" in shown
    plain = texts(viz.draw_matplotlib(Y, layout=viz.layout(Y, engine="python")))
    assert "?" not in plain and "(·$)^{2}$" in plain and "2.25" in plain


def test_matplotlib_leaves_global_state_alone():
    import matplotlib

    before = dict(matplotlib.rcParams)
    viz.draw_matplotlib(F, layout=viz.layout(F, engine="python"))
    assert "matplotlib.pyplot" not in sys.modules or not __import__("matplotlib.pyplot").pyplot.get_fignums()
    assert {k for k in before if before[k] != matplotlib.rcParams[k]} <= {"backend"}


def test_graphviz_object_displays_without_dot(no_dot):
    pytest.importorskip("graphviz")
    dg = viz.draw(F.reverse().state(4))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MissingDotWarning)
        bundle = dg._repr_mimebundle_()
    assert bundle["image/svg+xml"].startswith("<svg") and 'data-step="4"' in bundle["text/html"]


def _rgb(hex_colour):
    return tuple(int(hex_colour[k : k + 2], 16) / 255 for k in (1, 3, 5))
