"""Junk as the answer, and as any argument of a check: the student gets Feedback, a lesson
author gets the package's own ArgumentError that says what is wrong; never a traceback from
inside (an AttributeError, a KeyError, numpy's complaints, ...)."""

import decimal
import fractions
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import autodiff_core.exercises as ex
from autodiff_core import Dual, examples, trace
from autodiff_core.examples import newton_sqrt
from autodiff_core.exercises import ArgumentError, Feedback

F = examples.F.graph()
NEURON = examples.NEURON.graph()
G2 = trace(lambda x1, x2: (x1 * x2, x1 + x2), x1=2.0, x2=5.0)
LOOP = trace(lambda a: newton_sqrt(a, 1.0, 2), a=2.0)
NEWTON = trace("x1**4/4 + x2**2 + x1*x2 - x1", x1=1.5, x2=1.0)

# every check with a valid question (its arguments before the answer) and settings
CALLS = [
    (ex.check_value, (F, "w1_2"), {}),
    (ex.check_level, (F, "w2"), {}),
    (ex.check_node_count, (LOOP,), {"per_iteration": 3}),
    (ex.check_tangent, (F, "w2"), {"seed": "x1"}),
    (ex.check_adjoint, (NEURON, "y_hat"), {}),
    (ex.check_adjoint_contribution, (F, "w1_1", "w0_2"), {}),
    (ex.check_gradient, (F,), {}),
    (ex.check_sweeps, (G2, "forward"), {}),
    (ex.check_operations, (G2, "reverse"), {}),
    (ex.check_mode, (G2,), {}),
    (ex.check_dual, ((3, 2), "*", (4, -1)), {}),
    (ex.check_rule, ("cos",), {}),
    (ex.check_tangent_rule, ("div",), {}),
    (ex.check_adjoint_rule, ("mul",), {}),
    (ex.check_evaluations, (lambda x1, x2: x1 * x2, {"x1": 1.0, "x2": 2.0}), {"scheme": "forward"}),
    (ex.check_best_step, ("sin(x**2 + 1)", 1.5), {}),
    (ex.check_jvp, (G2, {"x1": 1.0, "x2": 2.0}), {}),
    (ex.check_vjp, (G2, {0: 1.0, 1: 2.0}), {}),
    (ex.check_sweeps_needed, (G2,), {}),
    (ex.check_loop_derivative, (2.0,), {"x0": 1.0, "iterations": 2}),
    (ex.check_kink_derivative, ("relu",), {"x": 0.0}),
    (ex.check_accumulated_grad, (), {"f": "x*x", "x": 2.0, "calls": 2}),
    (ex.check_logit_gradient, (-4.0, 1), {"loss": "mse"}),
    (ex.check_hvp, (F, {"x1": 1.0, "x2": 1.0}, "x1"), {}),
    (ex.check_hessian_sweeps, (NEURON,), {}),
    (ex.check_newton_step, (NEWTON,), {}),
    (ex.check_nested_derivative, (False,), {}),
    (ex.check_kept_values, (examples.Y,), {}),
    (ex.check_peak_stored, (12, 4), {}),
    (ex.check_recomputed, (12, 3), {}),
    (ex.check_best_k, (100,), {}),
]
IDS = [c.__name__ for c, _, _ in CALLS]


def test_every_exported_check_is_fuzzed():
    assert {c.__name__ for c, _, _ in CALLS} == {n for n in ex.__all__ if n.startswith("check_")}


ODD_TEXT = st.text(
    alphabet=st.sampled_from("0123456789.-−+eE ε×·²³⁻¹₁₂ \u200b\u202e\ufeff\u0301é中١٢ x()[]{},'\"\\\n\t"), max_size=12
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 12),
    st.integers(min_value=10**300, max_value=10**320),
    st.floats(allow_nan=True, allow_infinity=True),
    st.complex_numbers(allow_nan=True),
    st.text(max_size=8),
    ODD_TEXT,
    st.binary(max_size=4),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.fractions(),
    st.sampled_from(
        [
            np.float64("nan"),
            np.float32(1.5),
            np.int64(3),
            np.bool_(True),
            np.array(2.0),
            np.array([1.0]),
            np.array([[1.0, 2.0]]),
            np.array(["a", "b"]),
            np.zeros(0),
            decimal.Decimal("sNaN"),
            fractions.Fraction(10**400, 3),
            Dual(1.0, 2.0),
            object(),
            print,
            Ellipsis,
            NotImplemented,
            range(3),
            slice(1, 2),
            type,
            lambda *a, **k: None,
            lambda *a: 1 / 0,
            lambda *a: "x",
            lambda x: (x, x, x),
            math.sin,
        ]
    ),
)
JUNK = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.tuples(inner, inner),
        st.dictionaries(
            st.one_of(st.text(max_size=3), st.integers(-2, 3), st.sampled_from(["x1", "x2", "w", 0, 1])),
            inner,
            max_size=3,
        ),
        st.frozensets(st.integers(-3, 3), max_size=3),
    ),
    max_leaves=6,
)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


def assert_feedback(fb):
    assert isinstance(fb, Feedback), fb
    assert fb.status in ("right", "close", "wrong", "unanswered", "invalid")
    assert fb.message and len(fb.message) < 800, fb.message
    str(fb), fb._repr_html_()


@pytest.mark.parametrize("check, question, options", CALLS, ids=IDS)
@FUZZ
@given(junk=JUNK)
def test_junk_answers_get_feedback(check, question, options, junk):
    fb = check(*question, junk, **options)
    assert_feedback(fb)
    assert check(*question, answer=junk, **options) == fb


@pytest.mark.parametrize("check, question, options", CALLS, ids=IDS)
@FUZZ
@given(junk=JUNK, data=st.data())
def test_junk_arguments_get_the_packages_own_error(check, question, options, junk, data):
    names = [*range(len(question)), *options]
    if not names:
        return
    which = data.draw(st.sampled_from(names))
    args, kwargs = list(question), dict(options)
    if isinstance(which, int):
        args[which] = junk
    else:
        kwargs[which] = junk
    for answer in (None, 1.0):
        try:
            fb = check(*args, answer, **kwargs)
        except ArgumentError as e:
            text = str(e)
            assert text and len(text) < 800 and "Traceback" not in text
        else:
            assert_feedback(fb)


def test_argument_errors_are_type_errors_with_the_call_shown():
    assert issubclass(ArgumentError, TypeError)
    with pytest.raises(ArgumentError, match=r"check_hvp\(graph, seed, component, answer\)"):
        ex.check_hvp(F)
