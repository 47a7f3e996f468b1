"""The table of sweep kinds (autodiff_core/modes.py): every mode complete, every sweep's kind
in it, and every layer reading it rather than a copy of its own."""

import ast
import dataclasses
from pathlib import Path

import pytest

from autodiff_core import checkpoint, trace
from autodiff_core.checkpoint_sweep import CheckpointedSweep
from autodiff_core.cli_args import EXPORT_OPTIONS
from autodiff_core.modes import BY_NAME, MODES, Mode, mode
from autodiff_core.player import HEADINGS, data
from autodiff_core.player.theme import css
from autodiff_core.sweeps.states import Sweep
from autodiff_core.viz import style
from autodiff_core.widgets.messages import MODES as WIDGET_MODES

PACKAGE = Path(__file__).resolve().parent.parent / "autodiff_core"


def sweeps():
    """One sweep of every kind the package makes."""
    g = trace("x1*x2 + sin(x1)", x1=2.0, x2=5.0)
    return [g.evaluate(), g.forward("x1"), g.reverse(), CheckpointedSweep(checkpoint.sin_chain(6), k=2)]


def test_every_sweep_class_has_a_mode():
    made = {s.kind for s in sweeps()}
    classes = {c.kind for c in _subclasses(Sweep)}
    assert made == classes == set(MODES)


def _subclasses(cls):
    out = set()
    for sub in cls.__subclasses__():
        out |= {sub} | _subclasses(sub)
    return out


@pytest.mark.parametrize("kind", list(MODES))
def test_every_mode_is_complete(kind):
    m = MODES[kind]
    assert m.kind == kind and mode(kind) is m
    for f in dataclasses.fields(Mode):
        assert getattr(m, f.name) is not None or f.name in ("mark", "back"), f.name
    assert m.field in ("values", "tangents", "adjoints")
    assert (m.mark is None) == (m.quantity is None) == (m.field == "values")
    assert m.heading.startswith(m.column + " ") and m.column in m.columns
    assert m.colours in ("evaluate", "forward", "reverse")
    # what the layers above derive from the entry
    assert m.heading == HEADINGS[m.column] and all(c in HEADINGS for c in m.columns)
    for theme in ("light", "dark"):
        s = style.scheme(kind, theme)
        assert s.title == m.title and s.ink == style.scheme(m.colours, theme).ink
    assert f"[data-kind={kind}]" in css()
    assert style.legend_items(kind)


@pytest.mark.parametrize("sweep", sweeps(), ids=lambda s: s.kind)
def test_a_state_holds_its_quantity_where_its_mode_says(sweep):
    m = MODES[sweep.kind]
    last = sweep.state(sweep.n_steps)
    assert last.quantity == getattr(last, m.field)
    assert all(q is not None for q in last.quantity)
    d = data(sweep)
    assert d["kind"] == sweep.kind
    assert len(d["columns"]) == len(m.columns)
    assert ("meter" in d) == m.memory
    assert any(s["ask"] for s in d["steps"]) == m.predictable


def test_the_modes_a_user_picks_by_name():
    g = trace("sin(x)**2", x=2.0)
    assert BY_NAME == ("evaluate", "forward", "reverse") == WIDGET_MODES
    assert all(getattr(g, k)().kind == k and MODES[k].by_name for k in BY_NAME)
    options = dict(EXPORT_OPTIONS)
    assert tuple(options[("--mode",)]["choices"]) == BY_NAME


def test_an_unknown_kind_is_named():
    with pytest.raises(ValueError, match="no sweep kind 'sideways': the kinds are evaluate, forward"):
        mode("sideways")


# Dicts keyed by sweep kinds that are not a copy of the table: behaviour per kind (the step
# texts' writers) and the colours, which the table names by key (Mode.colours).
KEYED_BY_KIND_ALLOWED = {("step_text.py", "_RULE"), ("step_text.py", "_NUMBERS"), ("style.py", "_COLOURS")}


def _name(stmt) -> str:
    if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name):
        return stmt.targets[0].id
    return getattr(stmt, "name", f"line {stmt.lineno}")


def test_no_module_keeps_its_own_table_of_modes():
    """A dict keyed by two or more sweep kinds outside modes.py is a copy of the table (a
    column, a field, a heading per kind) that a new kind would have to be added to."""
    kinds = set(MODES)
    found = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "modes.py":
            continue
        for stmt in ast.parse(path.read_text(encoding="utf-8")).body:
            for node in ast.walk(stmt):
                keys = {k.value for k in getattr(node, "keys", ()) if isinstance(k, ast.Constant)}
                if isinstance(node, ast.Dict) and len(keys & kinds) >= 2:
                    found.add((path.name, _name(stmt)))
    assert found == KEYED_BY_KIND_ALLOWED
