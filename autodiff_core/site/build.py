"""Build the site: execute the lessons, write one page per lesson and the index.

``build(Path("notebooks"), Path("site"), readme="README.md")`` runs every
``NN_*.ipynb`` of the folder (a copy of it, so nothing a lesson writes lands in
the repository) in fresh kernels, a few at a time, with the widget state saved,
then writes ``site/index.html``, ``site/NN_name.html`` per lesson and the clean
notebooks in ``site/notebooks/`` for download. The lesson map comes from the
README's lesson table (one place, which the lessons' authors keep), if given.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError
from nbclient.output_widget import OutputWidget

from . import page
from .cells import render
from .markdown import renderer
from .readme import Course, read_course

LESSON = re.compile(r"^(?P<number>\d\d)_[\w-]+\.ipynb$")
# A lesson's cell takes seconds; after CELL_TIMEOUT the notebook runs again in a fresh
# kernel, RETRIES times at most (see _QuietOutput for the one cause seen here).
CELL_TIMEOUT = 120
RETRIES = 1


class _QuietOutput(OutputWidget):
    """nbclient's stand-in for a front end's Output widget, less its echo to the kernel.

    The stand-in sends each captured output back on the shell channel without awaiting the
    send, while the client awaits the cell's reply on that same socket: now and then (after
    an ``interact``, whose Output widget captures the first plot) that reply is never seen,
    the kernel idle, and the build waits for the cell timeout. The kernel does not need the
    echo; the captured outputs still land in the saved widget state."""

    def sync_state(self) -> None:
        pass


RUN_HERE = "on your machine, <code>bash scripts/setup.sh lessons</code> in a clone of the course (its README says more)"


class BuildError(Exception):
    """A lesson failed to run, or the folder holds none: said in one line, with the cell."""


@dataclass
class Report:
    """What was built: the pages and their sizes, the time it took."""

    out: Path
    pages: dict = field(default_factory=dict)  # file name -> bytes
    players: int = 0
    seconds: float = 0.0
    skipped: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(f.stat().st_size for f in self.out.rglob("*") if f.is_file())

    def __str__(self) -> str:
        biggest = max(self.pages, key=self.pages.get)
        return (
            f"wrote {self.out}{os.sep}: {len(self.pages) - 1} lessons and the index, {self.players} players, "
            f"{self.total / 1e6:.1f} MB in all (largest page {biggest}, {self.pages[biggest] / 1e6:.2f} MB), "
            f"in {self.seconds:.0f} s. Open {self.out / 'index.html'}"
        )


def lessons(folder: Path) -> list[Path]:
    """The lessons of a folder: ``NN_name.ipynb``, in their numbers' order."""
    return sorted(p for p in Path(folder).iterdir() if LESSON.match(p.name))


