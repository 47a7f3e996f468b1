"""What the player shows, measured in headless Chromium on exported pages: the drawing readable
and whole at first view, followed at a readable zoom with an overview when it does not fit,
presenter mode, the layout steady from step to step, the current row always in the table's
view, a partial adjoint marked as such, and the wheel and keys. Geometry, computed style and
the DOM are checked, never pixels; every wait is on the page's state, never on time."""

import pytest

from autodiff_core import examples, player, trace
from autodiff_core.checkpoint import sin_chain
from autodiff_core.checkpoint_sweep import CheckpointedSweep
from autodiff_core.viz import style
from browser_support import ROOT, open_export, wait_step

pytestmark = pytest.mark.browser

GAUSS = "exp(-x**2/2)/sqrt(2*pi) + log(x)"


def total(n):
    """x1 + … + xn, at xi = i."""
    return trace("+".join(f"x{i}" for i in range(1, n + 1)), **{f"x{i}": float(i) for i in range(1, n + 1)})


GRAPHS = {
    "f": examples.F.graph,
    "neuron": examples.NEURON.graph,
    "gauss": lambda: trace(GAUSS, x=1.5),
    "sum20": lambda: total(20),
}

# The drawing as the reader sees it: the smallest value text (a node's "w = …" lines) in CSS px,
# whether the whole drawing is inside the view, and the view's and the root's boxes.
SEEN = """() => {
    const root = document.querySelector('.adstep-player');
    const view = root.querySelector('.adstep-view').getBoundingClientRect();
    const base = root.querySelector('.adstep-canvas svg').getBoundingClientRect();
    const values = [...root.querySelectorAll('.adstep-canvas g[data-node] text')]
        .filter((t) => t.textContent.includes(' = '));
    const px = values.map((t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);
    const inner = [view.left + 1, view.top + 1, view.right - 1, view.bottom - 1];
    return {
        value_px: Math.min(...px),
        whole: base.left >= inner[0] - 1 && base.right <= inner[2] + 1 && base.top >= inner[1] - 1
            && base.bottom <= inner[3] + 1,
        nodes: root.querySelectorAll('.adstep-canvas g[data-node]').length,
        view: [view.left, view.top, view.width, view.height],
        drawing: [base.width, base.height],
        zoom: +root.getAttribute('data-zoom'),
        overview: !root.querySelector('.adstep-overview').hidden,
    };
}"""


def seen(page):
    return page.evaluate(SEEN)


def fits_readable(sweep, view_width, view_height):
    """Whether the drawing can be whole at a readable size (14 px text, zoom 1) in the view."""
    d = player.data(sweep)
    return d["width"] <= view_width - 2 and d["height"] <= view_height - 2


@pytest.mark.parametrize("name", GRAPHS)
def test_first_view_is_readable_and_whole_where_it_fits(page, console_errors, tmp_path, screenshot_dir, name):
    page.set_viewport_size({"width": 1280, "height": 720})
    graph = GRAPHS[name]()
    sweep = graph.reverse()
    open_export(page, sweep, tmp_path, name)
    got = seen(page)
    page.screenshot(path=str(screenshot_dir / f"first_view_{name}.png"))
    assert got["value_px"] >= 14 - 0.01, got
    assert console_errors == []
    if name == "sum20":  # too big to be readable whole: followed, with the overview
        assert not got["whole"] and got["overview"]
        return
    assert fits_readable(sweep, 1280 - 2 * 18, 720), f"{name}: {player.data(sweep)['width']} px wide at 14 px text"
    assert got["whole"], got
    assert got["nodes"] == len(graph)
    assert not got["overview"]


# Rows drawn past their box in the browser's own font, in the drawing's units: every node's
# "w = …" lines against its box, less the box's padding; and whether any row is squeezed.
OVERFLOW = """(pad) => {
    const out = [];
    for (const g of document.querySelectorAll('.adstep-canvas g[data-node]')) {
        const box = g.querySelector('rect.adn-box').getBBox();
        for (const t of g.querySelectorAll('text.adn-row')) {
            const b = t.getBBox();
            if (b.x < box.x + pad - 1.5 || b.x + b.width > box.x + box.width - pad + 0.5)  // a mark may lean left
                out.push([g.dataset.node, t.textContent, +b.width.toFixed(1), +(box.width - 2 * pad).toFixed(1)]);
        }
    }
    return {overflow: out, squeezed: document.querySelectorAll('.adstep-canvas text[textLength]').length};
}"""


