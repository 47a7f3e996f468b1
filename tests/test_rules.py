"""rules.py: rules written from the op table's templates, in plain text and LaTeX."""

from autodiff_core import rules
from autodiff_core.ops import ADD, DIV, LOG, MUL, POW, SIN, SUB

NODES = (None, None)


def test_tangent_terms_one_per_node_operand():
    assert rules.tangent_terms(MUL, NODES, False) == ["<d0>·<1>", "<0>·<d1>"]
    assert rules.tangent_terms(MUL, NODES, True) == [r"<d0> \cdot <1>", r"<0> \cdot <d1>"]
    assert rules.tangent_terms(MUL, (2.0, None), False) == ["<0>·<d1>"]  # a constant has none
    assert rules.tangent_terms(SIN, (None,), False) == ["cos(<0>)·<d0>"]
    assert rules.tangent_terms(SUB, NODES, False) == ["<d0>", "−<d1>"]
    assert rules.tangent_terms(DIV, NODES, False) == ["<d0>/<1>", "−<0>·<d1>/<1>²"]


def test_join_terms_writes_a_minus_for_a_negative_term():
    assert rules.join_terms(["a", "b"], False) == "a + b"
    assert rules.join_terms(["a", "−b"], False) == "a − b"
    assert rules.join_terms(["a", "-b"], True) == "a - b"


def test_contributions_and_partials():
    assert [rules.contribution(MUL, k, NODES, False) for k in (0, 1)] == ["<bar>·<1>", "<bar>·<0>"]
    assert rules.contribution(ADD, 0, NODES, False) == "<bar>"
    assert rules.contribution(SUB, 1, NODES, False) == "−<bar>"
    assert rules.contribution(LOG, 0, (None,), False) == "<bar>/<0>"
    assert rules.contribution(SIN, 0, (None,), True) == r"<bar> \cdot \cos(<0>)"
    assert [rules.partial(DIV, k, NODES, False) for k in (0, 1)] == ["1/<1>", "−<0>/<1>²"]
    assert rules.partial(POW, 0, (None, 2.0), False) == "2·<0>"  # simplified, not 2·x^(2−1)
    assert rules.partial(POW, 0, (None, 3.0), True) == r"3 \cdot {<0>}^{2}"


def test_fill_substitutes_and_writes_small_powers_as_superscripts():
    assert rules.fill(MUL.text, NODES, {"0": "w⁰₁", "1": "w⁰₂"}, False) == "w⁰₁·w⁰₂"
    assert rules.fill(MUL.latex, NODES, {"0": "w^{0}_{1}", "1": "w^{0}_{2}"}, True) == r"w^{0}_{1} \cdot w^{0}_{2}"
    assert rules.fill("<0>^2", (None,), {"0": "x"}, False) == "x²"
    assert rules.fill(SIN.text, (None,), {"0": "(−2)"}, False) == "sin(−2)"  # not sin((−2))
    assert rules.fill(POW.text, (None, 2.0), {"0": "w⁰", "1": "2"}, False) == "(w⁰)²"  # not w⁰²


def test_numbers_in_formulas():
    assert rules.num_operand(3.0, False) == "3"
    assert rules.num_operand(-2.0, False) == "(−2)"
    assert rules.num_operand(-2.0, True) == r"\left(-2\right)"
    assert rules.num_operand(1e20, False) == "(1·10²⁰)"
    assert rules.num_operand(None, False) == "?"
