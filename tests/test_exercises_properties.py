"""A check never marks a wrong answer right. For every check, hypothesis draws a question and
wrong answers from a family of plausible slips (the sign, a forgotten factor, swapped
operands, the neighbouring node, transposed, off by one, ...) and from random numbers, and
none of them may come back "right"; the right answer, from an oracle independent of the
engine (finite differences on a re-evaluation written here, sympy, formulas by hand), must.
"""

import itertools
import math
import operator

import pytest
import sympy
from hypothesis import HealthCheck, assume, given, settings, strategies as st

import autodiff_core.exercises as ex
from autodiff_core import DomainError, ExpressionError, parse, trace
from autodiff_core.exercises.slips import adjoint_slips

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
NAMES = ("x1", "x2", "x3")
MATH = {
    "add": operator.add,
    "sub": operator.sub,
    "mul": operator.mul,
    "div": operator.truediv,
    "pow": operator.pow,
    "neg": operator.neg,
    "sin": math.sin,
    "cos": math.cos,
    "tanh": math.tanh,
    "exp": math.exp,
    "log": math.log,
    "sqrt": math.sqrt,
    "sigmoid": lambda z: 0.5 * (1 + math.tanh(z / 2)),
}


# -- questions: random expressions (text, number of operations) over x1, x2, x3 ---------------
def expressions():
    leaf = st.sampled_from(NAMES).map(lambda n: (n, 0))
    positive = st.sampled_from([f"{f}({n})" for f in ("log", "sqrt", "exp") for n in NAMES]).map(lambda t: (t, 1))

    def extend(inner):
        binary = st.tuples(inner, st.sampled_from("+-*/"), inner).map(
            lambda t: (f"({t[0][0]} {t[1]} {t[2][0]})", t[0][1] + t[2][1] + 1)
        )
        const = st.tuples(inner, st.sampled_from("+-*/"), st.sampled_from(["0.5", "2", "3"]), st.booleans()).map(
            lambda t: (f"({t[0][0]} {t[1]} {t[2]})" if t[3] else f"({t[2]} {t[1]} {t[0][0]})", t[0][1] + 1)
        )
        unary = st.tuples(st.sampled_from(["sin", "cos", "tanh", "sigmoid"]), inner).map(
            lambda t: (f"{t[0]}({t[1][0]})", t[1][1] + 1)
        )
        power = st.tuples(inner, st.sampled_from(["2", "3"])).map(lambda t: (f"({t[0][0]})**{t[1]}", t[0][1] + 1))
        neg = inner.map(lambda t: (f"(-{t[0]})", t[1] + 1))
        return st.one_of(binary, const, unary, power, neg)

    return st.recursive(st.one_of(leaf, positive), extend, max_leaves=6)


POINT = st.fixed_dictionaries({n: st.floats(0.3, 2.0) for n in NAMES})


def evaluate(g, point, override=None):
    """Every node's value, by this file's own table (not the engine's); ``override`` fixes
    some nodes' values and recomputes what is above them."""
    override = override or {}
    vals = []
    for nd in g.nodes:
        if nd.index in override:
            vals.append(override[nd.index])
        elif nd.is_input:
            vals.append(point[nd.var])
        else:
            args = [vals[o] if isinstance(o, int) else o.value for o in nd.operands]
            vals.append(MATH[nd.op.name](*args))
    return vals


def fd(fn, x):
    h = 1e-6 * max(1.0, abs(x))
    return (fn(x + h) - fn(x - h)) / (2 * h)


def question(text, point):
    """(graph, point) for a drawn expression, or nothing to test (a domain edge, huge values)."""
    try:
        expr = parse(text)
        pt = {n: point[n] for n in expr.inputs}
        g = trace(expr, **pt)
        vals = evaluate(g, pt)
    except (DomainError, ExpressionError, ArithmeticError, ValueError):
        assume(False)
    assume(all(abs(v) < 1e3 for v in vals))
    assume(
        all(
            abs(vals[nd.operands[1]]) > 0.1 for nd in g.nodes if nd.op.name == "div" and isinstance(nd.operands[1], int)
        )
    )
    return g, pt


def adjoint_oracle(g, pt, i):
    out = g.outputs[0].index
    base = evaluate(g, pt)
    return fd(lambda v: evaluate(g, pt, {i: v})[out], base[i])


