"""The lessons' matplotlib plots: labelled, built from the engine's numbers, and
leaving matplotlib's global state as they found it."""

import math

import pytest

matplotlib = pytest.importorskip("matplotlib")
np = pytest.importorskip("numpy")
matplotlib.use("Agg")  # before pyplot is imported anywhere in this process

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from autodiff_core import sin, trace  # noqa: E402
from autodiff_core.viz import plots  # noqa: E402

DY_DX = -2.9823890282416388  # d/dx sin(x² + 1) at 1.5, by hand: cos(3.25)·3


@pytest.fixture(autouse=True)
def untouched_global_state():
    """Every plot must leave rcParams and pyplot's open figures as they were."""
    before = dict(matplotlib.rcParams)
    open_before = plt.get_fignums()
    yield
    assert plt.get_fignums() == open_before, "a plot left a figure open in pyplot"
    after = dict(matplotlib.rcParams)
    changed = {k for k in before if before[k] != after[k] and k != "backend"}
    assert not changed, f"rcParams changed: {changed}"


def labelled(ax):
    return ax.get_xlabel() and ax.get_ylabel() and ax.get_title()


def test_tangent_line_uses_the_engines_slope():
    fig = plots.plot_tangent_line("sin(x**2 + 1)", 1.5)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert labelled(ax) and "sin(x² + 1)" in ax.get_title()
    curve, tangent = ax.lines[0], ax.lines[1]
    xs, ys = tangent.get_data()
    slope = (ys[1] - ys[0]) / (xs[1] - xs[0])
    assert slope == pytest.approx(DY_DX, rel=1e-9)
    assert ys[0] + slope * (1.5 - xs[0]) == pytest.approx(math.sin(3.25), abs=1e-12)
    cx, cy = curve.get_data()
    assert np.allclose(cy, np.sin(cx**2 + 1))
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("−2.98239" in t for t in legend)
    fig.canvas.draw()


def test_tangent_line_takes_a_function_and_draws_into_a_given_axes():
    fig, ax = plt.subplots()
    try:
        out = plots.plot_tangent_line(lambda t: t * t, 1.0, ax=ax, label="t²")
        assert out is fig and ax.get_xlabel() == "t"
        xs, ys = ax.lines[1].get_data()
        assert (ys[1] - ys[0]) / (xs[1] - xs[0]) == pytest.approx(2.0)
    finally:
        plt.close(fig)


def test_fd_errors_make_a_v_against_the_exact_derivative():
    data = plots.fd_errors("sin(x**2 + 1)", 1.5)
    assert data["exact"] == pytest.approx(DY_DX, abs=1e-12)
    h = np.array(data["h"])
    assert h[0] == pytest.approx(1e-16) and h[-1] == pytest.approx(1e-1)
    for scheme, slope in (("forward", 1), ("central", 2)):
        err = np.array(data[scheme])
        k = data["best"][scheme]
        # both arms rise away from the bottom: round-off to the left, truncation to the right
        assert err[0] > 1e3 * err[k] and err[-1] > 1e3 * err[k]
        # on the truncation arm the error shrinks like h (forward) or h² (central)
        big = (h > 1e-3) & (h < 2e-2)
        fit = np.polyfit(np.log10(h[big]), np.log10(err[big]), 1)[0]
        assert fit == pytest.approx(slope, abs=0.25), scheme
    kf, kc = data["best"]["forward"], data["best"]["central"]
    assert 1e-10 < h[kf] < 1e-6 and 1e-8 < h[kc] < 1e-3 and h[kc] > h[kf]


def test_the_plot_and_the_best_step_check_share_one_bottom():
    from autodiff_core.exercises import check_best_step
    from autodiff_core.numeric import STEPS, best_step

    for f, x0 in (("sin(x**2 + 1)", 1.5), ("log(x)", 0.05), ("sqrt(x)", 0.01)):
        data = plots.fd_errors(f, x0)
        for scheme in ("forward", "central"):
            k = data["best"][scheme]
            assert k == best_step(f, x0, scheme)[0]
            assert check_best_step(f, x0, STEPS[k], scheme=scheme)


