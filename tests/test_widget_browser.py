"""The step-through in a real browser: JupyterLab in headless Chromium.

A notebook showing the widget for both seed examples is written to a temporary
folder, opened and run. Then: next / previous / last / first and Play change
the highlighted node, the rule and the marked table row; they keep working
with the kernel shut down (the stepping is all in the browser); a change of
mode recomputes; bad input shows a message in place. Any console error fails.
Screenshots go to $SCREENSHOT_DIR (or the test's tmp dir), never the repository.
"""

import importlib.util

import nbformat
import pytest

from browser_support import (console_errors, jupyterlab, lab, open_notebook,  # noqa: F401
                             page, run_all_cells, screenshot_dir)
from conftest import jupyter_dirs, require

pytestmark = pytest.mark.browser

CELLS = [
    "from autodiff_core import examples\nfrom autodiff_core.widgets import StepThrough",
    'StepThrough(examples.F, mode="forward", seed="x1")',
    'StepThrough("sin(x**2 + 1)", x=1.5, mode="reverse")',
]


def write_notebook(path, cells=CELLS):
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(c) for c in cells],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}})
    nbformat.write(nb, path)


class Shown:
    """What one StepThrough on the page shows now."""

    def __init__(self, root):
        self.root = root

    def caption(self):
        return self.root.locator(".adstep-caption").inner_text()

    def current_node(self):
        node = self.root.locator('.adstep-drawing [data-node][data-status~="current"]')
        return node.get_attribute("data-node") if node.count() else None

    def current_row(self):
        row = self.root.locator("tr.adstep-current")
        return row.get_attribute("data-node") if row.count() else None

    def rule(self):
        """The rule's typeset text (MathJax's output, spaces dropped), '' if not typeset."""
        rule = self.root.locator(".adstep-rule")
        return "".join(rule.inner_text().split()) if rule.locator("mjx-container").count() else ""

    def click(self, which):
        self.root.locator(f".adstep-{which} > button:nth-child(2)").click()

    def wait_caption(self, text, timeout=10_000):
        self.root.page.wait_for_function(
            "([el, text]) => (el.querySelector('.adstep-caption')?.textContent ?? '')"
            ".startsWith(text)", arg=[self.root.element_handle(), text], timeout=timeout)

    def wait_typeset(self, k=None):
        """Wait until MathJax has typeset the rule of the frame shown (of step k)."""
        head = ".adstep-head" if k is None else f'.adstep-head[data-step="{k}"]'
        self.root.locator(f"{head} .adstep-rule mjx-container").first.wait_for(state="attached")


# open_notebook waits for the execution indicator to say idle, which it can do while the
# kernel is still initializing; Run All then opens a "Select Kernel" dialog and nothing
# runs (seen here about once in ten). The status bar's "| Idle" comes later.
KERNEL_IDLE = """() => [...document.querySelectorAll('.jp-StatusBar-TextItem')]
    .some(e => /\\| Idle$/.test(e.textContent.trim()))"""


def open_and_run(page, url, name):
    open_notebook(page, url, name)
    page.wait_for_function(KERNEL_IDLE)
    run_all_cells(page)


def shot(page, locator, path):
    """A screenshot of one widget, with a white margin inside its own box."""
    page.add_style_tag(content=".jp-OutputArea .adstep { padding: 14px; background: #fff; }")
    locator.scroll_into_view_if_needed()
    locator.screenshot(path=str(path))


def wide_layout(page):
    """Hide the file browser so the drawing and the table fit side by side."""
    page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current").first.click()
    page.wait_for_timeout(300)


def step_f_forward_to_three_and_back(f):
    """On f in forward mode: next ×3 (highlighted node and table row follow,
    the rule is typeset with its numbers), then previous."""
    for k, node in [(1, "w0_1"), (2, "w0_2"), (3, "w1_1")]:
        f.click("next")
        f.wait_caption(f"step {k} of 5")
        assert f.current_node() == f.current_row() == node
    f.wait_typeset(3)
    assert f.rule().endswith("=1⋅5+2⋅0=5")
    f.click("prev")
    f.wait_caption("step 2 of 5")