def tangent_oracle(g, pt, i, seed):
    return fd(lambda v: evaluate(g, {**pt, seed: v})[i], pt[seed])


def slips(ref, others=()):
    """Plausible wrong numbers for a reference: sign, factors, off by one, other quantities."""
    out = [-ref, 2 * ref, ref / 2, ref + 1, ref - 1, 10 * ref, ref / 10, 0.0, 1.0, *others]
    return [v for v in out if math.isfinite(v) and abs(v - ref) > 0.02 * abs(ref) + 1e-4]


FAR = st.floats(-1e6, 1e6, allow_nan=False)


def assert_never_right(check, *question, wrong, **settings):
    """``check(*question, w, **settings)`` is not "right" for any w in ``wrong``."""
    for w in wrong:
        fb = check(*question, w, **settings)
        assert fb.status != "right", (w, fb)


# -- graphs: values, levels, counts, tangents, adjoints, contributions, gradients ------------
@SETTINGS
@given(expressions(), POINT, FAR)
def test_value_level_and_node_count(expr, point, far):
    text, n_ops = expr
    g, pt = question(text, point)
    vals = evaluate(g, pt)
    levels = []
    for nd in g.nodes:
        levels.append(0 if nd.is_input else 1 + max(levels[p] for p in nd.parents))
    for nd in g.nodes:
        assert ex.check_value(g, nd.index, vals[nd.index]).status == "right"
        assert_never_right(ex.check_value, g, nd.index, wrong=slips(vals[nd.index], [*vals, far]))
        assert ex.check_level(g, nd.index, levels[nd.index]).status == "right"
        assert_never_right(ex.check_level, g, nd.index, wrong=[n for n in range(-1, 9) if n != levels[nd.index]])
    count = len(pt) + n_ops
    assert ex.check_node_count(g, count).status == "right"
    assert_never_right(ex.check_node_count, g, wrong=[n for n in range(0, 2 * count + 3) if n != count])


@SETTINGS
@given(expressions(), POINT, FAR)
def test_tangents(expr, point, far):
    g, pt = question(expr[0], point)
    for seed in pt:
        sweep = g.forward(seed)
        oracle = [tangent_oracle(g, pt, i, seed) for i in range(len(g))]
        for i in range(len(g)):
            assert ex.check_tangent(sweep, i, oracle[i]).status == "right"
            others = [*oracle, *evaluate(g, pt), far]
            assert_never_right(ex.check_tangent, sweep, i, wrong=slips(oracle[i], others))


@SETTINGS
@given(expressions(), POINT, FAR)
def test_adjoints_and_contributions(expr, point, far):
    g, pt = question(expr[0], point)
    sweep = g.reverse()
    oracle = [adjoint_oracle(g, pt, i) for i in range(len(g))]
    vals = evaluate(g, pt)
    for i in range(len(g)):
        assert ex.check_adjoint(sweep, i, oracle[i]).status == "right"
        structural = [v for v, _ in adjoint_slips(sweep, i)]
        assert_never_right(ex.check_adjoint, sweep, i, wrong=slips(oracle[i], [*oracle, *vals, *structural, far]))
    for p, j, k in g.edges:
        nd = g.nodes[j]
        args = [vals[o] if isinstance(o, int) else o.value for o in nd.operands]

        def along(t, args=args, k=k, nd=nd):
            return MATH[nd.op.name](*args[:k], t, *args[k + 1 :])

        partial = fd(along, args[k])
        ref = oracle[j] * partial
        assert ex.check_adjoint_contribution(sweep, j, p, ref).status == "right"
        if g.nodes[j].operands.count(p) == 1:  # x·x: either edge's contribution is right
            assert_never_right(
                ex.check_adjoint_contribution, sweep, j, p, wrong=slips(ref, [partial, oracle[j], oracle[p], far])
            )


@SETTINGS
@given(expressions(), POINT, st.permutations(range(3)))
def test_gradient_read_by_name(expr, point, order):
    g, pt = question(expr[0], point)
    names = list(g.input_names)
    ref = {n: adjoint_oracle(g, pt, g.node(n).index) for n in names}
    assert ex.check_gradient(g, ref).status == "right"
    assert (
        ex.check_gradient(g, {n: ref[n] for n in sorted(names, key=lambda n: order[NAMES.index(n)])}).status == "right"
    )
    wrong = []
    for n in names:
        for v in slips(ref[n]):
            wrong.append({**ref, n: v})
    if len(names) > 1:
        values = [ref[n] for n in names]
        rolled = dict(zip(names, values[1:] + values[:1]))
        if any(abs(rolled[n] - ref[n]) > 0.02 * abs(ref[n]) + 1e-4 for n in names):
            wrong.append(rolled)
    assert_never_right(ex.check_gradient, g, wrong=wrong)


