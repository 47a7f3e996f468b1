"""The small pieces SVG frames are built from: text with real super- and subscripts,
coordinates, point lists and the legend's swatches. Plain functions of their
arguments; :mod:`svg_render` puts them together."""

from __future__ import annotations

from ..marks import SPACING
from . import style
from .labels import escape, mark_levels, mark_shape, offsets, runs

_SCRIPT_SHIFT = {"sup": -0.36, "sub": 0.26}


def markup(text: str, size: float) -> str:
    """SVG text content with real super/subscripts (a superscript stacked over
    the subscript that follows it, as in w¹₂). Marks a font cannot be trusted with
    are left out here and drawn by :func:`marks`."""
    parts = runs(text)
    if len(parts) == 1 and not parts[0][1] and not parts[0][2]:
        return escape(parts[0][0])
    out, shift, sup_w, pending = [], 0.0, 0.0, 0.0
    small = size * style.SCRIPT
    for part, kind, _ in parts:
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


def marks(text: str, size: float, x: float, y: float, anchor: str = "start", *, fill: str, cls: str, scale=1.0) -> str:
    """The marks :func:`markup` leaves out of ``text`` set at (x, y) with ``anchor``
    ('start' or 'middle'), as shapes above their letters: an adjoint's bar a ``<rect
    class="adm-bar">``, a dot a ``<circle class="adm-dot">``, any other mark its spacing
    character (``<text class="adm-glyph">``); each also of class ``cls``, the class of the
    text it belongs to, so a stylesheet colours both alike. ``scale``: the text's
    ``textLength`` squeeze. Positions come from the text widths the layout uses."""
    total, marked = offsets(text, size)
    if not marked:
        return ""
    left = x - total * scale / 2 if anchor == "middle" else x
    out = []
    for dx, w, kind, letter, drawn in marked:
        small = size * (style.SCRIPT if kind else 1.0)
        base = y + _SCRIPT_SHIFT.get(kind, 0.0) * size
        x0, x1 = left + dx * scale, left + (dx + w) * scale
        for level, m in mark_levels(letter, drawn):
            cy = base - small * style.mark_height(level)
            shape = mark_shape(m)
            if shape == "bar":
                inset, thick = small * style.BAR_INSET, small * style.BAR_THICK
                out.append(
                    f'<rect class="adm-bar {cls}" x="{fmt(x0 + inset)}" y="{cy - thick / 2:.2f}" '
                    f'width="{fmt(max(1.0, x1 - x0 - 2 * inset))}" height="{thick:.2f}" fill="{fill}"/>'
                )
            elif shape == "dot":
                out.append(
                    f'<circle class="adm-dot {cls}" cx="{fmt((x0 + x1) / 2)}" cy="{cy:.2f}" '
                    f'r="{small * style.DOT_R:.2f}" fill="{fill}"/>'
                )
            else:
                out.append(
                    f'<text class="adm-glyph {cls}" x="{fmt((x0 + x1) / 2)}" y="{fmt(cy + small * 0.68)}" '
                    f'text-anchor="middle" font-size="{small:.1f}" fill="{fill}">{escape(SPACING.get(m, ""))}</text>'
                )
    return "".join(out)


def fmt(v: float) -> str:
    """A coordinate as SVG writes it: one decimal."""
    return f"{v:.1f}"


