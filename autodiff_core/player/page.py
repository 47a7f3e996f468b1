"""A sweep as one self-contained HTML page: the player's module and its data inlined.

No network, no CDN, no kernel: the page opens from ``file://`` and steps with
the same player (and the same data) as the notebook widget. The page follows the
browser's light or dark preference; its player's view takes the height left in the
window; ``presenter=True`` opens it in presenter mode (as a full-window overlay: full
screen needs a click, so F or the presenter button switches to it); ``predict=True`` opens
it in predict mode (each step's number hidden until the reader has predicted it).
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from . import data, module, pack, styles
from .help import help_items


def page(
    sweep,
    *,
    direction: str = "LR",
    edge_labels: bool = False,
    title: str | None = None,
    presenter: bool = False,
    predict: bool = False,
) -> str:
    """The HTML text of the page for ``sweep``."""
    d = data(sweep, direction=direction, edge_labels=edge_labels, title=title)
    # inside <script>: JSON of base64 text and of plain strings with "<" escaped, so nothing
    # can end the script early
    payload = json.dumps(pack(d))
    host = json.dumps({"fill": "window", "theme": "system", "help": help_items()}, ensure_ascii=True)
    host = host.replace("<", "\\u003c")
    plain_title = escape(title or sweep.graph.source or "computation graph")
    return _PAGE.format(
        title=plain_title,
        heading=d["title"],
        subtitle=d["subtitle"],
        css=styles(),
        module=module(),
        payload=payload,
        host=host,
        presenter="true" if presenter else "false",
        predict="true" if predict else "false",
    )


def export_html(sweep, path, **options) -> Path:
    """Write the page for ``sweep`` to ``path``; return the path. The options are
    :func:`page`'s: ``direction``, ``edge_labels``, ``title``, ``presenter``, ``predict``."""
    path = Path(path)
    path.write_text(page(sweep, **options), encoding="utf-8")
    return path


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{title}</title>
<style>
body {{ margin: 0; background: #ffffff; color: #1f2328; }}
main {{ margin: 0 auto; padding: 10px 18px 16px;
        font-family: 'DejaVu Sans', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif; }}
header {{ display: flex; flex-wrap: wrap; align-items: baseline; column-gap: 14px; }}
h1, .subtitle {{ margin: 0 0 2px; overflow-wrap: anywhere; display: -webkit-box; -webkit-line-clamp: 2;
                -webkit-box-orient: vertical; overflow: hidden; }}
h1 {{ font-size: 20px; }}
.subtitle {{ color: #57606a; }}
@media (prefers-color-scheme: dark) {{
  body {{ background: #0d1117; color: #e6edf3; }}
  .subtitle {{ color: #9ea7b3; }}
}}
{css}
</style>
</head>
<body>
<main>
<header>
<h1 title="{title}">{heading}</h1>
<p class="subtitle">{subtitle}</p>
</header>
<div id="player"><p>Loading the step-through…</p></div>
</main>
<script type="module">
{module}
const payload = {payload};
const root = document.getElementById("player");
const player = createPlayer(root, {host});
if ({predict}) player.setPredict(true);
unpack(payload).then((d) => {{
  player.load(d, 0);
  if ({presenter}) player.present(true, false);
  root.focus({{ preventScroll: true }});
}});
</script>
</body>
</html>
"""