# -- costs ---------------------------------------------------------------------------------------
@SETTINGS
@given(st.lists(expressions(), min_size=1, max_size=3), POINT)
def test_sweeps_operations_and_mode(exprs, point):
    texts = [e[0] for e in exprs]
    names = sorted({n for t in texts for n in parse(t).inputs})
    try:
        g = trace(
            lambda **x: tuple(parse(t)(**{n: x[n] for n in parse(t).inputs}) for t in texts),
            **{n: point[n] for n in names},
        )
    except (DomainError, ExpressionError, ZeroDivisionError, OverflowError):
        assume(False)
    assume(len(g.outputs) == len(texts))
    n, m, edges = len(names), len(g.outputs), len(g.edges)
    reach = [set() for _ in range(len(g))]  # the outputs each node reaches, by this file's own walk
    for r, o in enumerate(g.outputs):
        reach[o.index].add(r)
    for p, j, _ in sorted(g.edges, key=lambda e: -e.child):  # children before their operands
        reach[p] |= reach[j]
    forward, reverse = n * edges, sum(len(reach[j]) for _, j, _ in g.edges)
    for mode, sweeps, ops in (("forward", n, forward), ("reverse", m, reverse)):
        assert ex.check_sweeps(g, mode, sweeps).status == "right"
        assert_never_right(ex.check_sweeps, g, mode, wrong=[k for k in range(0, 8) if k != sweeps])
        assert ex.check_operations(g, mode, ops).status == "right"
        assert_never_right(
            ex.check_operations,
            g,
            mode,
            wrong=[k for k in {edges, n * edges, m * edges, ops + 1, ops - 1, 0} if k != ops],
        )
    if forward != reverse:
        best, worst = ("forward", "reverse") if forward < reverse else ("reverse", "forward")
        assert ex.check_mode(g, best).status == "right"
        assert ex.check_mode(g, worst).status == "wrong"


# -- dual numbers, derivative rules and AD rules ---------------------------------------------------
PAIR = st.tuples(st.floats(-5, 5), st.floats(-5, 5))


@SETTINGS
@given(PAIR, st.sampled_from("+-*/"), PAIR, FAR)
def test_dual_arithmetic(left, op, right, far):
    (a, b), (c, d) = left, right
    assume(op != "/" or abs(c) > 0.1)
    ref = {
        "+": lambda: (a + c, b + d),
        "-": lambda: (a - c, b - d),
        "*": lambda: (a * c, a * d + b * c),
        "/": lambda: (a / c, (b * c - a * d) / c**2),
    }[op]()
    assert ex.check_dual(left, op, right, ref).status == "right"
    wrong = [(ref[0], e) for e in slips(ref[1], [a * d, b * c, b * d, far])]
    wrong += [(r, ref[1]) for r in slips(ref[0], [a * c + b * d, a * c - b * d, far])]
    wrong += [(ref[1], ref[0]), ref[0]]  # swapped; a single number
    wrong = [
        w
        for w in wrong
        if not (isinstance(w, tuple) and all(abs(x - y) <= 0.02 * abs(y) + 1e-4 for x, y in zip(w, ref)))
    ]
    assert_never_right(ex.check_dual, left, op, right, wrong=wrong)


@SETTINGS
@given(PAIR, st.sampled_from(["sin", "cos", "exp", "tanh"]))
def test_dual_functions(left, name):
    a, b = left
    f, df = {
        "sin": (math.sin, math.cos),
        "cos": (math.cos, lambda t: -math.sin(t)),
        "exp": (math.exp, math.exp),
        "tanh": (math.tanh, lambda t: 1 - math.tanh(t) ** 2),
    }[name]
    ref = (f(a), b * df(a))
    assert ex.check_dual(left, name, None, ref).status == "right"
    wrong = [(ref[0], e) for e in slips(ref[1], [df(a), -b * df(a), f(a)])] + [(e, ref[1]) for e in slips(ref[0], [a])]
    assert_never_right(ex.check_dual, left, name, None, wrong=wrong)


