"""The step-through in a real browser: JupyterLab (and Notebook 7) in headless Chromium.

A notebook showing the widget for both running examples is written to a
temporary folder, opened and run. Then: every stepping control and the
keyboard change the highlighted node, the rule and the marked table row; Play
runs to the end; stepping keeps working with the kernel shut down and in a
saved notebook reopened without one; a change of mode recomputes, and "last"
right after it reaches the new sweep's last step; bad input shows a message in
place. Every wait is on the page's state (``data-step``, ``data-kind`` on the
player's root), never on time. Any console error fails.
Screenshots go to $SCREENSHOT_DIR (or the test's tmp dir), never the repository.
"""

import http.cookiejar
import importlib.util
import json
import time
import urllib.request

import nbformat
import pytest

from browser_support import (
    SETTLED,
    axe_violations,
    jupyterlab,
    lab_notebook,
    low_contrast,
    open_notebook,
    run_all_cells,
    shut_down_kernel,
    write_notebook,
)
from support import jupyter_dirs, require

pytestmark = pytest.mark.browser

_SCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉", "01234567890123456789")


def plain(text):
    """Display text as the page's text reads it: w¹₂ (typeset as <sup>/<sub>) is 'w12'."""
    return text.translate(_SCRIPTS)


CELLS = [
    "from autodiff_core import examples\nfrom autodiff_core.widgets import StepThrough",
    'StepThrough(examples.F, mode="forward", seed="x1", speed=180)',
    'StepThrough("sin(x**2 + 1)", x=1.5, mode="reverse", speed=180)',
]


class Shown:
    """What one StepThrough on the page shows now (its DOM contract)."""

    def __init__(self, root):
        self.root = root  # the widget's VBox (.adstep)
        self.player = root.locator(".adstep-player")
        self.page = root.page

    def caption(self):
        """The caption as text, its super- and subscripts as plain digits."""
        return self.player.locator(".adstep-caption").text_content()

    def current_nodes(self):
        nodes = self.player.locator('.adstep-canvas [data-node][data-status~="current"]')
        return [nodes.nth(k).get_attribute("data-node") for k in range(nodes.count())]

    def current_node(self):
        nodes = self.current_nodes()
        assert len(nodes) <= 1, nodes
        return nodes[0] if nodes else None

    def current_rows(self):
        rows = self.player.locator("tr.current")
        return [rows.nth(k).get_attribute("data-node") for k in range(rows.count())]

    def current_row(self):
        rows = self.current_rows()
        assert len(rows) <= 1, rows
        return rows[0] if rows else None

    def rule(self):
        """The rule's text, whitespace dropped (scripts are laid out as blocks)."""
        return "".join(self.player.locator(".adstep-rule").inner_text().split())

    def numbers(self):
        return "".join(self.player.locator(".adstep-numbers").inner_text().split())

    def click(self, label):
        self.player.locator(f'button[aria-label="{label}"]').click()

    def wait_state(self, *, step=None, kind=None, timeout=20_000):
        """Wait until the player shows this step (and sweep kind)."""
        self.page.wait_for_function(
            "([el, step, kind]) => (step === null || el.getAttribute('data-step') === String(step))"
            " && (kind === null || el.getAttribute('data-kind') === kind)",
            arg=[self.player.element_handle(), step, kind],
            timeout=timeout,
        )

    def record_captions(self):
        """From now on, every caption the player shows is kept in the page."""
        self.player.evaluate("""el => {
            el.__captions = [];
            const c = el.querySelector('.adstep-caption');
            new MutationObserver(() => el.__captions.push(c.textContent)).observe(
                c, {childList: true, characterData: true, subtree: true});
        }""")

    def recorded(self):
        return self.player.evaluate("el => el.__captions")


def open_and_run(page, url, name):
    open_notebook(page, url, name)
    run_all_cells(page)


def shot(page, locator, path):
    """A screenshot of one widget, with a white margin inside its own box."""
    page.add_style_tag(content=".jp-OutputArea .adstep { padding: 14px; background: #fff; }")
    locator.scroll_into_view_if_needed()
    locator.screenshot(path=str(path))


def step_f_forward_to_two_and_back(f):
    """On f in forward mode: next ×2 (step 1 seeds both inputs, both highlighted; step 2
    computes w¹₁: highlighted node and table row follow, the rule is written out with
    its numbers), then previous."""
    f.click("next step")
    f.wait_state(step=1)
    assert f.caption().startswith("step 1 of 4: seed the tangents of the inputs")
    assert f.current_nodes() == f.current_rows() == ["w0_1", "w0_2"]
    f.click("next step")
    f.wait_state(step=2)
    assert f.caption().startswith("step 2 of 4")
    assert f.current_node() == f.current_row() == "w1_1"
    assert f.numbers() == "ẇ11=1·5+2·0=5"
    f.click("previous step")
    f.wait_state(step=1)
    assert f.caption().startswith("step 1 of 4")


