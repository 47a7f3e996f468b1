"""Finite differences: the numerical derivatives AD is compared against.

Defaults sit near the optimal step for double precision: h ≈ ε^(1/2) for the
forward difference (error O(h) + O(ε/h)) and h ≈ ε^(1/3) for the central one
(error O(h²) + O(ε/h)), scaled by max(1, |x|).

:func:`best_step` finds the bottom of the V-shaped error curve on one grid of
steps, :data:`STEPS`; lesson 05's plot and its best-step exercise both use it.
The complex step Im f(x + ih)/h has no subtraction, hence no round-off arm.
"""

from __future__ import annotations

import inspect
import math
import sys

from .expression import Expression, parse
from .trace import trace

EPS = sys.float_info.epsilon
H_FORWARD = EPS**0.5  # ≈ 1.5e-8
H_CENTRAL = EPS ** (1 / 3)  # ≈ 6.1e-6
STEPS = tuple(10 ** (-16 + 0.25 * i) for i in range(61))  # 1e-16 ... 1e-1, 4 per decade


def _step(x: float, h, scheme: str) -> float:
    if h is None:
        h = (H_CENTRAL if scheme == "central" else H_FORWARD) * max(1.0, abs(x))
    if not h > 0:
        raise ValueError(f"the step h must be positive, got {h}")
    return h


def numerical_derivative(f, x: float, h: float | None = None, scheme: str = "central") -> float:
    """df/dx at x by a finite difference: ``"central"`` (f(x+h) − f(x−h))/2h or
    ``"forward"`` (f(x+h) − f(x))/h. ``f`` takes and returns a float."""
    x = float(x)
    if scheme == "central":
        h = _step(x, h, scheme)
        return (f(x + h) - f(x - h)) / (2 * h)
    if scheme == "forward":
        h = _step(x, h, scheme)
        return (f(x + h) - f(x)) / h
    raise ValueError(f"scheme must be 'central' or 'forward', not {scheme!r}")


def complex_step_derivative(f, x: float, h: float = 1e-20) -> float:
    """df/dx at x by the complex step Im f(x + ih)/h. ``f`` must accept a complex
    argument (write it with :mod:`cmath`); nothing is subtracted, so h can be tiny.
    A function that drops the imaginary part (``abs``, ``.real``, ``float``) is a
    TypeError, not a derivative of 0."""
    if not h > 0:
        raise ValueError(f"the step h must be positive, got {h}")
    y = f(complex(float(x), h))
    if not isinstance(y, complex):
        raise TypeError(
            f"f returned {y!r} ({type(y).__name__}) for the complex argument {complex(float(x), h)!r}: it drops "
            "the imaginary part (abs(), .real, float(), math.*), which the complex step reads; write f with "
            "cmath and + − × /, or use numerical_derivative"
        )
    return y.imag / h


def numerical_gradient(f, point: dict, h: float | None = None, scheme: str = "central") -> dict:
    """∂f/∂xᵢ for every input by finite differences: 2N evaluations (central), or N + 1
    (forward: f at the point once, then once per nudged input).

    ``f`` takes the inputs as keyword arguments (like ``trace``); ``point`` maps
    input names to values. Returns a dict name -> partial derivative."""
    if scheme not in ("central", "forward"):
        raise ValueError(f"scheme must be 'central' or 'forward', not {scheme!r}")
    point = {k: float(v) for k, v in point.items()}
    grad = {}
    if scheme == "forward":
        f0 = f(**point)
        for name, x in point.items():
            step = _step(x, h, scheme)
            grad[name] = (f(**{**point, name: x + step}) - f0) / step
        return grad
    for name, x in point.items():

        def along(t, name=name):
            return f(**{**point, name: t})

        grad[name] = numerical_derivative(along, x, h, scheme)
    return grad


# -- one variable: the exact derivative and the best step ---------------------------------------
def one_variable(f):
    """(callable of one float, input name) from a function or an expression string."""
    if isinstance(f, str):
        f = parse(f)
    if isinstance(f, Expression):
        if len(f.inputs) != 1:
            raise TypeError(f"{f.text!r} has inputs {', '.join(f.inputs)}; one is needed")
        return f, f.inputs[0]
    if not callable(f):
        raise TypeError(f"expected a function of one variable or an expression, got {f!r}")
    params = list(inspect.signature(f).parameters)
    if len(params) != 1:
        raise TypeError("expected a function of one variable")
    return f, params[0]


def exact_derivative(f, x0: float) -> float:
    """df/dx at x0 from the engine (a traced forward sweep). ``f`` is a function of
    one variable written with the package's functions, or an expression string."""
    fn, name = one_variable(f)
    return trace(fn, **{name: float(x0)}).forward(name).derivative


def fd_error(f, x0: float, exact: float, h: float, scheme: str) -> float:
    """|finite difference − exact| at step h, or NaN where f cannot be evaluated
    (x0 ± h outside its domain, an overflow)."""
    try:
        value = numerical_derivative(f, x0, h=h, scheme=scheme)
    except (ArithmeticError, ValueError):  # DomainError is both
        return math.nan
    error = abs(value - exact)
    return error if math.isfinite(error) else math.nan


def _smoothed(errors) -> list:
    """Running median over 5 points of log10(error), ignoring lucky dips; NaN (no value)
    and 0 (an exact hit) are left out of the windows."""
    logs = [math.log10(e) if e > 0 else (-300.0 if e == 0 else math.nan) for e in errors]
    out = []
    for i in range(len(logs)):
        window = sorted(v for v in logs[max(0, i - 2) : i + 3] if not math.isnan(v))
        out.append(window[len(window) // 2] if window and not math.isnan(logs[i]) else math.nan)
    return out


def best_step(f, x0: float, scheme: str = "central", hs=STEPS) -> tuple[int, float, list]:
    """The bottom of the V: (index into ``hs``, smoothed error there, the errors at every h).

    ``f`` is a function of one variable or an expression string; the exact derivative
    is the engine's. Steps where f cannot be evaluated have error NaN and are skipped;
    if none is left a ``ValueError`` says so."""
    fn, _ = one_variable(f)
    x0 = float(x0)
    exact = exact_derivative(f, x0)
    errors = [fd_error(fn, x0, exact, float(h), scheme) for h in hs]
    smooth = _smoothed(errors)
    usable = [i for i, s in enumerate(smooth) if not math.isnan(s)]
    if not usable:
        raise ValueError(f"no step h in {hs[0]:.0e} … {hs[-1]:.0e} gives a finite difference at x = {x0:g}")
    k = min(usable, key=smooth.__getitem__)
    return k, 10 ** smooth[k], errors