def test_step_through_in_jupyterlab(page, console_errors, lab, screenshot_dir):
    write_notebook(lab.root / "step_through.ipynb")
    page.set_viewport_size({"width": 1440, "height": 1000})
    open_and_run(page, lab.url, "step_through.ipynb")
    widgets = page.locator(".jp-OutputArea .adstep")
    widgets.nth(1).wait_for(state="visible")
    wide_layout(page)
    f, y = Shown(widgets.nth(0)), Shown(widgets.nth(1))

    assert f.caption() == "step 0 of 5: nothing computed yet"
    f.wait_typeset(0)
    assert (f.current_node(), f.current_row()) == (None, None)
    start = f.rule()          # the seed direction, ẋ₁ = 1, ẋ₂ = 0
    assert "=1,𝑥˙2=0" in start

    seen = []
    for k in (1, 2, 3):
        f.click("next")
        f.wait_caption(f"step {k} of 5")
        f.wait_typeset(k)
        seen.append((f.caption(), f.current_node(), f.current_row(), f.rule()))
    assert [s[0] for s in seen] == ["step 1 of 5: forward tangent of w⁰₁ (seed)",
                                    "step 2 of 5: forward tangent of w⁰₂ (seed)",
                                    "step 3 of 5: forward tangent of w¹₁"]
    assert [s[1] for s in seen] == [s[2] for s in seen] == ["w0_1", "w0_2", "w1_1"]
    rules = [s[3] for s in seen]
    assert len(set(rules + [start])) == 4
    assert rules[2].endswith("=1⋅5+2⋅0=5")          # MathJax's text of ẇ¹₁ = … = 1·5 + 2·0 = 5
    f.root.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / "step_through_lab.png"))
    shot(page, f.root, screenshot_dir / "step_through_forward.png")

    f.click("prev")
    f.wait_caption("step 2 of 5")
    assert (f.current_node(), f.current_row()) == ("w0_2", "w0_2")
    f.click("last")
    f.wait_caption("step 5 of 5: forward tangent of w²")
    assert "∂w²/∂x₁ = 4.58385" in f.root.locator(".adstep-note").inner_text()
    f.click("first")
    f.wait_caption("step 0 of 5")

    # Play: every step is shown in turn, then it stops at the last one.
    captions = {y.caption().split(":")[0]}
    y.root.locator(".adstep-play > button").first.click()
    for _ in range(200):
        caption = y.caption()
        captions.add(caption.split(":")[0])
        if caption.startswith("step 3 of 3"):
            break
        page.wait_for_timeout(50)
    assert captions == {"step 0 of 3", "step 1 of 3", "step 2 of 3", "step 3 of 3"}
    y.wait_typeset(3)
    assert (y.current_node(), y.current_row()) == ("w0", "w0")
    assert "∂w³/∂x = −2.98239" in y.root.locator(".adstep-note").inner_text()
    shot(page, y.root, screenshot_dir / "step_through_reverse.png")

    # A change of mode goes through the kernel: recompute, back to step 0.
    f.root.locator(".widget-toggle-button", has_text="reverse").click()
    f.wait_caption("step 0 of 5: output adjoint seeded")
    f.click("next")
    f.wait_caption("step 1 of 5: adjoint contribution w² → w¹₁")
    assert f.current_node() == "w1_1"

    # Bad input: a message in place, the last good graph and position kept.
    box = f.root.locator(".adstep-expr input")
    box.fill("x1*x2 + sin(x1")
    box.press("Enter")
    error = f.root.locator(".adstep-error")
    error.wait_for(state="visible")
    assert "column 12" in error.inner_text() and "Traceback" not in f.root.inner_text()
    assert f.caption().startswith("step 1 of 5") and f.current_node() == "w1_1"
    shot(page, f.root, screenshot_dir / "step_through_error.png")
    box.fill("x1*x2 + sin(x1)")
    box.press("Enter")
    error.wait_for(state="detached")
    f.wait_caption("step 0 of 5")

    assert console_errors == []

    # With the kernel shut down the stepping still works: it never needed one. (The
    # widget manager logs that it cannot tell the dead kernel; that is all it logs.)
    page.locator(".lm-MenuBar-itemLabel", has_text="Kernel").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Shut Down Kernel").first.click()
    page.locator(".jp-Notebook-ExecutionIndicator[data-status=unknown], "
                 ".jp-Notebook-ExecutionIndicator[data-status=dead]").first.wait_for(
        state="attached", timeout=20_000)
    f.click("next")
    f.click("next")
    f.wait_caption("step 2 of 5: adjoint contribution w² → w¹₂")
    assert f.current_row() == "w1_2"
    f.click("prev")
    f.wait_caption("step 1 of 5")
    assert all(e.startswith("Could not send widget sync message") for e in console_errors)


