"""Is graphviz's ``dot`` program installed? Detected once, said once when it is not."""

import shutil
import warnings

INSTALL_HINT = (
    "To install graphviz: apt-get install graphviz (Debian/Ubuntu), "
    "brew install graphviz (macOS), or conda install -c conda-forge graphviz."
)
MISSING_DOT = (
    "graphviz's `dot` program was not found, so graphs are laid out by the "
    "built-in Python layout (same information, simpler routing). " + INSTALL_HINT
)


class MissingDotWarning(UserWarning):
    """Shown once per session when ``dot`` is missing."""


_found: str | None | bool = False  # False: not looked yet; None: looked, missing
_warned = False


def dot_path() -> str | None:
    """The path of ``dot``, looked up once with shutil.which."""
    global _found
    if _found is False:
        _found = shutil.which("dot")
    return _found


def has_dot() -> bool:
    """True when graphviz's ``dot`` program is on PATH (detected once, cached)."""
    return dot_path() is not None


def reset_dot_detection() -> None:
    """Forget the cached detection and the warning (for tests that hide ``dot``)."""
    global _found, _warned
    _found, _warned = False, False


def warn_missing_dot() -> None:
    """Say once, clearly, that ``dot`` is missing and how to install it."""
    global _warned
    if not _warned:
        _warned = True
        warnings.warn(MISSING_DOT, MissingDotWarning, stacklevel=3)