def swatch(key: str, s: style.Scheme, x: float, y: float) -> str:
    """A 20×14 sample of one legend item with its top-left corner at (x, y); its shapes
    carry the classes of what they show (``adn-box``, ``ade-line``, ...) inside a group
    ``adg-sw`` with the ``data-status`` of that state, so a stylesheet restyles both alike."""
    box = f'x="{fmt(x)}" y="{fmt(y)}" width="20" height="14" rx="3"'
    mid = f'x="{fmt(x + 10)}" y="{fmt(y + 11.5)}" text-anchor="middle" font-weight="bold"'
    bg, border = style.BACKGROUND, style.BORDER
    if key == "current":
        inner = f'<rect class="adn-box" {box} fill="{s.strong_tint}" stroke="{s.ink}" stroke-width="2.4"/>'
    elif key == "read":
        inner = f'<rect class="adn-box" {box} fill="{bg}" stroke="{s.ink}" stroke-width="1.8" stroke-dasharray="4 2"/>'
    elif key == "final":
        inner = (
            f'<rect class="adn-box" {box} fill="{s.tint}" stroke="{border}"/>'
            f'<text class="adn-q" {mid} fill="{s.ink}">✓</text>'
        )
    elif key == "partial":
        inner = (
            f'<rect class="adn-box" {box} fill="{bg}" stroke="{border}"/>'
            f'<text class="adn-q adn-partial" {mid} font-style="italic" fill="{s.ink}">5{style.PARTIAL}</text>'
        )
    elif key == "unknown":
        inner = (
            f'<rect class="adn-box" {box} fill="{bg}" stroke="{border}"/>'
            f'<text class="adn-unk" {mid} fill="{style.UNKNOWN}">?</text>'
        )
    elif key in ("stored", "recomputed"):
        inner = (
            f'<rect class="adn-box" {box} fill="{bg}" stroke="{border}"/>'
            f'<rect class="adn-mem-bar" x="{fmt(x + 1.5)}" y="{fmt(y + 2)}" width="3.5" height="10" '
            f'fill="{style.memory_colour(key)}"/>' + memory_glyph(key, x + 12.5, y + 7, 0.85)
        )
    elif key == "freed":
        inner = (
            f'<rect class="adn-box" {box} fill="{bg}" stroke="{border}" stroke-dasharray="{style.FREED_DASH}"/>'
            f'<text class="adn-v adn-gone" {mid} fill="{style.MUTED}">5</text>'
            f'<path class="adn-struck" d="M{fmt(x + 5)},{fmt(y + 7.5)}h10" stroke="{style.MUTED}" stroke-width="1.4"/>'
        )
    elif key == "edge":
        inner = (
            f'<path class="ade-line" d="M{fmt(x)},{fmt(y + 7)}h20" fill="none" stroke="{s.ink}" '
            'stroke-width="3.2" stroke-linecap="round"/>'
        )
    else:
        inner = (
            f'<rect class="adn-out" x="{fmt(x - 3)}" y="{fmt(y - 3)}" width="26" height="20" rx="5" fill="none" '
            f'stroke="{style.INK}" stroke-width="1.2"/>'
            f'<rect class="adn-box" {box} fill="{bg}" stroke="{border}" stroke-width="1.2"/>'
        )
    status = {"current": "current", "read": "read", "final": "final", "edge": "current"}.get(key, "")
    status = key if key in ("stored", "recomputed", "freed") else status
    flag = f' data-status="{status}"' if status else ""
    return f'<g class="adg-sw" data-key="{key}"{flag}>{inner}</g>'


def memory_glyph(status: str, cx: float, cy: float, size: float = 1.0, fill: str | None = None) -> str:
    """The mark of a held value centred at (cx, cy), about 12 px tall at ``size`` 1: a ribbon
    (a checkpoint, ``stored``) or an arrow going round (``recomputed``); ``fill`` its colour
    (default: the status's, light theme). Classes ``adn-mem-glyph`` (filled) and
    ``adn-mem-arc`` (stroked), so a stylesheet recolours them with the node's status."""
    colour = fill or style.memory_colour(status)
    s = size
    if status == "stored":
        return (
            f'<path class="adn-mem-glyph" d="M{fmt(cx - 4.5 * s)},{fmt(cy - 6 * s)}h{fmt(9 * s)}v{fmt(12 * s)}'
            f'l{fmt(-4.5 * s)},{fmt(-3.6 * s)}l{fmt(-4.5 * s)},{fmt(3.6 * s)}Z" fill="{colour}"/>'
        )
    r = 4.6 * s
    head = poly([(cx + 3.8 * s, cy - r), (cx - 0.4 * s, cy - r - 3.4 * s), (cx - 0.4 * s, cy - r + 3.4 * s)])
    return (
        f'<path class="adn-mem-arc" d="M{fmt(cx + r)},{fmt(cy)}A{fmt(r)},{fmt(r)} 0 1 1 {fmt(cx)},{fmt(cy - r)}" '
        f'fill="none" stroke="{colour}" stroke-width="{fmt(2 * s)}"/>'
        f'<polygon class="adn-mem-glyph" points="{head}" fill="{colour}"/>'
    )


def memory_marks(status: str, x0: float, y0: float, h: float, hot: bool) -> str:
    """A held value's marks on its node box (top-left corner x0, y0; height h): a bar down
    the body's left edge and :func:`memory_glyph` in the header's left (in the background's
    colour on the current node's inked header)."""
    body = y0 + style.HEADER_H
    return (
        f'<rect class="adn-mem-bar" x="{fmt(x0 + 2)}" y="{fmt(body + 3)}" width="4" '
        f'height="{fmt(h - style.HEADER_H - 8)}" fill="{style.memory_colour(status)}"/>'
        + memory_glyph(status, x0 + 13, y0 + style.HEADER_H / 2, fill=style.BACKGROUND if hot else None)
    )


def struck(left: float, right: float, y: float) -> str:
    """A line through a number set from ``left`` to ``right`` on baseline ``y`` (a value no
    longer held)."""
    return (
        f'<path class="adn-struck" d="M{fmt(left - 1)},{fmt(y - style.FONT * 0.3)}H{fmt(right + 1)}" '
        f'stroke="{style.MUTED}" stroke-width="1.4"/>'
    )


def poly(points) -> str:
    """Points as an SVG ``points`` list."""
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
