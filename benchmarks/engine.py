"""Engine benchmark: autodiff_core against micrograd on the same scalar MLP.

Workload (issue 2): an MLP 2-16-16-1 written with scalar operations, evaluated
on 100 random 2-D points with a squared-error loss (about 65,000 graph nodes).
Both engines run interleaved in one process, default garbage-collector
settings. Times are medians over the repeats; each ratio is the median of the
per-repeat ratios (ours and micrograd's run back to back, so a slow spell of a
shared machine hits both sides of a pair). Printed as ratios against micrograd:

* tracing vs micrograd's forward pass (both build the graph)     target <= 0.1 (issue 12)
* reverse sweep vs micrograd's backward                           target <= 0.5 (issue 12)
  (the adjoints and every contribution computed, recorded; which edge each step
  is, and the structural zeros, are read off the adjoints when first asked: the
  next row times that first read)
* bytes of memory per node (graph + reverse sweep + its step record)  target <= 300
* adjoint updates per elementary operation                        target <= 2

Run: python benchmarks/engine.py [--repeats N]
"""

import argparse
import gc
import random
import statistics
import sys
import time
import tracemalloc

from micrograd.engine import Value

import autodiff_core as ad

SIZES = (2, 16, 16, 1)


def make_problem(seed: int = 0):
    rng = random.Random(seed)
    points = [(rng.uniform(-1, 1), rng.uniform(-1, 1)) for _ in range(100)]
    targets = [1.0 if x * y > 0 else -1.0 for x, y in points]
    weights = [rng.uniform(-1, 1) for a, b in zip(SIZES, SIZES[1:]) for _ in range(b * (a + 1))]
    return points, targets, weights


def mlp_loss(params, points, targets, relu):
    """Squared error of a 2-16-16-1 ReLU MLP, written with scalar operations only."""
    loss = 0.0
    for (x0, x1), y in zip(points, targets):
        h, at = [x0, x1], 0
        for layer, (n_in, n_out) in enumerate(zip(SIZES, SIZES[1:])):
            out = []
            for _ in range(n_out):
                s = params[at + n_in]  # bias
                for i in range(n_in):
                    s = s + params[at + i] * h[i]
                at += n_in + 1
                out.append(relu(s) if layer < len(SIZES) - 2 else s)
            h = out
        d = h[0] - y
        loss = loss + d * d
    return loss


def run_ours(problem):
    points, targets, weights = problem
    names = {f"p{i}": w for i, w in enumerate(weights)}
    t0 = time.perf_counter()
    g = ad.trace(lambda **p: mlp_loss(list(p.values()), points, targets, ad.relu), **names)
    t1 = time.perf_counter()
    sweep = g.reverse()
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, g, sweep


def time_step_record(sweep) -> float:
    """Seconds to the first read of the sweep's step record (its edges and contributions)."""
    t0 = time.perf_counter()
    assert sweep.n_steps > 0  # counts the steps of the record, made on this first read
    return time.perf_counter() - t0


def run_micrograd(problem):
    points, targets, weights = problem
    t0 = time.perf_counter()
    params = [Value(w) for w in weights]
    loss = mlp_loss(params, points, targets, lambda v: v.relu())
    t1 = time.perf_counter()
    loss.backward()
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, params, loss


def memory_per_node(problem):
    """Bytes allocated and kept by a trace plus its recorded reverse sweep, per node."""
    gc.collect()
    tracemalloc.start()
    _, _, g, sweep = run_ours(problem)
    assert sweep.n_steps > 0  # the step record counts too
    size, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return size / len(g), len(g), sweep


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeats", type=int, default=7)
    args = ap.parse_args(argv)
    problem = make_problem()
    ours_t, ours_r, ours_s, mg_f, mg_b = [], [], [], [], []
    for _ in range(args.repeats):  # interleaved, so drift hits both alike
        t, r, g, sweep = run_ours(problem)
        ours_t.append(t)
        ours_r.append(r)
        ours_s.append(time_step_record(sweep))
        del g, sweep
        f, b, params, loss = run_micrograd(problem)
        mg_f.append(f)
        mg_b.append(b)
        del params, loss
        gc.collect()
    _, _, g, sweep = run_ours(problem)
    _, _, params, loss = run_micrograd(problem)
    ours_grad = sweep.gradient
    worst = max(abs(ours_grad[f"p{i}"] - p.grad) for i, p in enumerate(params))
    bytes_per_node, n_nodes, sweep = memory_per_node(problem)
    n_ops = sum(1 for op in g.op_ids if op != 0)
    updates = sweep.n_steps / n_ops

    med = statistics.median

    def paired(ours, peer):
        return med(a / b for a, b in zip(ours, peer))

    rows = [
        ("tracing / micrograd forward", med(ours_t), med(mg_f), paired(ours_t, mg_f), "<= 0.1"),
        ("reverse sweep / micrograd backward", med(ours_r), med(mg_b), paired(ours_r, mg_b), "<= 0.5"),
        ("  + first read of the step record", med(ours_s), med(mg_b), paired(ours_s, mg_b), ""),
    ]
    print(
        f"workload: MLP {'-'.join(map(str, SIZES))}, 100 points, squared error; "
        f"{n_nodes} nodes, {n_ops} elementary operations; {args.repeats} repeats, medians; "
        f"Python {sys.version.split()[0]}"
    )
    print(f"{'measure':38} {'ours':>10} {'micrograd':>10} {'ratio':>7}  target")
    for name, a, b, ratio, target in rows:
        print(f"{name:38} {a * 1e3:8.1f}ms {b * 1e3:8.1f}ms {ratio:7.3f}  {target}")
    print(f"{'memory per node (graph + sweep)':38} {bytes_per_node:8.0f} B {'':>10} {'':>7}  <= 300 B")
    print(f"{'adjoint updates per operation':38} {updates:10.3f} {'':>10} {'':>7}  <= 2")
    print(f"largest gradient difference from micrograd: {worst:.2e}")


if __name__ == "__main__":
    main()
