"""The static site's build time and sizes, against plain `jupyter nbconvert --to html --execute`
of the same lessons in the same run.

    .venv/bin/python benchmarks/site.py [--jobs N]

Both execute every lesson in fresh kernels and write one HTML page per lesson. Ours
runs `--jobs` lessons at a time (default: the cores) and makes the step-throughs
players that step in the page; nbconvert runs one at a time, and its pages show the
widgets only with scripts from a CDN (require.js and the widget manager), so offline
they show nothing. The peer is also timed with our builder at one job, so the ratio
at equal parallelism is printed too. Targets (issue 26): build <= 3 min on 2 cores,
a page <= 3 MB, the site <= 25 MB.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from autodiff_core.site.build import build, lessons

REPO = Path(__file__).resolve().parent.parent
# What a browser fetches by itself (a script, an image, a style sheet), not links one may click.
CDN = re.compile(r"""\ssrc\s*=\s*["'](?:https?:)?//|<link\b[^>]*\shref\s*=\s*["'](?:https?:)?//|@import""")


def sizes(folder: Path, pattern: str = "*.html") -> tuple[int, int, int]:
    """(total bytes of every file, the largest page's bytes, references to the network)."""
    pages = list(folder.rglob(pattern))
    total = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    fetches = sum(len(CDN.findall(p.read_text(encoding="utf-8"))) for p in pages)
    return total, max(p.stat().st_size for p in pages), fetches


def nbconvert(notebooks: list[Path], out: Path) -> float:
    work = out.parent / "nbconvert-work"
    shutil.copytree(notebooks[0].parent, work, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.html"))
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--execute", "--output-dir", str(out)]
        + [str(work / p.name) for p in notebooks],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    notebooks = lessons(REPO / "notebooks")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rows = []
        for jobs in sorted({args.jobs, 1}, reverse=True):
            report = build(REPO / "notebooks", tmp / f"site-{jobs}", readme=REPO / "README.md", jobs=jobs)
            rows.append((f"autodiff site, {jobs} job{'s' if jobs > 1 else ''}", report.seconds, *sizes(report.out)))
        peer = nbconvert(notebooks, tmp / "nbconvert")
        rows.append(("jupyter nbconvert --to html --execute", peer, *sizes(tmp / "nbconvert")))
    print(f"{len(notebooks)} lessons, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"{'build':42} {'time':>8} {'site':>9} {'largest page':>13} {'fetches':>9}")
    for name, seconds, total, largest, fetches in rows:
        print(f"{name:42} {seconds:7.1f}s {total / 1e6:8.2f}M {largest / 1e6:12.2f}M {fetches:9d}")
    ours_1 = next(r for r in rows if r[0].endswith(" 1 job"))
    print(f"time ratio at one job (ours / nbconvert): {ours_1[1] / peer:.2f}")
    print(f"size ratio (ours / nbconvert): {rows[0][2] / rows[-1][2]:.2f}")


if __name__ == "__main__":
    main()
