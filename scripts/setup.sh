#!/usr/bin/env bash
# One-time (and idempotent) set-up on a fresh Debian/Ubuntu machine with Python 3.11+:
# the system libraries Qt needs, LibreOffice for the office-suite tests, a virtual environment
# with the project and its test/dev extras. Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

pick() {  # Debian 13 renamed some libraries with a t64 suffix; use whichever exists.
  for name in "$@"; do
    if apt-cache show "$name" >/dev/null 2>&1; then echo "$name"; return; fi
  done
  echo "$1"
}

if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  wanted="libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libx11-6 libxcb1 fonts-dejavu-core poppler-utils libreoffice-writer-nogui libreoffice-calc-nogui"
  missing=""
  for p in $wanted; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
  done
  if ! dpkg -s libglib2.0-0 >/dev/null 2>&1 && ! dpkg -s libglib2.0-0t64 >/dev/null 2>&1; then
    missing="$missing GLIB"
  fi
  if [ -n "$missing" ]; then
    echo "Cài các thư viện hệ thống còn thiếu:$missing"
    $SUDO apt-get update -qq
    missing="${missing/GLIB/$(pick libglib2.0-0t64 libglib2.0-0)}"
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.dvcq-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test,dev]"
  touch "$stamp"
fi
