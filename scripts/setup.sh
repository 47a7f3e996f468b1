#!/usr/bin/env bash
# The README's commands:
#   bash scripts/setup.sh lessons [JUPYTER ARGS]  set up, then open lesson 00 in JupyterLab
#   bash scripts/setup.sh site [SITE ARGS]        set up, then build the lessons as a static site in site/
#   bash scripts/setup.sh test [PYTEST ARGS]      set up with the dev tools and Chromium, then run pytest
# Extra pytest arguments can also come from $PYTEST_ARGS (the Makefile passes them that way).
#
# Set-up is idempotent and fast when repeated: the virtual environment is made
# once, system packages are installed only when their program is missing (and
# `apt-get update` runs only then), and pip runs only when a requirements file
# or pyproject.toml is newer than the stamp it left in .venv.
set -euo pipefail

mode=${1:-}
case $mode in
  lessons | test | site) shift ;;
  *) echo "usage: bash scripts/setup.sh lessons|site|test [extra arguments]" >&2; exit 2 ;;
esac

cd "$(dirname "$0")/.."
VENV=.venv
say() { printf '==> %s\n' "$*" >&2; }

# --- system packages --------------------------------------------------------

# Run a command as root: directly, or through passwordless sudo.
can_root() { [ "$(id -u)" = 0 ] || { command -v sudo >/dev/null && sudo -n true 2>/dev/null; }; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then
    say "apt-get update"
    as_root apt-get update -qq
    apt_updated=1
  fi
  say "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# ensure PROGRAM APT_PACKAGE BREW_PACKAGE WHAT_FOR: install PROGRAM if it is
# missing, or explain how to and carry on (the tests that need it then skip
# locally, and fail under CI=true).
ensure() {
  local program=$1 apt_pkg=$2 brew_pkg=$3 what_for=$4
  command -v "$program" >/dev/null && return 0
  if command -v apt-get >/dev/null && can_root; then
    # Not fatal: e.g. Ubuntu has no Debian-style chromium package; the tests say what is missing.
    apt_install "$apt_pkg" || { say "WARNING: apt-get could not install $apt_pkg, needed for $what_for"; return 0; }
  elif [ "$(uname -s)" = Darwin ] && [ -n "$brew_pkg" ] && command -v brew >/dev/null; then
    say "brew install $brew_pkg"
    brew install "$brew_pkg"
  else
    say "WARNING: '$program' is missing; it is needed for $what_for."
    say "         Install it with your package manager, then run this command again, e.g.:"
    command -v apt-get >/dev/null && say "           sudo apt-get install $apt_pkg"
    [ -n "$brew_pkg" ] && say "           brew install $brew_pkg   (macOS)"
    return 0
  fi
  command -v "$program" >/dev/null || say "WARNING: '$program' is still missing after installing it"
}

say "[1/4] system programs: graphviz's dot$([ "$mode" = test ] && echo ", Chromium")"
ensure dot graphviz graphviz "drawing computation graphs"
if [ "$mode" = test ]; then
  # Debian's Chromium, driven by the playwright package (never `playwright install`).
  ensure chromium chromium "" "the browser tests"
fi

# --- virtual environment ----------------------------------------------------

find_python() {
  local p
  for p in ${PYTHON:-} python3 python3.13 python3.12 python3.11; do
    if command -v "$p" >/dev/null && "$p" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$p"; return 0
    fi
  done
  return 1
}

say "[2/4] the Python environment in $VENV"
if ! "$VENV/bin/python" -c '' 2>/dev/null; then
  if ! python=$(find_python); then
    # A bare Debian/Ubuntu (a container, say) may have no Python at all: Debian 12's is 3.11.
    if command -v apt-get >/dev/null && can_root; then
      apt_install python3 python3-venv
    fi
    python=$(find_python) || { say "ERROR: Python 3.11 or newer is needed (set PYTHON=/path/to/python3.x)"; exit 1; }
  fi
  say "creating $VENV with $python"
  rm -rf "$VENV"
  if ! "$python" -m venv "$VENV" 2>/dev/null; then
    # Debian and Ubuntu ship venv's pip in a separate package.
    rm -rf "$VENV"
    command -v apt-get >/dev/null && can_root || { say "ERROR: '$python -m venv' failed; install your distribution's python3-venv package"; exit 1; }
    apt_install "python$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')-venv"
    "$python" -m venv "$VENV"
  fi
fi

# --- Python packages --------------------------------------------------------

# A stamp is fresh when it is newer than every file that says what to install,
# and the package is importable (it is installed editable; -I keeps the
# current directory off sys.path so this really asks the installed copy).
fresh() {
  local f
  [ -e "$1" ] || return 1
  for f in pyproject.toml requirements.txt requirements-dev.txt; do
    [ "$1" -nt "$f" ] || return 1
  done
  "$VENV/bin/python" -I -c 'import importlib.util as u, sys; sys.exit(u.find_spec("autodiff_core") is None)'
}

# What each command installs: an extra of pyproject.toml (the one list), through the
# requirements file that names it where there is one.
case $mode in
  test) what=(-r requirements-dev.txt); stamps=(test) ;;
  site) what=(-e ".[site]"); stamps=(site test) ;;
  *) what=(-r requirements.txt); stamps=(lessons site test) ;;
esac
up_to_date=
for stamp in "${stamps[@]}"; do fresh "$VENV/.installed-$stamp" && up_to_date=1 && break; done
if [ -z "$up_to_date" ]; then
  say "[3/4] installing Python packages: pip install ${what[*]} (the first time takes 1-3 minutes)"
  # pip's own progress, less the lines about what is already there
  "$VENV/bin/python" -m pip install --progress-bar on "${what[@]}" | { grep -v '^Requirement already satisfied' || true; }
  touch "$VENV/.installed-$mode"
else
  say "[3/4] Python packages: up to date"
fi

# --- run --------------------------------------------------------------------

# JupyterLab without its news pop-up over the lesson: settings of this environment only.
lab_settings() {
  "$VENV/bin/python" - <<'PY'
import json, sys
from pathlib import Path

path = Path(sys.prefix, "share", "jupyter", "lab", "settings", "overrides.json")
settings = json.loads(path.read_text()) if path.exists() else {}
notes = settings.setdefault("@jupyterlab/apputils-extension:notification", {})
if notes.get("fetchNews") != "false" or notes.get("checkForUpdates") is not False:
    notes.update({"fetchNews": "false", "checkForUpdates": False})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings, indent=2) + "\n")
PY
}

case $mode in
  lessons)
    lab_settings
    root_flag=
    [ "$(id -u)" = 0 ] && root_flag=--allow-root   # JupyterLab refuses root otherwise
    say "[4/4] starting JupyterLab on lesson 00 (stop it with Ctrl-C)."
    say "      Its address is printed below: http://localhost:PORT/lab/tree/notebooks/00_start_here.ipynb?token=..."
    say "      Your browser opens it; if not, copy it into one."
    exec "$VENV/bin/jupyter" lab $root_flag --LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb ${1+"$@"}
    ;;
  site)
    say "[4/4] executing the lessons and writing the site (under a minute)"
    "$VENV/bin/python" -m autodiff_core site notebooks -o site --readme README.md ${1+"$@"}
    say "open site/index.html in a browser, or put the folder site/ on any static host"
    ;;
  test)
    say "[4/4] running the tests"
    # ${PYTEST_ARGS} is split into words on purpose: `make test PYTEST_ARGS="-k smoke -x"`.
    exec "$VENV/bin/python" -m pytest ${PYTEST_ARGS:-} ${1+"$@"}
    ;;
esac
