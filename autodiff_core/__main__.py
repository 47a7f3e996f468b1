"""``python -m autodiff_core``: the command line (see :mod:`autodiff_core.cli`)."""

import sys

from .cli import main

sys.exit(main())