def test_steps_outside_the_domain_are_gaps_not_errors():
    data = plots.fd_errors("log(x)", 0.05)  # h > 0.05 puts x − h below 0
    h = np.array(data["h"])
    central = np.array(data["central"])
    assert np.isnan(central[h > 0.05]).all() and np.isfinite(central[h < 0.04]).all()
    assert np.isfinite(np.array(data["forward"])).all()  # x + h stays in the domain
    plots.plot_fd_error("log(x)", 0.05).canvas.draw()


def test_complex_step_has_no_round_off_arm():
    import cmath

    data = plots.fd_errors("sin(x**2 + 1)", 1.5, complex_f=lambda z: cmath.sin(z**2 + 1))
    h = np.array(data["h"])
    err = np.array(data["complex"])
    # exact to rounding for every h up to 1e-8, where round-off already spoils both differences
    assert (err[h <= 1e-8] <= 4 * 2**-52 * abs(DY_DX)).all()
    assert (np.array(data["central"])[h < 1e-12] > 1e-6).all()
    fig = plots.plot_fd_error(complex_f=lambda z: cmath.sin(z**2 + 1))
    legend = " ".join(t.get_text() for t in fig.axes[0].get_legend().get_texts())
    assert "complex step" in legend and len(fig.axes[0].get_lines()) == 5
    fig.canvas.draw()


def test_a_chosen_step_is_marked_with_both_errors_there():
    # by hand: the forward difference of sin(x² + 1) at 1.5 with h = 1e-4 is off by about (h/2)·|y″|
    fig = plots.plot_fd_error(h=1e-4)
    ax = fig.axes[0]
    marked = [ln for ln in ax.get_lines() if ln.get_marker() == "s"]
    assert len(marked) == 2 and all(ln.get_xdata()[0] == 1e-4 for ln in marked)
    text = " ".join(t.get_text() for t in ax.texts)
    y2 = -math.sin(3.25) * 9 + 2 * math.cos(3.25)  # y″ = −sin(x² + 1)·4x² + 2cos(x² + 1)
    assert "h = 0.0001" in text and f"forward: error {abs(y2) * 1e-4 / 2:.1e}" in text
    fig = plots.plot_fd_error("log(x)", 0.05, h=0.08)  # x − h < 0: no central difference there
    assert "central: f undefined at x ± h" in " ".join(t.get_text() for t in fig.axes[0].texts)


def test_fd_error_plot_is_log_log_and_labelled():
    fig = plots.plot_fd_error()
    ax = fig.axes[0]
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert labelled(ax) and ax.get_xlabel() == "step size h"
    legend = " ".join(t.get_text() for t in ax.get_legend().get_texts())
    assert "forward" in legend and "central" in legend
    fig.canvas.draw()


def test_jacobian_costs_come_from_the_engine():
    rows = plots.jacobian_costs(plots.many_inputs, [1, 4])
    g = plots.many_inputs(4)
    assert len(g.input_names) == 4 and len(g.outputs) == 1
    r = rows[1]
    assert r["forward_sweeps"] == 4 and r["reverse_sweeps"] == 1
    assert r["forward_ops"] == g.jacobian("forward").operations == 4 * r["edges"]
    assert r["reverse_ops"] == r["edges"] == len(g.edges)
    # many_outputs: M Euler steps x ← x + 0.1·sin(x), 4 edges each; output k depends on
    # the first k steps, so the reverse sweeps visit 4·(1 + 2 + ... + M) = 2M(M + 1) edges
    rows = plots.jacobian_costs(plots.many_outputs, [5])
    assert rows[0]["outputs"] == 5 and rows[0]["reverse_sweeps"] == 5
    assert rows[0]["edges"] == 20 and rows[0]["forward_ops"] == 20
    assert rows[0]["reverse_ops"] == 2 * 5 * 6
    # yₖ = sin(k·x) share no work: each reverse sweep visits only its own 2 edges,
    # so both modes cost 2·5 = 10 (reverse mode sweeps only what the seeded output needs)
    rows = plots.jacobian_costs(plots.unshared_outputs, [5])
    assert rows[0]["edges"] == 10
    assert rows[0]["forward_ops"] == rows[0]["reverse_ops"] == 10


