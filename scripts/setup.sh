#!/usr/bin/env bash
# One-time (and idempotent) set-up on a fresh Debian/Ubuntu machine with Python 3.11+:
# the system libraries Qt needs; what the tests call (LibreOffice, pdftotext, fc-match,
# desktop-file-validate, appstreamcli); a font metric-compatible with Times New Roman, which the
# reports use (without it LibreOffice substitutes a wider serif and the report header wraps); a
# virtual environment with the project and its test/dev extras. Safe to run again: it only does
# what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

pick() {  # Debian 13 renamed some libraries with a t64 suffix; use whichever exists.
  for name in "$@"; do
    if apt-cache show "$name" >/dev/null 2>&1; then echo "$name"; return; fi
  done
  echo "$1"
}

installed() {  # dpkg -s also succeeds for a removed package whose config files remain;
  # with a foreign architecture added (i386 for Wine) a library is listed once per architecture.
  dpkg-query -W -f='${db:Status-Status}\n' "$1" 2>/dev/null | grep -x installed >/dev/null
}

if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  # Qt's libraries; fontconfig (fc-match) and poppler-utils (pdftotext) and LibreOffice for the
  # office-suite tests; desktop-file-utils and appstream validate the Linux desktop files.
  wanted="libegl1 libgl1 libxkbcommon0 libfontconfig1 fontconfig libdbus-1-3 libx11-6 libxcb1 fonts-dejavu-core poppler-utils libreoffice-writer-nogui libreoffice-calc-nogui desktop-file-utils appstream"
  missing=""
  for p in $wanted; do
    installed "$p" || missing="$missing $p"
  done
  if ! installed libglib2.0-0 && ! installed libglib2.0-0t64; then
    missing="$missing GLIB"
  fi
  # Liberation 2 (Liberation Serif: Times New Roman's metrics, with Vietnamese). Debian 12 and
  # Ubuntu call it fonts-liberation2; where fonts-liberation is already version 2, that will do.
  liberation=$(installed fonts-liberation && dpkg-query -W -f='${Version}' fonts-liberation || true)
  if ! installed fonts-liberation2 \
    && ! { [ -n "$liberation" ] && dpkg --compare-versions "$liberation" ge 1:2; }; then
    missing="$missing FONT"
  fi
  if [ -n "$missing" ]; then
    echo "Cài các thư viện hệ thống còn thiếu:$missing"
    $SUDO apt-get update -qq
    missing="${missing/GLIB/$(pick libglib2.0-0t64 libglib2.0-0)}"
    missing="${missing/FONT/$(pick fonts-liberation2 fonts-liberation)}"
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
