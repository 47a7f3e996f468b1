"""step_text: every text about a step, written from a Step that holds numbers and structure only."""

import dataclasses

import pytest

from autodiff_core import Step, examples, step_text, trace


@pytest.fixture
def f():
    return examples.F.graph()  # f(x₁, x₂) = x₁x₂ + sin(x₁) at (2, 5)


@pytest.fixture
def y():
    return examples.Y.graph()  # y = sin(x² + 1) at x = 1.5, a = x², b = a + 1


def test_forward_on_f(f):
    s = f.forward("x1")
    assert [step_text.rule(st) for st in s.steps] == [
        "ẇ⁰₁ = 1, ẇ⁰₂ = 0",  # one step seeds every input: the seed vector
        "ẇ¹₁ = ẇ⁰₁·w⁰₂ + w⁰₁·ẇ⁰₂",
        "ẇ¹₂ = cos(w⁰₁)·ẇ⁰₁",
        "ẇ² = ẇ¹₁ + ẇ¹₂",
    ]
    assert [step_text.numbers(st) for st in s.steps] == [
        "ẇ⁰₁ = 1, ẇ⁰₂ = 0",
        "ẇ¹₁ = 1·5 + 2·0 = 5",
        "ẇ¹₂ = cos(2)·1 = −0.416147",
        "ẇ² = 5 + (−0.416147) = 4.58385",
    ]
    assert step_text.numbers(s.steps[3], latex=True) == r"\dot{w}^{2} = 5 + \left(-0.416147\right) = 4.58385"
    assert step_text.rule(s.steps[0], latex=True) == r"\dot{w}^{0}_{1} = 1, \dot{w}^{0}_{2} = 0"
    assert [step_text.caption(st) for st in s.states()] == [
        "step 0 of 4: nothing computed yet",
        "step 1 of 4: seed the tangents of the inputs",
        "step 2 of 4: forward tangent of w¹₁",
        "step 3 of 4: forward tangent of w¹₂",
        "step 4 of 4: forward tangent of w²",
    ]


@pytest.mark.parametrize(
    "values, text",
    [
        ([1, 0], "a = 1, b = 0"),
        ([0, 0, 0, 0, 0, 0, 1], "g = 1, every other input 0"),
        ([0, 2, 0, 0, 0, 0, -1], "b = 2, g = −1, every other input 0"),
        ([1] * 7, "every input 1 (all 7)"),
        ([0] * 7, "every input 0 (all 7)"),
        ([1, 2, 3, 4, 5, 6, 7], "a = 1, b = 2, …, g = 7 (7 inputs)"),
    ],
)
def test_long_seed_vectors_are_summarised(values, text):
    assert step_text.seed_text("abcdefg"[: len(values)], values) == text


def test_reverse_on_f(f):
    r = f.reverse()
    assert [step_text.rule(st) for st in r.steps] == [
        "w̄¹₁ += w̄²",
        "w̄¹₂ += w̄²",
        "w̄⁰₁ += w̄¹₁·w⁰₂",
        "w̄⁰₂ += w̄¹₁·w⁰₁",
        "w̄⁰₁ += w̄¹₂·cos(w⁰₁)",
    ]
    assert [step_text.numbers(st) for st in r.steps] == [
        "w̄¹₁ += 1 = 1",
        "w̄¹₂ += 1 = 1",
        "w̄⁰₁ += 1·5 = 5",
        "w̄⁰₂ += 1·2 = 2",
        "w̄⁰₁ += 1·cos(2) = −0.416147 → 4.58385",  # the contribution, then the new total
    ]
    assert (
        step_text.rule(r.steps[4], latex=True) == r"\bar{w}^{0}_{1} \mathrel{+}= \bar{w}^{1}_{2} \cdot \cos(w^{0}_{1})"
    )
    assert (
        step_text.numbers(r.steps[4], latex=True)
        == r"\bar{w}^{0}_{1} \mathrel{+}= 1 \cdot \cos(2) = -0.416147 \to 4.58385"
    )
    assert step_text.caption(r.state(0)) == "step 0 of 5: output adjoint seeded: w̄² = 1"
    assert step_text.caption(r.state(5)) == "step 5 of 5: adjoint contribution w¹₂ → w⁰₁"
    assert all(step_text.zero_note(st) == "" for st in r.steps)


