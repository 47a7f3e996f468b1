"""The step-through player: one ES module shown by two hosts.

* :func:`data` — everything the player shows for a sweep, as JSON-ready data:
  the story (captions, rules, notes, table cells, from :mod:`autodiff_core.story`)
  written as HTML, and the drawing as one base SVG plus per-step changes
  (:mod:`.drawing`). Linear in the number of steps.
* ``player.js`` / ``player.css`` — the front end, written once. The widget
  (:class:`autodiff_core.widgets.StepThrough`, through anywidget) and the
  exported page (:mod:`.page`) both run it.
"""

from __future__ import annotations

import base64
import gzip
import json
from functools import cache
from importlib.resources import files

from .. import checkpoint_text, story as _story
from ..marks import plain
from ..modes import MODES
from ..notation import decorate, number, var_display
from ..step_text import seed_text
from ..viz.geometry import check_size
from ..viz.labels import html
from ..viz.style import scheme
from .drawing import MAX_NODES, drawing
from . import predict as _predict
from .predict import ask, asks

#: The trace table's headings: the columns every mode has, then each mode's quantity's.
HEADINGS = {
    "node": "node",
    "op": "op",
    "formula": "definition",
    "value": "value w",
    "memory": "memory",
    **{m.column: m.heading for m in MODES.values()},
}
TEXTS = ("caption", "rule", "numbers", "note")


@cache
def asset(name: str) -> str:
    """The text of one of the player's files: ``player.js``, ``table.js``, ``stage.js``,
    ``player.css``."""
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


# the controls and steps; the head; the table; the drawing's pieces, view and overview; presenter
# mode; predict mode; the meter (a sweep's running counts)
MODULE = (
    "player.js",
    "head.js",
    "table.js",
    "pieces.js",
    "stage.js",
    "overview.js",
    "presenter.js",
    "predict.js",
    "meter.js",
)


@cache
def module() -> str:
    """The player's ES module, the one both hosts run: its files joined (they share one
    scope; ``player.js`` exports ``createPlayer`` and ``unpack``)."""
    return "\n".join(asset(name) for name in MODULE)


@cache
def styles() -> str:
    """All of the player's CSS, as both hosts load it: ``player.css`` (the controls, head,
    table and view) and, if present, ``drawing.css`` (the drawing's colours per theme and mode)."""
    parts = ["player.css"] + (["drawing.css"] if files(__package__).joinpath("drawing.css").is_file() else [])
    return "\n".join(asset(name) for name in parts)


def describe(sweep) -> str:
    """One line saying which sweep this is: its mode and seed (a long seed summarised:
    ``ẋ₇ = 1, every other input 0``)."""
    _check_sweep(sweep, "describe")
    g = sweep.graph
    if sweep.kind == "forward":
        names = [decorate(*var_display(n), "dot")[0] for n in sweep.seed]
        return f"forward mode (tangents), seed {seed_text(names, list(sweep.seed.values()))}"
    if sweep.kind == "reverse":
        seeds = ", ".join(f"{g.adjoint_name(g.outputs[k].index)} = {number(v)}" for k, v in sweep.seed.items())
        return f"reverse mode (adjoints), seed {seeds}"
    if sweep.kind == "checkpoint":
        return checkpoint_text.describe(sweep)
    return "evaluation (primal values)"


def columns(kind: str) -> list[str]:
    """The trace table's columns for a sweep kind (checkpointed reverse mode: what memory
    does with each value, too)."""
    return list(MODES[kind].columns)


def meter(sweep, states) -> dict | None:
    """The running counts a player shows beside the drawing, or None for a sweep without
    them: ``{"label", "counts": [{"name", "max"}, ...], "values": [[count, ...] per state]}``.
    A checkpointed sweep's: the values held now, the most held so far (both out of the n a
    plain reverse sweep holds) and the operations recomputed so far (out of all it recomputes)."""
    if not MODES[sweep.kind].memory:
        return None
    n = sweep.length
    return {
        "label": "memory",
        "counts": [
            {"name": "values held now", "max": n},
            {"name": "most held so far", "max": n},
            {"name": "operations recomputed so far", "max": sweep.recomputed},
        ],
        "values": [[st.held, st.peak, st.recomputed] for st in states],
        "note": html(f"plain reverse mode holds {n} value{'' if n == 1 else 's'}"),
    }


def _op(text: str) -> str:
    return f"(·){text}" if text[:1] in "⁰¹²³⁴⁵⁶⁷⁸⁹⁻" else text


def _cell(column: str, text: str) -> str:
    return html(_op(text) if column == "op" else text)


def _check_sweep(sweep, who: str) -> None:
    """TypeError unless ``sweep`` is a sweep (a Graph or a State is a common slip)."""
    if hasattr(sweep, "state") and hasattr(sweep, "n_steps") and hasattr(sweep, "kind"):
        return
    what = type(sweep).__name__
    hint = "give a sweep, e.g. g.reverse(), g.forward('x1') or g.evaluate()"
    if hasattr(sweep, "nodes") and hasattr(sweep, "edges"):
        raise TypeError(f"{who}() takes a sweep, not a {what}: {hint}")
    if hasattr(sweep, "final") and hasattr(sweep, "graph"):
        raise TypeError(f"{who}() takes a whole sweep, not one state ({what}): {hint}")
    raise TypeError(f"{who}() takes a sweep, not {what}: {hint}")


