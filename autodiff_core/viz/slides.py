"""A sweep as slides: one self-contained 16:9 SVG per step, readable from the back of a room.

Each slide is the frame the player shows at that step (the drawing from
:class:`~.svg_render.Renderer`, legend included), scaled to fill the slide, with
the title, the caption, the rule, the rule with its numbers and the step's note
beneath, in type of at least :data:`MIN_FONT` px on a 1920×1080 slide. Plain SVG 1.1:
text stays text (in the drawings' font stack, no web font), colours are attributes
(no CSS, no variables), nothing is linked, so PowerPoint, Keynote and browsers open
it as it is; Beamer and Google Slides after a conversion (``rsvg-convert -f pdf`` /
``-f png``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..story import texts
from . import labels, style
from .geometry import Layout, check_size, layout as make_layout
from .labels import escape
from .svg_parts import fmt, markup, marks
from .svg_render import Renderer

SVG_NS = "http://www.w3.org/2000/svg"
WIDTH, HEIGHT = 1920, 1080  # a 16:9 slide at 1080p: a slide program scales it as a whole
MARGIN = 64
MIN_FONT = 24  # px at 1080p: no text on a slide is smaller (sub- and superscripts aside)
TITLE_FONT, SUBTITLE_FONT = 46, 30
CAPTION_FONT, RULE_FONT, NOTE_FONT = 36, 40, 30
MAX_SCALE = 3.0  # a five-node graph would otherwise fill the slide with boxes
SIDE_COLUMN = 0.36  # of the width, for the words beside a tall drawing

ET.register_namespace("", SVG_NS)


def name(k: int, n_steps: int) -> str:
    """The file name of step k's slide: ``step-000.svg``, ..., sorted as the steps are."""
    return f"step-{k:0{max(3, len(str(n_steps)))}d}.svg"


def slides(
    sweep, *, direction: str = "LR", edge_labels: bool = False, title: str | None = None, layout: Layout | None = None
) -> dict[str, str]:
    """``{file name: SVG text}`` for every state 0..n_steps of a sweep, in step order."""
    if not (hasattr(sweep, "states") and hasattr(sweep, "n_steps")):
        raise TypeError(f"slides() takes a sweep (graph.forward(...), ...), got {type(sweep).__name__}")
    g = sweep.graph
    check_size(g)
    lay = layout or make_layout(g, direction, edge_labels=edge_labels)
    r = Renderer(g, lay, sweep.kind, edge_labels)
    heading = title or g.source or "computation graph"
    return {name(st.k, sweep.n_steps): slide(r, st, texts(sweep, st), heading) for st in sweep.states()}


def slide(renderer: Renderer, state, words: dict, title: str) -> str:
    """One slide: ``words`` holds the state's caption, rule, numbers and note (plain text).
    The words go under the drawing, or beside it when that draws it larger (a tall graph)."""
    scheme = style.scheme(renderer.kind)
    width = WIDTH - 2 * MARGIN
    top = [_lines(title, TITLE_FONT, width, bold=True), _lines(scheme.title, SUBTITLE_FONT, width)]
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<svg xmlns="{SVG_NS}" version="1.1" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'font-family="{escape(style.FONT_FAMILY)}" fill="{style.INK}">',
        f"<title>{escape(title)}: {escape(words['caption'])}</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{style.BACKGROUND}"/>',
    ]
    y = MARGIN
    for block, (colour, bold) in zip(top, [(style.INK, True), (style.MUTED, False)]):
        y = _write(out, block, y, colour, bold, MARGIN)
    y += 18
    free = HEIGHT - MARGIN - y
    under = _blocks(words, width)
    below = sum(_height(b) for b in under) + 24
    column = width * SIDE_COLUMN
    beside = _blocks(words, column)
    stacked = (MARGIN, y, width, free - below)
    side = (MARGIN, y, width - column - 40, free)
    if _scale(renderer, side) > 1.15 * _scale(renderer, stacked) and sum(_height(b) for b in beside) <= free:
        out.append(drawing(renderer, state, side))
        blocks, x, y = beside, WIDTH - MARGIN - column, y + 12
    else:
        out.append(drawing(renderer, state, stacked))
        blocks, x, y = under, MARGIN, HEIGHT - MARGIN - below + 24
    for block, colour, bold in zip(
        blocks, (scheme.ink, style.INK, scheme.ink, style.MUTED), (True, False, True, False)
    ):
        y = _write(out, block, y, colour, bold, x)
    out.append("</svg>\n")
    return "".join(out)


