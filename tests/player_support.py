"""What the tests of the player's data check for every kind of sweep (tests/test_player.py,
tests/test_checkpoint_player.py): the base drawing patched step by step against the renderer's
frames, and the table's cells replayed against the story's tables."""

import json
import re

from autodiff_core import player, story, viz


def slots_of(svg: str) -> dict:
    """slot -> its SVG group, read from a whole frame."""
    body = svg[: svg.index("<g data-legend")] if "<g data-legend" in svg else svg
    out = {}
    for m in re.finditer(r'<g data-(?:node|edge)="[^"]*" data-slot="(\d+)"', body):
        out[int(m.group(1))] = m.start()
    starts = sorted(out.values()) + [len(body)]
    return {slot: body[pos : starts[starts.index(pos) + 1]] for slot, pos in out.items()}


def assert_patches_give_every_frame(sweep) -> None:
    """Applying each step's slot changes to the base drawing gives, slot for slot, the groups
    the renderer draws for that state from scratch (``viz.frames``), forward and back."""
    d = json.loads(json.dumps(player.data(sweep)))  # as the browser receives it
    frames = viz.frames(sweep)
    shown = list(range(len(sweep.graph) + len(sweep.graph.edges)))
    assert [d["pool"][i] for i in shown] == [slots_of(d["svg"])[i] for i in shown]

    def check(k):
        want = slots_of(frames[k])
        assert {s: d["pool"][shown[s]] for s in want} == want, f"state {k}"

    check(0)
    for k, step in enumerate(d["steps"], 1):  # forward
        for slot, new, old in step["slots"]:
            assert shown[slot] == old
            shown[slot] = new
        check(k)
    for k in range(len(d["steps"]), 0, -1):  # and back
        for slot, _new, old in d["steps"][k - 1]["slots"]:
            shown[slot] = old
        check(k - 1)


def replayed_tables(sweep, d: dict) -> list:
    """Replays the cells of each step of the player's data ``d`` on its start table, each cell's
    old value checked on the way; after step k the table is the story's for state k (its final
    marks, and its cells as the player writes them). Returns (k, step, story's table) per step."""
    cols = player.columns(sweep.kind)
    rows = [list(r) for r in d["start"]["rows"]]
    final = list(d["start"]["final"])
    out = []
    for k, step in enumerate(d["steps"], 1):
        for r, c, new, old in step["cells"]:
            if c < 0:
                assert final[r] == old
                final[r] = new
            else:
                assert rows[r][c] == old
                rows[r][c] = new
        table = story.table(sweep.state(k))
        assert final == [t["final"] for t in table], f"state {k}"
        assert rows == [[player._cell(c, t[c]) for c in cols] for t in table], f"state {k}"
        out.append((k, step, table))
    return out
