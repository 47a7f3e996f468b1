"""Matplotlib plots for the lessons; every number in them comes from the engine.

* :func:`plot_tangent_line` — a function of one variable and its tangent line,
  the slope from a forward sweep (lesson 02).
* :func:`plot_fd_error` — the error of forward and central differences against
  the step h, on log-log axes, measured against the exact derivative from AD:
  the V shape of truncation against round-off (lesson 05), with the complex step
  (no subtraction, so no round-off arm) when a complex version of f is given.
* :func:`plot_jacobian_cost` — the elementary operations of a full Jacobian in
  forward and reverse mode as the number of inputs N or outputs M grows, each
  counted dense and pruned (:mod:`autodiff_core.costs`, lesson 04); the families and
  the table of counts, :func:`jacobian_costs`, are in :mod:`autodiff_core.families`.
* :func:`plot_loss_curve` and :func:`plot_decision_boundary` — training a small
  network (lesson 06).

Each function returns its :class:`matplotlib.figure.Figure` (or draws into the
``ax`` it is given) and leaves matplotlib's global state alone: no style or
rcParams changes, and the figure is not left open in pyplot, so a notebook
shows it exactly once, as the cell's result.
"""

from __future__ import annotations

import inspect
import math

from ..families import jacobian_costs, many_inputs, many_outputs, unshared_outputs  # noqa: F401
from ..numeric import STEPS, best_step, complex_step_derivative, exact_derivative, fd_error, one_variable
from .style import scheme

FORWARD = scheme("forward").ink  # blue, as in the drawings of forward mode
REVERSE = scheme("reverse").ink  # vermilion, as in the drawings of reverse mode
INK = "#1f2328"
MUTED = "#6e7781"
COMPLEX = "#1a7f37"  # green: the complex step, neither mode's colour


def _figure(figsize=(6.4, 4.2), ncols: int = 1):
    """A new figure and its axes, not registered with pyplot (so shown once)."""
    import matplotlib.pyplot as plt  # at call time: importing this module changes nothing

    fig = plt.figure(figsize=figsize, layout="constrained")
    plt.close(fig)
    axes = fig.subplots(1, ncols)
    return fig, axes


def _pretty(text: str) -> str:
    """An expression string as a reader writes it: x**2 -> x², * -> ·."""
    sup = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
    out, i = [], 0
    while i < len(text):
        if text.startswith("**", i) and i + 2 < len(text) and text[i + 2].isdigit():
            j = i + 2
            while j < len(text) and text[j].isdigit():
                j += 1
            out.append(text[i + 2 : j].translate(sup))
            i = j
            continue
        out.append({"*": "·", "-": "−"}.get(text[i], text[i]))
        i += 1
    return "".join(out)


def _label(f, label: str | None) -> str:
    if label is not None:
        return label
    if isinstance(f, str):
        return _pretty(f)
    text = getattr(f, "text", None)  # a parsed Expression
    if text:
        return _pretty(text)
    name = getattr(f, "__name__", "<lambda>")
    if name.isidentifier():  # a named function: y -> "y(x)"
        params = list(inspect.signature(f).parameters)
        return f"{name}({params[0] if params else 'x'})"
    return "f(x)"


def _num(v: float, digits: int = 4) -> str:
    return f"{v:.{digits}g}".replace("-", "−")


# -- lesson 02: the derivative is a slope ---------------------------------------------------------
def plot_tangent_line(
    f="sin(x**2 + 1)", x0: float = 1.5, *, span: float = 1.0, label: str | None = None, ax=None, points: int = 400
):
    """Plot y = f(x) around x0 with its tangent line at x0.

    ``f`` is an expression string (``"sin(x**2 + 1)"``) or a function of one
    variable written with the package's functions. The slope is the engine's
    derivative (a traced forward sweep), not a finite difference.
    """
    import numpy as np

    fn, name = one_variable(f)
    x0 = float(x0)
    y0 = float(fn(x0))
    slope = exact_derivative(f, x0)
    text = _label(f, label)
    if ax is None:
        fig, ax = _figure((6.4, 4.2))
    else:
        fig = ax.figure
    xs = np.linspace(x0 - span, x0 + span, points)
    ys = [float(fn(float(x))) for x in xs]
    ax.plot(xs, ys, color=INK, lw=2, label=f"y = {text}")
    near = np.linspace(x0 - 0.45 * span, x0 + 0.45 * span, 2)
    ax.plot(
        near,
        y0 + slope * (near - x0),
        color=FORWARD,
        lw=2,
        ls="--",
        label=f"tangent at {name} = {_num(x0)}: slope {_num(slope, 6)}",
    )
    ax.plot([x0], [y0], "o", color=FORWARD, ms=7, zorder=3)
    ax.annotate(f"({_num(x0)}, {_num(y0)})", (x0, y0), xytext=(10, 10), textcoords="offset points", color=FORWARD)
    ax.set_xlabel(name)
    ax.set_ylabel("y")
    ax.set_title(f"y = {text} and its tangent at {name} = {_num(x0)}\nslope dy/d{name} from a forward sweep")
    ax.grid(True, alpha=0.3)
    ax.legend(loc="best", fontsize=9)
    return fig


