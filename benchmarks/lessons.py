"""How long each lesson takes to run top to bottom, as the tests run it.

Each notebook is executed in a fresh python3 kernel (tests/notebook_runner.py), on a
copy beside the others; the peer, measured in the same run, is a one-cell notebook
executed the same way (kernel start-up and shutdown). Targets (issue 13): a lesson
<= 20 s, all lessons together <= 150 s. Not a timed test: it prints the figures.

    python benchmarks/lessons.py [--repeat 1]
"""

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from notebook_runner import execute  # noqa: E402 (tests/ is not a package)

LESSON_TARGET, SUITE_TARGET = 20.0, 150.0


def seconds(path: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        execute(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per notebook (median)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "notebooks"
        shutil.copytree(REPO / "notebooks", work, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        empty = work / "_empty.ipynb"
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell("1 + 1")]
        nbformat.write(nb, empty)
        peer = seconds(empty, args.repeat)
        print(f"peer: a one-cell notebook, {peer:.2f} s (kernel start-up and shutdown)\n")
        print(f"{'lesson':32} {'seconds':>8} {'/ peer':>7} {'/ target':>9}")
        total = 0.0
        for path in sorted(work.glob("[0-9]*.ipynb")):
            t = seconds(path, args.repeat)
            total += t
            print(f"{path.name:32} {t:8.1f} {t / peer:7.1f} {t / LESSON_TARGET:9.2f}")
        print(f"{'all lessons':32} {total:8.1f} {total / peer:7.1f} {total / SUITE_TARGET:9.2f}")


if __name__ == "__main__":
    main()
