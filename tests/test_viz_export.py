"""The HTML export: one self-contained file holding the player and its data,
checked as text and in headless Chromium opened from disk."""

import json
import re

import pytest

from autodiff_core import examples, player, trace
from autodiff_core import viz
from autodiff_core.viz import labels

F = examples.F.graph()


def data_of(path):
    text = path.read_text(encoding="utf-8")
    payload = re.search(r"const payload = (\"[A-Za-z0-9+/=]*\");", text)
    return text, player.unpack(json.loads(payload.group(1)))


def test_export_is_self_contained(tmp_path):
    sweep = F.reverse()
    path = viz.export_html(sweep, tmp_path / "f.html", edge_labels=True)
    assert path == tmp_path / "f.html"
    text, data = data_of(path)
    outside = re.findall(r"""(?:src|href)\s*=\s*["']?[^"'\s>]+|@import|url\(\s*["']?http|import\s*\(""", text)
    assert outside == []
    assert set(re.findall(r"https?://[^\s\"'<\\]+", text)) <= {"http://www.w3.org/2000/svg"}
    assert data == json.loads(json.dumps(player.data(sweep, edge_labels=True)))  # the widget's data
    assert player.module() in text  # the widget's module
    for step, st in zip(data["steps"], list(sweep.states())[1:]):
        assert step["caption"] == labels.html(st.caption)
        assert step["numbers"] == labels.html(st.step.numbers)
    assert data["steps"][4]["rule"] == labels.html("w̄⁰₁ += w̄¹₂·cos(w⁰₁)")  # the fan-out's second part
    assert labels.html("reverse mode (adjoints), seed w̄² = 1") in text
    assert "<title>x1*x2 + sin(x1)</title>" in text  # the title: the expression


def test_export_of_a_forward_sweep_names_its_seed(tmp_path):
    path = viz.export_html(examples.Y.graph().forward(), tmp_path / "y.html", title="y = sin(x²+1)")
    text, data = data_of(path)
    assert labels.html("forward mode (tangents), seed ẋ = 1") in text
    assert "<title>y = sin(x²+1)</title>" in text
    assert data["columns"][-1] == "tangent ẇ" and data["n"] == 4


def test_exports_stay_small(tmp_path):
    wide = trace(" + ".join(f"x{i}" for i in range(1, 101)), **{f"x{i}": float(i) for i in range(1, 101)})
    for sweep in (wide.evaluate(), wide.forward("x1"), wide.reverse()):
        size = viz.export_html(sweep, tmp_path / "wide.html").stat().st_size
        assert size < 2_000_000, (sweep.kind, size)


@pytest.mark.browser
def test_export_steps_in_a_browser(page, console_errors, screenshot_dir, tmp_path):
    sweep = F.reverse()
    path = viz.export_html(sweep, tmp_path / "f_reverse.html", edge_labels=True)
    page.goto(path.as_uri())
    root = page.locator(".adstep-player")

    def wait(k):
        page.wait_for_function(f"document.querySelector('.adstep-player')?.getAttribute('data-step') === '{k}'")

    def shown():
        row = page.locator("tr.current")
        return {
            "caption": root.locator(".adstep-caption").text_content(),
            "row": row.get_attribute("data-node") if row.count() else None,
            "numbers": root.locator(".adstep-numbers").text_content(),
            "counter": root.locator(".adstep-counter").text_content(),
        }

    wait(0)
    assert shown()["caption"].startswith("step 0 of 5")
    # step 0 marks the seeded output's row
    assert page.locator('button[aria-label="previous step"]').is_disabled() and shown()["row"] == "w2"
    page.click('button[aria-label="next step"]')
    wait(1)
    now = shown()
    assert now["counter"] == "1 / 5" and now["caption"].startswith("step 1 of 5: adjoint contribution")
    assert now["row"] == "w1_1" and now["numbers"].startswith("w̄11 += 1")
    root.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    wait(3)
    assert shown()["row"] == "w0_1"
    page.keyboard.press("ArrowLeft")
    wait(2)
    page.click('button[aria-label="last step"]')
    wait(5)
    assert page.locator('button[aria-label="next step"]').is_disabled()
    assert "= −0.416147" in shown()["numbers"]
    assert root.locator('.adstep-canvas g[data-edge][data-status="current"]').count() == 1
    page.screenshot(path=str(screenshot_dir / "export_f_reverse_last.png"), full_page=True)
    page.click('button[aria-label="first step"]')
    wait(0)
    page.click('button[aria-label="play"]')
    wait(5)
    assert root.get_attribute("data-playing") is None  # stopped at the end
    page.locator('input[aria-label="step"]').fill("4")
    wait(4)
    zoom = float(root.get_attribute("data-zoom"))
    page.click('button[aria-label="zoom in"]')
    assert float(root.get_attribute("data-zoom")) == pytest.approx(zoom * 1.25, rel=1e-3)
    assert console_errors == []


@pytest.mark.browser
def test_a_long_chain_steps_and_follows(page, console_errors, tmp_path):
    sweep = examples.damped_chain(250).reverse()
    assert sweep.n_steps == 1000
    path = viz.export_html(sweep, tmp_path / "chain.html")
    assert path.stat().st_size < 5_000_000
    page.goto(path.as_uri())
    page.wait_for_function("document.querySelector('.adstep-player')?.getAttribute('data-step') === '0'")
    page.click('button[aria-label="last step"]')
    page.wait_for_function("document.querySelector('.adstep-player').getAttribute('data-step') === '1000'")
    page.locator('input[aria-label="step"]').fill("500")
    page.wait_for_function("document.querySelector('.adstep-player').getAttribute('data-step') === '500'")
    # the current node comes into the viewport (it pans there), and so does the table row
    page.wait_for_function("""() => {
        const v = document.querySelector('.adstep-view').getBoundingClientRect();
        const n = document.querySelector('.adstep-canvas [data-status~="current"][data-node]').getBoundingClientRect();
        const t = document.querySelector('.adstep-tablebox').getBoundingClientRect();
        const r = document.querySelector('tr.current').getBoundingClientRect();
        return n.left >= v.left && n.right <= v.right && n.top >= v.top && n.bottom <= v.bottom
            && r.top >= t.top && r.bottom <= t.bottom;
    }""")
    assert console_errors == []


def test_markup_in_labels_cannot_end_the_script(tmp_path):
    # a node named like an HTML comment must not end the script or break its data
    g = trace("sin(x**2 + 1)", x=1.5, names={"w1": "a<!--b</script>"})
    text, data = data_of(viz.export_html(g.forward("x"), tmp_path / "odd.html"))
    assert data["n"] == 4 and "a<!--b</script>" in data["names"]
    assert "<!--" not in text and text.count("</script>") == 1
