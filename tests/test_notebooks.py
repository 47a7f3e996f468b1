"""Every lesson runs top to bottom in a fresh kernel, and is committed clean."""

import shutil

import nbformat
import pytest

from support import REPO, jupyter_dirs, require
from notebook_runner import NotebookError, execute

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
each_notebook = pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)


@each_notebook
def test_notebook_runs(path, tmp_path, monkeypatch):
    require(
        shutil.which("dot"),
        "the lessons draw graphs with graphviz's `dot` program "
        "(Debian: apt-get install graphviz; macOS: brew install graphviz)",
    )
    for var, value in jupyter_dirs(tmp_path / "jupyter").items():
        monkeypatch.setenv(var, value)  # the kernel inherits these
    # Run a copy, so files a lesson writes (e.g. an HTML export) stay out of the repository.
    work = tmp_path / "notebooks"
    shutil.copytree(path.parent, work, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    error = None
    try:
        execute(work / path.name)
    except NotebookError as exc:
        error = str(exc)  # failed outside the except block, so it is not shown twice
    if error:
        pytest.fail(error, pytrace=False)


@each_notebook
def test_notebook_is_committed_clean(path):
    nb = nbformat.read(path, as_version=4)
    dirty = [
        i
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert not dirty, f"{path.name}: cells {dirty} have outputs or execution counts; clear them"
    assert "widgets" not in nb.metadata, f"{path.name}: saved widget state in the metadata; clear it"
    assert "sys.path" not in path.read_text(encoding="utf-8"), (
        f"{path.name} touches sys.path; lessons import the installed package"
    )
