"""ARCHITECTURE.md's recipe for a new operation, followed: two entries added to a copy of
ops.py (nothing else changed), then everything run on them in a fresh interpreter —
evaluation, the student's functions, typed expressions, rules text, every sweep, Dual,
nested duals, the gradient graph, numpy, the drawing and the player's data. Oracle:
central differences of the entries' own evaluations."""

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECIPE = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")

# the entries, written as the recipe says: evaluation on floats, partials against m, templates
ENTRIES = """
SOFTPLUS = Op("softplus", "softplus", 1, lambda a: math.log1p(math.exp(-abs(a))) + max(a, 0.0),
              (lambda m, a, out: m.sigmoid(a),), "softplus(<0>)", r"\\operatorname{softplus}(<0>)",
              ("σ(<0>)",), (r"\\sigma(<0>)",))
LOGADDEXP = Op("logaddexp", "lae", 2,
               lambda a, b: max(a, b) + math.log1p(math.exp(-abs(a - b))),
               (lambda m, a, b, out: m.exp(a - out), lambda m, a, b, out: m.exp(b - out)),
               "logaddexp(<0>, <1>)", r"\\log(e^{<0>} + e^{<1>})",
               ("exp(<0> − logaddexp(<0>, <1>))", "exp(<1> − logaddexp(<0>, <1>))"),
               (r"e^{<0> - \\log(e^{<0>} + e^{<1>})}", r"e^{<1> - \\log(e^{<0>} + e^{<1>})}"),
               ufuncs=("logaddexp",))
"""

SCRIPT = r"""
import json, math
import numpy as np
import autodiff_core as ad
from autodiff_core.nested_dual import derivative
from autodiff_core.player import data
from autodiff_core.viz import svg

def fd(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)

sp = lambda x: math.log1p(math.exp(-abs(x))) + max(x, 0.0)
lae = lambda a, b: max(a, b) + math.log1p(math.exp(-abs(a - b)))
assert ad.softplus(0.0) == math.log(2) and ad.logaddexp(1.0, 1.0) == 1 + math.log(2)
g = ad.trace("softplus(x) * logaddexp(x, 3*y)", x=0.4, y=-0.2)
f = lambda x, y: sp(x) * lae(x, 3 * y)
grad = g.gradient()
assert abs(grad["x"] - fd(lambda t: f(t, -0.2), 0.4)) < 1e-8, grad
assert abs(grad["y"] - fd(lambda t: f(0.4, t), -0.2)) < 1e-8, grad
assert abs(g.forward("x").derivative - grad["x"]) < 1e-14
assert abs(g.jacobian("forward").matrix[0][1] - grad["y"]) < 1e-14
assert abs(ad.softplus(ad.Dual(0.4, 1.0)).tangent - fd(sp, 0.4)) < 1e-8
assert abs(derivative(lambda t: derivative(ad.softplus, t), 0.4) - fd(lambda t: fd(sp, t, 1e-4), 0.4, 1e-4)) < 1e-6
second = derivative(lambda a: derivative(lambda b: ad.logaddexp(a, b), 0.3), 0.4)
H = ad.trace(lambda a, b: ad.logaddexp(a, b), a=0.4, b=0.3).gradient_graph().hessian().matrix
assert abs(second - H[0][1]) < 1e-12
assert abs(second - fd(lambda a: fd(lambda b: lae(a, b), 0.3, 1e-4), 0.4, 1e-4)) < 1e-6
rules = [st.rule for st in g.reverse().steps] + [st.rule for st in g.forward("x").steps]
assert any("σ(w⁰₁)" in r for r in rules) and any("exp(w⁰₁ − logaddexp(w⁰₁, w¹₂))" in r for r in rules), rules
assert g.formula(2) == "softplus(w⁰₁)" and g.formula(4) == "logaddexp(w⁰₁, w¹₂)" and g.nodes[-2].op_label == "lae"
assert "softplus" in svg(g.reverse().state(2)) and "lae" in svg(g.evaluate().state(5))
assert "softplus" in json.dumps(data(g.reverse()), ensure_ascii=False)
tr = ad.trace(lambda x: np.logaddexp(x, 2.0), x=1.0)
assert tr.nodes[-1].op.name == "logaddexp"
print("ok")
"""


def test_the_recipe_names_the_table_only():
    where = RECIPE[RECIPE.index("## Where to add things") :]
    assert "**An operation**" in where and "`ops.py`" in where and "BUILTIN" in where
    assert "tests/test_add_an_op.py" in where


def test_a_new_op_added_the_documented_way_works_everywhere(tmp_path):
    copy = tmp_path / "autodiff_core"
    shutil.copytree(ROOT / "autodiff_core", copy, ignore=shutil.ignore_patterns("__pycache__"))
    ops = copy / "ops.py"
    text = ops.read_text(encoding="utf-8")
    assert text.count("# fmt: on") == 1 and text.count("HYPOT,\n)") == 1
    text = text.replace("# fmt: on", textwrap.dedent(ENTRIES) + "# fmt: on")
    text = text.replace("HYPOT,\n)", "HYPOT, SOFTPLUS, LOGADDEXP,\n)")
    ops.write_text(text, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 0 and run.stdout.strip() == "ok", run.stderr[-3000:]
