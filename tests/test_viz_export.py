"""The static HTML export: one self-contained file with every frame, checked as
text and in headless Chromium opened from disk."""

import json
import re

import pytest

from autodiff_core import examples, trace
from autodiff_core import viz
from autodiff_core.viz import labels
from browser_support import console_errors, page, screenshot_dir  # noqa: F401 (fixtures)

F = examples.F.graph()


def frames_of(path):
    text = path.read_text(encoding="utf-8")
    payload = re.search(r'<script type="application/json" id="frames">(.*?)</script>', text, re.S)
    return text, json.loads(payload.group(1))


def test_export_is_self_contained(tmp_path):
    sweep = F.reverse()
    path = viz.export_html(sweep, tmp_path / "f.html", edge_labels=True)
    assert path == tmp_path / "f.html"
    text, data = frames_of(path)
    outside = re.findall(r"""(?:src|href)\s*=\s*["']?[^"'\s>]+|@import|url\(\s*["']?http""", text)
    assert outside == []
    assert set(re.findall(r"https?://[^\s\"'<\\]+", text)) <= {"http://www.w3.org/2000/svg"}
    assert len(data) == sweep.n_steps + 1
    for k, (frame, st) in enumerate(zip(data, sweep.states())):
        assert f'data-step="{k}"' in frame["svg"]
        assert frame["caption"] == labels.html(st.caption)
        step = st.step
        assert frame["rule"] == ("" if step is None else labels.html(step.rule))
        assert frame["numbers"] == ("" if step is None else labels.html(step.numbers))
        marked = re.findall(r'<tr class="current[^"]*">(.*?)</tr>', frame["rows"])
        if st.current is None:
            assert marked == []
        else:
            assert marked and marked[0].startswith(f"<td>{labels.html(F.nodes[st.current].label)}")
    assert data[5]["rule"] == labels.html("w̄⁰₁ += w̄¹₂·cos(w⁰₁)")   # the fan-out's second part
    assert labels.html("reverse mode (adjoints), seed w̄² = 1") in text
    assert "x1*x2 + sin(x1)" in text                   # the title: the expression
    assert "</script>" not in re.search(r'id="frames">(.*?)</script>', text, re.S).group(1)


def test_export_of_a_forward_sweep_names_its_seed(tmp_path):
    path = viz.export_html(examples.Y.graph().forward(), tmp_path / "y.html", title="y = sin(x²+1)")
    text, data = frames_of(path)
    assert "forward mode (tangents), seed ẋ = 1" in text and "<title>y = sin(x²+1)</title>" in text
    assert "<th>tangent ẇ</th>" in text and len(data) == 5


@pytest.mark.browser
def test_export_steps_in_a_browser(page, console_errors, screenshot_dir, tmp_path):
    sweep = F.reverse()
    path = viz.export_html(sweep, tmp_path / "f_reverse.html", edge_labels=True)
    page.goto(path.as_uri())

    def shown():
        return {"step": page.locator("#figure svg").get_attribute("data-step"),
                "caption": page.locator("#caption").inner_text(),
                "row": page.locator("#rows tr.current td").first.inner_text()
                if page.locator("#rows tr.current").count() else None,
                "rule": page.locator("#numbers").inner_text(),
                "counter": page.locator("#counter").inner_text()}

    assert shown()["step"] == "0" and shown()["caption"].startswith("step 0 of 5")
    assert page.locator("#prev").is_disabled() and shown()["row"] is None
    page.click("#next")
    now = shown()
    assert now["step"] == "1" and now["counter"] == "1 / 5"
    assert now["caption"].startswith("step 1 of 5: adjoint contribution")
    assert now["row"].replace("\n", "") == "w11"          # w̄¹₁ receives; scripts stacked
    assert now["rule"].replace("\n", "").startswith("w̄11 += 1")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert shown()["step"] == "3" and shown()["row"].replace("\n", "") == "w01"
    page.keyboard.press("ArrowLeft")
    assert shown()["step"] == "2"
    page.click("#last")
    last = shown()
    assert last["step"] == "5" and page.locator("#next").is_disabled()
    assert "= −0.416147" in last["rule"]
    assert page.locator('#figure g[data-status="current"]').count() == 1   # the one edge
    page.screenshot(path=str(screenshot_dir / "export_f_reverse_last.png"), full_page=True)
    page.click("#first")
    page.click("#play")
    page.wait_for_function("document.body.getAttribute('data-step') === '2'", timeout=10_000)
    assert page.locator("#play").inner_text().startswith("Pause")
    page.click("#play")
    assert page.locator("#play").inner_text().startswith("Play")
    page.locator("#slider").fill("4")
    assert shown()["step"] == "4"
    assert console_errors == []


def test_frame_data_survives_markup_in_labels(tmp_path):
    # a node named like an HTML comment must not end the script or break its JSON
    g = trace("sin(x**2 + 1)", x=1.5, names={"w1": "a<!--b</script>"})
    page = viz.export_html(g.forward("x"), tmp_path / "odd.html").read_text(encoding="utf-8")
    script = re.search(r'<script type="application/json" id="frames">(.*?)</script>', page, re.S)
    frames = json.loads(script.group(1))
    assert len(frames) == 5
    assert "<!--" not in script.group(1) and "</" not in script.group(1)
