"""Checks on Jacobian-vector and vector-Jacobian products, and on compressing a sparse Jacobian
into few forward sweeps (lesson 07). Every reference comes from the package: a forward sweep
with the seed v, a reverse sweep with the output weights u, ``graph.jacobian``, and the
graph's own record of which input reaches which output. The calls: ``check_jvp(graph, seed,
answer)``, ``check_vjp(graph, weights, answer)``, ``check_sweeps_needed(graph, answer)``."""

from __future__ import annotations

import numbers

from ..graph import Graph
from .calls import checker
from .feedback import ArgumentError, Feedback, _Invalid, _UNANSWERED, _as_int, _as_number, _graph, _matches, _near
from .feedback import _right, _short, _wrong, real_argument
from .reverse import by_name


def _vector(answer, size: int, what: str) -> list | None:
    """The answer as ``size`` floats (a lone number when size is 1); None if a part is None.
    A dict is read by its keys, the output indices 0, 1, ..."""
    if isinstance(answer, dict):
        keys = list(range(size))
        unknown = [k for k in answer if not (isinstance(k, numbers.Integral) and k in keys)]
        if unknown or len(answer) != size:
            raise _Invalid(f"give {what}: a list of {size} numbers, or a dict with the keys {keys} (from 0).")
        answer = [answer[k] for k in keys]
    if size == 1 and not isinstance(answer, (list, tuple)) and not getattr(answer, "ndim", 0):
        return [_as_number(answer)]
    if isinstance(answer, (str, bytes, set, frozenset)) or not hasattr(answer, "__len__"):
        raise _Invalid(f"give {what}: a list of {size} numbers.")
    try:
        items = list(answer)
    except Exception:  # noqa: BLE001 - a 0-d numpy array has __len__ but is not a sequence
        raise _Invalid(f"give {what}: a list of {size} numbers.") from None
    if len(items) != size:
        raise _Invalid(f"give {what}: {size} numbers, not {len(items)}.")
    if any(v is None for v in items):
        return None
    return [_as_number(v) for v in items]


def _same(a: list, b) -> bool:
    return all(_matches(x, y) for x, y in zip(a, b, strict=True))


def _close(a: list, b) -> bool:
    return all(_near(x, y) for x, y in zip(a, b, strict=True))


def _outputs_of(sweep_derivative) -> tuple:
    return sweep_derivative if isinstance(sweep_derivative, tuple) else (sweep_derivative,)


def _matrix(graph: Graph) -> tuple:
    return graph.jacobian("forward").matrix


def seed_vector(graph: Graph, seed, what: str = "the seed v") -> dict:
    """A dict input name -> number over the graph's inputs (missing ones 0), checked."""
    names = ", ".join(graph.input_names)
    if not isinstance(seed, dict):
        raise ArgumentError(f"{what} is a dict input name -> number over {names}, not a {type(seed).__name__}")
    unknown = [name for name in seed if name not in graph.input_names]
    if unknown:
        raise ArgumentError(f"{_short(unknown[0])} in {what} is not an input; the inputs are {names}")
    return {n: real_argument(seed[n], f"{what}'s entry for {n}") if n in seed else 0.0 for n in graph.input_names}


def _weights(graph: Graph, weights) -> list:
    """The output weights u as a list over the outputs, checked: keys are output indices from 0."""
    m = len(graph.outputs)
    valid = ", ".join(map(str, range(m)))
    if not isinstance(weights, dict):
        raise ArgumentError(f"the weights u are a dict output index -> number, over {valid}, not {_short(weights)}")
    u = [0.0] * m
    for key, value in weights.items():
        if isinstance(key, bool) or not isinstance(key, numbers.Integral) or not 0 <= key < m:
            raise ArgumentError(
                f"the weights have an entry for output {_short(key)}, but the outputs are numbered from 0: "
                f"this graph has output{'s' if m > 1 else ''} {valid}"
            )
        u[int(key)] = real_argument(value, f"the weight of output {key}")
    return u


@checker
def check_jvp(graph, seed, answer) -> Feedback:
    """Is ``answer`` J·v, the output tangents of one forward sweep seeded ẋ = v? ``seed`` is a
    dict input name -> vᵢ; the answer is a number (one output) or one number per output."""
    graph = _graph(graph)
    v = seed_vector(graph, seed)
    if answer is None:
        return _UNANSWERED
    names = graph.input_names
    m = len(graph.outputs)
    a = _vector(answer, m, "J·v, one number per output")
    if a is None:
        return _UNANSWERED
    reference = _outputs_of(graph.forward(v).derivative)
    if _same(a, reference):
        return _right(
            "Every tangent rule is linear in the tangents, so seeding ẋ = v gives "
            "J·v: v₁ times the first column plus v₂ times the second, and so on."
        )
    if _close(a, reference):
        return Feedback("close", "Close, but not within 0.1%: keep more digits.")
    J = _matrix(graph)
    for c, name in enumerate(names):
        if _same(a, [row[c] for row in J]) and any(v[n] != (n == name) for n in names):
            return _wrong(
                f"that is the column for {name} alone (ẋ = 1 for {name}, 0 for the "
                "others). With the seed v every input starts with its own tangent, "
                "and each column comes in weighted by it."
            )
    if any(x != 1.0 for x in v.values()) and _same(a, [sum(row) for row in J]):
        return _wrong("that is the seed (1, 1, …): the tangents of the inputs start at v's entries, not at 1.")
    if len(names) == 2 and _same(a, [row[0] * v[names[1]] + row[1] * v[names[0]] for row in J]):
        return _wrong("the weights are swapped: the column of ∂/∂x₁ is weighted by ẋ₁ = v₁.")
    return _wrong("run the forward rules with the inputs' tangents set to v: ẏ = Σ ∂y/∂xᵢ · vᵢ.")


