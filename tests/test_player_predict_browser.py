"""Predict mode in headless Chromium: on exported pages opened from disk, in JupyterLab (the
widget, and with its kernel shut down) and on a site page built from a notebook.

A right answer is graded right and the step is then shown and animates; a wrong one gets
the hint and the step stays hidden; a new total for a contribution, a sign slip, too few
digits and text that is not a number are each told apart; "k of n right" counts first tries;
keys typed in the box never step, zoom or switch the player; → and play wait for an answer.
The hidden number is nowhere to be seen: its node and its table row show "?". Every wait is on
the page's state (data-step, data-predict, the verdict), never on time."""

import nbformat
import pytest

from autodiff_core import examples
from browser_support import (
    ROOT,
    WATCH,
    axe_violations,
    low_contrast,
    open_export,
    open_notebook,
    run_all_cells,
    shut_down_kernel,
    wait_step,
    write_notebook,
)
from support import jupyter_dirs

pytestmark = pytest.mark.browser

F = examples.F.graph()
GUESS = 'input[aria-label="your prediction"]'
_SCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉", "01234567890123456789")


def plain(text):
    return "".join(text.translate(_SCRIPTS).split())


class Predict:
    """Predict mode in one player: its DOM contract, read and driven."""

    def __init__(self, root):
        self.root = root  # the player's root (.adstep-player)
        self.page = root.page

    def state(self):
        return self.root.get_attribute("data-step"), self.root.get_attribute("data-predict")

    def wait(self, step, predict):
        self.page.wait_for_function(
            "([el, step, predict]) => el.getAttribute('data-step') === String(step)"
            " && el.getAttribute('data-predict') === predict",
            arg=[self.root.element_handle(), step, predict],
        )

    def verdict(self):
        return self.root.locator(".adstep-verdict").inner_text()

    def answer(self, text, says):
        """Type `text`, press Enter, wait until the verdict starts with `says`; the verdict."""
        box = self.root.locator(GUESS)
        box.fill(text)
        box.press("Enter")
        self.page.wait_for_function(
            "([el, says]) => el.querySelector('.adstep-verdict').textContent.startsWith(says)",
            arg=[self.root.element_handle(), says],
        )
        return self.verdict()

    def click(self, label):
        self.root.locator(f'button[aria-label="{label}"]').click()

    def quantity_shown(self, node):
        """The node's quantity as its drawing and its table row show it."""
        drawn = self.root.locator(f'.adstep-canvas g[data-node="{node}"] text.adn-row').nth(-1).text_content()
        row = self.root.locator(f'.adstep-table tr[data-node="{node}"] td').nth(-1).text_content()
        return drawn.split("=")[-1].strip(), row.strip()

    def score(self):
        return self.root.locator(".adstep-score").text_content()


def export(page, sweep, tmp_path, name, **options):
    root = open_export(page, sweep, tmp_path, name, **options)
    return Predict(root)


def test_a_right_answer_is_graded_right_and_the_step_animates(page, console_errors, tmp_path, screenshot_dir):
    p = export(page, F.forward({"x1": 1}), tmp_path, "forward", predict=True)
    assert p.state() == ("0", "on")
    assert p.root.locator('button[aria-label="predict mode"]').get_attribute("aria-pressed") == "true"
    assert p.verdict().startswith("Predict mode: press →")
    p.click("next step")  # the seed step: nothing to predict, it just plays
    p.wait(1, "on")
    assert p.verdict().startswith("Nothing to predict at step 1")
    p.click("next step")  # ẇ¹₁: hidden, asked
    p.wait(2, "pending")
    assert p.page.evaluate("document.activeElement.getAttribute('aria-label')") == "your prediction"
    assert plain(p.root.locator(".adstep-numbers").inner_text()) == "ẇ11=?"
    assert p.root.locator(".adstep-note").inner_text() == ""
    assert p.quantity_shown("w1_1") == ("?", "?")
    assert p.root.locator('.adstep-canvas g[data-node="w1_1"]').get_attribute("data-status").startswith("current")
    page.screenshot(path=str(screenshot_dir / "predict_pending.png"))

    p.root.evaluate(WATCH)
    said = p.answer("5", "✓ Right.")
    p.wait(2, "on")
    assert plain(said) == plain("✓ Right. ẇ¹₁ = 1·5 + 2·0 = 5")
    assert p.quantity_shown("w1_1") == ("5", "5")
    assert plain(p.root.locator(".adstep-numbers").inner_text()) == "ẇ11=1·5+2·0=5"
    seen = page.evaluate("window.seen")
    assert seen["dots"] == 2 and seen["fresh"] == ["w1_1"]  # ẇ⁰₁ and ẇ⁰₂ flow in, the number fades in
    assert p.score() == "1 of 1 right"
    # Enter in the box takes the next step, which asks again
    p.root.locator(GUESS).press("Enter")
    p.wait(3, "pending")
    assert p.quantity_shown("w1_2") == ("?", "?")
    assert console_errors == []


