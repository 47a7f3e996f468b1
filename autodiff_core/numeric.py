"""Finite differences: the numerical derivatives AD is compared against.

Defaults sit near the optimal step for double precision: h ≈ ε^(1/2) for the
forward difference (error O(h) + O(ε/h)) and h ≈ ε^(1/3) for the central one
(error O(h²) + O(ε/h)), scaled by max(1, |x|).
"""

import sys

EPS = sys.float_info.epsilon
H_FORWARD = EPS ** 0.5    # ≈ 1.5e-8
H_CENTRAL = EPS ** (1 / 3)  # ≈ 6.1e-6


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


def numerical_gradient(f, point: dict, h: float | None = None,
                       scheme: str = "central") -> dict:
    """∂f/∂xᵢ for every input by finite differences: 2N evaluations (central).

    ``f`` takes the inputs as keyword arguments (like ``trace``); ``point`` maps
    input names to values. Returns a dict name -> partial derivative."""
    point = {k: float(v) for k, v in point.items()}
    grad = {}
    for name, x in point.items():
        def along(t, name=name):
            return f(**{**point, name: t})
        grad[name] = numerical_derivative(along, x, h, scheme)
    return grad