@pytest.mark.parametrize("name", ["f", "neuron", "gauss"])
def test_every_row_fits_its_box_in_the_browsers_font(page, console_errors, tmp_path, name):
    """The boxes are as wide as the numbers the graph's sweeps show, measured with the font
    table of viz/style.py: here the browser measures them, at every step of the reverse sweep
    and of the forward sweep seeded at the first input; none squeezed, none past its box."""
    page.set_viewport_size({"width": 1280, "height": 720})
    graph = GRAPHS[name]()
    for sweep in (graph.reverse(), graph.forward(graph.input_names[0])):
        root = open_export(page, sweep, tmp_path, f"{name}_{sweep.kind}")
        root.focus()
        for k in range(sweep.n_steps + 1):
            if k:
                page.keyboard.press("ArrowRight")
                wait_step(page, k)
            assert page.evaluate(OVERFLOW, style.PAD) == {"overflow": [], "squeezed": 0}, (sweep.kind, k)
    assert console_errors == []


# The table's box: whether a column is cut (the box scrolls sideways), and where it stands.
TABLE_CUT = """() => {
    const box = document.querySelector('.adstep-tablebox');
    return {cut: box.scrollWidth > box.clientWidth + 1,
            layout: document.querySelector('.adstep-player').getAttribute('data-layout')};
}"""


@pytest.mark.parametrize("width", [1280, 1120, 1000])
def test_the_table_is_never_cut_beside_the_drawing(page, console_errors, tmp_path, width):
    """A table wider than the half it may take beside the drawing (a checkpointed sweep's, with
    its memory column) goes below it instead: no number in its last column is cut off."""
    page.set_viewport_size({"width": width, "height": 720})
    sweeps = {
        "f": examples.F.graph().reverse(),
        "neuron": trace(examples.NEURON.expression, names=examples.NEURON.names, **examples.NEURON.inputs).reverse(),
        "checkpointed": CheckpointedSweep(sin_chain(12), positions=[0, 5, 9]),
    }
    for name, sweep in sweeps.items():
        open_export(page, sweep, tmp_path, name)
        got = page.evaluate(TABLE_CUT)
        assert not got["cut"], (name, got)
        if name == "f" and width == 1280:
            assert got["layout"] == "side"  # a narrow table stays beside the drawing
    assert console_errors == []


def test_a_small_drawing_is_scaled_up_and_the_view_is_as_tall_as_it(page, console_errors, tmp_path):
    page.set_viewport_size({"width": 1280, "height": 720})
    open_export(page, examples.F.graph().reverse(), tmp_path, "f")
    got = seen(page)
    assert got["zoom"] > 1.1
    assert got["whole"]
    assert abs(got["view"][3] - 2 - got["drawing"][1]) <= 2  # its height (less its border) from the zoom
    # "+" makes the view taller (as far as the window goes) before it crops anything
    page.click('button[aria-label="zoom in"]')
    bigger = seen(page)
    assert bigger["zoom"] == pytest.approx(got["zoom"] * 1.25, rel=1e-3)
    assert bigger["view"][3] > got["view"][3] + 20
    assert bigger["view"][1] + bigger["view"][3] <= 720
    assert console_errors == []


def test_a_big_drawing_follows_at_a_readable_zoom_with_an_overview(page, console_errors, tmp_path, screenshot_dir):
    page.set_viewport_size({"width": 1280, "height": 720})
    root = open_export(page, total(100).reverse(), tmp_path, "sum100")
    got = seen(page)
    assert got["zoom"] == pytest.approx(1.0) and got["overview"]
    assert got["nodes"] < 100  # only the pieces near the view are in the page
    root.focus()
    page.keyboard.press("End")
    wait_step(page, 198)
    current = page.locator('.adstep-canvas g[data-node][data-status~="current"]')
    assert current.count() == 1
    inside = page.evaluate(
        """() => { const v = document.querySelector('.adstep-view').getBoundingClientRect();
        const n = document.querySelector('.adstep-canvas g[data-node][data-status~="current"]').getBoundingClientRect();
        return n.left >= v.left && n.right <= v.right && n.top >= v.top && n.bottom <= v.bottom; }"""
    )
    assert inside
    page.screenshot(path=str(screenshot_dir / "sum100_overview.png"))

    # "fit" goes as far as the zoom range goes; "−" after it does not zoom in; a step brings
    # the readable zoom back
    page.click('button[aria-label="fit"]')
    fitted = float(root.get_attribute("data-zoom"))
    assert fitted == pytest.approx(0.1)
    page.click('button[aria-label="zoom out"]')
    assert float(root.get_attribute("data-zoom")) == pytest.approx(fitted)
    root.focus()
    page.keyboard.press("ArrowLeft")
    wait_step(page, 197)
    assert float(root.get_attribute("data-zoom")) == pytest.approx(1.0)

    # a click on the overview moves the view there
    before = page.evaluate("document.querySelector('.adstep-canvas').style.transform")
    box = page.locator(".adstep-overview svg").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.8, box["y"] + box["height"] * 0.8)
    page.wait_for_function(f"document.querySelector('.adstep-canvas').style.transform !== {before!r}")
    assert console_errors == []


