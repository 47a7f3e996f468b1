"""Checks on second derivatives: Hessian-vector products, what the full Hessian costs, a
Newton step, perturbation confusion (lesson 11). Every reference number comes from the
package: the gradient graph's sweeps and the nested dual numbers."""

from __future__ import annotations

from ..graph import Graph
from ..nested_dual import derivative
from .feedback import (
    Feedback,
    _Invalid,
    _UNANSWERED,
    _as_int,
    _as_number,
    _checked,
    _graph,
    _matches,
    _numeric_verdict,
    _right,
    _wrong,
)


def _hessian(graph: Graph):
    G = graph.gradient_graph()
    return G, [list(row) for row in G.hessian().matrix]


def _direction(graph: Graph, v) -> dict:
    if not isinstance(v, dict) or set(v) - set(graph.input_names):
        raise TypeError(f"v must be a dict input name -> number over {graph.input_names}, not {v!r}")
    return {n: float(v.get(n, 0.0)) for n in graph.input_names}


@_checked
def check_hvp(answer, graph, v: dict, component: str) -> Feedback:
    """Is ``answer`` the ``component`` entry of H·v, the Hessian of ``graph``'s output times
    the direction ``v`` (a dict input name -> vᵢ)?"""
    if answer is None:
        return _UNANSWERED
    g = _graph(graph)
    v = _direction(g, v)
    if component not in g.input_names:
        raise TypeError(f"component must be one of {g.input_names}, not {component!r}")
    a = _as_number(answer)
    G, H = _hessian(g)
    i = g.input_names.index(component)
    reference = G.hvp(v)[component]
    grad = g.gradient()
    if _matches(a, reference):
        return _right(
            "(H·v)ᵢ = Σⱼ ∂²f/∂xᵢ∂xⱼ·vⱼ: the derivative of ∂f/∂xᵢ along v, which is "
            "what one forward sweep of the gradient graph computes."
        )
    diagonal = H[i][i] * v[component]
    if _matches(a, grad[component]):
        return _wrong(
            f"that is ∂f/∂{component} itself, the gradient graph's value. H·v is its "
            "derivative along v: the tangent the forward sweep carries to the output."
        )
    if _matches(a, sum(grad[n] * v[n] for n in g.input_names)):
        return _wrong(
            "that is ∇f·v, the directional derivative of f: a first derivative. "
            f"Differentiate ∂f/∂{component} along v instead."
        )
    if len(g.input_names) > 1 and _matches(a, diagonal) and not _matches(diagonal, reference):
        return _wrong(
            f"you kept only ∂²f/∂{component}²·v_{component}. The mixed partials "
            f"∂²f/∂{component}∂xⱼ, weighted by the other vⱼ, count too."
        )
    if _matches(-a, reference):
        return _wrong("check the signs: the derivative of cos is −sin, of sin is cos.")
    return _numeric_verdict(
        a,
        reference,
        f"(H·v)_{component} = Σⱼ ∂²f/∂{component}∂xⱼ · vⱼ: "
        f"differentiate ∂f/∂{component} with respect to each "
        "input and weight each by v.",
    )


@_checked
def check_hessian_sweeps(answer, graph) -> Feedback:
    """Is ``answer`` the number of forward sweeps of the gradient graph that the full Hessian
    of ``graph``'s output takes?"""
    if answer is None:
        return _UNANSWERED
    g = _graph(graph)
    k = _as_int(answer, "a number of sweeps")
    n = len(g.input_names)
    reference = g.gradient_graph().hessian().sweeps
    if k == reference:
        return _right(
            f"One sweep seeded with the unit vector eⱼ gives the column H·eⱼ, so {n} "
            f"inputs take {n} sweeps — against one sweep for one Hessian-vector product."
        )
    if n > 1 and k == n * n:
        return _wrong(
            "one forward sweep does not give one entry: seeded with eⱼ, it gives a "
            "whole column H·eⱼ, every output ∂f/∂xᵢ's tangent at once."
        )
    if k == 1 and n > 1:
        return _wrong(
            "one sweep gives one Hessian-vector product H·v: a single column when v "
            "is a unit vector. How many columns has the Hessian?"
        )
    if n > 1 and k == n * (n + 1) // 2:
        return _wrong(
            "the Hessian is symmetric, but a sweep yields a whole column, not one entry: symmetry saves no sweeps here."
        )
    if n > 1 and k == 2 * n:
        return _wrong(
            "the reverse sweep is already inside the gradient graph: each column "
            "costs one forward sweep of it, nothing more."
        )
    return _wrong("a forward sweep seeded with the unit vector eⱼ gives column j of the Hessian. Count the columns.")


