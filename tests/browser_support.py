"""Helpers for tests that drive JupyterLab in a real browser.

Follows shared/browser-testing.md: JupyterLab on a free loopback port with
all its state in a temporary directory; Debian's Chromium launched through
the Python playwright package (never `playwright install`); console errors
collected so a test can fail on them.

Use the fixtures `lab` (a running server and the folder it serves), `page`
(a Chromium page) and `console_errors`, with `open_notebook` and
`run_all_cells`. Missing Chromium or playwright fails under CI=true and
skips elsewhere, through `require`; ask for `page` before `lab` so that
happens before a server is started.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from support import jupyter_dirs, require

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 60_000

# JupyterLab settings for tests: no news toast, no autosave (the browser must
# never write into a notebook). Written as the user settings of the temporary
# config dir, which has the same effect as the doc's overrides.json without
# writing into the environment's sys.prefix.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def jupyterlab(root_dir: Path, state_dir: Path, timeout: float = 60, app: str = "jupyterlab", theme: str = ""):
    """Run JupyterLab (or ``app="notebook"``: Notebook 7) serving `root_dir`, its
    state in `state_dir`, in its default theme or `theme` ("JupyterLab Dark"); yield its
    base URL."""
    env = {**os.environ, **jupyter_dirs(state_dir)}
    themes = {"@jupyterlab/apputils-extension/themes": {"theme": theme}} if theme else {}
    for plugin, settings in {**LAB_SETTINGS, **themes}.items():
        path = Path(env["JUPYTER_CONFIG_DIR"], "lab", "user-settings", plugin + ".jupyterlab-settings")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(state_dir / "jupyterlab.log", "w+")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            app,
            "--no-browser",
            "--ip",
            "127.0.0.1",
            "--port",
            str(port),
            "--port-retries=0",
            "--ServerApp.token=",
            "--ServerApp.password=",
            "--allow-root",
            f"--ServerApp.root_dir={root_dir}",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # its own process group: its kernels go with it
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(url + "/api/status", timeout=2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"{app} did not start:\n{log.read()[-3000:]}") from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()  # lets the server shut its kernels down
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


@dataclass
class Lab:
    url: str  # base URL, e.g. http://127.0.0.1:PORT
    root: Path  # the folder it serves: copy or write the test's notebook here


@pytest.fixture
def lab(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    (tmp_path / "state").mkdir()
    with jupyterlab(root, tmp_path / "state") as url:
        yield Lab(url, root)


@pytest.fixture
def console_errors():
    """Console errors and uncaught exceptions of `page`, as text."""
    return []


@pytest.fixture
def page(console_errors):
    require(
        os.access(CHROMIUM, os.X_OK), f"browser tests need Chromium at {CHROMIUM} (Debian: apt-get install chromium)"
    )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "browser tests need the playwright package (pip install playwright)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            # SCREENSHOT_SCALE=1.5: a 1920 × 1080 screen at 150 % zoom (the same CSS layout as
            # 1280 × 720, drawn at 1.5 device pixels per CSS pixel), for looking at the shots
            scale = float(os.environ.get("SCREENSHOT_SCALE") or 1)
            page = browser.new_page(viewport={"width": 1280, "height": 800}, device_scale_factor=scale)
            page.set_default_timeout(TIMEOUT_MS)
            page.on("console", lambda m: m.type == "error" and console_errors.append(m.text))
            page.on("pageerror", lambda e: console_errors.append(str(e)))
            yield page
        finally:
            browser.close()


@pytest.fixture
def screenshot_dir(tmp_path) -> Path:
    """Where screenshots go: $SCREENSHOT_DIR if set, else the test's tmp dir."""
    path = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    path.mkdir(parents=True, exist_ok=True)
    return path


# The doc's `.jp-Notebook-ExecutionIndicator[data-status=idle]` alone is not
# enough: it already says idle while the notebook shows "No Kernel", and Run
# All clicked then does nothing. The status bar names the kernel once connected.
_KERNEL_IDLE = """() =>
    document.querySelector('.jp-Notebook-ExecutionIndicator[data-status=idle]') !== null &&
    [...document.querySelectorAll('.jp-StatusBar-TextItem')]
        .some(e => /^(?!No Kernel).+ \\| Idle$/.test(e.textContent.trim()))"""


def wait_for_kernel_idle(page, timeout_ms: int = TIMEOUT_MS) -> None:
    page.wait_for_function(_KERNEL_IDLE, timeout=timeout_ms)


def open_notebook(page, url: str, name: str) -> None:
    """Open notebook `name` (relative to the served root) and wait for its kernel to be idle."""
    page.goto(f"{url}/lab/tree/{name}?reset")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(state="visible")
    wait_for_kernel_idle(page)


# True once every non-empty code cell shows an execution count `[n]`.
_ALL_CELLS_RAN = """() => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')]
    .filter(c => (c.querySelector('.cm-content')?.textContent ?? '').trim() !== '')
    .every(c => /\\[\\d+\\]/.test(c.querySelector('.jp-InputPrompt')?.textContent ?? ''))"""


def run_all_cells(page, timeout_ms: int = TIMEOUT_MS) -> None:
    """Run > Run All Cells, then wait until every cell has run and the kernel is idle."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    try:
        page.wait_for_function(_ALL_CELLS_RAN, timeout=timeout_ms)
    except Exception as exc:  # say what the notebook shows instead of a bare timeout
        shown = page.locator(".jp-Notebook").inner_text()
        raise AssertionError(f"not every cell ran (an error stops Run All):\n{shown[-3000:]}") from exc
    wait_for_kernel_idle(page)


# -- the player on an exported page ---------------------------------------------------------
ROOT = "document.querySelector('.adstep-player')"
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"


def wait_step(page, k, root=ROOT):
    """Until the player shows step k."""
    page.wait_for_function(f"{root}?.getAttribute('data-step') === '{k}'")


def open_export(page, sweep, folder: Path, name: str, **options):
    """Export `sweep` to folder/name.html, open it and wait for step 0; the player's root."""
    from autodiff_core.player.page import export_html

    path = export_html(sweep, folder / f"{name}.html", **options)
    page.goto(path.as_uri())
    wait_step(page, 0)
    return page.locator(".adstep-player")


