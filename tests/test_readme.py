"""The README's example session runs as printed, and its commands are the real ones."""

import doctest
import re
import shlex

from autodiff_core.cli import main
from support import REPO


def test_readme_examples():
    result = doctest.testfile(str(REPO / "README.md"), module_relative=False, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 6
    assert result.failed == 0


def instructor_routes():
    """The (route, command) rows of the README's "For instructors" table."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## For instructors") :]
    return re.findall(r"^\| \*\*(\w+)\*\* \| `([^`]+)` \|", section, re.M)


def test_the_three_routes_for_instructors(tmp_path, monkeypatch):
    """Site, page and slides: one command each, and each one works as written."""
    routes = dict(instructor_routes())
    assert set(routes) == {"Site", "Page", "Slides"}
    modes = re.search(r"^\s+lessons \| test \| site\) shift ;;$", (REPO / "scripts/setup.sh").read_text(), re.M)
    assert routes["Site"] == "bash scripts/setup.sh site" and modes
    monkeypatch.chdir(tmp_path)
    for route in ("Page", "Slides"):
        words = shlex.split(routes[route])
        assert words[:2] == ["autodiff", "export"]
        assert main(words[1:]) == 0, route
    assert (tmp_path / "reverse.html").stat().st_size > 10_000
    assert sorted(p.name for p in (tmp_path / "slides").iterdir()) == [f"step-00{k}.svg" for k in range(6)]


def test_the_readme_commands_are_the_setup_scripts():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    for mode in ("lessons", "site", "test"):
        assert f"bash scripts/setup.sh {mode}" in text
        assert f"make {mode}" in text and f"\n{mode}:" in (REPO / "Makefile").read_text()
    assert "bash scripts/setup.sh test" in (REPO / ".ci/run").read_text()  # CI runs the README's test command
