"""The player for keyboard and screen-reader users, in headless Chromium on exported pages:
axe-core (vendored, no network) finds no WCAG 2 A/AA violation, light and dark, at step 0,
mid-sweep and in presenter mode, and no text of the player's is below AA contrast with what
is actually behind it (computed, where axe gives up on layered backgrounds); the root is a
named region, the slider says "step k of n", one polite live region says what a manual step
shows and only "playing" / "paused" while playing, the virtualised table still says how many
rows it has and which one each is, and the drawing's name follows the step."""

import pytest

from autodiff_core import examples, trace
from browser_support import ROOT, axe_violations, low_contrast, open_export, wait_step

pytestmark = pytest.mark.browser

F = examples.F.graph()
SUM20 = "+".join(f"x{i}" for i in range(1, 21))


def sweeps():
    sum20 = trace(SUM20, **{f"x{i}": float(i) for i in range(1, 21)})
    return {
        "f reverse": F.reverse(),
        "f forward": F.forward({"x1": 1}),
        "f evaluate": F.evaluate(),
        "neuron reverse": examples.NEURON.graph().reverse(),
        "sum20 forward": sum20.forward({"x1": 1}),
    }


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["f reverse", "f forward", "f evaluate", "neuron reverse", "sum20 forward"])
def test_axe_finds_no_wcag_a_or_aa_violation(page, console_errors, tmp_path, scheme, name):
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": 1280, "height": 720})
    root = open_export(page, sweeps()[name], tmp_path, name.replace(" ", "_"))
    assert root.get_attribute("data-theme") == scheme

    def check():
        return axe_violations(page) + low_contrast(root)

    found = {0: check()}
    root.locator('input[aria-label="step"]').fill("3")
    wait_step(page, 3)
    found[3] = check()
    page.click('button[aria-label="presenter mode"]')
    page.wait_for_function(f"{ROOT}.getAttribute('data-presenter') !== null")
    found["presenting"] = check()
    page.keyboard.press("t")  # with the table
    page.wait_for_function(f"!{ROOT}.querySelector('.adstep-tablebox').hidden")
    found["presenting with the table"] = check()
    assert {k: v for k, v in found.items() if v} == {}
    assert console_errors == []


def test_the_theme_follows_the_browser(page, console_errors, tmp_path):
    root = open_export(page, F.reverse(), tmp_path, "f")
    assert root.get_attribute("data-theme") == "light"
    page.emulate_media(color_scheme="dark")
    page.wait_for_function(f"{ROOT}.getAttribute('data-theme') === 'dark'")
    fg, bg = page.evaluate(
        """() => { const s = getComputedStyle(document.querySelector('.adstep-table td'));
        const t = getComputedStyle(document.querySelector('.adstep-tablebox'));
        return [s.color, t.backgroundColor]; }"""
    )
    assert (fg, bg) == ("rgb(230, 237, 243)", "rgb(13, 17, 23)")
    assert console_errors == []


def test_roles_names_and_what_is_announced(page, console_errors, tmp_path):
    root = open_export(page, F.reverse(), tmp_path, "f")
    assert root.get_attribute("role") == "region"
    assert root.get_attribute("aria-label") == "step-through of x1*x2 + sin(x1)"
    slider = root.locator('input[aria-label="step"]')
    live = root.locator('[aria-live="polite"]')
    assert live.count() == 1 and live.text_content() == ""  # nothing said on load
    view = root.locator(".adstep-view")
    assert view.get_attribute("role") == "img"
    assert view.get_attribute("aria-label") == "drawing, step 0 of 5: output adjoint seeded: w̄2 = 1"
    assert page.locator(".adstep-canvas svg:not([aria-hidden=true])").count() == 0

    root.focus()
    page.keyboard.press("ArrowRight")
    wait_step(page, 1)
    assert slider.get_attribute("aria-valuetext") == "step 1 of 5"
    assert view.get_attribute("aria-label").startswith("drawing, step 1 of 5: adjoint contribution")
    said = live.text_content()
    # caption, rule and numbers, with scripts said as such (w¹₁ is not "w11")
    assert said.startswith("step 1 of 5: adjoint contribution w super 2 → w super 1 sub 1.")
    assert "w bar super 1 sub 1 += w bar super 2" in said and said.endswith("= 1")

    # while playing: "playing", then no caption until "paused"
    page.select_option('select[aria-label="speed"]', label="fastest")
    root.focus()
    page.keyboard.press(" ")
    page.wait_for_function(f"{ROOT}.getAttribute('data-playing') === 'true'")
    assert live.text_content() == "playing"
    page.wait_for_function(f"+{ROOT}.getAttribute('data-step') >= 3")
    assert live.text_content() == "playing"
    page.wait_for_function(f"{ROOT}.getAttribute('data-playing') === null")  # it stops at the end
    assert live.text_content() == "stopped at the last step, 5 of 5"
    assert console_errors == []


def test_the_virtualised_table_says_its_size_and_rows(page, console_errors, tmp_path):
    sweep = trace(SUM20, **{f"x{i}": float(i) for i in range(1, 21)}).reverse()
    open_export(page, sweep, tmp_path, "sum20")
    table = page.locator(".adstep-table")
    assert table.get_attribute("aria-rowcount") == "40"  # the head and 39 rows
    assert "39 rows" in table.locator("caption").text_content()
    rows = page.evaluate(
        """() => [...document.querySelectorAll('.adstep-table tbody tr[data-node]')].map((tr) =>
            [tr.getAttribute('data-node'), +tr.getAttribute('aria-rowindex'),
             tr.cells[0].tagName, tr.cells[0].getAttribute('scope'), tr.cells[0].getAttribute('aria-label')])"""
    )
    assert len(rows) < 39  # only the rows near the view are in the page
    names = [f"w0_{i}" for i in range(1, 21)] + [f"w{i}" for i in range(1, 20)]
    for node, index, tag, scope, label in rows:
        assert index == names.index(node) + 2 and (tag, scope) == ("TH", "row")
        level, _, i = node[1:].partition("_")  # w0_13 is "w, level 0, index 13"
        assert label == f"w, level {level}" + (f", index {i}" if i else "")
    current = page.locator(".adstep-table tr[aria-current=step]")
    assert [current.nth(i).get_attribute("data-node") for i in range(current.count())] == ["w19"]  # the seed
    page.locator('input[aria-label="step"]').fill("38")
    wait_step(page, 38)
    assert current.count() == 1
    assert console_errors == []
