"""How drawings look: fonts, sizes, the colour scheme of each sweep, the legend, text widths.

One scheme per sweep kind (Okabe–Ito colours, safe for colour-blind readers):
evaluation green, forward mode (tangents ẇ) blue, reverse mode (adjoints w̄)
vermilion. Every renderer (SVG, graphviz, matplotlib) reads this module.
"""

from dataclasses import dataclass

FONT_FAMILY = "'DejaVu Sans', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif"
FONT_NAME = "DejaVu Sans"  # for graphviz and matplotlib
FONT = 14  # node rows, px
HEADER_FONT = 14  # the operation / input variable, bold
SCRIPT = 0.72  # super/subscript size relative to the text around it
EDGE_FONT = 11.5
LEGEND_FONT = 12

PAD = 10  # inner horizontal padding of a node box
HEADER_H = 23  # the band holding the operation
ROW_H = 19
BOX_MIN_W = 104
RADIUS = 6
RANK_GAP = 62  # between levels, without edge labels
NODE_GAP = 22  # between nodes of one level
MARGIN = 14
ARROW = 9  # arrowhead length
LEGEND_H = 34
NUMBER_ROOM = "−0.000123457"  # the widest number a box reserves room for

INK = "#1f2328"
MUTED = "#6e7781"
UNKNOWN = "#8c959f"
BORDER = "#8c959f"
EDGE = "#9aa3ad"
HEADER_FILL = "#eef1f4"
BACKGROUND = "#ffffff"


@dataclass(frozen=True)
class Scheme:
    """The colours and words of one kind of sweep."""

    kind: str
    title: str  # legend title
    ink: str  # strong: current node border, current edges, quantity text
    tint: str  # fill of finished nodes
    strong_tint: str  # fill of the current node
    done_edge: str  # edges whose contribution has been used


SCHEMES = {
    "graph": Scheme("graph", "computation graph", INK, "#ffffff", "#ffffff", EDGE),
    "evaluate": Scheme("evaluate", "evaluation: values w", "#00785a", "#e3f3ec", "#bfe6d5", "#7fbfa6"),
    "forward": Scheme("forward", "forward mode: tangents ẇ", "#0565a8", "#e4f0fa", "#c3ddf3", "#84b5da"),
    "reverse": Scheme("reverse", "reverse mode: adjoints w̄", "#c0440b", "#fcebe2", "#f8ceb8", "#e8a47f"),
}


def scheme(kind: str) -> Scheme:
    return SCHEMES[kind]


def legend_items(kind: str) -> list[tuple[str, str]]:
    """(swatch, words) pairs of the legend of a drawing of this kind."""
    if kind == "graph":
        return [("output", "output")]
    current = {"evaluate": "computed now", "forward": "computed now", "reverse": "receives now"}[kind]
    edge = "edge read now" if kind != "reverse" else "w̄ flows back along"
    return [
        ("current", current),
        ("read", "read"),
        ("edge", edge),
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
