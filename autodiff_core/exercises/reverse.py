"""Checks on reverse mode: one edge's contribution, a node's adjoint, the gradient
(lessons 03, 06). The calls: ``check_adjoint_contribution(graph, source, target, answer)``,
``check_adjoint(graph, node, answer)``, ``check_gradient(graph, answer)``; ``graph`` is a
graph of one output, an example, or a reverse sweep."""

from __future__ import annotations

from ..graph import Graph
from ..notation import number
from ..sweeps.reverse import ReverseSweep
from .calls import checker
from .feedback import ArgumentError, Feedback, _Invalid, _UNANSWERED, _as_number, _graph, _matches, _near, _node
from .feedback import _numeric_verdict, _reveals, _right, _short, _values_of, _var_label, _wrong
from .slips import adjoint_slips, consumers


def _reverse_sweep(graph) -> ReverseSweep:
    if isinstance(graph, ReverseSweep):
        return graph
    g = _graph(graph)
    if len(g.outputs) > 1:
        raise ArgumentError(
            f"this graph has {len(g.outputs)} outputs: say which one the reverse "
            f"sweep starts from by passing a reverse sweep, e.g. g.reverse(0), "
            "instead of the graph"
        )
    return g.reverse()


@checker
def check_adjoint_contribution(graph, source, target, answer) -> Feedback:
    """Is ``answer`` what the edge ``source → target`` adds to the target's adjoint?

    ``source`` is the node whose adjoint flows back (w¹₂), ``target`` one of its
    operands (w⁰₁): the contribution is w̄¹₂ · ∂w¹₂/∂w⁰₁, one step of the
    reverse sweep. Pass a graph (one output) or a reverse sweep.
    """
    sweep = _reverse_sweep(graph)
    g = sweep.graph
    src, tgt = _node(g, source), _node(g, target)
    positions = [k for k, o in enumerate(src.operands) if o == tgt.index and isinstance(o, int)]
    if not positions:
        edges = ", ".join(f"{g.nodes[j].label} → {g.nodes[p].label}" for p, j, _ in g.edges)
        raise ArgumentError(
            f"{tgt.label} is not an operand of {src.label} "
            f"({src.label} = {g.formula(src.index)}); adjoints flow back only "
            f"along the graph's edges: {edges}."
        )
    if answer is None:
        return _UNANSWERED
    a = _as_number(answer)
    bar = sweep.adjoints[src.index]
    partials = [g.partial_value(src.index, k) for k in positions]
    refs = [bar * p for p in partials]
    if any(_matches(a, r) for r in refs):
        return _right()
    for k, o in enumerate(src.operands):
        if isinstance(o, int) and o != tgt.index and _matches(a, bar * g.partial_value(src.index, k)):
            return _wrong(
                f"that is what {src.label} sends back to {g.nodes[o].label}; the "
                f"partial derivative with respect to {tgt.label} is a different one."
            )
    if any(_matches(-a, r) for r in refs) and not any(_matches(r, 0.0) for r in refs):
        return _wrong(f"the size is right, the sign is not: check the sign of ∂{src.label}/∂{tgt.label}.")
    n_in = len(consumers(g, tgt.index))
    if n_in > 1 and _matches(a, sweep.adjoints[tgt.index]):
        return _wrong(
            f"that is the whole {g.adjoint_name(tgt.index)}, after all "
            f"{n_in} contributions; this edge brings only its own part."
        )
    if not _matches(bar, 1.0) and any(_matches(a, p) for p in partials):
        return _wrong(
            f"that is the local partial ∂{src.label}/∂{tgt.label} alone: multiply "
            f"it by {g.adjoint_name(src.index)}, the adjoint arriving from above."
        )
    if not all(_matches(p, 1.0) for p in partials) and _matches(a, bar):
        return _wrong(
            f"that is {g.adjoint_name(src.index)} alone: multiply it by the local partial ∂{src.label}/∂{tgt.label}."
        )
    rule = next(s.rule for s in sweep.steps if s.edge and s.edge[:2] == (tgt.index, src.index))
    nearest = min(refs, key=lambda r: abs(r - a))
    if _reveals([bar] + [g.nodes[p].value for p in src.parents], nearest):
        # a partial of ±1: the adjoint from above (or a value) would be the answer itself
        return _numeric_verdict(
            a,
            nearest,
            f"this step is {rule}, with {g.adjoint_name(src.index)} from the step before and the values of the trace.",
        )
    known = f"{g.adjoint_name(src.index)} = {number(bar)}"
    values = _values_of(g, src.parents)
    return _numeric_verdict(a, nearest, f"this step is {rule}, with {known} and {values}.")


