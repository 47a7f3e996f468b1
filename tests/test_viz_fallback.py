"""Without graphviz's ``dot``: nothing fails at import, one clear message, and the
same SVG renderer on the Python layout, for ``show()`` and for a graphviz object."""

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


def test_show_without_dot_is_the_svg_renderer_on_the_python_layout(no_dot):
    state = F.forward("x1").state(3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MissingDotWarning)
        shown = viz.show(state, edge_labels=True)
    assert isinstance(shown, viz.Drawing)
    assert shown.svg == viz.svg(state, edge_labels=True, layout=viz.layout(F, engine="python", edge_labels=True))
    for expected in ("×", "sin", "?", "not yet known"):
        assert expected in shown.svg
    with pytest.raises(ValueError, match="backend must be 'svg' or 'graphviz', not 'png'"):
        viz.show(F, backend="png")


def test_draw_matplotlib_is_deprecated_and_gives_the_same_drawing():
    with pytest.warns(DeprecationWarning, match=r"viz\.show\(obj\)"):
        drawing = viz.draw_matplotlib(Y.reverse().state(2), direction="TB")
    assert drawing.svg == viz.svg(Y.reverse().state(2), direction="TB")
    with pytest.warns(DeprecationWarning):
        assert viz.show(Y, backend="matplotlib").svg == viz.svg(Y)


def test_graphviz_object_displays_without_dot(no_dot):
    pytest.importorskip("graphviz")
    dg = viz.draw(F.reverse().state(4))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MissingDotWarning)
        bundle = dg._repr_mimebundle_()
    assert bundle["image/svg+xml"].startswith("<svg") and 'data-step="4"' in bundle["text/html"]
    assert bundle["image/svg+xml"] == viz.svg(F.reverse().state(4))  # the one drawing