def axe_violations(page, context: str = "document", tags=("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")) -> list:
    """axe-core's WCAG A/AA violations in the elements matching `context` (a selector; or the
    whole document), each as (rule id, impact, the first offending elements' HTML): [] when
    there are none."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async ([context, tags]) => {
            const found = [];
            const where = context === 'document' ? [document] : [...document.querySelectorAll(context)];
            if (!where.length) throw new Error(`axe: nothing matches ${context}`);
            for (const w of where) {
                const r = await axe.run(w, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
                for (const v of r.violations) found.push([v.id, v.impact, v.nodes.slice(0, 3).map((n) => n.html)]);
            }
            return found;
        }""",
        [context, list(tags)],
    )
    return [tuple(v) for v in result]


# Text whose contrast with what is behind it is below WCAG AA (4.5:1; 3:1 for large text), for
# every visible HTML element with text of its own inside `root` (the SVG drawing is left out:
# its colours are the drawing's): the colours as the browser computed them, backgrounds
# composited up to the page. And the focus ring's colour against the root's background (3:1).
_CONTRAST = """(root) => {
    const parse = (c) => {
        const m = /rgba?\\(([^)]+)\\)/.exec(c);
        if (!m) return null;
        const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
        return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    };
    const lum = (c) => {
        const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
    };
    const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
    const behind = (e) => {
        const layers = [];
        for (; e; e = e.parentElement) {
            const c = parse(getComputedStyle(e).backgroundColor);
            if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
        }
        return layers.reverse().reduce((under, c) => over(c, under), [255, 255, 255, 1]);
    };
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const low = [];
    for (const e of root.querySelectorAll('*')) {
        if (e.closest('svg, .adstep-sr, [hidden], button:disabled') || !e.getClientRects().length) continue;
        if (![...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
        const cs = getComputedStyle(e);
        if (cs.visibility === 'hidden') continue;
        const bg = behind(e), fg = over(parse(cs.color), bg);
        const size = parseFloat(cs.fontSize), large = size >= 24 || (+cs.fontWeight >= 700 && size >= 18.66);
        const r = ratio(fg, bg);
        const what = [e.className || e.tagName, e.textContent.trim().slice(0, 40), cs.color, +r.toFixed(2)];
        if (r < (large ? 3 : 4.5)) low.push(what);
    }
    const ring = parse(getComputedStyle(root).getPropertyValue('--adstep-ui-focus').trim()
        ? (() => { const p = document.createElement('i'); p.style.color = 'var(--adstep-ui-focus)'; root.append(p);
                   const c = getComputedStyle(p).color; p.remove(); return c; })() : 'rgb(0, 0, 0)');
    const r = ratio(over(ring, behind(root)), behind(root));
    if (r < 3) low.push(['focus ring', '', String(ring), +r.toFixed(2)]);
    return low;
}"""


def low_contrast(locator) -> list:
    """The player's texts (and focus ring) below WCAG AA contrast, inside `locator`: [] if none."""
    return [tuple(x) for x in locator.evaluate(_CONTRAST)]


#: A step's flow has landed: no new number is still covered, waiting to fade in (what a
#: screenshot should show).
SETTLED = "!document.querySelector('.adstep-cover')"


# Records, on `root`, every flow dot and every freshly written node the player adds from now
# on, in window.seen, so a test need not depend on how long an animation lasts.
WATCH = """(root) => {
    window.seen = {dots: 0, fresh: []};
    new MutationObserver((changes) => {
        for (const c of changes) {
            for (const n of c.addedNodes) if (n.classList?.contains('adstep-dot')) window.seen.dots++;
            const name = c.target.getAttribute?.('data-node');
            if (c.type === 'attributes' && c.target.classList.contains('adstep-fresh')
                && !window.seen.fresh.includes(name)) window.seen.fresh.push(name);
        }
    }).observe(root, {subtree: true, childList: true, attributes: true, attributeFilter: ['class']});
}"""


def shut_down_kernel(page) -> None:
    """Kernel > Shut Down Kernel in JupyterLab, and wait until the notebook shows it gone."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Kernel").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Shut Down Kernel").first.click()
    page.locator(
        ".jp-Notebook-ExecutionIndicator[data-status=unknown], .jp-Notebook-ExecutionIndicator[data-status=dead]"
    ).first.wait_for(state="attached", timeout=20_000)


@contextmanager
def lab_notebook(page, tmp_path: Path, name: str, cells, theme: str = ""):
    """A notebook of `cells` run top to bottom in JupyterLab (in `theme`, e.g. "JupyterLab
    Dark"), at 1280 × 720 with the left sidebar collapsed, as on a projector; yields the URL."""
    root, state = tmp_path / "root", tmp_path / "state"
    root.mkdir()
    state.mkdir()
    write_notebook(root / name, cells)
    with jupyterlab(root, state, theme=theme) as url:
        page.set_viewport_size({"width": 1280, "height": 720})
        open_notebook(page, url, name)
        page.keyboard.press("Control+b")
        run_all_cells(page)
        yield url


def write_notebook(path, cells) -> None:
    """A notebook of code cells `cells` (sources) at `path`, on the python3 kernel."""
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(c) for c in cells],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    nbformat.write(nb, path)
