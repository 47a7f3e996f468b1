"""The site's pages: a lesson (its cells and players) and the index (the lesson map).

Everything a page needs is in it: the CSS, the player's module (once per page, the
one the widget runs) and the players' data. No font, script, style sheet or image
is fetched, so a page works from ``file://`` and from any static host.
"""

from __future__ import annotations

import json
from html import escape

from .. import player
from ..player.help import help_items
from .cells import Rendered, highlight_css, payloads


def _host() -> str:
    """What the page tells each player (JSON): its help line of keys."""
    return json.dumps({"help": help_items()}).replace("<", "\\u003c")


def lesson(rendered: Rendered, *, stem: str, course: str, nav: dict, run_here: str) -> str:
    """A lesson's page. ``nav`` has "index", and "prev" / "next" as (href, title) or None."""
    links = []
    if nav.get("prev"):
        links.append(f'<a rel="prev" href="{escape(nav["prev"][0])}">← {escape(nav["prev"][1])}</a>')
    links.append(f'<a href="index.html">{escape(course)}: all lessons</a>')
    if nav.get("next"):
        links.append(f'<a rel="next" href="{escape(nav["next"][0])}">{escape(nav["next"][1])} →</a>')
    bar = f'<nav class="lessons">{" ".join(links)}</nav>'
    script = ""
    if rendered.players:
        script = _PLAYERS.format(module=player.module(), data=payloads(rendered.players), host=_host())
    return _SHELL.format(
        title=escape(f"{rendered.title or stem} · {course}"),
        css=_CSS + highlight_css() + (player.styles() if rendered.players else ""),
        top=bar + _banner(stem, rendered, run_here),
        body=rendered.body,
        bottom=bar,
        script=script,
    )


def _banner(stem: str, rendered: Rendered, run_here: str) -> str:
    binder = (
        f' or <a href="{escape(rendered.binder, quote=True)}">on Binder</a> (in your browser, after a minute\'s start)'
        if rendered.binder
        else ""
    )
    stepping = " Its step-throughs step here too: click one, then ← → or the buttons." if rendered.players else ""
    return (
        '<aside class="banner">This is the lesson as it runs, with its outputs: its code does not run on this page.'
        f'{stepping} To run and change it, open <a href="notebooks/{escape(stem)}.ipynb">'
        f"{escape(stem)}.ipynb</a> in Jupyter: {run_here}{binder}.</aside>"
    )


def index(*, course: str, intro: str, rows: list[dict], lesson_map: str, run_here: str, binder: str | None) -> str:
    """The index: the course's words, one row per lesson (href, number, title, teaches), the map."""
    items = "\n".join(
        f'<tr><td class="num">{escape(r["number"])}</td><td><a href="{escape(r["href"])}">{escape(r["title"])}</a>'
        f"</td><td>{r['teaches']}</td></tr>"
        for r in rows
    )
    binder_text = f' or <a href="{escape(binder, quote=True)}">launch them on Binder</a>' if binder else ""
    body = (
        f"<h1>{escape(course)}</h1>\n{intro}\n"
        '<h2 id="lessons">The lessons</h2>\n'
        f'<table class="lessons"><thead><tr><th></th><th>Lesson</th><th>What it teaches</th></tr></thead>'
        f"<tbody>{items}</tbody></table>\n"
        + (f'<h2 id="map">The lesson map</h2>\n{lesson_map}\n' if lesson_map else "")
        + '<h2 id="run">Running the lessons</h2>\n'
        "<p>These pages show every lesson executed, and every step-through steps in your browser. "
        f"To run the code and change it: {run_here}{binder_text}. "
        "Each lesson's page links its notebook, to download and open in Jupyter or VS Code.</p>"
    )
    return _SHELL.format(
        title=escape(course), css=_CSS, top="", body=f'<section class="md">{body}</section>', bottom="", script=""
    )


_PLAYERS = """<script type="module">
{module}
const players = {data};
for (const figure of document.querySelectorAll(".adsite-player")) {{
  const p = players[Number(figure.dataset.player)];
  const player = createPlayer(figure.querySelector(".adsite-root"), {host});
  if (p.speed) player.setSpeed(p.speed);
  if (p.predict) player.setPredict(true);
  unpack(p.payload).then((d) => player.load(d, p.index));
}}
</script>"""

_SHELL = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
{css}
</style>
</head>
<body>
<main>
{top}
{body}
{bottom}
</main>
{script}
</body>
</html>
"""

_CSS = """
body { margin: 0; background: #f6f8fa; color: #1f2328;
  font-family: 'DejaVu Sans', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif; line-height: 1.55; }
main { max-width: 1180px; margin: 0 auto; padding: 14px 24px 48px; background: #fff; min-height: 100vh; }
section.md, .banner, nav.lessons { max-width: 860px; }
h1 { font-size: 30px; line-height: 1.25; margin: 18px 0 12px; }
h2 { font-size: 23px; margin: 28px 0 8px; border-bottom: 1px solid #d8dee4; padding-bottom: 4px; }
h3 { font-size: 19px; margin: 22px 0 6px; }
a { color: #0969da; }
a.anchor { margin-left: 8px; color: #afb8c1; text-decoration: none; font-size: 0.8em; visibility: hidden; }
h1:hover a.anchor, h2:hover a.anchor, h3:hover a.anchor { visibility: visible; }
nav.lessons { display: flex; gap: 18px; flex-wrap: wrap; font-size: 15px; padding: 6px 0; }
.banner { background: #ddf4ff; border: 1px solid #b6e3ff; border-radius: 8px; padding: 10px 14px; margin: 10px 0 6px;
  font-size: 15px; }
table { border-collapse: collapse; margin: 10px 0; }
th, td { border: 1px solid #d0d7de; padding: 5px 10px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num { font-variant-numeric: tabular-nums; color: #57606a; }
code { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 0.92em; }
:not(pre) > code { background: #eff1f3; border-radius: 4px; padding: 1px 4px; }
pre { margin: 0; padding: 10px 12px; overflow-x: auto; font-size: 14px; line-height: 1.45; }
section.code { margin: 12px 0; }
pre.source { background: #f6f8fa; border: 1px solid #d8dee4; border-left: 4px solid #8c959f; border-radius: 6px; }
.outputs { margin: 4px 0 0 4px; }
pre.out { background: #fff; white-space: pre-wrap; }
pre.out.stderr { background: #fff8c5; }
pre.out.error { background: #ffebe9; }
.out.image img { max-width: 100%; height: auto; }
.out.svg svg, .out.html svg { max-width: 100%; height: auto; }
.out.html { overflow-x: auto; }
div.math { overflow-x: auto; margin: 10px 0; }
math[display="block"] { font-size: 1.15em; }
.remote-image { color: #57606a; font-style: italic; }
.widget-note { color: #57606a; font-style: italic; }
figure.adsite-player { margin: 10px 0 18px; }
figure.adsite-player figcaption { font-size: 15px; color: #57606a; margin-bottom: 6px; }
.adsite-loading { color: #57606a; }
"""