def test_fit_shows_a_drawing_whole_that_the_zoom_range_allows(page, console_errors, tmp_path):
    page.set_viewport_size({"width": 1280, "height": 720})
    root = open_export(page, total(20).reverse(), tmp_path, "sum20")
    assert not seen(page)["whole"]
    page.click('button[aria-label="fit"]')
    got = seen(page)
    assert got["whole"] and 0.1 <= got["zoom"] < 0.5
    root.focus()
    page.keyboard.press("ArrowRight")
    wait_step(page, 1)
    assert seen(page)["zoom"] == pytest.approx(1.0)  # following: readable again
    assert console_errors == []


PRESENTING = """() => {
    const r = document.querySelector('.adstep-player');
    const box = r.getBoundingClientRect();
    const px = (sel) => parseFloat(getComputedStyle(r.querySelector(sel)).fontSize);
    return {how: r.getAttribute('data-presenter'), box: [box.left, box.top, box.width, box.height],
            caption: px('.adstep-caption'), rule: px('.adstep-rule'), numbers: px('.adstep-numbers'),
            table: !r.querySelector('.adstep-tablebox').hidden};
}"""


def test_presenter_mode_gives_the_drawing_the_screen(page, console_errors, tmp_path, screenshot_dir):
    page.set_viewport_size({"width": 1920, "height": 1080})
    sweep = examples.F.graph().reverse()
    d = player.data(sweep)
    root = open_export(page, sweep, tmp_path, "f")
    page.click('button[aria-label="presenter mode"]')
    page.wait_for_function(f"{ROOT}.getAttribute('data-presenter') !== null")
    root.focus()
    for k in (1, 2, 3):
        page.keyboard.press("ArrowRight")
        wait_step(page, k)
    got = page.evaluate(PRESENTING)
    assert got["how"] in ("fullscreen", "overlay")
    assert got["box"] == pytest.approx([0, 0, 1920, 1080], abs=1)
    assert min(got["caption"], got["rule"], got["numbers"]) >= 24
    assert not got["table"]  # collapsed, until asked for
    view = seen(page)
    assert view["whole"] and view["value_px"] >= 24 and view["view"][3] >= 0.6 * 1080
    page.screenshot(path=str(screenshot_dir / "presenter_f.png"))
    checked = 0
    for _ in range(3):  # "+": still whole as long as the drawing fits the view
        page.click('button[aria-label="zoom in"]')
        got = seen(page)
        if d["width"] * got["zoom"] <= got["view"][2] - 2 and d["height"] * got["zoom"] <= got["view"][3] - 2:
            assert got["whole"], got
            checked += 1
    assert checked >= 1
    root.focus()
    page.keyboard.press("t")
    page.wait_for_function(f"!{ROOT}.querySelector('.adstep-tablebox').hidden")
    page.keyboard.press("Escape")
    page.wait_for_function(f"{ROOT}.getAttribute('data-presenter') === null")
    assert page.evaluate("document.querySelector('main > #player.adstep-player') !== null")  # back in its place
    assert page.evaluate(f"parseFloat(getComputedStyle({ROOT}.querySelector('.adstep-rule')).fontSize)") < 24
    page.keyboard.press("f")  # the key, too
    page.wait_for_function(f"{ROOT}.getAttribute('data-presenter') !== null")
    assert console_errors == []


def test_a_page_exported_for_presenting_opens_in_presenter_mode(page, console_errors, tmp_path, screenshot_dir):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_export(page, trace(GAUSS, x=1.5).forward({"x": 1}), tmp_path, "gauss", presenter=True)
    page.wait_for_function(f"{ROOT}.getAttribute('data-presenter') === 'overlay'")
    got = page.evaluate(PRESENTING)
    assert got["box"] == pytest.approx([0, 0, 1920, 1080], abs=1)
    assert seen(page)["value_px"] >= 14
    page.screenshot(path=str(screenshot_dir / "presenter_gauss.png"))
    page.keyboard.press("Escape")
    page.wait_for_function(f"{ROOT}.getAttribute('data-presenter') === null")
    assert console_errors == []


