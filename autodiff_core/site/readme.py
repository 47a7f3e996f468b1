"""What the index says about the course, read from the course's README (one place).

* the title: the README's first ``# heading``;
* the introduction: the paragraphs between the title and the first ``##`` section
  (less badges and pictures);
* what each lesson teaches: the first Markdown table whose first column names the
  notebooks (`` `03_reverse_mode` ``), its second column;
* the lesson map: the paragraph or list item that begins with ``**Lesson map.**``;
* the Binder link: the first ``https://mybinder.org/...`` link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_ROW = re.compile(r"^\|\s*`?(?P<stem>\d\d_[\w-]+?)(?:\.ipynb)?`?\s*\|(?P<rest>.*)\|\s*$")
_BINDER = re.compile(r"https://mybinder\.org/v2/[^)\s\"']+")


@dataclass
class Course:
    title: str = "Lessons"
    intro: str = ""  # Markdown
    teaches: dict = field(default_factory=dict)  # notebook stem -> Markdown
    lesson_map: str = ""  # Markdown
    binder: str | None = None


def read_course(path: Path) -> Course:
    """The course as its README describes it (anything it lacks stays empty)."""
    text = path.read_text(encoding="utf-8")
    course = Course()
    title = re.search(r"^#\s+(.+)$", text, re.M)
    if title:
        course.title = title[1].strip()
        after = text[title.end() :]
        section = re.search(r"^##\s", after, re.M)
        intro = after[: section.start()] if section else after
        intro = re.sub(r"^\s*!?\[!\[.*$|^\s*!\[.*$", "", intro, flags=re.M)  # badges and pictures
        course.intro = intro.strip()
    for line in text.splitlines():
        row = _ROW.match(line)
        if row and row["stem"] not in course.teaches:
            cells = [c.strip() for c in row["rest"].split(" | ")]
            course.teaches[row["stem"]] = cells[0] if cells else ""
    course.lesson_map = _lesson_map(text)
    binder = _BINDER.search(text)
    course.binder = binder[0] if binder else None
    return course


def _lesson_map(text: str) -> str:
    found = re.search(r"^(?P<indent>\s*(?:[-*]\s+)?)\*\*Lesson map\.\*\*(?P<body>.*)$", text, re.M)
    if not found:
        return ""
    lines = [found["body"].strip()]
    for line in text[found.end() + 1 :].splitlines():
        if not line.strip() or re.match(r"^\s*[-*]\s|^#", line):
            break
        lines.append(line.strip())
    return " ".join(lines)
