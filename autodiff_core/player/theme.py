"""The drawing's colours for the player, as CSS: the text of ``drawing.css``.

The SVG writes the light colours as attributes (a drawing without any stylesheet is
light) and gives every element a stable class (:mod:`autodiff_core.viz.svg_render`);
this stylesheet recolours those classes from CSS variables set on the player's root,
``.adstep-player``, per theme (``data-theme="dark"``) and sweep kind (``data-kind``), all
taken from :mod:`autodiff_core.viz.style`, so the contrast checked there holds on the
page. The variables:

``--adstep-bg``, ``--adstep-fg``, ``--adstep-muted``, ``--adstep-unknown``,
``--adstep-border``, ``--adstep-edge``, ``--adstep-header``, ``--adstep-panel``,
``--adstep-label``, ``--adstep-label-border``, ``--adstep-stored``, ``--adstep-recomputed``
(per theme: checkpointed reverse mode's held values); ``--adstep-ink``,
``--adstep-tint`` (the current node or row), ``--adstep-finished``,
``--adstep-done-edge`` (per theme and kind).

``drawing.css`` is this module's output, kept as a file for the player's hosts;
``python -m autodiff_core.player.theme > autodiff_core/player/drawing.css`` writes it
again after a change in ``style.py`` (a test checks that they agree).
"""

from __future__ import annotations

from ..modes import MODES
from ..viz import style

ROOT = ".adstep-player"

_NEUTRALS = {
    "bg": "bg",
    "fg": "fg",
    "muted": "muted",
    "unknown": "unknown",
    "border": "border",
    "edge": "edge",
    "header": "header_fill",
    "panel": "panel",
    "label": "label_ink",
    "label-border": "label_border",
}
_KIND = {"ink": "ink", "tint": "strong_tint", "finished": "tint", "done-edge": "done_edge"}
KINDS = tuple(MODES)

# what each class of the SVG takes from the variables (selector under the root: declarations)
_RULES = (
    (".adv-bg", "fill: var(--adstep-bg)"),
    (".adn-box", "fill: var(--adstep-bg); stroke: var(--adstep-border)"),
    ("[data-status~=final] > .adn-box", "fill: var(--adstep-finished)"),
    ("[data-status~=read] > .adn-box", "stroke: var(--adstep-ink)"),
    ("[data-status~=current] > .adn-box", "fill: var(--adstep-tint); stroke: var(--adstep-ink)"),
    (".adn-out", "stroke: var(--adstep-fg)"),
    ("[data-status~=current] > .adn-out", "stroke: var(--adstep-ink)"),
    (".adn-band", "fill: var(--adstep-header)"),
    ("[data-status~=current] > .adn-band", "fill: var(--adstep-ink)"),
    (".adn-head", "fill: var(--adstep-fg)"),
    ("[data-status~=current] > .adn-head", "fill: var(--adstep-bg)"),
    (".adn-row, .adn-v", "fill: var(--adstep-fg)"),
    (".adn-q", "fill: var(--adstep-ink)"),
    (".adn-unk", "fill: var(--adstep-unknown)"),
    (".adn-tick-ring", "fill: var(--adstep-ink)"),
    (".adn-tick", "stroke: var(--adstep-bg)"),
    ("[data-status~=current] > .adn-tick-ring", "fill: var(--adstep-bg)"),
    ("[data-status~=current] > .adn-tick", "stroke: var(--adstep-ink)"),
    (".ade-line", "stroke: var(--adstep-edge)"),
    (".ade-head", "fill: var(--adstep-edge)"),
    ("[data-status=done] > .ade-line", "stroke: var(--adstep-done-edge)"),
    ("[data-status=done] > .ade-head", "fill: var(--adstep-done-edge)"),
    ("[data-status=current] > .ade-line", "stroke: var(--adstep-ink)"),
    ("[data-status=current] > .ade-head", "fill: var(--adstep-ink)"),
    (".adl-box", "fill: var(--adstep-bg); stroke: var(--adstep-label-border)"),
    ("[data-status=current] > .adl-box", "stroke: var(--adstep-ink)"),
    (".adl-text", "fill: var(--adstep-label)"),
    ("[data-status=current] > .adl-text", "fill: var(--adstep-ink)"),
    ("[data-legend], .adg-text", "fill: var(--adstep-fg)"),
    (".adg-title", "fill: var(--adstep-ink)"),
    # checkpointed reverse mode: a held value's bar and mark, a value no longer held struck through
    ("[data-status~=stored] > .adn-mem-bar, [data-status~=stored] > .adn-mem-glyph", "fill: var(--adstep-stored)"),
    (
        "[data-status~=recomputed] > .adn-mem-bar, [data-status~=recomputed] > .adn-mem-glyph",
        "fill: var(--adstep-recomputed)",
    ),
    ("[data-status~=recomputed] > .adn-mem-arc", "stroke: var(--adstep-recomputed)"),
    ("[data-status~=current] > .adn-mem-glyph", "fill: var(--adstep-bg)"),
    ("[data-status~=current] > .adn-mem-arc", "stroke: var(--adstep-bg)"),
    (".adn-gone", "fill: var(--adstep-muted)"),
    (".adn-struck", "stroke: var(--adstep-muted)"),
)


def _block(selector: str, declarations: dict) -> str:
    body = " ".join(f"--adstep-{k}: {v};" for k, v in declarations.items())
    return f"{selector} {{ {body} }}"


def variables(theme: str, kind: str | None = None) -> dict:
    """The CSS variables of a theme (and, with ``kind``, of that sweep kind), by name
    without the ``--adstep-`` prefix."""
    if kind is None:
        n = style.THEMES[theme]
        return {name: getattr(n, field) for name, field in _NEUTRALS.items()} | style.MEMORY_COLOURS[theme]
    s = style.scheme(kind, theme)
    return {name: getattr(s, field) for name, field in _KIND.items()}


def css() -> str:
    """The text of ``drawing.css``."""
    out = [
        "/* The step-through's drawing: colours (light, and dark under data-theme=dark) and the marks",
        "   drawn over letters. Written by autodiff_core/player/theme.py from viz/style.py. */",
        _block(ROOT, variables("light")),
    ]
    for kind in KINDS:
        out.append(_block(f"{ROOT}[data-kind={kind}], {ROOT} [data-kind={kind}]", variables("light", kind)))
    dark = f"{ROOT}[data-theme=dark]"
    out.append(_block(dark, variables("dark")))
    for kind in KINDS:
        out.append(_block(f"{dark}[data-kind={kind}], {dark} [data-kind={kind}]", variables("dark", kind)))
    for sel, decl in (*_RULES, *style.MARK_RULES):
        out.append(f"{ROOT} {sel.replace(', ', f', {ROOT} ')} {{ {decl}; }}")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(css(), end="")
