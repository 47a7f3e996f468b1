"""A sweep as one self-contained HTML page: every frame, controls, rule, trace table.

No network, no CDN, no kernel: the frames (inline SVG) and each frame's caption,
rule and table are stored as JSON inside the page, and a few lines of plain
JavaScript switch between them (buttons, a slider, ← → Home End and Space).
"""

from __future__ import annotations

import json
import unicodedata
from html import escape
from pathlib import Path

from ..notation import number, var_display
from . import labels
from .svg_render import frames as svg_frames

_HEAD = {"forward": "tangent", "reverse": "adjoint"}


def describe(sweep) -> str:
    """One line saying which sweep this is: its mode and seed."""
    g = sweep.graph
    if sweep.kind == "forward":
        dotted = (var_display(n)[0] for n in sweep.seed)
        seeds = ", ".join(unicodedata.normalize("NFC", f"{d[0]}\u0307{d[1:]} = {number(v)}")
                          for d, v in zip(dotted, sweep.seed.values()))
        return f"forward mode (tangents), seed {seeds}"
    if sweep.kind == "reverse":
        seeds = ", ".join(f"{g.adjoint_name(g.outputs[k].index)} = {number(v)}"
                          for k, v in sweep.seed.items())
        return f"reverse mode (adjoints), seed {seeds}"
    return "evaluation (primal values)"