def test_a_wrong_answer_gets_the_hint_and_each_slip_its_own_word(page, console_errors, tmp_path, screenshot_dir):
    # step 5 of f reverse: w̄⁰₁ += w̄¹₂·cos(w⁰₁) = −0.416147, the running total 5 → 4.58385
    p = export(page, F.reverse(), tmp_path, "reverse", predict=True)
    p.root.locator('input[aria-label="step"]').fill("4")
    wait_step(page, 4)
    assert p.quantity_shown("w0_1") == ("5…", "5")  # the running total, partial
    p.click("next step")
    p.wait(5, "pending")
    assert p.quantity_shown("w0_1") == ("?", "?")  # the running total hidden too
    assert plain(p.root.locator(".adstep-numbers").inner_text()) == "w̄01+=?"
    assert p.root.locator(".adstep-note").inner_text() == ""  # the last step's note says the result

    verdict = p.root.locator(".adstep-verdict")
    assert verdict.get_attribute("role") == "status"
    said = p.answer("7", "✗ Not 7.")
    assert plain(said) == plain("✗ Not 7. Hint: w̄⁰₁ += w̄¹₂·cos(w⁰₁) = 1·cos(2) = ? Try again, or reveal.")
    assert p.state() == ("5", "pending") and p.quantity_shown("w0_1") == ("?", "?")
    page.screenshot(path=str(screenshot_dir / "predict_wrong.png"))
    assert "thenewtotalofw̄01" in plain(p.answer("4.58385", "Almost: 4.58385."))
    assert "Check the sign." in p.answer("0.416147", "✗ Not 0.416147.")
    assert "to the digits you gave" in p.answer("-0.4161", "Close: -0.4161")
    assert p.answer("minus a half", "I can't read").startswith("I can't read “minus a half” as a number")
    assert p.answer("", "Type your prediction")
    assert p.state() == ("5", "pending")
    p.click("reveal")
    p.wait(5, "on")
    assert plain(p.verdict()).startswith(plain("Shown: w̄⁰₁ += 1·cos(2) = −0.416147 → 4.58385"))
    assert p.quantity_shown("w0_1") == ("4.58385", "4.58385")
    assert p.score() == "0 of 1 right"

    # the number as shown, or within 1e-6 of it, in any of the ways one writes it
    for typed in ("−0.416147", "-0.4161468365", "-4.16147e-1", "-0,416147", "−4.16147·10⁻¹", "-0.41614684"):
        p.click("previous step")
        p.wait(4, "on")
        p.click("next step")
        p.wait(5, "pending")
        assert p.answer(typed, "✓ Right").startswith("✓ Right."), typed
    assert p.score() == "0 of 1 right"  # a step counts once, as first settled
    assert console_errors == []


def test_k_of_n_right_counts_first_tries(page, console_errors, tmp_path):
    p = export(page, F.reverse(), tmp_path, "reverse", predict=True)
    moves = [("1", None), ("3", "1"), ("reveal", None), ("2", None), ("−0.416147", None)]
    for k, (first, then) in enumerate(moves, 1):
        p.root.locator(GUESS).press("Enter") if k > 1 else p.click("next step")
        p.wait(k, "pending")
        if first == "reveal":
            p.click("reveal")
        else:
            said = p.answer(first, "✓" if then is None else "✗")
            if then is not None:
                p.answer(then, "✓ Right this time.")
        p.wait(k, "on")
    assert p.score() == "3 of 5 right"
    assert p.verdict().endswith("All 5 steps done: 3 of 5 right.")
    assert said.startswith("✓ Right.")
    assert console_errors == []


