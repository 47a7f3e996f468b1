"""A sweep as one self-contained HTML page: the player's module and its data inlined.

No network, no CDN, no kernel: the page opens from ``file://`` and steps with
the same player (and the same data) as the notebook widget.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from . import asset, data, module, pack


def page(sweep, *, direction: str = "LR", edge_labels: bool = False, title: str | None = None) -> str:
    """The HTML text of the page for ``sweep``."""
    d = data(sweep, direction=direction, edge_labels=edge_labels, title=title)
    # inside <script>: a JSON string of base64 text, so no "<" can end the script early
    payload = json.dumps(pack(d))
    plain_title = escape(title or sweep.graph.source or "computation graph")
    return _PAGE.format(
        title=plain_title,
        heading=d["title"],
        subtitle=d["subtitle"],
        css=asset("player.css"),
        module=module(),
        payload=payload,
    )


def export_html(sweep, path, *, direction: str = "LR", edge_labels: bool = False, title: str | None = None) -> Path:
    """Write the page for ``sweep`` to ``path``; return the path."""
    path = Path(path)
    path.write_text(page(sweep, direction=direction, edge_labels=edge_labels, title=title), encoding="utf-8")
    return path


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ margin: 0; background: #f6f8fa; }}
main {{ max-width: 1280px; margin: 0 auto; padding: 18px 22px 32px;
        font-family: 'DejaVu Sans', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif; color: #1f2328; }}
h1 {{ font-size: 22px; margin: 0 0 2px; }}
.subtitle {{ color: #57606a; margin: 0 0 10px; }}
.keys {{ color: #57606a; font-size: 13px; margin-top: 14px; }}
.adstep-player .adstep-view {{ height: 62vh; }}
.adstep-player .adstep-tablebox {{ max-height: 62vh; }}
{css}
</style>
</head>
<body>
<main>
<h1>{heading}</h1>
<p class="subtitle">{subtitle}</p>
<div id="player"><p>Loading the step-through…</p></div>
<p class="keys">Keys (click the player first): ← → step, Home / End jump, Space play / pause.
Drag to pan, the mouse wheel or + / − to zoom.</p>
</main>
<script type="module">
{module}
const payload = {payload};
const root = document.getElementById("player");
const player = createPlayer(root);
unpack(payload).then((d) => {{ player.load(d, 0); root.focus({{ preventScroll: true }}); }});
</script>
</body>
</html>
"""
