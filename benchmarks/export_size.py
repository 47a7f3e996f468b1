"""Export benchmark: the size and build time of ``export_html``'s page (issue 11).

The page holds the player's module and stylesheet, the base drawing once and,
per step, only what that step changes, all gzipped into one base64 string. For
each case it prints the page's size and the time to write it, its gzip-packed
data alone, and — as the peer measured in the same run — one drawing of the
same graph (``viz.svg(graph, structure_only=True)``: one picture, no numbers,
no steps, laid out the way the page is) and the time to make it.
Also the peak of Python's allocations while writing the page (tracemalloc).

Targets: y = x1 + ... + x100 <= 2 MB in every mode; the 200-term sum, reverse,
<= 4 MB in <= 10 s; the 1,000-step sweep (250 iterations of x <- 0.9*x + sin x,
reverse) <= 5 MB. Not a timed test: it prints the figures.

    python benchmarks/export_size.py [--repeats 3]
"""

import argparse
import operator
import statistics
import tempfile
import time
import tracemalloc
from functools import reduce
from pathlib import Path

from autodiff_core import sin, trace, viz
from autodiff_core.player import data, pack
from autodiff_core.viz import export_html

MB = 1e6


def chain(iterations: int):
    def f(x):
        for _ in range(iterations):
            x = 0.9 * x + sin(x)
        return x

    return f


def sum_graph(n: int):
    """y = x1 + ... + xn at xi = i (traced from a function: the text would pass the
    1,000-character limit of typed expressions)."""
    return trace(lambda **x: reduce(operator.add, x.values()), **{f"x{i}": float(i) for i in range(1, n + 1)})


def cases():
    """(name, sweep, target in MB, target in s or None)."""
    f = trace("x1*x2 + sin(x1)", x1=2.0, x2=5.0)
    yield "seed f, reverse", f.reverse(), None, None
    s100 = sum_graph(100)
    yield "x1 + ... + x100, evaluate", s100.evaluate(), 2, None
    yield "x1 + ... + x100, forward", s100.forward("x1"), 2, None
    yield "x1 + ... + x100, reverse", s100.reverse(), 2, None
    s200 = sum_graph(200)
    yield "x1 + ... + x200, reverse", s200.reverse(), 4, 10
    c60 = trace(chain(60), x=1.0)
    yield "chain of 60, reverse", c60.reverse(), None, None
    c250 = trace(chain(250), x=1.0)
    yield "chain of 250, reverse", c250.reverse(), 5, None


def timed(fn, repeats: int):
    times, result = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.html"
        for name, sweep, target_mb, target_s in cases():
            t_page, _ = timed(lambda s=sweep: export_html(s, path), args.repeats)
            size = path.stat().st_size
            packed = len(pack(data(sweep)))
            tracemalloc.start()
            export_html(sweep, path)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            t_svg, svg = timed(lambda s=sweep: viz.svg(s.graph, structure_only=True).encode(), args.repeats)
            ok = (target_mb is None or size <= target_mb * MB) and (target_s is None or t_page <= target_s)
            target = "" if target_mb is None else f"<= {target_mb} MB" + (f", <= {target_s} s" if target_s else "")
            rows.append(
                (
                    name,
                    len(sweep.graph),
                    sweep.n_steps,
                    size / MB,
                    packed / MB,
                    t_page,
                    peak / MB,
                    len(svg) / MB,
                    t_svg,
                    target,
                    "" if not target else ("yes" if ok else "NO"),
                )
            )
    head = (
        "case",
        "nodes",
        "steps",
        "page MB",
        "data MB",
        "write s",
        "peak MB",
        "drawing MB",
        "drawing s",
        "page / drawing",
        "target",
        "met",
    )
    print("| " + " | ".join(head) + " |")
    print("|" + " --- |" * len(head))
    for name, nodes, steps, size, packed, t_page, peak, svg, t_svg, target, met in rows:
        print(
            f"| {name} | {nodes} | {steps} | {size:.3f} | {packed:.3f} | {t_page:.2f} | "
            f"{peak:.0f} | {svg:.3f} | {t_svg:.2f} | {size / svg:.2f}× size, "
            f"{t_page / t_svg:.1f}× time | {target} | {met} |"
        )


if __name__ == "__main__":
    main()
