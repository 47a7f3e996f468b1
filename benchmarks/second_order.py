"""Second-order benchmark (issue 14): the gradient graph's size and a Hessian-vector product's
cost, as ratios against f measured in the same run.

Workloads: lesson 11's f(x₁, x₂) = x₁x₂ + sin x₁, the sigmoid neuron's loss, and a tanh MLP
2-8-8-1 on 20 points with its 105 weights as inputs. Printed per workload:

* nodes of the gradient graph / nodes of the graph        (the cheap-gradient principle: ≤ ~4)
* one HVP (a forward sweep of the gradient graph, seeded with v) / one forward sweep of f
* one HVP from scratch (trace f, build the gradient graph, sweep) / tracing f once
* the full Hessian (n forward sweeps of the gradient graph, one per input) / one HVP   (≈ n)

Medians over the repeats. Run: python benchmarks/second_order.py [--repeats N]
"""

import argparse
import random
import statistics
import time

import autodiff_core as ad
from autodiff_core import examples

SIZES = (2, 8, 8, 1)


def mlp(points, targets):
    def loss(**p):
        w = list(p.values())
        total = 0.0
        for (x0, x1), y in zip(points, targets):
            h, at = [x0, x1], 0
            for layer, (n_in, n_out) in enumerate(zip(SIZES, SIZES[1:])):
                out = []
                for _ in range(n_out):
                    s = w[at + n_in]
                    for i in range(n_in):
                        s = s + w[at + i] * h[i]
                    at += n_in + 1
                    out.append(ad.tanh(s) if layer < len(SIZES) - 2 else s)
                h = out
            d = h[0] - y
            total = total + d * d
        return total

    return loss


def workloads():
    rng = random.Random(0)
    points = [(rng.uniform(-1, 1), rng.uniform(-1, 1)) for _ in range(20)]
    targets = [1.0 if x * y > 0 else -1.0 for x, y in points]
    n = sum(b * (a + 1) for a, b in zip(SIZES, SIZES[1:]))
    weights = {f"p{i}": rng.uniform(-1, 1) for i in range(n)}
    return [
        ("f = x1*x2 + sin(x1)", examples.F.expression, examples.F.inputs),
        ("neuron loss", examples.NEURON.expression, examples.NEURON.inputs),
        ("tanh MLP 2-8-8-1, 20 points", mlp(points, targets), weights),
    ]


def median_time(fn, repeats):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    print(
        f"{'workload':30} {'nodes f':>8} {'nodes ∇f':>9} {'ratio':>6} {'HVP/fwd':>8} "
        f"{'HVP/trace (scratch)':>20} {'Hessian/HVP':>12} {'n':>4}"
    )
    for title, f, inputs in workloads():
        measure(title, f, inputs, args.repeats)


def measure(title, f, inputs, repeats):
    g = ad.trace(f, **inputs)
    G = g.gradient_graph()
    v = {name: 1.0 for name in g.input_names}
    first = next(iter(g.input_names))
    t_fwd = median_time(lambda: g.forward(first), repeats)
    t_hvp = median_time(lambda: G.forward(v), repeats)
    t_trace = median_time(lambda: ad.trace(f, **inputs), repeats)
    t_scratch = median_time(lambda: ad.trace(f, **inputs).gradient_graph().forward(v), repeats)
    t_hess = median_time(lambda: [G.forward(name) for name in G.input_names], max(1, repeats // 3))
    assert G.hessian().sweeps == len(g.input_names)
    print(
        f"{title:30} {len(g):8} {len(G):9} {len(G) / len(g):6.2f} {t_hvp / t_fwd:8.2f} "
        f"{t_scratch / t_trace:20.2f} {t_hess / t_hvp:12.1f} {len(g.input_names):4}"
    )


if __name__ == "__main__":
    main()
