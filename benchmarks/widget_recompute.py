"""Widget recompute benchmark: the kernel's work when a setting of the step-through changes.

Issue 11 item 7: on a change of expression, inputs, mode or seed the widget
recomputes in <= 300 ms for a 100-node graph. The graph is a tanh neuron with
25 weighted inputs, ``tanh(w1*x1 + ... + w25*x25)``: 50 inputs, 25 products,
24 sums and the tanh, 100 nodes. For each kind of change, prints the median
time of ``StepThrough.model.update(...)`` (trace, sweep, the player's story and
drawing data, packing, and the widget sending it to its player), split into
its parts, and — as the peers, in the same run — the median time of tracing
the same text and of the plain sweep (``graph.forward`` / ``graph.reverse``)
on the traced graph. Not a timed test.

    python benchmarks/widget_recompute.py [--repeats 9] [--terms 25] [--profile]
"""

import argparse
import cProfile
import pstats
import statistics
import time

from autodiff_core import trace
from autodiff_core import player as _player
from autodiff_core.widgets import StepThrough

TARGET_MS = 300


def neuron(terms: int, fn: str = "tanh") -> str:
    return f"{fn}(" + " + ".join(f"w{i}*x{i}" for i in range(1, terms + 1)) + ")"


def median_ms(fn, repeats: int, reset=None) -> float:
    """Median wall time of fn(k), k = 0 .. repeats - 1, in ms; reset(k) runs untimed before."""
    times = []
    for k in range(repeats):
        if reset is not None:
            reset(k)
        t = time.perf_counter()
        fn(k)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1e3


def parts_ms(graph, mode: str, seed, repeats: int) -> dict:
    """The recompute's parts, timed one by one on the same graph."""
    text, values = graph.source, {nd.var: nd.value for nd in graph.inputs}

    def sweep_of(g):
        return g.reverse() if mode == "reverse" else g.forward(seed)

    sweep = sweep_of(graph)
    data = _player.data(sweep)
    return {
        "trace": median_ms(lambda k: trace(text, **values), repeats),
        "sweep": median_ms(lambda k: sweep_of(graph), repeats),
        "player data": median_ms(lambda k: _player.data(sweep), repeats),
        "pack": median_ms(lambda k: _player.pack(data), repeats),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=9)
    ap.add_argument("--terms", type=int, default=25)
    ap.add_argument("--profile", action="store_true", help="cProfile one reverse recompute")
    args = ap.parse_args()
    texts = [neuron(args.terms), neuron(args.terms, "sigmoid")]
    inputs = {f"{p}{i}": 0.1 * i * (1 if p == "w" else -1) for i in range(1, args.terms + 1) for p in "wx"}
    w = StepThrough(texts[0], mode="reverse", **inputs)
    m = w.model
    assert m.error == "", m.error
    nodes = len(m.graph)

    changes = {  # name: (the change timed, what runs untimed before it)
        "expression (reverse)": (lambda k: m.update(text=texts[(k + 1) % 2]), None),
        "inputs (reverse)": (lambda k: m.update(inputs={**m.inputs, "x1": -0.1 - 0.01 * k}), None),
        "mode -> forward": (lambda k: m.update(mode="forward"), lambda k: m.update(mode="reverse")),
        "seed (forward)": (lambda k: m.update(seed=("w1", "x1")[k % 2]), None),
        "mode -> reverse": (lambda k: m.update(mode="reverse"), lambda k: m.update(mode="forward")),
    }
    rows = []
    for name, (change, reset) in changes.items():
        m.update(text=texts[0], mode="reverse" if "reverse" in name else "forward", seed="x1")
        t = median_ms(change, args.repeats, reset)
        assert m.error == "", m.error
        rows.append((name, m.sweep.kind, m.n_steps, t))
    g = trace(texts[0], **inputs)
    peers = {
        "trace": median_ms(lambda k: trace(texts[0], **inputs), args.repeats),
        "reverse": median_ms(lambda k: g.reverse(), args.repeats),
        "forward": median_ms(lambda k: g.forward("x1"), args.repeats),
    }

    print(f"graph: {texts[0][:40]}… ({nodes} nodes), median of {args.repeats} runs")
    print(f"{'change':>22} {'sweep':>8} {'steps':>5} {'ms':>7} {'/ trace':>8} {'/ sweep':>8} {'target':>7}")
    for name, kind, steps, t in rows:
        print(
            f"{name:>22} {kind:>8} {steps:>5} {t:>7.1f} {t / peers['trace']:>8.1f} "
            f"{t / peers[kind]:>8.1f} {'ok' if t <= TARGET_MS else 'OVER':>7}"
        )
    print(
        f"peers: trace {peers['trace']:.1f} ms, graph.reverse() {peers['reverse']:.2f} ms, "
        f"graph.forward('x1') {peers['forward']:.2f} ms"
    )
    for mode, seed in (("reverse", None), ("forward", "x1")):
        parts = parts_ms(g, mode, seed, args.repeats)
        print(f"parts ({mode}): " + ", ".join(f"{k} {v:.1f} ms" for k, v in parts.items()))
    print(
        f"ms: median wall time of one StepThrough.model.update(...) (target <= {TARGET_MS} "
        "ms);\n/ trace, / sweep: ratios to tracing the text and to the plain sweep, same run."
    )
    if args.profile:
        m.update(mode="reverse")
        prof = cProfile.Profile()
        prof.enable()
        m.update(inputs={**m.inputs, "x1": 0.25})
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    w.close()


if __name__ == "__main__":
    main()
