"""Two marks on one letter, as Chromium draws them: the adjoint bar over ŷ's hat, the
tangent dot over w̄ and over ∂ (issue 23, item 2).

Geometry, not pixels: a drawn mark's box must lie above the ink of the letter it sits
on (the ink's top measured with canvas ``measureText`` in the very font and size the
page uses, from the letter's baseline), across that letter, and clear of the line above;
and no text anywhere on the page holds two consecutive combining marks.
"""

import pytest

from autodiff_core import examples, viz
from autodiff_core.player import asset

pytestmark = pytest.mark.browser

NEURON = examples.NEURON.graph()
GRADIENT = examples.F.graph().gradient_graph()

# For every drawn mark in an SVG: the box of the mark, the extent and baseline of the
# letter it belongs to (the <text> it follows, first character), and that letter's ink
# ascent and the row above's ink descent, measured in the SVG's font.
SVG_MARKS = """(cls) => {
    const ctx = document.createElement('canvas').getContext('2d');
    const ink = (text, el) => {
        const cs = getComputedStyle(el);
        ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
        return ctx.measureText(text);
    };
    const out = [];
    for (const m of document.querySelectorAll('svg .' + cls)) {
        let text = m.previousElementSibling;
        while (text && text.tagName !== 'text') text = text.previousElementSibling;
        const box = m.getBBox();
        const cell = text.getExtentOfChar(0);
        const base = text.getStartPositionOfChar(0).y;
        const letter = text.textContent.match(/^.[\u0300-\u036f]*/u)[0];
        const rows = [...m.parentNode.querySelectorAll(':scope > text.adn-row')];
        const above = rows[rows.indexOf(text) - 1];
        const under = above
            && above.getStartPositionOfChar(0).y + ink(above.textContent, above).actualBoundingBoxDescent;
        out.push({
            letter, top: box.y, bottom: box.y + box.height, left: box.x, right: box.x + box.width,
            cellLeft: cell.x, cellRight: cell.x + cell.width,
            inkTop: base - ink(letter, text).actualBoundingBoxAscent,
            aboveBottom: above ? under : null,
        });
    }
    return out;
}"""


def marks_of(page, svg: str, cls: str) -> list:
    page.set_content(f"<!DOCTYPE html><html><body>{svg}</body></html>")
    return page.evaluate(SVG_MARKS, cls)


def check_above(m: dict) -> None:
    assert m["bottom"] < m["inkTop"] - 0.4, m  # above the letter's own ink (ŷ's hat, w̄'s bar)
    assert m["left"] >= m["cellLeft"] - 0.5 and m["right"] <= m["cellRight"] + 0.5, m  # over that letter
    if m["aboveBottom"] is not None:
        assert m["top"] > m["aboveBottom"], m  # and clear of the row above


def test_the_adjoint_bar_sits_above_y_hats_hat_in_the_drawing(page):
    bars = marks_of(page, viz.svg(NEURON.reverse().state(3)), "adm-bar")
    assert [m["letter"] for m in bars] == ["ŷ"]  # σ's second row: (ŷ)¯ = −0.178101
    check_above(bars[0])


def test_the_tangent_dot_sits_above_w_bar_and_on_the_partial(page):
    sweep = GRADIENT.forward("x1")
    dots = marks_of(page, viz.svg(sweep.state(sweep.n_steps)), "adm-dot")
    assert sorted({m["letter"] for m in dots}) == ["w̄", "∂"]
    assert len(dots) == sum(1 for i in range(len(GRADIENT)) if GRADIENT.nodes[i].label[0] in "w̄∂") - 2
    for m in dots:
        check_above(m)


# In HTML: the letter's baseline from an empty inline-block put after it (its bottom edge
# sits on the baseline), its ink from measureText in its computed font.
HTML_MARKS = """(sel) => {
    const ctx = document.createElement('canvas').getContext('2d');
    const out = [];
    for (const span of document.querySelectorAll(sel + ' span.adm')) {
        const letter = span.firstChild;
        const probe = document.createElement('span');
        probe.style.cssText = 'display:inline-block;width:0;height:0';
        span.insertBefore(probe, letter.nextSibling);
        const baseline = probe.getBoundingClientRect().bottom;
        probe.remove();
        const range = document.createRange();
        range.selectNodeContents(letter);
        const cell = range.getBoundingClientRect();
        const cs = getComputedStyle(span);
        ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
        const inkTop = baseline - ctx.measureText(letter.textContent).actualBoundingBoxAscent;
        for (const m of span.querySelectorAll('.adm-m')) {
            const b = m.getBoundingClientRect();
            out.push({letter: letter.textContent, cls: m.className, top: b.top, bottom: b.bottom, left: b.left,
                      right: b.right, width: b.width, height: b.height, inkTop, cellLeft: cell.left,
                      cellRight: cell.right});
        }
    }
    return out;
}"""

NO_STACKED_MARKS = """() => {
    const texts = [document.documentElement.textContent];
    for (const e of document.querySelectorAll('*'))
        for (const a of e.attributes) texts.push(a.value);
    return texts.filter(t => /[\\u0300-\\u036f]{2}/.test(t.normalize('NFD'))).map(t => t.slice(0, 80));
}"""


def open_page(page, sweep, tmp_path, name, k):
    path = viz.export_html(sweep, tmp_path / f"{name}.html")
    page.goto(path.as_uri())
    page.add_style_tag(content=asset("drawing.css"))  # as the player's styles() join it
    root = "document.querySelector('.adstep-player')"
    page.wait_for_function(f"{root}?.getAttribute('data-step') === '0'")
    for _ in range(k):
        page.click("button[aria-label='next step']")
    page.wait_for_function(f"{root}.getAttribute('data-step') === '{k}'")


def test_the_adjoint_bar_sits_above_the_hat_in_the_rule_and_the_table(page, tmp_path, console_errors):
    open_page(page, NEURON.reverse(), tmp_path, "neuron", 3)  # z̄ += (ŷ)¯·σ(z)·(1 − σ(z))
    marks = page.evaluate(HTML_MARKS, ".adstep-player")
    assert {m["letter"] for m in marks} == {"ŷ"} and marks
    for m in marks:
        assert "adm-bar" in m["cls"] and m["width"] > 3 and m["height"] >= 1, m
        assert m["bottom"] <= m["inkTop"], m  # the bar clears the hat
        assert m["left"] >= m["cellLeft"] - 0.5 and m["right"] <= m["cellRight"] + 0.5, m
    assert page.evaluate(NO_STACKED_MARKS) == []
    assert console_errors == []


def test_no_text_on_a_gradient_graph_page_stacks_marks(page, tmp_path, console_errors):
    sweep = GRADIENT.forward("x1")
    open_page(page, sweep, tmp_path, "gradient", sweep.n_steps)
    assert page.evaluate(NO_STACKED_MARKS) == []
    dots = [m for m in page.evaluate(HTML_MARKS, ".adstep-player") if "adm-dot" in m["cls"]]
    assert dots and {m["letter"] for m in dots} <= {"w̄", "∂"}
    for m in dots:
        assert m["bottom"] <= m["inkTop"] and m["left"] >= m["cellLeft"] - 0.5, m
    assert console_errors == []
