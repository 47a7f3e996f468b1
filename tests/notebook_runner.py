"""Execute notebooks top to bottom in a fresh kernel, reporting the failing cell.

Imported by test_notebooks.py, and run as a script by test_binder.py with
another environment's Python (only nbclient and nbformat are needed there):
    python tests/notebook_runner.py NOTEBOOK...
"""

import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbclient.output_widget import OutputWidget

CELL_TIMEOUT = 300  # seconds per cell: generous, a slow CI machine must not flake


class QuietOutput(OutputWidget):
    """nbclient's stand-in for an Output widget, less its echo of each captured output to the
    kernel: that echo is sent on the shell socket, unawaited, while the client polls the same
    socket for the cell's reply, and now and then the reply's wake-up is lost (seen after
    lesson 05's interact: the kernel idle, the runner waiting out the cell timeout). The same
    stand-in as autodiff_core/site/build.py's."""

    def sync_state(self) -> None:
        pass


class NotebookError(Exception):
    """A cell raised: the message names the notebook and the cell, with its source and traceback."""


def execute(path: Path) -> nbformat.NotebookNode:
    """Run the notebook at `path` in a new python3 kernel, working directory beside it."""
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=CELL_TIMEOUT, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.widget_registry = {"@jupyter-widgets/output": {"OutputModel": QuietOutput}}
    try:
        client.execute()
    except CellExecutionError as exc:
        failing = [
            i for i, cell in enumerate(nb.cells) if any(out.output_type == "error" for out in cell.get("outputs", []))
        ]
        # nbclient's message already quotes the cell's source above the traceback.
        traceback = re.sub(r"\x1b\[[0-9;]*m", "", exc.traceback)  # drop terminal colours
        raise NotebookError(
            f"{path.name}, cell {failing[0] if failing else '?'}: {exc.ename}: {exc.evalue}\n{traceback}"
        ) from None
    return nb


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        try:
            execute(Path(arg))
        except NotebookError as exc:
            sys.exit(str(exc))
        print(f"ok {Path(arg).name}", flush=True)
