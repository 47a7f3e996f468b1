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
    ("Ctrl + wheel", "zoom (a plain wheel scrolls the page)"),
    ("F", "presenter mode (Esc leaves)"),
    ("T", "table"),
)

#: The controls, left to right.
CONTROLS: tuple[tuple[str, str], ...] = (
    ("|◀  ◀  ▶ play  ▶  ▶|", "first step, previous step, play / pause, next step, last step"),
    ("slider", "jump to any step"),
    ("speed menu", "time per step while playing: slow, normal, fast, fastest"),
    ("−  +  fit", "zoom the drawing out, in, or to fit; drag it to pan"),
    ("table", "show or hide the trace table"),
    ("⛶", "presenter mode: the drawing and the step's words fill the screen"),
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
        "overview in its corner: click or drag the overview to move.\n\n"
        f"**Keys**, once the player has the focus (click it, or Tab to it):\n\n{keys}\n"
    )


__all__ = ["CONTROLS", "KEYS", "help_items", "help_markdown"]