@checker
def check_adjoint(graph, node, answer) -> Feedback:
    """Is ``answer`` the adjoint w̄ = ∂f/∂w of ``node``, after the whole reverse sweep?

    A wrong answer is matched against the slips the graph allows (a flipped sign, the
    factor of a power forgotten, a local partial left out, one node too far, another
    node's adjoint, one contribution of several) and the message names the slip."""
    sweep = _reverse_sweep(graph)
    g = sweep.graph
    nd = _node(g, node)
    if answer is None:
        return _UNANSWERED
    a = _as_number(answer)
    ref = sweep.adjoints[nd.index]
    bar = g.adjoint_name(nd.index)
    if _matches(a, ref):
        return _right()
    out = consumers(g, nd.index)
    if not out:
        return _wrong(f"{nd.label} is the output: its adjoint is the seed of the reverse sweep, ∂f/∂f.")
    parts = [sweep.adjoints[j] * g.partial_value(j, k) for j, k in out]
    if len(parts) > 1 and any(_matches(a, p) for p in parts):
        users = ", ".join(dict.fromkeys(g.nodes[j].label for j, _ in out))
        return _wrong(
            f"that is only one contribution. {nd.label} is used {len(parts)} times "
            f"(by {users}), and {bar} adds up what comes back along every edge."
        )
    if _matches(a, nd.value):
        return _wrong(f"that is the value {nd.label}; the adjoint {bar} is ∂f/∂{nd.label}.")
    if not _near(a, ref):
        for value, words in adjoint_slips(sweep, nd.index):
            if _matches(a, value):
                return _wrong(words)
    terms = " + ".join(f"{g.adjoint_name(j)}·∂{g.nodes[j].label}/∂{nd.label}" for j, _ in out)
    if len(out) > 1:
        # a fan-out: the lesson is the sum, so the adjoints arriving from above may be shown
        users = list(dict.fromkeys(j for j, _ in out))
        if _reveals([sweep.adjoints[j] for j in users], ref):
            return _numeric_verdict(a, ref, f"{bar} = {terms}: add up what comes back along every edge.")
        known = ", ".join(f"{g.adjoint_name(j)} = {number(sweep.adjoints[j])}" for j in users)
        return _numeric_verdict(a, ref, f"{bar} = {terms}, where {known}.")
    # one consumer: its adjoint times a partial of ±1 would be the answer itself, so
    # show the way down from the output instead of numbers
    down = _path_down(g, out[0][0], sweep, ref)
    return _numeric_verdict(a, ref, f"{bar} = {terms}. Work down from the output: {down}.")


def _path_down(g: Graph, j: int, sweep: ReverseSweep, ref: float) -> str:
    """The adjoint rules from an output down to node j, following first consumers;
    the seed's number is left out when it would be the answer ``ref`` itself."""
    chain = [j]
    while True:
        users = consumers(g, chain[-1])
        if not users:
            break
        chain.append(users[0][0])
    top = chain[-1]
    seed = sweep.adjoints[top]
    shown = "∂f/∂f" if _reveals([seed], ref) else number(seed)
    steps = [f"{g.adjoint_name(top)} = {shown} (the seed)"]
    for below, above in zip(reversed(chain[:-1]), reversed(chain[1:])):
        steps.append(
            f"{g.adjoint_name(below)} = {g.adjoint_name(above)}·∂{g.nodes[above].label}/∂{g.nodes[below].label}"
        )
    return ", then ".join(steps)


def by_name(g: Graph, answer: dict) -> dict:
    """A dict answer read by input name (or its display name, x₁ for x1), never by position."""
    names = list(g.input_names)
    alias = {**{_var_label(g, n): n for n in names}, **{n: n for n in names}}
    given = {}
    for key, value in answer.items():
        if not isinstance(key, str) or key not in alias:
            raise _Invalid(f"{_short(key)} is not an input; the inputs are {', '.join(names)}.")
        if alias[key] in given:
            raise _Invalid(f"{alias[key]} is given twice.")
        given[alias[key]] = value
    missing = [n for n in names if n not in given]
    if missing:
        raise _Invalid(f"the answer has no entry for {', '.join(missing)}.")
    return given


@checker
def check_gradient(graph, answer) -> Feedback:
    """Is ``answer`` the gradient of ``graph``'s output: a dict input name -> ∂f/∂input (read
    by name), or a sequence in the order of ``graph.input_names``?"""
    g = _graph(graph)
    if len(g.outputs) > 1:
        raise ArgumentError(f"this graph has {len(g.outputs)} outputs: a gradient is of one output")
    if answer is None:
        return _UNANSWERED
    names = list(g.input_names)
    if isinstance(answer, dict):
        given = by_name(g, answer)
    elif isinstance(answer, (set, frozenset)):
        raise _Invalid("a set has no order: give a dict such as {'x1': ..., 'x2': ...}, one entry per input.")
    elif isinstance(answer, (str, bytes)) or not hasattr(answer, "__len__"):
        raise _Invalid(
            f"give a dict such as {{{', '.join(repr(n) + ': ...' for n in names)}}}, one entry per input, "
            f"or a sequence of {len(names)} numbers, not a {type(answer).__name__}."
        )
    else:
        try:
            answer = list(answer)
        except Exception:  # noqa: BLE001 - a 0-d numpy array has __len__ but is not a sequence
            raise _Invalid(
                f"give a dict such as {{{', '.join(repr(n) + ': ...' for n in names)}}}, one entry per input, "
                f"or a sequence of {len(names)} numbers, not a single {type(answer).__name__}."
            ) from None
        if len(answer) != len(names):
            raise _Invalid(
                f"give {len(names)} partial derivatives, one per input ({', '.join(names)}), not {len(answer)}."
            )
        given = dict(zip(names, answer))
    if any(v is None for v in given.values()):
        return _UNANSWERED
    ref = g.gradient()
    vals = {n: _as_number(given[n], f"a number for ∂f/∂{n}") for n in names}
    wrong = [n for n in names if not _matches(vals[n], ref[n])]
    if not wrong:
        return _right()
    if all(_near(vals[n], ref[n]) for n in wrong):
        return Feedback("close", "Close, but not within 0.1%: keep more digits.")
    shown = {n: _var_label(g, n) for n in names}
    swapped = [n for n in wrong if any(_matches(vals[n], ref[m]) for m in names if m != n)]
    good = [shown[n] for n in names if n not in wrong]

    def partials(which):
        return ", ".join(f"∂f/∂{w}" for w in which) + (" is" if len(which) == 1 else " are")

    msg = f"{partials([shown[n] for n in wrong])} wrong"
    if good:
        msg += f" ({partials(good)} right)"
    msg += "."
    if swapped:
        msg += " Some values belong to another input: check the order."
    return _wrong(msg + " One reverse sweep from w̄ = 1 at the output gives every partial.")
