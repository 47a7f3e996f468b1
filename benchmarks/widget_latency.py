"""Step-through latency in a real browser: StepThrough in JupyterLab, headless Chromium.

One notebook, one run (issue 11, "Figures"):

* click -> new frame for the seed's f (forward, seed x1, 5 steps) and the chain
  x <- 0.9*x + sin(x) of 60 and 250 iterations (reverse: 240 and 1,000 steps): a trusted
  Playwright click on "next step" ("first step" at the last step: every click changes the
  step). In the page, from the click event's timeStamp (capture listener on the button) to
  the root's ``data-step`` changing (MutationObserver: "dom"), to the next
  requestAnimationFrame callback ("rAF", what the targets are about: median <= 20 ms,
  p90 <= 40 ms) and to a message posted from it, run once that frame's style, layout and
  paint are done ("painted"). Each click first waits for the last one's animations to end.
* the peer, measured identically in the same page: an ipywidgets.Button whose click sets
  an attribute from a JS listener; the rAF medians are also given as ratios to it.
* websocket frames the page sends per click (the player sends the index from a setTimeout
  after the change, not waited on), and f clicked with the kernel SIGSTOPped: a click that
  waited on the kernel would never draw its frame.
* a 1,000-step widget: from the Ctrl+Enter running its cell to its player at step 0 with
  its SVG, then the next rAF (target <= 3 s); kernel RSS before and after (<= 300 MB extra).

A benchmark, not a test: it prints the figures (and writes them as JSON with --json PATH).

    PYTHONPATH=$PWD /work/main/.venv/bin/python benchmarks/widget_latency.py [--clicks 30]

Needs jupyterlab, ipywidgets, anywidget, playwright (the Python package only; never run
`playwright install`) and Chromium at /usr/bin/chromium (or $CHROMIUM).
"""

import argparse
import json
import os
import re
import signal
import statistics
import sys
import tempfile
import urllib.request
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser_support import (  # the tests' own Chromium and JupyterLab
    CHROMIUM,
    CHROMIUM_ARGS,
    jupyterlab,
    open_notebook,
    wait_for_kernel_idle,
)

CELLS = [
    "import ipywidgets as W\nfrom autodiff_core import examples, sin\n"
    "from autodiff_core.widgets import StepThrough\n\n"
    "def chain(n):\n    def f(x):\n        for _ in range(n):\n            x = 0.9 * x + sin(x)\n"
    "        return x\n    return f",
    'w = StepThrough(examples.F, mode="forward", seed="x1")\nprint("steps", w.n_steps)\nw',
    'w = StepThrough(chain(60), x=1.0, mode="reverse")\nprint("steps", w.n_steps)\nw',
    'peer = W.Button(description="peer")\npeer.add_class("latency-peer")\npeer',
    'import time\nt = time.perf_counter()\nw = StepThrough(chain(250), x=1.0, mode="reverse")\n'
    'print("steps", w.n_steps, "built in", time.perf_counter() - t, "s")\nw',
]
WIDGETS = [(1, "seed's f, forward"), (2, "60-iteration chain, reverse"), (4, "250-iteration chain, reverse")]
PEER_CELL = 3
BIG_CELL = 4

# Arm one measurement: window.__lat resolves with ms after the click on `button`.
ARM = """([button, root]) => { window.__lat = new Promise((resolve, reject) => {
  const before = root.getAttribute('data-step');
  const focused = root.contains(document.activeElement);   // else the page moves focus first
  const timer = setTimeout(() => reject(new Error('data-step did not change in 20 s')), 20000);
  let t0 = null;
  button.addEventListener('click', (e) => {
    const now = performance.now();
    t0 = e.timeStamp > 0 && e.timeStamp <= now ? e.timeStamp : now;
  }, {capture: true, once: true});
  const obs = new MutationObserver(() => {
    if (t0 === null || root.getAttribute('data-step') === before) return;
    obs.disconnect();
    const dom = performance.now() - t0;
    requestAnimationFrame(() => {
      const frame = performance.now() - t0, channel = new MessageChannel();
      channel.port1.onmessage = () => {
        clearTimeout(timer);
        resolve({dom, frame, painted: performance.now() - t0, focused});
      };
      channel.port2.postMessage(0);
    });
  });
  obs.observe(root, {attributes: true, attributeFilter: ['data-step']});
}); }"""
# The last click's dots have arrived and its fade-in and pan are over (a finished
# animation that fills forwards is still listed, hence the play state).
QUIET = """root => !root.querySelector('.adstep-dot') && !root.getAnimations({subtree: true})
    .some(a => a.pending || a.playState === 'running')"""
PEER_LISTENER = """b => b.addEventListener('click', () =>
    b.setAttribute('data-step', String(+(b.getAttribute('data-step') || 0) + 1)))"""
