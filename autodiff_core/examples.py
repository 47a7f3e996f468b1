"""The lessons' running examples, ready to trace.

* ``F`` — f(x₁, x₂) = x₁x₂ + sin(x₁) at (2, 5), in the wⁿᵢ notation.
* ``Y`` — y = sin(x² + 1) at x = 1.5, with the chapter's names a = x², b = a + 1.
* ``NEURON`` — the sigmoid neuron's squared error, w = 0.5, x = 2, b = −0.1, target 0.8.
* :func:`newton_sqrt` — Newton's method for √a, a loop to trace (lesson 08).
* :func:`damped_chain` — x ← 0.9·x + sin(x) repeated: a graph as long as asked, for the
  player's big pages, its tests and benchmarks.
"""

from dataclasses import dataclass, field

from .functions import sin
from .trace import trace


@dataclass(frozen=True)
class Example:
    """An expression with default input values and optional node names."""

    key: str
    title: str
    expression: str
    inputs: dict
    names: dict = field(default_factory=dict)

    def graph(self, **inputs):
        """Trace the example, at its default inputs or the ones given."""
        return trace(self.expression, names=self.names, **{**self.inputs, **inputs})


F = Example("f", "f(x₁, x₂) = x₁x₂ + sin(x₁)", "x1*x2 + sin(x1)", {"x1": 2.0, "x2": 5.0})
Y = Example("y", "y = sin(x² + 1)", "sin(x**2 + 1)", {"x": 1.5}, {"w0": "x", "w1": "a", "w2": "b", "w3": "y"})
NEURON = Example(
    "neuron",
    "L = (σ(w·x + b) − 0.8)²",
    "(sigmoid(w*x + b) - 0.8)**2",
    {"w": 0.5, "x": 2.0, "b": -0.1},
    {"w0_1": "b", "w0_2": "w", "w0_3": "x", "w1": "u", "w2": "z", "w3": "y_hat", "w4": "r", "w5": "L"},
)


def newton_sqrt(a, x0=1.0, iterations=4):
    """Newton's method for √a: x ← (x + a/x)/2, ``iterations`` times from ``x0``.

    Plain arithmetic, so it runs on numbers and, under ``trace``, records one copy of the
    loop body per iteration: the graph is the path the loop took."""
    x = x0
    for _ in range(iterations):
        x = 0.5 * (x + a / x)
    return x


def damped_chain(rounds: int, x: float = 0.5):
    """The graph of x ← 0.9·x + sin(x) repeated ``rounds`` times from ``x``: 3 operations a
    round, so its reverse sweep has 4·rounds steps (250 rounds: the 1,000-step page)."""

    def f(x):
        for _ in range(rounds):
            x = 0.9 * x + sin(x)
        return x

    return trace(f, x=x)


ALL = {e.key: e for e in (F, Y, NEURON)}
