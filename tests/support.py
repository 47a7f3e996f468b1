"""What the tests share, importable from anywhere (tests, benchmarks, scripts): the
repository's paths, `require` for external programs, and private Jupyter directories.

Test modules import them with ``from support import require`` (pytest puts this folder on
sys.path, as tests/ is not a package)."""

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI") == "true"


def require(condition, reason: str) -> None:
    """Stop the test unless `condition` holds: fail in CI, where nothing may be
    skipped silently; skip elsewhere, so a laptop without Chromium or `dot`
    still runs everything else. `reason` should say how to get what is missing."""
    if not condition:
        if IN_CI:
            pytest.fail(f"CI=true and {reason}", pytrace=False)
        pytest.skip(reason)


def jupyter_dirs(base: Path) -> dict:
    """Environment variables that put every Jupyter/IPython/XDG/matplotlib
    directory under `base`, so kernels and servers started by tests neither
    read the user's settings and kernelspecs nor write into their home."""
    env = {}
    for var in (
        "JUPYTER_CONFIG_DIR",
        "JUPYTER_DATA_DIR",
        "JUPYTER_RUNTIME_DIR",
        "IPYTHONDIR",
        "XDG_CONFIG_HOME",
        "XDG_CACHE_HOME",
        "MPLCONFIGDIR",
    ):
        path = base / var.lower()
        path.mkdir(parents=True, exist_ok=True)
        env[var] = str(path)
    return env
