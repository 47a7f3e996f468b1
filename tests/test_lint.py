"""The code is lint-clean: `ruff check`, configured in pyproject.toml, reports nothing."""

import subprocess
import sys

from conftest import REPO


def test_ruff_check_is_clean():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "."],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
