"""The package as someone installs it: sdist, the wheel built from it, a fresh venv.

Nothing of the repository is on the path there (the working directory is elsewhere,
PYTHONPATH is cleared), so this checks what the wheel itself carries: the version, the
console command and `python -m autodiff_core`, a page exported with no extra at all,
the widget's one-line advice without its packages, then with `[widgets]` a StepThrough
built and nothing of the lessons' packages installed. pip uses its cache (and the
package index for what is not cached).
"""

import json
import os
import subprocess
import sys
import tarfile
import venv
import zipfile

import pytest

import autodiff_core
from support import REPO, require

pytestmark = pytest.mark.slow


def run(*cmd, cwd, env, timeout=300):
    done = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    return done


def ok(*cmd, cwd, env, timeout=300):
    done = run(*cmd, cwd=cwd, env=env, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(map(str, cmd))}:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    require(
        subprocess.run([sys.executable, "-m", "build", "--version"], capture_output=True).returncode == 0,
        "needs the build package (pip install -e '.[dev]')",
    )
    out = tmp_path_factory.mktemp("dist")
    # `python -m build` makes the sdist, then the wheel from the sdist: the sdist must build.
    ok(sys.executable, "-m", "build", "--outdir", out, REPO, cwd=out, env=os.environ, timeout=600)
    return out


def test_the_sdist_carries_the_package_not_the_tests(dist):
    (sdist,) = dist.glob("autodiff_core-*.tar.gz")
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    assert {"pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md", "autodiff_core/player/player.js"} <= names
    assert not any(n.startswith(("tests/", "notebooks/", "benchmarks/")) for n in names)
    (wheel,) = dist.glob("autodiff_core-*.whl")
    with zipfile.ZipFile(wheel) as z:
        listed = z.namelist()
        meta = z.read(next(n for n in listed if n.endswith(".dist-info/METADATA"))).decode()
        entry = z.read(next(n for n in listed if n.endswith(".dist-info/entry_points.txt"))).decode()
    assert f"Version: {autodiff_core.__version__}" in meta
    assert "autodiff = autodiff_core.cli:main" in entry
    assert {"autodiff_core/player/player.css", "autodiff_core/player/stage.js"} <= set(listed)
    assert 'Requires-Dist: anywidget; extra == "widgets"' in meta


def test_installed_in_a_fresh_venv(dist, tmp_path):
    (wheel,) = dist.glob("autodiff_core-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    py = bin_dir / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
    work = tmp_path / "work"  # far from the repository: only the installed copy can be imported
    work.mkdir()
    ok(py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel, cwd=work, env=env)

    where = ok(py, "-c", "import autodiff_core; print(autodiff_core.__file__)", cwd=work, env=env)
    assert where.startswith(str(env_dir)), where
    assert (
        ok(bin_dir / "autodiff", "--version", cwd=work, env=env).strip() == f"autodiff-core {autodiff_core.__version__}"
    )
    said = ok(
        bin_dir / "autodiff",
        "export",
        "x1*x2 + sin(x1)",
        "x1=2",
        "x2=5",
        "--mode",
        "reverse",
        "-o",
        "p.html",
        cwd=work,
        env=env,
    )
    assert said.startswith("wrote p.html: reverse sweep") and "createPlayer" in (work / "p.html").read_text()
    ok(py, "-m", "autodiff_core", "export", "sin(x**2 + 1)", "x=1.5", "--svg-dir", "slides", cwd=work, env=env)
    assert sorted(p.name for p in (work / "slides").iterdir())[:2] == ["step-000.svg", "step-001.svg"]
    bad = run(bin_dir / "autodiff", "export", "x +", cwd=work, env=env)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1

    # the widget without its packages: which extra to install, not "No module named 'traitlets'"
    missing = run(py, "-c", "import autodiff_core.widgets", cwd=work, env=env)
    assert missing.returncode == 1
    assert 'pip install "autodiff-core[widgets]"' in missing.stderr.splitlines()[-1]

    ok(py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", f"{wheel}[widgets]", cwd=work, env=env)
    made = ok(
        py,
        "-c",
        "from autodiff_core.widgets import StepThrough\n"
        "w = StepThrough('x1*x2 + sin(x1)', x1=2.0, x2=5.0, mode='reverse')\n"
        "print(w.n_steps, len(w.player.payload) > 100)",
        cwd=work,
        env=env,
    )
    assert made.split() == ["5", "True"]
    installed = {p["name"].lower() for p in json.loads(ok(py, "-m", "pip", "list", "--format=json", cwd=work, env=env))}
    assert {"ipywidgets", "anywidget"} <= installed
    assert not installed & {"jupyterlab", "matplotlib", "numpy", "graphviz", "notebook"}  # [widgets] is the widget only