def test_the_chapter_example_in_all_three_sweeps(y):
    ev = y.evaluate()
    assert [step_text.rule(st) for st in ev.steps] == ["x = 1.5", "a = x²", "b = a + 1", "y = sin(b)"]
    assert step_text.numbers(ev.steps[3]) == "y = sin(3.25) = −0.108195"
    assert step_text.caption(ev.state(2)) == "step 2 of 4: value of a"
    fwd = y.forward()
    assert [step_text.numbers(st) for st in fwd.steps] == [
        "ẋ = 1",
        "ȧ = 2·1.5·1 = 3",
        "ḃ = 3",
        "ẏ = cos(3.25)·3 = −2.98239",
    ]
    rev = y.reverse()
    assert [step_text.rule(st) for st in rev.steps] == ["b̄ += ȳ·cos(b)", "ā += b̄", "x̄ += ā·2·x"]
    assert step_text.numbers(rev.steps[2]) == "x̄ += (−0.99413)·2·1.5 = −2.98239"
    assert step_text.caption(rev.state(0)) == "step 0 of 3: output adjoint seeded: ȳ = 1"


def test_the_properties_are_the_module_texts(f):
    for sweep in (f.evaluate(), f.forward("x2"), f.reverse()):
        for st in sweep.steps:
            assert st.rule == step_text.rule(st) and st.rule_latex == step_text.rule(st, latex=True)
            assert st.numbers == step_text.numbers(st)
            assert st.numbers_latex == step_text.numbers(st, latex=True)
        assert [s.caption for s in sweep.states()] == [step_text.caption(s) for s in sweep.states()]


def test_a_structural_zero_in_reverse_is_noted():
    g = trace(lambda x, n: 0.0 * x**n + x, x=-2.0, n=3.0)  # w̄¹ = 0 and log(−2) is undefined
    last = g.reverse().steps[-1]
    assert last.skipped == (1,) and last.child_adjoint == 0.0
    note = " (w̄¹ = 0, so ∂w¹/∂w⁰₂ = (−2)³·log(−2), undefined here, is not needed)"
    assert step_text.zero_note(last) == note
    assert step_text.numbers(last) == "w̄⁰₂ += 0·∂w¹/∂w⁰₂ = 0" + note
    assert step_text.rule(last) == "w̄⁰₂ += w̄¹·(w⁰₁)^w⁰₂·log(w⁰₁)"
    assert step_text.zero_note(last, latex=True) == (
        r" \quad (\bar{w}^{1} = 0\text{, so }\partial w^{1} / \partial w^{0}_{2} = "
        r"{\left(-2\right)}^{3} \cdot \log \left(-2\right)\text{, undefined here, is not needed})"
    )
    # the same operand with a defined partial is written out as always
    assert g.reverse().steps[-2].skipped == () and g.reverse().steps[-2].numbers == "w̄⁰₁ += 0·3·(−2)^(3−1) = 0 → 1"


def test_a_structural_zero_in_forward_is_noted():
    g = trace(lambda x, n: x**n, x=-2.0, n=3.0)
    st = g.forward("x").steps[1]
    assert st.skipped == (1,) and st.operand_tangents == (1.0, 0.0)
    assert step_text.numbers(st) == (
        "ẇ¹ = 3·(−2)^(3−1)·1 + 0 = 12 (ẇ⁰₂ = 0, so (−2)³·log(−2), undefined here, is not needed)"
    )


def test_a_step_holds_numbers_and_structure_only(f):
    text_fields = [fl.name for fl in dataclasses.fields(Step) if fl.type in (str, "str")]
    assert text_fields == ["kind"]
    for sweep in (f.evaluate(), f.forward("x1"), f.reverse()):
        for st in sweep.steps:
            values = [getattr(st, fl.name) for fl in dataclasses.fields(st) if fl.name != "kind"]
            assert not any(isinstance(v, str) for v in values)


def test_steps_stay_immutable_comparable_values(f):
    a, b = f.reverse().steps[3], f.reverse().steps[3]
    assert a == b and a is not b
    with pytest.raises(AttributeError):
        a.numbers = "w̄⁰₂ += 7"
    assert "graph" not in repr(a) and "numbers" not in repr(a)
