"""An executed notebook's cells as HTML: prose, code, outputs, and players in place of widgets.

Outputs are shown as JupyterLab would pick them (a widget, then HTML, SVG, PNG,
JPEG, Markdown, LaTeX, plain text); a step-through widget becomes a mount point
for the player (:mod:`.page` starts them), any other widget a note that it needs
the notebook running. Everything a notebook printed is escaped; HTML and SVG it
displayed are its own output and kept as they are, less any reference to the network.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from .markdown import is_remote, math, renderer
from .players import WIDGET_VIEW, Found, models, parts

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_XML_PROLOGUE = re.compile(r"^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?", re.S)
_REMOTE_ATTR = re.compile(r"""\s(?:src|href|xlink:href)\s*=\s*["'](?:https?:)?//[^"']*["']""", re.I)
_FORMATTER = HtmlFormatter(nowrap=True)
_LEXER = PythonLexer()


@dataclass
class Rendered:
    """A notebook as HTML: the body, its title, the players it holds, what was left out."""

    title: str
    body: str
    players: list[Found] = field(default_factory=list)
    binder: str | None = None  # the notebook's own Binder link, from its badge
    skipped: list[str] = field(default_factory=list)  # e.g. widgets that need a kernel


def render(nb, pages: set[str]) -> Rendered:
    """The HTML of an executed notebook (``pages``: the notebook stems the site has)."""
    md = renderer(pages)
    states = models(nb)
    out = Rendered(title="", body="")
    parts = []
    for cell in nb.cells:
        source = cell.get("source", "")
        if cell.cell_type == "markdown":
            source = _take_binder_badge(source, out)
            if not out.title:
                heading = re.search(r"^#\s+(.+)$", source, re.M)
                out.title = re.sub(r"[*_`]", "", heading[1]).strip() if heading else ""
            parts.append(f'<section class="md">{md(source)}</section>')
        elif cell.cell_type == "code":
            if not source.strip() and not cell.get("outputs"):
                continue
            code = highlight(source, _LEXER, _FORMATTER)
            shown = "".join(_output(o, states, out, md) for o in cell.get("outputs", []))
            parts.append(
                f'<section class="code"><pre class="source"><code>{code}</code></pre>'
                + (f'<div class="outputs">{shown}</div>' if shown else "")
                + "</section>"
            )
    out.body = "\n".join(parts)
    return out


_BADGE = re.compile(r"\[!\[[^\]]*\]\((?P<img>[^)\s]+)\)\]\((?P<href>https://mybinder\.org/[^)\s]+)\)\s*")


def _take_binder_badge(source: str, out: Rendered) -> str:
    """A Binder badge (an image from the network) leaves the prose; its link goes in the page's header."""
    found = _BADGE.search(source)
    if not found:
        return source
    out.binder = out.binder or found["href"]
    return source[: found.start()] + source[found.end() :]


def _output(o, states, out: Rendered, md) -> str:
    kind = o.get("output_type")
    if kind == "stream":
        name = "stderr" if o.get("name") == "stderr" else "stdout"
        return f'<pre class="out {name}">{html.escape(_text(o.get("text", "")))}</pre>'
    if kind == "error":
        trace = _ANSI.sub("", "\n".join(o.get("traceback", []))) or f"{o.get('ename')}: {o.get('evalue')}"
        return f'<pre class="out error">{html.escape(trace)}</pre>'
    data = o.get("data", {})
    if WIDGET_VIEW in data:
        shown = _widget(data[WIDGET_VIEW].get("model_id", ""), states, out, md)
        if shown or ("text/html" not in data and "image/png" not in data):
            return shown
    if "text/html" in data:
        return f'<div class="out html">{_offline(_text(data["text/html"]))}</div>'
    if "image/svg+xml" in data:
        return f'<div class="out svg">{_offline(_XML_PROLOGUE.sub("", _text(data["image/svg+xml"])))}</div>'
    for mime in ("image/png", "image/jpeg"):
        if mime in data:
            alt = html.escape(_text(data.get("text/plain", "")), quote=True)
            return (
                f'<div class="out image"><img src="data:{mime};base64,{_text(data[mime]).strip()}" alt="{alt}"></div>'
            )
    if "text/markdown" in data:
        return f'<div class="out md">{md(_text(data["text/markdown"]))}</div>'
    if "text/latex" in data:
        return f'<div class="out latex">{math(_text(data["text/latex"]).strip().strip("$"), True)}</div>'
    if "text/plain" in data:
        return f'<pre class="out result">{html.escape(_text(data["text/plain"]))}</pre>'
    return ""


def _widget(model_id: str, states, out: Rendered, md) -> str:
    """A widget view as the page can show it: players that step, what an Output widget
    held, HTML widgets' text; controls (a slider, a text box) are named, since they need
    the kernel, and what they drive is shown at its first setting."""
    html_parts, controls = [], []
    for kind, part in parts(model_id, states):
        if kind == "player":
            html_parts.append(_mount(part, len(out.players)))
            out.players.append(part)
        elif kind == "outputs":
            html_parts.append("".join(_output(o, states, out, md) for o in part))
        elif kind == "html":
            html_parts.append(f'<div class="out html">{_offline(part)}</div>')
        else:
            controls.append(part)
    if not html_parts and not controls:
        out.skipped.append("a widget with nothing to show without a kernel")
        return '<p class="widget-note">An interactive widget is here when the notebook runs.</p>'
    if controls:
        names = ", ".join(dict.fromkeys(html.escape(str(c)) for c in controls))
        out.skipped.append(f"controls: {names}")
        html_parts.insert(
            0,
            f'<p class="widget-note">In the notebook, the controls here ({names}) change what follows; '
            "this page shows it at their first setting.</p>",
        )
    return "".join(html_parts)


def _mount(p: Found, k: int) -> str:
    """Where player k goes: its heading (the sweep it steps through) and a root for the module."""
    return (
        f'<figure class="adsite-player" data-player="{k}">'
        f"<figcaption><strong>{p.title}</strong> · {p.subtitle}</figcaption>"
        f'<div class="adsite-root"><p class="adsite-loading">Loading the step-through…</p></div></figure>'
    )


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _offline(markup: str) -> str:
    """Output HTML or SVG with every reference to the network taken out (nothing is fetched)."""
    return _REMOTE_ATTR.sub("", markup)


def payloads(players: list[Found]) -> str:
    """The players' data for the page's script: JSON, safe inside <script>."""
    rows = [{"payload": p.payload, "index": p.index, "speed": p.speed, "predict": p.predict} for p in players]
    return json.dumps(rows, separators=(",", ":")).replace("<", "\\u003c")


def highlight_css() -> str:
    """Pygments' colours for the code cells."""
    return _FORMATTER.get_style_defs("pre.source")


__all__ = ["Rendered", "highlight_css", "is_remote", "payloads", "render"]