@checker
def check_vjp(graph, weights, answer) -> Feedback:
    """Is ``answer`` uᵀJ, the input adjoints of one reverse sweep seeded ȳ = u? ``weights`` is a
    dict output index (from 0) -> uᵣ; the answer is a dict input name -> x̄ (read by name) or
    a list in input order."""
    graph = _graph(graph)
    u = _weights(graph, weights)
    if answer is None:
        return _UNANSWERED
    names = graph.input_names
    if isinstance(answer, dict):
        given = by_name(graph, answer)
        answer = [given[n] for n in names]
    a = _vector(answer, len(names), "uᵀJ, one number per input")
    if a is None:
        return _UNANSWERED
    m = len(graph.outputs)
    gradient = graph.reverse({r: u[r] for r in range(m)}).gradient
    reference = [gradient[n] for n in names]
    if _same(a, reference):
        return _right(
            "The adjoint rules are linear in the adjoints, so seeding ȳ = u gives "
            "uᵀJ: u₁ times the first row plus u₂ times the second — the gradient of "
            "u₁y₁ + u₂y₂."
        )
    if _close(a, reference):
        return Feedback("close", "Close, but not within 0.1%: keep more digits.")
    J = _matrix(graph)
    for r in range(m):
        if _same(a, J[r]) and u != [float(q == r) for q in range(m)]:
            return _wrong(
                f"that is row {r + 1} alone, the gradient of output {r + 1}. The "
                "weights seed every output's adjoint, and each row comes in "
                "weighted by its u."
            )
    if m == len(names) and _same(a, [sum(J[r][c] * u[c] for c in range(m)) for r in range(m)]):
        return _wrong(
            "that is J·u, a combination of the columns. The reverse sweep carries "
            "adjoints from the outputs to the inputs: it combines the rows."
        )
    if any(x != 1.0 for x in u) and _same(a, [sum(J[r][c] for r in range(m)) for c in range(len(names))]):
        return _wrong("that is the weights (1, 1, …): the output adjoints start at u's entries, not at 1.")
    return _wrong("run the adjoint rules with the outputs' adjoints set to u: x̄ᵢ = Σ uᵣ · ∂yᵣ/∂xᵢ.")


def dependencies(graph: Graph) -> tuple[frozenset, ...]:
    """Per output, the names of the inputs it depends on, read from the graph's edges."""
    reach: list[frozenset] = []
    for nd in graph.nodes:
        if nd.is_input:
            reach.append(frozenset([nd.var]))
        else:
            reach.append(frozenset().union(*(reach[p] for p in nd.parents)))
    return tuple(reach[o.index] for o in graph.outputs)


def _colour(names, clash, size, colour, i=0) -> bool:
    """Give names[i:] colours below ``size``, no two clashing names alike (backtracking)."""
    if i == len(names):
        return True
    used = {colour[m] for m in clash[names[i]] if m in colour}
    for c in range(min(size, max(colour.values(), default=-1) + 2)):  # new colours in order
        if c not in used:
            colour[names[i]] = c
            if _colour(names, clash, size, colour, i + 1):
                return True
            del colour[names[i]]
    return False


def seed_groups(graph: Graph) -> tuple[tuple[str, ...], ...]:
    """The inputs split into as few groups as possible such that no two inputs of a group
    reach the same output: one forward sweep per group, seeded 1 on the group's inputs,
    recovers the whole Jacobian. Exact (a search), meant for lesson-sized graphs."""
    names = graph.input_names
    if len(names) > 16:
        raise ValueError(f"seed_groups searches exactly and takes at most 16 inputs, not {len(names)}")
    deps = dependencies(graph)
    clash = {n: {m for d in deps if n in d for m in d if m != n} for n in names}
    for size in range(1, len(names) + 1):
        colour: dict = {}
        if _colour(names, clash, size, colour):
            return tuple(tuple(n for n in names if colour[n] == c) for c in range(size))
    raise AssertionError("unreachable: one group per input always works")


@checker
def check_sweeps_needed(graph, answer) -> Feedback:
    """Is ``answer`` the fewest forward sweeps that recover the whole Jacobian of ``graph``,
    seeding several inputs at once where no output sees two of them?"""
    graph = _graph(graph)
    if len(graph.input_names) > 16:
        raise ArgumentError(f"the check searches exactly and takes at most 16 inputs, not {len(graph.input_names)}")
    if answer is None:
        return _UNANSWERED
    a = _as_int(answer, "a number of sweeps")
    if a < 1:
        raise _Invalid("at least one sweep is needed.")
    reference = len(seed_groups(graph))
    n = len(graph.input_names)
    if a == reference:
        return _right(
            "Inputs that never meet in an output can share a sweep: each output's "
            "tangent then holds the one entry of its row that the sweep seeded."
        )
    if a == n:
        return _wrong(
            "that is one sweep per input, one column at a time. Look at which "
            "inputs each output depends on: can some inputs be seeded together "
            "without their contributions adding up in the same output?"
        )
    if a < reference:
        return _wrong(
            "two inputs that reach the same output cannot share a sweep: that "
            "output's tangent would be the sum of two entries, and the sweep "
            "cannot tell them apart."
        )
    return _wrong("inputs can share a sweep as long as no output depends on two of them; find the fewest such groups.")