DERIVATIVES = {
    "sin": math.cos,
    "cos": lambda x: -math.sin(x),
    "exp": math.exp,
    "log": lambda x: 1 / x,
    "sqrt": lambda x: 0.5 / math.sqrt(x),
    "tanh": lambda x: 1 - math.tanh(x) ** 2,
    "sigmoid": lambda x: math.exp(-x) / (1 + math.exp(-x)) ** 2,
}
SLIPPED_RULES = [
    ("sign", lambda d, f: lambda x: -d(x)),
    ("factor", lambda d, f: lambda x: 2 * d(x)),
    ("half", lambda d, f: lambda x: d(x) / 2),
    ("plus one", lambda d, f: lambda x: d(x) + 1),
    ("the function", lambda d, f: lambda x: f(x)),
    ("shifted", lambda d, f: lambda x: d(x + 0.5)),
    ("zero", lambda d, f: lambda x: 0.0),
    ("squared", lambda d, f: lambda x: d(x) ** 2 + 0.3),
]


@pytest.mark.parametrize("name", DERIVATIVES)
@pytest.mark.parametrize("slip, make", SLIPPED_RULES, ids=[s for s, _ in SLIPPED_RULES])
def test_derivative_rules(name, slip, make):
    d, f = DERIVATIVES[name], MATH[name]
    assert ex.check_rule(name, d).status == "right"
    wrong = make(d, f)
    if any(abs(wrong(x) - d(x)) > 1e-6 for x in (0.3, 0.9, 2.2)):  # exp is its own derivative
        assert ex.check_rule(name, wrong).status != "right"


BINARY = {  # (tangent rule, adjoint rule) by hand
    "mul": (lambda a, b, da, db: da * b + a * db, lambda a, b, w: (w * b, w * a)),
    "div": (lambda a, b, da, db: (da * b - a * db) / b**2, lambda a, b, w: (w / b, -w * a / b**2)),
    "add": (lambda a, b, da, db: da + db, lambda a, b, w: (w, w)),
    "sub": (lambda a, b, da, db: da - db, lambda a, b, w: (w, -w)),
    "pow": (
        lambda a, b, da, db: b * a ** (b - 1) * da + a**b * math.log(a) * db,
        lambda a, b, w: (w * b * a ** (b - 1), w * a**b * math.log(a)),
    ),
}


@pytest.mark.parametrize("name", BINARY)
def test_ad_rules_of_binary_operations(name):
    tangent, adjoint = BINARY[name]
    assert ex.check_tangent_rule(name, tangent).status == "right"
    assert ex.check_adjoint_rule(name, adjoint).status == "right"
    wrong_tangents = [
        lambda a, b, da, db: -tangent(a, b, da, db),
        lambda a, b, da, db: tangent(a, b, da, 0.0),  # one part only
        lambda a, b, da, db: tangent(a, b, 0.0, db),
        lambda a, b, da, db: tangent(a, b, da, -db),  # one part's sign
        lambda a, b, da, db: tangent(b, a, da, db),  # swapped operands
        lambda a, b, da, db: tangent(a, b, db, da),  # swapped tangents
        lambda a, b, da, db: tangent(a, b, 1.0, 1.0),  # the partials alone
        lambda a, b, da, db: 2 * tangent(a, b, da, db),
        lambda a, b, da, db: MATH[name](a, b),
    ]
    wrong_adjoints = [
        lambda a, b, w: tuple(-c for c in adjoint(a, b, w)),
        lambda a, b, w: adjoint(a, b, w)[::-1],  # swapped
        lambda a, b, w: adjoint(a, b, 1.0),  # the partials alone
        lambda a, b, w: (adjoint(a, b, w)[0], -adjoint(a, b, w)[1]),
        lambda a, b, w: adjoint(b, a, w),
        lambda a, b, w: (2 * adjoint(a, b, w)[0], adjoint(a, b, w)[1]),
        lambda a, b, w: (adjoint(a, b, w)[0], adjoint(a, b, w)[1] + w),
    ]

    tangent_points = [(0.7, 2.0, 0.5, -2.0), (1.3, 0.5, 1.5, 0.7), (2.1, 3.0, 1.0, 0.0)]
    adjoint_points = [(0.7, 2.0, 1.0), (1.3, 0.5, -2.0), (2.1, 3.0, 0.5)]
    for fn in wrong_tangents:
        if differs(fn, tangent, tangent_points):  # a slip that changes nothing (a + b swapped) is not wrong
            assert ex.check_tangent_rule(name, fn).status != "right"
    for fn in wrong_adjoints:
        if differs(fn, adjoint, adjoint_points):
            assert ex.check_adjoint_rule(name, fn).status != "right"