def test_a_saved_notebook_steps_without_its_kernel(page, console_errors, lab, screenshot_dir,
                                                   tmp_path, monkeypatch):
    """Run the notebook headless, saving the widget state; open the saved file
    in JupyterLab without running anything: the widget is drawn from the saved
    state, and every stepping control still works."""
    from nbclient import NotebookClient
    from nbformat.sign import NotebookNotary
    for var, value in jupyter_dirs(tmp_path / "kernel").items():
        monkeypatch.setenv(var, value)
    path = lab.root / "saved.ipynb"
    write_notebook(path, CELLS[:2])
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", store_widget_state=True).execute()
    # Trusted, as a notebook the user ran and saved is: JupyterLab renders widgets
    # only in trusted outputs. The server reads signatures from its data dir.
    NotebookNotary(data_dir=jupyter_dirs(tmp_path / "state")["JUPYTER_DATA_DIR"]).sign(nb)
    nbformat.write(nb, path)
    assert "application/vnd.jupyter.widget-state+json" in nb.metadata["widgets"]

    open_notebook(page, lab.url, "saved.ipynb")      # nothing is run
    f = Shown(page.locator(".jp-OutputArea .adstep").first)
    f.root.wait_for(state="visible")
    assert f.caption() == "step 0 of 5: nothing computed yet"
    assert page.locator(".jp-CodeCell .jp-InputPrompt").first.inner_text().strip() == "[1]:"
    step_f_forward_to_three_and_back(f)
    f.click("last")
    f.wait_caption("step 5 of 5")
    f.root.locator(".adstep-play > button").nth(1).click()     # Play's stop: step 0
    f.wait_caption("step 0 of 5")
    f.root.locator(".adstep-play > button").first.click()      # Play
    f.wait_caption("step 5 of 5", timeout=15_000)
    assert console_errors == []


def test_step_through_in_notebook7(page, console_errors, tmp_path, screenshot_dir):
    require(importlib.util.find_spec("notebook") is not None,
            "the Notebook 7 check needs the notebook package (pip install notebook)")
    root, state = tmp_path / "root", tmp_path / "state"
    root.mkdir()
    state.mkdir()
    write_notebook(root / "nb7.ipynb", CELLS[:2])
    with jupyterlab(root, state, app="notebook") as url:
        page.set_viewport_size({"width": 1300, "height": 1000})
        page.goto(f"{url}/notebooks/nb7.ipynb")
        page.locator(".jp-Notebook .jp-Cell").first.wait_for(state="visible")
        page.locator(".jp-Notebook .jp-Cell .cm-content").first.wait_for(state="visible")
        # Notebook 7.6 itself logs one error while loading its settings, before any
        # cell runs ("Cannot read properties of undefined (reading 'schema')"): not ours.
        page.wait_for_timeout(1500)
        console_errors.clear()
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        f = Shown(page.locator(".jp-OutputArea .adstep").first)
        f.root.wait_for(state="visible")
        assert f.caption() == "step 0 of 5: nothing computed yet"
        step_f_forward_to_three_and_back(f)
        f.root.locator(".adstep-play > button").first.click()
        f.wait_caption("step 5 of 5", timeout=15_000)
        f.root.locator(".widget-toggle-button", has_text="reverse").click()
        f.wait_caption("step 0 of 5: output adjoint seeded")
        f.click("last")
        f.wait_caption("step 5 of 5")
        page.screenshot(path=str(screenshot_dir / "step_through_notebook7.png"))
    assert console_errors == []
