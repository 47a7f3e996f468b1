"""The player's big pages in headless Chromium (issue 23, item 10), beside two peers in the same run.

Pages, each exported to a temporary folder and opened from disk:

* ``chain``: x <- 0.9*x + sin(x) 250 times, reverse (1,000 steps, 751 nodes, 14k SVG elements);
  ``chain60`` (240 steps) and f (5 steps) for the click figures; ``sum``: x1 + ... + x100,
  reverse (198 steps, a 23,866 x 9,350 px drawing).
* peers: ``old``, the player as it was before issue 23 (commit a416b47, read with git) on the
  same data; ``plain``, the same drawing and every table row as static HTML with no player at
  all (what the browser itself takes to show that much).

Figures (targets from the issue):

* load: navigation -> step 0 painted (<= 0.8 s), and the longest task meanwhile;
* Home / End: the key -> the frame after the step changed (<= 50 ms), median of 10;
* slider jumps (<= 50 ms) and scrubbing: each input event -> the end of the first frame that
  shows it, median over a drag across the slider (<= 30 ms);
* DOM nodes (Chromium's own count, after a garbage collection) after load and after visiting
  every step one by one (<= 1.3x);
* x1 + ... + x100 playing at "fastest" for 3 s: frames per second (>= 50), p95 frame (<= 34 ms);
* a click on "next step" -> the next frame, median / p90 of 30 (<= 20 / <= 40 ms) at 5, 240 and
  1,000 steps.

A benchmark, not a test: it prints the figures (and writes them as JSON with --json PATH).

    PYTHONPATH=$PWD .venv/bin/python benchmarks/big_page.py [--repeats 3] [--no-old]

Needs playwright (the Python package only; never run `playwright install`), Chromium at
/usr/bin/chromium (or $CHROMIUM) and, for the old player, git and this repository's history.
"""

import argparse
import ast
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from autodiff_core import examples, trace  # noqa: E402
from autodiff_core.player import data, pack  # noqa: E402
from autodiff_core.player.page import export_html  # noqa: E402

sys.path.insert(0, str(HERE.parent / "tests"))
from browser_support import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  the tests' one way to start Chromium

OLD = "a416b47"  # the player before issue 23
ROOT = "document.querySelector('.adstep-player')"

# From navigation start: when step 0 (or, on the plain page, the page) was painted, and the
# longest task before it.
WATCH_LOAD = """
window.__load = new Promise((resolve) => {
  const tasks = [];
  try { new PerformanceObserver((l) => tasks.push(...l.getEntries().map((e) => e.duration)))
        .observe({type: 'longtask', buffered: true}); } catch (e) {}
  const ready = () => document.querySelector('.adstep-player[data-step="0"], body[data-ready]');
  const obs = new MutationObserver(() => {
    if (!ready()) return;
    obs.disconnect();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve({painted: performance.now(), longest: Math.max(0, ...tasks)});
      channel.port2.postMessage(0);
    });
  });
  obs.observe(document, {subtree: true, childList: true, attributes: true});
});"""
# Arm one measurement: window.__lat resolves with ms from the next `type` event (a key, a
# click) to the frame after the player's step changed; `direct`: to the end of the frame in
# which it changed (the slider draws in an animation frame).
ARM = """([type, direct]) => { window.__lat = new Promise((resolve, reject) => {
  const root = document.querySelector('.adstep-player'), before = root.getAttribute('data-step');
  const timer = setTimeout(() => reject(new Error('data-step did not change')), 20000);
  let t0 = null;
  document.addEventListener(type, (e) => { t0 = e.timeStamp; }, {capture: true, once: true});
  const obs = new MutationObserver(() => {
    if (t0 === null || root.getAttribute('data-step') === before) return;
    obs.disconnect();
    const done = () => { const c = new MessageChannel();
      c.port1.onmessage = () => { clearTimeout(timer); resolve(performance.now() - t0); }; c.port2.postMessage(0); };
    if (direct) done(); else requestAnimationFrame(done);
  });
  obs.observe(root, {attributes: true, attributeFilter: ['data-step']});
}); }"""
QUIET = """() => !document.querySelector('.adstep-dot') && !document.getAnimations()
    .some((a) => a.pending || a.playState === 'running')"""
