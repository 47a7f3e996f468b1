"""How drawings look: fonts, sizes, the colour scheme of each sweep, the legend, text widths.

One scheme per sweep kind (:data:`autodiff_core.modes.MODES`: its title and colour key)
and theme (light, dark), after the Okabe–Ito colours: evaluation green, forward mode
(tangents ẇ) blue, reverse mode (adjoints w̄) vermilion, darkened until every text passes
WCAG AA on what is behind it and kept apart under deuteranopia. Both renderers (SVG,
graphviz), the lessons' plots and the player's ``drawing.css`` read this module.
"""

from dataclasses import dataclass

from ..modes import MODES

FONT_FAMILY = "'DejaVu Sans', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif"
FONT_NAME = "DejaVu Sans"  # for graphviz and matplotlib
FONT = 14  # node rows, px
HEADER_FONT = 14  # the operation / input variable, bold
SCRIPT = 0.72  # super/subscript size relative to the text around it
EDGE_FONT = 11.5
LEGEND_FONT = 12

PAD = 8  # inner horizontal padding of a node box
HEADER_PAD = 22  # from a header to its box's sides (the finished tick sits on the right)
HEADER_H = 23  # the band holding the operation
ROW_H = 19
BOX_MIN_W = 104
RADIUS = 6
RANK_GAP = 62  # between levels: with edge labels, or while the drawing keeps within FIT
RANK_GAP_MIN = 30  # as close as levels come to keep a long drawing within FIT
FIT = 1060  # px along the levels a drawing keeps within where it can (a notebook at 1280×720)
NODE_GAP = 22  # between nodes of one level
MARGIN = 14
ARROW = 9  # arrowhead length
LEGEND_H = 34
LEGEND_W = 480  # a drawing with a legend is at least this wide inside its margins
NUMBER_ROOM = "−0.000123457"  # a wide number: room where a graph's own numbers are not measured
NUMBER_FLOOR = "−0.123456"  # a row's room for any number from 0.1 up: a sign and six digits
PARTIAL = "…"  # after a running sum in reverse mode: more contributions are to come


@dataclass(frozen=True)
class Neutrals:
    """The colours of a theme that no sweep kind changes."""

    bg: str  # the drawing's background and a plain node's fill
    fg: str  # text
    muted: str  # secondary text (the step-0 hint, counters)
    unknown: str  # "?", a quantity not yet known
    border: str  # a node's border
    edge: str  # an edge not used yet
    header_fill: str  # a node's header band
    panel: str  # the player's caption area and table header
    label_ink: str  # an edge label's text
    label_border: str  # an edge label's box (decoration: the text carries the label)


LIGHT = Neutrals(
    "#ffffff", "#1f2328", "#57606a", "#656d76", "#7d8590", "#7d8590", "#eef1f4", "#f6f8fa", "#3d444d", "#d0d7de"
)
DARK = Neutrals(
    "#0d1117", "#e6edf3", "#9198a1", "#9198a1", "#768390", "#768390", "#262c36", "#161b22", "#c9d1d9", "#3d444d"
)
THEMES = {"light": LIGHT, "dark": DARK}

# the light theme's names, as the SVG writes them (the player's CSS may restyle them)
INK = LIGHT.fg
MUTED = LIGHT.muted
UNKNOWN = LIGHT.unknown
BORDER = LIGHT.border
EDGE = LIGHT.edge
HEADER_FILL = LIGHT.header_fill
BACKGROUND = LIGHT.bg


@dataclass(frozen=True)
class Scheme:
    """The colours and words of one kind of sweep."""

    kind: str
    title: str  # legend title
    ink: str  # strong: current node border, current edges, quantity text
    tint: str  # fill of finished nodes
    strong_tint: str  # fill of the current node
    done_edge: str  # edges whose contribution has been used


