"""The player's motion and navigation in headless Chromium, on exported pages opened
from disk: the flow of a step along its edges (and none under reduced motion), Ctrl + wheel
zoom, drag to pan, fit, play / pause from the keyboard at a chosen speed, and a long table.

Every wait is on the page's state (data-step, data-zoom, data-playing, the canvas
transform), never on time."""

import re

import pytest

from autodiff_core import examples, trace
from browser_support import ROOT, WATCH, open_export, wait_step

pytestmark = pytest.mark.browser

F = examples.F.graph()

INSIDE = """() => {
    const v = document.querySelector('.adstep-view').getBoundingClientRect();
    const c = document.querySelector('.adstep-canvas svg').getBoundingClientRect();
    return c.left >= v.left - 1 && c.right <= v.right + 1 && c.top >= v.top - 1 && c.bottom <= v.bottom + 1;
}"""


def offset(page):
    transform = page.evaluate("document.querySelector('.adstep-canvas').style.transform")
    x, y = re.match(r"translate\(([-\d.e]+)px, ([-\d.e]+)px\)", transform).groups()
    return float(x), float(y)


@pytest.mark.parametrize("mode, step, dots", [("forward", 2, 2), ("reverse", 1, 1)])
def test_a_step_flows_along_its_edges_and_lands(page, console_errors, tmp_path, mode, step, dots):
    # forward step 2 computes ẇ¹₁ from both operands of w⁰₁·w⁰₂ (step 1 seeds the
    # inputs: nothing flows); reverse step 1 sends w̄²'s contribution back along one edge
    sweep = F.forward({"x1": 1}) if mode == "forward" else F.reverse()
    open_export(page, sweep, tmp_path, mode)
    page.locator('input[aria-label="step"]').fill(str(step - 1))
    wait_step(page, step - 1)
    page.locator(".adstep-player").evaluate(WATCH)
    page.click('button[aria-label="next step"]')
    wait_step(page, step)
    seen = page.evaluate("window.seen")
    assert seen["dots"] == dots
    assert seen["fresh"] == ["w1_1"]  # the new number fades in on w¹₁
    assert console_errors == []


def test_reduced_motion_moves_nothing(page, console_errors, tmp_path):
    page.emulate_media(reduced_motion="reduce")
    root = open_export(page, F.reverse(), tmp_path, "still")
    page.locator(".adstep-player").evaluate(WATCH)
    page.click('button[aria-label="next step"]')
    wait_step(page, 1)
    assert page.evaluate("window.seen") == {"dots": 0, "fresh": []}
    assert root.locator(".adstep-caption").text_content().startswith("step 1 of 5")
    assert console_errors == []


def test_ctrl_wheel_zooms_drag_pans_fit_restores(page, console_errors, tmp_path, screenshot_dir):
    root = open_export(
        page,
        trace("+".join(f"x{i}" for i in range(1, 21)), **{f"x{i}": 1.0 for i in range(1, 21)}).reverse(),
        tmp_path,
        "sum",
    )
    view = page.locator(".adstep-view").bounding_box()
    cx, cy = view["x"] + view["width"] / 2, view["y"] + view["height"] / 2
    zoom = float(root.get_attribute("data-zoom"))

    page.mouse.move(cx, cy)
    page.keyboard.down("Control")
    page.mouse.wheel(0, 120)
    page.wait_for_function(f"+{ROOT}.getAttribute('data-zoom') < {zoom * 0.9}")
    assert float(root.get_attribute("data-zoom")) == pytest.approx(zoom * 0.6703, rel=1e-3)  # exp(-120/300)
    page.mouse.wheel(0, -120)
    page.keyboard.up("Control")
    page.wait_for_function(f"+{ROOT}.getAttribute('data-zoom') > {zoom * 0.95}")
    assert float(root.get_attribute("data-zoom")) == pytest.approx(zoom, rel=1e-3)

    x0, y0 = offset(page)
    page.mouse.move(cx, cy)
    page.mouse.down()
    page.mouse.move(cx + 150, cy + 40, steps=5)  # at the output (bottom right): towards the inputs
    page.mouse.up()
    page.wait_for_function("!document.querySelector('.adstep-view').classList.contains('adstep-dragging')")
    x1, y1 = offset(page)
    assert (x1 - x0, y1 - y0) == pytest.approx((150, 40), abs=1)

    page.click('button[aria-label="zoom out"]')
    page.wait_for_function(f"+{ROOT}.getAttribute('data-zoom') < {zoom * 0.85}")
    assert not page.evaluate(INSIDE)  # zoomed out, the sum is still bigger than its view
    page.click('button[aria-label="fit"]')
    page.wait_for_function(INSIDE)  # fit shows the whole drawing
    assert float(root.get_attribute("data-zoom")) < zoom * 0.8
    page.screenshot(path=str(screenshot_dir / "sum_fit.png"))
    assert console_errors == []


