"""notation.py: how names and numbers are written (w¹₂, ẇ¹₂, w̄¹₂, −0.5, ?)."""

import pytest

from autodiff_core.notation import (
    decorate,
    natural_key,
    number,
    number_latex,
    shown,
    subscript,
    superscript,
    var_display,
    w_name,
    w_position,
)


def test_w_names_in_three_forms():
    assert w_name(1, 2) == ("w1_2", "w¹₂", "w^{1}_{2}")
    assert w_name(12, None) == ("w12", "w¹²", "w^{12}")
    assert superscript("-10") == "⁻¹⁰" and subscript(305) == "₃₀₅"


@pytest.mark.parametrize(
    "name, position",
    [
        ("w1_2", (1, 2)),
        ("w¹₂", (1, 2)),
        ("w^{1}_{2}", (1, 2)),
        ("w1", (1, None)),
        ("w¹", (1, None)),
        ("w10_11", (10, 11)),
        ("w0_1", (0, 1)),
        ("w01", None),
        ("w1_0", None),
        ("w1_", None),
        ("x1", None),
        ("w", None),
        ("W1", None),
    ],
)
def test_w_position_reads_every_printed_form(name, position):
    assert w_position(name) == position


def test_variable_names_for_display():
    assert var_display("x1") == ("x₁", "x_{1}")
    assert var_display("x_1") == ("x₁", "x_{1}")
    assert var_display("y_hat") == ("y\u0302", r"\hat{y}")  # y and a combining circumflex
    assert var_display("loss") == ("loss", r"\mathrm{loss}")
    assert var_display("my_var2") == ("my_var₂", r"\mathrm{my\_var}_{2}")
    assert var_display("x_") == ("x_", r"\mathrm{x\_}")


def test_dots_and_bars_go_on_the_first_character():
    assert decorate("w¹₂", "w^{1}_{2}", "dot") == ("ẇ¹₂", r"\dot{w}^{1}_{2}")
    assert decorate("w¹₂", "w^{1}_{2}", "bar") == ("w̄¹₂", r"\bar{w}^{1}_{2}")
    assert decorate("loss", r"\mathrm{loss}", "bar") == ("l̄oss", r"\bar{\mathrm{loss}}")


@pytest.mark.parametrize(
    "value, text, latex",
    [
        (None, "?", "?"),
        (3.0, "3", "3"),
        (-0.5, "−0.5", "-0.5"),
        (1 / 3, "0.333333", "0.333333"),
        (2.5e-7, "2.5·10⁻⁷", r"2.5 \times 10^{-7}"),
        (1e15, "1·10¹⁵", r"1 \times 10^{15}"),
        (float("inf"), "∞", r"\infty"),
        (float("-inf"), "−∞", r"-\infty"),
        (float("nan"), "nan", "nan"),
    ],
)
def test_numbers(value, text, latex):
    assert number(value) == text
    assert number_latex(value) == latex


def test_shown_keeps_error_messages_short():
    assert shown("abc") == "'abc'"
    assert shown(10**400) == "100000…00 (401 digits)"
    assert shown("x" * 100) == "'" + "x" * 38 + "…"
    # over 4,300 digits Python refuses str(int); the count and the ends are still right
    assert shown(-(10**5000) - 7) == "-100000…07 (5001 digits)"
    assert shown(2**20000) == "398027…76 (6021 digits)"

    class Broken:
        def __repr__(self):
            raise RuntimeError

    assert shown(Broken()) == "<Broken object>"


def test_natural_order():
    assert sorted(["x10", "x2", "x1", "b"], key=natural_key) == ["b", "x1", "x2", "x10"]