def data(sweep, *, direction: str = "LR", edge_labels: bool = False, title: str | None = None) -> dict:
    """What the player shows for ``sweep`` (all text already escaped HTML)::

        {"kind", "n", "title", "subtitle", "columns", "partial_column", "back", "svg", "pool", "boxes",
         "start": {"caption", "rule", "numbers", "note", "rows", "final", "focus", "node"},
         "steps": [{"caption", "rule", "numbers", "note", "node", "focus", "cells",
                    "slots", "flow", "ask"}, ...]}

    A checkpointed sweep's data also has ``"meter"`` (:func:`meter`'s names of the counts)
    and each step and the start its counts (``"meter": [held, peak, recomputed]``), and a
    step whose flow goes back (an adjoint step) ``"back": true``: its top-level ``"back"`` is
    null, where other sweeps say once which way all their steps flow.

    A step's ``cells`` are ``[row, column, new, old]`` and its ``slots``
    ``[slot, new, old]`` (pool indices), so a player steps both ways. ``focus`` lists
    the nodes a view follows and highlights (every input at forward's seed step; at the
    start, the seeded outputs in reverse mode and the inputs otherwise); ``node`` is the
    first of them (or null). A numbers line that would repeat the rule is ''. ``ask`` is
    what predict mode asks before showing the step (:func:`.predict.ask`), or null.
    Refuses a graph too large (``GraphTooLarge``) before any work."""
    _check_sweep(sweep, "data")
    check_size(sweep.graph, False, MAX_NODES)
    states = list(sweep.states())
    told = _story.story(sweep, states)
    drawn = drawing(sweep, direction=direction, edge_labels=edge_labels, states=states, hide=asks(sweep))
    cols = columns(sweep.kind)
    where = {c: j for j, c in enumerate(cols)}
    asked = where[MODES[sweep.kind].column]  # the column predict mode hides
    start = told["start"]
    steps = []
    for k, (s, d) in enumerate(zip(told["steps"], drawn["steps"]), 1):
        cells = []
        for i, new, old in s["cells"]:
            for c, v in new.items():
                if c in where:
                    cells.append([i, where[c], _cell(c, v), _cell(c, old[c])])
                elif c == "final":
                    cells.append([i, -1, v, old[c]])  # column -1: the row's "final" flag
        steps.append(
            {
                **{t: html(s[t]) for t in TEXTS},
                "node": s["node"],
                "focus": s["focus"],
                "cells": cells,
                "slots": d["slots"],
                "flow": d["flow"],
                "ask": ask(states[k].step, states[k], asked, d["mask"]) if "mask" in d else None,
                **({"back": d["back"]} if "back" in d else {}),
            }
        )
    g = sweep.graph
    colours = scheme(sweep.kind)
    counts = meter(sweep, states)
    if counts is not None:  # each state's counts with it; the names once
        values = counts.pop("values")
        for step, v in zip(steps, values[1:]):
            step["meter"] = v
        start["meter"] = values[0]
    return {
        "version": 1,
        "kind": sweep.kind,
        "n": sweep.n_steps,
        "ink": colours.ink,
        "tint": colours.strong_tint,
        "title": html(title or g.source or _default_title(sweep)),
        "subtitle": html(describe(sweep)),
        "columns": [html(HEADINGS[c]) for c in cols],
        # the column whose cells may be a running sum, marked partial until final; or -1
        "partial_column": asked if MODES[sweep.kind].running_sum else -1,
        "back": MODES[sweep.kind].back,  # every step's flow goes back (null: each step says)
        "names": [plain(nd.name) for nd in g.nodes],  # set as attributes by the DOM, never parsed
        "svg": drawn["svg"],
        "pool": drawn["pool"],
        "boxes": drawn["boxes"],
        "width": drawn["width"],
        "height": drawn["height"],
        "start": {
            **{t: html(start[t]) for t in TEXTS},
            "rows": [[_cell(c, r[c]) for c in cols] for r in start["rows"]],
            "final": [r["final"] for r in start["rows"]],
            "focus": start["focus"],
            "node": start["focus"][0] if start["focus"] else None,
            **({"meter": start["meter"]} if "meter" in start else {}),
        },
        "steps": steps,
        "predict_max": _predict.MAX_STEPS,  # a longer sweep asks nothing: the toggle says why
        **({"meter": counts} if counts is not None else {}),
    }


def _default_title(sweep) -> str:
    return checkpoint_text.title(sweep) if sweep.kind == "checkpoint" else "computation graph"


def pack(data: dict) -> str:
    """The player's data as sent: base64 of gzipped JSON (a tenth of the size or less);
    the player unpacks it with the browser's DecompressionStream."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=6, mtime=0)).decode("ascii")


def unpack(payload: str) -> dict:
    """The inverse of :func:`pack` (for tests and tools)."""
    return json.loads(gzip.decompress(base64.b64decode(payload)).decode("utf-8"))


__all__ = ["asset", "columns", "data", "describe", "pack", "styles", "unpack"]