# -- lesson 05: the V of finite differences ------------------------------------------------------
def fd_errors(f="sin(x**2 + 1)", x0: float = 1.5, hs=None, complex_f=None) -> dict:
    """Errors of forward and central differences at each step h, against AD.

    Returns ``{"h": [...], "forward": [...], "central": [...], "exact": d, "best":
    {scheme: index of the bottom of its V}}``, from :func:`numeric.best_step`; the steps
    default to :data:`numeric.STEPS`. An error that comes out exactly 0 is kept as 0.0,
    one where f cannot be evaluated (x0 ± h outside its domain) is NaN. With
    ``complex_f`` (f written with :mod:`cmath`), ``"complex"`` holds the errors of the
    complex step Im f(x0 + ih)/h.
    """
    hs = [float(h) for h in (STEPS if hs is None else hs)]
    exact = exact_derivative(f, x0)
    out = {"h": hs, "exact": exact, "best": {}}
    for scheme_ in ("forward", "central"):
        k, _, errors = best_step(f, x0, scheme_, hs)
        out[scheme_], out["best"][scheme_] = errors, k
    if complex_f is not None:
        out["complex"] = [abs(complex_step_derivative(complex_f, x0, h) - exact) for h in hs]
    return out


def plot_fd_error(
    f="sin(x**2 + 1)", x0: float = 1.5, *, hs=None, label: str | None = None, ax=None, complex_f=None, h=None
):
    """Error of forward and central differences against the step h (log-log).

    The exact derivative is the engine's (a forward sweep), so the plot shows
    the finite differences' own error: truncation (right arm, shrinking with h)
    against round-off (left arm, growing as h shrinks). The circled bottoms are
    :func:`numeric.best_step`'s. With ``complex_f`` (the same f written with
    :mod:`cmath`, e.g. ``lambda z: cmath.sin(z**2 + 1)``) the complex step is drawn
    too: flat at the level of rounding wherever its truncation error is below it. With
    ``h`` (a slider's value), that step is marked, with both errors there.
    """
    data = fd_errors(f, x0, hs, complex_f)
    _, name = one_variable(f)
    text = _label(f, label)
    if ax is None:
        fig, ax = _figure((6.6, 4.4))
    else:
        fig = ax.figure
    hs = data["h"]
    styles = {
        "forward": (FORWARD, "forward  (f(x+h) − f(x)) / h"),
        "central": (REVERSE, "central  (f(x+h) − f(x−h)) / 2h"),
    }
    best_words = []
    for key, (colour, words) in styles.items():
        errs = [e if e > 0 else float("nan") for e in data[key]]  # log axes cannot show 0
        ax.loglog(hs, errs, ".-", color=colour, lw=1.2, ms=3, label=words)
        k = data["best"][key]
        ax.plot([hs[k]], [data[key][k] or float("nan")], "o", color=colour, ms=11, mfc="none", mew=2, zorder=4)
        best_words.append(f"{key}: h ≈ 10{_sup(round(math.log10(hs[k])))}")
    if "complex" in data:
        # an exact hit (error 0) is drawn at the rounding level of the derivative itself
        floor = 2**-53 * max(abs(data["exact"]), 1e-300)
        ax.loglog(
            hs,
            [max(e, floor) for e in data["complex"]],
            ".-",
            color=COMPLEX,
            lw=1.2,
            ms=3,
            label="complex step  Im f(x+ih) / h",
        )
    ax.text(
        0.98,
        0.04,
        "bottom of the V (circled)\n" + "\n".join(best_words),
        transform=ax.transAxes,
        ha="right",
        va="bottom",
        fontsize=9,
        color=INK,
        bbox=dict(boxstyle="round", fc="white", ec=MUTED, alpha=0.9),
    )
    ax.set_xlabel("step size h")
    ax.set_ylabel("|finite difference − exact derivative|")
    ax.set_title(
        f"Error of finite differences for d/d{name} [{text}] at {name} = {_num(x0)}"
        "\n(exact derivative from automatic differentiation)",
        fontsize=11,
    )
    ax.text(0.02, 0.30, "round-off\ndominates ←", transform=ax.transAxes, color=MUTED, fontsize=9, va="bottom")
    ax.text(
        0.98, 0.30, "→ truncation\ndominates", transform=ax.transAxes, color=MUTED, fontsize=9, va="bottom", ha="right"
    )
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(loc="upper center", fontsize=9)
    if h is not None:
        _mark_step(ax, f, x0, float(h), data["exact"])
    return fig


def _mark_step(ax, f, x0: float, h: float, exact: float) -> None:
    """A dashed line at the step h, each difference's error there as a square, in words too."""
    ax.axvline(h, color=MUTED, lw=1, ls="--", zorder=1)
    words = [f"h = {_num(h, 2)}"]
    for key, colour in (("forward", FORWARD), ("central", REVERSE)):
        error = fd_error(one_variable(f)[0], x0, exact, h, key)
        if error > 0:  # NaN (f not defined at x ± h) and an exact 0 have no place on log axes
            ax.plot([h], [error], "s", color=colour, ms=7, zorder=5)
        words.append(f"{key}: error {error:.1e}" if not math.isnan(error) else f"{key}: f undefined at x ± h")
    box = dict(boxstyle="round", fc="white", ec=MUTED, alpha=0.9)
    ax.text(0.02, 0.04, "\n".join(words), transform=ax.transAxes, fontsize=9, color=INK, bbox=box)


