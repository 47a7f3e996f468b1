"""The step record of a player: replaying each step's changes gives back every
state's caption, rule, note and table, as the sweep itself says (the oracle)."""

import json

import pytest

from autodiff_core import examples, story, trace


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
    "chain reverse": lambda: examples.damped_chain(20).reverse(),
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
        numbers = "" if st.step is None else st.step.numbers
        assert shown["numbers"] == ("" if numbers == shown["rule"] else numbers)  # never the same line twice
        assert shown["note"] == story.note(sweep, st)
        marked = [i for i, r in enumerate(shown["rows"]) if r["current"]]
        assert marked == sorted(st.focus)
        told = data["start"] if k == 0 else data["steps"][k - 1]
        assert told["focus"] == list(st.focus if k else story.start_focus(st))


def test_a_step_changes_few_cells():
    sweep = examples.damped_chain(20).reverse()
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
    assert data["start"]["note"].startswith("Step 1 seeds the inputs' tangents (ẇ⁰₁ = 1, ẇ⁰₂ = 0)")


def test_forward_seeds_every_input_in_one_step_and_reverse_starts_at_the_output():
    g = trace(" + ".join(f"x{i}" for i in range(1, 21)), **{f"x{i}": 1.0 for i in range(1, 21)})
    fwd = story.story(g.forward("x7"))
    assert fwd["n"] == 20 <= 21  # the seed step, then 19 additions
    first = fwd["steps"][0]
    assert first["focus"] == list(g.input_indices) and first["node"] == g.input_indices[0]
    assert first["rule"] == "ẇ⁰₇ = 1, every other input 0" and first["numbers"] == ""
    assert fwd["start"]["focus"] == list(g.input_indices)
    rev = story.story(g.reverse())
    assert rev["start"]["focus"] == list(g.output_indices)
    assert [i for i, r in enumerate(rev["start"]["rows"]) if r["current"]] == list(g.output_indices)
    last = rev["steps"][-1]["note"]
    assert last == "Result: ∂w¹⁹/∂xᵢ = 1 for i = 1…20."  # a long list of results, summarised