# Every step in turn (clicking "next step" in the page): the drawing's and the table's top edges,
# and whether the marked row is inside the table's view below its head.
WALK = """() => {
    const root = document.querySelector('.adstep-player');
    const next = root.querySelector('button[aria-label="next step"]');
    const box = root.querySelector('.adstep-tablebox');
    const head = box.querySelector('thead').getBoundingClientRect().height;
    const tops = [], lost = [];
    const n = +root.getAttribute('data-steps');
    for (let k = 0; k <= n; k++) {
        if (k) next.click();
        tops.push(root.querySelector('.adstep-view').getBoundingClientRect().top + window.scrollY);
        const row = box.querySelector('tr[aria-current="step"]');
        if (!row) continue;
        const b = box.getBoundingClientRect(), r = row.getBoundingClientRect();
        if (r.top < b.top + head - 1 || r.bottom > b.bottom + 1 || !row.classList.contains('current')) lost.push(k);
    }
    return {tops, lost, rows: box.querySelectorAll('tr[aria-current="step"]').length};
}"""


@pytest.mark.parametrize(
    "name, mode",
    [("f", "reverse"), ("sum20", "forward"), ("sum60", "forward"), ("sum60", "reverse"), ("sum100", "reverse")],
)
def test_the_layout_is_steady_and_the_current_row_in_view(page, console_errors, tmp_path, name, mode):
    page.set_viewport_size({"width": 1280, "height": 720})
    g = examples.F.graph() if name == "f" else total(int(name[3:]))
    sweep = g.reverse() if mode == "reverse" else g.forward({g.input_names[0]: 1})
    open_export(page, sweep, tmp_path, f"{name}_{mode}")
    got = page.evaluate(WALK)
    assert max(got["tops"]) - min(got["tops"]) <= 2, got["tops"]
    assert got["lost"] == []
    assert console_errors == []


def test_the_table_also_keeps_the_row_in_view_both_ways(page, console_errors, tmp_path):
    page.set_viewport_size({"width": 1280, "height": 720})
    root = open_export(page, total(20).reverse(), tmp_path, "sum20")
    root.focus()
    page.keyboard.press("End")
    wait_step(page, 38)
    for k in range(37, 0, -1):
        page.keyboard.press("ArrowLeft")
        wait_step(page, k)
        inside = page.evaluate(
            """() => { const box = document.querySelector('.adstep-tablebox');
            const row = box.querySelector('tr[aria-current="step"]');
            const b = box.getBoundingClientRect(), r = row.getBoundingClientRect();
            const head = box.querySelector('thead').getBoundingClientRect().height;
            return r.top >= b.top + head - 1 && r.bottom <= b.bottom + 1; }"""
        )
        assert inside, k
    assert console_errors == []


ROW_INSIDE = """() => { const box = document.querySelector('.adstep-tablebox');
    const row = box.querySelector('tr[aria-current="step"]');
    if (!row) return false;
    const b = box.getBoundingClientRect(), r = row.getBoundingClientRect();
    const head = box.querySelector('thead').getBoundingClientRect().height;
    return r.top >= b.top + head - 1 && r.bottom <= b.bottom + 1; }"""


def test_the_row_is_in_view_when_the_table_comes_back(page, console_errors, tmp_path):
    # a hidden table cannot scroll: stepping while it is hidden, then showing it, must still
    # show the current row (lost before: the box came back scrolled to its top)
    page.set_viewport_size({"width": 1280, "height": 720})
    root = open_export(page, total(40).reverse(), tmp_path, "sum40")
    root.focus()
    for k, key in ((78, "End"), (30, None), (70, None)):
        page.keyboard.press("t")
        page.wait_for_function("document.querySelector('.adstep-tablebox').hidden")
        if key:
            page.keyboard.press(key)
        else:
            page.locator('input[aria-label="step"]').fill(str(k))
        wait_step(page, k)
        root.focus()
        page.keyboard.press("t")
        page.wait_for_function("!document.querySelector('.adstep-tablebox').hidden")
        page.wait_for_function(ROW_INSIDE)  # fails by timeout if the row never comes into view
    assert console_errors == []


PARTIAL = """(name) => {
    const td = document.querySelector(`.adstep-tablebox tr[data-node="${name}"]`).lastElementChild;
    const style = getComputedStyle(td), after = getComputedStyle(td, '::after');
    return {partial: td.getAttribute('data-partial'), style: style.fontStyle, after: after.content};
}"""


