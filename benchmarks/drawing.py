"""Drawing benchmark: time per SVG frame of ``viz.frames`` against a plain ``dot -Tsvg``.

For graphs of about 50, 100 and 200 nodes (a slice of a tanh MLP, traced with
autodiff_core), prints the median time per frame of ``viz.frames`` for the
forward and reverse sweeps, the one-off layout time, and — as the peer, in the
same run — the median time of ``dot -Tsvg`` on the same graph's DOT text (what
re-running graphviz for every frame would cost). Not a timed test.

    python benchmarks/drawing.py [--repeats 5]
"""

import argparse
import math
import random
import shutil
import statistics
import subprocess
import time

import autodiff_core as ad
from autodiff_core import viz
from autodiff_core.viz.geometry import _CACHE


def mlp_slice(width: int, depth: int, seed: int = 0):
    """A tanh MLP 3 -> width x depth -> 1, traced at random inputs and weights."""
    rng = random.Random(seed)
    names = ["x1", "x2", "x3"]
    sizes = [3] + [width] * depth + [1]
    weights = [[[rng.uniform(-1, 1) for _ in range(a)] for _ in range(b)] for a, b in zip(sizes, sizes[1:])]

    def f(x1, x2, x3):
        h = [x1, x2, x3]
        for k, layer in enumerate(weights):
            out = []
            for row in layer:
                s = row[0] * h[0]
                for w, v in zip(row[1:], h[1:]):
                    s = s + w * v
                out.append(ad.tanh(s) if k < len(weights) - 1 else s)
            h = out
        return h[0]

    return ad.trace(f, **{n: rng.uniform(-1, 1) for n in names})


def timed(fn, repeats: int) -> float:
    """Median wall time of fn() in seconds."""
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    graphs = {"~50": mlp_slice(6, 1), "~100": mlp_slice(4, 3), "~200": mlp_slice(6, 3)}
    dot = shutil.which("dot")
    print(
        f"{'graph':>6} {'nodes':>5} {'layout ms':>9} {'engine':>6} {'py layout ms':>12} "
        f"{'sweep':>8} {'frames':>6} {'ms/frame':>8} {'dot -Tsvg ms':>12} {'ratio':>6}"
    )
    for label, g in graphs.items():
        _CACHE.pop(g, None)
        t0 = time.perf_counter()
        lay = viz.layout(g)
        t_layout = time.perf_counter() - t0
        t0 = time.perf_counter()
        viz.layout(g, engine="python")
        t_python = time.perf_counter() - t0
        source = viz.draw(g.reverse().state(0)).source
        t_dot = (
            timed(
                lambda source=source: subprocess.run(
                    [dot, "-Tsvg"], input=source.encode(), capture_output=True, check=True
                ),
                args.repeats,
            )
            if dot
            else math.nan
        )
        for name, sweep in (("forward", g.forward("x1")), ("reverse", g.reverse())):
            n_frames = sweep.n_steps + 1
            per = timed(lambda sweep=sweep, lay=lay: viz.frames(sweep, layout=lay), args.repeats) / n_frames
            print(
                f"{label:>6} {len(g):>5} {t_layout * 1e3:>9.1f} {lay.engine:>6} "
                f"{t_python * 1e3:>12.1f} {name:>8} {n_frames:>6} {per * 1e3:>8.2f} "
                f"{t_dot * 1e3:>12.1f} {per / t_dot:>6.3f}"
            )
    print(
        "ms/frame: median over runs of viz.frames(sweep) on the layout above, divided by its "
        "frames.\nratio = ms/frame / one `dot -Tsvg` of the same graph's DOT text (lower is "
        "better). Target: <= 150 ms per frame at 200 nodes."
    )


if __name__ == "__main__":
    main()
