"""Binder: the image repo2docker would build, and a replay of that build here.

When binder/ exists repo2docker ignores the files at the root, so these tests
check binder/ alone: apt.txt, requirements.txt, runtime.txt and postBuild.
"""

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tomllib

import pytest

from support import jupyter_dirs, require

PYTHON = "3.11"  # the version binder/runtime.txt asks for


def requirement_lines(path):
    return {line.split("#")[0].strip() for line in path.read_text().splitlines()} - {""}


def extra(repo, name):
    """The requirements of one of pyproject.toml's extras, other extras of the package expanded."""
    extras = tomllib.loads((repo / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    out = set()
    for req in extras[name]:
        own = re.fullmatch(r"autodiff-core\[(.+)\]", req)
        out |= set().union(*(extra(repo, e.strip()) for e in own[1].split(","))) if own else {req}
    return out


def test_binder_files_agree_with_the_root(repo):
    assert (repo / "binder/runtime.txt").read_text().strip() == f"python-{PYTHON}"
    assert "graphviz" in requirement_lines(repo / "binder/apt.txt")
    # Same dependencies as a local install (the [lessons] extra); the package itself comes from postBuild.
    assert requirement_lines(repo / "requirements.txt") == {"-e .[lessons]"}
    assert requirement_lines(repo / "binder/requirements.txt") == extra(repo, "lessons")
    assert re.search(r"^python -m pip install .*--no-deps \.$", (repo / "binder/postBuild").read_text(), re.M)


def test_repo2docker_dockerfile(repo):
    require(importlib.util.find_spec("repo2docker"), "needs jupyter-repo2docker (pip install -r requirements-dev.txt)")
    # --no-build --debug prints the Dockerfile; no container engine is needed.
    run = subprocess.run(
        [sys.executable, "-m", "repo2docker", "--no-build", "--debug", "."],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    dockerfile = run.stdout
    # runtime.txt picks the conda environment: the log says so, and the Dockerfile
    # copies that version's lock file (its source path escaped: "." is "-2e").
    assert f"Building conda environment for python={PYTHON}" in run.stderr
    lock = re.search(r"^COPY \S+ build_script_files/(\S+) /tmp/env/environment\.lock$", dockerfile, re.M)
    assert lock, "no conda environment lock file in the Dockerfile"
    unescaped = re.sub(r"-([0-9a-f]{2})", lambda m: chr(int(m[1], 16)), lock[1])
    assert f"environment.py-{PYTHON}-linux-" in unescaped
    assert re.search(r"apt-get install .*--no-install-recommends graphviz\b", dockerfile)
    pip_line = 'pip install --no-cache-dir -r "binder/requirements.txt"'
    assert pip_line in dockerfile
    # No local path in the requirements: they install before the repository is
    # copied in, so Docker's cache survives commits.
    copy_repo = re.search(r"^COPY --chown=\S+ src/ \$\{REPO_DIR\}/$", dockerfile, re.M)
    assert copy_repo and dockerfile.index(pip_line) < copy_repo.start()
    assert "RUN ./binder/postBuild" in dockerfile


def installed_apt_packages(names):
    if not shutil.which("dpkg-query"):
        return None
    run = subprocess.run(["dpkg-query", "-W", "-f=${Package} ${Status}\n", *names], capture_output=True, text=True)
    return {line.split()[0] for line in run.stdout.splitlines() if line.endswith(" installed")}


@pytest.mark.slow
def test_binder_build_replay(repo, tmp_path):
    """Binder's build as far as it goes without Docker: apt.txt's packages, a
    fresh environment, binder/requirements.txt, postBuild, then every lesson."""
    apt = sorted(requirement_lines(repo / "binder/apt.txt"))
    installed = installed_apt_packages(apt)
    require(installed is not None, "replaying binder/apt.txt needs dpkg (Debian or Ubuntu)")
    require(set(apt) <= installed, f"binder/apt.txt packages not installed: apt-get install {' '.join(apt)}")

    # The repository as repo2docker copies it in, without this machine's leftovers.
    src = tmp_path / "repo"
    shutil.copytree(
        repo,
        src,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "build", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis", ".ipynb_checkpoints"
        ),
    )
    python = shutil.which(f"python{PYTHON}") or sys.executable
    venv = tmp_path / "venv"
    subprocess.run([python, "-m", "venv", venv], check=True)
    env = {**os.environ, "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}", "VIRTUAL_ENV": str(venv)}
    env.pop("PYTHONPATH", None)

    def run(*cmd, cwd=src):
        done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
        assert done.returncode == 0, f"{' '.join(map(str, cmd))} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        return done.stdout

    # pip's own cache (~/.cache/pip) is used, so a second run is quick.
    run("python", "-m", "pip", "install", "-q", "-r", "binder/requirements.txt")
    (src / "binder/postBuild").chmod(0o755)  # as repo2docker does, then runs it from the root
    run("./binder/postBuild")
    where = run("python", "-c", "import autodiff_core; print(autodiff_core.__file__)", cwd=tmp_path)
    assert where.startswith(str(venv)), f"postBuild did not install autodiff_core (import gave {where.strip()})"

    notebooks = sorted(str(p) for p in (src / "notebooks").glob("*.ipynb"))
    if notebooks:
        env.update(jupyter_dirs(tmp_path / "jupyter"))  # after pip, which caches under XDG_CACHE_HOME
        out = run("python", str(repo / "tests/notebook_runner.py"), *notebooks)
        ran = re.findall(r"^ok \S+\.ipynb", out, re.M)
        assert len(ran) == len(notebooks), out