def differs(fn, right, points) -> bool:
    """Does the slipped rule give another number than the right one somewhere?"""
    try:
        got = [v for p in points for v in _flat(fn(*p))]
    except (ValueError, ZeroDivisionError, OverflowError):  # a slip outside the domain: wrong anyway
        return True
    want = [v for p in points for v in _flat(right(*p))]
    return any(abs(a - b) > 1e-6 for a, b in zip(got, want))


def _flat(v):
    return v if isinstance(v, tuple) else (v,)


@pytest.mark.parametrize("name", DERIVATIVES)
def test_ad_rules_of_functions(name):
    d = DERIVATIVES[name]
    assert ex.check_tangent_rule(name, lambda x, dx: d(x) * dx).status == "right"
    assert ex.check_adjoint_rule(name, lambda x, w: w * d(x)).status == "right"
    f = MATH[name]
    differs = name != "exp"  # exp is its own derivative: f·ẋ is right there
    for fn in (lambda x, dx: d(x), lambda x, dx: -d(x) * dx, lambda x, dx: d(x) + dx) + (
        (lambda x, dx: f(x) * dx,) if differs else ()
    ):
        assert ex.check_tangent_rule(name, fn).status != "right"
    for fn in (lambda x, w: d(x), lambda x, w: -w * d(x), lambda x, w: w + d(x)) + (
        (lambda x, w: w * f(x),) if differs else ()
    ):
        assert ex.check_adjoint_rule(name, fn).status != "right"


# -- finite differences ------------------------------------------------------------------------------
@SETTINGS
@given(st.integers(1, 5), st.sampled_from(["central", "forward"]), st.integers(-3, 30))
def test_evaluations(n, scheme, guess):
    point = {f"x{i}": 0.5 + i for i in range(n)}
    ref = 2 * n if scheme == "central" else n + 1
    assert ex.check_evaluations(lambda **x: sum(x.values()), point, ref, scheme=scheme).status == "right"
    if guess != ref:
        assert ex.check_evaluations(lambda **x: sum(x.values()), point, guess, scheme=scheme).status != "right"


X = sympy.Symbol("x")


@SETTINGS
@given(
    st.sampled_from(["sin(x**2 + 1)", "exp(x)", "x**3", "log(x)", "1/(1 + exp(-3*x))"]),
    st.floats(0.5, 2.0),
    st.sampled_from(["central", "forward"]),
    st.one_of(st.floats(1e-16, 1e-13), st.floats(0.1, 1.0)),
)
def test_best_step(f, x, scheme, h):
    # the bottom of the V, found here with sympy's derivative and this file's own differences
    exact = float(sympy.diff(sympy.sympify(f), X).subs(X, x))
    fn = sympy.lambdify(X, sympy.sympify(f), "math")
    steps = [10.0 ** (-k / 4) for k in range(4, 56)]
    if scheme == "central":
        errors = [abs((fn(x + s) - fn(x - s)) / (2 * s) - exact) for s in steps]
    else:
        errors = [abs((fn(x + s) - fn(x)) / s - exact) for s in steps]
    logs = [math.log10(max(e, 1e-300)) for e in errors]
    smooth = [sum(logs[max(0, i - 2) : i + 3]) / len(logs[max(0, i - 2) : i + 3]) for i in range(len(logs))]
    best = steps[smooth.index(min(smooth))]  # the bottom of the curve, not a lucky dip of round-off
    assert ex.check_best_step(f, x, best, scheme=scheme).status == "right"
    # far steps: truncation (h ≥ 0.1) or round-off (h ≤ 1e-13) dominates for these smooth f
    assert ex.check_best_step(f, x, h, scheme=scheme).status != "right"


