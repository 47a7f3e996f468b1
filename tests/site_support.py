"""The course built once per test run, for tests/test_site.py and tests/test_site_browser.py.

`built_site()` executes the repository's lessons and writes the site into a temporary
folder the first time it is called in a process, then returns the same report.
"""

import atexit
import shutil
import tempfile
from functools import cache
from pathlib import Path

from support import REPO, require


@cache
def _build():
    from autodiff_core.site.build import build

    where = Path(tempfile.mkdtemp(prefix="autodiff-site-test-"))
    atexit.register(shutil.rmtree, where, ignore_errors=True)
    return build(REPO / "notebooks", where / "site", readme=REPO / "README.md")


def built_site():
    """The report of the site built from the repository's lessons (its `.out` is the folder)."""
    require(shutil.which("dot"), "the lessons draw with graphviz's `dot` (Debian: apt-get install graphviz)")
    return _build()