GRAPH_TITLE = "computation graph"  # a bare graph's legend; a sweep's is its mode's title
# (ink, strong tint, tint, done edge) per colour key (modes.Mode.colours) and theme: every text ≥ 4.5:1 on what is
# behind it, every edge and border ≥ 3:1, and the three inks apart under deuteranopia
# (tests/test_viz_colours.py computes each ratio)
_COLOURS = {
    "light": {
        "evaluate": ("#0e4030", "#c6e9d8", "#e8f5ee", "#4d9475"),
        "forward": ("#0b4f86", "#cce1f5", "#e9f2fb", "#4f86bd"),
        "reverse": ("#b83c0f", "#fde2d4", "#fef1ea", "#d86a3a"),
    },
    "dark": {
        "evaluate": ("#4fe3b8", "#0b2e22", "#0d241b", "#2f8a66"),
        "forward": ("#79b8ff", "#143a5e", "#0f2236", "#3b78b8"),
        "reverse": ("#ff8f40", "#4a2410", "#2b1a10", "#b8623a"),
    },
}


def _schemes(theme: str) -> dict:
    n = THEMES[theme]
    out = {"graph": Scheme("graph", GRAPH_TITLE, n.fg, n.bg, n.bg, n.edge)}
    for kind, m in MODES.items():
        ink, strong, tint, done = _COLOURS[theme][m.colours]
        out[kind] = Scheme(kind, m.title, ink, tint, strong, done)
    return out


SCHEMES = _schemes("light")
DARK_SCHEMES = _schemes("dark")


def scheme(kind: str, theme: str = "light") -> Scheme:
    return (DARK_SCHEMES if theme == "dark" else SCHEMES)[kind]


#: What memory does with a value in checkpointed reverse mode, drawn on its node: a checkpoint
#: held (a ribbon and a bar in ``stored``), a value recomputed and held (an arrow going round and
#: a bar in ``recomputed``); a value no longer held (dropped or freed) has its number struck
#: through in the theme's muted colour and a dotted border. Both ≥ 3:1 on every fill of a node
#: and apart from reverse mode's ink and each other under deuteranopia and protanopia
#: (tests/test_viz_colours.py).
MEMORY_COLOURS = {
    "light": {"stored": "#0b4f86", "recomputed": "#0e6e5c"},
    "dark": {"stored": "#79b8ff", "recomputed": "#4fe3b8"},
}
FREED_DASH = "2 3"  # the border of a node whose value is no longer held


def memory_colour(status: str, theme: str = "light") -> str:
    """The colour of a held value's marks: ``stored`` or ``recomputed``."""
    return MEMORY_COLOURS[theme][status]


# -- marks drawn over a letter (marks.split says which), in em of the text's size ---------
MARK_BASE = 0.80  # the top of a lowercase letter's own mark (ŷ, w̄ in DejaVu Sans: 0.75–0.80)
MARK_GAP = 0.16  # from there to the middle of a level-1 mark
MARK_STEP = 0.21  # between stacked marks (a tall letter's own mark takes one level: Ŷ, θ̂)
ASCENT = 0.93  # the top of a line's content area (DejaVu: 0.928), where HTML measures from
BAR_THICK = 0.075
BAR_INSET = 0.1  # a bar stops short of the letter's sides
DOT_R = 0.075


def mark_height(level: int) -> float:
    """The middle of a drawn mark of this level, in em above the baseline."""
    return MARK_BASE + MARK_GAP + (level - 1) * MARK_STEP


