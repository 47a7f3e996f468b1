"""What every lesson promises its reader, read from the committed notebooks (no kernel):
the same opening and closing, the map in lesson 00 covering every lesson, the step-throughs
issue 24 asked for where it asked for them, no text named that the student cannot see, and
every exercise handed out unanswered."""

import re

import nbformat
import pytest

from support import REPO

NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
LESSONS = {p.name[:2]: p for p in NOTEBOOKS}


def cells(number: str, kind: str | None = None) -> list[str]:
    nb = nbformat.read(LESSONS[number], as_version=4)
    return [c.source for c in nb.cells if kind is None or c.cell_type == kind]


def code(number: str) -> str:
    return "\n".join(cells(number, "code"))


@pytest.mark.parametrize("number", sorted(LESSONS))
def test_each_lesson_opens_and_closes_alike(number):
    text = cells(number, "markdown")
    assert "**In this notebook you will**" in text[0], f"lesson {number}: no 'In this notebook you will' box"
    assert any(re.search(r"^## Summary$", md, re.M) for md in text), f"lesson {number}: no '## Summary' heading"
    last = text[-1]
    following = [n for n in sorted(LESSONS) if n > number]
    if following and number != "12":
        assert LESSONS[following[0]].name in last, f"lesson {number}'s summary does not link the next lesson"


def test_lesson_00_maps_every_lesson():
    text = "\n".join(cells("00", "markdown"))
    for number, path in LESSONS.items():
        if number != "00":
            assert f"]({path.name})" in text, f"lesson 00's table does not link {path.name}"


@pytest.mark.parametrize("number", ["02", "03", "06"])
def test_the_seed_examples_are_stepped_in_predict_mode(number):
    assert re.search(r"StepThrough\([^)]*predict=True", code(number)), f"lesson {number}: no predict-mode player"


def test_the_widgets_issue_24_asked_for():
    assert "CheckpointStepThrough(" in code("09")
    assert "StepThrough(" in code("04")
    assert "FloatLogSlider" in code("05")
    assert "primitive(" in code("12") and "check_partials(" in code("12")
    checks = re.findall(r"^check_\w+\(", code("12"), re.M)
    assert len(checks) >= 3, f"lesson 12 has {len(checks)} checked exercises"


UNSEEN = re.compile(r"\bseed texts?\b|\bthe review\b|\bthe issue\b|/work/|shared/|\bissue \d+", re.I)


@pytest.mark.parametrize("number", sorted(LESSONS))
def test_no_lesson_names_a_text_the_student_cannot_see(number):
    for i, source in enumerate(cells(number)):
        found = UNSEEN.search(source)
        assert not found, f"lesson {number} cell {i} names {found.group(0)!r}"


@pytest.mark.parametrize("number", sorted(LESSONS))
def test_every_exercise_is_handed_out_unanswered(number):
    """The variable an exercise's check reads starts as None in the committed lesson."""
    for source in cells(number, "code"):
        for line in source.splitlines():
            found = re.match(r"(\w*answer\w*|my_\w+)\s*=\s*(?!None\b)(\S.*)", line)
            assert not found, f"lesson {number}: {line.strip()!r} gives an answer away"
