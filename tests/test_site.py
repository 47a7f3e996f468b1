"""The static site: a small course of two notebooks built and read back, then the real lessons.

The small course checks each piece against an independent oracle: the player data on a
page is what `player.data` makes for the same sweep, at the step the widget was left on;
math is MathML; links between lessons point at pages; the Binder badge and remote images
are not fetched. The real build checks every lesson has its page, the players the
widgets had, and the size limits (a lesson <= 3 MB, the site <= 25 MB).
"""

import json
import re
import shutil

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from autodiff_core import examples, player
from autodiff_core.cli import main
from autodiff_core.site import build as build_module
from autodiff_core.site.build import BuildError, build, lessons
from autodiff_core.site.markdown import math, renderer, slug
from autodiff_core.site.readme import read_course
from support import REPO, require
from site_support import built_site

BADGE = "[![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/o/r/HEAD?urlpath=lab/tree/notebooks/00_intro.ipynb)"
README = """# A tiny course

[![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/o/r/HEAD?urlpath=lab/tree/notebooks/00_intro.ipynb)

Two lessons about *one* graph.

![a picture](docs/x.png)

## The lessons

| Notebook | What it teaches |
| --- | --- |
| `00_intro` | The graph, stepped in **reverse** |
| `01_next` | More of it |

## For instructors

- **Lesson map.** 00 first, then 01.
  That is all.
- **Other.** Not the map.
"""

# Markup that must never be in a page: anything the browser would fetch from the network.
FETCHES = re.compile(
    r"""(?:src|srcset|poster|data)\s*=\s*["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import""", re.I
)


def small_course(folder):
    folder.mkdir()
    intro = new_notebook(
        cells=[
            new_markdown_cell(f"{BADGE}\n\n# 00 · Intro\n\nThe rule $y = x^2$ and\n\n$$\\frac{{dy}}{{dx}} = 2x$$"),
            new_markdown_cell("Next: [01 Next](01_next.ipynb#more). ![remote](https://example.org/x.png) <b>bold</b>"),
            new_code_cell("from autodiff_core import examples\nfrom autodiff_core.widgets import StepThrough"),
            new_code_cell('w = StepThrough(examples.Y, mode="reverse")\nw.index = 2\nw'),
            new_code_cell("print('1 < 2 & <b>')"),
            new_code_cell(
                "from ipywidgets import FloatSlider, HTML, interact\n"
                "interact(lambda h: print(f'h is {h}'), h=FloatSlider(value=0.25, description='step h'));"
            ),
            new_code_cell("HTML('<i>an HTML widget</i>')"),
        ]
    )
    nbformat.write(intro, folder / "00_intro.ipynb")
    nbformat.write(
        new_notebook(cells=[new_markdown_cell("# 01 · Next\n\n## More\n\n## More")]), folder / "01_next.ipynb"
    )
    (folder / "notes.ipynb").write_text("not a lesson: no number")
    readme = folder.parent / "README.md"
    readme.write_text(README)
    return readme


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    require(shutil.which("dot"), "the widget draws with graphviz's `dot` (Debian: apt-get install graphviz)")
    base = tmp_path_factory.mktemp("course")
    readme = small_course(base / "notebooks")
    report = build(base / "notebooks", base / "site", readme=readme, jobs=2)
    return report


def test_the_small_course(small):
    out = small.out
    assert sorted(p.name for p in out.iterdir()) == ["00_intro.html", "01_next.html", "index.html", "notebooks"]
    assert sorted(p.name for p in (out / "notebooks").iterdir()) == ["00_intro.ipynb", "01_next.ipynb"]
    page = (out / "00_intro.html").read_text(encoding="utf-8")
    assert '<a href="01_next.html#more">01 Next</a>' in page
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">' in page and "<mfrac>" in page
    assert "badge_logo.svg" not in page and not FETCHES.search(page)
    assert '<span class="remote-image">remote</span>' in page and "<b>bold</b>" in page
    assert "1 &lt; 2 &amp; &lt;b&gt;" in page  # what a cell printed is escaped
    # other widgets: what an interact drew at its first setting, its control named; HTML widgets' text
    assert "h is 0.25" in page and "the controls here (step h)" in page
    assert "<i>an HTML widget</i>" in page and small.skipped == ["00_intro.ipynb: controls: step h"]
    assert 'href="https://mybinder.org/v2/gh/o/r/HEAD?urlpath=lab/tree/notebooks/00_intro.ipynb"' in page
    assert 'href="notebooks/00_intro.ipynb"' in page  # where the runnable notebook is
    # the player: the widget's own data, at the step the widget was left on
    players = json.loads(re.search(r"const players = (\[.*?\]);\n", page)[1])
    assert len(players) == 1 and players[0]["index"] == 2
    want = player.data(examples.Y.graph().reverse())
    assert player.unpack(players[0]["payload"]) == json.loads(json.dumps(want))
    assert page.count("export function createPlayer") == 1  # the module once per page
    second = (out / "01_next.html").read_text(encoding="utf-8")
    assert 'id="more"' in second and 'id="more-1"' in second and "createPlayer" not in second
    assert 'href="https://mybinder.org/v2/gh/o/r/HEAD?urlpath=lab/tree/notebooks/01_next.ipynb"' in second
    assert 'rel="prev" href="00_intro.html"' in second