def test_keys_typed_in_the_box_never_step_the_player(page, console_errors, tmp_path):
    p = export(page, F.forward({"x1": 1}), tmp_path, "forward", predict=True)
    p.click("next step")
    p.wait(1, "on")
    p.click("next step")
    p.wait(2, "pending")
    zoom = p.root.get_attribute("data-zoom")
    box = p.root.locator(GUESS)
    box.focus()
    page.keyboard.type("0+-=_ ftpFTP 12 34")
    for key in ("ArrowLeft", "ArrowRight", "Home", "End", "Shift+ArrowLeft", "Shift+ArrowRight", "Space", "Backspace"):
        box.press(key)
    assert p.state() == ("2", "pending")
    assert p.root.get_attribute("data-zoom") == zoom and p.root.get_attribute("data-presenter") is None
    assert p.root.locator(".adstep-tablebox").is_visible()
    assert box.input_value() == "0+-=_ ftpFTP 12 34"  # Space typed, Backspace took it back
    assert box.evaluate("e => document.activeElement === e")
    # outside the box → waits for the answer, and so do ▶ and Space
    p.root.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"{ROOT}.querySelector('.adstep-verdict').textContent.startsWith('Predict ')")
    assert plain(p.verdict()).startswith(plain("Predict ẇ¹₁ = ? first"))
    p.root.focus()
    page.keyboard.press(" ")
    p.click("play")
    assert p.state() == ("2", "pending") and p.root.get_attribute("data-playing") is None
    # back, and the hidden number is put back where it was
    p.click("previous step")
    p.wait(1, "on")
    p.click("last step")
    wait_step(page, 4)
    assert p.quantity_shown("w1_1") == ("5", "5")
    assert console_errors == []


def test_play_stops_at_each_question_and_the_toggle_and_p(page, console_errors, tmp_path):
    p = export(page, F.forward({"x1": 1}), tmp_path, "forward")
    toggle = p.root.locator('button[aria-label="predict mode"]')
    assert toggle.get_attribute("aria-pressed") == "false" and p.state() == ("0", None)
    assert p.root.locator(".adstep-predict").is_hidden()
    p.root.focus()
    page.keyboard.press("p")
    p.wait(0, "on")
    page.select_option('select[aria-label="speed"]', label="fastest")
    p.click("play")
    p.wait(2, "pending")  # played the seed step, stopped at the first question
    assert p.root.get_attribute("data-playing") is None
    # turned off while a number is hidden: the step is shown, as without predict mode
    toggle.click()
    page.wait_for_function(f"{ROOT}.getAttribute('data-predict') === null")
    assert toggle.get_attribute("aria-pressed") == "false" and p.quantity_shown("w1_1") == ("5", "5")
    p.click("next step")
    wait_step(page, 3)
    assert p.quantity_shown("w1_2") == ("−0.416147", "−0.416147")
    assert console_errors == []


def test_a_sweep_too_long_has_its_toggle_off_and_says_why(page, console_errors, tmp_path, monkeypatch):
    from autodiff_core.player import predict

    monkeypatch.setattr(predict, "MAX_STEPS", 3)
    p = export(page, F.reverse(), tmp_path, "long", predict=True)
    toggle = p.root.locator('button[aria-label="predict mode"]')
    assert toggle.is_disabled() and "up to 3 steps" in toggle.get_attribute("title")
    assert p.state() == ("0", None)
    p.click("next step")
    wait_step(page, 1)
    assert console_errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_predict_mode_is_accessible_light_and_dark(page, console_errors, tmp_path, screenshot_dir, scheme):
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": 1280, "height": 720})
    p = export(page, F.reverse(), tmp_path, "reverse", predict=True)
    p.click("next step")
    p.wait(1, "pending")

    def check():
        return axe_violations(page) + low_contrast(p.root)

    found = {"pending": check()}
    p.answer("7", "✗")
    found["wrong"] = check()
    page.screenshot(path=str(screenshot_dir / f"predict_{scheme}_wrong.png"))
    p.answer("1", "✓")
    found["right"] = check()
    page.screenshot(path=str(screenshot_dir / f"predict_{scheme}_right.png"))
    p.click("presenter mode")
    page.wait_for_function(f"{ROOT}.getAttribute('data-presenter') !== null")
    p.root.locator(GUESS).press("Enter")
    p.wait(2, "pending")
    found["presenting"] = check()
    page.screenshot(path=str(screenshot_dir / f"predict_{scheme}_presenting.png"))
    assert {k: v for k, v in found.items() if v} == {}
    assert console_errors == []


# -- the widget in JupyterLab ---------------------------------------------------------------------
CELLS = [
    "from autodiff_core import examples\nfrom autodiff_core.widgets import StepThrough",
    'w = StepThrough(examples.F, mode="forward", seed="x1", predict=True)\nw',
]


