"""Step-through latency, in a real browser: JupyterLab in headless Chromium.

Measures, for both seed examples (f forward, y reverse) and, for scale, a
101-node chain:

* click to new frame: from the browser's click event on "next" (a real,
  trusted mouse click sent by Playwright) to the new frame's caption, drawing
  and table in the page, then to the first animation frame after that (the
  frame that paints it; target <= 50 ms), and to MathJax having typeset its
  rule; median and 90th percentile over --clicks clicks. Stepping never waits
  for the kernel. (The widget still tells the kernel: every control linked to
  the step sends it one message, about two per frame of the sweep, which is
  why a 101-step sweep steps slower than the seed examples.)
* recompute after an input change: from the Enter key in an input box to the
  recomputed frame 0 (new numbers) on screen. This one goes through the
  kernel: trace, sweep, every frame's SVG and HTML, sent back as widgets
  (target <= 300 ms). Also the kernel-side part alone (StepModel.recompute).

Not a timed test: it prints the figures.

    python benchmarks/widget_latency.py [--clicks 30] [--changes 10] [--screenshot PATH]

Needs jupyterlab, ipywidgets, playwright (the Python package only; never run
`playwright install`) and Chromium at /usr/bin/chromium (or $CHROMIUM).
"""

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import nbformat

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
CELLS = ["from autodiff_core import examples, sin\nfrom autodiff_core.widgets import StepThrough",
         'StepThrough(examples.F, mode="forward", seed="x1")',
         'StepThrough(examples.Y, mode="reverse")',
         # scale: each step also moves the per-frame previous/next controls (2 per frame)
         "def chain(x):\n    for _ in range(50):\n        x = sin(x) * 0.5\n    return x\n"
         'StepThrough(chain, x=1.0, mode="forward")']
MEASURED = [("f forward (5 steps)", 5), ("y reverse (3 steps)", 3),
            ("a 101-node chain, forward (101 steps)", 101)]

# In the page: resolve with the times (ms after the click event) at which frame
# `target` is in the DOM, the animation frame after that, and its rule typeset.
MEASURE_CLICK = """([root, target]) => { window.__latency = new Promise((resolve, reject) => {
  setTimeout(() => reject(new Error(`frame ${target} not shown within 10 s`)), 10000);
  let t0 = null;
  document.addEventListener('click', () => { t0 = performance.now(); }, {capture: true, once: true});
  const shown = () => root.querySelector(`.adstep-head[data-step="${target}"] .adstep-caption`)
                  && root.querySelector(`.adstep-body[data-step="${target}"] svg`);
  const typeset = () => root.querySelector(`.adstep-head[data-step="${target}"] mjx-container`);
  const done = (dom) => requestAnimationFrame(() => {
    const frame = performance.now() - t0;
    const poll = () => typeset() ? resolve({dom, frame, typeset: performance.now() - t0})
                                 : requestAnimationFrame(poll);
    poll();
  });
  const obs = new MutationObserver(() => {
    if (t0 !== null && shown()) { obs.disconnect(); done(performance.now() - t0); }
  });
  obs.observe(root, {childList: true, subtree: true, attributes: true});
}); }"""

