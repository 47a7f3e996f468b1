"""Checkpointed reverse mode stepped in headless Chromium, on an exported page opened from
disk: the meter reads the engine's counts at every step visited (forward, back, jumps), the
drawing marks each node stored / recomputed / freed as the engine's state says, the table's
memory column and the spoken step agree, and nothing logs an error. Light and dark
screenshots at 1280 × 720. Every wait is on the page's state (data-step), never on time."""

import pytest
from playwright.sync_api import expect

from autodiff_core.checkpoint import sin_chain
from autodiff_core.checkpoint_sweep import CheckpointedSweep
from browser_support import (
    axe_violations,
    lab_notebook,
    low_contrast,
    open_export,
    wait_step,
)

pytestmark = pytest.mark.browser

READ_METER = """() => [...document.querySelectorAll('.adstep-meter [role=meter]')].map((m) => ({
    name: m.getAttribute('aria-label'), now: +m.getAttribute('aria-valuenow'),
    max: +m.getAttribute('aria-valuemax'), shown: m.querySelector('.adstep-count-value').textContent}))"""

READ_NODES = """() => Object.fromEntries([...document.querySelectorAll('.adstep-canvas g[data-node]')].map(
    (g) => [g.getAttribute('data-node'), g.getAttribute('data-status').split(' ').filter(Boolean)]))"""

NO_COVER = "!document.querySelector('.adstep-cover')"  # a step's new number has faded in
MEMORY_FLAGS = {"stored", "recomputed", "freed", "dropped"}
WANT = {"stored": {"stored"}, "recomputed": {"recomputed"}, "dropped": {"dropped", "freed"}, "freed": {"freed"}}


def go(page, k):
    page.locator('input[aria-label="step"]').fill(str(k))
    wait_step(page, k)


def check_state(page, sweep, k):
    state = sweep.state(k)
    meter = page.evaluate(READ_METER)
    assert [m["name"] for m in meter] == ["values held now", "most held so far", "operations recomputed so far"]
    assert [m["now"] for m in meter] == [state.held, state.peak, state.recomputed], f"step {k}"
    assert [m["shown"] for m in meter] == [str(state.held), str(state.peak), str(state.recomputed)]
    assert [m["max"] for m in meter] == [sweep.length, sweep.length, sweep.recomputed]
    nodes = page.evaluate(READ_NODES)
    names = [nd.name for nd in sweep.graph.nodes]
    assert set(nodes) == set(names)  # fitted: every piece of the drawing is in the page
    for i, memory in enumerate(state.memory):
        assert set(nodes[names[i]]) & MEMORY_FLAGS == WANT.get(memory, set()), f"step {k}, {names[i]}"
    held = sorted(n for n, f in nodes.items() if {"stored", "recomputed"} & set(f))
    assert held == sorted(names[i] for i in state.held_nodes)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_meter_and_the_drawing_follow_the_engine(page, console_errors, tmp_path, screenshot_dir, scheme):
    # wide enough for the whole chain at a readable size (the table hidden), so that every
    # node is in the page (the player keeps only those near the view)
    page.set_viewport_size({"width": 3400, "height": 900})
    page.emulate_media(color_scheme=scheme)
    sweep = CheckpointedSweep(sin_chain(12), k=4)
    root = open_export(page, sweep, tmp_path, f"checkpoint_{scheme}")
    assert root.get_attribute("data-kind") == "checkpoint"
    root.focus()
    page.keyboard.press("t")
    page.wait_for_function("document.querySelector('.adstep-tablebox').hidden")
    check_state(page, sweep, 0)
    visits = [1, 5, 13, 14, 16, 17, 18, 31, 46, 40, 15, 0, 9]  # forward, the sweep back, jumps both ways
    for k in visits:
        go(page, k)
        check_state(page, sweep, k)
    for k in range(9, 20):  # and one step at a time through the top segment
        page.click('button[aria-label="next step"]')
        wait_step(page, k + 1)
        check_state(page, sweep, k + 1)
    spoken = root.locator(".adstep-sr[role=status]").text_content()
    twenty = sweep.state(20)  # a manual step says its counts
    assert f"values held now {twenty.held} of 12, most held so far {twenty.peak} of 12" in spoken
    page.set_viewport_size({"width": 1280, "height": 720})
    root.focus()
    page.keyboard.press("t")  # the table again
    page.wait_for_function("!document.querySelector('.adstep-tablebox').hidden")
    go(page, 16)
    current = root.locator(".adstep-table tr.current")
    assert current.locator("td").nth(3).text_content() == "recomputed"  # w¹¹, recomputed now
    page.wait_for_function(NO_COVER)
    page.screenshot(path=str(screenshot_dir / f"checkpoint_{scheme}_16.png"))
    go(page, 40)
    page.wait_for_function(NO_COVER)
    page.screenshot(path=str(screenshot_dir / f"checkpoint_{scheme}_40.png"))
    assert console_errors == []