def test_space_plays_and_pauses_at_the_chosen_speed(page, console_errors, tmp_path):
    sweep = examples.damped_chain(250).reverse()
    root = open_export(page, sweep, tmp_path, "play")
    page.select_option('select[aria-label="speed"]', label="fastest")
    root.focus()
    page.keyboard.press(" ")
    page.wait_for_function(f"{ROOT}.getAttribute('data-playing') === 'true'")
    page.wait_for_function(f"+{ROOT}.getAttribute('data-step') >= 3")
    page.keyboard.press(" ")
    page.wait_for_function(f"{ROOT}.getAttribute('data-playing') === null")
    paused = int(root.get_attribute("data-step"))
    assert 3 <= paused < sweep.n_steps
    assert page.locator('button[aria-label="play"]').count() == 1  # the pause button is play again
    page.keyboard.press("End")
    wait_step(page, sweep.n_steps)
    assert console_errors == []


# Every row of the table: scroll the table box from top to bottom (it draws only the rows
# in view) and read each row's cells as the page has them.
READ_TABLE = """async () => {
    const box = document.querySelector('.adstep-tablebox');
    const seen = {};
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    for (let top = 0; ; top += box.clientHeight / 2) {
        box.scrollTop = top;
        box.dispatchEvent(new Event('scroll'));
        await frame();
        for (const tr of box.querySelectorAll('tbody tr[data-node]'))
            seen[tr.getAttribute('data-node')] = [...tr.cells].map((td) => td.innerHTML);
        if (box.scrollTop + box.clientHeight >= box.scrollHeight - 1) break;
    }
    return {rows: seen, drawn: box.querySelectorAll('tbody tr[data-node]').length};
}"""


def table_after(data, k):
    """The table after step k, replayed in Python from the player's own data."""
    rows = [list(r) for r in data["start"]["rows"]]
    for step in data["steps"][:k]:
        for r, c, new, _old in step["cells"]:
            if c >= 0:
                rows[r][c] = new
    return dict(zip(data["names"], rows))


def test_a_long_table_draws_the_rows_in_view_and_holds_every_cell(page, console_errors, tmp_path):
    """240 steps, 181 rows: the page holds a few dozen rows at a time, the drawing is
    cut into pieces, and after a jump, steps back and forth, every cell is the one the
    sweep's data says (read by scrolling the whole table)."""
    from autodiff_core import player

    sweep = examples.damped_chain(60).reverse()
    data = player.data(sweep)
    root = open_export(page, sweep, tmp_path, "table")
    # the drawing is in pieces, and only those near the view are filled
    assert page.locator(".adstep-canvas svg.adstep-piece").count() >= 2
    assert 0 < page.locator(".adstep-canvas g[data-node]").count() < len(data["names"]) / 2
    root.locator('input[aria-label="step"]').fill("150")
    wait_step(page, 150)
    root.focus()
    for key, k in [("ArrowLeft", 149), ("ArrowLeft", 148), ("ArrowRight", 149)]:
        page.keyboard.press(key)
        wait_step(page, k)
    assert table_after(data, 149) != table_after(data, 0)
    got = page.evaluate(READ_TABLE)
    assert got["drawn"] < len(data["names"]) / 2
    assert got["rows"] == table_after(data, 149)
    page.click('button[aria-label="first step"]')
    wait_step(page, 0)
    assert page.evaluate(READ_TABLE)["rows"] == table_after(data, 0)
    # the current node is drawn, at the step's new value
    root.locator('input[aria-label="step"]').fill("239")
    wait_step(page, 239)
    node = data["names"][data["steps"][238]["node"]]
    assert page.locator(f'.adstep-canvas g[data-node="{node}"][data-status~="current"]').count() == 1
    assert console_errors == []
