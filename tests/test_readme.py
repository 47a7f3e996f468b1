"""The README's example session runs as printed."""

import doctest

from conftest import REPO


def test_readme_examples():
    result = doctest.testfile(str(REPO / "README.md"), module_relative=False, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 6
    assert result.failed == 0
