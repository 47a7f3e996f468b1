"""The op table: which operand values each local partial reads (ops.partial_uses)."""

import itertools
import math
import re

import pytest

from autodiff_core import examples
from autodiff_core.ops import ADD, MUL, OPS, POW, SIN, SUB, partial_uses

PARTIALS = [(op, k) for op in OPS for k in range(op.arity)]
POINTS = (-1.7, -0.4, 0.3, 0.7, 1.9)  # both signs, so relu's [a > 0] and sign(a) change


def template_operands(template):
    if callable(template):
        template = template((None, None))
    return {int(m) for m in re.findall(r"<(\d)>", template)}


def depends_on(op, k):
    """The operand positions the k-th partial's value changes with, at some pair of points
    that differ in that operand only (points outside the op's domain skipped)."""

    def value(args):
        a, b = (*args, 0.0)[:2]
        try:
            d = op.float_partials[k](a, b, op.fn(*args))
        except (ValueError, ZeroDivisionError, OverflowError):
            return None
        return d if math.isfinite(d) else None

    found = set()
    for args in itertools.product(POINTS, repeat=op.arity):
        for q in range(op.arity):
            for other in POINTS:
                moved = list(args)
                moved[q] = other
                d0, d1 = value(args), value(tuple(moved))
                if d0 is not None and d1 is not None and not math.isclose(d0, d1, rel_tol=1e-12):
                    found.add(q)
    return found


@pytest.mark.parametrize("op, k", PARTIALS, ids=[f"{op.name}-{k}" for op, k in PARTIALS])
def test_partial_uses_matches_the_template_and_the_value(op, k):
    uses = partial_uses(op, k)
    assert isinstance(uses, frozenset)
    assert uses == template_operands(op.partial_text[k]) == template_operands(op.partial_latex[k])
    assert uses == depends_on(op, k)


def test_partial_uses_by_hand():
    assert partial_uses(MUL, 0) == {1} and partial_uses(MUL, 1) == {0}
    assert partial_uses(ADD, 0) == partial_uses(ADD, 1) == partial_uses(SUB, 1) == frozenset()
    assert partial_uses(SIN, 0) == {0}
    assert partial_uses(POW, 0) == partial_uses(POW, 1) == {0, 1}  # b·a^(b−1), a^b·log a


def test_the_reverse_sweep_reads_the_values_its_partials_use():
    r = examples.F.graph().reverse()
    # w² = w¹₁ + w¹₂: only w̄²; w¹₁ = w⁰₁·w⁰₂: w̄¹₁ and the other operand; sin(w⁰₁): w̄¹₂ and w⁰₁
    assert [st.reads for st in r.steps] == [(4,), (4,), (2, 1), (2, 0), (3, 0)]