# While the slider is dragged: every input event's time, and the end of every frame in which
# the step changed; each input's latency is the first such frame after it.
WATCH_SCRUB = """() => {
  const root = document.querySelector('.adstep-player');
  window.__scrub = {inputs: [], frames: []};
  root.querySelector('input[type=range]').addEventListener('input', (e) => window.__scrub.inputs.push(e.timeStamp));
  new MutationObserver(() => { const c = new MessageChannel();
    c.port1.onmessage = () => window.__scrub.frames.push(performance.now()); c.port2.postMessage(0); })
    .observe(root, {attributes: true, attributeFilter: ['data-step']});
}"""
VISIT = """async () => {
  const root = document.querySelector('.adstep-player');
  const next = root.querySelector('button[aria-label="next step"]');
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const n = +root.getAttribute('data-steps');
  for (let k = +root.getAttribute('data-step'); k < n; k++) { next.click(); await frame(); }
  await new Promise((r) => setTimeout(r, 600));   // the pans settle
}"""
PLAY = """async (ms) => {
  const root = document.querySelector('.adstep-player');
  const deltas = [];
  let last = null;
  await new Promise((resolve) => {
    const t0 = performance.now();
    const tick = (now) => { if (last !== null) deltas.push(now - last); last = now;
      if (now - t0 < ms) requestAnimationFrame(tick); else resolve(); };
    root.querySelector('button[aria-label="play"]').click();
    requestAnimationFrame(tick);
  });
  return {deltas, steps: +root.getAttribute('data-step')};
}"""


def old_page(sweep, path: Path) -> Path:
    """The page as the player before issue 23 made it (its files read from git), same data."""

    def show(name):
        where = f"{OLD}:autodiff_core/player/{name}"
        return subprocess.run(
            ["git", "show", where], cwd=HERE.parent, check=True, capture_output=True, text=True
        ).stdout

    template = next(
        n.value.value
        for n in ast.parse(show("page.py")).body
        if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "_PAGE"
    )
    d = data(sweep)
    path.write_text(
        template.format(
            title="old player",
            heading=d["title"],
            subtitle=d["subtitle"],
            css=show("player.css"),
            module="\n".join(show(f) for f in ("player.js", "table.js", "stage.js")),
            payload=json.dumps(pack(d)),
        ),
        encoding="utf-8",
    )
    return path


def plain_page(sweep, path: Path) -> Path:
    """The drawing and every table row as static HTML: no player."""
    d = data(sweep)
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in d["start"]["rows"])
    path.write_text(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><h1>{d['title']}</h1>"
        f"<div style='overflow:auto;height:60vh'>{d['svg']}</div><table>{rows}</table>"
        "<script>document.body.dataset.ready = '1'</script></body></html>",
        encoding="utf-8",
    )
    return path


def stats(values):
    values = sorted(values)
    return {
        "median": statistics.median(values),
        "p90": values[round(0.9 * (len(values) - 1))],
        "p95": values[round(0.95 * (len(values) - 1))],
        "max": values[-1],
        "n": len(values),
    }


class Browser:
    def __init__(self, p):
        self.browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        self.errors = []

    def open(self, path: Path, watch_load=False):
        page = self.browser.new_page(viewport={"width": 1280, "height": 800})
        page.set_default_timeout(120_000)
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        if watch_load:
            page.add_init_script(WATCH_LOAD)
        page.goto(path.as_uri())
        if watch_load:
            return page, page.evaluate("window.__load")
        page.wait_for_function(f"{ROOT}?.getAttribute('data-step') === '0'")
        return page, None

    def nodes(self, page):
        cdp = page.context.new_cdp_session(page)
        cdp.send("HeapProfiler.collectGarbage")
        cdp.send("Performance.enable")
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        return int(metrics["Nodes"])


def latency(page, type_, action, count, direct=False):
    out = []
    for i in range(count):
        page.wait_for_function(QUIET)
        page.evaluate(ARM, [type_, direct])
        action(i)
        out.append(page.evaluate("window.__lat"))
    return stats(out)


def measure_big(b, path, repeats):
    """Load, Home/End, slider, scrubbing and DOM on one page of the chain."""
    loads = [b.open(path, watch_load=True) for _ in range(repeats)]
    res = {
        "load_ms": stats([x[1]["painted"] for x in loads]),
        "longest_task_ms": stats([x[1]["longest"] for x in loads]),
    }
    for page, _ in loads[:-1]:
        page.close()
    page = loads[-1][0]
    if "plain" in path.name:
        res["dom_after_load"] = b.nodes(page)
        return res
    root = page.locator(".adstep-player")
    root.focus()
    res["home_end_ms"] = latency(page, "keydown", lambda i: page.keyboard.press("End" if i % 2 == 0 else "Home"), 10)
    slider = page.locator("input[type=range]")
    n = int(root.get_attribute("data-steps"))
    jumps = [n // 2, 17, n - 3, 250, 3, n // 3, 900 % n, 40, n - 100, 600 % n]
    res["slider_jump_ms"] = latency(page, "input", lambda i: slider.fill(str(jumps[i])), len(jumps), direct=True)
    page.evaluate(WATCH_SCRUB)
    box = slider.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 4, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 4, y, steps=120)
    page.mouse.up()
    page.wait_for_function(QUIET)
    scrub = page.evaluate("window.__scrub")
    per_input = [next((f for f in scrub["frames"] if f >= t), None) for t in scrub["inputs"]]
    res["scrub_ms"] = stats([f - t for f, t in zip(per_input, scrub["inputs"]) if f is not None])
    page.keyboard.press("Home")
    page.wait_for_function(f"{ROOT}.getAttribute('data-step') === '0'")
    res["dom_after_load"] = b.nodes(page)
    page.evaluate(VISIT)
    res["dom_after_every_step"] = b.nodes(page)
    page.close()
    return res


