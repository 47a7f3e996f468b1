"""The small pieces SVG frames are built from: text with real super- and subscripts,
coordinates, point lists and the legend's swatches. Plain functions of their
arguments; :mod:`svg_render` puts them together."""

from __future__ import annotations

from . import style
from .labels import escape, runs

_SCRIPT_SHIFT = {"sup": -0.36, "sub": 0.26}


def markup(text: str, size: float) -> str:
    """SVG text content with real super/subscripts (a superscript stacked over
    the subscript that follows it, as in w¹₂)."""
    parts = runs(text)
    if len(parts) == 1 and not parts[0][1]:
        return escape(text)
    out, shift, sup_w, pending = [], 0.0, 0.0, 0.0
    small = size * style.SCRIPT
    for part, kind in parts:
        esc = escape(part)
        if not kind:
            attrs = ""
            if shift:
                attrs += f' dy="{-shift:.1f}"'
            if pending:
                attrs += f' dx="{pending:.1f}"'
            out.append(f"<tspan{attrs}>{esc}</tspan>" if attrs else esc)
            shift, sup_w, pending = 0.0, 0.0, 0.0
            continue
        target = _SCRIPT_SHIFT[kind] * size
        w = style.text_width(part, small)
        dx = f' dx="{-sup_w:.1f}"' if kind == "sub" and sup_w else ""
        pending = max(0.0, sup_w - w) if kind == "sub" and sup_w else 0.0
        out.append(f'<tspan dy="{target - shift:.1f}"{dx} font-size="{small:.1f}">{esc}</tspan>')
        shift, sup_w = target, (w if kind == "sup" else 0.0)
    return "".join(out)


def fmt(v: float) -> str:
    """A coordinate as SVG writes it: one decimal."""
    return f"{v:.1f}"


def swatch(key: str, s: style.Scheme, x: float, y: float) -> str:
    """A 20×14 sample of one legend item with its top-left corner at (x, y)."""
    box = f'x="{fmt(x)}" y="{fmt(y)}" width="20" height="14" rx="3"'
    mid = f'x="{fmt(x + 10)}" y="{fmt(y + 11.5)}" text-anchor="middle" font-weight="bold"'
    if key == "current":
        return f'<rect {box} fill="{s.strong_tint}" stroke="{s.ink}" stroke-width="2.4"/>'
    if key == "read":
        return f'<rect {box} fill="#ffffff" stroke="{s.ink}" stroke-width="1.8" stroke-dasharray="4 2"/>'
    if key == "final":
        return f'<rect {box} fill="{s.tint}" stroke="{style.BORDER}"/><text {mid} fill="{s.ink}">✓</text>'
    if key == "unknown":
        return f'<rect {box} fill="#ffffff" stroke="{style.BORDER}"/><text {mid} fill="{style.UNKNOWN}">?</text>'
    if key == "edge":
        return f'<path d="M{fmt(x)},{fmt(y + 7)}h20" stroke="{s.ink}" stroke-width="3.2" stroke-linecap="round"/>'
    return (
        f'<rect x="{fmt(x - 3)}" y="{fmt(y - 3)}" width="26" height="20" rx="5" fill="none" '
        f'stroke="{style.INK}" stroke-width="1.2"/>'
        f'<rect {box} fill="#ffffff" stroke="{style.BORDER}" stroke-width="1.2"/>'
    )


def poly(points) -> str:
    """Points as an SVG ``points`` list."""
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