def build(
    notebooks: Path, out: Path, *, readme=None, binder: str | None = None, jobs: int | None = None, execute=True
) -> Report:
    """Execute the lessons in ``notebooks`` and write the site into ``out`` (replacing it)."""
    start = time.perf_counter()
    paths = lessons(notebooks) if Path(notebooks).is_dir() else []
    if not paths:
        raise BuildError(f"no lessons (NN_name.ipynb) in {notebooks}")
    course = read_course(Path(readme)) if readme else Course()
    executed = run_all(paths, jobs or os.cpu_count() or 1) if execute else [nbformat.read(p, 4) for p in paths]
    stems = {p.stem for p in paths}
    tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=Path(out).resolve().parent))
    try:
        out = Path(out)
        report = Report(out=out)
        rendered = [render(nb, stems) for nb in executed]
        titles = [r.title or p.stem for r, p in zip(rendered, paths)]
        (tmp / "notebooks").mkdir()
        for k, (path, r) in enumerate(zip(paths, rendered)):
            nav = {
                "prev": (f"{paths[k - 1].stem}.html", titles[k - 1]) if k else None,
                "next": (f"{paths[k + 1].stem}.html", titles[k + 1]) if k + 1 < len(paths) else None,
            }
            r.binder = r.binder or _binder_for(binder or course.binder, path.name)
            text = page.lesson(r, stem=path.stem, course=course.title, nav=nav, run_here=RUN_HERE)
            report.pages[f"{path.stem}.html"] = _write(tmp / f"{path.stem}.html", text)
            report.players += len(r.players)
            report.skipped += [f"{path.name}: {s}" for s in r.skipped]
            shutil.copy2(path, tmp / "notebooks" / path.name)
        md = renderer(stems)
        rows = [
            {
                "href": f"{p.stem}.html",
                "number": LESSON.match(p.name)["number"],
                "title": re.sub(r"^\d\d\s*[·.:–-]\s*", "", t),  # the number has its own column
                "teaches": md(course.teaches.get(p.stem, "")).strip().removeprefix("<p>").removesuffix("</p>"),
            }
            for p, t in zip(paths, titles)
        ]
        text = page.index(
            course=course.title,
            intro=md(course.intro),
            rows=rows,
            lesson_map=md(course.lesson_map),
            run_here=RUN_HERE,
            binder=binder or course.binder,
        )
        report.pages["index.html"] = _write(tmp / "index.html", text)
        if Path(out).exists():
            shutil.rmtree(out)
        tmp.rename(out)
        out.chmod(0o755)  # mkdtemp made it private; a static host serves it to everyone
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    report.seconds = time.perf_counter() - start
    return report


def _write(path: Path, text: str) -> int:
    data = text.encode("utf-8")
    path.write_bytes(data)
    return len(data)


def _binder_for(link: str | None, name: str) -> str | None:
    """The course's Binder link, pointed at one notebook (its ``urlpath`` ends in the notebook's name)."""
    if not link:
        return None
    return re.sub(r"(urlpath=[^&]*/)[^/&]+\.ipynb", lambda m: m[1] + name, link)


# -- execution ---------------------------------------------------------------------------------------
def run_all(paths: list[Path], jobs: int) -> list:
    """Execute the notebooks, ``jobs`` at a time, in a copy of their folder."""
    with tempfile.TemporaryDirectory(prefix="autodiff-site-") as tmp:
        work = Path(tmp) / "notebooks"
        shutil.copytree(paths[0].parent, work, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.html"))
        run = partial(asyncio.run, _run_all([work / p.name for p in paths], max(1, jobs)))
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # no loop here: the usual case
            return run()
        with ThreadPoolExecutor(1) as thread:  # in a notebook (or under playwright) a loop runs already
            return thread.submit(run).result()


async def _run_all(paths: list[Path], jobs: int) -> list:
    gate = asyncio.Semaphore(jobs)

    async def one(path: Path):
        async with gate:
            for attempt in range(1 + RETRIES):
                try:
                    return await _execute(path)
                except CellTimeoutError as err:
                    if attempt == RETRIES:
                        raise BuildError(
                            f"{path.name}: {str(err).splitlines()[0]} (tried {attempt + 1} times)"
                        ) from None
                    print(f"{path.name}: a cell did not finish in {CELL_TIMEOUT} s; running it again", file=sys.stderr)

    return await asyncio.gather(*(one(p) for p in paths))


async def _execute(path: Path):
    """One notebook executed in a fresh kernel (its widget state saved)."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        extra_arguments=["--IPKernelApp.log_level=ERROR"],  # not its warning about local TCP
        store_widget_state=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.widget_registry = {"@jupyter-widgets/output": {"OutputModel": _QuietOutput}}
    try:
        await client.async_execute()
    except CellExecutionError as err:
        failing = [i for i, c in enumerate(nb.cells) if any(o.output_type == "error" for o in c.get("outputs", []))]
        where = f"cell {failing[0]}" if failing else "a cell"
        raise BuildError(f"{path.name}, {where}: {err.ename}: {err.evalue}") from None
    return nb
