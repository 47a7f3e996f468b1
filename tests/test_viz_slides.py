"""Slides: one self-contained SVG 1.1 per state that any slide program can open as it is.

Each slide is parsed as XML and read back: the caption, the rule and its numbers and
the note are there as text (the story's own words), every node is drawn, the legend
is there, nothing refers outside the file, and no text is smaller than 24 px on a
1920×1080 slide for the lessons' running examples.
"""

import re
import xml.etree.ElementTree as ET

import pytest

from autodiff_core import examples, story, trace
from autodiff_core.viz import style
from autodiff_core.viz.labels import runs
from autodiff_core.viz.slides import MIN_FONT, SVG_NS, name, scale_of, slides

NS = {"s": SVG_NS}


def plain(text: str) -> str:
    """Display text as the SVG spells it: super- and subscripts as their plain digits in tspans."""
    return "".join(run[0] for run in runs(text))  # marks over a letter are drawn, not written


def text_of(el) -> str:
    return "".join(el.itertext())


def sweeps():
    for e in (examples.F, examples.Y):
        g = e.graph()
        yield f"{e.key}-evaluate", g.evaluate(), "LR"
        yield f"{e.key}-forward", g.forward(g.input_names[0]), "LR"
        yield f"{e.key}-reverse", g.reverse(), "LR"
    yield "neuron-reverse-TB", examples.NEURON.graph().reverse(), "TB"  # tall: the words go beside it


@pytest.mark.parametrize("key, sweep, direction", list(sweeps()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_slide_has_everything(key, sweep, direction):
    made = slides(sweep, direction=direction)
    assert list(made) == [name(k, sweep.n_steps) for k in range(sweep.n_steps + 1)] == sorted(made)
    for state, (file, text) in zip(sweep.states(), made.items()):
        assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
        root = ET.fromstring(text)
        assert root.tag == f"{{{SVG_NS}}}svg" and root.get("version") == "1.1"
        assert (root.get("width"), root.get("height"), root.get("viewBox")) == ("1920", "1080", "0 0 1920 1080")
        # self-contained, plain SVG 1.1: no CSS, no variables, no links, no HTML inside
        assert not re.search(r"<style|var\(|url\(|href=|@import|<foreignObject|<image|<script", text)
        lines = [text_of(t) for t in root.findall("s:text", NS)]  # the slide's own lines, outside the drawing
        words = story.texts(sweep, state)
        for field in ("caption", "rule", "numbers", "note"):
            if words[field]:
                assert plain(words[field]) in " ".join(lines), (file, field)
        drawn = text_of(root.find("s:g", NS))
        for node in sweep.graph.nodes:
            assert plain(node.label) in drawn
        for _, legend_words in style.legend_items(sweep.kind):
            assert plain(legend_words) in drawn
        assert "data-" not in text  # the player's hooks are not the slide's business


def effective_sizes(root):
    """(px at 1080p, text) of every text run that is not a sub- or superscript."""
    out = []

    def walk(el, size, scale):
        size = float(el.get("font-size", size))
        transform = el.get("transform", "")
        if "scale(" in transform:
            scale *= float(transform.rpartition("scale(")[2].rstrip(")"))
        if el.tag in (f"{{{SVG_NS}}}text", f"{{{SVG_NS}}}tspan") and (el.text or "").strip():
            if not (el.tag.endswith("tspan") and el.get("font-size")):  # scripts are set smaller on purpose
                out.append((size * scale, el.text))
        for child in el:
            walk(child, size, scale)

    walk(root, 16, 1.0)
    return out


@pytest.mark.parametrize("e", [examples.F, examples.Y], ids=lambda e: e.key)
@pytest.mark.parametrize("mode", ["forward", "reverse"])
def test_text_is_large_enough_for_a_room(e, mode):
    g = e.graph()
    sweep = g.forward(g.input_names[0]) if mode == "forward" else g.reverse()
    for text in slides(sweep).values():
        sizes = effective_sizes(ET.fromstring(text))
        assert sizes and min(size for size, _ in sizes) >= MIN_FONT, min(sizes)


def test_user_text_is_escaped_and_long_text_wraps():
    sweep = trace("x*y", x=2.0, y=3.0).forward("x")
    title = "<b>A & B</b> " + "a long heading with many words " * 6
    text = next(iter(slides(sweep, title=title).values()))
    root = ET.fromstring(text)  # still well-formed XML
    lines = [text_of(t) for t in root.findall("s:text", NS)]
    assert lines[0].startswith("<b>A & B</b>") and "<b>" not in text
    heading = [t for t in root.findall("s:text", NS) if t.get("font-weight") == "bold"]
    assert len(heading) >= 3  # the heading took two lines or more, and the caption one
    assert all(float(t.get("font-size")) >= MIN_FONT for t in root.findall("s:text", NS))


def test_a_tall_drawing_gets_the_words_beside_it():
    sweep = examples.NEURON.graph().reverse()
    wide, tall = slides(sweep)["step-003.svg"], slides(sweep, direction="TB")["step-003.svg"]
    assert scale_of(tall) > 0.95  # under the drawing, the words would leave it 0.58
    caption = [t for t in ET.fromstring(tall).findall("s:text", NS) if text_of(t).startswith("step 3 of")][0]
    assert float(caption.get("x")) > 1000  # in the column on the right
    assert float(next(t for t in ET.fromstring(wide).findall("s:text", NS) if "step 3 of" in text_of(t)).get("x")) < 100


def test_names_sort_as_the_steps_do():
    assert name(0, 5) == "step-000.svg" and name(12, 999) == "step-012.svg"
    assert name(1000, 1200) == "step-1000.svg" and name(7, 1200) == "step-0007.svg"


def test_slides_take_a_sweep():
    with pytest.raises(TypeError, match="takes a sweep"):
        slides(trace("x*y", x=2.0, y=3.0))