def _pair(answer, what: str) -> tuple[float, float]:
    if isinstance(answer, dict):
        answer = tuple(answer.values())
    if isinstance(answer, (str, bytes)) or not hasattr(answer, "__len__") or len(answer) != 2:
        raise _Invalid(f"give {what} as a pair (x₁, x₂), not {answer!r}.")
    return _as_number(answer[0]), _as_number(answer[1])


@_checked
def check_newton_step(answer, graph) -> Feedback:
    """Is ``answer`` the point (x₁, x₂) one Newton step x − H⁻¹∇f(x) takes from the traced
    point of a two-input ``graph``?"""
    if answer is None:
        return _UNANSWERED
    g = _graph(graph)
    if len(g.input_names) != 2:
        raise TypeError(f"check_newton_step needs a graph of two inputs, not {len(g.input_names)}")
    a = _pair(answer, "the new point")
    x = [nd.value for nd in g.inputs]
    _, H = _hessian(g)
    grad = list(g.gradient().values())
    det = H[0][0] * H[1][1] - H[0][1] * H[1][0]
    if det == 0:
        raise TypeError("the Hessian is singular at this point: no Newton step")
    step = (-(H[1][1] * grad[0] - H[0][1] * grad[1]) / det, -(-H[1][0] * grad[0] + H[0][0] * grad[1]) / det)
    reference = (x[0] + step[0], x[1] + step[1])

    def same(p, q):
        return _matches(p[0], q[0]) and _matches(p[1], q[1])

    if same(a, reference):
        return _right("Newton jumps to the minimum of the quadratic model f + ∇f·Δ + ½Δᵀ·H·Δ, where H·Δ = −∇f.")
    if same(a, (x[0] - grad[0], x[1] - grad[1])):
        return _wrong(
            "that is a gradient-descent step of size 1. Newton's step also uses the curvature: solve H·Δ = −∇f for Δ."
        )
    if same(a, (x[0] - step[0], x[1] - step[1])):
        return _wrong("check the sign: the step Δ solves H·Δ = −∇f, it goes downhill.")
    if same(a, step) and not same(step, reference):
        return _wrong("that is the step Δ; the new point is x + Δ.")
    if same(a, (x[0] - grad[0] / H[0][0], x[1] - grad[1] / H[1][1])):
        return _wrong(
            "you divided each gradient component by its own curvature ∂²f/∂xᵢ². "
            "The mixed term ∂²f/∂x₁∂x₂ couples them: solve the 2×2 system H·Δ = −∇f."
        )
    return _wrong("compute ∇f and the Hessian H at the point, solve H·Δ = −∇f, and add Δ to the point.")


def _confusable(tagged: bool) -> float:
    return derivative(lambda x: x * derivative(lambda y: x + y, 5.0, tagged), 2.0, tagged)


@_checked
def check_nested_derivative(answer, tagged: bool) -> Feedback:
    """Is ``answer`` what nested dual numbers give for d/dx [x · d/dy (x + y)] at x = 2,
    y = 5, with tagged perturbations or (``tagged=False``) one shared ε?"""
    if answer is None:
        return _UNANSWERED
    if not isinstance(tagged, bool):
        raise TypeError(f"tagged must be True or False, not {tagged!r}")
    a = _as_number(answer)
    reference = _confusable(tagged)
    if _matches(a, reference):
        if tagged:
            return _right(
                "With a tag per derivative, x is a constant for d/dy: d/dy (x + y) = 1, and d/dx [x · 1] = 1."
            )
        return _right(
            "With one shared ε, the inner derivative sees x's perturbation as well as "
            "y's: d/dy (x + y) comes out as ẋ + ẏ = 2, and d/dx [x · 2] = 2."
        )
    if not tagged and _matches(a, _confusable(True)):
        return _wrong(
            "1 is the true derivative. But with one shared ε, x = 2 + ε and y = 5 + ε "
            "carry the same perturbation: what does the inner derivative return then?"
        )
    if tagged and _matches(a, _confusable(False)):
        return _wrong(
            "that is the confused answer. With tags, the inner derivative's "
            "perturbation is its own, and x is a constant for it."
        )
    return _wrong(
        "first take the inner derivative d/dy (x + y), treating x as the dual "
        "numbers do; then differentiate x times that with respect to x."
    )