# Arm the cell -> first frame measurement on cell `i`: from the Ctrl+Enter keydown.
ARM_CELL = """(cell) => { window.__first = new Promise((resolve, reject) => {
  setTimeout(() => reject(new Error('no first frame in 120 s')), 120000);
  let t0 = null;
  document.addEventListener('keydown', (e) => {
    if (t0 === null && e.key === 'Enter' && e.ctrlKey) t0 = e.timeStamp;
  }, {capture: true});
  const drawn = () => cell.querySelector('.adstep-player[data-step="0"] .adstep-canvas svg');
  let view = null;   // the player's (empty) root is in the output: the widget view exists
  const obs = new MutationObserver(() => {
    if (t0 === null) return;
    if (view === null && cell.querySelector('.adstep-player')) view = performance.now() - t0;
    if (!drawn()) return;
    obs.disconnect();
    requestAnimationFrame(() => resolve({view, frame: performance.now() - t0}));
  });
  obs.observe(cell, {childList: true, subtree: true, attributes: true});
}); }"""


def kernel_pid(url: str) -> int:
    """The pid of the server's one kernel: the process started with its connection file."""
    with urllib.request.urlopen(url + "/api/kernels", timeout=10) as r:
        (kernel,) = json.load(r)
    for proc in Path("/proc").iterdir():
        try:
            if f"kernel-{kernel['id']}.json" in (proc / "cmdline").read_text():
                return int(proc.name)
        except (OSError, ValueError):
            continue
    raise RuntimeError(f"no process for kernel {kernel['id']}")


def memory_mb(pid: int) -> dict:
    status = Path(f"/proc/{pid}/status").read_text()
    return {k: int(re.search(rf"^{k}:\s+(\d+) kB", status, re.M).group(1)) / 1024 for k in ("VmRSS", "VmHWM")}


def cell(page, i):
    return page.locator(".jp-Notebook .jp-CodeCell").nth(i)


def run_cell(page, i: int) -> None:
    """Run cell i alone (Ctrl+Enter in its editor); wait for its [n] and an idle kernel."""
    cell(page, i).locator(".cm-content").click()
    page.keyboard.press("Control+Enter")
    page.wait_for_function(
        "c => /\\[\\d+\\]/.test(c.querySelector('.jp-InputPrompt').textContent)",
        arg=cell(page, i).element_handle(),
        timeout=120_000,
    )
    wait_for_kernel_idle(page, 120_000)


def clicks(page, root, count: int, peer: bool = False) -> list[dict]:
    """`count` measured clicks on "next step" ("first step" at the last step)."""
    out, handle = [], root.element_handle()
    root.scroll_into_view_if_needed()
    for _ in range(count):
        if peer:
            button = root
        else:
            step, n = (int(root.get_attribute(a)) for a in ("data-step", "data-steps"))
            button = root.locator(f'button[aria-label="{"first" if step == n else "next"} step"]')
        page.evaluate(ARM, [button.element_handle(), handle])
        button.click()
        out.append(page.evaluate("window.__lat"))
        page.wait_for_function(QUIET, arg=handle)
    return out


def series(page, root, count: int, frames: dict, peer: bool = False) -> dict:
    """3 warm-up clicks, then `count` measured: figures and websocket frames sent per click."""
    clicks(page, root, 3, peer)
    sent = frames["sent"]
    got = clicks(page, root, count, peer)
    lost = [g["frame"] for g in got if not g["focused"]]
    return {
        "frames_sent_per_click": (frames["sent"] - sent) / count,
        **{k: stats([g[k] for g in got]) for k in ("dom", "frame", "painted")},
        "focus_lost": {"clicks": len(lost), "frame": stats(lost) if lost else None},
    }


def stats(values: list[float]) -> dict:
    values = sorted(values)
    return {
        "median": statistics.median(values),
        "p90": values[min(len(values) - 1, round(0.9 * (len(values) - 1)))],
        "max": values[-1],
    }


