"""pytest's shared fixtures: the repository root, and the browser tests' fixtures (a
Chromium page, its console errors, a JupyterLab server, the screenshot folder), for every
test module without an import. Plain helpers live in support.py and browser_support.py."""

from pathlib import Path

import pytest

from browser_support import console_errors, lab, page, screenshot_dir  # fixtures, used by name
from support import REPO


@pytest.fixture(scope="session")
def repo() -> Path:
    """The repository root."""
    return REPO
