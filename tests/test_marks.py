"""marks.py: two marks on one letter never collapse, in plain text or in a drawing.

Plain text keeps a letter's first mark combined and writes each further one after the
parenthesised name (the adjoint of ŷ is ``(ŷ)¯``); ``split`` reads that back for the
writers, which draw the marks a font cannot be trusted with. Checked on the names the
lessons use and on generated names against an independent oracle (the marks each
letter was given).
"""

import unicodedata

from hypothesis import assume, given, settings, strategies as st

from autodiff_core import examples, trace
from autodiff_core.marks import BAR, DOT, HAT, add, has_stacked_marks, plain, split, stack
from autodiff_core.notation import decorate, var_display
from autodiff_core.viz import labels

TILDE = "\u0303"


def test_the_adjoint_of_y_hat_keeps_both_marks():
    y_hat = var_display("y_hat")[0]
    assert decorate(y_hat, r"\hat{y}", "bar") == ("(ŷ)¯", r"\bar{\hat{y}}")
    assert stack("(ŷ)¯") == "y" + HAT + BAR  # the hat inside, the bar over it
    assert split("(ŷ)¯ += r̄") == (("ŷ", (BAR,)), (" += r̄", ()))


def test_the_tangent_of_an_adjoint_and_a_dot_on_a_partial():
    assert add("w̄⁰₁", DOT) == "(w̄⁰₁)˙"
    assert split("(w̄⁰₁)˙") == (("w̄", (DOT,)), ("⁰₁", ()))  # the font draws w̄, the dot is drawn
    assert add("∂w¹₂/∂w⁰₁", DOT) == "∂̇w¹₂/∂w⁰₁"  # one mark: stays combined in plain text
    assert split("∂̇w¹₂/∂w⁰₁")[0] == ("∂", (DOT,))  # but fonts drop it on ∂: drawn
    assert add("((ŷ)¯)", DOT) == "(((ŷ)¯))˙" and stack(add("(ŷ)¯", DOT)) == "y" + HAT + BAR + DOT


def test_single_marks_on_letters_are_left_to_the_font():
    for text in ("ẇ¹₂ = 5", "w̄⁰₁ += 1", "x̃ + ŷ", "θ̂"):
        assert all(not marks for _, marks in split(text)), text
        assert plain(text) == text


def test_the_gradient_graph_names_print_without_stacked_marks():
    G = examples.F.graph().gradient_graph()
    names = [G.tangent_name(i) for i in range(len(G))] + [G.adjoint_name(i) for i in range(len(G))]
    assert "(w̄⁰₁)˙" in names and "∂̇w¹₂/∂w⁰₁" in names and "(w̄⁰₁←w¹₁)¯" in names
    assert not any(has_stacked_marks(n) for n in names)
    neuron = examples.NEURON.graph()
    rules = [s.rule for s in neuron.reverse().steps]
    assert "z̄ += (ŷ)¯·σ(z)·(1 − σ(z))" in rules and not any(map(has_stacked_marks, rules))


def test_writers_draw_the_second_mark():
    html = labels.html("(ŷ)¯ = 1")
    assert html.startswith('<span class="adm">ŷ<span class="adm-m adm-bar adm-k1" aria-hidden="true"></span></span>')
    assert labels.html("(Ŷ)¯").count("adm-k2") == 1  # a capital's own mark takes a level
    assert labels.html("((ŷ)¯)˙").count("adm-k") == 2
    assert not has_stacked_marks(html)
    assert labels.mathtext("(ŷ)¯ = 1") == r"$\bar{\hat{y}}$ = 1"
    assert labels.mathtext("(w̄⁰₁)˙") == r"$\dot{\bar{w}}^{0}_{1}$"
    assert labels.mathtext("∂̇w") == r"$\dot{\partial }$w"
    # widths are those of what is drawn: no parentheses, no spacing mark
    assert labels.width("(w̄⁰₁)˙ = 5", 14) == labels.width("w̄⁰₁ = 5", 14)


LETTERS = "wxyzabLYθσ∂1"
MARKS = (DOT, BAR, HAT, TILDE, "\u0308", "\u030c")


@st.composite
def marked_names(draw):
    """A name of letters, each with up to three marks (innermost first), and its oracle."""
    letters = draw(st.lists(st.sampled_from(LETTERS), min_size=1, max_size=4))
    marks = [tuple(draw(st.lists(st.sampled_from(MARKS), max_size=3))) for _ in letters]
    return "".join(c + "".join(m) for c, m in zip(letters, marks)), list(zip(letters, marks))


@given(marked_names())
@settings(max_examples=300, deadline=None)
def test_plain_text_never_stacks_marks_and_reads_back(case):
    text, letters = case
    shown = plain(text)
    assert not has_stacked_marks(shown)
    assert stack(shown) == unicodedata.normalize("NFD", text)  # nothing lost, nothing moved
    drawn = [(unicodedata.normalize("NFD", chars), marks) for chars, marks in split(shown)]
    assert all(not has_stacked_marks(chars) for chars, _ in split(shown))
    # every mark is either in the text the font draws (at most one per letter) or drawn
    got = "".join(chars + "".join(marks) for chars, marks in drawn)
    assert got == unicodedata.normalize("NFD", text)


@given(marked_names(), st.sampled_from([DOT, BAR]))
@settings(max_examples=200, deadline=None)
def test_a_mark_added_to_a_name_goes_over_its_first_letter(case, mark):
    text, letters = case
    name = plain(text)
    out = add(name, mark)
    assert not has_stacked_marks(out)
    first, marks = letters[0]
    assert stack(out).startswith(unicodedata.normalize("NFD", first + "".join(marks) + mark))


@given(marked_names())
@settings(max_examples=100, deadline=None)
def test_custom_names_with_marks_flow_through_every_text(case):
    text, _ = case
    try:
        g = trace("a*b + sin(a)", a=2.0, b=5.0, names={"w1_1": text})
    except ValueError:  # the name of another node ("a", "w1"): refused, as it should be
        assume(False)
    sweeps = (g.forward("a"), g.reverse(), g.evaluate())
    for sweep in sweeps:
        for state in sweep.states():
            step = state.step
            pieces = [state.caption] + ([step.rule, step.numbers] if step else [])
            assert not any(map(has_stacked_marks, pieces)), pieces