def _sup(n: int) -> str:
    return str(n).replace("-", "⁻").translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


# -- lesson 04: the cost of a Jacobian -------------------------------------------------------------
def plot_jacobian_cost(sizes=range(1, 13), *, inputs_graph=many_inputs, outputs_graph=many_outputs):
    """Elementary operations of the full Jacobian, forward vs reverse mode, each counted
    dense (every edge per sweep, dashed) and pruned (only the edges a sweep can carry
    something other than 0 along, solid).

    Left: N inputs and one output (``inputs_graph(N)``); right: one input and M
    outputs (``outputs_graph(M)``). The counts are the engine's own
    (:func:`~autodiff_core.families.jacobian_costs`).
    """
    sizes = list(sizes)
    fig, (left, right) = _figure((10, 4.4), ncols=2)
    panels = (
        (left, jacobian_costs(inputs_graph, sizes), "N", "inputs", "N inputs → 1 output", "N sweeps", "1 sweep"),
        (right, jacobian_costs(outputs_graph, sizes), "M", "outputs", "1 input → M outputs", "1 sweep", "M sweeps"),
    )
    for ax, rows, letter, what, title, fwd_words, rev_words in panels:
        xs = [r[what] for r in rows]
        for mode, colour, marker, words in (("forward", FORWARD, "o", fwd_words), ("reverse", REVERSE, "s", rev_words)):
            ax.plot(
                xs, [r[f"{mode}_dense"] for r in rows], "--", color=colour, lw=1.2, label=f"{mode} ({words}), dense"
            )
            ax.plot(
                xs, [r[f"{mode}_pruned"] for r in rows], marker + "-", color=colour, label=f"{mode} ({words}), pruned"
            )
        ax.set_xlabel(f"number of {what} {letter}")
        ax.set_ylabel("elementary operations for the full Jacobian")
        ax.set_title(title)
        ax.grid(True, alpha=0.3)
        ax.legend(loc="upper left", fontsize=8)
        ax.set_ylim(bottom=0)
    fig.suptitle("Cost of the full Jacobian, counted by the engine two ways", fontsize=12)
    return fig


# -- lesson 06: training ---------------------------------------------------------------------
def plot_loss_curve(losses, *, ax=None, log: bool = False, label: str = "training loss"):
    """The loss after each epoch of training."""
    if ax is None:
        fig, ax = _figure((5.6, 3.8))
    else:
        fig = ax.figure
    ax.plot(range(len(losses)), list(losses), color=REVERSE, lw=2, label=label)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel("epoch (one gradient step)")
    ax.set_ylabel("loss")
    ax.set_title("Loss during training")
    ax.grid(True, alpha=0.3)
    ax.legend(loc="upper right", fontsize=9)
    return fig


def plot_decision_boundary(
    predict, X, y, *, ax=None, resolution: int = 60, margin: float = 0.4, title: str = "What the network learned"
):
    """Shade the plane by ``predict(x1, x2)`` (a probability of class 1), draw the
    0.5 contour (the decision boundary) and the labelled points ``X`` (n×2), ``y``."""
    import numpy as np

    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if ax is None:
        fig, ax = _figure((5.6, 4.6))
    else:
        fig = ax.figure
    lo, hi = X.min(axis=0) - margin, X.max(axis=0) + margin
    g1 = np.linspace(lo[0], hi[0], resolution)
    g2 = np.linspace(lo[1], hi[1], resolution)
    P = np.array([[float(predict(float(a), float(b))) for a in g1] for b in g2])
    shade = ax.contourf(g1, g2, P, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.55, vmin=0, vmax=1)
    ax.contour(g1, g2, P, levels=[0.5], colors=INK, linewidths=2)
    for cls, marker, colour in ((0, "o", "#2166ac"), (1, "^", "#b2182b")):
        pts = X[y == cls]
        ax.scatter(
            pts[:, 0],
            pts[:, 1],
            marker=marker,
            c=colour,
            edgecolors="white",
            linewidths=0.8,
            s=42,
            label=f"class {cls}",
            zorder=3,
        )
    fig.colorbar(shade, ax=ax, label="predicted probability of class 1")
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    ax.set_title(title + "\n(black line: decision boundary, probability 0.5)", fontsize=11)
    ax.legend(loc="upper right", fontsize=9, framealpha=0.9)
    ax.set_aspect("equal", adjustable="box")
    return fig


__all__ = [
    "fd_errors",
    "jacobian_costs",
    "many_inputs",
    "many_outputs",
    "plot_decision_boundary",
    "plot_fd_error",
    "plot_jacobian_cost",
    "plot_loss_curve",
    "plot_tangent_line",
]