def play_to_the_end(f, n):
    """From step 0, Play shows every step in turn and stops at the last one."""
    if f.player.get_attribute("data-step") != "0":
        f.click("first step")
        f.wait_state(step=0)
    f.record_captions()
    f.click("play")
    f.wait_state(step=n)
    seen = {c.split(":")[0] for c in f.recorded()}
    assert {f"step {k} of {n}" for k in range(1, n + 1)} <= seen


def test_step_through_in_jupyterlab(page, console_errors, lab, screenshot_dir):
    write_notebook(lab.root / "step_through.ipynb", CELLS)
    page.set_viewport_size({"width": 1440, "height": 1000})
    open_and_run(page, lab.url, "step_through.ipynb")
    widgets = page.locator(".jp-OutputArea .widget-vbox.adstep")
    widgets.nth(1).locator(".adstep-player").wait_for(state="visible")
    f, y = Shown(widgets.nth(0)), Shown(widgets.nth(1))
    f.wait_state(step=0, kind="forward")
    y.wait_state(step=0, kind="reverse")

    assert f.caption() == "step 0 of 4: nothing computed yet"
    # nothing computed; the table marks where the sweep starts (the step's focus: the inputs)
    assert (f.current_nodes(), f.current_rows()) == ([], ["w0_1", "w0_2"])
    step_f_forward_to_two_and_back(f)
    f.click("next step")
    f.wait_state(step=2)
    assert f.rule() == "ẇ11=ẇ01·w02+w01·ẇ02"
    f.root.scroll_into_view_if_needed()
    page.wait_for_function(SETTLED)
    page.screenshot(path=str(screenshot_dir / "step_through_lab.png"))
    shot(page, f.root, screenshot_dir / "step_through_forward.png")

    f.click("last step")
    f.wait_state(step=4)
    assert f.caption().startswith(plain("step 4 of 4: forward tangent of w²"))
    assert plain("∂w²/∂x₁ = 4.58385") in f.player.locator(".adstep-note").text_content()
    f.click("first step")
    f.wait_state(step=0)

    # The keyboard, once the player has the focus.
    f.player.focus()
    f.player.press("ArrowRight")
    f.wait_state(step=1)
    f.player.press("End")
    f.wait_state(step=4)
    f.player.press("ArrowLeft")
    f.wait_state(step=3)
    f.player.press("Home")
    f.wait_state(step=0)

    # Play shows every step in turn and stops at the last one.
    play_to_the_end(y, 3)
    assert (y.current_node(), y.current_row()) == ("w0", "w0")
    assert plain("∂w³/∂x = −2.98239") in y.player.locator(".adstep-note").text_content()
    shot(page, y.root, screenshot_dir / "step_through_reverse.png")

    # A change of mode goes through the kernel: a new sweep, at step 0; "last" then
    # reaches the new sweep's last step.
    f.root.locator(".widget-toggle-button", has_text="reverse").click()
    f.wait_state(step=0, kind="reverse")
    assert f.caption().startswith("step 0 of 5: output adjoint seeded")
    f.click("next step")
    f.wait_state(step=1)
    assert f.caption() == plain("step 1 of 5: adjoint contribution w² → w¹₁")
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
    f.wait_state(step=0)

    assert console_errors == []

    # With the kernel shut down the stepping still works: it never needed one.
    shut_down_kernel(page)
    f.click("next step")
    f.wait_state(step=1)
    f.click("next step")
    f.wait_state(step=2)
    assert f.caption() == plain("step 2 of 5: adjoint contribution w² → w¹₂")
    assert f.current_row() == "w1_2"
    f.click("previous step")
    f.wait_state(step=1)
    # the widget manager may log that it cannot reach the dead kernel; that is all
    assert all(e.startswith("Could not send widget sync message") for e in console_errors)


def test_a_saved_notebook_steps_without_its_kernel(page, console_errors, lab, screenshot_dir, tmp_path, monkeypatch):
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

    open_notebook(page, lab.url, "saved.ipynb")  # nothing is run
    f = Shown(page.locator(".jp-OutputArea .widget-vbox.adstep").first)
    f.player.wait_for(state="visible")
    f.wait_state(step=0, kind="forward")
    assert f.caption() == "step 0 of 4: nothing computed yet"
    assert page.locator(".jp-CodeCell .jp-InputPrompt").first.inner_text().strip() == "[1]:"
    step_f_forward_to_two_and_back(f)
    f.click("last step")
    f.wait_state(step=4)
    f.click("first step")
    f.wait_state(step=0)
    play_to_the_end(f, 4)
    assert console_errors == []