def test_jacobian_costs_count_dense_and_pruned():
    # many_inputs(4): f = Σ xᵢ·sin(xᵢ), 18 edges. Seeded on xᵢ a forward sweep visits the 3
    # edges of xᵢ·sin(xᵢ), its edge into the running sum and the sum's edges after it:
    # 6 + 6 + 5 + 4 = 21
    (row,) = plots.jacobian_costs(plots.many_inputs, [4])
    assert row["forward_dense"] == row["forward_ops"] == 4 * 18
    assert row["forward_pruned"] == 6 + 6 + 5 + 4
    assert row["reverse_dense"] == row["reverse_pruned"] == row["reverse_ops"] == 18
    # many_outputs(5): one forward sweep reaches every edge; the reverse sweeps, dense, 5 × 20
    (row,) = plots.jacobian_costs(plots.many_outputs, [5])
    assert row["forward_dense"] == row["forward_pruned"] == 20
    assert row["reverse_dense"] == 100 and row["reverse_pruned"] == row["reverse_ops"] == 2 * 5 * 6


def test_jacobian_cost_plot_has_both_modes_both_ways_in_both_panels():
    fig = plots.plot_jacobian_cost(range(1, 6))
    left, right = fig.axes
    for ax in (left, right):
        assert labelled(ax)
        assert [line.get_label().split(" (")[0] + line.get_label().rpartition(",")[2] for line in ax.lines] == [
            "forward dense",
            "forward pruned",
            "reverse dense",
            "reverse pruned",
        ]
    fwd_dense, fwd_pruned, rev_dense, rev_pruned = (list(line.get_ydata()) for line in left.lines)
    rows = plots.jacobian_costs(plots.many_inputs, range(1, 6))
    assert fwd_dense == [r["forward_ops"] for r in rows]  # the engine's forward count is dense
    assert rev_pruned == [r["reverse_ops"] for r in rows]  # and its reverse count pruned
    assert fwd_pruned[-1] > rev_pruned[-1]  # many inputs: reverse is cheaper, counted either way
    fwd_dense, fwd_pruned, rev_dense, rev_pruned = (list(line.get_ydata()) for line in right.lines)
    assert fwd_dense == fwd_pruned == [4 * m for m in range(1, 6)]  # one forward sweep, every edge
    assert rev_pruned == [2 * m * (m + 1) for m in range(1, 6)]  # many outputs: forward is cheaper
    assert rev_dense == [4 * m * m for m in range(1, 6)]
    fig.canvas.draw()


def test_jacobian_cost_accepts_other_families():
    def chain(n):
        return trace(
            lambda **xs: sum((sin(v) for v in xs.values()), 0.0), **{f"x{i}": 0.1 * i for i in range(1, n + 1)}
        )

    fig = plots.plot_jacobian_cost([2, 3], inputs_graph=chain)
    assert len(fig.axes[0].lines[0].get_xdata()) == 2


def test_loss_curve_and_decision_boundary():
    fig = plots.plot_loss_curve([1.0, 0.5, 0.25], log=True)
    ax = fig.axes[0]
    assert labelled(ax) and ax.get_yscale() == "log"
    X = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
    y = np.array([0, 0, 1, 1])
    fig = plots.plot_decision_boundary(lambda a, b: 1 / (1 + math.exp(-4 * (b - a))), X, y, resolution=20)
    ax = fig.axes[0]
    assert labelled(ax) and ax.get_xlabel() == "x₁"
    assert len(fig.axes) == 2  # the colour bar
    assert "probability" in fig.axes[1].get_ylabel()
    fig.canvas.draw()


def test_importing_the_plots_does_not_touch_matplotlib():
    import subprocess
    import sys

    code = "import sys; import autodiff_core.viz.plots; print('matplotlib.pyplot' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
