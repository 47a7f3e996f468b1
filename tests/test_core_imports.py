"""The core uses the standard library only and has no import-time side effects."""

import subprocess
import sys

HEAVY = ("numpy", "graphviz", "ipywidgets", "matplotlib", "IPython", "traitlets")


def test_core_imports_nothing_heavy():
    code = (
        "import sys, autodiff_core; "
        "from autodiff_core import examples; examples.F.graph().reverse().steps[:]; "
        f"print([m for m in {HEAVY!r} if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert out.stderr == ""
