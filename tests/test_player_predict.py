"""Predict mode's data and texts, without a browser: what each step asks (step_text.question,
hint, slip; player.data()'s per-step "ask"), checked against the sweep and, for the hint,
against an independent oracle: the numbers it shows, computed with Python's math, give the
step's result (and the hint never states it). Then the hosts' predict options."""

import math
import re

import pytest

from autodiff_core import examples, functions as fn, step_text, trace
from autodiff_core.notation import number
from autodiff_core.player import data, pack, predict, unpack
from autodiff_core.player.drawing import unknown
from autodiff_core.player.page import page
from autodiff_core.viz.labels import html

F = examples.F.graph()


def sweeps():
    y, neuron = examples.Y.graph(), examples.NEURON.graph()
    chain = trace(lambda a, b: fn.exp(a * b) - fn.tanh(b) / a + fn.sqrt(a + b * b), a=0.7, b=-1.3)
    out = {}
    for name, g in {"f": F, "y": y, "neuron": neuron, "chain": chain}.items():
        out[f"{name} evaluate"] = g.evaluate()
        out[f"{name} reverse"] = g.reverse()
        for x in g.inputs:
            out[f"{name} forward {x.var}"] = g.forward(x.var)
    # structural zeros (a partial undefined here, not needed): reverse, then forward
    out["zero reverse"] = trace(lambda x, n: 0.0 * x**n + x, x=-2.0, n=3.0).reverse()
    out["power forward x"] = trace(lambda x, n: x**n, x=-2.0, n=3.0).forward("x")
    return out


SWEEPS = sweeps()

# -- an independent reading of the numbers a hint shows -------------------------------------------
_SCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_MATH = {
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "exp": math.exp,
    "log": math.log,
    "sqrt": math.sqrt,
    "tanh": math.tanh,
    "sigma": lambda z: 1 / (1 + math.exp(-z)),
}


def arithmetic(text: str) -> float:
    """The value of the numbers a hint shows ("1·5 + 2·0", "(−0.0890505)²", "σ(0.9)·(1 − σ(0.9))"),
    with Python's math: no part of the package."""
    t = text.replace("·", "*").replace("−", "-").replace("σ", "sigma").replace("^", "**")
    t = re.sub(r"·10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)", lambda m: "e" + m.group(1).translate(_SCRIPTS), t)
    t = re.sub(r"([⁰¹²³⁴⁵⁶⁷⁸⁹]+)", lambda m: "**" + m.group(1).translate(_SCRIPTS), t)
    if not re.fullmatch(r"[\d.e*+\-/() a-z]*", t):
        raise ValueError(f"not arithmetic: {text!r}")
    return eval(t, {"__builtins__": {}}, _MATH)  # digits, operators and _MATH only


def numbers_in(step) -> str:
    """The part of a hint between the rule and "= ?": the numbers the step reads."""
    body = step_text.hint(step).removesuffix(step_text.zero_note(step)).removesuffix(" = ?")
    rule = step_text.rule(step)
    assert body.startswith(rule), (body, rule)
    return body[len(rule) :].removeprefix(" = ") or rule.rsplit("= ", 1)[-1]


# -- the texts --------------------------------------------------------------------------------------
def test_the_seed_examples_ask_as_the_lessons_write():
    fwd, rev = F.forward("x1").steps, F.reverse().steps
    assert not step_text.predictable(fwd[0])  # the seed step: nothing to predict
    assert [step_text.question(s) for s in fwd[1:]] == ["ẇ¹₁ = ?", "ẇ¹₂ = ?", "ẇ² = ?"]
    assert step_text.hint(fwd[1]) == "ẇ¹₁ = ẇ⁰₁·w⁰₂ + w⁰₁·ẇ⁰₂ = 1·5 + 2·0 = ?"
    assert [step_text.question(s) for s in rev] == ["w̄¹₁ += ?", "w̄¹₂ += ?", "w̄⁰₁ += ?", "w̄⁰₂ += ?", "w̄⁰₁ += ?"]
    assert step_text.hint(rev[4]) == "w̄⁰₁ += w̄¹₂·cos(w⁰₁) = 1·cos(2) = ?"
    assert step_text.slip(rev[2]) == ""  # w̄⁰₁'s first contribution is its total
    assert step_text.slip(rev[4]) == (
        "That is the new total of w̄⁰₁: the contributions so far and this one. "
        "The step asks only for the contribution it adds, w̄¹₂·cos(w⁰₁)."
    )
    ev = F.evaluate().steps
    assert [step_text.predictable(s) for s in ev] == [False, False, True, True, True]  # inputs are given
    assert step_text.hint(ev[2]) == "w¹₁ = w⁰₁·w⁰₂ = 2·5 = ?"
    assert step_text.hint(rev[4], latex=True) == (
        r"\bar{w}^{0}_{1} \mathrel{+}= \bar{w}^{1}_{2} \cdot \cos(w^{0}_{1}) = 1 \cdot \cos(2) = ?"
    )


def test_a_structural_zero_keeps_its_note_in_the_hint():
    last = SWEEPS["zero reverse"].steps[-1]
    assert step_text.hint(last) == (
        "w̄⁰₂ += w̄¹·(w⁰₁)^w⁰₂·log(w⁰₁) = 0·∂w¹/∂w⁰₂ = ?"
        " (w̄¹ = 0, so ∂w¹/∂w⁰₂ = (−2)³·log(−2), undefined here, is not needed)"
    )