def _rows(state) -> str:
    """The trace table's rows as HTML, the current one marked."""
    head = _HEAD.get(state.kind)
    out = []
    for row in state.table():
        cells = [labels.html(row[key]) for key in ("node", "formula", "value")]
        if head:
            cells.append(labels.html(row[head]))
        cls = " ".join(c for c in ("current" if row["current"] else "",
                                   "final" if row["final"] else "") if c)
        out.append(f'<tr class="{cls}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return "".join(out)


def frame_data(sweep, **opts) -> list[dict]:
    """Per state: its SVG, caption, rule (symbolic and with numbers) and table rows."""
    data = []
    for svg_text, st in zip(svg_frames(sweep, **opts), sweep.states()):
        step = st.step
        data.append({"svg": svg_text, "caption": labels.html(st.caption),
                     "rule": labels.html(step.rule) if step else "",
                     "numbers": labels.html(step.numbers) if step else "",
                     "rows": _rows(st)})
    return data


def export_html(sweep, path, *, direction: str = "LR", edge_labels: bool = False,
                title: str | None = None) -> Path:
    """Write every frame of ``sweep`` to one self-contained HTML file; return its path."""
    path = Path(path)
    data = frame_data(sweep, direction=direction, edge_labels=edge_labels)
    g = sweep.graph
    title = title or (g.source and f"{g.source}") or "computation graph"
    head = _HEAD.get(sweep.kind)
    quantity = {"forward": "tangent ẇ", "reverse": "adjoint w̄"}.get(sweep.kind)
    columns = ["node", "rule", "value"] + ([quantity] if head else [])
    # inside <script>: escape every "<" (covers "</script>" and "<!--"); still valid JSON
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    first = data[0]
    page = _PAGE.format(
        title=escape(title), subtitle=labels.html(describe(sweep)), n=len(data) - 1,
        svg=first["svg"], caption=first["caption"], css=labels.HTML_CSS, rows=first["rows"],
        columns="".join(f"<th>{escape(c)}</th>" for c in columns), frames=payload,
        script=_SCRIPT)
    path.write_text(page, encoding="utf-8")
    return path


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
  body {{ font-family: 'DejaVu Sans', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif;
         color: #1f2328; background: #f6f8fa; margin: 0; }}
  main {{ max-width: 1200px; margin: 0 auto; padding: 18px 22px 32px; }}
  h1 {{ font-size: 22px; margin: 0 0 2px; }}
  .subtitle {{ color: #57606a; margin: 0 0 14px; }}
  .controls {{ display: flex; gap: 6px; align-items: center; flex-wrap: wrap; margin-bottom: 8px; }}
  button {{ font: inherit; font-size: 14px; padding: 5px 12px; border: 1px solid #d0d7de;
            border-radius: 6px; background: #fff; cursor: pointer; min-width: 44px; }}
  button:hover:not(:disabled) {{ background: #eef1f4; }}
  button:disabled {{ color: #a0a7ae; cursor: default; }}
  button.play {{ min-width: 86px; font-weight: bold; }}
  input[type=range] {{ flex: 1; min-width: 160px; }}
  #counter {{ font-variant-numeric: tabular-nums; color: #57606a; min-width: 70px; text-align: right; }}
  #caption {{ font-size: 17px; font-weight: bold; margin: 8px 0; min-height: 1.3em; }}
  #figure {{ background: #fff; border: 1px solid #d0d7de; border-radius: 10px; padding: 6px;
             overflow-x: auto; }}
  #figure svg {{ display: block; margin: 0 auto; width: 100%; height: auto; max-height: 72vh; }}
  .rule {{ background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 14px;
           margin: 12px 0; font-size: 17px; line-height: 1.7; min-height: 3.4em; }}
  .rule div:first-child {{ color: #57606a; }}
  .hint {{ color: #8c959f; font-style: italic; font-size: 15px; }}
  table {{ border-collapse: collapse; background: #fff; font-size: 15px; min-width: 60%; }}
  th, td {{ border: 1px solid #d0d7de; padding: 4px 12px; text-align: left; }}
  th {{ background: #eef1f4; }}
  td:nth-child(n+3) {{ font-variant-numeric: tabular-nums; }}
  tr.current td {{ background: #fff3c4; font-weight: bold; }}
  tr.current td:first-child {{ box-shadow: inset 4px 0 0 #bf8700; }}
  sup, sub {{ line-height: 0; font-size: 72%; }}
  {css}
  .keys {{ color: #57606a; font-size: 13px; margin-top: 14px; }}
</style>
</head>
<body>
<main>
<h1>{title}</h1>
<p class="subtitle">{subtitle}</p>
<div class="controls">
  <button id="first" title="first step (Home)">« First</button>
  <button id="prev" title="previous step (←)">‹ Prev</button>
  <button id="play" class="play" title="play / pause (Space)">Play ▶</button>
  <button id="next" title="next step (→)">Next ›</button>
  <button id="last" title="last step (End)">Last »</button>
  <input id="slider" type="range" min="0" max="{n}" value="0" aria-label="step">
  <span id="counter">0 / {n}</span>
</div>
<p id="caption">{caption}</p>
<div id="figure">{svg}</div>
<div class="rule"><div id="rule"></div><div id="numbers"></div></div>
<table><thead><tr>{columns}</tr></thead><tbody id="rows">{rows}</tbody></table>
<p class="keys">Keys: ← → step, Home / End jump, Space play / pause.</p>
</main>
<script type="application/json" id="frames">{frames}</script>
<script>{script}</script>
</body>
</html>
"""

_SCRIPT = """
(function () {
  "use strict";
  var frames = JSON.parse(document.getElementById("frames").textContent);
  var last = frames.length - 1, k = 0, timer = null;
  function $(id) { return document.getElementById(id); }
  function show(i) {
    k = Math.max(0, Math.min(last, i));
    var f = frames[k];
    $("figure").innerHTML = f.svg;
    $("caption").innerHTML = f.caption;
    $("rule").innerHTML = f.rule || '<span class="hint">Next \u203A (or \u2192) takes the first step.</span>';
    $("numbers").innerHTML = f.numbers;
    $("rows").innerHTML = f.rows;
    $("slider").value = k;
    $("counter").textContent = k + " / " + last;
    $("first").disabled = $("prev").disabled = k === 0;
    $("next").disabled = $("last").disabled = k === last;
    document.body.setAttribute("data-step", k);
  }
  function stop() { if (timer) { clearInterval(timer); timer = null; } $("play").textContent = "Play \\u25B6"; }
  function play() {
    if (timer) { stop(); return; }
    if (k === last) { show(0); }
    $("play").textContent = "Pause \\u275A\\u275A";
    timer = setInterval(function () { if (k >= last) { stop(); } else { show(k + 1); } }, 900);
  }
  $("first").onclick = function () { stop(); show(0); };
  $("prev").onclick = function () { stop(); show(k - 1); };
  $("next").onclick = function () { stop(); show(k + 1); };
  $("last").onclick = function () { stop(); show(last); };
  $("play").onclick = play;
  $("slider").oninput = function () { stop(); show(parseInt(this.value, 10)); };
  document.addEventListener("keydown", function (e) {
    if (e.target && e.target.tagName === "INPUT" && e.key !== " ") { return; }
    var moves = { ArrowRight: k + 1, ArrowLeft: k - 1, Home: 0, End: last };
    if (e.key in moves) { stop(); show(moves[e.key]); e.preventDefault(); }
    else if (e.key === " ") { play(); e.preventDefault(); }
  });
  show(0);
})();
"""
