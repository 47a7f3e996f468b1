"""The package's version, written in this one place: ``pyproject.toml`` reads it
(``[tool.setuptools.dynamic]``), ``autodiff_core.__version__`` and
``autodiff --version`` show it, CHANGELOG.md says what changed in it."""

__version__ = "0.2.0.dev0"