def _blocks(words: dict, width: float) -> list:
    """The caption, the rule, its numbers and the note, each fitted to ``width``."""
    return [
        _lines(words["caption"], CAPTION_FONT, width, bold=True),
        _lines(words["rule"], RULE_FONT, width),
        _lines(words["numbers"], RULE_FONT, width),
        _lines(words["note"], NOTE_FONT, width),
    ]


def _scale(renderer: Renderer, box) -> float:
    return min(box[2] / renderer.width, box[3] / renderer.height, MAX_SCALE)


def drawing(renderer: Renderer, state, box) -> str:
    """The renderer's frame of ``state`` as one group, scaled to fit ``box`` (x, y, w, h)
    and centred in it; the player's ``data-*`` hooks and the tooltip title dropped."""
    root = ET.fromstring(renderer.render(state))
    x, y, w, h = box
    scale = _scale(renderer, box)
    dx = x + (w - renderer.width * scale) / 2
    dy = y + (h - renderer.height * scale) / 2
    group = ET.Element(
        f"{{{SVG_NS}}}g",
        {
            "transform": f"translate({fmt(dx)},{fmt(dy)}) scale({scale:.4f})",
            "font-size": root.get("font-size", str(style.FONT)),
        },
    )
    for child in root:
        if child.tag != f"{{{SVG_NS}}}title":
            group.append(child)
    for el in group.iter():
        for key in [k for k in el.attrib if k.startswith("data-")]:
            del el.attrib[key]
    return ET.tostring(group, encoding="unicode").replace(f' xmlns="{SVG_NS}"', "", 1)


def scale_of(svg_text: str) -> float:
    """The drawing's scale on a slide (for tests and for telling the user)."""
    group = ET.fromstring(svg_text).find(f"{{{SVG_NS}}}g")
    return float(group.get("transform").rpartition("scale(")[2].rstrip(")"))


# -- text: shrunk to fit, down to MIN_FONT, then wrapped at spaces ---------------------------------
def _lines(text: str, size: float, width: float, bold: bool = False) -> tuple[float, list[str]]:
    if not text:
        return size, []
    while size > MIN_FONT and labels.width(text, size, bold) > width:
        size -= 2
    size = max(size, MIN_FONT)
    lines, line = [], ""
    for word in text.split(" "):
        trial = f"{line} {word}" if line else word
        if line and labels.width(trial, size, bold) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return size, lines + [line]


def _height(block) -> float:
    size, lines = block
    return size * 1.3 * len(lines) + (10 if lines else 0)


def _write(out: list, block, y: float, colour: str, bold: bool, x: float) -> float:
    """Lines of text from y down, each with the marks the font is not trusted with (an
    adjoint's bar over ŷ) drawn as shapes; returns the y below them."""
    size, lines = block
    weight = ' font-weight="bold"' if bold else ""
    for line in lines:
        y += size * 1.3
        base = y - size * 0.3
        out.append(
            f'<text x="{fmt(x)}" y="{fmt(base)}" font-size="{size}"{weight} fill="{colour}">{markup(line, size)}</text>'
        )
        # the marks' places are measured on regular type; bold type is wider by about this much
        wider = labels.width(line, size, True) / max(labels.width(line, size), 1.0) if bold else 1.0
        out.append(marks(line, size, x, base, fill=colour, cls="slide-text", scale=wider))
    return y + (10 if lines else 0)
