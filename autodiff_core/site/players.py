"""Step-through widgets in an executed notebook, found in its saved widget state.

A displayed ``StepThrough`` is a widget *view* in a cell's output (``model_id``);
the notebook's metadata holds every model's state. The player inside it is the
model whose state has a ``payload`` (the packed player data, :func:`autodiff_core.player.pack`)
and an ``index``: the very data the widget showed, which the site's page gives to
the same player module. The settings around it (expression, mode, seed) need a
kernel, so the page names them instead of showing controls that could not work.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..player import unpack

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
_REF = "IPY_MODEL_"


@dataclass(frozen=True)
class Found:
    """One player's data as the widget held it."""

    payload: str  # the packed data, as sent to the widget
    index: int  # the step the widget showed
    speed: int | None  # ms per step while playing, if the widget had one
    title: str  # escaped HTML, from the data
    subtitle: str
    predict: bool = False  # the widget was in predict mode


def models(nb) -> dict:
    """model id -> that model's state, from an executed notebook's metadata."""
    saved = nb.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {})
    return {mid: m.get("state", {}) for mid, m in saved.get("state", {}).items()}


def players_in(model_id: str, states: dict) -> list[Found]:
    """The players a view shows, in the order its children are laid out (a StepThrough
    holds one; a box of them, several). Empty if the view shows no player."""
    return [part for kind, part in parts(model_id, states) if kind == "player"]


def parts(model_id: str, states: dict) -> list[tuple[str, object]]:
    """What a widget view shows, in layout order, as far as a page without a kernel can:
    ``("player", Found)``; ``("outputs", [output, ...])`` of an Output widget (what an
    ``interact`` drew at its first setting); ``("html", text)`` of an HTML widget;
    ``("control", description)`` of a slider, box to type in, button or the like. Inside
    a step-through only its players count: its settings need the kernel."""
    found, stack, seen = [], [model_id], set()
    has_player = any(_is_player(s) for s in _tree(model_id, states))
    while stack:
        mid = stack.pop()
        if mid in seen or mid not in states:
            continue
        seen.add(mid)
        state = states[mid]
        name = state.get("_model_name", "")
        if _is_player(state):
            data = unpack(state["payload"])
            speed = state.get("speed")
            found.append(
                (
                    "player",
                    Found(
                        state["payload"],
                        _index(state["index"], data.get("n", 0)),
                        speed if isinstance(speed, int) else None,
                        data.get("title", ""),
                        data.get("subtitle", ""),
                        state.get("predict") is True,
                    ),
                )
            )
        elif has_player:
            pass
        elif name == "OutputModel":
            found.append(("outputs", state.get("outputs", [])))
        elif name in ("HTMLModel", "HTMLMathModel", "LabelModel"):
            if state.get("value"):
                found.append(("html", state["value"]))
        elif "value" in state or name.endswith("ButtonModel"):
            found.append(("control", state.get("description") or name.removesuffix("Model")))
        stack.extend(reversed(_children(state)))
    return found


def _is_player(state: dict) -> bool:
    return isinstance(state.get("payload"), str) and bool(state["payload"]) and "index" in state


def _children(state: dict) -> list[str]:
    return [c[len(_REF) :] for c in state.get("children", []) if isinstance(c, str) and c.startswith(_REF)]


def _tree(model_id: str, states: dict):
    stack, seen = [model_id], set()
    while stack:
        mid = stack.pop()
        if mid in states and mid not in seen:
            seen.add(mid)
            yield states[mid]
            stack.extend(_children(states[mid]))


def _index(k, n: int) -> int:
    return max(0, min(int(k), n)) if isinstance(k, int) and not isinstance(k, bool) else 0