# The drawing as a reader sees it in one widget: its smallest value text in CSS px, whether it
# is whole inside its view, and the view's inner width.
DRAWN = """(root) => {
    const view = root.querySelector('.adstep-view'), v = view.getBoundingClientRect();
    const base = root.querySelector('.adstep-canvas svg').getBoundingClientRect();
    const px = [...root.querySelectorAll('.adstep-canvas g[data-node] text')]
        .filter((t) => t.textContent.includes(' = '))
        .map((t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);
    return {value_px: Math.min(...px), room: root.querySelector('.adstep-body').clientWidth - 2,
            whole: base.left >= v.left && base.right <= v.right && base.top >= v.top && base.bottom <= v.bottom};
}"""
PRESENTED = """() => { const r = document.querySelector('.adstep-player[data-presenter]');
    if (!r) return null; const b = r.getBoundingClientRect(); return [b.left, b.top, b.width, b.height]; }"""


@pytest.mark.parametrize("theme", ["JupyterLab Light", "JupyterLab Dark"])
def test_the_player_in_jupyterlab_at_1280x720(page, console_errors, tmp_path, screenshot_dir, theme):
    """The lessons' widgets as a projector shows them (1280×720, the sidebar collapsed): the
    drawing readable (14 px text) and whole where it can be, the theme followed, no WCAG A/AA
    violation (axe, and the computed contrast of every text), presenter mode over the page."""
    from autodiff_core import examples, player

    cells = [
        CELLS[0],
        'StepThrough(examples.F, mode="reverse")',
        'StepThrough(examples.NEURON.expression, mode="reverse", **examples.NEURON.inputs)',
        'typo = StepThrough("x*2 + 1", x=1.0)\ntypo.expression.value = "x*2 +* 1"\ntypo',
    ]
    dark = "Dark" in theme
    with lab_notebook(page, tmp_path, "view.ipynb", cells, theme=theme):
        widgets = page.locator(".jp-OutputArea .widget-vbox.adstep")
        widgets.nth(1).locator(".adstep-player").wait_for(state="visible")
        f, neuron = Shown(widgets.nth(0)), Shown(widgets.nth(1))
        for w in (f, neuron):
            w.wait_state(step=0, kind="reverse")
            assert w.player.get_attribute("data-theme") == ("dark" if dark else "light")
        drawn = {name: w.player.evaluate(DRAWN) for name, w in [("f", f), ("neuron", neuron)]}
        assert drawn["f"]["value_px"] >= 14 and drawn["f"]["whole"], drawn
        assert drawn["neuron"]["value_px"] >= 14, drawn
        neuron.click("next step")
        neuron.wait_state(step=1)
        neuron.root.scroll_into_view_if_needed()
        page.wait_for_function(SETTLED)
        page.screenshot(path=str(screenshot_dir / f"lab_1280x720_{'dark' if dark else 'light'}.png"))
        assert axe_violations(page, ".jp-OutputArea .widget-vbox.adstep") == []
        assert low_contrast(f.player) == [] and low_contrast(neuron.player) == []
        # the settings row and an error line around the player follow the theme too
        typo = widgets.nth(2)
        typo.locator(".adstep-error mark").wait_for(state="visible")
        typo.locator(".adstep-error").screenshot(
            path=str(screenshot_dir / f"lab_error_{'dark' if dark else 'light'}.png")
        )
        for part in (widgets.nth(0).locator(".adstep-settings"), typo.locator(".adstep-settings"), typo):
            assert [x for x in low_contrast(part) if x[0] != "focus ring"] == []
        assert typo.locator(".adstep-error").evaluate("(e) => getComputedStyle(e).color") == (
            "rgb(255, 255, 255)" if dark else "rgb(0, 0, 0)"
        )

        f.click("presenter mode")
        page.wait_for_function(f"({PRESENTED})() !== null")
        assert page.evaluate(PRESENTED) == pytest.approx([0, 0, 1280, 720], abs=1)
        page.wait_for_function(SETTLED)
        page.screenshot(path=str(screenshot_dir / f"lab_presenter_{'dark' if dark else 'light'}.png"))
        page.keyboard.press("Escape")
        page.wait_for_function(f"({PRESENTED})() === null")
        assert widgets.nth(0).locator(".adstep-player").count() == 1  # back in its output
        assert console_errors == []
    width = player.data(examples.NEURON.graph().reverse())["width"]
    assert width <= drawn["neuron"]["room"], f"the neuron is {width} px wide at 14 px text, its view {drawn}"
    assert drawn["neuron"]["whole"], drawn


