"""The colours of viz/style.py, computed: WCAG 2.1 AA contrast and colour-blind safety.

Every text is ≥ 4.5:1 against what is behind it, every edge, border and other mark
that carries meaning ≥ 3:1, in both themes, all three sweep kinds and every node state
(issue 23, item 5). The three kinds' inks stay apart under deuteranopia and
protanopia: simulated with the matrices of Machado, Oliveira and Fernandes (2009,
severity 1) on linear RGB and compared with CIEDE2000. The oracles are written here
from the standards, not taken from the package. The player's drawing.css is checked to
carry exactly these colours.
"""

import math

import pytest

from autodiff_core.player import asset, theme
from autodiff_core.viz import style

THEMES = ("light", "dark")
KINDS = ("evaluate", "forward", "reverse")


def _linear(hex_colour: str) -> list[float]:
    h = hex_colour.lstrip("#")
    out = []
    for i in (0, 2, 4):
        c = int(h[i : i + 2], 16) / 255
        out.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return out


def luminance(hex_colour: str) -> float:
    r, g, b = _linear(hex_colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


MACHADO = {
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
}


def _lab(rgb) -> tuple:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def simulated(hex_colour: str, kind: str) -> tuple:
    m = MACHADO[kind]
    v = _linear(hex_colour)
    return _lab([min(1.0, max(0.0, sum(m[i][j] * v[j] for j in range(3)))) for i in range(3)])


def ciede2000(lab1, lab2) -> float:
    L1, a1, b1 = lab1
    L2, a2, b2 = lab2
    cbar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(cbar**7 / (cbar**7 + 25**7)))
    a1, a2 = a1 * (1 + g), a2 * (1 + g)
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1, h2 = math.degrees(math.atan2(b1, a1)) % 360, math.degrees(math.atan2(b2, a2)) % 360
    dl, dc = L2 - L1, c2 - c1
    dh = 0.0 if c1 * c2 == 0 else (h2 - h1 + 180) % 360 - 180
    dH = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    lbar, cbar2 = (L1 + L2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        hbar = h1 + h2
    elif abs(h1 - h2) <= 180:
        hbar = (h1 + h2) / 2
    else:
        hbar = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(hbar - 30))
        + 0.24 * math.cos(math.radians(2 * hbar))
        + 0.32 * math.cos(math.radians(3 * hbar + 6))
        - 0.20 * math.cos(math.radians(4 * hbar - 63))
    )
    rt = (
        -2
        * math.sqrt(cbar2**7 / (cbar2**7 + 25**7))
        * math.sin(math.radians(60 * math.exp(-(((hbar - 275) / 25) ** 2))))
    )
    sl = 1 + 0.015 * (lbar - 50) ** 2 / math.sqrt(20 + (lbar - 50) ** 2)
    sc, sh = 1 + 0.045 * cbar2, 1 + 0.015 * cbar2 * t
    return math.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dH / sh) ** 2 + rt * (dc / sc) * (dH / sh))