#: The same geometry for HTML: ``labels.html`` writes ``<span class="adm">ŷ<span
#: class="adm-m adm-bar adm-k1"></span></span>``; a mark's box is placed from the top of
#: the letter's content area (ASCENT above the baseline), its middle at mark_height(k).
#: (``span.``: the SVG's marks share the class names, and CSS ``height`` would resize a rect.)
MARK_RULES = (
    (".adm", "position: relative"),
    (".adm-m", "position: absolute; pointer-events: none"),
    (
        "span.adm-bar",
        f"left: {BAR_INSET}em; right: {BAR_INSET}em; height: 0; "
        f"border-top: {BAR_THICK}em solid currentColor; margin-top: -{BAR_THICK / 2:.4f}em",
    ),
    (
        "span.adm-dot",
        f"left: 50%; width: {2 * DOT_R}em; height: {2 * DOT_R}em; margin-left: -{DOT_R}em; "
        f"margin-top: -{DOT_R}em; border-radius: 50%; background: currentColor",
    ),
    ("span.adm-glyph", "left: 0; right: 0; text-align: center; line-height: 1; margin-top: -0.62em"),
    *((f"span.adm-k{k}", f"top: {ASCENT - mark_height(k):.3f}em") for k in range(1, 5)),
)
MARKS_CSS = " ".join(f"{sel} {{ {decl}; }}" for sel, decl in MARK_RULES)


def legend_items(kind: str) -> list[tuple[str, str]]:
    """(swatch, words) pairs of the legend of a drawing of this kind."""
    if kind == "graph":
        return [("output", "output")]
    m = MODES[kind]
    if m.memory:
        return [
            ("current", "now"),
            ("read", "read"),
            ("edge", "flows along"),
            ("stored", "checkpoint, held"),
            ("recomputed", "recomputed, held"),
            ("freed", "not held"),
            ("final", "adjoint known"),
            ("unknown", "not yet known"),
            ("output", "output"),
        ]
    current = "receives now" if m.running_sum else "computed now"
    edge = "w̄ flows back along" if m.back else "edge read now"
    partial = [("partial", "running sum, more to come")] if m.running_sum else []
    return [
        ("current", current),
        ("read", "read"),
        ("edge", edge),
        *partial,
        ("final", "finished"),
        ("unknown", "not yet known"),
        ("output", "output"),
    ]


# Advance widths of DejaVu Sans (em units); unknown characters count as 0.7 em.
_CHARS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ −·×÷∂…σ√∞→←"
_WIDTHS = [0.636] * 10 + [
    0.613,
    0.635,
    0.55,
    0.635,
    0.615,
    0.352,
    0.635,
    0.634,
    0.278,
    0.278,
    0.579,
    0.278,
    0.974,
    0.634,
    0.612,
    0.635,
    0.635,
    0.411,
    0.521,
    0.392,
    0.634,
    0.592,
    0.818,
    0.592,
    0.592,
    0.525,
    0.684,
    0.686,
    0.698,
    0.77,
    0.632,
    0.575,
    0.775,
    0.752,
    0.295,
    0.295,
    0.656,
    0.557,
    0.863,
    0.748,
    0.787,
    0.603,
    0.787,
    0.695,
    0.635,
    0.611,
    0.732,
    0.684,
    0.989,
    0.685,
    0.611,
    0.685,
    0.401,
    0.46,
    0.838,
    0.636,
    0.95,
    0.78,
    0.275,
    0.39,
    0.39,
    0.5,
    0.838,
    0.318,
    0.361,
    0.318,
    0.337,
    0.337,
    0.337,
    0.838,
    0.838,
    0.838,
    0.531,
    1.0,
    0.39,
    0.337,
    0.39,
    0.838,
    0.5,
    0.5,
    0.636,
    0.337,
    0.636,
    0.838,
    0.318,
    0.838,
    0.318,
    0.838,
    0.838,
    0.517,
    1.0,
    0.634,
    0.637,
    0.833,
    0.838,
    0.838,
]
WIDTH = dict(zip(_CHARS, _WIDTHS))
assert len(_CHARS) == len(_WIDTHS)


def char_width(c: str) -> float:
    """Advance of one character in em; combining marks take no room."""
    w = WIDTH.get(c)
    if w is not None:
        return w
    return 0.0 if 0x0300 <= ord(c) <= 0x036F else 0.7


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in px of plain text (generous: DejaVu is a wide font)."""
    return sum(map(char_width, text)) * size * (1.1 if bold else 1.0)