def test_the_index_reads_the_readme(small):
    index = (small.out / "index.html").read_text(encoding="utf-8")
    assert "<title>A tiny course</title>" in index and "Two lessons about <em>one</em> graph." in index
    assert "docs/x.png" not in index and "badge_logo" not in index
    assert re.search(r'<a href="00_intro.html">Intro</a></td><td>The graph, stepped in <strong>reverse</strong>', index)
    assert '<a href="01_next.html">Next</a>' in index
    assert "00 first, then 01. That is all." in index and "Not the map" not in index


def test_readme_of_the_repository_names_every_lesson():
    course = read_course(REPO / "README.md")
    stems = [p.stem for p in lessons(REPO / "notebooks")]
    assert set(stems) <= set(course.teaches), "a lesson is missing from the README's table"
    assert course.lesson_map and course.title


def test_markdown_pieces():
    md = renderer({"03_reverse_mode"})
    assert md("[x](03_reverse_mode.ipynb)").strip() == '<p><a href="03_reverse_mode.html">x</a></p>'
    assert 'href="04_other.ipynb"' in md("[x](04_other.ipynb)")  # not a page of this site: left alone
    assert "<msup>" in math("x^2", False) and 'display="inline"' in math("x^2", False)
    assert math("\\frac{", True).startswith('<code class="tex">') or "<math" in math("\\frac{", True)
    assert slug("1. The chain rule, <em>again</em>") == "1-the-chain-rule-again"


def test_a_failing_lesson_is_one_line(tmp_path, capsys):
    folder = tmp_path / "nb"
    folder.mkdir()
    nbformat.write(new_notebook(cells=[new_code_cell("1/0")]), folder / "00_bad.ipynb")
    with pytest.raises(BuildError, match=r"00_bad.ipynb, cell 0: ZeroDivisionError"):
        build(folder, tmp_path / "site")
    assert main(["site", str(folder), "-o", str(tmp_path / "site")]) == 1
    assert capsys.readouterr().err.startswith("error: 00_bad.ipynb, cell 0: ZeroDivisionError")
    assert not (tmp_path / "site").exists()
    assert main(["site", str(tmp_path / "none"), "-o", str(tmp_path / "site")]) == 1
    assert main(["site", str(folder), "--readme", str(tmp_path / "nope.md")]) == 2


@pytest.mark.slow
def test_the_lessons_build():
    report = built_site()
    stems = [p.stem for p in lessons(REPO / "notebooks")]
    assert sorted(report.pages) == sorted([f"{s}.html" for s in stems] + ["index.html"])
    assert max(report.pages.values()) <= 3_000_000 and report.total <= 25_000_000
    index = (report.out / "index.html").read_text(encoding="utf-8")
    for stem in stems:
        assert f'href="{stem}.html"' in index
        text = (report.out / f"{stem}.html").read_text(encoding="utf-8")
        assert not FETCHES.search(text), stem
        source = (REPO / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8")
        if "StepThrough(" in source:  # every lesson with a widget has players that step
            players = json.loads(re.search(r"const players = (\[.*?\]);\n", text)[1])
            assert players, stem
            for p in players:
                data = player.unpack(p["payload"])
                assert data["n"] == len(data["steps"]) and 0 <= p["index"] <= data["n"]
        assert "An interactive widget is here" not in text, f"{stem}: a widget the site cannot show at all"


def test_a_cell_that_never_answers_runs_again_once(tmp_path, monkeypatch, capsys):
    """After CELL_TIMEOUT the notebook runs again in a fresh kernel; a second time, one line."""
    monkeypatch.setattr(build_module, "CELL_TIMEOUT", 5)
    folder = tmp_path / "nb"
    folder.mkdir()
    once = (
        "import os, time\n"
        "if not os.path.exists('ran'):  # the first run hangs, the second does not\n"
        "    open('ran', 'w').close()\n"
        "    time.sleep(60)\n"
        "print('ran again')"
    )
    nbformat.write(new_notebook(cells=[new_code_cell(once)]), folder / "00_slow.ipynb")
    report = build(folder, tmp_path / "site")
    assert "ran again" in (report.out / "00_slow.html").read_text(encoding="utf-8")
    assert "00_slow.ipynb: a cell did not finish in 5 s; running it again" in capsys.readouterr().err
    nbformat.write(new_notebook(cells=[new_code_cell("import time; time.sleep(60)")]), folder / "00_slow.ipynb")
    with pytest.raises(BuildError, match=r"^00_slow.ipynb: .*5 seconds.*\(tried 2 times\)$"):
        build(folder, tmp_path / "site2")