def measure(page, url: str, n_clicks: int) -> dict:
    res = {"clicks": n_clicks, "widgets": {}}
    frames = {"sent": 0}

    def on_ws(ws):
        if "/channels" in ws.url:
            ws.on("framesent", lambda _: frames.__setitem__("sent", frames["sent"] + 1))

    page.on("websocket", on_ws)
    open_notebook(page, url, "latency.ipynb")
    for i in range(BIG_CELL):
        run_cell(page, i)
    pid = kernel_pid(url)
    before = memory_mb(pid)
    page.evaluate(ARM_CELL, cell(page, BIG_CELL).element_handle())
    run_cell(page, BIG_CELL)
    first = page.evaluate("window.__first")
    after = memory_mb(pid)
    built = float(re.search(r"built in ([\d.]+) s", cell(page, BIG_CELL).inner_text()).group(1))
    res["big"] = {
        "cell_to_first_frame_ms": first["frame"],
        "cell_to_view_ms": first["view"],
        "kernel_build_ms": built * 1000,
        "rss_before_mb": before["VmRSS"],
        "rss_after_mb": after["VmRSS"],
        "peak_mb": after["VmHWM"],
    }

    for i, name in WIDGETS:
        root = cell(page, i).locator(".adstep-player")
        printed = int(re.search(r"steps (\d+)", cell(page, i).inner_text()).group(1))
        shown = int(root.get_attribute("data-steps"))
        assert printed == shown, (name, printed, shown)
        res["widgets"][name] = {"steps": printed, **series(page, root, n_clicks, frames)}
    peer = cell(page, PEER_CELL).locator("button.latency-peer")
    peer.evaluate(PEER_LISTENER)
    res["peer"] = series(page, peer, n_clicks, frames, peer=True)

    # The f clicks with the kernel stopped: nothing can answer, so a click that waited on
    # the kernel would never draw its frame (clicks() would fail).
    root = cell(page, WIDGETS[0][0]).locator(".adstep-player")
    os.kill(pid, signal.SIGSTOP)
    try:
        got = clicks(page, root, n_clicks)
    finally:
        os.kill(pid, signal.SIGCONT)
    res["kernel_stopped"] = {"widget": WIDGETS[0][1], "frame": stats([g["frame"] for g in got])}
    return res


def report(res: dict) -> None:
    peer = res["peer"]["frame"]["median"]
    print(
        f"click -> new frame, ms after the click event ({res['clicks']} clicks each; ratio = rAF median / the peer's)"
    )
    print(f"  {'':32}{'steps':>6}{'dom med':>9}{'rAF med':>9}{'rAF p90':>9}{'painted':>9}{'ratio':>7}{'ws/click':>9}")
    rows = [*res["widgets"].items(), ("peer: ipywidgets.Button + JS", res["peer"])]
    for name, r in rows:
        print(
            f"  {name:32}{r.get('steps', ''):>6}{r['dom']['median']:9.1f}"
            f"{r['frame']['median']:9.1f}{r['frame']['p90']:9.1f}{r['painted']['median']:9.1f}"
            f"{r['frame']['median'] / peer:7.2f}{r['frames_sent_per_click']:9.2f}"
        )
    for name, r in rows:
        if r["focus_lost"]["clicks"]:
            print(
                f"  {name}: {r['focus_lost']['clicks']} clicks came with the focus outside the "
                f"player (its focused button was disabled at an end): rAF median "
                f"{r['focus_lost']['frame']['median']:.1f} ms"
            )
    s = res["kernel_stopped"]
    print(
        f"  kernel stopped (SIGSTOP), {s['widget']}: all {res['clicks']} clicks drew their frame "
        f"(rAF median {s['frame']['median']:.1f}, p90 {s['frame']['p90']:.1f} ms): "
        "a click waits on the kernel: no"
    )
    b = res["big"]
    print(
        f"1,000-step widget: cell -> first frame {b['cell_to_first_frame_ms'] / 1000:.2f} s "
        f"(StepThrough built in the kernel in {b['kernel_build_ms'] / 1000:.2f} s, the player's "
        f"view in the page at {b['cell_to_view_ms'] / 1000:.2f} s)"
    )
    print(
        f"  kernel RSS {b['rss_before_mb']:.0f} -> {b['rss_after_mb']:.0f} MB "
        f"(+{b['rss_after_mb'] - b['rss_before_mb']:.0f} MB), peak {b['peak_mb']:.0f} MB"
    )
    print(f"console errors: {len(res['console_errors'])}" + "".join(f"\n  {e[:300]}" for e in res["console_errors"]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clicks", type=int, default=30, help="measured clicks per widget")
    ap.add_argument("--json", help="also write the figures as JSON to this file")
    args = ap.parse_args()
    if args.clicks < 1:
        ap.error("--clicks must be at least 1")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated"))  # so the cleanup runs
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="widget-latency-") as tmp:
        tmp = Path(tmp)
        (tmp / "root").mkdir()
        (tmp / "state").mkdir()
        nb = nbformat.v4.new_notebook(
            cells=[nbformat.v4.new_code_cell(c) for c in CELLS],
            metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        )
        nbformat.write(nb, tmp / "root" / "latency.ipynb")
        with jupyterlab(tmp / "root", tmp / "state") as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1440, "height": 1000})
                page.set_default_timeout(60_000)
                errors = []
                page.on("console", lambda m: m.type == "error" and errors.append(m.text))
                page.on("pageerror", lambda e: errors.append(str(e)))
                res = measure(page, url, args.clicks)
                res["console_errors"] = errors
            finally:
                browser.close()
    report(res)
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