@pytest.mark.parametrize("name", list(SWEEPS))
def test_every_hint_reads_the_numbers_that_give_the_answer_and_never_states_it(name):
    checked = 0
    for step in SWEEPS[name].steps:
        if not step_text.predictable(step):
            continue
        hint, result = step_text.hint(step), number(step.result)
        assert hint.count("?") == 1 and hint.removesuffix(step_text.zero_note(step)).endswith(" = ?")
        assert not hint.removesuffix(step_text.zero_note(step)).endswith(f"= {result}")
        assert "→" not in hint and hint != step_text.numbers(step)
        assert result not in step_text.slip(step).split()
        assert step_text.question(step).endswith("?") and result not in step_text.question(step)
        shown = numbers_in(step)
        if "∂" in shown:  # a structural zero: 0 times a partial not evaluated
            assert step.result == 0 and shown.startswith("0·")
            continue
        assert arithmetic(shown) == pytest.approx(step.result, rel=1e-5, abs=1e-9), (hint, step.result)
        checked += 1
    assert checked >= 1


# -- the data ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(SWEEPS))
def test_every_ask_agrees_with_the_sweep_and_hides_the_answer(name):
    sweep = SWEEPS[name]
    d = unpack(pack(data(sweep)))  # as sent: JSON, no NaN
    states = list(sweep.states())
    column = d["columns"].index(
        html({"evaluate": "value w", "forward": "tangent ẇ", "reverse": "adjoint w̄"}[sweep.kind])
    )
    for k, (step, sent) in enumerate(zip(sweep.steps, d["steps"]), 1):
        a = sent["ask"]
        if not step_text.predictable(step):
            assert a is None
            continue
        node = step.node
        after, before = states[k].quantity[node], states[k - 1].quantity[node]
        # the answer: what the step computes (reverse: what it adds to the running total)
        want = after - (before or 0.0) if sweep.kind == "reverse" else after
        assert a["answer"][0] == pytest.approx(want, rel=1e-12, abs=1e-15)
        assert a["answer"] == [step.result, number(step.result)]
        if sweep.kind == "reverse" and before is not None:
            assert a["total"] == [after, number(after)]
        else:
            assert a["total"] is None and a["slip"] == ""
        assert (a["question"], a["hint"]) == (html(step_text.question(step)), html(step_text.hint(step)))
        # the table: the step's rows show "?" in the quantity's column, and the real cell after
        assert a["cells"] == [[i, column, "?", html(number(states[k].quantity[i]))] for i in states[k].focus]
        # the drawing: the step's nodes as after it, but with their quantity unknown
        for slot, masked, real in a["mask"]:
            assert slot in states[k].focus
            hidden, shown = d["pool"][masked], d["pool"][real]
            assert 'data-q="1"' in shown and 'data-q="1"' not in hidden and "adn-unk" in hidden
            assert f'data-slot="{slot}"' in hidden and 'data-status="current' in hidden
        assert {m[0] for m in a["mask"]} == set(states[k].focus)


def test_the_masked_state_hides_one_quantity_only():
    st = list(F.reverse().states())[5]
    masked = unknown(st, 0)
    assert masked.adjoints == (None,) + st.adjoints[1:] and masked.values == st.values and masked == masked
    ev = list(F.evaluate().states())[3]
    assert unknown(ev, 2).values == ev.values[:2] + (None,) + ev.values[3:]


def test_a_sweep_too_long_asks_nothing(monkeypatch):
    assert data(F.reverse())["predict_max"] == predict.MAX_STEPS
    monkeypatch.setattr(predict, "MAX_STEPS", 4)
    d = data(F.reverse())  # 5 steps
    assert all(s["ask"] is None for s in d["steps"]) and d["predict_max"] == 4
    assert all(s["ask"] is not None for s in data(F.forward("x1"))["steps"][1:])  # 4 steps


def test_predict_mode_adds_little_to_a_lesson_sized_sweep():
    import json

    d = data(examples.NEURON.graph().reverse())
    asks = len(json.dumps([s["ask"] for s in d["steps"]], ensure_ascii=False))
    assert asks < 0.25 * len(json.dumps(d, ensure_ascii=False))


# -- the hosts --------------------------------------------------------------------------------------
def test_pages_open_in_predict_mode_when_asked():
    assert "if (true) player.setPredict(true);" in page(F.reverse(), predict=True)
    assert "if (false) player.setPredict(true);" in page(F.reverse())


def test_the_command_line_writes_a_predict_page(tmp_path, capsys):
    from autodiff_core.cli import main

    out = tmp_path / "p.html"
    assert main(["export", "x*y", "x=2", "y=3", "--predict", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == page(trace("x*y", x=2.0, y=3.0).forward("x"), predict=True)
    assert f"wrote {out}" in capsys.readouterr().out


def test_viz_export_html_passes_predict_on(tmp_path):
    from autodiff_core.viz import export_html

    path = export_html(F.reverse(), tmp_path / "r.html", predict=True)
    assert "if (true) player.setPredict(true);" in path.read_text(encoding="utf-8")


def test_the_widget_opens_in_predict_mode_when_asked():
    pytest.importorskip("anywidget")
    from autodiff_core.widgets import StepThrough

    w = StepThrough(examples.F, mode="forward", seed="x1", predict=True)
    assert w.player.predict is True
    assert StepThrough(examples.F).player.predict is False
    assert 'player.setPredict(model.get("predict"))' in w.player._esm
    w.close()