def measure_play(b, path):
    page, _ = b.open(path)
    page.select_option('select[aria-label="speed"]', label="fastest")
    got = page.evaluate(PLAY, 3000)
    page.close()
    return {"fps": len(got["deltas"]) / 3, "frame_ms": stats(got["deltas"]), "steps_played": got["steps"]}


def measure_clicks(b, path, count=30):
    page, _ = b.open(path)
    root = page.locator(".adstep-player")

    def click(_):
        step, n = (int(root.get_attribute(a)) for a in ("data-step", "data-steps"))
        page.click(f'button[aria-label="{"first" if step == n else "next"} step"]')

    latency(page, "click", click, 3)
    got = latency(page, "click", click, count)
    page.close()
    return got


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeats", type=int, default=3, help="page loads per page")
    ap.add_argument("--no-old", action="store_true", help="leave out the old player (needs git)")
    ap.add_argument("--json", help="also write the figures as JSON to this file")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    sweeps = {
        "chain": examples.damped_chain(250).reverse(),
        "chain60": examples.damped_chain(60).reverse(),
        "f": examples.F.graph().reverse(),
        "sum": trace("+".join(f"x{i}" for i in range(1, 101)), **{f"x{i}": float(i) for i in range(1, 101)}).reverse(),
    }
    res = {}
    with tempfile.TemporaryDirectory(prefix="big-page-") as tmp, sync_playwright() as p:
        tmp = Path(tmp)
        pages = {name: export_html(s, tmp / f"{name}.html") for name, s in sweeps.items()}
        old = {} if args.no_old else {name: old_page(s, tmp / f"old_{name}.html") for name, s in sweeps.items()}
        b = Browser(p)
        try:
            res["chain"] = {
                "new": measure_big(b, pages["chain"], args.repeats),
                "plain": measure_big(b, plain_page(sweeps["chain"], tmp / "plain_chain.html"), args.repeats),
            }
            if old:
                res["chain"]["old"] = measure_big(b, old["chain"], args.repeats)
            res["sum_play"] = {
                "new": measure_play(b, pages["sum"]),
                **({"old": measure_play(b, old["sum"])} if old else {}),
            }
            res["clicks"] = {
                name: {"new": measure_clicks(b, pages[name]), **({"old": measure_clicks(b, old[name])} if old else {})}
                for name in ("f", "chain60", "chain")
            }
        finally:
            b.browser.close()
        res["console_errors"] = b.errors
    report(res)
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=1))


def report(res):
    c = res["chain"]
    peers = [k for k in ("new", "old", "plain") if k in c]
    print("1,000-step page (chain of 250, reverse), ms; medians (p90 where given)")

    def line(label, f):
        print(f"  {label:44}" + "".join(f"{f(c[k]):>16}" for k in peers))

    print(f"  {'':44}" + "".join(f"{k:>16}" for k in peers))
    line("navigation -> step 0 painted", lambda r: f"{r['load_ms']['median']:.0f}")
    line("longest task before it", lambda r: f"{r['longest_task_ms']['median']:.0f}")

    def fig(key):
        return lambda r: f"{r[key]['median']:.1f} / {r[key]['p90']:.1f}" if key in r else "-"

    line("Home / End -> frame (median / p90)", fig("home_end_ms"))
    line("slider jump -> frame (median / p90)", fig("slider_jump_ms"))
    line("scrubbing: input event -> frame (median / p90)", fig("scrub_ms"))
    line("DOM nodes after load", lambda r: str(r["dom_after_load"]))
    line(
        "DOM nodes after every step (ratio)",
        lambda r: (
            f"{r['dom_after_every_step']} ({r['dom_after_every_step'] / r['dom_after_load']:.2f}x)"
            if "dom_after_every_step" in r
            else "-"
        ),
    )
    print("x1 + ... + x100, reverse, playing at fastest for 3 s")
    for k, r in res["sum_play"].items():
        print(
            f"  {k:6} {r['fps']:5.1f} fps, frame median {r['frame_ms']['median']:.1f} p95 {r['frame_ms']['p95']:.1f}"
            f" max {r['frame_ms']['max']:.1f} ms, {r['steps_played']} steps played"
        )
    print("click on 'next step' -> next frame, ms (median / p90 of 30)")
    for name, r in res["clicks"].items():
        print(f"  {name:8}" + "".join(f"  {k}: {v['median']:.1f} / {v['p90']:.1f}" for k, v in r.items()))
    print(f"console errors: {len(res['console_errors'])}" + "".join(f"\n  {e[:300]}" for e in res["console_errors"]))


if __name__ == "__main__":
    main()
