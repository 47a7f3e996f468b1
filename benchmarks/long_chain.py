"""Long-chain benchmark: are the sweeps and every step's text linear in the graph size?

Workload (issue 10 item 7): a chain x ← x + 0.001·sin(x), repeated until the graph has
about 10⁵ nodes (three per repeat: sin, the product, the sum), traced with autodiff_core.
The chain's derivative stays near 1 (no underflow to 0), so no partial is skipped as a
structural zero. Measured in one process, medians over the repeats, printed as ratios
against the plain evaluation of the same function on floats (math.sin) in the same run:

* tracing, the evaluation / forward / reverse sweeps (numbers only)
* every step's text of each sweep: ``[s.numbers for s in sweep.steps]``

and, to show linear time, the same for a chain ten times shorter: the per-node cost of
the long chain divided by the short chain's (≈ 1 when linear; it was ≈ 10 for the
reverse texts when step k replayed k steps).

Run: python benchmarks/long_chain.py [--nodes N] [--repeats R]
"""

import argparse
import math
import statistics
import sys
import time

import autodiff_core as ad


def chain(sin, repeats: int):
    def f(x):
        for _ in range(repeats):
            x = x + 0.001 * sin(x)
        return x

    return f


def _time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def measure(nodes: int, repeats: int) -> dict:
    """Seconds (medians) for each measure on a chain of about ``nodes`` nodes."""
    k = max(1, (nodes - 1) // 3)
    plain, traced = chain(math.sin, k), chain(ad.sin, k)
    g = ad.trace(traced, x=0.5)
    assert len(g.nodes) == len(g)  # names are made once per graph: here, not in the first text timing
    sweeps = {"evaluation": g.evaluate, "forward": g.forward, "reverse": g.reverse}
    out = {
        "nodes": len(g),
        "plain evaluation": _time(lambda: plain(0.5), repeats),
        "trace": _time(lambda: ad.trace(traced, x=0.5), repeats),
    }
    for name, run in sweeps.items():
        out[f"{name} sweep"] = _time(run, repeats)
    text_repeats = max(1, repeats // 3)
    for name, run in sweeps.items():
        sweep = run()
        out[f"{name}: every step's text"] = _time(lambda s=sweep: [st.numbers for st in s.steps], text_repeats)
        out[f"{name} steps"] = sweep.n_steps
    rev = g.reverse()
    assert math.isclose(rev.gradient["x"], g.forward().derivative, rel_tol=1e-9)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--nodes", type=int, default=100_000)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)
    big = measure(args.nodes, args.repeats)
    small = measure(args.nodes // 10, args.repeats)
    base = big["plain evaluation"]
    print(
        f"workload: chain x ← x + 0.001·sin(x), {big['nodes']} nodes "
        f"({big['reverse steps']} reverse steps); short chain {small['nodes']} nodes; "
        f"{args.repeats} repeats, medians; Python {sys.version.split()[0]}"
    )
    print(f"plain evaluation on floats: {base * 1e3:.1f} ms (the unit of the ratios)")
    print(f"{'measure':34} {'time':>11} {'/ plain':>9} {'per node, long / short':>24}")
    for key in (
        "trace",
        "evaluation sweep",
        "forward sweep",
        "reverse sweep",
        "evaluation: every step's text",
        "forward: every step's text",
        "reverse: every step's text",
    ):
        per_node = (big[key] / big["nodes"]) / (small[key] / small["nodes"])
        print(f"{key:34} {big[key] * 1e3:9.2f}ms {big[key] / base:9.2f} {per_node:24.2f}")
    print("(the evaluation sweep's numbers are the graph's own values: making it costs nothing)")


if __name__ == "__main__":
    main()
