"""How to use the step-through player, written once: the player's own help line (widget and
exported page) shows :data:`KEYS`, and a lesson can print :func:`help_markdown`."""

from __future__ import annotations

#: The keys (once the player has the focus: click it or Tab to it) and what they do.
KEYS: tuple[tuple[str, str], ...] = (
    ("← →", "step"),
    ("Home End", "first / last step"),
    ("Space", "play / pause"),
    ("+ − 0", "zoom in / out / fit"),
    ("Shift + arrows", "pan"),
    ("Ctrl/⌘ + wheel", "zoom (a plain wheel scrolls the page)"),
    ("F", "presenter mode (Esc leaves)"),
    ("T", "table"),
    ("P", "predict mode"),
)

#: The controls, left to right.
CONTROLS: tuple[tuple[str, str], ...] = (
    ("|◀  ◀  ▶ play  ▶  ▶|", "first step, previous step, play / pause, next step, last step"),
    ("slider", "jump to any step"),
    ("speed menu", "time per step while playing: slow, normal, fast, fastest"),
    ("−  +  fit", "zoom the drawing out, in, or to fit; drag it to pan"),
    ("table", "show or hide the trace table"),
    ("predict", "predict mode: type each step's number before the player shows it"),
    ("presenter", "presenter mode: the drawing and the step's words fill the screen"),
)

#: Predict mode, in Markdown: what it asks, how it grades, what it counts.
PREDICT = (
    "**Predict mode** (the `predict` button, or P) hides each step's number until you have "
    "predicted it. Step on (→, ▶, or Enter in the box): the step's node shows ?, so does its row "
    "in the table, and the line under the rule asks, e.g. `ẇ¹₁ = ?`. Type your number into *your "
    "prediction* and press Enter. It is right if it is the number as the player shows it (6 "
    "significant digits) or within a millionth of it; then the step is shown. A wrong number gets "
    "a hint, the step's rule with the numbers it reads and the result left out: try again, or "
    "*reveal*. In reverse mode a step asks for the contribution it adds (`w̄⁰₁ += ?`), not the "
    "adjoint's new total, and the running total is hidden meanwhile; forward mode's seed step "
    "and an input's value have nothing to predict and just play. The score, *k of n right*: n steps "
    "answered or revealed, k of them right at the first try. It all happens in the browser: no "
    "kernel needed."
)


def help_items() -> list[list[str]]:
    """:data:`KEYS` as JSON-ready pairs, for the player's help line."""
    return [list(pair) for pair in KEYS]


def help_markdown() -> str:
    """The player described in Markdown: its controls, then its keys."""
    controls = "\n".join(f"- `{what}`: {does}" for what, does in CONTROLS)
    keys = "\n".join(f"- `{key}`: {does}" for key, does in KEYS)
    return (
        "The step-through player shows one step of a sweep at a time: the step's caption, its "
        "rule and the rule with numbers, the drawing (the current node highlighted and followed) "
        "and the trace table.\n\n"
        f"**Controls**, left to right:\n\n{controls}\n\n"
        "A drawing too big for its view opens on the current node at a readable size, with an "
        "overview in its corner: click or drag the overview to move. **Presenter mode** gives the "
        "player the whole screen, in large type, for a lecture hall.\n\n"
        f"{PREDICT}\n\n"
        f"**Keys**, once the player has the focus (click it, or Tab to it):\n\n{keys}\n"
    )


__all__ = ["CONTROLS", "KEYS", "PREDICT", "help_items", "help_markdown"]