def test_a_partial_adjoint_looks_partial_until_its_last_contribution(page, console_errors, tmp_path):
    root = open_export(page, examples.F.graph().reverse(), tmp_path, "f")
    root.locator('input[aria-label="step"]').fill("3")
    wait_step(page, 3)
    partial, final = page.evaluate(PARTIAL, "w0_1"), page.evaluate(PARTIAL, "w1_1")
    assert partial["partial"] == "true" and final["partial"] is None  # w̄⁰₁ = 5 of two contributions
    assert (partial["style"], final["style"]) == ("italic", "normal")
    assert partial["after"] != final["after"]
    root.locator('input[aria-label="step"]').fill("5")
    wait_step(page, 5)
    assert page.evaluate(PARTIAL, "w0_1") == final  # its last contribution: final
    assert console_errors == []


def test_the_wheel_scrolls_the_page_and_ctrl_wheel_zooms(page, console_errors, tmp_path):
    page.set_viewport_size({"width": 1280, "height": 600})
    root = open_export(page, total(20).reverse(), tmp_path, "sum20")
    zoom = float(root.get_attribute("data-zoom"))
    view = page.locator(".adstep-view").bounding_box()
    page.mouse.move(view["x"] + view["width"] / 2, view["y"] + view["height"] / 2)
    page.mouse.wheel(0, 120)
    page.wait_for_function("window.scrollY > 0")
    assert float(root.get_attribute("data-zoom")) == zoom
    page.keyboard.down("Control")
    page.mouse.wheel(0, -60)
    page.keyboard.up("Control")
    page.wait_for_function(f"+{ROOT}.getAttribute('data-zoom') > {zoom}")
    assert float(root.get_attribute("data-zoom")) == pytest.approx(zoom * 1.2214, rel=1e-3)  # exp(60/300)
    assert console_errors == []


def test_keys_zoom_pan_and_space_presses_the_focused_button(page, console_errors, tmp_path):
    page.set_viewport_size({"width": 1280, "height": 720})
    root = open_export(page, total(20).reverse(), tmp_path, "sum20")
    page.locator('button[aria-label="next step"]').focus()
    page.keyboard.press(" ")
    wait_step(page, 1)
    assert root.get_attribute("data-playing") is None  # Space pressed the button: no play
    root.focus()
    zoom = float(root.get_attribute("data-zoom"))
    page.keyboard.press("+")
    page.wait_for_function(f"+{ROOT}.getAttribute('data-zoom') > {zoom}")
    page.keyboard.press("-")
    page.wait_for_function(f"Math.abs(+{ROOT}.getAttribute('data-zoom') - {zoom}) < 1e-3")
    transform = page.evaluate("document.querySelector('.adstep-canvas').style.transform")
    page.keyboard.press("Shift+ArrowLeft")  # at the output, on the right edge: towards the inputs
    page.wait_for_function(f"document.querySelector('.adstep-canvas').style.transform !== {transform!r}")
    page.keyboard.press("0")
    page.wait_for_function(f"+{ROOT}.getAttribute('data-zoom') < {zoom}")
    assert root.get_attribute("data-step") == "1"  # none of these stepped
    assert console_errors == []


def test_the_view_follows_each_steps_focus(page, console_errors, tmp_path, monkeypatch):
    """The data may name several nodes a step is about ("focus": a forward sweep seeding
    every input at once, reverse mode's step 0 on the seeded output): all of their rows are
    marked, and the view goes to them, at step 0 too."""
    from autodiff_core.player import page as page_module

    def with_focus(sweep, **options):
        d = player.data(sweep, **options)
        d["start"]["focus"] = [len(d["names"]) - 1]  # the output
        for s in d["steps"]:
            s["focus"] = [s["node"]]
        d["steps"][0]["focus"] = [0, 1, 2]  # three rows at once
        return d

    monkeypatch.setattr(page_module, "data", with_focus)
    page.set_viewport_size({"width": 1280, "height": 720})
    root = open_export(page, total(20).reverse(), tmp_path, "sum20")
    near = """() => { const v = document.querySelector('.adstep-view').getBoundingClientRect();
        const n = document.querySelector('.adstep-canvas g[data-node="w19"]')?.getBoundingClientRect();
        return !!n && n.left >= v.left && n.right <= v.right && n.top >= v.top && n.bottom <= v.bottom; }"""
    assert page.evaluate(near)  # step 0: on the seeded output, not the inputs
    assert page.locator(".adstep-table tr[aria-current=step]").get_attribute("data-node") == "w19"
    root.focus()
    page.keyboard.press("ArrowRight")
    wait_step(page, 1)
    marked = page.locator(".adstep-table tr[aria-current=step]")
    assert [marked.nth(i).get_attribute("data-node") for i in range(marked.count())] == ["w0_1", "w0_2", "w0_3"]
    assert console_errors == []