_STARTED = """() => document.querySelector('.jp-Dialog .jp-mod-accept') ||
    /\\[[\\d*]+\\]/.test(document.querySelector('.jp-CodeCell .jp-InputPrompt')?.textContent ?? '')"""


def run_all_in_notebook7(page):
    """Run > Run All Cells, until the first cell has started. While Notebook 7 is still
    loading its settings after its kernel says idle, a Run All can be dropped (nothing
    starts): then it is asked again. Run All before the kernel is connected asks which
    kernel to start: say "Select"."""
    for attempt in range(3):
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        try:
            page.wait_for_function(_STARTED, timeout=15_000)
            break
        except Exception:
            if attempt == 2:
                raise
    dialog = page.locator(".jp-Dialog .jp-mod-accept")
    if dialog.count():
        dialog.click()


class Server:
    """The Jupyter server's REST API, with the XSRF cookie it wants echoed."""

    def __init__(self, url: str):
        self.url = url
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        self.opener.open(f"{url}/tree", timeout=30).close()
        self.xsrf = next((c.value for c in jar if c.name == "_xsrf"), "")

    def call(self, path: str, body: dict | None = None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"{self.url}{path}",
            data=data,
            method="GET" if body is None else "POST",
            headers={"Content-Type": "application/json", "X-XSRFToken": self.xsrf},
        )
        with self.opener.open(request, timeout=30) as reply:
            return json.load(reply)


def start_kernel(server: Server, path: str) -> str:
    """Start the notebook's session (and kernel) before the page opens: Notebook 7 then
    attaches to it instead of starting, or asking for, a kernel of its own while Run All
    is on its way. Returns the kernel id."""
    body = {"path": path, "name": path, "type": "notebook", "kernel": {"name": "python3"}}
    return server.call("/api/sessions", body)["kernel"]["id"]


def wait_connected(server: Server, kernel: str, timeout: float = 120) -> None:
    """Until the server sees the page connected to the kernel and the kernel idle."""
    for _ in range(int(timeout / 0.25)):
        k = server.call(f"/api/kernels/{kernel}")
        if k["connections"] >= 1 and k["execution_state"] == "idle":
            return
        time.sleep(0.25)  # polling the server's state
    raise RuntimeError(f"the page did not connect to kernel {kernel} in {timeout} s: {k}")


def test_step_through_in_notebook7(page, console_errors, tmp_path, screenshot_dir):
    require(
        importlib.util.find_spec("notebook") is not None,
        "the Notebook 7 check needs the notebook package (pip install notebook)",
    )
    root, state = tmp_path / "root", tmp_path / "state"
    root.mkdir()
    state.mkdir()
    write_notebook(root / "nb7.ipynb", CELLS[:2])
    with jupyterlab(root, state, app="notebook") as url:
        server = Server(url)
        kernel = start_kernel(server, "nb7.ipynb")
        page.set_viewport_size({"width": 1300, "height": 1000})
        page.goto(f"{url}/notebooks/nb7.ipynb")
        page.locator(".jp-Notebook .jp-Cell .cm-content").first.wait_for(state="visible")
        page.locator(".jp-Notebook-ExecutionIndicator[data-status=idle]").wait_for(state="attached")
        wait_connected(server, kernel)
        f = Shown(page.locator(".jp-OutputArea .widget-vbox.adstep").first)
        run_all_in_notebook7(page)
        f.player.wait_for(state="visible")
        assert [s["kernel"]["id"] for s in server.call("/api/sessions")] == [kernel]  # no second kernel
        f.wait_state(step=0, kind="forward")
        assert f.caption() == "step 0 of 4: nothing computed yet"
        assert f.player.get_attribute("data-theme") == "light"
        assert f.player.evaluate(DRAWN)["value_px"] >= 14
        step_f_forward_to_two_and_back(f)
        play_to_the_end(f, 4)
        f.root.locator(".widget-toggle-button", has_text="reverse").click()
        f.wait_state(step=0, kind="reverse")
        f.click("last step")
        f.wait_state(step=5, kind="reverse")
        assert f.caption().startswith("step 5 of 5")
        page.wait_for_function(SETTLED)
        page.screenshot(path=str(screenshot_dir / "step_through_notebook7.png"))
    # Notebook 7.6 itself logs one error while loading its settings, before any cell
    # runs ("Cannot read properties of undefined (reading 'schema')"): not ours.
    assert [e for e in console_errors if "reading 'schema'" not in e] == []