# -- J·v, uᵀJ, compression ------------------------------------------------------------------------------
def two_by_two(point):
    g = trace(lambda x1, x2: (x1 * x2 + x1**2, x2 / x1 - x1), x1=point["x1"], x2=point["x2"])  # inputs in this order
    x1, x2 = point["x1"], point["x2"]
    J = [[x2 + 2 * x1, x1], [-x2 / x1**2 - 1, 1 / x1]]
    return g, J


VEC = st.fixed_dictionaries({"x1": st.floats(-3, 3), "x2": st.floats(-3, 3)})


@SETTINGS
@given(
    st.fixed_dictionaries({"x1": st.floats(0.5, 2), "x2": st.floats(0.5, 2)}), VEC, st.floats(-3, 3), st.floats(-3, 3)
)
def test_jvp_and_vjp(point, v, u1, u2):
    g, J = two_by_two(point)
    vv = [v["x1"], v["x2"]]
    jv = [J[r][0] * vv[0] + J[r][1] * vv[1] for r in range(2)]
    assert ex.check_jvp(g, v, jv).status == "right"
    u = [u1, u2]
    uj = [u[0] * J[0][c] + u[1] * J[1][c] for c in range(2)]
    assert ex.check_vjp(g, {0: u1, 1: u2}, uj).status == "right"
    assert ex.check_vjp(g, {0: u1, 1: u2}, {"x2": uj[1], "x1": uj[0]}).status == "right"

    def far(a, b):
        return any(abs(x - y) > 0.02 * abs(y) + 1e-4 for x, y in zip(a, b))

    jv_wrong = [
        [J[r][0] for r in range(2)],
        [J[r][1] for r in range(2)],
        [sum(J[r]) for r in range(2)],
        [J[r][0] * vv[1] + J[r][1] * vv[0] for r in range(2)],
        [-x for x in jv],
        jv[::-1],
        [J[0][r] * vv[0] + J[1][r] * vv[1] for r in range(2)],
    ]  # transposed
    assert_never_right(ex.check_jvp, g, v, wrong=[w for w in jv_wrong if far(w, jv)])
    uj_wrong = [
        J[0],
        J[1],
        [J[r][0] * u[0] + J[r][1] * u[1] for r in range(2)],
        [-x for x in uj],
        uj[::-1],
        [J[0][c] + J[1][c] for c in range(2)],
        [u[1] * J[0][c] + u[0] * J[1][c] for c in range(2)],
    ]
    assert_never_right(ex.check_vjp, g, {0: u1, 1: u2}, wrong=[w for w in uj_wrong if far(w, uj)])


def fewest_groups(deps, names):
    """Brute force: the fewest colours with no two inputs of one output alike."""
    for k in range(1, len(names) + 1):
        for colours in itertools.product(range(k), repeat=len(names)):
            c = dict(zip(names, colours))
            if all(len({c[n] for n in d}) == len(d) for d in deps):
                return k
    raise AssertionError


@SETTINGS
@given(st.lists(st.sets(st.sampled_from(["x1", "x2", "x3", "x4"]), min_size=1, max_size=3), min_size=1, max_size=4))
def test_sweeps_needed(deps):
    names = sorted(set().union(*deps))

    def f(**x):  # output r depends on exactly the inputs in deps[r]
        return tuple(sum(x[n] * x[n] for n in sorted(d)) for d in deps)

    g = trace(f, **{n: 1.0 + i for i, n in enumerate(names)})
    ref = fewest_groups([set(d) for d in deps], names)
    assert ex.check_sweeps_needed(g, ref).status == "right"
    assert_never_right(ex.check_sweeps_needed, g, wrong=[k for k in range(1, 6) if k != ref])


# -- control flow, training, second order -----------------------------------------------------------
def newton(a, x0, k):
    x = x0
    for _ in range(k):
        x = (x + a / x) / 2
    return x


@SETTINGS
@given(st.floats(0.5, 9.0), st.floats(0.5, 3.0), st.integers(1, 6), FAR)
def test_loop_derivative(a, x0, k, far):
    ref = fd(lambda t: newton(t, x0, k), a)
    assert ex.check_loop_derivative(a, ref, x0=x0, iterations=k).status == "right"
    assert_never_right(
        ex.check_loop_derivative, a, wrong=slips(ref, [1 / (2 * math.sqrt(a)), far]), x0=x0, iterations=k
    )