def test_the_oracles_match_published_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # WCAG's classic AA grey
    # Sharma, Wu and Dalal (2005), CIEDE2000 test data, pair 1
    assert ciede2000((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert simulated("#ffffff", "deuteranopia") == pytest.approx(_lab([1.0, 1.0, 1.0]), abs=0.5)


def pairs(theme_name: str):
    """(what, foreground, background, minimum ratio) for every text and mark the drawing shows."""
    n = style.THEMES[theme_name]
    out = [
        ("text on a node", n.fg, n.bg, 4.5),
        ("text on a header band", n.fg, n.header_fill, 4.5),
        ("text on the caption panel", n.fg, n.panel, 4.5),
        ("muted text (the step-0 hint)", n.muted, n.bg, 4.5),
        ("muted text on the panel", n.muted, n.panel, 4.5),
        ("'?' not yet known", n.unknown, n.bg, 4.5),
        ("an edge label", n.label_ink, n.bg, 4.5),
        ("a node's border", n.border, n.bg, 3.0),
        ("an edge not used yet", n.edge, n.bg, 3.0),
        ("an output's ring", n.fg, n.bg, 3.0),
    ]
    for kind in KINDS:
        s = style.scheme(kind, theme_name)
        out += [
            (f"{kind}: quantity on a plain or read node", s.ink, n.bg, 4.5),
            (f"{kind}: quantity on the current node", s.ink, s.strong_tint, 4.5),
            (f"{kind}: quantity on a finished node", s.ink, s.tint, 4.5),
            (f"{kind}: names on the current node", n.fg, s.strong_tint, 4.5),
            (f"{kind}: names on a finished node", n.fg, s.tint, 4.5),
            (f"{kind}: the current header's text", n.bg, s.ink, 4.5),
            (f"{kind}: the legend's title and a current edge label", s.ink, n.bg, 4.5),
            (f"{kind}: the current node's border and edges", s.ink, n.bg, 3.0),
            (f"{kind}: an edge already used", s.done_edge, n.bg, 3.0),
            (f"{kind}: a finished node's tick", n.bg, s.ink, 3.0),
        ]
    s = style.scheme("checkpoint", theme_name)  # checkpointed reverse mode: what memory holds
    for status, colour in style.MEMORY_COLOURS[theme_name].items():
        out += [
            (f"{status}: its bar on a plain node", colour, n.bg, 3.0),
            (f"{status}: its bar on a finished node", colour, s.tint, 3.0),
            (f"{status}: its bar on the current node", colour, s.strong_tint, 3.0),
            (f"{status}: its mark on a header band", colour, n.header_fill, 3.0),
        ]
    out += [
        ("a value no longer held, on a plain node", n.muted, n.bg, 4.5),
        ("a value no longer held, on a finished node", n.muted, s.tint, 4.5),
        ("a value no longer held, on the current node", n.muted, s.strong_tint, 4.5),
        ("a held value's mark on the current header", n.bg, s.ink, 3.0),
    ]
    return out


@pytest.mark.parametrize("theme_name", THEMES)
def test_every_text_and_mark_passes_wcag_aa(theme_name):
    failing = [
        f"{what}: {fg} on {bg} is {contrast(fg, bg):.2f}:1, needs {need}"
        for what, fg, bg, need in pairs(theme_name)
        if contrast(fg, bg) < need
    ]
    assert failing == []


@pytest.mark.parametrize("theme_name", THEMES)
@pytest.mark.parametrize("deficiency, apart", [("deuteranopia", 20), ("protanopia", 15)])
def test_the_three_kinds_stay_apart_for_colour_blind_readers(theme_name, deficiency, apart):
    """ΔE2000 of 10 is a large difference; 20 (deuteranopia, the common one) and 15."""
    inks = {kind: style.scheme(kind, theme_name).ink for kind in KINDS}
    for a, b in (("evaluate", "forward"), ("evaluate", "reverse"), ("forward", "reverse")):
        seen = ciede2000(simulated(inks[a], deficiency), simulated(inks[b], deficiency))
        assert seen >= apart, f"{a} and {b} under {deficiency}: ΔE2000 {seen:.1f}"


@pytest.mark.parametrize("theme_name", THEMES)
@pytest.mark.parametrize("deficiency, apart", [("deuteranopia", 20), ("protanopia", 15)])
def test_what_memory_holds_stays_apart_from_the_adjoints_ink(theme_name, deficiency, apart):
    """A checkpoint's colour, a recomputed value's and reverse mode's ink (the current node)."""
    inks = dict(style.MEMORY_COLOURS[theme_name], adjoint=style.scheme("checkpoint", theme_name).ink)
    for a, b in (("stored", "recomputed"), ("stored", "adjoint"), ("recomputed", "adjoint")):
        seen = ciede2000(simulated(inks[a], deficiency), simulated(inks[b], deficiency))
        assert seen >= apart, f"{a} and {b} under {deficiency}: ΔE2000 {seen:.1f}"


def test_drawing_css_carries_these_colours():
    assert asset("drawing.css") == theme.css(), (
        "run: python -m autodiff_core.player.theme > autodiff_core/player/drawing.css"
    )
    text = asset("drawing.css")
    for theme_name in THEMES:
        for kind in (None, *KINDS, "checkpoint"):
            for name, colour in theme.variables(theme_name, kind).items():
                assert f"--adstep-{name}: {colour};" in text
    assert ".adstep-player[data-theme=dark] [data-kind=reverse] { --adstep-ink: " in text