def cells_as_they_are(page):
    return page.evaluate(
        """() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')].map((c) =>
            [c.classList.contains('jp-CodeCell') ? 'code' : 'other', c.querySelector('.cm-content')?.textContent])"""
    )


def test_predict_mode_in_jupyterlab_and_without_the_kernel(page, console_errors, lab, screenshot_dir):
    write_notebook(lab.root / "predict.ipynb", CELLS)
    page.set_viewport_size({"width": 1280, "height": 900})
    open_notebook(page, lab.url, "predict.ipynb")
    run_all_cells(page)
    p = Predict(page.locator(".jp-OutputArea .adstep-player").first)
    p.root.wait_for(state="visible")
    p.wait(0, "on")
    cells = cells_as_they_are(page)
    p.click("next step")
    p.wait(1, "on")
    p.click("next step")
    p.wait(2, "pending")
    # JupyterLab's own keys (a, b: new cells; 1-6, m, y: cell types; d d: delete) stay in the box
    box = p.root.locator(GUESS)
    box.focus()
    page.keyboard.type("abm y12 dd 3")
    box.press("ArrowLeft")
    assert box.input_value() == "abm y12 dd 3" and p.state() == ("2", "pending")
    assert cells_as_they_are(page) == cells
    p.answer("5", "✓ Right.")
    p.wait(2, "on")
    p.root.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / "predict_lab.png"))
    assert console_errors == []

    # With the kernel shut down, predict mode still asks and grades: it never needed one.
    shut_down_kernel(page)
    box.press("Enter")
    p.wait(3, "pending")
    assert "Check the sign." in p.answer("0.416147", "✗ Not 0.416147.")
    p.answer("-0.416147", "✓ Right this time.")
    p.wait(3, "on")
    assert p.score() == "1 of 2 right"
    # the toggle, with no kernel to tell
    p.click("predict mode")
    page.wait_for_function("el => el.getAttribute('data-predict') === null", arg=p.root.element_handle())
    assert all(e.startswith("Could not send widget sync message") for e in console_errors)


def test_the_player_toggle_reaches_the_kernel(page, console_errors, lab):
    write_notebook(lab.root / "toggle.ipynb", [*CELLS, "print('predict:', w.player.predict)"])
    open_notebook(page, lab.url, "toggle.ipynb")
    run_all_cells(page)
    p = Predict(page.locator(".jp-OutputArea .adstep-player").first)
    p.wait(0, "on")
    assert "predict: True" in page.locator(".jp-OutputArea-output").last.inner_text()
    p.click("predict mode")
    page.wait_for_function("el => el.getAttribute('data-predict') === null", arg=p.root.element_handle())
    page.locator(".jp-Notebook .jp-CodeCell .cm-content").last.click()  # the print cell, run again
    page.keyboard.press("Control+Enter")
    page.wait_for_function(
        "() => document.querySelector('.jp-Notebook .jp-CodeCell:last-child .jp-OutputArea-output')"
        "?.textContent.includes('predict: False')"
    )
    assert console_errors == []


# -- a site page ------------------------------------------------------------------------------------
def test_a_site_page_keeps_predict_mode(page, console_errors, tmp_path, monkeypatch):
    """A notebook with StepThrough(predict=True), executed with its widget state saved and
    rendered as the site renders a lesson: its player opens in predict mode and grades."""
    from nbclient import NotebookClient

    from autodiff_core.site.cells import render
    from autodiff_core.site.page import lesson

    for var, value in jupyter_dirs(tmp_path / "kernel").items():
        monkeypatch.setenv(var, value)
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("# Predict"), *(nbformat.v4.new_code_cell(c) for c in CELLS)],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    NotebookClient(nb, timeout=120, kernel_name="python3", store_widget_state=True).execute()
    rendered = render(nb, {"99_predict"})
    assert [p.predict for p in rendered.players] == [True]
    html = lesson(rendered, stem="99_predict", course="test", nav={"index": "index.html"}, run_here="here")
    path = tmp_path / "99_predict.html"
    path.write_text(html, encoding="utf-8")
    page.goto(path.as_uri())
    p = Predict(page.locator(".adstep-player").first)
    p.wait(0, "on")
    p.click("next step")
    p.wait(1, "on")
    p.click("next step")
    p.wait(2, "pending")
    p.answer("5", "✓ Right.")
    p.wait(2, "on")
    assert console_errors == []