def test_chosen_positions_lower_the_peak_the_meter_shows(page, console_errors, tmp_path):
    sweep = CheckpointedSweep(sin_chain(12), positions=[0, 5, 9])
    page.set_viewport_size({"width": 3400, "height": 900})
    root = open_export(page, sweep, tmp_path, "positions")
    root.focus()
    page.keyboard.press("t")
    page.wait_for_function("document.querySelector('.adstep-tablebox').hidden")
    page.keyboard.press("End")
    wait_step(page, sweep.n_steps)
    check_state(page, sweep, sweep.n_steps)
    assert [m["now"] for m in page.evaluate(READ_METER)][1] == 5 == sweep.peak
    assert "At most 5 values held at once" in root.locator(".adstep-note-text").text_content()
    assert console_errors == []


PLAYER = "document.querySelector('.jp-OutputArea .adstep-player')"


@pytest.mark.parametrize("theme", ["JupyterLab Light", "JupyterLab Dark"])
def test_the_student_types_positions_in_jupyterlab(page, console_errors, tmp_path, screenshot_dir, theme):
    """The widget with a kernel: positions typed in change the counts under the settings and
    the schedule stepped (the meter's peak at the end), a bad entry says what is wrong and
    keeps the last good schedule; no WCAG A/AA violation (axe, computed contrast)."""
    cells = ["from autodiff_core.widgets import CheckpointStepThrough", "CheckpointStepThrough(12, k=4)"]
    dark = "Dark" in theme
    with lab_notebook(page, tmp_path, "positions.ipynb", cells, theme=theme):
        page.wait_for_function(f"{PLAYER}?.getAttribute('data-step') === '0'")
        widget = page.locator(".jp-OutputArea .widget-vbox.adstep")
        summary = widget.locator(".adstep-summary")
        expect(summary).to_contain_text("at most 6 values held")  # its own message: waited on
        version = int(widget.locator(".adstep-player").get_attribute("data-version"))
        box = widget.locator(".widget-text", has=page.locator(".widget-label", has_text="positions")).locator("input")
        box.fill("0, 5, 9")
        box.press("Enter")
        page.wait_for_function(f"+{PLAYER}.getAttribute('data-version') > {version}")
        expect(summary).to_contain_text("at most 5 values held")  # the summary may come after the player
        widget.locator(".adstep-player").focus()
        page.keyboard.press("End")
        page.wait_for_function(f"{PLAYER}.getAttribute('data-step') === '46'")
        assert [m["now"] for m in page.evaluate(READ_METER)] == [0, 5, 9]

        box.fill("0, 5, 12")
        box.press("Enter")
        error = widget.locator(".adstep-error")
        error.wait_for(state="visible")
        assert "checkpoint position 12 is not a whole number from 0 to 11" in error.text_content()
        assert "still showing the last good schedule" in error.text_content()
        expect(summary).to_contain_text("at most 5 values held")
        assert widget.locator(".adstep-player").get_attribute("data-version") == str(version + 1)

        widget.locator('button[aria-label="first step"]').click()
        page.wait_for_function(f"{PLAYER}.getAttribute('data-step') === '0'")
        widget.locator('input[aria-label="step"]').fill("16")
        page.wait_for_function(f"{PLAYER}.getAttribute('data-step') === '16'")
        page.wait_for_function(NO_COVER)
        widget.scroll_into_view_if_needed()
        page.screenshot(path=str(screenshot_dir / f"checkpoint_lab_{'dark' if dark else 'light'}.png"))
        assert axe_violations(page, ".jp-OutputArea .widget-vbox.adstep") == []
        assert low_contrast(widget.locator(".adstep-player")) == []
    assert console_errors == []