# Resolve when frame 0 shows `value` in the table row of node `node`.
MEASURE_RECOMPUTE = """([root, node, value]) => { window.__latency = new Promise((resolve, reject) => {
  setTimeout(() => reject(new Error(`${node} = ${value} not shown within 10 s`)), 10000);
  let t0 = null;
  document.addEventListener('keydown', e => { if (e.key === 'Enter') t0 = performance.now(); },
                            {capture: true, once: true});
  const shown = () => {
    const row = root.querySelector(`.adstep-body[data-step="0"] tr[data-node="${node}"]`);
    return row && [...row.cells].some(c => c.textContent === value);
  };
  const obs = new MutationObserver(() => {
    if (t0 !== null && shown()) {
      obs.disconnect();
      requestAnimationFrame(() => resolve(performance.now() - t0));
    }
  });
  obs.observe(root, {childList: true, subtree: true, characterData: true});
}); }"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def jupyterlab(root: Path, state: Path):
    """JupyterLab on a free loopback port, all its state under `state`."""
    env = dict(os.environ)
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR",
                "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "MPLCONFIGDIR"):
        (state / var.lower()).mkdir(parents=True, exist_ok=True)
        env[var] = str(state / var.lower())
    settings = Path(env["JUPYTER_CONFIG_DIR"], "lab", "user-settings", "@jupyterlab")
    for plugin, value in {"apputils-extension/notification": {"fetchNews": "false",
                                                              "checkForUpdates": False},
                          "docmanager-extension/plugin": {"autosave": False}}.items():
        path = settings / (plugin + ".jupyterlab-settings")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(state / "jupyterlab.log", "w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip", "127.0.0.1", "--port",
         str(port), "--port-retries=0", "--ServerApp.token=", "--ServerApp.password=",
         "--allow-root", f"--ServerApp.root_dir={root}"],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(url + "/api/status", timeout=2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError("JupyterLab did not start:\n" + log.read()[-3000:]) from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


# The execution indicator can say idle while the kernel is still initializing (Run All
# then opens a "Select Kernel" dialog); the status bar's "Python 3 (ipykernel) | Idle" does not.
KERNEL_IDLE = """() => [...document.querySelectorAll('.jp-StatusBar-TextItem')]
    .some(e => /\\| Idle$/.test(e.textContent.trim()))"""


def wait_kernel_idle(page) -> None:
    page.wait_for_function(KERNEL_IDLE, timeout=60_000)


def open_and_run(page, url: str) -> None:
    page.goto(f"{url}/lab/tree/latency.ipynb?reset")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(state="visible")
    wait_kernel_idle(page)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    page.locator(".jp-OutputArea .adstep").nth(len(CELLS) - 2).wait_for(state="visible")
    page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current").first.click()


def clicks(page, root, n_steps: int, count: int) -> list[dict]:
    """`count` measured clicks on next, from step 0; back to 0 (unmeasured) at the end."""
    out, k = [], n_steps
    handle = root.element_handle()
    while len(out) < count:
        if k == n_steps:
            root.locator(".adstep-first > button:nth-child(2)").click()
            root.locator('.adstep-head[data-step="0"]').wait_for(state="attached")
            k = 0
        page.evaluate(MEASURE_CLICK, [handle, k + 1])   # arms the measurement
        root.locator(".adstep-next > button:nth-child(2)").click()
        out.append(page.evaluate("window.__latency"))
        k += 1
        page.wait_for_timeout(60)   # a student's pace, not a stress test
    return out


def recomputes(page, root, count: int) -> list[float]:
    """Change x1 (f's first input) back and forth; time to the new frame 0."""
    out = []
    box = root.locator(".widget-text input[type=number]").first
    for i in range(count):
        x1 = 3 if i % 2 == 0 else 2
        page.evaluate(MEASURE_RECOMPUTE, [root.element_handle(), "w1_1", str(5 * x1)])
        box.fill(str(x1))
        box.press("Enter")
        out.append(page.evaluate("window.__latency"))
        page.wait_for_timeout(200)
    return out


def kernel_recompute(repeats: int = 20) -> dict:
    """StepModel.recompute alone (trace, sweep, every frame), in this process."""
    from autodiff_core import examples
    from autodiff_core.widgets import StepModel
    out = {}
    for ex in (examples.F, examples.Y):
        for mode in ("evaluate", "forward", "reverse"):
            m = StepModel.from_source(ex, mode=mode)
            times = []
            for _ in range(repeats):
                t = time.perf_counter()
                m.recompute()
                times.append((time.perf_counter() - t) * 1000)
            out[f"{ex.key} {mode}"] = statistics.median(times)
    return out


def summary(values) -> str:
    values = sorted(values)
    p90 = values[min(len(values) - 1, round(0.9 * (len(values) - 1)))]
    return f"median {statistics.median(values):6.1f} ms   p90 {p90:6.1f} ms   max {values[-1]:6.1f} ms"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clicks", type=int, default=30, help="measured clicks per example (>= 20)")
    ap.add_argument("--changes", type=int, default=10, help="measured input changes")
    ap.add_argument("--screenshot", help="save a screenshot of the first widget here")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    print("kernel side, StepModel.recompute (trace + sweep + all frames), median of 20:")
    for key, ms in kernel_recompute().items():
        print(f"  {key:12} {ms:6.1f} ms")

    with tempfile.TemporaryDirectory(prefix="widget-latency-") as tmp:
        tmp = Path(tmp)
        (tmp / "root").mkdir()
        nb = nbformat.v4.new_notebook(
            cells=[nbformat.v4.new_code_cell(c) for c in CELLS],
            metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}})
        nbformat.write(nb, tmp / "root" / "latency.ipynb")
        errors = []
        with jupyterlab(tmp / "root", tmp / "state") as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                        args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            open_and_run(page, url)
            widgets = page.locator(".jp-OutputArea .adstep")
            for i, (name, n) in enumerate(MEASURED):
                root = widgets.nth(i)
                root.scroll_into_view_if_needed()
                clicks(page, root, n, 3)                  # warm-up: MathJax loads once
                page.wait_for_timeout(300)
                res = clicks(page, root, n, args.clicks)
                print(f"\nclick 'next' -> new frame, {name}, {len(res)} clicks:")
                print(f"  in the page       {summary([r['dom'] for r in res])}")
                print(f"  on screen (rAF)   {summary([r['frame'] for r in res])}")
                print(f"  rule typeset      {summary([r['typeset'] for r in res])}")
            root = widgets.nth(0)
            root.scroll_into_view_if_needed()
            res = recomputes(page, root, args.changes)
            print(f"\ninput change -> recomputed frame 0 on screen (through the kernel), "
                  f"f forward, {len(res)} changes:\n  {summary(res)}")
            if args.screenshot:
                root.screenshot(path=args.screenshot)
                print(f"\nscreenshot: {args.screenshot}")
            browser.close()
        print(f"\nconsole errors: {len(errors)}" + "".join(f"\n  {e}" for e in errors))


if __name__ == "__main__":
    main()
