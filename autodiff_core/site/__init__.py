"""The lessons as a static site whose step-throughs step in the browser.

``autodiff site notebooks/ -o site/ --readme README.md`` (or
:func:`autodiff_core.site.build.build`) executes every ``NN_*.ipynb``, then writes
an index (the lesson map, from the README) and one page per lesson: its prose
(Markdown, math as MathML), code, outputs and plots, and in place of each
step-through widget the project's player with the widget's own data
(:mod:`.players` finds it in the saved widget state). Pages fetch nothing, so the
site opens from ``file://`` and from any static host.

Modules: :mod:`.build` (execute, write, report), :mod:`.cells` (a notebook's cells
as HTML), :mod:`.markdown`, :mod:`.players`, :mod:`.page` (the page shells),
:mod:`.readme` (what the index says). It lives in the package, not in a script,
so a course of one's own notebooks builds the same way, and it is tested like the
rest. Needs the ``[site]`` extra.
"""

from importlib.util import find_spec

#: What building the site imports beyond the core (nbconvert brings mistune and pygments).
NEEDS = ("nbformat", "nbclient", "mistune", "pygments", "latex2mathml")
_missing = [name for name in NEEDS if find_spec(name) is None]
if _missing:
    raise ModuleNotFoundError(
        f'building the site needs {", ".join(_missing)}, not installed: pip install "autodiff-core[site]"',
        name=_missing[0],
    )
