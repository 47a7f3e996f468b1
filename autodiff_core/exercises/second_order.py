"""Checks on second derivatives: Hessian-vector products, what the full Hessian costs, a
Newton step, perturbation confusion (lesson 11). Every reference number comes from the
package: the gradient graph's sweeps and the nested dual numbers. The calls:
``check_hvp(graph, seed, component, answer)``, ``check_hessian_sweeps(graph, answer)``,
``check_newton_step(graph, answer)``, ``check_nested_derivative(tagged, answer)``."""

from __future__ import annotations

from ..graph import Graph
from ..nested_dual import derivative
from .calls import checker
from .feedback import ArgumentError, Feedback, _Invalid, _UNANSWERED, _as_int, _as_number, _graph, _items, _matches
from .feedback import _numeric_verdict, _right, _short, _wrong
from .jvp import seed_vector
from .reverse import by_name


def _hessian(graph: Graph):
    G = graph.gradient_graph()
    return G, [list(row) for row in G.hessian().matrix]


def _one_output(g: Graph) -> Graph:
    if len(g.outputs) != 1:
        raise ArgumentError(f"this graph has {len(g.outputs)} outputs: the Hessian is of a function of one output")
    return g


@checker(renamed={"v": "seed"})
def check_hvp(graph, seed, component, answer) -> Feedback:
    """Is ``answer`` the ``component`` entry of H·v, the Hessian of ``graph``'s output times
    the direction v = ``seed`` (a dict input name -> vᵢ, the seed of the forward sweep over
    the gradient graph)?"""
    g = _one_output(_graph(graph))
    v = seed_vector(g, seed, "the direction v")
    if not isinstance(component, str) or component not in g.input_names:
        raise ArgumentError(f"component must be one of {', '.join(g.input_names)}, not {_short(component)}")
    if answer is None:
        return _UNANSWERED
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


@checker
def check_hessian_sweeps(graph, answer) -> Feedback:
    """Is ``answer`` the number of forward sweeps of the gradient graph that the full Hessian
    of ``graph``'s output takes?"""
    g = _one_output(_graph(graph))
    if answer is None:
        return _UNANSWERED
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


def _pair(g: Graph, answer, what: str) -> tuple[float, float]:
    """The two coordinates of a point: a pair in input order, or a dict read by input name."""
    if isinstance(answer, dict):
        given = by_name(g, answer)
        answer = [given[n] for n in g.input_names]
    try:
        x1, x2 = _items(answer, 2)
    except _Invalid as e:
        raise _Invalid(f"give {what} as a pair (x₁, x₂), not {e}.") from None
    return _as_number(x1), _as_number(x2)


@checker
def check_newton_step(graph, answer) -> Feedback:
    """Is ``answer`` the point (x₁, x₂) one Newton step x − H⁻¹∇f(x) takes from the traced
    point of a two-input ``graph``? The answer is a pair in input order, or a dict read by
    input name."""
    g = _one_output(_graph(graph))
    if len(g.input_names) != 2:
        raise ArgumentError(f"check_newton_step needs a graph of two inputs, not {len(g.input_names)}")
    x = [nd.value for nd in g.inputs]
    _, H = _hessian(g)
    gradient = g.gradient()
    grad = [gradient[n] for n in g.input_names]
    det = H[0][0] * H[1][1] - H[0][1] * H[1][0]
    if det == 0:
        raise ArgumentError("the Hessian is singular at this point: no Newton step")
    if answer is None:
        return _UNANSWERED
    a = _pair(g, answer, "the new point")
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


@checker
def check_nested_derivative(tagged, answer) -> Feedback:
    """Is ``answer`` what nested dual numbers give for d/dx [x · d/dy (x + y)] at x = 2,
    y = 5, with tagged perturbations or (``tagged=False``) one shared ε?"""
    if not isinstance(tagged, bool):
        raise ArgumentError(f"tagged must be True or False, not {_short(tagged)}")
    if answer is None:
        return _UNANSWERED
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