@SETTINGS
@given(st.sampled_from(["relu", "abs"]), st.floats(-3, 3), FAR)
def test_kink_derivative(name, x, far):
    ref = (1.0 if x > 0 else 0.0) if name == "relu" else (math.copysign(1.0, x) if x != 0 else 0.0)
    assert ex.check_kink_derivative(name, ref, x=x).status == "right"
    assert_never_right(ex.check_kink_derivative, name, wrong=slips(ref, [-1.0, 0.5, far]), x=x)


@SETTINGS
@given(
    st.sampled_from([("x*x", lambda x: 2 * x), ("sin(x)", math.cos), ("x**3", lambda x: 3 * x * x)]),
    st.floats(0.5, 3),
    st.integers(1, 5),
    FAR,
)
def test_accumulated_grad(f, x, calls, far):
    text, d = f
    ref = calls * d(x)
    assert ex.check_accumulated_grad(ref, f=text, x=x, calls=calls).status == "right"
    assert_never_right(
        ex.check_accumulated_grad, wrong=slips(ref, [d(x), d(x) ** calls, far]), f=text, x=x, calls=calls
    )


@SETTINGS
@given(st.floats(-6, 6), st.sampled_from([0, 1]), st.sampled_from(["cross_entropy", "mse"]), FAR)
def test_logit_gradient(z, t, loss, far):
    s = 1 / (1 + math.exp(-z))
    ce, mse = s - t, 2 * (s - t) * s * (1 - s)
    ref = ce if loss == "cross_entropy" else mse
    assert ex.check_logit_gradient(z, t, ref, loss=loss).status == "right"
    assert_never_right(ex.check_logit_gradient, z, t, wrong=slips(ref, [ce, mse, s, far]), loss=loss)


X1, X2 = sympy.symbols("x1 x2")
SECOND = ["x1*x2 + sin(x1)", "x1**4/4 + x2**2 + x1*x2 - x1", "exp(x1*x2)", "x1**2*x2 + cos(x2)"]


@SETTINGS
@given(st.sampled_from(SECOND), st.floats(0.5, 1.5), st.floats(0.5, 1.5), VEC, FAR)
def test_hvp_hessian_sweeps_and_newton(text, x1, x2, v, far):
    g = trace(text, x1=x1, x2=x2)
    f = sympy.sympify(text)
    at = {X1: x1, X2: x2}
    grad = [float(sympy.diff(f, s).evalf(subs=at)) for s in (X1, X2)]
    H = [[float(sympy.diff(f, a, b).evalf(subs=at)) for b in (X1, X2)] for a in (X1, X2)]
    vv = [v["x1"], v["x2"]]
    for i, comp in enumerate(("x1", "x2")):
        ref = H[i][0] * vv[0] + H[i][1] * vv[1]
        assert ex.check_hvp(g, v, comp, ref).status == "right"
        assert_never_right(ex.check_hvp, g, v, comp, wrong=slips(ref, [grad[i], H[i][i] * vv[i], far]))
    assert ex.check_hessian_sweeps(g, 2).status == "right"
    assert_never_right(ex.check_hessian_sweeps, g, wrong=[1, 3, 4, 0])
    det = H[0][0] * H[1][1] - H[0][1] * H[1][0]
    assume(abs(det) > 1e-3)
    step = [-(H[1][1] * grad[0] - H[0][1] * grad[1]) / det, -(-H[1][0] * grad[0] + H[0][0] * grad[1]) / det]
    new = (x1 + step[0], x2 + step[1])
    assert ex.check_newton_step(g, new).status == "right"
    wrong = [step, (x1 - step[0], x2 - step[1]), (x1 - grad[0], x2 - grad[1]), new[::-1], (new[0], far)]
    wrong = [w for w in wrong if any(abs(a - b) > 0.02 * abs(b) + 1e-4 for a, b in zip(w, new))]
    assert_never_right(ex.check_newton_step, g, wrong=wrong)


def test_nested_derivative():
    # d/dx [x · d/dy (x + y)]: tagged, d/dy = 1 and the result 1; one shared ε confuses it to 2
    for tagged, ref in ((True, 1), (False, 2)):
        assert ex.check_nested_derivative(tagged, ref).status == "right"
        assert_never_right(ex.check_nested_derivative, tagged, wrong=slips(ref, [3 - ref]))
