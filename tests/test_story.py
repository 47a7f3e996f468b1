"""The step record of a player: replaying each step's changes gives back every
state's caption, rule, note and table, as the sweep itself says (the oracle)."""

import json

import pytest

from autodiff_core import examples, story, trace


def long_chain(n):
    def f(x):
        from autodiff_core import functions as fn

        for _ in range(n):
            x = 0.9 * x + fn.sin(x)
        return x

    return trace(f, x=0.5)


def unknown_as_mark(rows):
    """The sweep's table with unknown cells written "?" (as a player shows them)."""
    return [{c: ("?" if v == "" and c in ("value", "tangent", "adjoint") else v) for c, v in r.items()} for r in rows]


SWEEPS = {
    "f forward": lambda: examples.F.graph().forward("x1"),
    "f reverse": lambda: examples.F.graph().reverse(),
    "f evaluate": lambda: examples.F.graph().evaluate(),
    "y reverse": lambda: examples.Y.graph().reverse(),
    "sum forward": lambda: trace(
        " + ".join(f"x{i}" for i in range(1, 8)), **{f"x{i}": float(i) for i in range(1, 8)}
    ).forward("x3"),
    "chain reverse": lambda: long_chain(20).reverse(),
}


@pytest.mark.parametrize("name", SWEEPS)
def test_replay_gives_every_state(name):
    sweep = SWEEPS[name]()
    data = json.loads(json.dumps(story.story(sweep)))  # survives JSON as it is
    assert data["n"] == sweep.n_steps and len(data["steps"]) == sweep.n_steps
    for k in range(sweep.n_steps + 1):
        st = sweep.state(k)
        shown = story.replay(data, k)
        assert shown["rows"] == story.table(st)
        assert shown["rows"] == unknown_as_mark(st.table())  # the sweep's own table
        assert shown["caption"] == st.caption
        assert shown["caption"].startswith(f"step {k} of {sweep.n_steps}")
        assert shown["rule"] == ("" if st.step is None else st.step.rule)
        assert shown["numbers"] == ("" if st.step is None else st.step.numbers)
        assert shown["note"] == story.note(sweep, st)
        marked = [i for i, r in enumerate(shown["rows"]) if r["current"]]
        assert marked == ([] if st.current is None else [st.current])


def test_a_step_changes_few_cells():
    sweep = long_chain(20).reverse()
    data = story.story(sweep)
    # a step touches the row it marks, the row it unmarks and the row it writes: not O(n)
    assert max(len(s["cells"]) for s in data["steps"][:-1]) <= 3
    # stepping back: each cell's old value is the value before the step
    for k, step in enumerate(data["steps"]):
        before = story.replay(data, k)["rows"]
        for i, _, old in step["cells"]:
            assert all(before[i][c] == v for c, v in old.items())
    with pytest.raises(ValueError, match="outside"):
        story.replay(data, sweep.n_steps + 1)


def test_the_result_is_said_at_the_last_step():
    sweep = examples.F.graph().forward("x1")
    data = story.story(sweep)
    assert data["steps"][-1]["note"].startswith("Result: ∂")
    assert data["start"]["note"].startswith("Seed:")
